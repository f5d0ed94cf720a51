using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Releases;

public enum ChangeKind
{
    /// <summary>In the public timetable for the first time.</summary>
    New,
    Moved,
    Cancelled,

    /// <summary>Cancelled before, on again.</summary>
    Reinstated,

    /// <summary>Taken off the timetable without being cancelled: it has no time or room any more.</summary>
    Unscheduled,
}

/// <summary>Where a session stood, as the changelog shows it.</summary>
public sealed record Place(DateTime? StartsAt, DateTime? EndsAt, int? RoomId, string? RoomName, SessionStatus Status)
{
    public bool IsPlaced => StartsAt is not null && RoomId is not null;
}

/// <summary>One line of a release's changelog.</summary>
public sealed record Change(int SessionId, string Key, string NumberedName, string Title, ChangeKind Kind, Place? Before, Place After)
{
    public bool TimeChanged => Before is not null && (Before.StartsAt != After.StartsAt || Before.EndsAt != After.EndsAt);
    public bool RoomChanged => Before is not null && Before.RoomId != After.RoomId;

    /// <summary>Those who saved the session are told of these.</summary>
    public bool Notifies => Kind is ChangeKind.Moved or ChangeKind.Cancelled or ChangeKind.Unscheduled;
}

/// <summary>The changelog of a release: what differs from the release before it. Generated from the two snapshots, never edited.</summary>
public static class Changelog
{
    public static List<Change> Diff(IReadOnlyDictionary<int, ReleasedSession>? before, IReadOnlyCollection<ReleasedSession> after,
        IReadOnlyDictionary<int, (string Key, string Name, string Title)> sessions, IReadOnlyDictionary<int, string> rooms)
    {
        Place PlaceOf(ReleasedSession r) => new(r.StartsAt, r.EndsAt, r.RoomId, r.RoomId is { } id ? rooms.GetValueOrDefault(id) : null, r.Status);
        var changes = new List<Change>();
        foreach (var now in after)
        {
            if (!sessions.TryGetValue(now.SessionId, out var s))
            {
                continue;
            }
            var to = PlaceOf(now);
            var was = before?.GetValueOrDefault(now.SessionId) is { } b ? PlaceOf(b) : null;
            ChangeKind? kind = (was, to) switch
            {
                (null or { IsPlaced: false }, { IsPlaced: true, Status: SessionStatus.Scheduled }) => ChangeKind.New,
                (null, _) => null,
                ({ Status: SessionStatus.Scheduled }, { Status: SessionStatus.Cancelled }) => ChangeKind.Cancelled,
                ({ Status: SessionStatus.Cancelled }, { Status: SessionStatus.Scheduled, IsPlaced: true }) => ChangeKind.Reinstated,
                ({ IsPlaced: true }, { IsPlaced: false }) => ChangeKind.Unscheduled,
                ({ IsPlaced: true }, { IsPlaced: true }) when was.StartsAt != to.StartsAt || was.EndsAt != to.EndsAt || was.RoomId != to.RoomId => ChangeKind.Moved,
                _ => null,
            };
            if (kind is { } k)
            {
                changes.Add(new Change(now.SessionId, s.Key, s.Name, s.Title, k, was, to));
            }
        }
        return changes.OrderBy(c => c.Kind).ThenBy(c => c.After.StartsAt ?? c.Before?.StartsAt).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>The changelog of every release of a forum, newest first.</summary>
    public static async Task<List<(TimetableRelease Release, List<Change> Changes)>> OfForumAsync(PlenaryDb db, Forums.Forum forum, CancellationToken cancel)
    {
        var releases = await db.TimetableReleases.Where(r => r.ForumId == forum.Id).OrderBy(r => r.Id).ToListAsync(cancel);
        if (releases.Count == 0)
        {
            return [];
        }
        var ids = releases.Select(r => r.Id).ToList();
        var rows = (await db.ReleasedSessions.Where(p => ids.Contains(p.ReleaseId)).ToListAsync(cancel)).ToLookup(p => p.ReleaseId);
        var sessions = await NamesAsync(db, forum.Id, cancel);
        var rooms = forum.Rooms.ToDictionary(r => r.Id, r => r.Name);
        var result = new List<(TimetableRelease, List<Change>)>();
        Dictionary<int, ReleasedSession>? previous = null;
        foreach (var release in releases)
        {
            var current = rows[release.Id].ToList();
            result.Add((release, Diff(previous, current, sessions, rooms)));
            previous = current.ToDictionary(p => p.SessionId);
        }
        result.Reverse();
        return result;
    }

    public static async Task<Dictionary<int, (string Key, string Name, string Title)>> NamesAsync(PlenaryDb db, int forumId, CancellationToken cancel) =>
        (await db.Sessions.Where(s => s.ForumId == forumId).Select(s => new { s.Id, s.Type.Code, s.Type.NumberLabel, TypeName = s.Type.Name, s.Number, s.HasNumber, s.Title }).ToListAsync(cancel))
            .ToDictionary(s => s.Id, s => (SessionKey.Format(s.Code, s.Number), Session.NameOf(s.NumberLabel, s.TypeName, s.Number, s.HasNumber), s.Title));
}
