using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Releases;

/// <summary>
/// A small forum of its own per test, so that releasing it (which checks the whole timetable) meets no other test's
/// sessions: two rooms, and workshops placed where the test says.
/// </summary>
public sealed class ReleaseForum(PlenaryApp app, string slug, int forumId, int typeId, int[] rooms)
{
    public string Slug { get; } = slug;
    public int ForumId { get; } = forumId;
    public int[] Rooms { get; } = rooms;

    public static async Task<ReleaseForum> CreateAsync(PlenaryApp app, string zone = "Africa/Addis_Ababa", DateOnly? firstDay = null, int days = 3)
    {
        var slug = $"rel{Guid.NewGuid():N}"[..12];
        var first = firstDay ?? new DateOnly(2030, 3, 4);
        return await app.InDbAsync(async db =>
        {
            var forum = new Forum
            {
                Slug = slug, Name = $"Release forum {slug}", Year = first.Year, HostCity = "Addis Ababa", Venue = "Conference centre", TimeZoneId = zone,
                FirstDay = first, LastDay = first.AddDays(days - 1), Theme = "Releases", Languages = ["en", "fr"],
            };
            db.Forums.Add(forum);
            await db.SaveChangesAsync();
            var type = new SessionType { ForumId = forum.Id, Code = "WS", Name = "Workshop", NumberLabel = "WS", DefaultLengthMinutes = 60, Position = 1 };
            var hall = new Room { ForumId = forum.Id, Name = "Hall Abebe", Layout = RoomLayout.Theater, Capacity = 200, HasOnlineEquipment = true, Position = 1 };
            var annex = new Room { ForumId = forum.Id, Name = "Annex Bikila", Layout = RoomLayout.Boardroom, Capacity = 30, HasOnlineEquipment = true, Position = 2 };
            db.AddRange(type, hall, annex);
            await db.SaveChangesAsync();
            return new ReleaseForum(app, slug, forum.Id, type.Id, [hall.Id, annex.Id]);
        });
    }

    /// <summary>A workshop, placed at a UTC instant in a room (index into <see cref="Rooms"/>), or unplaced.</summary>
    public Task<Session> SessionAsync(int number, string title, DateTime? startsAtUtc = null, int room = 0, int minutes = 60) =>
        app.InDbAsync(async db =>
        {
            var session = new Session
            {
                ForumId = ForumId, TypeId = typeId, Number = number, Title = title, LengthMinutes = minutes,
                StartsAt = startsAtUtc, EndsAt = startsAtUtc?.AddMinutes(minutes), RoomId = startsAtUtc is null ? null : Rooms[room],
            };
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            session.Type = await db.SessionTypes.SingleAsync(t => t.Id == typeId);
            return session;
        });

    /// <summary>
    /// Moves a session in the working copy, as the Secretariat's grid does: the calendar sequence counts the change until
    /// the forum's first release, after which the next release counts it (Plenary.Features.Schedule.CalendarSequence).
    /// </summary>
    public async Task MoveAsync(Session session, DateTime startsAtUtc, int room = 0, int? minutes = null)
    {
        var length = minutes ?? session.LengthMinutes;
        await app.InDbAsync(async db =>
        {
            var raise = await RaisesAsync(db, session);
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.StartsAt, startsAtUtc).SetProperty(s => s.EndsAt, startsAtUtc.AddMinutes(length))
                .SetProperty(s => s.RoomId, Rooms[room]).SetProperty(s => s.ScheduleSequence, s => s.ScheduleSequence + raise));
        });
        await app.EvictPublicCacheAsync();
    }

    public async Task CancelAsync(Session session)
    {
        await app.InDbAsync(async db =>
        {
            var raise = await RaisesAsync(db, session);
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, SessionStatus.Cancelled).SetProperty(s => s.ScheduleSequence, s => s.ScheduleSequence + raise));
        });
        await app.EvictPublicCacheAsync();
    }

    private static async Task<int> RaisesAsync(Plenary.Infrastructure.Data.PlenaryDb db, Session session) =>
        await db.TimetableReleases.AnyAsync(r => r.ForumId == session.ForumId) ? 0 : 1;

    /// <summary>Releases through the Secretariat's page, as they would.</summary>
    public async Task<HttpResponseMessage> ReleaseAsync(HttpClient secretariat, string name) =>
        await PlenaryApp.SubmitFormAsync(secretariat, $"/{Slug}/manage/timetable/releases", new Dictionary<string, string> { ["Name"] = name });

    /// <summary>A UTC instant at a forum-local time on the forum's n-th day (Addis Ababa is UTC+3 all year).</summary>
    public static DateTime At(DateOnly firstDay, int day, int hour, int minute = 0, int offsetHours = 3) =>
        firstDay.AddDays(day).ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc).AddHours(-offsetHours);
}
