using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Timetable;

/// <summary>The forum's time grid (daily window, slot length, breaks) and how seriously each timetable rule is taken.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class SettingsModel(PlenaryDb db, TimetableSettingsChange change)
    : ManagePageModel(db)
{
    [BindProperty] public string? DayStart { get; set; }
    [BindProperty] public string? DayEnd { get; set; }
    [BindProperty] public string? Slot { get; set; }
    [BindProperty] public string? Breaks { get; set; }
    [BindProperty] public Dictionary<string, string> Severities { get; set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, bool saved)
    {
        var s = await TimetableLoad.SettingsAsync(Db, Forum.Id, HttpContext.RequestAborted);
        (DayStart, DayEnd, Slot) = (IndexModel.Time(s.DayStartMinutes), IndexModel.Time(s.DayEndMinutes), s.SlotMinutes.ToString(CultureInfo.InvariantCulture));
        Breaks = string.Join(", ", s.Breaks.OrderBy(b => b.StartMinutes).Select(b => $"{IndexModel.Time(b.StartMinutes)}-{IndexModel.Time(b.EndMinutes)}"));
        Severities = Enum.GetValues<TimetableRule>().ToDictionary(r => r.ToString(), r => s.SeverityOf(r).ToString());
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum)
    {
        var form = new TimetableSettingsForm { DayStart = DayStart, DayEnd = DayEnd, Slot = Slot, Breaks = Breaks, Severities = Severities };
        var saved = await change.SaveAsync(Forum, form, User, HttpContext.RequestAborted);
        if (!saved.IsDone)
        {
            this.ShowRefusal(saved.Reasons, Errors);
            return Page();
        }
        return Redirect(TimetableLinks.Settings(Forum.Slug) + "?saved=true");
    }

    public static int? Parse(string? text) => TimetableSettingsForm.Minutes(text);
}
