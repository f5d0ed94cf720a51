using Npgsql;

namespace Plenary.Infrastructure.Data;

/// <summary>
/// A PostgreSQL channel this instance listens on (<see cref="PostgresListener"/>): what to do with each payload heard,
/// and what to do when it may have missed some (at start, and after the connection was down).
/// </summary>
/// <param name="Heard">Called on the connection's thread for each notification: quick, and never throwing.</param>
/// <param name="Missed">Whatever was notified while nobody here listened must be caught up on, as if all had changed.</param>
public sealed record Listening(string Channel, Action<string> Heard, Action Missed);

/// <summary>
/// Holds one dedicated connection (outside the pool) that LISTENs on every channel the features register
/// (<see cref="Listening"/>: the live queue's changes, the page cache's evictions) for what any instance notifies. When
/// the connection drops (a database restart, a failover, an administrator ending it) it reconnects, waiting longer
/// after each failed attempt, and once listening again tells each channel it may have missed something: whatever
/// changed while it was deaf reaches this instance all the same.
/// </summary>
public sealed class PostgresListener(IConfiguration configuration, IEnumerable<Listening> channels, ILogger<PostgresListener> log) : BackgroundService
{
    /// <summary>How the connection shows in <c>pg_stat_activity</c>, so an administrator can tell it from the pool's.</summary>
    public const string ApplicationName = "plenary-listener";

    /// <summary>The first wait after losing the connection, doubled after each failed attempt up to <see cref="LongestWait"/>.</summary>
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);

    /// <summary>Long enough not to hammer a database that is down, short enough that pages catch up soon after it is back.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var listening = channels.ToDictionary(c => c.Channel, StringComparer.Ordinal);
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres"))
        {
            Pooling = false, KeepAlive = 30, ApplicationName = ApplicationName,
        }.ConnectionString;
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) =>
                {
                    if (listening.TryGetValue(e.Channel, out var channel))
                    {
                        channel.Heard(e.Payload);
                    }
                };
                foreach (var channel in listening.Keys)
                {
                    // Channel names are the features' constants, never input.
                    await using var command = new NpgsqlCommand($"LISTEN {channel}", connection);
                    await command.ExecuteNonQueryAsync(stop);
                }
                if (failures > 0)
                {
                    log.LogInformation("The database listener is listening again after {Attempts} failed attempt(s); live pages re-read their queue and the page cache is emptied", failures);
                }
                failures = 0;
                // Changes notified before these LISTENs (at start, or while the connection was down) were heard by nobody here.
                foreach (var channel in listening.Values)
                {
                    channel.Missed();
                }
                while (true)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever the failure, the listener must outlive it: an exception leaving a hosted service stops the app.
                failures++;
                var wait = TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstWait.Ticks << Math.Min(failures - 1, 10)));
                log.LogWarning(e, "The database listener lost its connection (attempt {Attempts}); this instance hears no live-queue change and no other instance's cache eviction until it is back. Reconnecting in {Seconds} s",
                    failures, wait.TotalSeconds);
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
