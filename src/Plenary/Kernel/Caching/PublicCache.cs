using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
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
/// Writes of a session's outputs alone (takeaways, reports: 300 in the hour after an IGF's sessions end) evict that
/// session's page and every page that may show any session's outputs, and keep the programme and the other sessions'
/// pages (<see cref="SessionOutputsShownAttribute"/>).
/// Inside a transaction the eviction waits for the commit: evicted earlier, a reader could cache the old page again
/// before the new rows are visible. On PostgreSQL, where several instances share the database, each eviction is also
/// sent to the others by NOTIFY (<see cref="Channel"/>) and applied there as here: without it another instance served
/// its old copies for up to their minute. A transaction's NOTIFY goes in the transaction, just before its commit, which
/// PostgreSQL delivers it with; a write outside one sends its own after it, on a pooled connection.
/// </summary>
public sealed partial class PublicCache(IOutputCacheStore store, IConfiguration configuration, ILogger<PublicCache> log)
    : DbTransactionInterceptor, ISaveChangesInterceptor, IDbCommandInterceptor
{
    /// <summary>The PostgreSQL channel on which instances tell each other what they evicted.</summary>
    public const string Channel = "plenary_cache";

    /// <summary>How far a write reaches into what the public sees; a save reaches as far as all its rows together.</summary>
    private sealed class Reach
    {
        /// <summary>Every public page.</summary>
        public bool Public;

        /// <summary>The pages that count registrations and check-ins.</summary>
        public bool Figures;

        /// <summary>The pages that may show any session's outputs (listings, search); set whenever a session's are written.</summary>
        public bool Outputs;

        /// <summary>The sessions whose outputs were written: their own pages.</summary>
        public readonly HashSet<int> Sessions = [];

        public bool IsPrivate => !Public && !Figures && !Outputs;

        public void Add(Reach other)
        {
            (Public, Figures, Outputs) = (Public || other.Public, Figures || other.Figures, Outputs || other.Outputs);
            Sessions.UnionWith(other.Sessions);
        }

        public Reach Take()
        {
            var taken = new Reach();
            taken.Add(this);
            (Public, Figures, Outputs) = (false, false, false);
            Sessions.Clear();
            return taken;
        }
    }

    /// <summary>What a table written in bulk reaches: only its kind is known, not which session's rows it wrote.</summary>
    private enum TableReach
    {
        Private,
        RegistrationFigures,
        SessionOutputListings,
        Public,
    }

    private sealed class Pending
    {
        public readonly Reach Saving = new();
        public readonly Reach Committing = new();

        /// <summary>The other instances were told of <see cref="Committing"/> inside the transaction being committed.</summary>
        public bool Notified;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    /// <summary>Tells this instance's own notifications from the others' (it hears its own too).</summary>
    private readonly string instance = Guid.NewGuid().ToString("N");

    private readonly string? postgres = configuration.GetConnectionString("Postgres") is { Length: > 0 } connection ? connection : null;

    private long evictions;
    private long figureEvictions;
    private long outputEvictions;

    /// <summary>How many times this instance's cache has been evicted whole, for its own writes or another instance's:
    /// what was read from published data before the count changed is out of date (see <see cref="Features.Forums.KeptForums"/>).</summary>
    public long Evictions => Interlocked.Read(ref evictions);

    /// <summary>How many times this instance has evicted the registration figures alone (the rest of the cache kept).</summary>
    public long FigureEvictions => Interlocked.Read(ref figureEvictions);

    /// <summary>How many times this instance has evicted the pages showing sessions' outputs alone (the programme and other sessions' pages kept).</summary>
    public long OutputEvictions => Interlocked.Read(ref outputEvictions);

    /// <summary>Evicts now, here and on the other instances; for writes the database does not see (files, settings held elsewhere).</summary>
    public ValueTask EvictAsync() => EvictAsync(new Reach { Public = true });

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

    // On PostgreSQL the other instances are told inside the transaction, just before its commit: PostgreSQL delivers a
    // NOTIFY when, and only if, its transaction commits, and the write's own connection spares it renting a second one
    // from the pool after the commit (a wait of its own when the pool is busy, as at an IGF's peak).
    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData data,
        InterceptionResult result, CancellationToken cancel)
    {
        if (NotifyInside(transaction, data) is ({ } command, { } state))
        {
            await using (command)
            {
                await command.ExecuteNonQueryAsync(cancel);
            }
            state.Notified = true;
        }
        return result;
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData data, InterceptionResult result)
    {
        if (NotifyInside(transaction, data) is ({ } command, { } state))
        {
            using (command)
            {
                command.ExecuteNonQuery();
            }
            state.Notified = true;
        }
        return result;
    }

    /// <summary>The NOTIFY of what the transaction's saves reach, to run in it before its commit; null when there is none to send.</summary>
    private (NpgsqlCommand? Command, Pending? State) NotifyInside(DbTransaction transaction, TransactionEventData data)
    {
        if (postgres is null || transaction is not NpgsqlTransaction { Connection: { } connection } npgsql
            || data.Context is not { } context || !pending.TryGetValue(context, out var state) || state.Committing.IsPrivate)
        {
            return (null, null);
        }
        var command = NotifyCommand(state.Committing, connection);
        command.Transaction = npgsql;
        return (command, state);
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData data, CancellationToken cancel)
    {
        if (data.Context is { } context && pending.TryGetValue(context, out var state))
        {
            var notified = state.Notified;
            state.Notified = false;
            if (!state.Committing.IsPrivate)
            {
                var reach = state.Committing.Take();
                await (notified ? EvictHereAsync(reach) : EvictAsync(reach));
            }
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData data) =>
        TransactionCommittedAsync(transaction, data, CancellationToken.None).GetAwaiter().GetResult();

    // A commit that failed delivered no NOTIFY: what it would have evicted stays noted, as before, and is sent with the
    // next commit.
    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData data, CancellationToken cancel)
    {
        TransactionFailed(transaction, data);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData data)
    {
        if (data.Context is { } context && pending.TryGetValue(context, out var state))
        {
            state.Notified = false;
        }
    }

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
        // Added to what is noted already: the search index saves its rows inside the save that changed the records
        // (SearchIndexUpdates), and the inner save must not make the outer one's reach forgotten.
        var reach = pending.GetOrCreateValue(context).Saving;
        foreach (var e in context.ChangeTracker.Entries())
        {
            if (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                AddReach(reach, e, context);
            }
        }
    }

    private static void AddReach(Reach reach, EntityEntry entry, DbContext context)
    {
        var type = entry.Metadata.ClrType;
        var db = (PlenaryDb)context;
        if (PrivateTypes(context).Contains(type))
        {
            return;
        }
        if (type == db.People.EntityType.ClrType && entry.State == EntityState.Added)
        {
            // A person just added (an account's own, at sign-up) is on no public page until a session role names them,
            // and that role's row is public: the people pages list those with roles, search indexes only them (its rows
            // are written when a role is), and a person's own page was a 404 before, which the cache does not keep.
            return;
        }
        if (RegistrationFigureTypes(context).Contains(type))
        {
            reach.Figures = true;
        }
        else if (SessionOutputTypes(context).Contains(type))
        {
            reach.Outputs = true;
            reach.Sessions.Add((int)entry.Property(SessionOfOutput).CurrentValue!);
            if (entry.State == EntityState.Modified && entry.Property(SessionOfOutput).OriginalValue is int before)
            {
                reach.Sessions.Add(before);
            }
        }
        else if (type == db.SearchEntries.EntityType.ClrType)
        {
            // Read by search alone, whose pages carry the session outputs' tag as every page not marked otherwise does.
            reach.Outputs = true;
        }
        else
        {
            reach.Public = true;
        }
    }

    private async ValueTask SavedAsync(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.Saving.IsPrivate)
        {
            return;
        }
        await ChangedAsync(context, state, state.Saving.Take());
    }

    private async ValueTask BulkAsync(DbCommand command, CommandExecutedEventData data, int rows)
    {
        if (data.Context is not { } context || !BulkWrites.Wrote(data, rows))
        {
            return;
        }
        // A table not read from the command is taken as public: evicting too often costs less than a stale page.
        var reach = BulkWrites.Table(command) is { } table && Tables(context).TryGetValue(table, out var known) ? known : TableReach.Public;
        if (reach == TableReach.Private)
        {
            return;
        }
        await ChangedAsync(context, pending.GetOrCreateValue(context), new Reach
        {
            Public = reach == TableReach.Public,
            Figures = reach == TableReach.RegistrationFigures,
            Outputs = reach == TableReach.SessionOutputListings,
        });
    }

    private async ValueTask ChangedAsync(DbContext context, Pending state, Reach reach)
    {
        if (context.Database.CurrentTransaction is not null)
        {
            state.Committing.Add(reach);
            return;
        }
        await EvictAsync(reach);
    }

    /// <summary>Evicts here, then tells the other instances, which evict the same.</summary>
    private async ValueTask EvictAsync(Reach reach)
    {
        await EvictHereAsync(reach);
        if (postgres is not null)
        {
            await NotifyAsync(reach);
        }
    }

    private async ValueTask EvictHereAsync(Reach reach)
    {
        if (reach.Public)
        {
            // The public tag is on every cached page, those with the narrower tags included.
            Interlocked.Increment(ref evictions);
            await store.EvictByTagAsync(WebSetup.PublicCacheTag, CancellationToken.None);
            return;
        }
        if (reach.Figures)
        {
            Interlocked.Increment(ref figureEvictions);
            await store.EvictByTagAsync(ShowsRegistrationFiguresAttribute.Tag, CancellationToken.None);
        }
        if (reach.Outputs)
        {
            Interlocked.Increment(ref outputEvictions);
            await store.EvictByTagAsync(SessionOutputsShownAttribute.Tag, CancellationToken.None);
            foreach (var session in reach.Sessions)
            {
                await store.EvictByTagAsync(SessionOutputsShownAttribute.TagOf(session), CancellationToken.None);
            }
        }
    }

    // A notification's payload (at most 8,000 bytes): "instance P|F|O|FO sessions,…". A save of very many sessions'
    // outputs (an import) is sent as a whole eviction.
    private const int MostSessionsNamed = 500;

    private async ValueTask NotifyAsync(Reach reach)
    {
        try
        {
            // A pooled connection of its own: the write's is given back already.
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            await using var command = NotifyCommand(reach, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The write is committed and this instance's copies are gone; the others' expire within their minute.
            log.LogWarning(e, "The cache eviction ({Scope}) could not be sent to the other instances; their copies stay for up to a minute", Scope(reach));
        }
    }

    private static string Scope(Reach reach) =>
        reach.Public || reach.Sessions.Count > MostSessionsNamed ? "P" : (reach.Figures ? "F" : "") + (reach.Outputs ? "O" : "");

    private NpgsqlCommand NotifyCommand(Reach reach, NpgsqlConnection connection)
    {
        var scope = Scope(reach);
        var payload = $"{instance} {scope} {(scope == "P" ? "" : string.Join(',', reach.Sessions.Select(s => s.ToString(CultureInfo.InvariantCulture))))}";
        var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        return command;
    }

    /// <summary>What another instance evicted (<see cref="Channel"/>, heard by <see cref="PostgresListener"/>).</summary>
    internal void Heard(string payload)
    {
        var parts = payload.Split(' ');
        if (parts.Length != 3 || parts[0] == instance)
        {
            return;
        }
        var reach = new Reach { Public = parts[1].Contains('P'), Figures = parts[1].Contains('F'), Outputs = parts[1].Contains('O') };
        foreach (var session in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(session, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                reach.Sessions.Add(id);
            }
        }
        if (reach.IsPrivate)
        {
            // Not a payload of this version's: an instance of another version is being rolled in. Safe rather than stale.
            reach.Public = true;
        }
        // The listener's thread must not wait on the store; the evictions run on their own.
        _ = Task.Run(async () => await EvictHereAsync(reach));
    }

    /// <summary>While this instance was not listening (at start, or the connection down), others' evictions went unheard.</summary>
    internal void MissedSome() => _ = Task.Run(async () => await EvictHereAsync(new Reach { Public = true }));

    private void Forget(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var state))
        {
            state.Saving.Take();
            state.Committing.Take();
        }
    }

    private static TableReach ReachOfTable(Type type, DbContext context) =>
        PrivateTypes(context).Contains(type) ? TableReach.Private
        : RegistrationFigureTypes(context).Contains(type) ? TableReach.RegistrationFigures
        // Which sessions' outputs a bulk write changed is not in its text: every page, as for any other public table.
        : type == ((PlenaryDb)context).SearchEntries.EntityType.ClrType ? TableReach.SessionOutputListings
        : TableReach.Public;

    private static HashSet<Type>? privateTypes;
    private static HashSet<Type>? figureTypes;
    private static HashSet<Type>? outputTypes;
    private static Dictionary<string, TableReach>? tables;

    /// <summary>The property that names the session on each of <see cref="SessionOutputTypes"/>.</summary>
    private const string SessionOfOutput = "SessionId";

    /// <summary>
    /// A session's outputs and their bookkeeping, shown on its own page and on the pages that list or count outputs
    /// (reports feed, search, statistics, outcome document, exports, API: every page not marked
    /// <see cref="SessionOutputsShownAttribute"/>), never on the programme or another session's page. Each has a
    /// <see cref="SessionOfOutput"/>.
    /// </summary>
    private static HashSet<Type> SessionOutputTypes(DbContext context)
    {
        if (outputTypes is { } known)
        {
            return known;
        }
        var db = (PlenaryDb)context;
        return outputTypes = [db.Takeaways.EntityType.ClrType, db.SessionReports.EntityType.ClrType, db.GenderReports.EntityType.ClrType,
            db.SessionReporting.EntityType.ClrType, db.OutputVersions.EntityType.ClrType];
    }

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

    private static Dictionary<string, TableReach> Tables(DbContext context) =>
        tables ??= context.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .GroupBy(e => e.GetTableName()!, StringComparer.Ordinal)
            // Two types on one table (owned or split) reach as far as the wider.
            .ToDictionary(g => g.Key, g => g.Max(e => ReachOfTable(e.ClrType, context)), StringComparer.Ordinal);

}

public static class PublicCacheSetup
{
    public static WebApplicationBuilder AddPublicCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PublicCache>();
        builder.Services.AddSingleton<KeptPages>();
        builder.Services.AddSingleton<Features.Forums.KeptForums>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Postgres")))
        {
            builder.Services.AddSingleton(services =>
            {
                var cache = services.GetRequiredService<PublicCache>();
                return new Listening(PublicCache.Channel, cache.Heard, cache.MissedSome);
            });
        }
        // The context is registered as its provider's own class, whose options are built for that class: options
        // configured for PlenaryDb would never reach it, and no write would evict.
        builder.Services.ConfigureDbContext<SqlitePlenaryDb>(Intercept, ServiceLifetime.Singleton);
        builder.Services.ConfigureDbContext<PostgresPlenaryDb>(Intercept, ServiceLifetime.Singleton);
        return builder;
    }

    private static void Intercept(IServiceProvider services, DbContextOptionsBuilder options) =>
        options.AddInterceptors(services.GetRequiredService<PublicCache>());
}
