using System.Globalization;
using System.Text;

namespace Plenary.Features.Schedule;

/// <summary>
/// Writes iCalendar content lines (RFC 5545 §3.1): CRLF endings, TEXT values escaped, lines folded at 75 octets
/// of UTF-8 without splitting a character.
/// </summary>
public sealed class ICalendarWriter
{
    private const int MaxOctets = 75;
    private readonly StringBuilder _text = new();

    /// <summary>A property whose value is already in iCalendar syntax (dates, numbers, URIs, enumerations).</summary>
    public ICalendarWriter Raw(string name, string value)
    {
        Fold($"{name}:{value}");
        return this;
    }

    /// <summary>A TEXT property: backslash, semicolon, comma and line breaks escaped (§3.3.11).</summary>
    public ICalendarWriter Text(string name, string? value) => value is null ? this : Raw(name, Escape(value));

    /// <summary>A DATE-TIME in UTC (§3.3.5, form #2).</summary>
    public ICalendarWriter Utc(string name, DateTime instant) =>
        Raw(name, DateTime.SpecifyKind(instant, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));

    public ICalendarWriter Begin(string component) => Raw("BEGIN", component);

    public ICalendarWriter End(string component) => Raw("END", component);

    public override string ToString() => _text.ToString();

    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': escaped.Append(@"\\"); break;
                case ';': escaped.Append(@"\;"); break;
                case ',': escaped.Append(@"\,"); break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n': break;
                case '\r' or '\n': escaped.Append(@"\n"); break;
                // Other control characters are not allowed in TEXT (§3.3.11); a tab is.
                case < ' ' and not '\t': break;
                case '\u007f': break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>Splits a content line into lines of at most 75 octets, each continuation starting with a space (§3.1).</summary>
    private void Fold(string line)
    {
        var octets = 0;
        var limit = MaxOctets;
        for (var i = 0; i < line.Length; i++)
        {
            // A surrogate pair is one character of four octets and must stay on one line.
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > limit)
            {
                _text.Append("\r\n ");
                octets = 0;
                // The leading space of a continuation counts towards its 75 octets.
                limit = MaxOctets - 1;
            }
            _text.Append(line, i, length);
            octets += size;
            i += length - 1;
        }
        _text.Append("\r\n");
    }
}
