using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Manage;

/// <summary>
/// Who may do what in a forum, declared once. Pages ask <c>AuthorizeAsync(User, forum, ForumAccess.Manage)</c>;
/// the handler answers from the account's forum roles and the administrator claim.
/// </summary>
public static class ForumAccess
{
    public const string Manage = "ManageForum";

    /// <summary>Site-wide administration, such as creating forums: site administrators only.</summary>
    public const string Administrator = "Administrator";
    public const string AdministratorClaim = "plenary:administrator";

    public static WebApplicationBuilder AddForumAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IAuthorizationHandler, ForumAccessHandler>();
        builder.Services.AddScoped<IUserClaimsPrincipalFactory<Account>, PlenaryClaims>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Manage, policy => policy.RequireAuthenticatedUser().AddRequirements(new ForumRoleRequirement(ForumRole.Secretariat)))
            .AddPolicy(Administrator, policy => policy.RequireAuthenticatedUser().RequireClaim(AdministratorClaim, "true"));
        return builder;
    }

    public static bool IsAdministrator(this ClaimsPrincipal user) => user.HasClaim(AdministratorClaim, "true");

    public static int? AccountId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

public sealed record ForumRoleRequirement(ForumRole Role) : IAuthorizationRequirement;

/// <summary>An administrator may do anything in any forum; otherwise the account must hold the role in that forum.</summary>
public sealed class ForumAccessHandler(PlenaryDb db) : AuthorizationHandler<ForumRoleRequirement, Forum>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ForumRoleRequirement requirement, Forum forum)
    {
        if (context.User.IsAdministrator())
        {
            context.Succeed(requirement);
            return;
        }
        if (context.User.AccountId() is { } account
            && await db.ForumMembers.AnyAsync(m => m.ForumId == forum.Id && m.AccountId == account && m.Role == requirement.Role))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>Adds the administrator claim at sign-in: from the account, or from the configured list of addresses.</summary>
public sealed class PlenaryClaims(UserManager<Account> accounts, IOptions<IdentityOptions> identity, IOptions<AccountsOptions> options)
    : UserClaimsPrincipalFactory<Account>(accounts, identity)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account account)
    {
        var claims = await base.GenerateClaimsAsync(account);
        if (account.IsAdministrator || options.Value.Administrators.Contains(account.Email ?? "", StringComparer.OrdinalIgnoreCase))
        {
            claims.AddClaim(new Claim(ForumAccess.AdministratorClaim, "true"));
        }
        return claims;
    }
}
