using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Kernel.Access;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Security;

/// <summary>
/// Who may use a page or an endpoint is declared on it, never left to a line its handler must remember: a page model
/// names a policy (<see cref="ForumPolicyAttribute"/>, <see cref="SessionPolicyAttribute"/>), asks for a signed-in
/// account (<c>[Authorize]</c>) or says it is public (<c>[AllowAnonymous]</c>); a minimal API endpoint does the same with
/// <c>RequireForum</c>/<c>RequireSession</c>, <c>RequireAuthorization</c> or <c>AllowAnonymous</c>.
/// The authorisation matrix then checks that each declaration gives the answers written down for it.
/// </summary>
public abstract class DeclaredAccessTests(PlenaryApp app)
{
    [Fact]
    public void Every_page_model_declares_who_may_use_it()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract).ToList();
        pages.Count.ShouldBeGreaterThan(50);
        pages.Where(t => !Declares(t.GetCustomAttributes(inherit: true))).Select(t => t.FullName).ShouldBeEmpty("page models that declare no policy");
    }

    [Fact]
    public void Every_endpoint_declares_who_may_use_it()
    {
        var undeclared = Endpoints()
            .Where(e => !Declares(e.Metadata))
            .Select(e => e.DisplayName).ToList();
        undeclared.ShouldBeEmpty("endpoints that declare no policy");
    }

    [Fact]
    public void Every_page_of_the_workspace_applies_a_forum_or_session_policy()
    {
        // The workspace is the Secretariat's (and, for messages, its editors'): "signed in" alone is never enough there.
        var workspace = Endpoints().Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("{forum}/manage", StringComparison.Ordinal)).ToList();
        workspace.Count.ShouldBeGreaterThan(25);
        workspace.Where(e => e.Metadata.GetMetadata<AccessAttribute>() is null).Select(e => e.RoutePattern.RawText).ShouldBeEmpty("workspace pages without a forum or session policy");
    }

    [Fact]
    public void Every_change_through_the_api_applies_a_policy()
    {
        // Changes by API answer to a policy on the forum, the session or the site (creating a forum), never to a check
        // in the handler; a person's own registration is the one exception. SDG suggestions are a POST only because a text can
        // be long: they change nothing, are anyone's, and are rate-limited instead.
        var changes = Endpoints().Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal)
            && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is { } methods && !methods.HttpMethods.Contains("GET")
            && !e.RoutePattern.RawText.StartsWith("/api/forums/{forum}/registration", StringComparison.Ordinal)
            && !(e.RoutePattern.RawText == "/api/sdgs/suggest" && e.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>() is not null)).ToList();
        changes.Count.ShouldBeGreaterThan(15);
        changes.Where(e => e.Metadata.GetMetadata<EndpointPolicy>() is null).Select(e => e.DisplayName).ShouldBeEmpty("API changes without a policy");
    }

    [Fact]
    public void Every_signed_in_endpoint_of_a_forum_applies_a_forum_or_session_policy()
    {
        // Being signed in says nothing about a forum: an endpoint of one (not a page, which the test above covers) asks a
        // policy of it. The exceptions are one's own registration, and the proposals API, which lists what each caller may read.
        var endpoints = Endpoints().Where(e => e.Metadata.GetMetadata<CompiledPageActionDescriptor>() is null
            && (e.RoutePattern.RawText!.StartsWith("/{forum}/", StringComparison.Ordinal) || e.RoutePattern.RawText.StartsWith("/api/forums/{forum}", StringComparison.Ordinal))
            && e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null
            && !e.RoutePattern.RawText.StartsWith("/api/forums/{forum}/registration", StringComparison.Ordinal)
            && !e.RoutePattern.RawText.StartsWith("/api/forums/{forum}/proposals", StringComparison.Ordinal)).ToList();
        endpoints.Count.ShouldBeGreaterThan(15);
        endpoints.Where(e => e.Metadata.GetMetadata<EndpointPolicy>() is not { About: { } }).Select(e => e.DisplayName).ShouldBeEmpty("signed-in endpoints of a forum without a forum or session policy");
    }

    private static bool Declares(IEnumerable<object> metadata) =>
        metadata.Any(m => m is IAuthorizeData or IAllowAnonymous or EndpointPolicy);

    /// <summary>Every endpoint but the static files (the framework's own, public by nature, with their fallback for files added while developing).</summary>
    private List<RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor") && e.RoutePattern.RawText != "{**path:file}").ToList();
}

[Collection("sqlite")]
public sealed class DeclaredAccessOnSqlite(SqliteApp app) : DeclaredAccessTests(app);

[Collection("postgres")]
public sealed class DeclaredAccessOnPostgres(PostgresApp app) : DeclaredAccessTests(app);
