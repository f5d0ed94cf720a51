using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Plenary.Infrastructure.Data;

/// <summary>Where the data lives. SQLite in the data folder unless a PostgreSQL connection string is set.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Plenary";

    /// <summary>Folder for the SQLite file (and, later, mail and uploads). Relative paths are under the content root.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Seed the demo forum when the database holds no forum yet.</summary>
    public bool SeedDemo { get; set; } = true;
}

public static class DatabaseSetup
{
    /// <summary>
    /// Npgsql prepares the statements it sees repeated (its Max Auto Prepare; the operator's own value, 0 included, is
    /// kept). EF sends its queries as text, and PostgreSQL parsed and planned each one again on every execution: a
    /// rapporteur's submission spent more than half of its database time planning the session's split queries, and its
    /// p50 fell from 54-63 to 27-29 ms with them prepared (docs/performance.md, "Prepared statements").
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // The keys as the operator wrote them ("Max Auto Prepare", "MaxAutoPrepare"), told apart from "Auto Prepare Min
        // Usages", which may be set alone. (Npgsql's own builder answers ContainsKey for any key it knows, set or not.)
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPrepared }.ConnectionString;
    }

    /// <summary>Statements kept prepared per connection: the app's hot queries are a few dozen.</summary>
    public const int AutoPrepared = 100;

    public static WebApplicationBuilder AddPlenaryDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        var sqlite = builder.Configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
        {
            var folder = builder.Configuration[$"{DatabaseOptions.Section}:DataFolder"] ?? "data";
            folder = Path.GetFullPath(folder, builder.Environment.ContentRootPath);
            Directory.CreateDirectory(folder);
            sqlite = $"Data Source={Path.Combine(folder, "plenary.db")}";
        }

        // EF's default keeps up to 1,024 contexts, each with its connection and state manager: a burst of live-page
        // streams opening at once filled it and kept it (docs/performance.md). A request beyond these is served by a
        // context made for it and then disposed, as without pooling.
        const int poolSize = 128;
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            postgres = WithAutoPrepare(postgres);
            builder.Services.AddDbContextPool<PlenaryDb, PostgresPlenaryDb>(options => Common(options.UseNpgsql(postgres)), poolSize);
            // One connection per instance hears what the others notify, on every channel the features register.
            builder.Services.AddSingleton<PostgresListener>();
            builder.Services.AddHostedService(services => services.GetRequiredService<PostgresListener>());
        }
        else
        {
            builder.Services.AddDbContextPool<PlenaryDb, SqlitePlenaryDb>(options => Common(options.UseSqlite(sqlite).AddInterceptors(new SqliteMemoryMap())), poolSize);
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<PlenaryDb>("database", tags: ["ready"], customTestQuery: async (db, cancel) =>
        {
            // A real read, not only "can connect": a SQLite file locked by another process still opens. An outage is
            // the answer, not a fault: unhealthy, without a logged stack trace per probe.
            try
            {
                await db.Forums.AnyAsync(cancel);
                return true;
            }
            catch (Exception e) when (DatabaseOutage.IsCause(e))
            {
                return false;
            }
        });
        return builder;
    }

    /// <summary>Brings the schema up to date; safe with several instances starting at once (EF takes a migration lock).</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlenaryDb>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a writer commits.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }
        await MigrationBaseline.AdoptAsync(db.Database);
        // A migration that rewrites a table (the search index's, SearchTiers) takes minutes on a forum archive; the 30 s
        // meant for a page's queries would stop it half-way on every start.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.MigrateAsync();
    }

    private static void Common(DbContextOptionsBuilder options)
    {
        options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        options.AddInterceptors(new TextParameters());
    }
}
