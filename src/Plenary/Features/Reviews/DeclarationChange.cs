using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reviews;

/// <summary>A reviewer's declarations in one forum: the subthemes they know and the proposals they have a conflict with.</summary>
public sealed class DeclarationForm
{
    public int[] Subthemes { get; set; } = [];
    public int[] Conflicts { get; set; } = [];

    public sealed record In(Forum Forum);
}

public sealed class DeclarationFormValidator : AbstractValidator<DeclarationForm>
{
    public DeclarationFormValidator(PlenaryDb db, IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Subthemes).Field("subthemes")
            .Must((_, subthemes, context) => subthemes.All(s => context.Scope<DeclarationForm.In>().Forum.Subthemes.Any(x => x.Id == s)))
            .WithMessage(_ => L["Choose subthemes from the list."]);
        RuleFor(f => f.Conflicts).Field("conflicts")
            .MustAsync(async (_, conflicts, context, cancel) =>
            {
                var forum = context.Scope<DeclarationForm.In>().Forum;
                var found = await db.Proposals.CountAsync(p => p.ForumId == forum.Id && conflicts.Contains(p.Id), cancel);
                return found == conflicts.Distinct().Count();
            })
            .WithMessage(_ => L["Choose proposals from the list."]);
    }
}

/// <summary>Saves a reviewer's declarations; a conflict with an assigned proposal takes the assignment away. Audited.</summary>
public sealed class DeclarationChange(PlenaryDb db, IValidator<DeclarationForm> validator, TimeProvider clock)
{
    /// <summary>The proposals whose assignment the new conflicts took away, or why not by field.</summary>
    public async Task<ChangeResult<List<int>>> SaveAsync(Forum forum, int reviewer, DeclarationForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (await validator.CheckAsync(form, new DeclarationForm.In(forum), cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var (subthemes, conflicts) = (form.Subthemes, form.Conflicts);
        var open = await db.Proposals.Where(p => p.ForumId == forum.Id && conflicts.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancel);
        var forumSubthemes = forum.Subthemes.Select(s => s.Id).ToList();
        var before = new
        {
            Subthemes = await db.ReviewerExpertise.Where(e => e.AccountId == reviewer && forumSubthemes.Contains(e.SubthemeId)).Select(e => e.SubthemeId).OrderBy(x => x).ToListAsync(cancel),
            Conflicts = await db.ReviewerConflicts.Where(c => c.AccountId == reviewer && db.Proposals.Any(p => p.Id == c.ProposalId && p.ForumId == forum.Id)).Select(c => c.ProposalId).OrderBy(x => x).ToListAsync(cancel),
        };
        db.ReviewerExpertise.RemoveRange(before.Subthemes.Where(s => !subthemes.Contains(s)).Select(s => new ReviewerExpertise { AccountId = reviewer, SubthemeId = s }));
        db.ReviewerExpertise.AddRange(subthemes.Distinct().Where(s => !before.Subthemes.Contains(s)).Select(s => new ReviewerExpertise { AccountId = reviewer, SubthemeId = s }));
        var now = clock.GetUtcNow().UtcDateTime;
        db.ReviewerConflicts.RemoveRange(before.Conflicts.Where(c => !open.Contains(c)).Select(c => new ReviewerConflict { AccountId = reviewer, ProposalId = c }));
        db.ReviewerConflicts.AddRange(open.Where(c => !before.Conflicts.Contains(c)).Select(c => new ReviewerConflict { AccountId = reviewer, ProposalId = c, DeclaredAt = now }));
        // Nobody reviews a proposal they declared a conflict with; the Secretariat gives it to someone else.
        var dropped = await db.ReviewAssignments.AsTracking().Where(a => a.ReviewerId == reviewer && open.Contains(a.ProposalId)).ToListAsync(cancel);
        db.ReviewAssignments.RemoveRange(dropped);
        db.Record(user, clock, forum.Id, "review.declare", $"reviewer {reviewer}", before,
            new { Subthemes = subthemes.Distinct().Order().ToList(), Conflicts = open.Order().ToList(), AssignmentsDropped = dropped.Select(a => a.ProposalId).ToList() });
        await db.SaveChangesAsync(cancel);
        return ChangeResult<List<int>>.Done(dropped.Select(a => a.ProposalId).ToList());
    }
}
