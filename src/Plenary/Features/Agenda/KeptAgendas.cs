using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Features.Agenda;

/// <summary>
/// The sessions each signed-in reader saved in a forum, remembered on this instance so that the pages they read most (the
/// programme, a session) show their agenda buttons without asking the database each time: on the programme kept whole,
/// that query was a third of a signed-in request's CPU (docs/performance.md).
/// </summary>
/// <remarks>
/// A reader's agenda changes only through the agenda page's Add and Remove, which call <see cref="Changed"/>: this
/// instance forgets the reader's agendas at once, and the browser gets a new agenda version in a cookie, part of the key.
/// So the page the browser is sent back to shows the change on whichever instance it reaches: another instance has
/// nothing under the new version and reads the database. What another instance remembers under an older version (the
/// reader's other device) it uses for at most <see cref="Lifetime"/>, the same minute as <see cref="Accounts.SignInChecks"/>:
/// the cost of not asking, and only the reader's own buttons are out of date meanwhile, never another reader's.
/// Sessions deleted with their agenda rows stay in what is remembered until then; no page lists a deleted session.
/// </remarks>
public sealed class KeptAgendas : IDisposable
{
    /// <summary>The cookie holding the reader's agenda version: random, meaningless to anyone but this key.</summary>
    public const string VersionCookie = "plenary-agenda";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    // Bounded: an IGF has a few thousand signed-in readers at once, each a few dozen ids per forum.
    private readonly MemoryCache readers = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>One account's agendas by forum and version, and how many times it has changed here.</summary>
    private sealed class Reader
    {
        public int Changes;
        public readonly Dictionary<(int Forum, string Version), FrozenSet<int>> Saved = [];
    }

    /// <summary>The sessions the signed-in reader saved in the forum; null for visitors (no buttons then).</summary>
    /// <remarks>The request's database context is taken only when the agenda is not remembered: a page served kept
    /// whole then needs none at all (<see cref="Shared.ForumPageModel"/>).</remarks>
    public async Task<IReadOnlySet<int>?> SavedAsync(HttpContext http, int forumId)
    {
        if (http.User.AccountId() is not { } account)
        {
            return null;
        }
        var reader = ReaderOf(account);
        var key = (forumId, http.Request.Cookies[VersionCookie] ?? "");
        int changes;
        lock (reader)
        {
            if (reader.Saved.TryGetValue(key, out var saved))
            {
                return saved;
            }
            changes = reader.Changes;
        }
        var db = http.RequestServices.GetRequiredService<PlenaryDb>();
        var sessions = (await AgendaQueries.SavedAsync(db, http.User, forumId, http.RequestAborted))!.ToFrozenSet();
        // Kept only if the agenda did not change while it was read: what was read may then be the row before the change.
        lock (reader)
        {
            if (reader.Changes == changes)
            {
                reader.Saved[key] = sessions;
            }
        }
        return sessions;
    }

    /// <summary>
    /// After the reader changed their agenda (once the change is committed): this instance forgets what it remembers of
    /// their agendas, and the browser gets a new agenda version, under which no instance remembers anything.
    /// </summary>
    public void Changed(HttpContext http)
    {
        if (http.User.AccountId() is { } account)
        {
            var reader = ReaderOf(account);
            lock (reader)
            {
                reader.Changes++;
                reader.Saved.Clear();
            }
        }
        http.Response.Cookies.Append(VersionCookie, Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_'), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
        });
    }

    // A reader that expires takes its agendas with it: what another instance changed is read again within the minute.
    // Made under a lock, so that a change and a read never hold two different readers for one account.
    private Reader ReaderOf(int account)
    {
        if (readers.TryGetValue(account, out Reader? reader))
        {
            return reader!;
        }
        lock (readers)
        {
            if (!readers.TryGetValue(account, out reader))
            {
                reader = new Reader();
                readers.Set(account, reader, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
            }
            return reader!;
        }
    }

    public void Dispose() => readers.Dispose();
}

public static class AgendaSetup
{
    public static WebApplicationBuilder AddAgenda(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KeptAgendas>();
        return builder;
    }
}
