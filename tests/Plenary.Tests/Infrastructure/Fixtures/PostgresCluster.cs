using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>
/// A PostgreSQL server of its own, made with initdb in a temporary folder, that a test may stop and start again: an
/// outage as the app sees it, server gone and connections refused, without disturbing the server the other tests
/// share. Uses the binaries scripts/test.sh found (<c>PLENARY_TEST_PGBIN</c>), or the newest under
/// /usr/lib/postgresql; as root, runs them as the postgres user, as initdb requires.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string Variable = "PLENARY_TEST_PGBIN";

    private readonly string bin;
    private readonly string folder;
    private readonly int port;
    private readonly bool asPostgres = Environment.UserName == "root";

    private PostgresCluster(string bin, string folder, int port)
    {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
    }

    /// <summary>The database the app uses, on this server.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=plenary";

    public static async Task<PostgresCluster> CreateAsync()
    {
        var bin = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set ? set
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
                : null;
        if (bin is null)
        {
            throw new InvalidOperationException($"No PostgreSQL binaries: install PostgreSQL (scripts/test.sh does) or set {Variable} to the folder holding initdb and pg_ctl.");
        }
        var folder = Directory.CreateTempSubdirectory("plenary-outage-").FullName;
        var cluster = new PostgresCluster(bin, folder, FreePort());
        if (cluster.asPostgres)
        {
            await RunAsync("chown", ["postgres:", folder]);
        }
        await cluster.PgAsync("initdb", ["-D", cluster.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await cluster.StartAsync();
        await using var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={cluster.port};Username=postgres;Database=postgres;Pooling=false");
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE plenary", admin);
        await create.ExecuteNonQueryAsync();
        return cluster;
    }

    private string Data => Path.Combine(folder, "data");

    /// <summary>Starts the server on its port again, with the data it had, and waits until it accepts connections.</summary>
    public Task StartAsync() => PgAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(folder, "postgres.log"), "-w", "-o",
        $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"]);

    /// <summary>Stops the server as an administrator would for maintenance: open connections are ended, new ones refused.</summary>
    public Task StopAsync() => PgAsync("pg_ctl", ["-D", Data, "-m", "fast", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(folder, recursive: true);
    }

    private Task PgAsync(string tool, string[] arguments) =>
        asPostgres ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments]) : RunAsync(Path.Combine(bin, tool), arguments);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
