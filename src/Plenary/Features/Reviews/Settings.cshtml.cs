using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reviews;

/// <summary>The Secretariat sets the review phase (the three switches) and the criteria; every change is audited.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class SettingsModel(PlenaryDb db, ReviewSettingsChange change, TimeProvider clock, IStringLocalizer<SharedResource> L)
    : ManagePageModel(db)
{
    [BindProperty] public bool ReviewersCanScore { get; set; }
    [BindProperty] public bool ReviewersSeeOtherScores { get; set; }
    [BindProperty] public bool ReviewersSeeNames { get; set; }
    [BindProperty] public string? ReviewersPerProposal { get; set; }
    [BindProperty] public string? DivergenceThreshold { get; set; }

    /// <summary>The criterion being added (0) or changed.</summary>
    [BindProperty] public int CriterionId { get; set; }
    [BindProperty] public string? CriterionName { get; set; }
    [BindProperty] public string? CriterionWeight { get; set; }

    public List<ReviewCriterion> Criteria { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string? done)
    {
        var settings = await Db.ReviewSettingsAsync(Forum.Id, HttpContext.RequestAborted);
        Fill(settings);
        Done = done switch
        {
            "phase" => L["The review phase is saved."].Value,
            "criteria" => L["The criteria are saved."].Value,
            _ => null,
        };
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostPhaseAsync(string forum)
    {
        var saved = await change.SavePhaseAsync(Forum, new ReviewPhaseForm
        {
            ReviewersCanScore = ReviewersCanScore, ReviewersSeeOtherScores = ReviewersSeeOtherScores, ReviewersSeeNames = ReviewersSeeNames,
            ReviewersPerProposal = ReviewersPerProposal, DivergenceThreshold = DivergenceThreshold,
        }, User, HttpContext.RequestAborted);
        if (!saved.IsDone)
        {
            this.ShowRefusal(saved.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(ReviewLinks.Settings(Forum.Slug) + "?done=phase");
    }

    /// <summary>Adds a criterion (no id) or renames and reweighs one.</summary>
    public async Task<IActionResult> OnPostCriterionAsync(string forum)
    {
        var cancel = HttpContext.RequestAborted;
        var settings = await Db.ReviewSettingsAsync(Forum.Id, cancel);
        var criterion = CriterionId == 0 ? null : await Db.ReviewCriteria.AsTracking().FirstOrDefaultAsync(c => c.Id == CriterionId && c.ForumId == Forum.Id, cancel);
        if (CriterionId != 0 && criterion is null)
        {
            return NotFound();
        }
        var saved = await change.SaveCriterionAsync(Forum, criterion, new CriterionForm { Id = CriterionId, Name = CriterionName, Weight = CriterionWeight }, User, cancel);
        if (!saved.IsDone)
        {
            Fill(settings);
            this.ShowRefusal(saved.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(ReviewLinks.Settings(Forum.Slug) + "?done=criteria");
    }

    /// <summary>Set when a criterion that reviewers have scored is to be removed: the page asks before their scores go.</summary>
    public (ReviewCriterion Criterion, int Scores)? ConfirmRemoval { get; private set; }

    [BindProperty] public bool Confirm { get; set; }

    /// <summary>Removes a criterion, and the scores given on it: once reviewers have scored it, only when confirmed.</summary>
    public async Task<IActionResult> OnPostRemoveCriterionAsync(string forum, int criterion)
    {
        var cancel = HttpContext.RequestAborted;
        if (await Db.ReviewCriteria.AsTracking().FirstOrDefaultAsync(c => c.Id == criterion && c.ForumId == Forum.Id, cancel) is not { } found)
        {
            return NotFound();
        }
        var scores = await Db.ReviewScores.CountAsync(s => s.CriterionId == found.Id, cancel);
        if (scores > 0 && !Confirm)
        {
            ConfirmRemoval = (found, scores);
            this.ShowRefusal(Refusal.Of("", L["Reviewers have scored “{1}” (scores so far: {0}). Removing the criterion deletes these scores, and they cannot be brought back. Confirm below, or keep the criterion.", scores, found.Name])
                .WithStatus(StatusCodes.Status409Conflict), Errors);
            Fill(await Db.ReviewSettingsAsync(Forum.Id, cancel));
            return await ShowAsync();
        }
        Db.ReviewCriteria.Remove(found);
        Db.Record(User, clock, Forum.Id, "review.criterion.remove", found.Name, new { found.Name, found.Weight }, null);
        await Db.SaveChangesAsync(cancel);
        return Redirect(ReviewLinks.Settings(Forum.Slug) + "?done=criteria");
    }

    private void Fill(ReviewSettings s)
    {
        (ReviewersCanScore, ReviewersSeeOtherScores, ReviewersSeeNames) = (s.ReviewersCanScore, s.ReviewersSeeOtherScores, s.ReviewersSeeNames);
        ReviewersPerProposal = s.ReviewersPerProposal.ToString(CultureInfo.InvariantCulture);
        DivergenceThreshold = s.DivergenceThreshold.ToString(CultureInfo.InvariantCulture);
    }

        private async Task<IActionResult> ShowAsync()
    {
        Criteria = await Db.CriteriaAsync(Forum.Id, HttpContext.RequestAborted);
        return Page();
    }
}
