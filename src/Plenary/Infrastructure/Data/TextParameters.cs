using System.Buffers;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Plenary.Infrastructure.Data;

/// <summary>
/// Text reaches the database without the characters nobody types and no export can carry: NUL (PostgreSQL refuses it
/// in text, so a NUL in a JSON field was a 500), the other C0 control characters but tab and line breaks, lone
/// surrogates and U+FFFE/U+FFFF, none of which XML can hold: one stored through the API broke schedule.xml, the Atom
/// feed and the DOCX outcome document for every reader. Cleaned here, in every command's text parameters, because
/// this is the one door all text goes through (forms, JSON, CSV imports; reads too, so looking up "a\0@b.c" looks up
/// "a@b.c" instead of failing).
/// </summary>
public sealed class TextParameters : DbCommandInterceptor
{
    private static readonly SearchValues<char> Suspect = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Where(c => c is not '\t' and not '\n' and not '\r').Select(c => (char)c))
        + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)) + "\uFFFE\uFFFF");

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    private static void Clean(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.Value is string text && text.AsSpan().IndexOfAny(Suspect) >= 0)
            {
                parameter.Value = Clean(text);
            }
        }
    }

    public static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (!Suspect.Contains(c))
            {
                clean.Append(c);
            }
        }
        return clean.ToString();
    }
}
