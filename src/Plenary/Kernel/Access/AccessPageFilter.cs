using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Proposals;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Kernel.Access;

/// <summary>
/// Applies the policy a page declares (<see cref="AccessAttribute"/>) before any of its handlers runs: the forum of the
/// route, and its session or proposal where the page is about one, or 404; then the policy against what was loaded, and
/// for a POST its <see cref="AccessAttribute.ToChange"/> policy too, or a challenge (not signed in) or 403 (signed in, not
/// allowed). The page receives the forum (and session or proposal) it was allowed, and whether the visitor may change it.
/// One instance serves every request: a page that declares no policy (the programme a signed-in participant reloads,
/// served kept whole) costs a dictionary lookup, not a filter built with its services and the page's attributes read by
/// reflection, as it did on every request (a twentieth of the signed-in programme's CPU, docs/performance.md).
/// </summary>
public sealed class AccessPageFilter : IAsyncPageFilter
{
    private static readonly ConcurrentDictionary<Type, AccessAttribute?> Declared = new();

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (Declared.GetOrAdd(context.HandlerInstance.GetType(), type => type.GetCustomAttribute<AccessAttribute>()) is not { } declared)
        {
            await next();
            return;
        }
        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<PlenaryDb>();
        var forums = services.GetRequiredService<KeptForums>();
        var page = context.HandlerInstance as ForumPageModel
            ?? throw new InvalidOperationException($"{context.HandlerInstance.GetType().Name} declares a forum policy but is not a page of a forum.");
        var http = context.HttpContext;
        var slug = context.RouteData.Values["forum"] as string;
        var light = declared is SessionPolicyAttribute { HeadOnly: true, Tracked: false };
        if (await (light || declared.KeptForum ? forums.FindAsync(db, slug, http.RequestAborted) : db.FindForumAsync(slug, http.RequestAborted)) is not { } forum)
        {
            context.Result = new NotFoundResult();
            return;
        }
        page.Show(forum);
        object? resource = forum;
        if (declared is SessionPolicyAttribute onSession)
        {
            var key = context.RouteData.Values["key"] as string;
            var found = light ? db.FindSessionHeadAsync(forum.Id, key, http.RequestAborted)
                : onSession.OutputsOnly ? db.FindSessionOutputsAsync(forum.Id, key, http.RequestAborted)
                : db.FindSessionAsync(forum.Id, key, http.RequestAborted, onSession.Tracked);
            if (await found is not { } session)
            {
                context.Result = new NotFoundResult();
                return;
            }
            (page as SessionPageModel ?? throw new InvalidOperationException($"{page.GetType().Name} declares a session policy but is not a session's page.")).Session = session;
            resource = session;
        }
        else if (declared is ProposalPolicyAttribute onProposal)
        {
            var proposalPage = page as ProposalPageModel ?? throw new InvalidOperationException($"{page.GetType().Name} declares a proposal policy but is not a proposal's page.");
            var id = context.RouteData.Values["id"] as string;
            if (onProposal.OrNew && id == "new")
            {
                // Starting a proposal asks only that one is signed in, as the plain [Authorize] of the attribute already did.
                resource = null;
            }
            else if (await FindProposalAsync(db, forum.Id, id, onProposal.Tracked, http.RequestAborted) is { } proposal)
            {
                resource = proposalPage.Proposal = proposal;
            }
            else
            {
                context.Result = new NotFoundResult();
                return;
            }
        }
        if (resource is not null)
        {
            var allowed = await AllowsAsync(http, resource, declared.Name);
            page.MayChange = allowed && (declared.ToChange is null || await AllowsAsync(http, resource, declared.ToChange));
            if (!allowed || (!page.MayChange && HttpMethods.IsPost(http.Request.Method)))
            {
                context.Result = http.User.Identity?.IsAuthenticated == true ? new ForbidResult() : new ChallengeResult();
                return;
            }
        }
        else
        {
            page.MayChange = http.User.Identity?.IsAuthenticated == true;
        }
        await next();
    }

    private static async Task<bool> AllowsAsync(HttpContext http, object resource, string policy) =>
        (await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, resource, policy)).Succeeded;

    private static async Task<Proposal?> FindProposalAsync(PlenaryDb db, int forumId, string? id, bool tracked, CancellationToken cancel)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }
        var proposals = tracked ? db.Proposals.AsTracking() : db.Proposals;
        return await proposals.Include(p => p.People).Include(p => p.Sdgs).Include(p => p.FrameworkLinks).Include(p => p.Sections).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == number && p.ForumId == forumId, cancel);
    }
}
