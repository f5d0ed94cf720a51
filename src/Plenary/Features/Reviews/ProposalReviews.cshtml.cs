using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reviews;

/// <summary>The Secretariat reads one proposal's reviews: who scored what on each criterion, and the comments to it and to the proposer.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class ProposalReviewsModel(PlenaryDb db) : ManagePageModel(db)
{
    public sealed record Row(string Reviewer, string Email, Dictionary<int, int> Scores, double? Mean, string? CommentToSecretariat, string? CommentToProposer, DateTime UpdatedAt);

    public string Title { get; private set; } = "";
    public int ProposalId { get; private set; }
    public List<ReviewCriterion> Criteria { get; private set; } = [];
    public List<Row> Reviews { get; private set; } = [];

    /// <summary>Assigned reviewers who have not scored yet.</summary>
    public List<string> Waiting { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum, int id)
    {
        var cancel = HttpContext.RequestAborted;
        if (await Db.Proposals.Where(p => p.Id == id && p.ForumId == Forum.Id).Select(p => p.Title).FirstOrDefaultAsync(cancel) is not { } title)
        {
            return NotFound();
        }
        (Title, ProposalId) = (title, id);
        Criteria = await Db.CriteriaAsync(Forum.Id, cancel);
        var weights = Criteria.ToDictionary(c => c.Id, c => c.Weight);
        var reviewers = (await Db.ReviewersAsync(Forum.Id, cancel)).ToDictionary(r => r.AccountId);
        var reviews = await Db.Reviews.Include(r => r.Scores).Where(r => r.ProposalId == id).OrderBy(r => r.Id).ToListAsync(cancel);
        // A reviewer who has since left the advisory group is still named from their account.
        var missing = reviews.Select(r => r.ReviewerId).Where(r => !reviewers.ContainsKey(r)).ToList();
        var former = await Db.Users.Where(a => missing.Contains(a.Id)).Select(a => new { a.Id, a.Email }).ToDictionaryAsync(a => a.Id, a => a.Email ?? "?", cancel);
        Reviews = reviews.Select(r => new Row(reviewers.GetValueOrDefault(r.ReviewerId)?.Name ?? former.GetValueOrDefault(r.ReviewerId) ?? "?",
            reviewers.GetValueOrDefault(r.ReviewerId)?.Email ?? former.GetValueOrDefault(r.ReviewerId) ?? "", r.Scores.ToDictionary(s => s.CriterionId, s => s.Score),
            Reviewing.WeightedMean(r.Scores, weights), r.CommentToSecretariat, r.CommentToProposer, r.UpdatedAt)).ToList();
        var scored = reviews.Select(r => r.ReviewerId).ToHashSet();
        Waiting = (await Db.ReviewAssignments.Where(a => a.ProposalId == id).Select(a => a.ReviewerId).ToListAsync(cancel))
            .Where(r => !scored.Contains(r)).Select(r => reviewers.GetValueOrDefault(r)?.Name).OfType<string>().ToList();
        return Page();
    }
}
