using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Plenary.Kernel.Access;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Proposals;

/// <summary>
/// Who wrote a proposal, read from the data at each request: the proposer and the co-organisers (named by the address of
/// a confirmed account) edit it together; the forum's Secretariat and administrators read it
/// (<see cref="Policies.SeeProposal"/>, <see cref="Policies.ChangeProposal"/>).
/// </summary>
public static class ProposalAccess
{
    public static WebApplicationBuilder AddProposals(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProposalChange>();
        builder.Services.AddScoped<Screening>();
        builder.Services.AddScoped<ProposalStates>();
        return builder;
    }

    /// <summary>
    /// True for the proposal's authors (loaded with its people); the policies read it through <see cref="ProposalAuthorsRequirement"/>.
    /// Addresses are compared in memory, where case folding covers every script, unlike SQLite's <c>lower()</c>.
    /// </summary>
    public static async Task<bool> WroteProposalAsync(this PlenaryDb db, ClaimsPrincipal user, Proposal proposal, CancellationToken cancel = default)
    {
        if (user.AccountId() is not { } account)
        {
            return false;
        }
        if (proposal.ProposerId == account)
        {
            return true;
        }
        var email = await db.Users.Where(a => a.Id == account && a.EmailConfirmed).Select(a => a.NormalizedEmail).FirstOrDefaultAsync(cancel);
        return email is not null && proposal.People.Any(p => p.Kind == SessionRoleKind.Organiser && string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The proposals the visitor may edit in a forum: their own and those naming them as co-organiser.</summary>
    public static async Task<IQueryable<Proposal>> EditableByAsync(this PlenaryDb db, ClaimsPrincipal user, int forumId, CancellationToken cancel)
    {
        var account = user.AccountId() ?? 0;
        var email = (await db.Users.Where(a => a.Id == account && a.EmailConfirmed).Select(a => a.NormalizedEmail).FirstOrDefaultAsync(cancel) ?? "\u0000").ToLowerInvariant();
        return db.Proposals.Where(p => p.ForumId == forumId
            && (p.ProposerId == account || p.People.Any(x => x.Kind == SessionRoleKind.Organiser && x.Email.ToLower() == email)));
    }
}
