using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Accounts;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Agenda;

public static class AgendaQueries
{
    // Compiled once: every signed-in programme asks it, and on a programme kept whole it was half of the request's CPU,
    // most of it EF building and looking up the query rather than the database answering. One per provider: a compiled
    // query keeps the first model it ran with, and the tests run both providers in one process.
    private static readonly Func<SqlitePlenaryDb, int, int, IAsyncEnumerable<int>> SavedOnSqlite =
        EF.CompileAsyncQuery((SqlitePlenaryDb db, int account, int forumId) => db.AgendaEntries.Where(e => e.AccountId == account && e.ForumId == forumId).Select(e => e.SessionId));
    private static readonly Func<PostgresPlenaryDb, int, int, IAsyncEnumerable<int>> SavedOnPostgres =
        EF.CompileAsyncQuery((PostgresPlenaryDb db, int account, int forumId) => db.AgendaEntries.Where(e => e.AccountId == account && e.ForumId == forumId).Select(e => e.SessionId));

    /// <summary>The sessions a signed-in reader saved in a forum; null for visitors (no buttons then).</summary>
    public static async Task<HashSet<int>?> SavedAsync(PlenaryDb db, ClaimsPrincipal user, int forumId, CancellationToken cancel)
    {
        if (user.AccountId() is not { } account)
        {
            return null;
        }
        var saved = new HashSet<int>();
        var sessions = db switch
        {
            SqlitePlenaryDb sqlite => SavedOnSqlite(sqlite, account, forumId),
            PostgresPlenaryDb postgres => SavedOnPostgres(postgres, account, forumId),
            _ => db.AgendaEntries.Where(e => e.AccountId == account && e.ForumId == forumId).Select(e => e.SessionId).AsAsyncEnumerable(),
        };
        await foreach (var session in sessions.WithCancellation(cancel))
        {
            saved.Add(session);
        }
        return saved;
    }

    /// <summary>The secret of a personal calendar link: 256 random bits; only its SHA-256 is kept.</summary>
    public static string NewFeedSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>What the "Add to my schedule" / "Remove" button needs: it submits the page's one <see cref="AgendaForm"/>.</summary>
public sealed record AgendaButton(string Forum, int SessionId, bool Saved);

/// <summary>
/// The one agenda form of a page, holding the reader's form token and where to come back to; every agenda button of
/// the page submits it (the button's <c>form</c> attribute, no script needed). A programme of 300 sessions then
/// carries one token, not 300, and each button is the same for every reader but for Add or Remove.
/// </summary>
public sealed record AgendaForm(string Forum, string ReturnUrl)
{
    /// <summary>The form's id, which the buttons name.</summary>
    public const string Id = "agenda-form";
}
