using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Kernel.Audit;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Timetable;

/// <summary>Moves one session on the grid, refused with the rule's message when a blocking rule would be broken.</summary>
public sealed class TimetableMoveChange(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    /// <summary>The blocking warnings the session would cause at <paramref name="at"/> (empty when it may go there).</summary>
    public async Task<List<Warning>> BlockingAsync(Forum forum, int sessionId, Placement? at, int? expected, CancellationToken cancel, int? lengthMinutes = null)
    {
        var snapshot = await TimetableLoad.SnapshotAsync(db, forum, cancel);
        snapshot = snapshot.WithSessions(snapshot.Sessions
            .Select(s => s.Id == sessionId ? s with { ExpectedAttendance = expected, LengthMinutes = lengthMinutes ?? s.LengthMinutes } : s).ToList());
        var placements = new Dictionary<int, Placement>(snapshot.Placements);
        placements.Remove(sessionId);
        if (at is { } where)
        {
            placements[sessionId] = where;
        }
        return TimetableRules.Check(snapshot.With(placements), L)
            .Where(w => w.Severity == Severity.Block && w.SessionIds.Contains(sessionId)).ToList();
    }

    /// <summary>
    /// The session edit page's check: the blocking rules other than the room clash it checks itself, for a session placed at
    /// a forum-local day and start; the messages, or none.
    /// </summary>
    public async Task<List<string>> RefusalsAsync(Forum forum, Sessions.Session session, DateOnly day, TimeOnly start, int roomId, int lengthMinutes, CancellationToken cancel) =>
        (await BlockingAsync(forum, session.Id, new Placement(day, start.Hour * 60 + start.Minute, roomId), session.ExpectedAttendance, cancel, lengthMinutes))
            .Where(w => w.Rule != TimetableRule.RoomClash).Select(w => w.Message).Distinct().ToList();

    /// <summary>Checks and saves a move; the problems by field when it is refused.</summary>
    public async Task<Dictionary<string, string>> MoveAsync(Forum forum, int sessionId, string? day, string? start, int? roomId, int? expected, ClaimsPrincipal user, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string>();
        var session = await db.Sessions.AsTracking().Include(s => s.Type).FirstOrDefaultAsync(s => s.Id == sessionId && s.ForumId == forum.Id, cancel);
        if (session is null)
        {
            errors[""] = L["There is no such session in this forum."];
            return errors;
        }
        if (expected is < 0 or > 1_000_000)
        {
            errors["expected"] = L["Enter the expected attendance as a number from 0 to {0}, or leave it empty.", 1_000_000];
        }
        var unplace = string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(start) && roomId is null;
        Placement? at = null;
        if (!unplace)
        {
            if (!DateOnly.TryParseExact(day?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d < forum.FirstDay || d > forum.LastDay)
            {
                errors["day"] = L["Choose a day of the forum, from {0} to {1}.", forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), forum.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            }
            if (!TimeOnly.TryParseExact(start?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                errors["start"] = L["Enter the start time as HH:MM in the forum's time, for example 14:30."];
            }
            if (forum.Rooms.All(r => r.Id != roomId))
            {
                errors["room"] = L["Choose a room from the list."];
            }
            if (errors.Count == 0)
            {
                at = new Placement(d, time.Hour * 60 + time.Minute, roomId!.Value);
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        if (session.Status == SessionStatus.Scheduled && await BlockingAsync(forum, sessionId, at, expected, cancel) is [_, ..] blocking)
        {
            errors["start"] = string.Join(" ", blocking.Select(w => w.Message).Distinct());
            return errors;
        }
        var before = new { session.StartsAt, session.RoomId, session.ExpectedAttendance };
        session.ExpectedAttendance = expected;
        var zone = ForumClock.For(forum.TimeZoneId);
        if (at is { } where)
        {
            session.StartsAt = zone.ToUtc(where.Day, new TimeOnly(where.Start / 60, where.Start % 60));
            session.EndsAt = session.StartsAt.Value.AddMinutes(session.LengthMinutes);
            session.RoomId = where.RoomId;
        }
        else
        {
            (session.StartsAt, session.EndsAt, session.RoomId) = (null, null, null);
        }
        db.Record(user, clock, forum.Id, "timetable.move", session.Key, before, new { session.StartsAt, session.RoomId, session.ExpectedAttendance });
        await db.SaveChangesAsync(cancel);
        return errors;
    }
}
