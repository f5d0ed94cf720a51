using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Kernel.Caching;

/// <summary>
/// Evicts the public output cache whenever published data changes, so no change service has to remember to.
/// Every write of the database goes through here: SaveChanges (what the change tracker holds) and the bulk
/// ExecuteUpdate/ExecuteDelete commands (the table they name). Writes that only touch private data (accounts, tokens,
/// the audit log, the mail outbox, reviews, the live queue) leave the cache alone: an API token's "last used" is
/// written on every call, and evicting on it would leave nothing cached. Inside a transaction the eviction waits for
/// the commit: evicted earlier, a reader could cache the old page again before the new rows are visible.
/// </summary>
public sealed partial class PublicCache(IOutputCacheStore store) : DbTransactionInterceptor, ISaveChangesInterceptor, IDbCommandInterceptor
{
    private sealed class Pending
    {
        public bool Saving;
        public bool Committing;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    private long evictions;

    /// <summary>How many times this instance has evicted: what was read from published data before the count changed
    /// is out of date (see <see cref="Features.Forums.KeptForums"/>).</summary>
    public long Evictions => Interlocked.Read(ref evictions);

    /// <summary>Evicts now; for writes the database does not see (files, settings held elsewhere).</summary>
    public ValueTask EvictAsync()
    {
        Interlocked.Increment(ref evictions);
        return store.EvictByTagAsync(WebSetup.PublicCacheTag, CancellationToken.None);
    }

    ValueTask<InterceptionResult<int>> ISaveChangesInterceptor.SavingChangesAsync(DbContextEventData data, InterceptionResult<int> result, CancellationToken cancel)
    {
        Note(data.Context);
        return ValueTask.FromResult(result);
    }

    InterceptionResult<int> ISaveChangesInterceptor.SavingChanges(DbContextEventData data, InterceptionResult<int> result)
    {
        Note(data.Context);
        return result;
    }

    async ValueTask<int> ISaveChangesInterceptor.SavedChangesAsync(SaveChangesCompletedEventData data, int result, CancellationToken cancel)
    {
        await SavedAsync(data.Context);
        return result;
    }

    int ISaveChangesInterceptor.SavedChanges(SaveChangesCompletedEventData data, int result)
    {
        SavedAsync(data.Context).AsTask().GetAwaiter().GetResult();
        return result;
    }

    void ISaveChangesInterceptor.SaveChangesFailed(DbContextErrorEventData data) => Forget(data.Context);

    Task ISaveChangesInterceptor.SaveChangesFailedAsync(DbContextErrorEventData data, CancellationToken cancel)
    {
        Forget(data.Context);
        return Task.CompletedTask;
    }

    async ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData data, int result, CancellationToken cancel)
    {
        await BulkAsync(command, data, result);
        return result;
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData data, int result)
    {
        BulkAsync(command, data, result).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData data, CancellationToken cancel)
    {
        if (data.Context is { } context && pending.TryGetValue(context, out var state) && state.Committing)
        {
            state.Committing = false;
            await EvictAsync();
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData data) =>
        TransactionCommittedAsync(transaction, data, CancellationToken.None).GetAwaiter().GetResult();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData data, CancellationToken cancel)
    {
        Forget(data.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData data) => Forget(data.Context);

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var published = context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !IsPrivate(e.Metadata.ClrType, context));
        pending.GetOrCreateValue(context).Saving = published;
    }

    private async ValueTask SavedAsync(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || !state.Saving)
        {
            return;
        }
        state.Saving = false;
        await ChangedAsync(context, state);
    }

    private async ValueTask BulkAsync(DbCommand command, CommandExecutedEventData data, int rows)
    {
        if (data.Context is not { } context || !BulkWrites.Wrote(data, rows))
        {
            return;
        }
        // A table not read from the command is taken as public: evicting too often costs less than a stale page.
        if (BulkWrites.Table(command) is { } table && PrivateTables(context).Contains(table))
        {
            return;
        }
        await ChangedAsync(context, pending.GetOrCreateValue(context));
    }

    private async ValueTask ChangedAsync(DbContext context, Pending state)
    {
        if (context.Database.CurrentTransaction is not null)
        {
            state.Committing = true;
            return;
        }
        await EvictAsync();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var state))
        {
            state.Saving = false;
            state.Committing = false;
        }
    }

    private static bool IsPrivate(Type type, DbContext context) => PrivateTypes(context).Contains(type);

    private static HashSet<Type>? privateTypes;
    private static HashSet<string>? privateTables;

    /// <summary>What no public page or API answer shows. Named through the context's sets, which outlive folder moves.</summary>
    private static HashSet<Type> PrivateTypes(DbContext context)
    {
        if (privateTypes is { } known)
        {
            return known;
        }
        var db = (PlenaryDb)context;
        HashSet<Type> types =
        [
            db.ApiTokens.EntityType.ClrType, db.Outbox.EntityType.ClrType, db.DataProtectionKeys.EntityType.ClrType,
            db.AuditLog.EntityType.ClrType, db.Invitations.EntityType.ClrType, db.RemindersSent.EntityType.ClrType,
            db.Hands.EntityType.ClrType, db.Questions.EntityType.ClrType, db.QuestionVotes.EntityType.ClrType,
            db.Reviews.EntityType.ClrType, db.ReviewScores.EntityType.ClrType, db.ReviewAssignments.EntityType.ClrType,
            db.ReviewerExpertise.EntityType.ClrType, db.ReviewerConflicts.EntityType.ClrType, db.MergeSuggestions.EntityType.ClrType,
            // A reader's saved sessions are shown to that reader alone, through KeptAgendas, which their own Add and
            // Remove renew: as public data, every save evicted every cached and kept page of the instance.
            db.AgendaEntries.EntityType.ClrType,
        ];
        // Accounts and their Identity rows (sign-in counters, security stamps, tokens) change at every sign-in.
        types.UnionWith(context.Model.GetEntityTypes().Select(e => e.ClrType)
            .Where(t => t == db.Users.EntityType.ClrType || t.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true));
        return privateTypes = types;
    }

    private static HashSet<string> PrivateTables(DbContext context) =>
        privateTables ??= context.Model.GetEntityTypes()
            .Where(e => PrivateTypes(context).Contains(e.ClrType))
            .Select(e => e.GetTableName())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

}

public static class PublicCacheSetup
{
    public static WebApplicationBuilder AddPublicCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PublicCache>();
        builder.Services.AddSingleton<KeptPages>();
        builder.Services.AddSingleton<Features.Forums.KeptForums>();
        // The context is registered as its provider's own class, whose options are built for that class: options
        // configured for PlenaryDb would never reach it, and no write would evict.
        builder.Services.ConfigureDbContext<SqlitePlenaryDb>(Intercept, ServiceLifetime.Singleton);
        builder.Services.ConfigureDbContext<PostgresPlenaryDb>(Intercept, ServiceLifetime.Singleton);
        return builder;
    }

    private static void Intercept(IServiceProvider services, DbContextOptionsBuilder options) =>
        options.AddInterceptors(services.GetRequiredService<PublicCache>());
}
