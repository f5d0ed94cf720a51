using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Plenary.Infrastructure.Data;

/// <summary>
/// Lets each SQLite connection read the database file through a memory map. Without it every page a query reads is
/// copied out of the operating system's cache by a system call: a search that reads a thousand index rows spent as much
/// time in those calls as in SQLite itself (docs/performance.md, "the index mapped"), and each pooled connection's own
/// page cache (2 MB) holds too little of a forum archive to help. A map shares the operating system's cache between all
/// connections and costs address space, not memory. Writes still go through the write-ahead log as before. The pragma
/// belongs to the native connection, which the pool keeps open across uses, so it is set once per native connection.
/// </summary>
public sealed class SqliteMemoryMap : DbConnectionInterceptor
{
    /// <summary>SQLite caps this at its build's limit (2 GB for the bundled library); the file may be smaller.</summary>
    public const long Bytes = 2L << 30;

    private static readonly ConditionalWeakTable<object, object> Mapped = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Map(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Map(connection);
        return Task.CompletedTask;
    }

    private static void Map(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Mapped.TryGetValue(handle, out _))
        {
            return;
        }
        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA mmap_size={Bytes}";
        command.ExecuteNonQuery();
        Mapped.AddOrUpdate(handle, handle);
    }
}
