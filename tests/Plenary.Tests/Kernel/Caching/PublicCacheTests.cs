using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Kernel.Caching;

/// <summary>
/// The public output cache is evicted by the database writes themselves, not by each change service remembering to:
/// a change written any way (tracked, bulk, in a transaction) is public at once; a write of private data keeps the cache.
/// </summary>
public abstract class PublicCacheTests(PlenaryApp app)
{
    private const string Theme = "A forum of its own";

    private async Task<string> ThemeAsync(string forum) => (await app.GetPageAsync($"/{forum}")).Page.QuerySelector(".theme")!.TextContent;

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
}

[Collection("sqlite")]
public sealed class PublicCacheOnSqlite(SqliteApp app) : PublicCacheTests(app);

[Collection("postgres")]
public sealed class PublicCacheOnPostgres(PostgresApp app) : PublicCacheTests(app);
