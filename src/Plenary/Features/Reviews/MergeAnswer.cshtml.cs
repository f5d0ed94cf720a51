using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Proposals;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reviews;

/// <summary>A proposer or co-organiser answers a merge suggestion from their proposal's page.</summary>
[Authorize]
public sealed class MergeAnswerModel(PlenaryDb db, Merges merges) : ForumPageModel(db)
{
    public IActionResult OnGet(string forum, int id) => Redirect(ProposalLinks.Proposal(forum, id));

    public async Task<IActionResult> OnPostAsync(string forum, int id, int suggestion, string? answer)
    {
        var cancel = HttpContext.RequestAborted;
        if (!await LoadForumAsync(forum)
            || await Db.Proposals.Include(p => p.People).FirstOrDefaultAsync(p => p.Id == id && p.ForumId == Forum.Id, cancel) is not { } proposal)
        {
            return NotFound();
        }
        if (!await Db.MayEditProposalAsync(User, proposal, cancel))
        {
            return Forbid();
        }
        if (answer is not (nameof(MergeAnswer.Accepted) or nameof(MergeAnswer.Declined)))
        {
            return BadRequest();
        }
        if (!await merges.AnswerAsync(Forum, proposal, suggestion, Enum.Parse<MergeAnswer>(answer), User, cancel))
        {
            return NotFound();
        }
        return Redirect(ProposalLinks.Proposal(Forum.Slug, id));
    }
}
