using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Proposals;

/// <summary>Where a call stands at a given instant.</summary>
public enum CallStatus
{
    None,
    Announced,
    Open,
    Closed,
}

/// <summary>
/// The forum's call for session proposals as anyone reads it, without an account: what may be proposed, when, what a
/// proposal holds and the screening rules it must meet, stated by the rules themselves (<see cref="Screening.InWords"/>).
/// Cached like every public page for anonymous readers; the Secretariat's changes to the call evict it.
/// </summary>
[AllowAnonymous]
public sealed class PublicCallModel(PlenaryDb db, ProposalStates states, TimeProvider clock, IStringLocalizer<SharedResource> L) : ForumPageModel(db)
{
    public Call? Call { get; private set; }
    public CallStatus Status { get; private set; }
    public ForumClock ForumClock { get; private set; } = null!;

    /// <summary>The reader's own zone from their profile, when it is neither the forum's nor UTC (signed-in pages are never cached).</summary>
    public ForumClock? ReaderClock { get; private set; }
    public List<SessionType> Types { get; private set; } = [];
    public List<RuleInWords> Rules { get; private set; } = [];
    public bool SignedIn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        var cancel = HttpContext.RequestAborted;
        Call = await Db.Calls.FirstOrDefaultAsync(c => c.ForumId == Forum.Id, cancel);
        Status = StatusAt(Call, clock.GetUtcNow().UtcDateTime);
        ForumClock = ForumClock.For(Forum.TimeZoneId);
        SignedIn = User.Identity?.IsAuthenticated == true;
        if (SignedIn)
        {
            var own = await states.ZoneOfAsync(User, Forum, cancel);
            ReaderClock = own.ZoneId == ForumClock.ZoneId || IsUtc(own) ? null : own;
        }
        if (Call is not null)
        {
            Types = Forum.SessionTypes.Where(t => Call.Accepts(t.Code)).ToList();
            Rules = Screening.InWords(Call, Forum, L);
        }
        return Page();
    }

    public static CallStatus StatusAt(Call? call, DateTime now) => call switch
    {
        null => CallStatus.None,
        _ when now < call.OpensAt => CallStatus.Announced,
        _ when call.IsOpenAt(now) => CallStatus.Open,
        _ => CallStatus.Closed,
    };

    public static bool IsUtc(ForumClock clock) => clock.ZoneId is "UTC" or "Etc/UTC";

    /// <summary>"Sunday 1 March 2099, 23:59 Asia/Tokyo (UTC+9)": the day named, as a deadline should be.</summary>
    public static string At(ForumClock clock, DateTime utc, System.Globalization.CultureInfo culture) =>
        $"{ForumClock.LongDay(clock.Day(utc), culture)}, {clock.Time(utc)} {clock.ZoneName(utc)}";
}
