using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Proposals;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reviews;

/// <summary>
/// Who reviews what: the automatic assignment over the proposals in review (keeping what is already assigned), the
/// load of each reviewer, and assignments added or removed by hand. A conflict is refused with the reason.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class AssignmentsModel(PlenaryDb db, AssignmentChange change, TimeProvider clock, IStringLocalizer<SharedResource> L)
    : ManagePageModel(db)
{
    public sealed record ReviewerLoad(ReviewerRow Reviewer, int Load, int Reviewed, List<string> Expertise, int Conflicts);

    public sealed record ProposalRow(int Id, string Title, string? Subtheme, List<ReviewerRow> Reviewers);

    [BindProperty] public string? ReviewersPerProposal { get; set; }
    [BindProperty] public int Proposal { get; set; }
    [BindProperty] public int Reviewer { get; set; }

    public List<ReviewerLoad> Reviewers { get; private set; } = [];
    public List<ProposalRow> Proposals { get; private set; } = [];
    public List<AssignmentShortfall> Unfilled { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, int? added, string? done)
    {
        ReviewersPerProposal = (await Db.ReviewSettingsAsync(Forum.Id, HttpContext.RequestAborted)).ReviewersPerProposal.ToString(CultureInfo.InvariantCulture);
        Done = done switch
        {
            "auto" => L["Automatic assignment done: {0} assignments added.", added ?? 0].Value,
            "added" => L["The assignment is added."].Value,
            "removed" => L["The assignment is removed."].Value,
            _ => null,
        };
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAutomaticAsync(string forum)
    {
        var done = await change.AssignAutomaticallyAsync(Forum, new AutomaticAssignmentForm { ReviewersPerProposal = ReviewersPerProposal }, User, HttpContext.RequestAborted);
        if (!done.IsDone)
        {
            this.ShowRefusal(done.Reasons, Errors);
            return await ShowAsync();
        }
        var (added, unfilled) = done.Value!;
        if (unfilled.Count > 0)
        {
            // The shortfalls are shown at once, on the page that can mend them.
            Unfilled = unfilled;
            Done = L["Automatic assignment done: {0} assignments added.", added];
            return await ShowAsync();
        }
        return Redirect(ReviewLinks.Assignments(Forum.Slug) + $"?done=auto&added={added}");
    }

    public async Task<IActionResult> OnPostAddAsync(string forum)
    {
        var done = await change.AddAsync(Forum, new AssignmentForm { Proposal = Proposal, Reviewer = Reviewer }, User, HttpContext.RequestAborted);
        if (!done.IsDone)
        {
            this.ShowRefusal(done.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(ReviewLinks.Assignments(Forum.Slug) + "?done=added");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum)
    {
        var cancel = HttpContext.RequestAborted;
        var assignment = await Db.ReviewAssignments.AsTracking()
            .FirstOrDefaultAsync(a => a.ProposalId == Proposal && a.ReviewerId == Reviewer && Db.Proposals.Any(p => p.Id == a.ProposalId && p.ForumId == Forum.Id), cancel);
        if (assignment is null)
        {
            return NotFound();
        }
        Db.ReviewAssignments.Remove(assignment);
        Db.Record(User, clock, Forum.Id, "review.unassign", $"proposal {Proposal}", new { Reviewer }, null);
        await Db.SaveChangesAsync(cancel);
        return Redirect(ReviewLinks.Assignments(Forum.Slug) + "?done=removed");
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        var reviewers = await Db.ReviewersAsync(Forum.Id, cancel);
        var ids = reviewers.Select(r => r.AccountId).ToList();
        var assignments = await Db.ReviewAssignments.Where(a => Db.Proposals.Any(p => p.Id == a.ProposalId && p.ForumId == Forum.Id))
            .Select(a => new { a.ProposalId, a.ReviewerId }).ToListAsync(cancel);
        var reviewed = await Db.Reviews.Where(r => Db.Proposals.Any(p => p.Id == r.ProposalId && p.ForumId == Forum.Id)).Select(r => r.ReviewerId).ToListAsync(cancel);
        var expertise = (await Db.ReviewerExpertise.Where(e => ids.Contains(e.AccountId)).ToListAsync(cancel)).ToLookup(e => e.AccountId, e => e.SubthemeId);
        var conflicts = (await Db.ReviewerConflicts.Where(c => ids.Contains(c.AccountId)).Select(c => c.AccountId).ToListAsync(cancel)).CountBy(c => c).ToDictionary();
        Reviewers = reviewers.Select(r => new ReviewerLoad(r, assignments.Count(a => a.ReviewerId == r.AccountId), reviewed.Count(x => x == r.AccountId),
            expertise[r.AccountId].Select(s => Forum.Subthemes.FirstOrDefault(x => x.Id == s)?.Name).OfType<string>().ToList(), conflicts.GetValueOrDefault(r.AccountId))).ToList();
        var byId = reviewers.ToDictionary(r => r.AccountId);
        var byProposal = assignments.ToLookup(a => a.ProposalId, a => a.ReviewerId);
        var assigned = assignments.Select(a => a.ProposalId).Distinct().ToList();
        Proposals = (await Db.Proposals.Where(p => p.ForumId == Forum.Id && (p.State == ProposalState.InReview || assigned.Contains(p.Id)))
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.Title, p.SubthemeId }).ToListAsync(cancel))
            .Select(p => new ProposalRow(p.Id, p.Title, Forum.Subthemes.FirstOrDefault(s => s.Id == p.SubthemeId)?.Name,
                byProposal[p.Id].Select(r => byId.GetValueOrDefault(r)).OfType<ReviewerRow>().ToList())).ToList();
        return Page();
    }
}
