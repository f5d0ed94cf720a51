using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Plenary.Features.Frameworks;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Schedule;

/// <summary>
/// Raises a session's iCalendar SEQUENCE (<see cref="Session.ScheduleSequence"/>) whenever a save changes what its
/// VEVENT shows (<see cref="CalendarEvent"/>): the summary (type, number, title), the description (the people listed,
/// the text), the time, the room, the status and the categories (type, subtheme, SDGs, GDC objectives, WSIS action
/// lines). Calendar apps ignore an update whose SEQUENCE did not rise, so the rule lives here, in one place, for every
/// writer: the edit page and the API, the timetable's moves, the CSV import, the people added on the page. A bulk
/// ExecuteUpdate/ExecuteDelete bypasses the tracker and calls <see cref="RaiseAsync"/> (or sets the column itself).
/// A rename seen elsewhere (a session type, a subtheme, a room, the venue, a listed person) raises every session that
/// shows it, by one bulk update in the same save.
/// Once a forum has released its timetable, the time, room and status the feeds show are the release's: a change to
/// them in the working copy is not public, raises nothing, and the next release raises the sequence of what it moved
/// (<see cref="Releases.ReleaseChange.SnapshotAsync"/>); everything else is public at once, and raises it at once
/// (<see cref="Releases.PublishedTimetable.Of"/> shows the higher of the release's sequence and the working copy's).
/// </summary>
public sealed class CalendarSequence : SaveChangesInterceptor
{
    /// <summary>The session's own columns a VEVENT shows that a release holds back: its placement and status.</summary>
    private static readonly string[] Released = [nameof(Session.StartsAt), nameof(Session.EndsAt), nameof(Session.RoomId), nameof(Session.Status)];

    /// <summary>The session's own columns a VEVENT shows, public as soon as they change.</summary>
    private static readonly string[] Live =
    [
        nameof(Session.Title), nameof(Session.Description), nameof(Session.TypeId), nameof(Session.Number), nameof(Session.HasNumber), nameof(Session.SubthemeId),
    ];

    /// <summary>The role columns that change how a listed person reads in the description, or where.</summary>
    private static readonly string[] ShownOfRoles =
        [nameof(SessionRole.Kind), nameof(SessionRole.PersonId), nameof(SessionRole.ToBeConfirmed), nameof(SessionRole.Position)];

    /// <summary>
    /// Whether the calendar lists a role's holder: rapporteurs write the report and a timekeeper keeps time, but neither
    /// is on stage. <see cref="ExportedTimetable"/> lists people by the same rule.
    /// </summary>
    public static bool Lists(SessionRoleKind kind) => !NotListed.Contains(kind);

    private static readonly SessionRoleKind[] NotListed = [SessionRoleKind.Rapporteur, SessionRoleKind.CoRapporteur, SessionRoleKind.Timekeeper];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        RaiseAsync(eventData.Context, synchronously: true, default).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await RaiseAsync(eventData.Context, synchronously: false, cancellationToken);
        return result;
    }

    /// <summary>For a write the change tracker does not see (a bulk delete of a listed role): one more, in the caller's transaction.</summary>
    public static Task RaiseAsync(PlenaryDb db, int sessionId, CancellationToken cancel) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ScheduleSequence, s => s.ScheduleSequence + 1), cancel);

    private static async Task RaiseAsync(DbContext? context, bool synchronously, CancellationToken cancel)
    {
        if (context is null)
        {
            return;
        }
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }
        foreach (var renamed in Renamed(context))
        {
            await RaiseAllAsync(context.Set<Session>().Where(renamed), synchronously, cancel);
        }
        // A new session is in no calendar yet: only sessions read from the database have a copy to replace.
        var sessions = context.ChangeTracker.Entries<Session>().Where(e => e.State is EntityState.Unchanged or EntityState.Modified).ToList();
        var added = context.ChangeTracker.Entries<Session>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var shown = sessions.Where(e => e.State == EntityState.Modified && Live.Any(name => Differs(e.Property(name))))
            .Select(e => e.Entity.Id).ToHashSet();
        foreach (var part in context.ChangeTracker.Entries())
        {
            if (part.State is not (EntityState.Added or EntityState.Deleted or EntityState.Modified))
            {
                continue;
            }
            var shows = part.Entity switch
            {
                SessionSdg or SessionFrameworkLink => true,
                SessionRole role => part.State == EntityState.Modified
                    ? ShownOfRoles.Any(name => Differs(part.Property(name)))
                    : (role.PersonId is not null || role.Person is not null) && Lists(role.Kind),
                _ => false,
            };
            if (shows && part.Property(nameof(SessionSdg.SessionId)).CurrentValue is int owner && owner > 0 && added.All(s => s.Id != owner))
            {
                shown.Add(owner);
            }
        }
        var moved = sessions.Where(e => !shown.Contains(e.Entity.Id) && e.State == EntityState.Modified && Released.Any(name => Differs(e.Property(name)))).ToList();
        if (moved.Count > 0)
        {
            var forums = moved.Select(e => e.Entity.ForumId).Distinct().ToList();
            var releases = context.Set<Releases.TimetableRelease>().Where(r => forums.Contains(r.ForumId)).Select(r => r.ForumId).Distinct();
            var released = synchronously ? releases.ToList() : await releases.ToListAsync(cancel);
            shown.UnionWith(moved.Where(e => !released.Contains(e.Entity.ForumId)).Select(e => e.Entity.Id));
        }
        // A part saved without its session loaded (a role added by id): raised in the database, in the same save.
        var untracked = shown.Except(sessions.Select(e => e.Entity.Id)).ToList();
        if (untracked.Count > 0)
        {
            await RaiseAllAsync(context.Set<Session>().Where(s => untracked.Contains(s.Id)), synchronously, cancel);
        }
        foreach (var entry in sessions.Where(e => shown.Contains(e.Entity.Id)))
        {
            var sequence = entry.Property(s => s.ScheduleSequence);
            // Once a save, and not over a value a writer set on purpose.
            if (!sequence.IsModified)
            {
                sequence.CurrentValue = sequence.OriginalValue + 1;
            }
        }
    }

    /// <summary>The sessions whose summary, location, categories or people read differently after a rename in this save.</summary>
    private static List<System.Linq.Expressions.Expression<Func<Session, bool>>> Renamed(DbContext context)
    {
        var renamed = new List<System.Linq.Expressions.Expression<Func<Session, bool>>>();
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
        {
            switch (entry.Entity)
            {
                case Forums.SessionType type when Differs(entry.Property(nameof(type.Name))) || Differs(entry.Property(nameof(type.NumberLabel))):
                    var typeId = type.Id;
                    renamed.Add(s => s.TypeId == typeId);
                    break;
                case Forums.Subtheme subtheme when Differs(entry.Property(nameof(subtheme.Name))):
                    var subthemeId = subtheme.Id;
                    renamed.Add(s => s.SubthemeId == subthemeId);
                    break;
                case Rooms.Room room when Differs(entry.Property(nameof(room.Name))):
                    // The released room may differ from the working one: both, since either may be the one shown.
                    var roomId = room.Id;
                    var released = context.Set<Releases.ReleasedSession>();
                    renamed.Add(s => s.RoomId == roomId || released.Any(p => p.SessionId == s.Id && p.RoomId == roomId));
                    break;
                case Forums.Forum forum when Differs(entry.Property(nameof(forum.Venue))):
                    var forumId = forum.Id;
                    renamed.Add(s => s.ForumId == forumId);
                    break;
                case People.Person person when Differs(entry.Property(nameof(person.Name))):
                    var personId = person.Id;
                    renamed.Add(s => s.Roles.Any(r => r.PersonId == personId && !NotListed.Contains(r.Kind)));
                    break;
            }
        }
        return renamed;
    }

    private static async Task RaiseAllAsync(IQueryable<Session> sessions, bool synchronously, CancellationToken cancel)
    {
        if (synchronously)
        {
            sessions.ExecuteUpdate(u => u.SetProperty(s => s.ScheduleSequence, s => s.ScheduleSequence + 1));
        }
        else
        {
            await sessions.ExecuteUpdateAsync(u => u.SetProperty(s => s.ScheduleSequence, s => s.ScheduleSequence + 1), cancel);
        }
    }

    private static bool Differs(PropertyEntry property) => property.IsModified && !Equals(property.OriginalValue, property.CurrentValue);
}
