using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Plenary.Features.Accounts;
using Plenary.Kernel.Access;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// The OpenAPI document's account of who may call what: the personal API token as the <c>bearer</c> scheme, and on each
/// operation that refuses a caller without one its requirement with the 401 it answers, plus the 403 where a policy
/// may still refuse the token's account. Read from the same endpoint metadata the authorization middleware and the
/// access filters act on, never written per endpoint, so a client generated from the document cannot be told an
/// operation is open when it is not, nor the other way round.
/// </summary>
public static class ApiSecurityDocument
{
    /// <summary>The scheme's name in <c>components.securitySchemes</c>.</summary>
    public const string Scheme = "bearer";

    private const string Problem = "ProblemDetails";

    public static OpenApiOptions AddApiTokenSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = $"{ApiToken.Prefix}…",
                Description = $"A personal API token, made by a signed-in person at /account/api-tokens and shown once, sent as "
                    + $"`Authorization: Bearer {ApiToken.Prefix}…`. It acts with its account's rights (the forum's Secretariat, a "
                    + "session's organisers, a site administrator…) until it expires or is revoked; a browser's sign-in cookie is "
                    + "never accepted instead. Too many wrong tokens from one address are answered 429 with Retry-After.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, cancel) =>
        {
            var access = await AccessAsync(context.Description.ActionDescriptor.EndpointMetadata, context.ApplicationServices);
            if (access == Access.NoToken || context.Document is not { } document)
            {
                return;
            }
            document.AddComponent(Problem, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancel));
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] });
            operation.Responses ??= new OpenApiResponses();
            operation.Responses["401"] = ProblemResponse(document,
                $"No API token, or one that is unknown, revoked or expired: send `Authorization: Bearer {ApiToken.Prefix}…` with a token made at /account/api-tokens.");
            if (access == Access.TokenAndPolicy)
            {
                operation.Responses["403"] = ProblemResponse(document,
                    "The token's account may not do this here; the problem's detail says who may.");
            }
        });
        return options;
    }

    /// <summary>What a caller needs, by the endpoint's own metadata.</summary>
    public enum Access
    {
        /// <summary>No token is asked for: the operation is anyone's.</summary>
        NoToken,

        /// <summary>Any valid token: the answer is about the token's own account (its registration, the proposals it may read).</summary>
        Token,

        /// <summary>A valid token whose account a policy then allows (the forum's Secretariat, the session's organisers, a site administrator).</summary>
        TokenAndPolicy,
    }

    /// <summary>
    /// As the authorization middleware reads the metadata: <c>AllowAnonymous</c> anywhere opens the endpoint, otherwise the
    /// combined policy of its <c>RequireAuthorization</c>s (the route group's included) says whether an anonymous caller is
    /// turned away, and by which authentication schemes a caller may be known. A policy beyond "signed in", or the access
    /// filter's <see cref="EndpointPolicy"/> (RequireForum, RequireSession, RequireSite), may refuse a known caller.
    /// </summary>
    public static async Task<Access> AccessAsync(IList<object> metadata, IServiceProvider services)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return Access.NoToken;
        }
        var policy = await AuthorizationPolicy.CombineAsync(services.GetRequiredService<IAuthorizationPolicyProvider>(),
            metadata.OfType<IAuthorizeData>(), metadata.OfType<AuthorizationPolicy>());
        // An endpoint that knows its callers by the sign-in cookie alone would ignore a token: declaring one would send
        // clients a credential that cannot work (such endpoints are the pages' own, left out of the document).
        if (policy is null || !policy.Requirements.OfType<DenyAnonymousAuthorizationRequirement>().Any()
            || !policy.AuthenticationSchemes.Contains(ApiTokenAuthentication.SchemeName))
        {
            return Access.NoToken;
        }
        return metadata.OfType<EndpointPolicy>().Any() || policy.Requirements.Any(r => r is not DenyAnonymousAuthorizationRequirement)
            ? Access.TokenAndPolicy
            : Access.Token;
    }

    private static OpenApiResponse ProblemResponse(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, document) },
        },
    };
}
