using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Proposals;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Features.Reviews;

/// <summary>A proposer or co-organiser answers a merge suggestion from their proposal's page.</summary>
[ProposalPolicy(Policies.ChangeProposal)]
public sealed class MergeAnswerModel(PlenaryDb db, Merges merges) : ProposalPageModel(db)
{
    public IActionResult OnGet(string forum, int id) => Redirect(ProposalLinks.Proposal(forum, id));

    public async Task<IActionResult> OnPostAsync(string forum, int id, int suggestion, string? answer)
    {
        if (answer is not (nameof(MergeAnswer.Accepted) or nameof(MergeAnswer.Declined)))
        {
            return BadRequest();
        }
        if (!await merges.AnswerAsync(Forum, Proposal!, suggestion, Enum.Parse<MergeAnswer>(answer), User, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        return Redirect(ProposalLinks.Proposal(Forum.Slug, id));
    }
}
