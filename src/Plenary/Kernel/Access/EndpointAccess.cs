using Microsoft.AspNetCore.Authorization;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Kernel.Access;

/// <summary>
/// Access for minimal API route groups and endpoints, declared once per group: loads the forum of the route (and its
/// session), answers 404 or 403 as problem details, and hands what it loaded to the handler through <see cref="Granted"/>.
/// </summary>
public static class EndpointAccess
{
    /// <summary>The policy is asked about no forum (the site's own administration); <paramref name="refusal"/> is the 403's detail.</summary>
    public static TBuilder RequireSite<TBuilder>(this TBuilder builder, string policy, string refusal) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointPolicy(policy, About: null)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            return (await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, policy)).Succeeded
                ? await next(context)
                : ApiProblems.Forbidden(refusal);
        });

    /// <summary>The policy is asked about the forum of the route; <paramref name="refusal"/> is the 403's detail.</summary>
    public static TBuilder RequireForum<TBuilder>(this TBuilder builder, string policy, string refusal) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointPolicy(policy, typeof(Forum))).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var slug = http.Request.RouteValues["forum"] as string;
            var db = http.RequestServices.GetRequiredService<PlenaryDb>();
            if (await db.FindForumAsync(slug, http.RequestAborted) is not { } forum)
            {
                return ApiProblems.NotFound("Forum", slug ?? "");
            }
            if (!(await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, forum, policy)).Succeeded)
            {
                return ApiProblems.Forbidden(refusal);
            }
            http.RequestServices.GetRequiredService<Granted>().Forum = forum;
            return await next(context);
        });

    /// <summary>The policy is asked about the session of the route (<c>{key}</c>), loaded tracked for the change the endpoint makes.</summary>
    public static TBuilder RequireSession<TBuilder>(this TBuilder builder, string policy, string refusal) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointPolicy(policy, typeof(Session))).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var (slug, key) = (http.Request.RouteValues["forum"] as string, http.Request.RouteValues["key"] as string);
            var db = http.RequestServices.GetRequiredService<PlenaryDb>();
            if (await db.FindForumAsync(slug, http.RequestAborted) is not { } forum
                || await db.FindSessionAsync(forum.Id, key, http.RequestAborted, tracked: true) is not { } session)
            {
                return ApiProblems.NotFound("Session", $"{slug}/{key}");
            }
            if (!(await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, session, policy)).Succeeded)
            {
                return ApiProblems.Forbidden(refusal);
            }
            var granted = http.RequestServices.GetRequiredService<Granted>();
            (granted.Forum, granted.Session) = (forum, session);
            return await next(context);
        });
}

/// <summary>What the access filter loaded and allowed for this request; a handler takes it as a parameter.</summary>
public sealed class Granted
{
    private Forum? forum;
    private Session? session;

    public Forum Forum { get => forum ?? throw NotDeclared(); set => forum = value; }
    public Session Session { get => session ?? throw NotDeclared(); set => session = value; }

    private static InvalidOperationException NotDeclared() =>
        new("The endpoint reads what access granted, but declares no RequireForum or RequireSession.");
}
