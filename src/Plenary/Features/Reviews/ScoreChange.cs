using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Proposals;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reviews;

/// <summary>A reviewer's scores and comments on one proposal; the scores as typed, by criterion, so a wrong one is named.</summary>
public sealed class ScoreForm
{
    public Dictionary<int, string> Scores { get; init; } = [];
    public string? CommentToSecretariat { get; set; }
    public string? CommentToProposer { get; set; }

    /// <summary>The forum's criteria, each of which takes a score.</summary>
    public sealed record In(IReadOnlyList<ReviewCriterion> Criteria);

    public static bool TryRead(string? typed, out int score) =>
        int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out score) && score is >= 1 and <= 5;
}

public sealed class ScoreFormValidator : AbstractValidator<ScoreForm>
{
    public ScoreFormValidator(IStringLocalizer<SharedResource> L)
    {
        // Each criterion's input has its own id, so the rule walks the forum's criteria rather than the form's keys.
        RuleFor(f => f.Scores).Custom((scores, context) =>
        {
            foreach (var c in context.Scope<ScoreForm.In>().Criteria)
            {
                var typed = scores.GetValueOrDefault(c.Id) ?? "";
                if (typed.Length == 0)
                {
                    context.AddFailure($"score-{c.Id}", L["Give “{0}” a score from 1 to 5.", c.Name]);
                }
                else if (!ScoreForm.TryRead(typed, out _))
                {
                    context.AddFailure($"score-{c.Id}", L["The score for “{0}” must be a whole number from 1 to 5; “{1}” is not.", c.Name, typed.Length > 20 ? typed[..20] + "…" : typed]);
                }
            }
        });
        RuleFor(f => f.CommentToSecretariat).Field("comment-secretariat").Must(c => c is not { Length: > Review.MaxComment })
            .WithMessage(_ => L["Shorten the comment to the Secretariat to at most {0} characters.", Review.MaxComment]);
        RuleFor(f => f.CommentToProposer).Field("comment-proposer").Must(c => c is not { Length: > Review.MaxComment })
            .WithMessage(_ => L["Shorten the comment to the proposer to at most {0} characters.", Review.MaxComment]);
    }
}

/// <summary>Saves a reviewer's review while scoring is open and the proposal in review; audited, the form kept whole when refused.</summary>
public sealed class ScoreChange(PlenaryDb db, IValidator<ScoreForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public async Task<ChangeResult<Review>> SaveAsync(Forum forum, ProposalView proposal, ReviewSettings settings, IReadOnlyList<ReviewCriterion> criteria,
        int reviewer, ScoreForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (criteria.Count == 0)
        {
            return (await validator.CheckAsync(form, new ScoreForm.In(criteria), cancel)).Add("", L["The Secretariat has not set any criterion to score yet."]);
        }
        // Nothing is saved, and the form keeps what was typed for when scoring opens.
        if (!settings.ReviewersCanScore)
        {
            return Refusal.Of("", L["Scoring is closed: the Secretariat has not opened it, or has closed it. Your scores are not saved."]);
        }
        if (proposal.State != ProposalState.InReview)
        {
            return Refusal.Of("", L["This proposal is no longer in review, so its scores cannot change."]);
        }
        if (await validator.CheckAsync(form, new ScoreForm.In(criteria), cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var review = await db.Reviews.AsTracking().Include(r => r.Scores).FirstOrDefaultAsync(r => r.ProposalId == proposal.Id && r.ReviewerId == reviewer, cancel);
        var before = review is null ? null : Describe(review);
        if (review is null)
        {
            review = new Review { ProposalId = proposal.Id, ReviewerId = reviewer };
            db.Reviews.Add(review);
        }
        review.CommentToSecretariat = string.IsNullOrWhiteSpace(form.CommentToSecretariat) ? null : form.CommentToSecretariat.Trim();
        review.CommentToProposer = string.IsNullOrWhiteSpace(form.CommentToProposer) ? null : form.CommentToProposer.Trim();
        review.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        foreach (var criterion in criteria)
        {
            ScoreForm.TryRead(form.Scores[criterion.Id], out var score);
            if (review.Scores.FirstOrDefault(s => s.CriterionId == criterion.Id) is { } kept)
            {
                kept.Score = score;
            }
            else
            {
                review.Scores.Add(new ReviewScore { CriterionId = criterion.Id, Score = score });
            }
        }
        db.Record(user, clock, forum.Id, "review.score", $"proposal {proposal.Id}", before, Describe(review));
        await db.SaveChangesAsync(cancel);
        return ChangeResult<Review>.Done(review);
    }

    private static object Describe(Review r) => new
    {
        Scores = r.Scores.OrderBy(s => s.CriterionId).ToDictionary(s => s.CriterionId.ToString(CultureInfo.InvariantCulture), s => s.Score),
        r.CommentToSecretariat, r.CommentToProposer,
    };
}
