using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Proposals;

/// <summary>
/// The Secretariat opens and tunes the forum's call for proposals: accepted types, opening and closing (in the forum's
/// time zone), and the screening rules in force. Every change is audited.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class CallModel(PlenaryDb db, ProposalStates states, TimeProvider clock, IValidator<CallForm> validator)
    : ManagePageModel(db)
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
        var form = new CallForm
        {
            Types = Types, OpensDay = OpensDay, OpensTime = OpensTime, ClosesDay = ClosesDay, ClosesTime = ClosesTime,
            MinConfirmedSpeakers = MinConfirmedSpeakers, MinOnsiteSpeakers = MinOnsiteSpeakers, MaxPerSpeaker = MaxProposalsPerSpeaker,
        };
        Types = form.TickedTypes;
        if (await validator.CheckAsync(form, Forum, cancel) is { IsEmpty: false } refusal)
        {
            this.ShowRefusal(refusal, Errors);
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
        var read = form.Read(Forum);
        call.SessionTypes = read.Types;
        (call.OpensAt, call.ClosesAt) = (read.OpensAt, read.ClosesAt);
        (call.RequireCompleteFields, call.RequireGenderDiversity, call.RequireOnsiteModerator, call.RequireGroupDiversity, call.ReviewersMayNotProposeWorkshops, call.FlagMissingReports) =
            (RequireCompleteFields, RequireGenderDiversity, RequireOnsiteModerator, RequireGroupDiversity, ReviewersMayNotProposeWorkshops, FlagMissingReports);
        (call.MinConfirmedSpeakers, call.MinOnsiteSpeakers, call.MaxProposalsPerSpeaker) = (read.MinConfirmedSpeakers, read.MinOnsiteSpeakers, read.MaxProposalsPerSpeaker);
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

    private static string Day(ForumClock zone, DateTime utc) => zone.Day(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(ForumClock zone, DateTime utc) => zone.Time(utc);

    private static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static object Describe(Call c) => new
    {
        SessionTypes = string.Join(',', c.SessionTypes), c.OpensAt, c.ClosesAt, c.RequireCompleteFields, c.MinConfirmedSpeakers, c.RequireGenderDiversity,
        c.MinOnsiteSpeakers, c.RequireOnsiteModerator, c.RequireGroupDiversity, c.MaxProposalsPerSpeaker, c.ReviewersMayNotProposeWorkshops, c.FlagMissingReports,
    };
}
