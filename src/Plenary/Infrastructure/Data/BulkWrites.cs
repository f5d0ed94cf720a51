using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Plenary.Infrastructure.Data;

/// <summary>
/// EF's ExecuteUpdate/ExecuteDelete go past the change tracker, so the interceptors that act on writes (the public
/// cache, the remembered sign-in checks) recognise them by their command: one reading of it for all.
/// </summary>
public static partial class BulkWrites
{
    /// <summary>An ExecuteUpdate or ExecuteDelete that changed rows.</summary>
    public static bool Wrote(CommandExecutedEventData data, int rows) =>
        data.CommandSource is CommandSource.ExecuteUpdate or CommandSource.ExecuteDelete && rows > 0;

    /// <summary>The table the command writes, or null when its text is not the form EF writes.</summary>
    public static string? Table(DbCommand command) =>
        Statement().Match(command.CommandText) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>`UPDATE "T" AS t SET` or `DELETE FROM "T" AS t`.</summary>
    [GeneratedRegex("""^\s*(?:UPDATE|DELETE\s+FROM)\s+"([^"]+)"\s""", RegexOptions.IgnoreCase)]
    private static partial Regex Statement();
}
