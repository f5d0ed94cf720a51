using Microsoft.EntityFrameworkCore;
using NodaTime;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Timetable;

/// <summary>Reads a forum's timetable into a <see cref="TimetableSnapshot"/> in a handful of queries.</summary>
public static class TimetableLoad
{
    public static async Task<TimetableSettings> SettingsAsync(PlenaryDb db, int forumId, CancellationToken cancel) =>
        await db.TimetableSettings.Include(t => t.Breaks).Include(t => t.Severities).AsSplitQuery()
            .FirstOrDefaultAsync(t => t.ForumId == forumId, cancel) ?? TimetableSettings.Usual(forumId);

    public static async Task<TimetableSnapshot> SnapshotAsync(PlenaryDb db, Forum forum, CancellationToken cancel)
    {
        var settings = await SettingsAsync(db, forum.Id, cancel);
        var rooms = await db.Rooms.Where(r => r.ForumId == forum.Id).OrderBy(r => r.Position).ThenBy(r => r.Name).ToListAsync(cancel);
        var roomIds = rooms.Select(r => r.Id).ToList();
        var roomWindows = (await db.RoomAvailabilities.Where(a => roomIds.Contains(a.RoomId)).ToListAsync(cancel)).ToLookup(a => a.RoomId);
        var sessions = await db.Sessions.Where(s => s.ForumId == forum.Id && s.Status == SessionStatus.Scheduled)
            .Select(s => new { s.Id, s.Type.Code, s.Type.NumberLabel, TypeName = s.Type.Name, s.Number, s.HasNumber, s.LengthMinutes, s.SubthemeId, s.ExpectedAttendance, s.StartsAt, s.RoomId })
            .ToListAsync(cancel);
        var roles = (await db.SessionRoles
            .Where(r => r.PersonId != null && r.Kind != SessionRoleKind.Organiser && db.Sessions.Any(s => s.Id == r.SessionId && s.ForumId == forum.Id))
            .Select(r => new { r.SessionId, PersonId = r.PersonId!.Value, r.Mode }).ToListAsync(cancel)).ToLookup(r => r.SessionId);
        var personIds = roles.SelectMany(g => g.Select(r => r.PersonId)).Distinct().ToList();
        var people = await db.People.Where(p => personIds.Contains(p.Id)).Select(p => new { p.Id, p.Name, p.TimeZoneId, p.CountryCode }).ToListAsync(cancel);
        var personWindows = (await db.PersonAvailabilities.Where(a => a.ForumId == forum.Id).ToListAsync(cancel)).ToLookup(a => a.PersonId);
        var snapshot = new TimetableSnapshot
        {
            Zone = DateTimeZoneProviders.Tzdb[forum.TimeZoneId], FirstDay = forum.FirstDay, LastDay = forum.LastDay,
            DayStart = settings.DayStartMinutes, DayEnd = settings.DayEndMinutes, SlotMinutes = settings.SlotMinutes,
            Breaks = settings.Breaks.OrderBy(b => b.StartMinutes).Select(b => new Window(b.StartMinutes, b.EndMinutes)).ToList(),
            Severities = Enum.GetValues<TimetableRule>().ToDictionary(r => r, settings.SeverityOf),
            Rooms = rooms.Select(r => new SnapshotRoom(r.Id, r.Name, r.Capacity, r.HasOnlineEquipment, Windows(roomWindows[r.Id].Select(a => (a.Day, a.StartMinutes, a.EndMinutes))))).ToList(),
            Sessions = sessions.OrderBy(s => s.Id).Select(s => new SnapshotSession(s.Id, SessionKey.Format(s.Code, s.Number), Session.NameOf(s.NumberLabel, s.TypeName, s.Number, s.HasNumber), s.LengthMinutes,
                s.SubthemeId, s.ExpectedAttendance, roles[s.Id].Select(r => new SnapshotRole(r.PersonId, r.Mode)).ToList())).ToList(),
            People = people.ToDictionary(p => p.Id, p => new SnapshotPerson(p.Id, p.Name, TimetableSnapshot.ZoneOf(p.TimeZoneId, p.CountryCode),
                personWindows[p.Id].Any() ? Windows(personWindows[p.Id].Select(a => (a.Day, a.StartMinutes, a.EndMinutes))) : null)),
            Placements = [],
        };
        foreach (var s in sessions)
        {
            if (s.StartsAt is { } start && s.RoomId is { } room && snapshot.PlacementOf(start, room) is { } at)
            {
                snapshot.Placements[s.Id] = at;
            }
        }
        return snapshot;
    }

    private static Dictionary<DateOnly, List<Window>> Windows(IEnumerable<(DateOnly Day, int Start, int End)> rows) =>
        rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Select(r => new Window(r.Start, r.End)).OrderBy(w => w.Start).ToList());
}
