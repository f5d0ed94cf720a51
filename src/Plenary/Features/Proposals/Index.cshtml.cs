using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Proposals;

/// <summary>
/// The visitor's proposals in a forum (their own and those they co-organise), each with its state and the reasons given.
/// A visitor who is not signed in is sent to the public call instead of a bare sign-in form: most who type or follow
/// this address are looking for the call, and the call page offers both the way in and "Sign in to see your proposals".
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(PlenaryDb db, ProposalStates states, TimeProvider clock) : ForumPageModel(db)
{
    public sealed record Row(int Id, string Title, ProposalState State, DateTime UpdatedAt, string? Reason);

    public List<Row> Rows { get; private set; } = [];
    public Call? Call { get; private set; }
    public bool CallOpen { get; private set; }
    public ForumClock Zone { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        if (User.Identity?.IsAuthenticated != true)
        {
            return Redirect(ProposalLinks.Call(Forum.Slug));
        }
        var cancel = HttpContext.RequestAborted;
        Call = await Db.Calls.FirstOrDefaultAsync(c => c.ForumId == Forum.Id, cancel);
        CallOpen = Call?.IsOpenAt(clock.GetUtcNow().UtcDateTime) == true;
        Zone = await states.ZoneOfAsync(User, Forum, cancel);
        var mine = await Db.EditableByAsync(User, Forum.Id, cancel);
        var proposals = await mine.OrderByDescending(p => p.UpdatedAt).Select(p => new { p.Id, p.Title, p.State, p.UpdatedAt }).ToListAsync(cancel);
        var ids = proposals.Select(p => p.Id).ToList();
        // The reason of the latest change of state, which is what the proposer needs to act on.
        var reasons = (await Db.ProposalHistory.Where(e => ids.Contains(e.ProposalId)).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Select(e => new { e.ProposalId, e.Reason }).ToListAsync(cancel))
            .GroupBy(e => e.ProposalId).ToDictionary(g => g.Key, g => g.First().Reason);
        Rows = proposals.Select(p => new Row(p.Id, p.Title, p.State, p.UpdatedAt, reasons.GetValueOrDefault(p.Id))).ToList();
        return Page();
    }
}
