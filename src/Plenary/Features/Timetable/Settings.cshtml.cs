using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Timetable;

/// <summary>The forum's time grid (daily window, slot length, breaks) and how seriously each timetable rule is taken.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class SettingsModel(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L)
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
        var start = Minutes(DayStart, "daystart", L["Enter the start of the day as HH:MM, for example 09:00."]);
        var end = Minutes(DayEnd, "dayend", L["Enter the end of the day as HH:MM, for example 19:00."]);
        if (start is { } a && end is { } b && b <= a)
        {
            Errors["dayend"] = L["The day must end after it starts."];
        }
        if (!int.TryParse(Slot, NumberStyles.None, CultureInfo.InvariantCulture, out var slot) || slot is < 5 or > 240)
        {
            Errors["slot"] = L["Enter the slot length in minutes, from {0} to {1}.", 5, 240];
        }
        var breaks = new List<Window>();
        foreach (var part in (Breaks ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || Parse(ends[0]) is not { } from || Parse(ends[1]) is not { } to || to <= from)
            {
                Errors["breaks"] = L["“{0}” is not a break. Write breaks as HH:MM-HH:MM separated by commas, for example 12:30-14:00.", part.Length > 20 ? part[..20] : part];
                break;
            }
            breaks.Add(new Window(from, to));
        }
        var severities = new Dictionary<TimetableRule, Severity>();
        foreach (var rule in Enum.GetValues<TimetableRule>())
        {
            if (!Severities.TryGetValue(rule.ToString(), out var text) || !EnumValue.TryParse<Severity>(text, out var severity))
            {
                Errors[$"severity-{rule}"] = L["Choose block, warn or ignore for “{0}”.", TimetableRules.Name(L, rule)];
                continue;
            }
            severities[rule] = severity;
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var cancel = HttpContext.RequestAborted;
        var settings = await Db.TimetableSettings.AsTracking().Include(t => t.Breaks).Include(t => t.Severities).AsSplitQuery().FirstOrDefaultAsync(t => t.ForumId == Forum.Id, cancel);
        var before = settings is null ? null : Audited(settings);
        if (settings is null)
        {
            settings = new TimetableSettings { ForumId = Forum.Id };
            Db.TimetableSettings.Add(settings);
        }
        (settings.DayStartMinutes, settings.DayEndMinutes, settings.SlotMinutes) = (start!.Value, end!.Value, slot);
        settings.Breaks.Clear();
        settings.Breaks.AddRange(breaks.Select(w => new TimetableBreak { ForumId = Forum.Id, StartMinutes = w.Start, EndMinutes = w.End }));
        foreach (var (rule, severity) in severities)
        {
            if (settings.Severities.FirstOrDefault(s => s.Rule == rule) is { } row)
            {
                row.Severity = severity;
            }
            else
            {
                settings.Severities.Add(new RuleSeverity { ForumId = Forum.Id, Rule = rule, Severity = severity });
            }
        }
        Db.Record(User, clock, Forum.Id, "timetable.settings", Forum.Slug, before, Audited(settings));
        await Db.SaveChangesAsync(cancel);
        return Redirect(TimetableLinks.Settings(Forum.Slug) + "?saved=true");
    }

    private static object Audited(TimetableSettings s) => new
    {
        s.DayStartMinutes, s.DayEndMinutes, s.SlotMinutes,
        Breaks = s.Breaks.Select(b => $"{b.StartMinutes}-{b.EndMinutes}").ToList(),
        Severities = s.Severities.OrderBy(r => r.Rule).ToDictionary(r => r.Rule.ToString(), r => r.Severity.ToString()),
    };

    private int? Minutes(string? text, string field, string message)
    {
        if (Parse(text) is { } minutes)
        {
            return minutes;
        }
        Errors[field] = message;
        return null;
    }

    public static int? Parse(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.Hour * 60 + time.Minute
        : text?.Trim() == "24:00" ? 24 * 60 : null;
}
