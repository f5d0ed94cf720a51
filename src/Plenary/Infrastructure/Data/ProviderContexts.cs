using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Plenary.Infrastructure.Data;

// EF Core keeps one migration set per context type (its documented way to migrate several providers), so each provider
// has a context of its own with the same model; its migrations are in Migrations/Sqlite and Migrations/Postgres.

/// <summary>The database on SQLite, the default: migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqlitePlenaryDb(DbContextOptions<SqlitePlenaryDb> options) : PlenaryDb(options);

/// <summary>The database on PostgreSQL: migrations in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresPlenaryDb(DbContextOptions<PostgresPlenaryDb> options) : PlenaryDb(options);

/// <summary>
/// For <c>dotnet ef migrations add … --context SqlitePlenaryDb</c>: the provider without the app around it (no
/// connection is opened to generate a migration).
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePlenaryDb>
{
    public SqlitePlenaryDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePlenaryDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresPlenaryDb</c>.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPlenaryDb>
{
    public PostgresPlenaryDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPlenaryDb>().UseNpgsql("Host=localhost;Database=plenary").Options);
}
