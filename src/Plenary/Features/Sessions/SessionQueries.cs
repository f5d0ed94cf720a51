using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Sessions;

public static class SessionQueries
{
    /// <summary>The whole session record: roles with their people, SDGs, tags and outputs.</summary>
    /// <param name="tracked">For a change: the record is tracked so that saving writes what was changed in it.</param>
    public static Task<Session?> FindSessionAsync(this PlenaryDb db, int forumId, string? key, CancellationToken cancellationToken = default, bool tracked = false)
    {
        if (!SessionKey.TryParse(key, out var typeCode, out var number))
        {
            return Task.FromResult<Session?>(null);
        }
        return (tracked ? db.Sessions.AsTracking() : db.Sessions)
            .Include(s => s.Type)
            .Include(s => s.Room)
            .Include(s => s.Subtheme)
            .Include(s => s.Roles.OrderBy(r => r.Position)).ThenInclude(r => r.Person)
            .Include(s => s.Roles).ThenInclude(r => r.Organisation)
            .Include(s => s.Sdgs.OrderBy(g => g.Goal))
            .Include(s => s.SdgTargets)
            .Include(s => s.FrameworkLinks)
            .Include(s => s.Tags)
            .Include(s => s.Sections)
            .Include(s => s.Takeaways.OrderBy(t => t.Position))
            .Include(s => s.Report)
            .Include(s => s.GenderReport)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.ForumId == forumId && s.Type.Code == typeCode && s.Number == number, cancellationToken);
    }

    /// <summary>The session alone (with its type, for its key): enough to authorise a reader and to place it in the
    /// released timetable, without the record a page shows.</summary>
    public static Task<Session?> FindSessionHeadAsync(this PlenaryDb db, int forumId, string? key, CancellationToken cancellationToken = default) =>
        SessionKey.TryParse(key, out var typeCode, out var number)
            ? db.Sessions.Include(s => s.Type).FirstOrDefaultAsync(s => s.ForumId == forumId && s.Type.Code == typeCode && s.Number == number, cancellationToken)
            : Task.FromResult<Session?>(null);

    // Compiled once per provider (as the agenda's query): on a page kept whole, building the query was most of its cost.
    private static readonly Func<SqlitePlenaryDb, int, Task<Session?>> HeadOnSqlite =
        EF.CompileAsyncQuery((SqlitePlenaryDb db, int id) => db.Sessions.Include(s => s.Type).FirstOrDefault(s => s.Id == id));
    private static readonly Func<PostgresPlenaryDb, int, Task<Session?>> HeadOnPostgres =
        EF.CompileAsyncQuery((PostgresPlenaryDb db, int id) => db.Sessions.Include(s => s.Type).FirstOrDefault(s => s.Id == id));

    /// <summary>The session alone by its id, as <see cref="FindSessionHeadAsync"/> gives it: for a page kept whole,
    /// which knows its session's id and needs only what decides the reader's own parts (roles, the way in).</summary>
    public static Task<Session?> FindSessionHeadAsync(this PlenaryDb db, int id) => db switch
    {
        SqlitePlenaryDb sqlite => HeadOnSqlite(sqlite, id),
        PostgresPlenaryDb postgres => HeadOnPostgres(postgres, id),
        _ => db.Sessions.Include(s => s.Type).FirstOrDefaultAsync(s => s.Id == id),
    };

    public static IEnumerable<SessionRole> Holding(this IEnumerable<SessionRole> roles, SessionRoleKind kind) =>
        roles.Where(r => r.Kind == kind).OrderBy(r => r.Position);
}
