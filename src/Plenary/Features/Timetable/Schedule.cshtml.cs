using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Timetable;

public enum ChangeKind
{
    Placed,
    Moved,
    Unplaced,
}

public sealed record ProposedChange(ChangeKind Kind, SnapshotSession Session, Placement? From, Placement? To, UnplacedReason? Reason);

/// <summary>
/// The automatic scheduler's proposal as a diff, applied only on request. The proposal is recomputed on apply from the same
/// seed (the scheduler is deterministic) and refused if the timetable changed since it was shown.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class ScheduleModel(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L)
    : ManagePageModel(db)
{
    public TimetableSnapshot Snapshot { get; private set; } = null!;
    public List<ProposedChange> Changes { get; private set; } = [];
    public double CostBefore { get; private set; }
    public double CostAfter { get; private set; }
    public bool ReplanAll { get; private set; }
    public int Seed { get; private set; } = 1;
    public string Fingerprint { get; private set; } = "";
    public int? Applied { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string? mode, int? seed, int? applied)
    {
        if (Read(mode, seed) is { } refused)
        {
            this.ShowRefusal(refused, Errors);
        }
        Applied = applied;
        await ProposeAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string forum, string? mode, int? seed, string? fingerprint)
    {
        if (Read(mode, seed) is { } refused)
        {
            this.ShowRefusal(refused, Errors);
            await ProposeAsync();
            return Page();
        }
        await ProposeAsync();
        if (fingerprint != Fingerprint)
        {
            this.ShowRefusal(Refusal.Of("", L["The timetable changed since the proposal was shown. Review the new proposal below before applying it."])
                .WithStatus(StatusCodes.Status409Conflict), Errors);
            return Page();
        }
        var cancel = HttpContext.RequestAborted;
        var moving = Changes.Where(c => c.To is not null).ToDictionary(c => c.Session.Id, c => c.To!.Value);
        var clearing = Changes.Where(c => c.Kind == ChangeKind.Unplaced && c.From is not null).Select(c => c.Session.Id).ToHashSet();
        var ids = moving.Keys.Concat(clearing).ToList();
        var sessions = await Db.Sessions.AsTracking().Where(s => s.ForumId == Forum.Id && ids.Contains(s.Id)).ToListAsync(cancel);
        var zone = ForumClock.For(Forum.TimeZoneId);
        foreach (var s in sessions)
        {
            if (!moving.TryGetValue(s.Id, out var at))
            {
                // Re-planning all: a session with no place left must not keep one that now clashes.
                (s.StartsAt, s.EndsAt, s.RoomId) = (null, null, null);
                continue;
            }
            s.StartsAt = zone.ToUtc(at.Day, new TimeOnly(at.Start / 60, at.Start % 60));
            s.EndsAt = s.StartsAt.Value.AddMinutes(s.LengthMinutes);
            s.RoomId = at.RoomId;
        }
        Db.Record(User, clock, Forum.Id, "timetable.schedule", Forum.Slug,
            new { Sessions = Changes.Where(c => c.From is not null).ToDictionary(c => c.Session.Key, c => Describe(c.From)) },
            new { ReplanAll, Seed, Cost = CostAfter, Sessions = Changes.ToDictionary(c => c.Session.Key, c => Describe(c.To)) });
        await Db.SaveChangesAsync(cancel);
        return Redirect(TimetableLinks.Schedule(Forum.Slug) + $"?mode={(ReplanAll ? "all" : "unscheduled")}&seed={Seed}&applied={sessions.Count}");
    }

    /// <summary>Reads the mode and the seed asked for; a refusal when one is none of the page's, and the defaults stay.</summary>
    private Refusal? Read(string? mode, int? seed)
    {
        if (mode is not (null or "" or "unscheduled" or "all"))
        {
            return Refusal.Of("mode", L["Choose to place the unscheduled sessions or to re-plan all of them."]);
        }
        ReplanAll = mode == "all";
        if (seed is { } s)
        {
            if (s is < 0 or > 1_000_000)
            {
                return Refusal.Of("seed", L["Enter a seed from 0 to {0}.", 1_000_000]);
            }
            Seed = s;
        }
        return null;
    }

    private async Task ProposeAsync()
    {
        Snapshot = await TimetableLoad.SnapshotAsync(Db, Forum, HttpContext.RequestAborted);
        var scheduler = new Scheduler(Snapshot);
        var plan = scheduler.Plan(ReplanAll, Seed);
        CostBefore = scheduler.Cost(Snapshot.Placements);
        CostAfter = plan.Cost;
        foreach (var s in Snapshot.Sessions)
        {
            var from = Snapshot.Placements.TryGetValue(s.Id, out var f) ? f : (Placement?)null;
            var to = plan.Placements.TryGetValue(s.Id, out var p) ? p : (Placement?)null;
            if (plan.Unplaced.TryGetValue(s.Id, out var reason))
            {
                Changes.Add(new ProposedChange(ChangeKind.Unplaced, s, from, null, reason));
            }
            else if (to is not null && from is null)
            {
                Changes.Add(new ProposedChange(ChangeKind.Placed, s, null, to, null));
            }
            else if (to is not null && from != to)
            {
                Changes.Add(new ProposedChange(ChangeKind.Moved, s, from, to, null));
            }
        }
        var text = string.Join(";", Snapshot.Sessions.Select(s => $"{s.Id}:{s.LengthMinutes}:{(Snapshot.Placements.TryGetValue(s.Id, out var at) ? at.ToString() : "-")}"));
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    private string? Describe(Placement? at) => at is { } p ? $"{p.Day:yyyy-MM-dd} {IndexModel.Time(p.Start)} {Snapshot.Room(p.RoomId)?.Name}" : null;

    public string Where(Placement? at) => Describe(at) ?? L["nowhere yet"];

    public string Reason(UnplacedReason reason) => reason switch
    {
        UnplacedReason.TooLong => L["It is longer than any stretch of the day between breaks."],
        UnplacedReason.NoEquippedRoom => L["It has online speakers and no room with online equipment is free."],
        UnplacedReason.NoLargeEnoughRoom => L["No room seats its expected attendance."],
        UnplacedReason.PeopleBusy => L["Its people are in other sessions whenever a room is free."],
        UnplacedReason.PeopleUnavailable => L["Its people are not available whenever a room is free."],
        UnplacedReason.NightForOnlineSpeakers => L["It would be at night for its online speakers whenever a room is free."],
        _ => L["No room is free for its length at any time."],
    };
}
