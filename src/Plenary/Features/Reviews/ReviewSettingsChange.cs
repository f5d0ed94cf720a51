using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reviews;

/// <summary>The review phase as the Secretariat sends it; the numbers as typed, so a wrong one is given back.</summary>
public sealed class ReviewPhaseForm
{
    public bool ReviewersCanScore { get; set; }
    public bool ReviewersSeeOtherScores { get; set; }
    public bool ReviewersSeeNames { get; set; }
    public string? ReviewersPerProposal { get; set; }
    public string? DivergenceThreshold { get; set; }

    public static bool TryReadThreshold(string? typed, out double threshold) =>
        double.TryParse(typed?.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out threshold) && threshold is >= 0.5 and <= 4;
}

public sealed class ReviewPhaseFormValidator : AbstractValidator<ReviewPhaseForm>
{
    public ReviewPhaseFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.ReviewersPerProposal).Field("per-proposal")
            .Must(typed => int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 20)
            .WithMessage(_ => L["Reviewers per proposal: give a whole number from 1 to 20."]);
        RuleFor(f => f.DivergenceThreshold).Field("threshold").Must(typed => ReviewPhaseForm.TryReadThreshold(typed, out _))
            .WithMessage(_ => L["Divergence threshold: give a number of points from 0.5 to 4."]);
    }
}

/// <summary>A criterion added (id 0) or renamed and reweighed; the weight as typed.</summary>
public sealed class CriterionForm
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public string? Weight { get; set; }

    public sealed record In(Forum Forum);
}

public sealed class CriterionFormValidator : AbstractValidator<CriterionForm>
{
    public CriterionFormValidator(PlenaryDb db, IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Name == null ? "" : f.Name.Trim()).Field("criterion-name")
            .OnOneLine(L)
            .Must(name => name.Length > 0).WithMessage(_ => L["Name the criterion."])
            .Must(name => name.Length <= ReviewCriterion.MaxName).WithMessage(_ => L["Keep the criterion's name to {0} characters.", ReviewCriterion.MaxName])
            .MustAsync(async (form, name, context, cancel) =>
            {
                var forum = context.Scope<CriterionForm.In>().Forum;
                var lower = name.ToLower();
                return !await db.ReviewCriteria.AnyAsync(c => c.ForumId == forum.Id && c.Id != form.Id && c.Name.ToLower() == lower, cancel);
            })
            .WithMessage((_, name) => L["There is already a criterion “{0}”.", name]);
        RuleFor(f => f.Weight).Field("criterion-weight")
            .Must(typed => int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w is >= 1 and <= ReviewSettingsChange.MaxWeight)
            .WithMessage(_ => L["Weight: give a whole number from 1 to {0}.", ReviewSettingsChange.MaxWeight]);
    }
}

/// <summary>The Secretariat's review phase and criteria, with one set of rules; every change audited.</summary>
public sealed class ReviewSettingsChange(PlenaryDb db, IValidator<ReviewPhaseForm> phaseValidator, IValidator<CriterionForm> criterionValidator, TimeProvider clock)
{
    public const int MaxWeight = 10;

    public async Task<ChangeResult<ReviewSettings>> SavePhaseAsync(Forum forum, ReviewPhaseForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (await phaseValidator.RefusalAsync(form, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        await db.ReviewSettingsAsync(forum.Id, cancel);
        var settings = await db.ReviewSettings.AsTracking().FirstAsync(s => s.ForumId == forum.Id, cancel);
        var before = Describe(settings);
        ReviewPhaseForm.TryReadThreshold(form.DivergenceThreshold, out var threshold);
        (settings.ReviewersCanScore, settings.ReviewersSeeOtherScores, settings.ReviewersSeeNames, settings.ReviewersPerProposal, settings.DivergenceThreshold) =
            (form.ReviewersCanScore, form.ReviewersSeeOtherScores, form.ReviewersSeeNames, int.Parse(form.ReviewersPerProposal!, NumberStyles.None, CultureInfo.InvariantCulture), threshold);
        db.Record(user, clock, forum.Id, "review.phase", forum.Slug, before, Describe(settings));
        await db.SaveChangesAsync(cancel);
        return ChangeResult<ReviewSettings>.Done(settings);
    }

    /// <summary>Adds the criterion (form id 0) or changes <paramref name="criterion"/>, found by the page in this forum.</summary>
    public async Task<ChangeResult<ReviewCriterion>> SaveCriterionAsync(Forum forum, ReviewCriterion? criterion, CriterionForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (await criterionValidator.CheckAsync(form, new CriterionForm.In(forum), cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var name = form.Name!.Trim();
        var weight = int.Parse(form.Weight!, NumberStyles.None, CultureInfo.InvariantCulture);
        var before = criterion is null ? null : new { criterion.Name, criterion.Weight };
        if (criterion is null)
        {
            var last = await db.ReviewCriteria.Where(c => c.ForumId == forum.Id).MaxAsync(c => (int?)c.Position, cancel) ?? 0;
            criterion = new ReviewCriterion { ForumId = forum.Id, Name = name, Position = last + 1 };
            db.ReviewCriteria.Add(criterion);
        }
        (criterion.Name, criterion.Weight) = (name, weight);
        db.Record(user, clock, forum.Id, before is null ? "review.criterion.add" : "review.criterion.change", name, before, new { criterion.Name, criterion.Weight });
        await db.SaveChangesAsync(cancel);
        return ChangeResult<ReviewCriterion>.Done(criterion);
    }

    private static object Describe(ReviewSettings s) => new { s.ReviewersCanScore, s.ReviewersSeeOtherScores, s.ReviewersSeeNames, s.ReviewersPerProposal, s.DivergenceThreshold };
}
