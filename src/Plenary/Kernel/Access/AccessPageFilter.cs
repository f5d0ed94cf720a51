using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Kernel.Access;

/// <summary>
/// Applies the policy a page declares (<see cref="AccessAttribute"/>) before any of its handlers runs: the forum of the
/// route, and its session where the page is about one, or 404; then the policy against what was loaded, or a challenge
/// (not signed in) or 403 (signed in, not allowed). The page receives the forum (and session) it was allowed.
/// </summary>
public sealed class AccessPageFilter(PlenaryDb db, IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerInstance.GetType().GetCustomAttribute<AccessAttribute>() is not { } declared)
        {
            await next();
            return;
        }
        var page = context.HandlerInstance as ForumPageModel
            ?? throw new InvalidOperationException($"{context.HandlerInstance.GetType().Name} declares a forum policy but is not a page of a forum.");
        var http = context.HttpContext;
        if (await db.FindForumAsync(context.RouteData.Values["forum"] as string, http.RequestAborted) is not { } forum)
        {
            context.Result = new NotFoundResult();
            return;
        }
        page.Show(forum);
        object resource = forum;
        if (declared is SessionPolicyAttribute onSession)
        {
            if (await db.FindSessionAsync(forum.Id, context.RouteData.Values["key"] as string, http.RequestAborted, onSession.Tracked) is not { } session)
            {
                context.Result = new NotFoundResult();
                return;
            }
            (page as SessionPageModel ?? throw new InvalidOperationException($"{page.GetType().Name} declares a session policy but is not a session's page.")).Session = session;
            resource = session;
        }
        if (!(await authorization.AuthorizeAsync(http.User, resource, declared.Name)).Succeeded)
        {
            context.Result = http.User.Identity?.IsAuthenticated == true ? new ForbidResult() : new ChallengeResult();
            return;
        }
        await next();
    }
}
