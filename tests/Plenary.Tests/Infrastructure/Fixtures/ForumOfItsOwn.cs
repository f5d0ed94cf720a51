using Plenary.Features.Forums;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>A forum one test made for itself: its slug and id, its rooms in order, its sessions by number.</summary>
public sealed record OwnForum(string Slug, int Id, string TimeZoneId, DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<Room> Rooms, IReadOnlyList<Session> Sessions)
{
    /// <summary>A session of the forum by its workshop number (WS #1 is the first placed).</summary>
    public Session Session(int number) => Sessions.Single(s => s.Number == number);
}

public abstract partial class PlenaryApp
{
    /// <summary>
    /// A forum of the test's own, so that what the test changes (a release, a setting, a new session) is seen by no other
    /// test and the order tests run in never matters. Sessions are workshops numbered from 1: the first
    /// <paramref name="placed"/> fill the rooms from the first day at 09:00 in one-hour slots, room by room, then the
    /// next hour; the <paramref name="unplaced"/> ones come after, outside the timetable; the <paramref name="cancelled"/>
    /// ones are the last placed ones, cancelled. With <paramref name="released"/> the timetable is released as it stands.
    /// </summary>
    /// <param name="shape">Changes the forum before it is saved: its name, zone, languages, types, subthemes.</param>
    public async Task<OwnForum> ForumOfItsOwnAsync(string prefix = "own", int rooms = 1, int days = 3, int placed = 0, int unplaced = 0,
        int cancelled = 0, bool released = false, string timeZoneId = "Africa/Nairobi", DateOnly? firstDay = null, Action<Forum>? shape = null)
    {
        if (cancelled > placed)
        {
            throw new ArgumentException("Only placed sessions are cancelled here.", nameof(cancelled));
        }
        var slug = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, Forum.MaxSlug)];
        var first = firstDay ?? new DateOnly(2026, 9, 1);
        var forum = new Forum
        {
            Slug = slug, Name = $"Forum {slug}", Year = first.Year, HostCity = "Nairobi", Venue = "KICC", TimeZoneId = timeZoneId,
            FirstDay = first, LastDay = first.AddDays(days - 1), Theme = "A forum of its own", Languages = ["en", "fr"],
            SessionTypes = SessionType.IgfUsual(), Subthemes = [new Subtheme { Slug = "access", Name = "Access", Position = 1 }],
            Rooms = [.. Enumerable.Range(1, rooms).Select(n => new Room { Name = $"Room {n}", Layout = RoomLayout.Theater, Capacity = 100, Position = n })],
        };
        shape?.Invoke(forum);
        // Placement is computed with .NET's own zones, not the app's clock, so a test may compare the app's times with it.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(forum.TimeZoneId);
        const int SlotsPerDay = 8;
        if (placed > rooms * SlotsPerDay * days)
        {
            throw new ArgumentException($"{rooms} rooms over {days} days hold {rooms * SlotsPerDay * days} one-hour sessions, not {placed}.", nameof(placed));
        }
        // One round trip: the forum, its types, rooms and sessions are saved together, linked by navigation.
        var workshop = forum.SessionTypes.Single(t => t.Code == "WS");
        var orderedRooms = forum.Rooms.OrderBy(r => r.Position).ToList();
        var sessions = new List<Session>();
        for (var i = 0; i < placed + unplaced; i++)
        {
            var session = new Session { Forum = forum, Type = workshop, Number = i + 1, Title = $"Workshop {i + 1} of {slug}", LengthMinutes = 60 };
            if (i < placed)
            {
                var slot = i / orderedRooms.Count;
                var local = first.AddDays(slot / SlotsPerDay).ToDateTime(new TimeOnly(9 + slot % SlotsPerDay, 0));
                session.StartsAt = TimeZoneInfo.ConvertTimeToUtc(local, zone);
                session.EndsAt = session.StartsAt.Value.AddHours(1);
                session.Room = orderedRooms[i % orderedRooms.Count];
                session.Status = i >= placed - cancelled ? SessionStatus.Cancelled : SessionStatus.Scheduled;
            }
            sessions.Add(session);
        }
        var made = await InDbAsync(async db =>
        {
            db.Forums.Add(forum);
            db.Sessions.AddRange(sessions);
            await db.SaveChangesAsync();
            return new OwnForum(slug, forum.Id, forum.TimeZoneId, forum.FirstDay, forum.LastDay, orderedRooms, sessions);
        });
        if (released)
        {
            await ReleaseTimetableAsync(slug);
        }
        return made;
    }
}
