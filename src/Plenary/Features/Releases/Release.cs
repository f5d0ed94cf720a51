using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Releases;

/// <summary>
/// A version of the timetable the Secretariat made public. The public sees the latest release, never the working copy
/// the Secretariat is still moving sessions around in. A forum that has never released shows its working copy, so that
/// a new forum (or one imported from elsewhere) is readable before anyone thinks of releasing.
/// </summary>
public sealed class TimetableRelease
{
    public const int MaxName = 100;

    public int Id { get; set; }
    public int ForumId { get; set; }

    /// <summary>The Secretariat's words, e.g. "v3 – final".</summary>
    public required string Name { get; set; }
    public DateTime ReleasedAt { get; set; }
    public int? ReleasedBy { get; set; }
}

/// <summary>
/// Where one session stood in a release. Every session of the forum is in the snapshot, placed or not, so a session
/// created after the release is absent from it, and so from every public view, until the next one.
/// </summary>
public sealed class ReleasedSession
{
    public int ReleaseId { get; set; }
    public int SessionId { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public int? RoomId { get; set; }
    public SessionStatus Status { get; set; }

    /// <summary>The iCalendar SEQUENCE published for this release: one more than the previous release's when the session moved or changed status.</summary>
    public int Sequence { get; set; }

    public bool IsPlaced => StartsAt is not null && EndsAt is not null && RoomId is not null;
}


public sealed class TimetableReleaseConfiguration : IEntityTypeConfiguration<TimetableRelease>
{
    public void Configure(EntityTypeBuilder<TimetableRelease> release)
    {
        release.ToTable("TimetableReleases");
        release.Property(r => r.Name).HasMaxLength(TimetableRelease.MaxName);
        release.HasIndex(r => new { r.ForumId, r.Id });
        release.HasOne<Forum>().WithMany().HasForeignKey(r => r.ForumId).OnDelete(DeleteBehavior.Cascade);
        release.HasOne<Account>().WithMany().HasForeignKey(r => r.ReleasedBy).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class ReleasedSessionConfiguration : IEntityTypeConfiguration<ReleasedSession>
{
    public void Configure(EntityTypeBuilder<ReleasedSession> placed)
    {
        placed.ToTable("ReleasedSessions");
        placed.HasKey(p => new { p.ReleaseId, p.SessionId });
        placed.Ignore(p => p.IsPlaced);
        placed.HasIndex(p => p.SessionId);
        placed.HasIndex(p => p.RoomId);
        placed.HasOne<TimetableRelease>().WithMany().HasForeignKey(p => p.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        placed.HasOne<Session>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
        placed.HasOne<Room>().WithMany().HasForeignKey(p => p.RoomId).OnDelete(DeleteBehavior.SetNull);
    }
}

/// <summary>What the public sees of a forum's timetable: the latest release, read once per request.</summary>
public sealed class PublishedTimetable
{
    private readonly Dictionary<int, ReleasedSession>? _released;

    private PublishedTimetable(TimetableRelease? release, Dictionary<int, ReleasedSession>? released) => (Release, _released) = (release, released);

    /// <summary>Null before the forum's first release: then the working copy is public.</summary>
    public TimetableRelease? Release { get; }

    public static async Task<PublishedTimetable> LoadAsync(PlenaryDb db, int forumId, CancellationToken cancel)
    {
        var release = await db.TimetableReleases.Where(r => r.ForumId == forumId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancel);
        if (release is null)
        {
            return new PublishedTimetable(null, null);
        }
        var placed = await db.ReleasedSessions.Where(p => p.ReleaseId == release.Id).ToDictionaryAsync(p => p.SessionId, cancel);
        return new PublishedTimetable(release, placed);
    }

    /// <summary>
    /// The latest release as far as one session is concerned, for that session's page: its placement alone is read, not
    /// the whole released timetable (300 rows for an IGF, on every signed-in view of a session). Answers for that session
    /// only: any other is taken as not released.
    /// </summary>
    public static Task<PublishedTimetable> LoadForAsync(PlenaryDb db, int forumId, int sessionId, CancellationToken cancel) => db switch
    {
        // Compiled once per provider: on a session page rendered afresh, building these two queries cost more than running them.
        SqlitePlenaryDb sqlite => OneSession<SqlitePlenaryDb>.LoadAsync(sqlite, forumId, sessionId, cancel),
        PostgresPlenaryDb postgres => OneSession<PostgresPlenaryDb>.LoadAsync(postgres, forumId, sessionId, cancel),
        _ => LoadForAsync(db, forumId, [sessionId], cancel),
    };

    /// <summary>The same two statements as <see cref="LoadForAsync(PlenaryDb, int, IReadOnlyCollection{int}, CancellationToken)"/> for one session.</summary>
    private static class OneSession<TDb> where TDb : PlenaryDb
    {
        private static readonly Func<TDb, int, CancellationToken, Task<TimetableRelease?>> Latest = EF.CompileAsyncQuery(
            (TDb db, int forumId, CancellationToken cancel) => db.TimetableReleases.Where(r => r.ForumId == forumId).OrderByDescending(r => r.Id).FirstOrDefault());

        private static readonly Func<TDb, int, int, CancellationToken, Task<ReleasedSession?>> Placement = EF.CompileAsyncQuery(
            (TDb db, int releaseId, int sessionId, CancellationToken cancel) => db.ReleasedSessions.FirstOrDefault(p => p.ReleaseId == releaseId && p.SessionId == sessionId));

        public static async Task<PublishedTimetable> LoadAsync(TDb db, int forumId, int sessionId, CancellationToken cancel)
        {
            if (await Latest(db, forumId, cancel) is not { } release)
            {
                return new PublishedTimetable(null, null);
            }
            var placed = new Dictionary<int, ReleasedSession>();
            if (await Placement(db, release.Id, sessionId, cancel) is { } placement)
            {
                placed[sessionId] = placement;
            }
            return new PublishedTimetable(release, placed);
        }
    }

    /// <summary>
    /// The same for a few sessions (a reader's agenda): their placements alone are read. Answers for those sessions only.
    /// </summary>
    public static async Task<PublishedTimetable> LoadForAsync(PlenaryDb db, int forumId, IReadOnlyCollection<int> sessionIds, CancellationToken cancel)
    {
        var release = await db.TimetableReleases.Where(r => r.ForumId == forumId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancel);
        if (release is null)
        {
            return new PublishedTimetable(null, null);
        }
        var placed = sessionIds.Count == 0
            ? []
            : await db.ReleasedSessions.Where(p => p.ReleaseId == release.Id && sessionIds.Contains(p.SessionId)).ToDictionaryAsync(p => p.SessionId, cancel);
        return new PublishedTimetable(release, placed);
    }

    /// <summary>
    /// The forum's sessions the public may count: all of them before the first release, else those the latest release
    /// carries (one query, for figures; pages that show a session use <see cref="Apply"/> for its released placement).
    /// </summary>
    public static IQueryable<Session> PublicSessions(PlenaryDb db, int forumId) =>
        PublicSessions(db).Where(s => s.ForumId == forumId);

    /// <summary>
    /// The same over every forum at once, each session against its own forum's latest release: for what spans forums, as a
    /// person's or an organisation's parts do (whom the people pages list, and search finds).
    /// </summary>
    public static IQueryable<Session> PublicSessions(PlenaryDb db) =>
        db.Sessions.Where(s => !db.TimetableReleases.Any(r => r.ForumId == s.ForumId)
            || db.ReleasedSessions.Any(p => p.SessionId == s.Id && p.ReleaseId == db.TimetableReleases.Where(r => r.ForumId == s.ForumId).Max(r => r.Id)));

    /// <summary>False for a session created (or imported) after the latest release: it is not public yet.</summary>
    public bool IsPublic(int sessionId) => _released is null || _released.ContainsKey(sessionId);

    /// <summary>The session's status as the public sees it (the released one once the forum has released), from its working
    /// status; null when the session is not public.</summary>
    public SessionStatus? StatusOf(int sessionId, SessionStatus working) =>
        _released is null ? working : _released.TryGetValue(sessionId, out var r) ? r.Status : null;

    /// <summary>
    /// The public placement of a session from its working values: the released ones when the forum has released, else the
    /// working ones. Null when the session is not public.
    /// </summary>
    public (DateTime? StartsAt, DateTime? EndsAt, int? RoomId, SessionStatus Status, int Sequence)? Of(int sessionId, DateTime? startsAt, DateTime? endsAt, int? roomId, SessionStatus status, int sequence)
    {
        if (_released is null)
        {
            return (startsAt, endsAt, roomId, status, sequence);
        }
        if (!_released.TryGetValue(sessionId, out var r))
        {
            return null;
        }
        // The title, the people, the SDGs and the rest are public as soon as they change, and raise the working copy's
        // sequence, which the release brought up to its own (ReleaseChange.SnapshotAsync): so the higher of the two.
        var published = Math.Max(r.Sequence, sequence);
        return r.IsPlaced ? (r.StartsAt, r.EndsAt, r.RoomId, r.Status, published) : (null, null, null, r.Status, published);
    }

    /// <summary>Puts the public placement onto a loaded (untracked) session; false when the session is not public.</summary>
    public bool Apply(Session session, Forum forum)
    {
        if (Of(session.Id, session.StartsAt, session.EndsAt, session.RoomId, session.Status, session.ScheduleSequence) is not { } p)
        {
            return false;
        }
        if (p.RoomId != session.RoomId)
        {
            session.Room = p.RoomId is { } id ? forum.Rooms.FirstOrDefault(r => r.Id == id) : null;
        }
        (session.StartsAt, session.EndsAt, session.RoomId, session.Status, session.ScheduleSequence) = (p.StartsAt, p.EndsAt, p.RoomId, p.Status, p.Sequence);
        return true;
    }
}
