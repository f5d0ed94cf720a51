namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>
/// Two requests made to race for one row on PostgreSQL: the row is held (<c>FOR UPDATE</c>) until every request waits
/// on it, so each has read the row before any writes, and only the concurrency token can refuse the late one.
/// </summary>
public static class HeldRow
{
    public static async Task<HttpResponseMessage[]> RaceAsync(PostgresApp app, string table, int id, params Func<Task<HttpResponseMessage>>[] requests)
    {
        await using var holder = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand($"SELECT 1 FROM \"{table}\" WHERE \"Id\" = {id} FOR UPDATE", holder, hold))
        {
            await lockRow.ExecuteScalarAsync();
        }
        var racing = requests.Select(r => r()).ToArray();
        // Its own connection, outside the holder's transaction: PostgreSQL shows a transaction one snapshot of the activity.
        await using (var watcher = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await watcher.OpenAsync();
            await using var count = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", watcher);
            while ((long)(await count.ExecuteScalarAsync())! < racing.Length)
            {
                racing.ShouldAllBe(r => !r.IsCompleted, $"a request finished while the {table} row was held: it did not wait on it");
                await Task.Delay(20);
            }
        }
        await hold.CommitAsync();
        return await Task.WhenAll(racing);
    }
}
