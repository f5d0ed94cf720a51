using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Proposals;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reviews;

/// <summary>
/// A reviewer's own page: the proposals assigned to them with where each review stands, and their declarations
/// (subthemes they know, proposals they have a conflict with). Titles only: the list never names a proposer.
/// </summary>
[ForumPolicy(Policies.Review)]
public sealed class MineModel(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L)
    : ManagePageModel(db)
{
    public sealed record Row(int Id, string Title, string? Subtheme, bool Reviewed);

    public sealed record Choice(int Id, string Title);

    public List<Row> Assigned { get; private set; } = [];
    public List<Choice> InReview { get; private set; } = [];
    public HashSet<int> Expertise { get; private set; } = [];
    public HashSet<int> Conflicts { get; private set; } = [];
    public ReviewSettings Settings { get; private set; } = null!;
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string? done)
    {
        Done = done == "declared" ? L["Your declarations are saved."].Value : null;
        return await ShowAsync();
    }

    /// <summary>Saves the reviewer's subthemes and conflicts; a conflict with an assigned proposal takes the assignment away.</summary>
    public async Task<IActionResult> OnPostDeclareAsync(string forum, int[] subthemes, int[] conflicts)
    {
        var cancel = HttpContext.RequestAborted;
        if (subthemes.Any(s => Forum.Subthemes.All(x => x.Id != s)))
        {
            Errors["subthemes"] = L["Choose subthemes from the list."];
        }
        var open = await Db.Proposals.Where(p => p.ForumId == Forum.Id && conflicts.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancel);
        if (open.Count != conflicts.Distinct().Count())
        {
            Errors["conflicts"] = L["Choose proposals from the list."];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        var forumSubthemes = Forum.Subthemes.Select(s => s.Id).ToList();
        var before = new
        {
            Subthemes = await Db.ReviewerExpertise.Where(e => e.AccountId == Account && forumSubthemes.Contains(e.SubthemeId)).Select(e => e.SubthemeId).OrderBy(x => x).ToListAsync(cancel),
            Conflicts = await Db.ReviewerConflicts.Where(c => c.AccountId == Account && Db.Proposals.Any(p => p.Id == c.ProposalId && p.ForumId == Forum.Id)).Select(c => c.ProposalId).OrderBy(x => x).ToListAsync(cancel),
        };
        Db.ReviewerExpertise.RemoveRange(before.Subthemes.Where(s => !subthemes.Contains(s)).Select(s => new ReviewerExpertise { AccountId = Account, SubthemeId = s }));
        Db.ReviewerExpertise.AddRange(subthemes.Distinct().Where(s => !before.Subthemes.Contains(s)).Select(s => new ReviewerExpertise { AccountId = Account, SubthemeId = s }));
        var now = clock.GetUtcNow().UtcDateTime;
        Db.ReviewerConflicts.RemoveRange(before.Conflicts.Where(c => !open.Contains(c)).Select(c => new ReviewerConflict { AccountId = Account, ProposalId = c }));
        Db.ReviewerConflicts.AddRange(open.Where(c => !before.Conflicts.Contains(c)).Select(c => new ReviewerConflict { AccountId = Account, ProposalId = c, DeclaredAt = now }));
        // Nobody reviews a proposal they declared a conflict with; the Secretariat gives it to someone else.
        var dropped = await Db.ReviewAssignments.AsTracking().Where(a => a.ReviewerId == Account && open.Contains(a.ProposalId)).ToListAsync(cancel);
        Db.ReviewAssignments.RemoveRange(dropped);
        Db.Record(User, clock, Forum.Id, "review.declare", $"reviewer {Account}", before,
            new { Subthemes = subthemes.Distinct().Order().ToList(), Conflicts = open.Order().ToList(), AssignmentsDropped = dropped.Select(a => a.ProposalId).ToList() });
        await Db.SaveChangesAsync(cancel);
        return Redirect(ReviewLinks.Mine(Forum.Slug) + "?done=declared");
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        Settings = await Db.ReviewSettingsAsync(Forum.Id, cancel);
        var assigned = Db.AssignedTo(Account, Forum.Id);
        var reviewed = await Db.Reviews.Where(r => r.ReviewerId == Account && assigned.Contains(r.ProposalId)).Select(r => r.ProposalId).ToListAsync(cancel);
        Assigned = (await Db.Proposals.Where(p => assigned.Contains(p.Id)).OrderBy(p => p.Id).Select(p => new { p.Id, p.Title, p.SubthemeId }).ToListAsync(cancel))
            .Select(p => new Row(p.Id, p.Title, Forum.Subthemes.FirstOrDefault(s => s.Id == p.SubthemeId)?.Name, reviewed.Contains(p.Id))).ToList();
        InReview = await Db.Proposals.Where(p => p.ForumId == Forum.Id && (p.State == ProposalState.InReview || p.State == ProposalState.Submitted))
            .OrderBy(p => p.Title).Select(p => new Choice(p.Id, p.Title)).Take(5_000).ToListAsync(cancel);
        var forumSubthemes = Forum.Subthemes.Select(s => s.Id).ToList();
        Expertise = [.. await Db.ReviewerExpertise.Where(e => e.AccountId == Account && forumSubthemes.Contains(e.SubthemeId)).Select(e => e.SubthemeId).ToListAsync(cancel)];
        Conflicts = [.. await Db.ReviewerConflicts.Where(c => c.AccountId == Account).Select(c => c.ProposalId).ToListAsync(cancel)];
        return Page();
    }
}
