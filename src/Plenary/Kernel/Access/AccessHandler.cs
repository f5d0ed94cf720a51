using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Proposals;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Kernel.Access;

/// <summary>Met by an account holding one of the roles in the forum asked about (or in the forum of the session asked about).</summary>
public sealed record ForumRoleRequirement(params ForumRole[] Roles) : IAuthorizationRequirement;

/// <summary>Met by a person holding one of the roles in the session asked about.</summary>
/// <summary>Holding this role in the forum, as its member: no site administrator passes unless named (see <see cref="Policies.HandleVisas"/>).</summary>
public sealed record ForumMemberRequirement(ForumRole Role) : IAuthorizationRequirement;

public sealed record SessionRoleRequirement(params SessionRoleKind[] Roles) : IAuthorizationRequirement;

/// <summary>
/// Met by the authors of the proposal asked about: its proposer and the co-organisers it names by the address of a
/// confirmed account; with <paramref name="AndItsSecretariat"/>, also by whoever runs its forum (Secretariat, administrators).
/// </summary>
public sealed record ProposalAuthorsRequirement(bool AndItsSecretariat) : IAuthorizationRequirement;

/// <summary>
/// The one handler of every requirement. Site administrators pass every forum and session requirement. The forum's
/// Secretariat passes every session requirement of its forum, and the forum requirements that name it (the review stays
/// the advisory group's own). A proposal is its authors' own: the Secretariat and administrators pass only a requirement
/// that names them, for reading it. Roles are read at each request, so a role given or taken away counts at once (and
/// once per GET request: <see cref="ReaderRoles"/>).
/// </summary>
public sealed class AccessHandler(PlenaryDb db, ReaderRoles roles) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var met = (requirement, context.Resource) switch
            {
                (ForumRoleRequirement r, Forum forum) => await roles.HoldsForumRoleAsync(context.User, forum.Id, r.Roles),
                (ForumMemberRequirement r, Forum forum) => context.User.AccountId() is { } member
                    && await db.ForumMembers.AnyAsync(m => m.ForumId == forum.Id && m.AccountId == member && m.Role == r.Role),
                (ForumRoleRequirement r, Session session) => await roles.HoldsForumRoleAsync(context.User, session.ForumId, r.Roles),
                (SessionRoleRequirement r, Session session) => await roles.RunsForumOrHoldsAsync(context.User, session.ForumId, session.Id, r.Roles),
                (ProposalAuthorsRequirement r, Proposal proposal) => await db.WroteProposalAsync(context.User, proposal)
                    || (r.AndItsSecretariat && await roles.RunsForumAsync(context.User, proposal.ForumId)),
                _ => false,
            };
            if (met)
            {
                context.Succeed(requirement);
            }
        }
    }
}

/// <summary>Forum roles as access reads them, for code with a context but no request's <see cref="ReaderRoles"/>.</summary>
public static class ForumMembership
{
    /// <summary>True when the visitor runs the forum: its Secretariat, or a site administrator. They may also move and cancel sessions.</summary>
    public static Task<bool> RunsForumAsync(this PlenaryDb db, ClaimsPrincipal user, int forumId, CancellationToken cancel = default) =>
        ReaderRoles.Unremembered(db).RunsForumAsync(user, forumId, cancel);

    /// <summary>True for a site administrator, or an account holding one of the roles in the forum.</summary>
    public static Task<bool> HoldsForumRoleAsync(this PlenaryDb db, ClaimsPrincipal user, int forumId, IReadOnlyCollection<ForumRole> roles, CancellationToken cancel = default) =>
        ReaderRoles.Unremembered(db).HoldsForumRoleAsync(user, forumId, roles, cancel);
}
