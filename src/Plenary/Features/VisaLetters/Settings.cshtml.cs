using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.VisaLetters;

/// <summary>
/// The Secretariat's settings of the letters: letterhead, signatory and how long passport data is kept. No passport is
/// shown here: a Secretariat member without the visa desk role sees the figures by state only.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class SettingsModel(PlenaryDb db, VisaLetterChange visas, TimeProvider clock, IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public const int MaxRetentionDays = 3_650;

    [BindProperty] public string? Letterhead { get; set; }
    [BindProperty] public string? SignatoryName { get; set; }
    [BindProperty] public string? SignatoryTitle { get; set; }
    [BindProperty] public int? RetentionDays { get; set; }

    public Dictionary<VisaRequestStatus, int> Counts { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        var settings = await visas.SettingsAsync(Forum.Id, HttpContext.RequestAborted);
        (Letterhead, SignatoryName, SignatoryTitle, RetentionDays) = (settings.Letterhead, settings.SignatoryName, settings.SignatoryTitle, settings.RetentionDays);
        Saved = Request.Query.ContainsKey("saved");
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAsync(string forum)
    {
        var refusal = new Refusal();
        var letterhead = (Letterhead ?? "").Replace("\r\n", "\n").Trim();
        var (name, title) = (SignatoryName?.Trim() ?? "", SignatoryTitle?.Trim() ?? "");
        if (letterhead.Length > VisaLetterSettings.MaxLetterhead)
        {
            refusal.Add("letterhead", Rules.TooLong(L, VisaLetterSettings.MaxLetterhead));
        }
        foreach (var (field, text) in new[] { ("signatory", name), ("signatory-title", title) })
        {
            if (text.Length > VisaLetterSettings.MaxSignatory)
            {
                refusal.Add(field, Rules.TooLong(L, VisaLetterSettings.MaxSignatory));
            }
            else if (!SingleLine.Holds(text))
            {
                refusal.Add(field, SingleLine.Problem(L));
            }
        }
        if (ModelState.GetFieldValidationState(nameof(RetentionDays)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            || RetentionDays is not (>= 1 and <= MaxRetentionDays))
        {
            refusal.Add("retention", L["Give the days to keep passport data after the forum, from 1 to {0}.", MaxRetentionDays]);
        }
        if (!refusal.IsEmpty)
        {
            this.ShowRefusal(refusal, Errors);
            return await ShowAsync();
        }
        var settings = await visas.SettingsAsync(Forum.Id, HttpContext.RequestAborted);
        var before = new { settings.Letterhead, settings.SignatoryName, settings.SignatoryTitle, settings.RetentionDays };
        if (Db.Entry(settings).State == EntityState.Detached)
        {
            Db.VisaLetterSettings.Add(settings);
        }
        (settings.Letterhead, settings.SignatoryName, settings.SignatoryTitle, settings.RetentionDays) =
            (letterhead.Length == 0 ? null : letterhead, name.Length == 0 ? null : name, title.Length == 0 ? null : title, RetentionDays!.Value);
        Db.Record(User, clock, Forum.Id, "visa.settings", Forum.Slug, before, new { settings.Letterhead, settings.SignatoryName, settings.SignatoryTitle, settings.RetentionDays });
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(VisaLetterLinks.Settings(Forum.Slug) + "?saved=1");
    }

    private async Task<IActionResult> ShowAsync()
    {
        Counts = await visas.CountsAsync(Forum, HttpContext.RequestAborted);
        return Page();
    }
}
