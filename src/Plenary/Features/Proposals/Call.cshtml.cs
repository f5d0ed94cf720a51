using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Proposals;

/// <summary>
/// The Secretariat opens and tunes the forum's call for proposals: accepted types, opening and closing (in the forum's
/// time zone), and the screening rules in force. Every change is audited.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class CallModel(PlenaryDb db, ProposalStates states, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    [BindProperty] public List<string> Types { get; set; } = [];
    [BindProperty] public string? OpensDay { get; set; }
    [BindProperty] public string? OpensTime { get; set; }
    [BindProperty] public string? ClosesDay { get; set; }
    [BindProperty] public string? ClosesTime { get; set; }
    [BindProperty] public bool RequireCompleteFields { get; set; }
    [BindProperty] public string? MinConfirmedSpeakers { get; set; }
    [BindProperty] public bool RequireGenderDiversity { get; set; }
    [BindProperty] public string? MinOnsiteSpeakers { get; set; }
    [BindProperty] public bool RequireOnsiteModerator { get; set; }
    [BindProperty] public bool RequireGroupDiversity { get; set; }
    [BindProperty] public string? MaxProposalsPerSpeaker { get; set; }
    [BindProperty] public bool ReviewersMayNotProposeWorkshops { get; set; }
    [BindProperty] public bool FlagMissingReports { get; set; }

    public Call? Existing { get; private set; }

    /// <summary>The viewer's own zone when their profile names one other than the forum's.</summary>
    public ForumClock? OwnZone { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        Existing = await Db.Calls.FirstOrDefaultAsync(c => c.ForumId == Forum.Id, HttpContext.RequestAborted);
        var call = Existing ?? Default();
        var zone = ForumClock.For(Forum.TimeZoneId);
        Types = call.SessionTypes;
        (OpensDay, OpensTime) = (Day(zone, call.OpensAt), Time(zone, call.OpensAt));
        (ClosesDay, ClosesTime) = (Day(zone, call.ClosesAt), Time(zone, call.ClosesAt));
        (RequireCompleteFields, RequireGenderDiversity, RequireOnsiteModerator, RequireGroupDiversity, ReviewersMayNotProposeWorkshops, FlagMissingReports) =
            (call.RequireCompleteFields, call.RequireGenderDiversity, call.RequireOnsiteModerator, call.RequireGroupDiversity, call.ReviewersMayNotProposeWorkshops, call.FlagMissingReports);
        MinConfirmedSpeakers = Number(call.MinConfirmedSpeakers);
        MinOnsiteSpeakers = Number(call.MinOnsiteSpeakers);
        MaxProposalsPerSpeaker = Number(call.MaxProposalsPerSpeaker);
        Saved = Request.Query.ContainsKey("saved");
        await ZoneAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum)
    {
        var cancel = HttpContext.RequestAborted;
        var zone = ForumClock.For(Forum.TimeZoneId);
        Types = Types.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (Types.Count == 0)
        {
            Errors["types"] = L["Tick at least one session type the call accepts."];
        }
        else if (Types.FirstOrDefault(t => Forum.SessionTypes.All(s => !string.Equals(s.Code, t, StringComparison.OrdinalIgnoreCase))) is { } unknown)
        {
            Errors["types"] = L["“{0}” is not a session type of this forum. Choose from the list.", unknown.Length > 20 ? unknown[..20] : unknown];
        }
        var opens = Instant(zone, OpensDay, OpensTime, "opens", L["Enter when the call opens: a date and a time."]);
        var closes = Instant(zone, ClosesDay, ClosesTime, "closes", L["Enter when the call closes: a date and a time."]);
        if (opens is not null && closes is not null && closes <= opens)
        {
            Errors["closes"] = L["The call must close after it opens."];
        }
        var minConfirmed = Count(MinConfirmedSpeakers, "minconfirmed", 20);
        var minOnsite = Count(MinOnsiteSpeakers, "minonsite", 20);
        var maxPerSpeaker = Count(MaxProposalsPerSpeaker, "maxperspeaker", 50);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Existing = await Db.Calls.FirstOrDefaultAsync(c => c.ForumId == Forum.Id, cancel);
            await ZoneAsync();
            return Page();
        }

        var call = await Db.Calls.AsTracking().FirstOrDefaultAsync(c => c.ForumId == Forum.Id, cancel);
        var before = call is null ? null : Describe(call);
        if (call is null)
        {
            call = new Call { ForumId = Forum.Id };
            Db.Calls.Add(call);
        }
        call.SessionTypes = Types.Select(t => Forum.SessionTypes.First(s => string.Equals(s.Code, t, StringComparison.OrdinalIgnoreCase)).Code).ToList();
        (call.OpensAt, call.ClosesAt) = (opens!.Value, closes!.Value);
        (call.RequireCompleteFields, call.RequireGenderDiversity, call.RequireOnsiteModerator, call.RequireGroupDiversity, call.ReviewersMayNotProposeWorkshops, call.FlagMissingReports) =
            (RequireCompleteFields, RequireGenderDiversity, RequireOnsiteModerator, RequireGroupDiversity, ReviewersMayNotProposeWorkshops, FlagMissingReports);
        (call.MinConfirmedSpeakers, call.MinOnsiteSpeakers, call.MaxProposalsPerSpeaker) = (minConfirmed, minOnsite, maxPerSpeaker);
        Db.Record(User, clock, Forum.Id, before is null ? "call.open" : "call.change", Forum.Slug, before, Describe(call));
        await Db.SaveChangesAsync(cancel);
        return Redirect(ProposalLinks.ManageCall(Forum.Slug) + "?saved=1");
    }

    /// <summary>The IGF 2023 rules, the forum's usual proposal types, and a month from now.</summary>
    private Call Default()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = ForumClock.For(Forum.TimeZoneId);
        var today = zone.Day(now);
        return new Call
        {
            SessionTypes = Forum.SessionTypes.Where(t => t.Code is "WS" or "OF" or "TH" or "LT" or "NS").Select(t => t.Code).ToList(),
            OpensAt = zone.ToUtc(today, new TimeOnly(0, 0)), ClosesAt = zone.ToUtc(today.AddDays(30), new TimeOnly(23, 59)),
        };
    }

    private async Task ZoneAsync()
    {
        var own = await states.ZoneOfAsync(User, Forum, HttpContext.RequestAborted);
        OwnZone = own.ZoneId == ForumClock.For(Forum.TimeZoneId).ZoneId ? null : own;
    }

    private DateTime? Instant(ForumClock zone, string? day, string? time, string field, string message)
    {
        if (DateOnly.TryParseExact(day?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && TimeOnly.TryParseExact(time?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return zone.ToUtc(d, t);
        }
        Errors[field] = message;
        return null;
    }

    /// <summary>An empty field switches the rule off.</summary>
    private int? Count(string? text, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max)
        {
            return n;
        }
        Errors[field] = L["Enter a number from 1 to {0}, or leave the field empty to switch the rule off.", max];
        return null;
    }

    private static string Day(ForumClock zone, DateTime utc) => zone.Day(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(ForumClock zone, DateTime utc) => zone.Time(utc);

    private static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static object Describe(Call c) => new
    {
        SessionTypes = string.Join(',', c.SessionTypes), c.OpensAt, c.ClosesAt, c.RequireCompleteFields, c.MinConfirmedSpeakers, c.RequireGenderDiversity,
        c.MinOnsiteSpeakers, c.RequireOnsiteModerator, c.RequireGroupDiversity, c.MaxProposalsPerSpeaker, c.ReviewersMayNotProposeWorkshops, c.FlagMissingReports,
    };
}
