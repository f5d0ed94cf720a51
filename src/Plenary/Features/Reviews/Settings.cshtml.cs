using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Reviews;

/// <summary>The Secretariat sets the review phase (the three switches) and the criteria; every change is audited.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class SettingsModel(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L)
    : ManagePageModel(db)
{
    public const int MaxWeight = 10;

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
        var cancel = HttpContext.RequestAborted;
        await Db.ReviewSettingsAsync(Forum.Id, cancel);
        var settings = await Db.ReviewSettings.AsTracking().FirstAsync(s => s.ForumId == Forum.Id, cancel);
        if (!int.TryParse(ReviewersPerProposal, NumberStyles.None, CultureInfo.InvariantCulture, out var perProposal) || perProposal is < 1 or > 20)
        {
            Errors["per-proposal"] = L["Reviewers per proposal: give a whole number from 1 to 20."];
        }
        if (!double.TryParse(DivergenceThreshold?.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var threshold) || threshold is < 0.5 or > 4)
        {
            Errors["threshold"] = L["Divergence threshold: give a number of points from 0.5 to 4."];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        var before = Describe(settings);
        (settings.ReviewersCanScore, settings.ReviewersSeeOtherScores, settings.ReviewersSeeNames, settings.ReviewersPerProposal, settings.DivergenceThreshold) =
            (ReviewersCanScore, ReviewersSeeOtherScores, ReviewersSeeNames, perProposal, threshold);
        Db.Record(User, clock, Forum.Id, "review.phase", Forum.Slug, before, Describe(settings));
        await Db.SaveChangesAsync(cancel);
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
        var name = CriterionName?.Trim() ?? "";
        if (!SingleLine.Holds(name))
        {
            Errors["criterion-name"] = SingleLine.Problem(L);
        }
        else if (name.Length == 0)
        {
            Errors["criterion-name"] = L["Name the criterion."];
        }
        else if (name.Length > ReviewCriterion.MaxName)
        {
            Errors["criterion-name"] = L["Keep the criterion's name to {0} characters.", ReviewCriterion.MaxName];
        }
        else if (await Db.ReviewCriteria.AnyAsync(c => c.ForumId == Forum.Id && c.Id != CriterionId && c.Name.ToLower() == name.ToLower(), cancel))
        {
            Errors["criterion-name"] = L["There is already a criterion “{0}”.", name];
        }
        if (!int.TryParse(CriterionWeight, NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight is < 1 or > MaxWeight)
        {
            Errors["criterion-weight"] = L["Weight: give a whole number from 1 to {0}.", MaxWeight];
        }
        if (Errors.Count > 0)
        {
            Fill(settings);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        var before = criterion is null ? null : new { criterion.Name, criterion.Weight };
        if (criterion is null)
        {
            var last = await Db.ReviewCriteria.Where(c => c.ForumId == Forum.Id).MaxAsync(c => (int?)c.Position, cancel) ?? 0;
            criterion = new ReviewCriterion { ForumId = Forum.Id, Name = name, Position = last + 1 };
            Db.ReviewCriteria.Add(criterion);
        }
        (criterion.Name, criterion.Weight) = (name, weight);
        Db.Record(User, clock, Forum.Id, before is null ? "review.criterion.add" : "review.criterion.change", name, before, new { criterion.Name, criterion.Weight });
        await Db.SaveChangesAsync(cancel);
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
            Errors[""] = L["Reviewers have scored “{1}” (scores so far: {0}). Removing the criterion deletes these scores, and they cannot be brought back. Confirm below, or keep the criterion.", scores, found.Name];
            Fill(await Db.ReviewSettingsAsync(Forum.Id, cancel));
            Response.StatusCode = StatusCodes.Status409Conflict;
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

    private static object Describe(ReviewSettings s) => new { s.ReviewersCanScore, s.ReviewersSeeOtherScores, s.ReviewersSeeNames, s.ReviewersPerProposal, s.DivergenceThreshold };

    private async Task<IActionResult> ShowAsync()
    {
        Criteria = await Db.CriteriaAsync(Forum.Id, HttpContext.RequestAborted);
        return Page();
    }
}
