using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Sessions;

public static class SessionQueries
{
    /// <summary>The whole session record: roles with their people, SDGs, tags and outputs.</summary>
    /// <param name="tracked">For a change: the record is tracked so that saving writes what was changed in it.</param>
    public static async Task<Session?> FindSessionAsync(this PlenaryDb db, int forumId, string? key, CancellationToken cancellationToken = default, bool tracked = false)
    {
        if (!SessionKey.TryParse(key, out var typeCode, out var number))
        {
            return null;
        }
        return (tracked, db) switch
        {
            (false, SqlitePlenaryDb sqlite) => await Record<SqlitePlenaryDb>.FindAsync(sqlite, forumId, typeCode, number, cancellationToken),
            (false, PostgresPlenaryDb postgres) => await Record<PostgresPlenaryDb>.FindAsync(postgres, forumId, typeCode, number, cancellationToken),
            // A change keeps the one split query: tracking fixes its graph up, which the changes rely on.
            _ => await (tracked ? db.Sessions.AsTracking() : db.Sessions)
                .Include(s => s.Type)
                .Include(s => s.Room)
                .Include(s => s.Subtheme)
                .Include(s => s.Roles.OrderBy(r => r.Position).ThenBy(r => r.Id)).ThenInclude(r => r.Person)
                .Include(s => s.Roles).ThenInclude(r => r.Organisation)
                .Include(s => s.Sdgs.OrderBy(g => g.Goal))
                .Include(s => s.SdgTargets)
                .Include(s => s.FrameworkLinks)
                .Include(s => s.Tags)
                .Include(s => s.Sections)
                .Include(s => s.Takeaways.OrderBy(t => t.Position).ThenBy(t => t.Id))
                .Include(s => s.Report)
                .Include(s => s.GenderReport)
                .AsSplitQuery()
                .FirstOrDefaultAsync(s => s.ForumId == forumId && s.Type.Code == typeCode && s.Number == number, cancellationToken),
        };
    }

    /// <summary>
    /// The record read for reading, as the split query reads it but cheaper: a split query repeats the session's own
    /// query (its type joined for the key, the order) in each of its collections' statements, a dozen statements per
    /// session page that is not kept, which under load were most of PostgreSQL's work. Here the session, its type,
    /// room, subtheme and reports are read once by key, then each collection by the session's id alone; all compiled
    /// once per provider, as building the queries cost as much again. Untracked queries fix no navigations up, so the
    /// collections are set here.
    /// </summary>
    private static class Record<TDb> where TDb : PlenaryDb
    {
        private static readonly Func<TDb, int, string, int, CancellationToken, Task<Session?>> Head = EF.CompileAsyncQuery(
            (TDb db, int forumId, string typeCode, int number, CancellationToken cancel) => db.Sessions
                .Include(s => s.Type).Include(s => s.Room).Include(s => s.Subtheme).Include(s => s.Report).Include(s => s.GenderReport)
                .FirstOrDefault(s => s.ForumId == forumId && s.Type.Code == typeCode && s.Number == number));

        private static readonly Func<TDb, int, IAsyncEnumerable<SessionRole>> Roles = EF.CompileAsyncQuery<TDb, int, SessionRole>((TDb db, int id) =>
            db.SessionRoles.Include(r => r.Person).Include(r => r.Organisation).Where(r => r.SessionId == id).OrderBy(r => r.Position).ThenBy(r => r.Id));
        private static readonly Func<TDb, int, IAsyncEnumerable<SessionSdg>> Sdgs = EF.CompileAsyncQuery<TDb, int, SessionSdg>((TDb db, int id) =>
            db.SessionSdgs.Where(g => g.SessionId == id).OrderBy(g => g.Goal));
        private static readonly Func<TDb, int, IAsyncEnumerable<SessionSdgTarget>> SdgTargets = EF.CompileAsyncQuery((TDb db, int id) =>
            db.SessionSdgTargets.Where(t => t.SessionId == id));
        private static readonly Func<TDb, int, IAsyncEnumerable<Frameworks.SessionFrameworkLink>> FrameworkLinks = EF.CompileAsyncQuery((TDb db, int id) =>
            db.SessionFrameworkLinks.Where(l => l.SessionId == id));
        private static readonly Func<TDb, int, IAsyncEnumerable<SessionTag>> Tags = EF.CompileAsyncQuery((TDb db, int id) =>
            db.SessionTags.Where(t => t.SessionId == id));
        private static readonly Func<TDb, int, IAsyncEnumerable<SessionSection>> Sections = EF.CompileAsyncQuery((TDb db, int id) =>
            db.SessionSections.Where(t => t.SessionId == id));
        private static readonly Func<TDb, int, IAsyncEnumerable<Takeaway>> Takeaways = EF.CompileAsyncQuery<TDb, int, Takeaway>((TDb db, int id) =>
            db.Takeaways.Where(t => t.SessionId == id).OrderBy(t => t.Position).ThenBy(t => t.Id));

        public static async Task<Session?> FindAsync(TDb db, int forumId, string typeCode, int number, CancellationToken cancel)
        {
            if (await Head(db, forumId, typeCode, number, cancel) is not { } session)
            {
                return null;
            }
            var id = session.Id;
            session.Roles = await Roles(db, id).ToListAsync(cancel);
            session.Sdgs = await Sdgs(db, id).ToListAsync(cancel);
            session.SdgTargets = await SdgTargets(db, id).ToListAsync(cancel);
            session.FrameworkLinks = await FrameworkLinks(db, id).ToListAsync(cancel);
            session.Tags = await Tags(db, id).ToListAsync(cancel);
            session.Sections = await Sections(db, id).ToListAsync(cancel);
            session.Takeaways = await Takeaways(db, id).ToListAsync(cancel);
            return session;
        }
    }

    /// <summary>
    /// The session with its outputs, tracked for the change: its type (for its key), its session and gender reports and
    /// its takeaways (replaced by a submission), in the order the whole record gives them. One statement, compiled once per
    /// provider, where the record's split query is ten, each repeating the session's own query.
    /// </summary>
    public static async Task<Session?> FindSessionOutputsAsync(this PlenaryDb db, int forumId, string? key, CancellationToken cancellationToken = default)
    {
        if (!SessionKey.TryParse(key, out var typeCode, out var number))
        {
            return null;
        }
        return db switch
        {
            SqlitePlenaryDb sqlite => await Outputs<SqlitePlenaryDb>.FindAsync(sqlite, forumId, typeCode, number, cancellationToken),
            PostgresPlenaryDb postgres => await Outputs<PostgresPlenaryDb>.FindAsync(postgres, forumId, typeCode, number, cancellationToken),
            _ => await db.Sessions.AsTracking().Include(s => s.Type).Include(s => s.Report).Include(s => s.GenderReport)
                .Include(s => s.Takeaways.OrderBy(t => t.Position).ThenBy(t => t.Id))
                .AsSplitQuery()
                .FirstOrDefaultAsync(s => s.ForumId == forumId && s.Type.Code == typeCode && s.Number == number, cancellationToken),
        };
    }

    private static class Outputs<TDb> where TDb : PlenaryDb
    {
        // One statement: the session's row comes once per takeaway (a dozen at most), which costs less than a second round
        // trip inside the rapporteur's submission when the database is busy.
        private static readonly Func<TDb, int, string, int, CancellationToken, Task<Session?>> Find = EF.CompileAsyncQuery(
            (TDb db, int forumId, string typeCode, int number, CancellationToken cancel) => db.Sessions.AsTracking().AsSingleQuery()
                .Include(s => s.Type).Include(s => s.Report).Include(s => s.GenderReport)
                .Include(s => s.Takeaways.OrderBy(t => t.Position).ThenBy(t => t.Id))
                .FirstOrDefault(s => s.ForumId == forumId && s.Type.Code == typeCode && s.Number == number));

        public static Task<Session?> FindAsync(TDb db, int forumId, string typeCode, int number, CancellationToken cancel) =>
            Find(db, forumId, typeCode, number, cancel);
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
