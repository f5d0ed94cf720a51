using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Manage;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Sessions;

/// <summary>
/// Who may change a session, declared once. The forum's Secretariat and site administrators may change any session
/// of the forum; an organiser may change their own session's description, SDGs and people, never its place in the
/// timetable. Ownership is read from the session's roles at each request, so a role given or taken away counts at once.
/// </summary>
public static class SessionAccess
{
    public const string Edit = "EditSession";

    /// <summary>The session policy, and the rules for changing sessions that pages and API share.</summary>
    public static WebApplicationBuilder AddSessionEditing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SessionChange>();
        builder.Services.AddScoped<SessionRoleChange>();
        builder.Services.AddScoped<IAuthorizationHandler, SessionAccessHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Edit, policy => policy.RequireAuthenticatedUser().AddRequirements(new SessionRoleRequirement(SessionRoleKind.Organiser)));
        return builder;
    }

    /// <summary>True when the visitor runs the session's forum (Secretariat or administrator): they may also move and cancel it.</summary>
    public static async Task<bool> RunsForumAsync(this PlenaryDb db, ClaimsPrincipal user, int forumId, CancellationToken cancel = default) =>
        user.IsAdministrator()
        || (user.AccountId() is { } account
            && await db.ForumMembers.AnyAsync(m => m.ForumId == forumId && m.AccountId == account && m.Role == ForumRole.Secretariat, cancel));

    /// <summary>The session roles the visitor's own person holds in a session.</summary>
    public static async Task<List<SessionRoleKind>> RolesInAsync(this PlenaryDb db, ClaimsPrincipal user, int sessionId, CancellationToken cancel = default)
    {
        if (user.AccountId() is not { } account)
        {
            return [];
        }
        return await (from r in db.SessionRoles
                      join a in db.Users on r.PersonId equals a.PersonId
                      where r.SessionId == sessionId && a.Id == account
                      select r.Kind).Distinct().ToListAsync(cancel);
    }
}

/// <summary>Met by the forum's Secretariat, an administrator, or a person holding this role in the session itself.</summary>
public sealed record SessionRoleRequirement(SessionRoleKind Role) : IAuthorizationRequirement;

public sealed class SessionAccessHandler(PlenaryDb db) : AuthorizationHandler<SessionRoleRequirement, Session>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SessionRoleRequirement requirement, Session session)
    {
        if (await db.RunsForumAsync(context.User, session.ForumId) || (await db.RolesInAsync(context.User, session.Id)).Contains(requirement.Role))
        {
            context.Succeed(requirement);
        }
    }
}
