using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Plenary.Features.Accounts;
using Plenary.Features.Sessions;

namespace Plenary.Kernel.Access;

/// <summary>
/// Who may do what, declared once: every policy of the app is a list of roles, registered here. Pages name a policy
/// with <see cref="ForumPolicyAttribute"/>, <see cref="SessionPolicyAttribute"/> or <see cref="ProposalPolicyAttribute"/>, API
/// route groups and endpoints with <see cref="EndpointAccess.RequireForum{TBuilder}"/>, <see cref="EndpointAccess.RequireSession{TBuilder}"/>
/// or <see cref="EndpointAccess.RequireSite{TBuilder}"/>;
/// <see cref="AccessHandler"/> answers them all.
/// </summary>
public static class Policies
{
    /// <summary>The forum's workspace: its Secretariat.</summary>
    public const string RunForum = "ManageForum";

    /// <summary>The reviewers' own pages: the forum's advisory group. The Secretariat runs the review from the workspace instead.</summary>
    public const string Review = "ReviewProposals";

    /// <summary>The forum's messages: its Secretariat and the message editors it names.</summary>
    public const string EditMessages = "EditForumMessages";

    /// <summary>
    /// Visa invitation requests with their passport data: the forum's visa desk only. Unlike every other forum policy it
    /// lets no site administrator through: passport data is for those whom the Secretariat named, and an administrator who
    /// needs it names themselves, which the audit log records.
    /// </summary>
    public const string HandleVisas = "HandleVisaLetters";

    /// <summary>A session's description, SDGs and people: its organisers.</summary>
    public const string EditSession = "EditSession";

    /// <summary>A session's takeaways, report and transcript: its rapporteur and organisers.</summary>
    public const string WriteOutputs = "WriteSessionOutputs";

    /// <summary>A session's live queue (raise a hand, ask and upvote questions): anyone signed in.</summary>
    public const string JoinQueue = "JoinSessionQueue";

    /// <summary>The moderators' console of a session's queue.</summary>
    public const string ModerateQueue = "ModerateSessionQueue";

    /// <summary>The queue's record after the session.</summary>
    public const string SeeQueueRecord = "SeeSessionQueueRecord";

    /// <summary>A proposal: its authors (proposer and co-organisers), and its forum's Secretariat, who reads it.</summary>
    public const string SeeProposal = "SeeProposal";

    /// <summary>Writing, handing in and withdrawing a proposal, answering merge suggestions: its authors only, never the Secretariat in their name.</summary>
    public const string ChangeProposal = "ChangeProposal";

    /// <summary>Site-wide administration, such as creating forums: site administrators only.</summary>
    public const string Administer = "Administrator";

    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IAuthorizationHandler, AccessHandler>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ReaderRoles>();
        builder.Services.AddScoped<Granted>();
        builder.Services.AddScoped<IUserClaimsPrincipalFactory<Account>, PlenaryClaims>();
        builder.Services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new AccessPageFilter()));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(RunForum, ForumRoles(ForumRole.Secretariat))
            .AddPolicy(Review, ForumRoles(ForumRole.Reviewer))
            .AddPolicy(EditMessages, ForumRoles(ForumRole.Secretariat, ForumRole.MessageEditor))
            .AddPolicy(HandleVisas, policy => policy.RequireAuthenticatedUser().AddRequirements(new ForumMemberRequirement(ForumRole.VisaDesk)))
            .AddPolicy(EditSession, SessionRoles(SessionRoleKind.Organiser))
            .AddPolicy(WriteOutputs, SessionRoles(SessionRoleKind.Rapporteur, SessionRoleKind.Organiser))
            // Any signed-in account for now; "registered participants only" becomes a role here once registration asks for it.
            .AddPolicy(JoinQueue, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(ModerateQueue, SessionRoles(SessionRoleKind.OnsiteModerator, SessionRoleKind.OnlineModerator, SessionRoleKind.Organiser))
            .AddPolicy(SeeQueueRecord, SessionRoles(SessionRoleKind.Rapporteur, SessionRoleKind.Organiser, SessionRoleKind.OnsiteModerator, SessionRoleKind.OnlineModerator))
            .AddPolicy(SeeProposal, policy => policy.RequireAuthenticatedUser().AddRequirements(new ProposalAuthorsRequirement(AndItsSecretariat: true)))
            .AddPolicy(ChangeProposal, policy => policy.RequireAuthenticatedUser().AddRequirements(new ProposalAuthorsRequirement(AndItsSecretariat: false)))
            .AddPolicy(Administer, policy => policy.RequireAuthenticatedUser().RequireClaim(AccountClaims.Administrator, "true"));
        return builder;
    }

    private static Action<AuthorizationPolicyBuilder> ForumRoles(params ForumRole[] roles) =>
        policy => policy.RequireAuthenticatedUser().AddRequirements(new ForumRoleRequirement(roles));

    private static Action<AuthorizationPolicyBuilder> SessionRoles(params SessionRoleKind[] roles) =>
        policy => policy.RequireAuthenticatedUser().AddRequirements(new SessionRoleRequirement(roles));
}

/// <summary>The signed-in account as the cookie or the API token tells it.</summary>
public static class AccountClaims
{
    public const string Administrator = "plenary:administrator";

    public static bool IsAdministrator(this ClaimsPrincipal user) => user.HasClaim(Administrator, "true");

    public static int? AccountId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

/// <summary>
/// The claims of a signed-in account: Identity's own (id, user name, email, security stamp) and the administrator claim,
/// from the account or from the configured list of addresses. Made at every sign-in, every stamp refresh and every API
/// call (<see cref="Features.Accounts.ApiTokenAuthentication"/>), so from the account already read: Identity's factory
/// would also read the account's rows of the claims table, which Plenary never writes, one round trip per API call.
/// </summary>
public sealed class PlenaryClaims(UserManager<Account> accounts, IOptions<IdentityOptions> identity, IOptions<AccountsOptions> options)
    : UserClaimsPrincipalFactory<Account>(accounts, identity)
{
    protected override Task<ClaimsIdentity> GenerateClaimsAsync(Account account)
    {
        var names = Options.ClaimsIdentity;
        var claims = new ClaimsIdentity(IdentityConstants.ApplicationScheme, names.UserNameClaimType, names.RoleClaimType);
        claims.AddClaim(new Claim(names.UserIdClaimType, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        claims.AddClaim(new Claim(names.UserNameClaimType, account.UserName ?? ""));
        if (!string.IsNullOrEmpty(account.Email))
        {
            claims.AddClaim(new Claim(names.EmailClaimType, account.Email));
        }
        claims.AddClaim(new Claim(names.SecurityStampClaimType, account.SecurityStamp ?? ""));
        if (account.IsAdministrator || options.Value.Administrators.Contains(account.Email ?? "", StringComparer.OrdinalIgnoreCase))
        {
            claims.AddClaim(new Claim(AccountClaims.Administrator, "true"));
        }
        return Task.FromResult(claims);
    }
}
