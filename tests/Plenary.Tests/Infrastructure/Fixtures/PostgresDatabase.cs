using Npgsql;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>A uniquely named database on the test server, created empty and dropped afterwards.</summary>
public sealed class PostgresDatabase
{
    public const string Variable = "PLENARY_TEST_POSTGRES";

    private readonly NpgsqlConnectionStringBuilder admin;

    public PostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with `bash scripts/test.sh`, which starts a PostgreSQL server, " +
                $"or set {Variable} to a connection string for a server where this user may create databases.");
        }
        admin = new NpgsqlConnectionStringBuilder(server);
        Name = $"plenary_test_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public async Task CreateAsync()
    {
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{Name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
