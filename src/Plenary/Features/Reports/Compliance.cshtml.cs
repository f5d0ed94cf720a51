using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;
using Plenary.Features.Manage;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reports;

/// <summary>
/// The Secretariat's view of the reporting cycle: per session type, subtheme and organiser, how many takeaways, reports and
/// gender reports came on time, late, are missing or not yet due; the sessions behind the counts; the same as CSV; and one
/// button that reminds every writer of every overdue output (at most once a day each).
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class ComplianceModel(PlenaryDb db, Reminders reminders, TimeProvider clock, IValidator<ReminderSettingsForm> validator,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subtheme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Organiser { get; set; }

    /// <summary>"missing", "late" or empty: sessions with at least one output in that state.</summary>
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty] public string? ReminderHours { get; set; }

    public List<SessionCompliance> All { get; private set; } = [];
    public List<SessionCompliance> Shown { get; private set; } = [];
    public DateTime Now { get; private set; }
    public ForumClock ForumClock { get; private set; } = null!;
    public (int Sent, int Skipped)? Reminded { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, int? sent, int? skipped, string? done)
    {
        await LoadAsync();
        Reminded = sent is { } s && skipped is { } k ? (s, k) : null;
        Saved = done == "settings";
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string forum)
    {
        await LoadAsync();
        string Iso(DateTime? t) => t?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "";
        var bytes = CsvFiles.Write(
            ["session", "title", "type", "subtheme", "organisers", "takeaways_due", "takeaways", "report_due", "report", "gender_report"],
            Shown.Select(s => (IReadOnlyList<string?>)[s.NumberedName, s.Title, s.TypeName, s.Subtheme, string.Join("; ", s.Organisers),
                Iso(s.TakeawaysDue), Code(s.Takeaways), Iso(s.ReportDue), Code(s.Report), Code(s.Gender)]));
        return File(bytes, "text/csv; charset=utf-8", $"{Forum.Slug}-reports.csv");
    }

    /// <summary>The one click: reminds everyone overdue, audited; a second click the same day finds them reminded already.</summary>
    public async Task<IActionResult> OnPostRemindAsync(string forum)
    {
        var (sent, skipped) = await reminders.NudgeOverdueAsync(Forum, User, HttpContext.RequestAborted);
        return Redirect(ReportLinks.Compliance(Forum.Slug) + $"?sent={sent}&skipped={skipped}");
    }

    /// <summary>How long before the report deadline the automatic reminder goes; empty for the default.</summary>
    public async Task<IActionResult> OnPostSettingsAsync(string forum)
    {
        var form = new ReminderSettingsForm { ReminderHours = ReminderHours };
        if (await validator.RefusalAsync(form, HttpContext.RequestAborted) is { IsEmpty: false } refusal)
        {
            await LoadAsync();
            this.ShowRefusal(refusal, Errors);
            return Page();
        }
        var hours = form.Hours;
        var tracked = await Db.Forums.AsTracking().SingleAsync(f => f.Id == Forum.Id, HttpContext.RequestAborted);
        Db.Record(User, clock, Forum.Id, "report.reminders.settings", Forum.Name, new { ReportReminderHours = tracked.ReportReminderHours }, new { ReportReminderHours = hours });
        tracked.ReportReminderHours = hours;
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(ReportLinks.Compliance(Forum.Slug) + "?done=settings");
    }

    private async Task LoadAsync()
    {
        Now = clock.GetUtcNow().UtcDateTime;
        ForumClock = ForumClock.For(Forum.TimeZoneId);
        ReminderHours ??= Forum.ReportReminderHours?.ToString(CultureInfo.InvariantCulture);
        All = await ReportCompliance.LoadAsync(Db, Forum, Now, HttpContext.RequestAborted);
        var organiser = Organiser?.Trim();
        Shown = All.Where(s => string.IsNullOrEmpty(Type) || s.TypeCode == Type)
            .Where(s => string.IsNullOrEmpty(Subtheme) || s.Subtheme == Subtheme)
            .Where(s => string.IsNullOrEmpty(organiser) || s.Organisers.Any(o => o.Contains(organiser, StringComparison.CurrentCultureIgnoreCase)))
            .Where(s => State switch
            {
                "missing" => s.Takeaways == OutputState.Missing || s.Report == OutputState.Missing || s.Gender == OutputState.Missing,
                "late" => s.Takeaways == OutputState.Late || s.Report == OutputState.Late || s.Gender == OutputState.Late,
                _ => true,
            })
            .ToList();
    }

    public static string Code(OutputState state) => state switch
    {
        OutputState.OnTime => "on-time",
        OutputState.Late => "late",
        OutputState.Missing => "missing",
        _ => "not-due",
    };

    public string Label(OutputState state) => state switch
    {
        OutputState.OnTime => L["On time"],
        OutputState.Late => L["Late"],
        OutputState.Missing => L["Missing"],
        _ => L["Not yet due"],
    };

    /// <summary>Counts of the shown sessions grouped by a key (a session with two organisers counts for each).</summary>
    public static List<(string Group, int[] Counts)> Tally(IEnumerable<(string Group, SessionCompliance Session)> rows) =>
        rows.GroupBy(r => r.Group)
            .Select(g => (g.Key, new[] { g.Select(r => r.Session.Takeaways), g.Select(r => r.Session.Report), g.Select(r => r.Session.Gender) }
                .SelectMany(states => Enum.GetValues<OutputState>().Select(v => states.Count(s => s == v))).ToArray()))
            .ToList();
}
