using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Plenary.Infrastructure.Data;

/// <summary>
/// Tells a database that cannot be reached just now (PostgreSQL down or restarting, the network to it cut, its
/// connections used up, a SQLite file locked by another process) from a fault in the app. The first is answered
/// 503 with Retry-After: nothing is wrong with the request and the same request will work once the database is
/// back, which the app notices by itself, without a restart.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a client is asked to wait: a restarting server is usually back within them.</summary>
    public const int RetryAfterSeconds = 5;

    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PROTOCOL: another process holds the file,
    // or the file or its disk cannot be read just now. (Microsoft.Data.Sqlite targets netstandard2.0 and does not
    // say IsTransient itself.)
    private static readonly int[] SqliteUnavailable = [5, 6, 10, 14, 15];

    public static bool IsCause(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // The server's own word: connection trouble (08), out of connections, memory or disk (53), shutting
                // down, crashed or still starting (57P01-03), system or I/O error (58). Not serialisation failures or
                // lock timeouts, which the code that causes them answers itself.
                case PostgresException postgres:
                    return postgres.SqlState is ['0', '8', ..] or ['5', '3', ..] or ['5', '8', ..] or "57P01" or "57P02" or "57P03";
                // Client side: the socket refused or broken, a timeout opening a connection or waiting for the pool.
                case NpgsqlException { IsTransient: true }:
                case SqliteException sqlite when SqliteUnavailable.Contains(sqlite.SqliteErrorCode & 0xff):
                case TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsCause):
                    return true;
                // EF's RetryLimitExceededException and DbUpdateException wrap the provider's: the loop looks inside.
                case DbException:
                    return false;
            }
        }
        return false;
    }
}
