using Microsoft.AspNetCore.Authorization;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Queue;

/// <summary>
/// Who may do what with a session's speaking queue, declared once. Pages and the event stream ask
/// <c>AuthorizeAsync(User, session, QueueAccess.X)</c>; one handler answers from the session's roles and the forum's Secretariat.
/// </summary>
public static class QueueAccess
{
    /// <summary>The live page: raise a hand, ask and upvote questions.</summary>
    public const string Join = "JoinSessionQueue";

    /// <summary>The moderators' console.</summary>
    public const string Moderate = "ModerateSessionQueue";

    /// <summary>The queue's record after the session.</summary>
    public const string Record = "SeeSessionQueueRecord";

    public static void AddPolicies(AuthorizationBuilder authorization) => authorization
        // Any signed-in account for now; "registered participants only" becomes a check in the handler once registration exists.
        .AddPolicy(Join, policy => policy.RequireAuthenticatedUser().AddRequirements(new QueueRequirement([], AnySignedIn: true)))
        .AddPolicy(Moderate, policy => policy.RequireAuthenticatedUser().AddRequirements(new QueueRequirement(
            [SessionRoleKind.OnsiteModerator, SessionRoleKind.OnlineModerator, SessionRoleKind.Organiser])))
        .AddPolicy(Record, policy => policy.RequireAuthenticatedUser().AddRequirements(new QueueRequirement(
            [SessionRoleKind.Rapporteur, SessionRoleKind.Organiser, SessionRoleKind.OnsiteModerator, SessionRoleKind.OnlineModerator])));
}

/// <summary>Met by the forum's Secretariat, an administrator, or a person holding one of the roles in the session.</summary>
public sealed record QueueRequirement(SessionRoleKind[] Roles, bool AnySignedIn = false) : IAuthorizationRequirement;

public sealed class QueueAccessHandler(PlenaryDb db) : AuthorizationHandler<QueueRequirement, Session>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, QueueRequirement requirement, Session session)
    {
        if (requirement.AnySignedIn && context.User.Identity?.IsAuthenticated == true)
        {
            context.Succeed(requirement);
            return;
        }
        if (await db.RunsForumAsync(context.User, session.ForumId)
            || (await db.RolesInAsync(context.User, session.Id)).Intersect(requirement.Roles).Any())
        {
            context.Succeed(requirement);
        }
    }
}
