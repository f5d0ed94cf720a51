using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Kernel.Access;

/// <summary>
/// The roles the reader holds in a forum and in a session, as access reads them: the one place of the rules "runs the
/// forum" and "holds a role in it", and of the queries behind them. Within one GET (or HEAD) request each is read once:
/// the session page asks whether the reader may change the session, may write its outputs and may see its way in, and
/// each used to read the same two facts again (six queries). A GET changes no role, so the request's answers stay true
/// for it; any other request (a POST may give or take a role and then look again) and work outside a request read the
/// database every time, as before. Remembered by account, so that a request that changes who is signed in never reads
/// another account's roles.
/// </summary>
public sealed class ReaderRoles
{
    private readonly PlenaryDb db;
    private readonly bool remembers;
    private readonly Dictionary<(int Account, int Forum), List<ForumRole>> forums = [];
    private readonly Dictionary<(int Account, int Session), List<SessionRoleKind>> sessions = [];

    /// <summary>For this request: remembering within a GET or HEAD, reading every time otherwise.</summary>
    public ReaderRoles(PlenaryDb db, IHttpContextAccessor http)
        : this(db, http.HttpContext?.Request.Method is { } method && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)))
    {
    }

    private ReaderRoles(PlenaryDb db, bool remembers) => (this.db, this.remembers) = (db, remembers);

    /// <summary>Reading the database at every question, for code that holds a context but no request's roles.</summary>
    public static ReaderRoles Unremembered(PlenaryDb db) => new(db, remembers: false);

    /// <summary>True when the reader runs the forum: its Secretariat, or a site administrator. They may also move and cancel sessions.</summary>
    public Task<bool> RunsForumAsync(ClaimsPrincipal user, int forumId, CancellationToken cancel = default) =>
        HoldsForumRoleAsync(user, forumId, [ForumRole.Secretariat], cancel);

    /// <summary>True for a site administrator, or an account holding one of the roles in the forum.</summary>
    public async Task<bool> HoldsForumRoleAsync(ClaimsPrincipal user, int forumId, IReadOnlyCollection<ForumRole> roles, CancellationToken cancel = default)
    {
        if (user.IsAdministrator())
        {
            return true;
        }
        if (user.AccountId() is not { } account)
        {
            return false;
        }
        if (!remembers || !forums.TryGetValue((account, forumId), out var held))
        {
            held = [];
            await foreach (var role in ForumRolesOf(db, account, forumId).WithCancellation(cancel))
            {
                held.Add(role);
            }
            if (remembers)
            {
                forums[(account, forumId)] = held;
            }
        }
        return held.Any(roles.Contains);
    }

    /// <summary>The session roles the reader's own person holds in a session (none for visitors).</summary>
    public async Task<IReadOnlyList<SessionRoleKind>> InSessionAsync(ClaimsPrincipal user, int sessionId, CancellationToken cancel = default)
    {
        if (user.AccountId() is not { } account)
        {
            return [];
        }
        if (!remembers || !sessions.TryGetValue((account, sessionId), out var held))
        {
            held = [];
            await foreach (var kind in SessionRolesOf(db, account, sessionId).WithCancellation(cancel))
            {
                if (!held.Contains(kind))
                {
                    held.Add(kind);
                }
            }
            if (remembers)
            {
                sessions[(account, sessionId)] = held;
            }
        }
        return held;
    }

    /// <summary>
    /// Whether the reader runs the session's forum or holds one of these roles in the session, as a session's policy
    /// asks. Both facts are read in one query when this request knows neither yet: a rapporteur's submission and the
    /// first question of a signed-in reader's session page each asked them in turn, two round trips.
    /// </summary>
    public async Task<bool> RunsForumOrHoldsAsync(ClaimsPrincipal user, int forumId, int sessionId, IReadOnlyCollection<SessionRoleKind> kinds,
        CancellationToken cancel = default)
    {
        if (user.IsAdministrator())
        {
            return true;
        }
        if (user.AccountId() is not { } account)
        {
            return false;
        }
        if (remembers && (forums.ContainsKey((account, forumId)) || sessions.ContainsKey((account, sessionId))))
        {
            return await RunsForumAsync(user, forumId, cancel) || (await InSessionAsync(user, sessionId, cancel)).Intersect(kinds).Any();
        }
        var held = await HeldOf(db, account, forumId, sessionId, cancel);
        var forumRoles = held?.Forum.Distinct().ToList() ?? [];
        var sessionRoles = held?.Session.Distinct().ToList() ?? [];
        if (remembers)
        {
            forums[(account, forumId)] = forumRoles;
            sessions[(account, sessionId)] = sessionRoles;
        }
        return forumRoles.Contains(ForumRole.Secretariat) || sessionRoles.Intersect(kinds).Any();
    }

    /// <summary>
    /// The same for several sessions at once (an agenda's), by session id, every one of them present: one query for
    /// those not yet read in this request, whatever their number.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<SessionRoleKind>>> InSessionsAsync(ClaimsPrincipal user, IReadOnlyCollection<int> sessionIds, CancellationToken cancel = default)
    {
        var answer = new Dictionary<int, IReadOnlyList<SessionRoleKind>>();
        if (user.AccountId() is not { } account)
        {
            foreach (var id in sessionIds)
            {
                answer[id] = [];
            }
            return answer;
        }
        var unread = new List<int>();
        foreach (var id in sessionIds.Distinct())
        {
            if (remembers && sessions.TryGetValue((account, id), out var known))
            {
                answer[id] = known;
            }
            else
            {
                unread.Add(id);
            }
        }
        if (unread.Count == 0)
        {
            return answer;
        }
        var read = unread.ToDictionary(id => id, _ => new List<SessionRoleKind>());
        var rows = from r in db.SessionRoles
                   join a in db.Users on r.PersonId equals a.PersonId
                   where unread.Contains(r.SessionId) && a.Id == account
                   select new { r.SessionId, r.Kind };
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancel))
        {
            var held = read[row.SessionId];
            if (!held.Contains(row.Kind))
            {
                held.Add(row.Kind);
            }
        }
        foreach (var (id, held) in read)
        {
            answer[id] = held;
            if (remembers)
            {
                sessions[(account, id)] = held;
            }
        }
        return answer;
    }

    /// <summary>The roles the account holds in the forum and in the session.</summary>
    private sealed class Held
    {
        public required List<ForumRole> Forum { get; init; }
        public required List<SessionRoleKind> Session { get; init; }
    }

    // Compiled once per provider, as the agenda's query: most of a small query's cost is EF building and finding it.
    private static class Compiled<TDb> where TDb : PlenaryDb
    {
        public static readonly Func<TDb, int, int, IAsyncEnumerable<ForumRole>> ForumRoles =
            EF.CompileAsyncQuery((TDb db, int account, int forumId) => db.ForumMembers.Where(m => m.ForumId == forumId && m.AccountId == account).Select(m => m.Role));

        public static readonly Func<TDb, int, int, IAsyncEnumerable<SessionRoleKind>> SessionRoles =
            EF.CompileAsyncQuery((TDb db, int account, int sessionId) =>
                from r in db.SessionRoles
                join a in db.Users on r.PersonId equals a.PersonId
                where r.SessionId == sessionId && a.Id == account
                select r.Kind);

        // One statement from the account's row, the two lists joined to it (a few rows at most). Not a UNION of the two
        // tables: EF reads a NULL standing for an enum kept as text as a number there.
        public static readonly Func<TDb, int, int, int, CancellationToken, Task<Held?>> Both =
            EF.CompileAsyncQuery((TDb db, int account, int forumId, int sessionId, CancellationToken cancel) =>
                db.Users.AsSingleQuery().Where(a => a.Id == account).Select(a => new Held
                {
                    Forum = db.ForumMembers.Where(m => m.ForumId == forumId && m.AccountId == a.Id).Select(m => m.Role).ToList(),
                    Session = db.SessionRoles.Where(r => r.SessionId == sessionId && r.PersonId == a.PersonId).Select(r => r.Kind).ToList(),
                }).FirstOrDefault());
    }

    private static IAsyncEnumerable<ForumRole> ForumRolesOf(PlenaryDb db, int account, int forumId) => db switch
    {
        SqlitePlenaryDb sqlite => Compiled<SqlitePlenaryDb>.ForumRoles(sqlite, account, forumId),
        PostgresPlenaryDb postgres => Compiled<PostgresPlenaryDb>.ForumRoles(postgres, account, forumId),
        _ => throw Unknown(db),
    };

    private static IAsyncEnumerable<SessionRoleKind> SessionRolesOf(PlenaryDb db, int account, int sessionId) => db switch
    {
        SqlitePlenaryDb sqlite => Compiled<SqlitePlenaryDb>.SessionRoles(sqlite, account, sessionId),
        PostgresPlenaryDb postgres => Compiled<PostgresPlenaryDb>.SessionRoles(postgres, account, sessionId),
        _ => throw Unknown(db),
    };

    private static Task<Held?> HeldOf(PlenaryDb db, int account, int forumId, int sessionId, CancellationToken cancel) => db switch
    {
        SqlitePlenaryDb sqlite => Compiled<SqlitePlenaryDb>.Both(sqlite, account, forumId, sessionId, cancel),
        PostgresPlenaryDb postgres => Compiled<PostgresPlenaryDb>.Both(postgres, account, forumId, sessionId, cancel),
        _ => throw Unknown(db),
    };

    // PlenaryDb is abstract and has these two providers' contexts only.
    private static NotSupportedException Unknown(PlenaryDb db) => new($"No compiled queries for {db.GetType().Name}.");
}
