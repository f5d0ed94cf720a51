using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Plenary.Infrastructure.Data;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Data;

/// <summary>
/// The migrations are written by hand, so nothing but this test keeps them honest: on each provider, the schema
/// the migrations build must equal the schema EF builds straight from the model.
/// </summary>
public sealed class MigratedSchemaTests
{
    [Fact]
    public async Task Migrated_schema_equals_the_model_on_sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("plenary-schema-").FullName;
        try
        {
            var migrated = $"Data Source={Path.Combine(folder, "migrated.db")};Pooling=False";
            var created = $"Data Source={Path.Combine(folder, "created.db")};Pooling=False";
            await using (var db = Sqlite(migrated)) { await db.Database.MigrateAsync(); }
            await using (var db = Sqlite(created)) { await db.Database.EnsureCreatedAsync(); }

            var expected = await DescribeSqliteAsync(created);
            expected.ShouldContain(line => line.StartsWith("Sessions.StartsAt"));
            ShouldMatch(await DescribeSqliteAsync(migrated), expected);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Migrated_schema_equals_the_model_on_postgres()
    {
        var migrated = new PostgresDatabase();
        var created = new PostgresDatabase();
        await migrated.CreateAsync();
        try
        {
            await using (var db = Postgres(migrated.ConnectionString)) { await db.Database.MigrateAsync(); }
            // EnsureCreated makes the database itself.
            await using (var db = Postgres(created.ConnectionString)) { await db.Database.EnsureCreatedAsync(); }

            var expected = await DescribePostgresAsync(created.ConnectionString);
            expected.ShouldContain(line => line.StartsWith("Sessions.StartsAt timestamp with time zone"));
            ShouldMatch(await DescribePostgresAsync(migrated.ConnectionString), expected);
        }
        finally
        {
            await migrated.DropAsync();
            await created.DropAsync();
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public Task Every_migration_is_applied_and_none_is_pending(string provider) => InEmptyDatabaseAsync(provider, async db =>
    {
        await db.Database.MigrateAsync();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
        // Running it again, as a second instance starting does, changes nothing.
        await db.Database.MigrateAsync();
    });

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public Task Upgrading_from_the_first_schema_keeps_the_data(string provider) => InEmptyDatabaseAsync(provider, async db =>
    {
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().First());
        // Rows written as the first schema has them, in SQL: the model may since have moved on.
        var startsAt = provider == "postgres" ? "TIMESTAMPTZ '2022-12-01 06:30:00+00'" : "'2022-12-01 06:30:00'";
        foreach (var sql in new[]
        {
            """INSERT INTO "Forums" ("Slug", "Name", "Year", "HostCity", "Venue", "TimeZoneId", "FirstDay", "LastDay", "Theme", "Languages", "IsDemo") VALUES ('old', 'Old Forum', 2022, 'Addis Ababa', 'UNECA', 'Africa/Addis_Ababa', '2022-11-28', '2022-12-02', 'Resilient Internet', 'en,fr', FALSE)""",
            """INSERT INTO "SessionTypes" ("ForumId", "Code", "Name", "NumberLabel", "DefaultLengthMinutes", "Position") VALUES (1, 'OF', 'Open Forum', 'Open Forum', 60, 1)""",
            $"""INSERT INTO "Sessions" ("ForumId", "TypeId", "Number", "Title", "Format", "Layout", "LengthMinutes", "Status", "StartsAt", "EndsAt") VALUES (1, 1, 56, 'Kept across the upgrade', 'Panel', 'Auditorium', 60, 'Scheduled', {startsAt}, {startsAt})""",
        })
        {
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        await db.Database.MigrateAsync();

        var session = await db.Sessions.Include(x => x.Type).SingleAsync();
        session.Title.ShouldBe("Kept across the upgrade");
        session.Key.ShouldBe("of-56");
        session.NumberedName.ShouldBe("Open Forum #56");
        session.StartsAt.ShouldBe(new DateTime(2022, 12, 1, 6, 30, 0, DateTimeKind.Utc));
        (await db.Forums.SingleAsync()).Languages.ShouldBe(["en", "fr"]);
    });

    /// <summary>Runs <paramref name="test"/> on a context over a new, empty database of the provider, removed afterwards.</summary>
    private static async Task InEmptyDatabaseAsync(string provider, Func<PlenaryDb, Task> test)
    {
        var database = provider == "postgres" ? new PostgresDatabase() : null;
        var file = Path.Combine(Path.GetTempPath(), $"plenary-{Guid.NewGuid():N}.db");
        if (database is not null)
        {
            await database.CreateAsync();
        }
        try
        {
            await using var db = database is null ? Sqlite($"Data Source={file};Pooling=False") : Postgres(database.ConnectionString);
            await test(db);
        }
        finally
        {
            if (database is not null)
            {
                await database.DropAsync();
            }
            File.Delete(file);
        }
    }

    /// <summary>Names only the differences: a full schema dump hides the one line that matters.</summary>
    private static void ShouldMatch(List<string> migrated, List<string> model)
    {
        var missing = model.Except(migrated).Select(l => "missing from the migrations: " + l);
        var extra = migrated.Except(model).Select(l => "not in the model: " + l);
        string.Join(Environment.NewLine, missing.Concat(extra)).ShouldBeEmpty();
    }

    private static PlenaryDb Sqlite(string connectionString) => new(new DbContextOptionsBuilder<PlenaryDb>()
        .UseSqlite(connectionString)
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
        .Options);

    private static PlenaryDb Postgres(string connectionString) => new(new DbContextOptionsBuilder<PlenaryDb>()
        .UseNpgsql(connectionString)
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
        .Options);

    private static async Task<List<string>> DescribeSqliteAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        var tables = await RowsAsync(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'");
        foreach (var table in tables.Select(t => t[0]))
        {
            lines.Add($"table {table}");
            // type, not null, default and position in the primary key of each column
            foreach (var c in await RowsAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo('{table}')"))
            {
                lines.Add($"{table}.{c[0]} {c[1]} notnull={c[2]} default={c[3]} pk={c[4]}");
            }
            foreach (var i in await RowsAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
            {
                var columns = await RowsAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                lines.Add($"index {i[0]} on {table}({string.Join(",", columns.Select(x => x[0]))}) unique={i[1]} origin={i[2]}");
            }
            foreach (var f in await RowsAsync(connection, $"SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))
            {
                lines.Add($"fk {table}.{f[0]} -> {f[1]}.{f[2]} on delete {f[3]}");
            }
        }
        // Autoincrement is only visible in the table's SQL.
        foreach (var t in await RowsAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'"))
        {
            lines.Add($"autoincrement {t[0]}={t[1]!.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> DescribePostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        foreach (var c in await RowsAsync(connection, """
            SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, is_identity, identity_generation
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '__EFMigrations%'
            """))
        {
            lines.Add($"{c[0]}.{c[1]} {c[2]}({c[3]}) nullable={c[4]} default={c[5]} identity={c[6]}/{c[7]}");
        }
        foreach (var i in await RowsAsync(connection, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '__EFMigrations%'"))
        {
            lines.Add($"index {i[0]}");
        }
        foreach (var k in await RowsAsync(connection, """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '"__EFMigrations%'
            """))
        {
            lines.Add($"constraint {k[0]}.{k[1]} {k[2]}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string?[]>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }
            rows.Add(row);
        }
        return rows;
    }
}
