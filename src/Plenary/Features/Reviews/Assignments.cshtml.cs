using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Proposals;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reviews;

/// <summary>
/// Who reviews what: the automatic assignment over the proposals in review (keeping what is already assigned), the
/// load of each reviewer, and assignments added or removed by hand. A conflict is refused with the reason.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class AssignmentsModel(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L)
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
        var cancel = HttpContext.RequestAborted;
        if (!int.TryParse(ReviewersPerProposal, NumberStyles.None, CultureInfo.InvariantCulture, out var perProposal) || perProposal is < 1 or > 20)
        {
            Errors["per-proposal"] = L["Reviewers per proposal: give a whole number from 1 to 20."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        var proposals = await Db.Proposals.Where(p => p.ForumId == Forum.Id && p.State == ProposalState.InReview).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.SubthemeId }).ToListAsync(cancel);
        var ids = proposals.Select(p => p.Id).ToList();
        var organisations = await Db.OrganisationsOfAsync(ids, cancel);
        var reviewers = await Db.ReviewersAsync(Forum.Id, cancel);
        var reviewerIds = reviewers.Select(r => r.AccountId).ToList();
        var expertise = (await Db.ReviewerExpertise.Where(e => reviewerIds.Contains(e.AccountId)).ToListAsync(cancel)).ToLookup(e => e.AccountId, e => e.SubthemeId);
        var conflicts = (await Db.ReviewerConflicts.Where(c => reviewerIds.Contains(c.AccountId)).ToListAsync(cancel)).ToLookup(c => c.AccountId, c => c.ProposalId);
        var kept = await Db.ReviewAssignments.Where(a => ids.Contains(a.ProposalId)).Select(a => new AssignmentPair(a.ProposalId, a.ReviewerId)).ToListAsync(cancel);
        var problem = new AssignmentProblem(
            proposals.Select(p => new AssignmentProposal(p.Id, p.SubthemeId, organisations.GetValueOrDefault(p.Id) ?? [])).ToList(),
            reviewers.Select(r => new AssignmentReviewer(r.AccountId, expertise[r.AccountId].ToList(), r.Organisation is null ? [] : [r.Organisation], conflicts[r.AccountId].ToList())).ToList(),
            perProposal, kept);
        var result = ReviewerAssignment.Assign(problem);
        var keptSet = kept.ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = result.Assignments.Where(a => !keptSet.Contains(a)).ToList();
        Db.ReviewAssignments.AddRange(added.Select(a => new ReviewAssignment { ProposalId = a.ProposalId, ReviewerId = a.ReviewerId, AssignedById = User.AccountId(), AssignedAt = now }));
        Db.Record(User, clock, Forum.Id, "review.assign.automatic", Forum.Slug, null,
            new { ReviewersPerProposal = perProposal, Proposals = ids.Count, Reviewers = reviewers.Count, Added = added.Count, Unfilled = result.Unfilled.Count });
        await Db.SaveChangesAsync(cancel);
        if (result.Unfilled.Count > 0)
        {
            // The shortfalls are shown at once, on the page that can mend them.
            Unfilled = [.. result.Unfilled];
            Done = L["Automatic assignment done: {0} assignments added.", added.Count];
            return await ShowAsync();
        }
        return Redirect(ReviewLinks.Assignments(Forum.Slug) + $"?done=auto&added={added.Count}");
    }

    public async Task<IActionResult> OnPostAddAsync(string forum)
    {
        var cancel = HttpContext.RequestAborted;
        var proposal = await Db.Proposals.Where(p => p.Id == Proposal && p.ForumId == Forum.Id).Select(p => new { p.Id, p.Title, p.State }).FirstOrDefaultAsync(cancel);
        var reviewer = (await Db.ReviewersAsync(Forum.Id, cancel)).FirstOrDefault(r => r.AccountId == Reviewer);
        if (proposal is null)
        {
            Errors["proposal"] = L["Choose a proposal from the list."];
        }
        if (reviewer is null)
        {
            Errors["reviewer"] = L["Choose a reviewer from the list."];
        }
        if (proposal is not null && reviewer is not null)
        {
            if (await Db.ReviewerConflicts.AnyAsync(c => c.AccountId == reviewer.AccountId && c.ProposalId == proposal.Id, cancel))
            {
                Errors["reviewer"] = L["{0} declared a conflict of interest with “{1}” and cannot review it.", reviewer.Name, proposal.Title];
            }
            else if (Reviewing.SameOrganisation((await Db.OrganisationsOfAsync([proposal.Id], cancel)).GetValueOrDefault(proposal.Id) ?? [], reviewer.Organisation))
            {
                Errors["reviewer"] = L["{0} works for {1}, which is behind “{2}”: nobody reviews a proposal of their own organisation.", reviewer.Name, reviewer.Organisation!, proposal.Title];
            }
            else if (await Db.ReviewAssignments.AnyAsync(a => a.ProposalId == proposal.Id && a.ReviewerId == reviewer.AccountId, cancel))
            {
                Errors["reviewer"] = L["{0} already reviews “{1}”.", reviewer.Name, proposal.Title];
            }
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        Db.ReviewAssignments.Add(new ReviewAssignment { ProposalId = proposal!.Id, ReviewerId = reviewer!.AccountId, AssignedById = User.AccountId(), AssignedAt = clock.GetUtcNow().UtcDateTime });
        Db.Record(User, clock, Forum.Id, "review.assign", $"proposal {proposal.Id}", null, new { Reviewer = reviewer.Email });
        await Db.SaveChangesAsync(cancel);
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
