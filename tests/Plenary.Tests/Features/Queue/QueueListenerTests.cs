using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Plenary.Features.Queue;
using Plenary.Infrastructure.Data;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;
using static Plenary.Tests.Features.Queue.QueueTestData;

namespace Plenary.Tests.Features.Queue;

/// <summary>
/// The PostgreSQL listener that carries queue changes between instances loses its connection (a restart, a failover, an
/// administrator ending it): a live page open meanwhile still gets every change, those made while the listener was deaf
/// included.
/// </summary>
[Collection("postgres")]
public sealed class QueueListenerTests(PostgresApp app)
{
    [Fact]
    public async Task Live_pages_get_the_changes_made_while_the_listener_was_cut_off_and_after()
    {
        var session = await SessionAsync(app, 9962);
        var (watcher, _, _) = await ParticipantAsync(app);
        var (first, firstName, _) = await ParticipantAsync(app);
        var (second, secondName, _) = await ParticipantAsync(app);
        using var events = await EventStream.OpenAsync(watcher, Url(session, "live/events"));
        (await events.NextAsync()).GetProperty("queue").GetArrayLength().ShouldBe(0);
        // A change heard proves the listener is connected, whenever it came up.
        (await PostAsync(first, session, "live", "Raise", new() { ["Mode"] = "Online" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await events.NextAsync()).GetProperty("queue")[0].GetProperty("name").GetString().ShouldBe(firstName);
        var mark = app.Log.Count;

        // Its backend is ended as an administrator would, found by the name it gives the server; then a hand is raised
        // while it is cut off, whose NOTIFY nobody on this instance hears.
        (await TerminateListenerAsync()).ShouldBe(1);
        (await PostAsync(second, session, "live", "Raise", new() { ["Mode"] = "Onsite" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var caughtUp = await events.NextAsync();
        caughtUp.GetProperty("queue").EnumerateArray().Select(h => h.GetProperty("name").GetString()).ShouldBe([firstName, secondName]);
        app.Log.Since(mark).ShouldContain(e => e.Level == LogLevel.Warning && e.Category == typeof(PostgresListener).FullName
            && e.Message.StartsWith("The database listener lost its connection", StringComparison.Ordinal));

        // Listening again: a later change is heard as it happens.
        var hand = await app.InDbAsync(db => db.Hands.Where(h => h.SessionId == session.Id && h.Mode == ParticipationMode.Onsite).Select(h => h.Id).SingleAsync());
        (await PostAsync(second, session, "live", "Lower", query: $"&hand={hand}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await events.NextAsync()).GetProperty("queue").EnumerateArray().Select(h => h.GetProperty("name").GetString()).ShouldBe([firstName]);
    }

    /// <summary>Ends this app's listener connection, and none of another app's database; how many were ended.</summary>
    private async Task<int> TerminateListenerAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*)::int FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()) ended", connection);
        command.Parameters.AddWithValue("name", PostgresListener.ApplicationName);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
