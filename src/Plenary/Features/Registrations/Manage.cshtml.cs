using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Registrations;

/// <summary>The Secretariat's registration desk: the settings, every registration with its state, decisions and arrival counts.</summary>
/// <remarks>
/// A refusal is this page again, 200, with the problem at its field and what was typed put back: a form to mend, not an
/// error. Enter in a reason decides nothing (see _DefaultSubmit): the page asks to approve or decline.
/// </remarks>
[ForumPolicy(Policies.RunForum)]
public sealed class ManageModel(PlenaryDb db, RegistrationChange registrations, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public const int PageSize = 200;

    public sealed record Row(int Id, string Name, string Email, string? Affiliation, AttendanceMode Mode, string? HubName, int? HubHeadcount,
        RegistrationStatus Status, string? Reason, string? AccessibilityNeeds, DateTime CreatedAt);

    [BindProperty] public bool NeedsApproval { get; set; }

    /// <summary>Closing day and time in the forum's zone; both empty keeps registration open.</summary>
    [BindProperty] public string? ClosesDay { get; set; }
    [BindProperty] public string? ClosesTime { get; set; }

    public List<Row> Rows { get; private set; } = [];
    public Dictionary<RegistrationStatus, int> ByStatus { get; private set; } = [];
    public Dictionary<AttendanceMode, int> ByMode { get; private set; } = [];
    public int HubPeople { get; private set; }
    public List<RegistrationChange.DayCount> Arrivals { get; private set; } = [];
    public RegistrationStatus? Status { get; private set; }
    public bool Saved { get; private set; }

    /// <summary>After a refused decision: the registration it was about and the reason as typed, put back in its row.</summary>
    public int? Deciding { get; private set; }
    public string? TypedReason { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, RegistrationStatus? status)
    {
        await ShowSettingsAsync();
        Status = status;
        Saved = Request.Query.ContainsKey("saved");
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSettingsAsync(string forum)
    {
        DateTime? closesAt = null;
        var refusal = new Refusal();
        if (!string.IsNullOrWhiteSpace(ClosesDay) || !string.IsNullOrWhiteSpace(ClosesTime))
        {
            if (!DateOnly.TryParseExact(ClosesDay?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                refusal.Add("closesday", L["Enter a day as YYYY-MM-DD, for example {0}.", "2026-06-23"]);
            }
            if (!TimeOnly.TryParseExact(ClosesTime?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                refusal.Add("closestime", L["Enter the time as HH:MM in the forum's time, for example 14:30."]);
            }
            if (refusal.IsEmpty && ForumClock.For(Forum.TimeZoneId).Unclear(day, time, L) is { } unclear)
            {
                refusal.Add("closestime", unclear);
            }
            else if (refusal.IsEmpty)
            {
                closesAt = ForumClock.For(Forum.TimeZoneId).ToUtc(day, time);
            }
        }
        if (!refusal.IsEmpty)
        {
            this.ShowRefusal(refusal, Errors);
            return await ShowAsync();
        }
        var settings = await registrations.SettingsAsync(Forum.Id, HttpContext.RequestAborted);
        var before = new { settings.NeedsApproval, settings.ClosesAt };
        if (Db.Entry(settings).State == EntityState.Detached)
        {
            Db.RegistrationSettings.Add(settings);
        }
        (settings.NeedsApproval, settings.ClosesAt) = (NeedsApproval, closesAt);
        Db.Record(User, clock, Forum.Id, "registration.settings", Forum.Slug, before, new { settings.NeedsApproval, settings.ClosesAt });
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(RegistrationLinks.Manage(Forum.Slug) + "?saved=1");
    }

    public async Task<IActionResult> OnPostDecideAsync(string forum, int registration, string? decision, string? reason)
    {
        var outcome = decision switch { "approve" => RegistrationStatus.Approved, "decline" => RegistrationStatus.Declined, _ => (RegistrationStatus?)null };
        var problem = outcome is null
            ? L["Nothing is decided yet: press Approve or Decline."]
            : await registrations.DecideAsync(Forum, registration, outcome.Value, reason, User, HttpContext.RequestAborted);
        if (problem is not null)
        {
            this.ShowRefusal(Refusal.Of($"reason-{registration}", problem), Errors);
            (Deciding, TypedReason) = (registration, reason);
            // The settings form below shows what is saved, not empty fields a later "Save the settings" would write.
            await ShowSettingsAsync();
            return await ShowAsync();
        }
        return Redirect(RegistrationLinks.Manage(Forum.Slug));
    }

    private async Task ShowSettingsAsync()
    {
        var settings = await registrations.SettingsAsync(Forum.Id, HttpContext.RequestAborted);
        NeedsApproval = settings.NeedsApproval;
        if (settings.ClosesAt is { } closes)
        {
            var forumClock = ForumClock.For(Forum.TimeZoneId);
            (ClosesDay, ClosesTime) = (forumClock.Day(closes).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), forumClock.Time(closes));
        }
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        var all = Db.Registrations.Where(r => r.ForumId == Forum.Id);
        ByStatus = await all.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancel);
        ByMode = await all.Where(r => r.Status == RegistrationStatus.Approved).GroupBy(r => r.Mode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancel);
        HubPeople = await all.Where(r => r.Status == RegistrationStatus.Approved && r.Mode == AttendanceMode.RemoteHub).SumAsync(r => r.HubHeadcount ?? 0, cancel);
        var listed = Status is { } status ? all.Where(r => r.Status == status) : all;
        Rows = await (from r in listed
                      join a in Db.Users on r.AccountId equals a.Id
                      join p in Db.People on r.PersonId equals p.Id
                      orderby r.Status, r.CreatedAt
                      select new Row(r.Id, p.Name, a.Email!, p.Affiliation, r.Mode, r.HubName, r.HubHeadcount, r.Status, r.DecisionReason, r.AccessibilityNeeds, r.CreatedAt))
            .Take(PageSize).ToListAsync(cancel);
        Arrivals = await registrations.ArrivalsAsync(Forum, cancel);
        return Page();
    }
}
