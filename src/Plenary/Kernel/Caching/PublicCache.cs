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
/// written on every call, and evicting on it would leave nothing cached. Writes of registrations and check-ins alone
/// evict only the pages that count them (<see cref="ShowsRegistrationFiguresAttribute"/>): at an IGF's door people
/// check in several times a second, and evicting every public page on each left next to nothing cached at the peak.
/// Inside a transaction the eviction waits for the commit: evicted earlier, a reader could cache the old page again
/// before the new rows are visible.
/// </summary>
public sealed partial class PublicCache(IOutputCacheStore store) : DbTransactionInterceptor, ISaveChangesInterceptor, IDbCommandInterceptor
{
    /// <summary>How far a write reaches into what the public sees; a save reaches as far as its widest row.</summary>
    private enum Reach
    {
        Private,
        RegistrationFigures,
        Public,
    }

    private sealed class Pending
    {
        public Reach Saving;
        public Reach Committing;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    private long evictions;
    private long figureEvictions;

    /// <summary>How many times this instance has evicted: what was read from published data before the count changed
    /// is out of date (see <see cref="Features.Forums.KeptForums"/>).</summary>
    public long Evictions => Interlocked.Read(ref evictions);

    /// <summary>How many times this instance has evicted the registration figures alone (the rest of the cache kept).</summary>
    public long FigureEvictions => Interlocked.Read(ref figureEvictions);

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
        if (data.Context is { } context && pending.TryGetValue(context, out var state) && state.Committing != Reach.Private)
        {
            var reach = state.Committing;
            state.Committing = Reach.Private;
            await EvictAsync(reach);
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
        var reach = Reach.Private;
        foreach (var e in context.ChangeTracker.Entries())
        {
            if (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && ReachOf(e.Metadata.ClrType, context) > reach)
            {
                reach = ReachOf(e.Metadata.ClrType, context);
            }
        }
        pending.GetOrCreateValue(context).Saving = reach;
    }

    private async ValueTask SavedAsync(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.Saving == Reach.Private)
        {
            return;
        }
        var reach = state.Saving;
        state.Saving = Reach.Private;
        await ChangedAsync(context, state, reach);
    }

    private async ValueTask BulkAsync(DbCommand command, CommandExecutedEventData data, int rows)
    {
        if (data.Context is not { } context || !BulkWrites.Wrote(data, rows))
        {
            return;
        }
        // A table not read from the command is taken as public: evicting too often costs less than a stale page.
        var reach = BulkWrites.Table(command) is { } table && Tables(context).TryGetValue(table, out var known) ? known : Reach.Public;
        if (reach == Reach.Private)
        {
            return;
        }
        await ChangedAsync(context, pending.GetOrCreateValue(context), reach);
    }

    private async ValueTask ChangedAsync(DbContext context, Pending state, Reach reach)
    {
        if (context.Database.CurrentTransaction is not null)
        {
            state.Committing = (Reach)Math.Max((int)state.Committing, (int)reach);
            return;
        }
        await EvictAsync(reach);
    }

    private ValueTask EvictAsync(Reach reach)
    {
        if (reach == Reach.Public)
        {
            // The public tag is on every cached page, the registration figures' included.
            return EvictAsync();
        }
        Interlocked.Increment(ref figureEvictions);
        return store.EvictByTagAsync(ShowsRegistrationFiguresAttribute.Tag, CancellationToken.None);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var state))
        {
            state.Saving = Reach.Private;
            state.Committing = Reach.Private;
        }
    }

    private static Reach ReachOf(Type type, DbContext context) =>
        PrivateTypes(context).Contains(type) ? Reach.Private
        : RegistrationFigureTypes(context).Contains(type) ? Reach.RegistrationFigures
        : Reach.Public;

    private static HashSet<Type>? privateTypes;
    private static HashSet<Type>? figureTypes;
    private static Dictionary<string, Reach>? tables;

    /// <summary>
    /// What the public sees only as counts, on the pages marked <see cref="ShowsRegistrationFiguresAttribute"/> (the
    /// statistics, the outcome document's figures): registrations and check-ins. A save that also writes a person or
    /// anything else public still evicts everything.
    /// </summary>
    private static HashSet<Type> RegistrationFigureTypes(DbContext context)
    {
        if (figureTypes is { } known)
        {
            return known;
        }
        var db = (PlenaryDb)context;
        return figureTypes = [db.Registrations.EntityType.ClrType, db.CheckIns.EntityType.ClrType];
    }

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

    private static Dictionary<string, Reach> Tables(DbContext context) =>
        tables ??= context.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .GroupBy(e => e.GetTableName()!, StringComparer.Ordinal)
            // Two types on one table (owned or split) reach as far as the wider.
            .ToDictionary(g => g.Key, g => g.Max(e => ReachOf(e.ClrType, context)), StringComparer.Ordinal);

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
