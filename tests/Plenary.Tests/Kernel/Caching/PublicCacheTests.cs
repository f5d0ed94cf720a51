using Microsoft.EntityFrameworkCore;
using Npgsql;
using Plenary.Kernel.Caching;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Kernel.Caching;

/// <summary>
/// The public output cache is evicted by the database writes themselves, not by each change service remembering to:
/// a change written any way (tracked, bulk, in a transaction) is public at once; a write of private data keeps the cache.
/// </summary>
public abstract class PublicCacheTests(PlenaryApp app)
{
    private const string Theme = "A forum of its own";

    protected async Task<string> ThemeAsync(string forum) => (await app.GetPageAsync($"/{forum}")).Page.QuerySelector(".theme")!.TextContent;

    /// <summary>Behind the app's back, as an administrator's SQL would: no eviction follows.</summary>
    private Task ThemeBySqlAsync(string forum, string theme) =>
        app.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Forums\" SET \"Theme\" = {theme} WHERE \"Slug\" = {forum}"));

    [Fact]
    public async Task A_saved_change_is_public_at_once()
    {
        var forum = (await app.ForumOfItsOwnAsync("cache")).Slug;
        (await ThemeAsync(forum)).ShouldBe(Theme);
        await app.InDbAsync(async db =>
        {
            var stored = await db.Forums.AsTracking().SingleAsync(f => f.Slug == forum);
            stored.Theme = "Saved through the change tracker";
            await db.SaveChangesAsync();
        });
        (await ThemeAsync(forum)).ShouldBe("Saved through the change tracker");
    }

    [Fact]
    public async Task A_bulk_update_is_public_at_once()
    {
        var forum = (await app.ForumOfItsOwnAsync("cache")).Slug;
        (await ThemeAsync(forum)).ShouldBe(Theme);
        await app.InDbAsync(db => db.Forums.Where(f => f.Slug == forum).ExecuteUpdateAsync(u => u.SetProperty(f => f.Theme, "Written in bulk")));
        (await ThemeAsync(forum)).ShouldBe("Written in bulk");
    }

    [Fact]
    public async Task A_change_in_a_transaction_is_public_once_committed()
    {
        var forum = (await app.ForumOfItsOwnAsync("cache")).Slug;
        (await ThemeAsync(forum)).ShouldBe(Theme);
        await app.InDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var stored = await db.Forums.AsTracking().SingleAsync(f => f.Slug == forum);
            stored.Theme = "Committed with others";
            await db.SaveChangesAsync();
            await db.Forums.Where(f => f.Slug == "no-such-forum").ExecuteUpdateAsync(u => u.SetProperty(f => f.Theme, "nothing"));
            await transaction.CommitAsync();
        });
        (await ThemeAsync(forum)).ShouldBe("Committed with others");
    }

    [Fact]
    public async Task A_rolled_back_change_keeps_the_cache_and_so_does_a_private_write()
    {
        var forum = (await app.ForumOfItsOwnAsync("cache")).Slug;
        (await ThemeAsync(forum)).ShouldBe(Theme);
        // A change nobody was told of: the cached page, still served, shows that nothing below evicted it.
        await ThemeBySqlAsync(forum, "Changed behind the cache");
        await app.InDbAsync(async db =>
        {
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                var stored = await db.Forums.AsTracking().SingleAsync(f => f.Slug == forum);
                stored.Name += " (rolled back)";
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }
            db.ChangeTracker.Clear();
            // The audit log is private, written tracked and in bulk.
            var entry = db.AuditLog.Add(new() { Actor = "cache@example.org", Action = "test.cache", Subject = "private", At = DateTime.UtcNow }).Entity;
            await db.SaveChangesAsync();
            (await db.AuditLog.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Subject, "still private"))).ShouldBe(1);
            await db.AuditLog.Where(e => e.Id == entry.Id).ExecuteDeleteAsync();
        });
        (await ThemeAsync(forum)).ShouldBe(Theme);
        await app.EvictPublicCacheAsync();
        (await ThemeAsync(forum)).ShouldBe("Changed behind the cache");
    }

    [Fact]
    public async Task Saving_a_session_to_an_agenda_and_removing_it_keep_the_cache()
    {
        var forum = await Features.Releases.ReleaseForum.CreateAsync(app);
        var session = await forum.SessionAsync(1, "Kept while readers save it", Features.Releases.ReleaseForum.At(new DateOnly(2030, 3, 4), 0, 9));
        await app.ReleaseTimetableAsync(forum.Slug);
        var programme = $"/{forum.Slug}/programme";
        // Signed up and in first: an account's creation is not what this test is about.
        var reader = await app.SignedInVisitorAsync($"agenda{Guid.NewGuid():N}@example.org");
        async Task<string> ShownAsync() => (await app.GetPageAsync(programme)).Page.Body!.TextContent;
        (await ShownAsync()).ShouldContain("Kept while readers save it");
        await app.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Sessions\" SET \"Title\" = 'Retitled behind the cache' WHERE \"Id\" = {session.Id}"));

        var id = session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (handler, saved) in new[] { ("Add", 1), ("Remove", 0) })
        {
            var changed = await PlenaryApp.SubmitFormAsync(reader, programme, new Dictionary<string, string> { ["session"] = id }, $"/{forum.Slug}/agenda?handler={handler}");
            changed.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
            (await app.InDbAsync(db => db.AgendaEntries.CountAsync(e => e.SessionId == session.Id))).ShouldBe(saved);
        }

        (await ShownAsync()).ShouldContain("Kept while readers save it");
        await app.EvictPublicCacheAsync();
        (await ShownAsync()).ShouldContain("Retitled behind the cache");
    }

    [Fact]
    public async Task Signing_up_keeps_the_cache()
    {
        // The account's own person, new, holds no session role: no public page shows them yet.
        var forum = (await app.ForumOfItsOwnAsync("cache")).Slug;
        (await ThemeAsync(forum)).ShouldBe(Theme);
        await ThemeBySqlAsync(forum, "Changed behind the cache");
        using var visitor = app.CreateVisitor();
        (await app.SignUpAsync(visitor, $"cache{Guid.NewGuid():N}@example.org")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        (await ThemeAsync(forum)).ShouldBe(Theme);
        await app.EvictPublicCacheAsync();
        (await ThemeAsync(forum)).ShouldBe("Changed behind the cache");
    }
}

[Collection("sqlite")]
public sealed class PublicCacheOnSqlite(SqliteApp app) : PublicCacheTests(app);

[Collection("postgres")]
public sealed class PublicCacheOnPostgres(PostgresApp app) : PublicCacheTests(app)
{
    /// <summary>
    /// A transaction's eviction is sent to the other instances by the transaction's own connection before it commits
    /// (PostgreSQL delivers it at the commit, and not at all after a rollback), not by a second connection rented after:
    /// the sender's backend is the writer's.
    /// </summary>
    [Fact]
    public async Task A_transaction_tells_the_other_instances_on_its_own_connection_and_only_if_it_commits()
    {
        var forum = (await app.ForumOfItsOwnAsync("cache")).Slug;
        await using var listener = new NpgsqlConnection(app.ConnectionString);
        await listener.OpenAsync();
        var heard = new List<int>();
        listener.Notification += (_, e) => heard.Add(e.PID);
        await using (var listen = new NpgsqlCommand($"LISTEN {PublicCache.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }
        async Task<int> WriteAsync(string theme, bool commit) => await app.InDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var writer = await db.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
            (await db.Forums.AsTracking().SingleAsync(f => f.Slug == forum)).Theme = theme;
            await db.SaveChangesAsync();
            await (commit ? transaction.CommitAsync() : transaction.RollbackAsync());
            return writer;
        });
        async Task<List<int>> HeardAsync()
        {
            while (await listener.WaitAsync(TimeSpan.FromSeconds(1)))
            {
            }
            var all = heard.ToList();
            heard.Clear();
            return all;
        }

        var rolledBack = await WriteAsync("Never committed", commit: false);
        (await HeardAsync()).ShouldNotContain(rolledBack);
        var committed = await WriteAsync("Committed and told", commit: true);
        (await HeardAsync()).ShouldContain(committed);
        (await ThemeAsync(forum)).ShouldBe("Committed and told");
    }
}
