using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Proposals;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reviews;

/// <summary>One assignment added by hand: a proposal of the forum and one of its reviewers.</summary>
public sealed class AssignmentForm
{
    public int Proposal { get; set; }
    public int Reviewer { get; set; }

    public sealed record In(Forum Forum);
}

public sealed class AssignmentFormValidator : AbstractValidator<AssignmentForm>
{
    public AssignmentFormValidator(PlenaryDb db, IStringLocalizer<SharedResource> L)
    {
        // One rule over both inputs: the conflict, organisation and duplicate checks need the proposal and the reviewer found.
        RuleFor(f => f).CustomAsync(async (form, context, cancel) =>
        {
            var forum = context.Scope<AssignmentForm.In>().Forum;
            var proposal = await db.Proposals.Where(p => p.Id == form.Proposal && p.ForumId == forum.Id).Select(p => new { p.Id, p.Title }).FirstOrDefaultAsync(cancel);
            var reviewer = (await db.ReviewersAsync(forum.Id, cancel)).FirstOrDefault(r => r.AccountId == form.Reviewer);
            if (proposal is null)
            {
                context.AddFailure("proposal", L["Choose a proposal from the list."]);
            }
            if (reviewer is null)
            {
                context.AddFailure("reviewer", L["Choose a reviewer from the list."]);
                return;
            }
            if (proposal is null)
            {
                return;
            }
            if (await db.ReviewerConflicts.AnyAsync(c => c.AccountId == reviewer.AccountId && c.ProposalId == proposal.Id, cancel))
            {
                context.AddFailure("reviewer", L["{0} declared a conflict of interest with “{1}” and cannot review it.", reviewer.Name, proposal.Title]);
            }
            else if (Reviewing.SameOrganisation((await db.OrganisationsOfAsync([proposal.Id], cancel)).GetValueOrDefault(proposal.Id) ?? [], reviewer.Organisation))
            {
                context.AddFailure("reviewer", L["{0} works for {1}, which is behind “{2}”: nobody reviews a proposal of their own organisation.", reviewer.Name, reviewer.Organisation!, proposal.Title]);
            }
            else if (await db.ReviewAssignments.AnyAsync(a => a.ProposalId == proposal.Id && a.ReviewerId == reviewer.AccountId, cancel))
            {
                context.AddFailure("reviewer", L["{0} already reviews “{1}”.", reviewer.Name, proposal.Title]);
            }
        });
    }
}

/// <summary>The automatic assignment's one input, as typed so a wrong one is given back.</summary>
public sealed class AutomaticAssignmentForm
{
    public string? ReviewersPerProposal { get; set; }

    public int PerProposal => int.Parse(ReviewersPerProposal!, NumberStyles.None, CultureInfo.InvariantCulture);
}

public sealed class AutomaticAssignmentFormValidator : AbstractValidator<AutomaticAssignmentForm>
{
    public AutomaticAssignmentFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.ReviewersPerProposal).Field("per-proposal")
            .Must(typed => int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 20)
            .WithMessage(_ => L["Reviewers per proposal: give a whole number from 1 to 20."]);
    }
}

/// <summary>Who reviews what, with one set of rules: the automatic assignment and assignments added by hand, each audited.</summary>
public sealed class AssignmentChange(PlenaryDb db, IValidator<AssignmentForm> validator, IValidator<AutomaticAssignmentForm> automaticValidator, TimeProvider clock)
{
    /// <summary>The added assignment, or why not by field (a conflict of interest, the reviewer's own organisation, already assigned).</summary>
    public async Task<ChangeResult<ReviewAssignment>> AddAsync(Forum forum, AssignmentForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (await validator.CheckAsync(form, new AssignmentForm.In(forum), cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var email = (await db.ReviewersAsync(forum.Id, cancel)).First(r => r.AccountId == form.Reviewer).Email;
        var assignment = db.ReviewAssignments.Add(new ReviewAssignment { ProposalId = form.Proposal, ReviewerId = form.Reviewer, AssignedById = user.AccountId(), AssignedAt = clock.GetUtcNow().UtcDateTime }).Entity;
        db.Record(user, clock, forum.Id, "review.assign", $"proposal {form.Proposal}", null, new { Reviewer = email });
        await db.SaveChangesAsync(cancel);
        return ChangeResult<ReviewAssignment>.Done(assignment);
    }

    /// <summary>Assigns the proposals in review, keeping what is already assigned; the added count and what could not be filled, or why not.</summary>
    public async Task<ChangeResult<AutomaticAssignment>> AssignAutomaticallyAsync(Forum forum, AutomaticAssignmentForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (await automaticValidator.RefusalAsync(form, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var perProposal = form.PerProposal;
        var proposals = await db.Proposals.Where(p => p.ForumId == forum.Id && p.State == ProposalState.InReview).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.SubthemeId }).ToListAsync(cancel);
        var ids = proposals.Select(p => p.Id).ToList();
        var organisations = await db.OrganisationsOfAsync(ids, cancel);
        var reviewers = await db.ReviewersAsync(forum.Id, cancel);
        var reviewerIds = reviewers.Select(r => r.AccountId).ToList();
        var expertise = (await db.ReviewerExpertise.Where(e => reviewerIds.Contains(e.AccountId)).ToListAsync(cancel)).ToLookup(e => e.AccountId, e => e.SubthemeId);
        var conflicts = (await db.ReviewerConflicts.Where(c => reviewerIds.Contains(c.AccountId)).ToListAsync(cancel)).ToLookup(c => c.AccountId, c => c.ProposalId);
        var kept = await db.ReviewAssignments.Where(a => ids.Contains(a.ProposalId)).Select(a => new AssignmentPair(a.ProposalId, a.ReviewerId)).ToListAsync(cancel);
        var problem = new AssignmentProblem(
            proposals.Select(p => new AssignmentProposal(p.Id, p.SubthemeId, organisations.GetValueOrDefault(p.Id) ?? [])).ToList(),
            reviewers.Select(r => new AssignmentReviewer(r.AccountId, expertise[r.AccountId].ToList(), r.Organisation is null ? [] : [r.Organisation], conflicts[r.AccountId].ToList())).ToList(),
            perProposal, kept);
        var result = ReviewerAssignment.Assign(problem);
        var keptSet = kept.ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = result.Assignments.Where(a => !keptSet.Contains(a)).ToList();
        db.ReviewAssignments.AddRange(added.Select(a => new ReviewAssignment { ProposalId = a.ProposalId, ReviewerId = a.ReviewerId, AssignedById = user.AccountId(), AssignedAt = now }));
        db.Record(user, clock, forum.Id, "review.assign.automatic", forum.Slug, null,
            new { ReviewersPerProposal = perProposal, Proposals = ids.Count, Reviewers = reviewers.Count, Added = added.Count, Unfilled = result.Unfilled.Count });
        await db.SaveChangesAsync(cancel);
        return ChangeResult<AutomaticAssignment>.Done(new AutomaticAssignment(added.Count, [.. result.Unfilled]));
    }
}

public sealed record AutomaticAssignment(int Added, List<AssignmentShortfall> Unfilled);
