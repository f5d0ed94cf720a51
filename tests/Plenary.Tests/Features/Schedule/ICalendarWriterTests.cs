using System.Text;
using Plenary.Features.Schedule;

namespace Plenary.Tests.Features.Schedule;

/// <summary>RFC 5545 §3.1 and §3.3.11, on the writer alone.</summary>
public sealed class ICalendarWriterTests
{
    [Fact]
    public void Text_escapes_backslash_semicolon_comma_and_line_breaks()
    {
        new ICalendarWriter().Text("SUMMARY", "a\\b;c,d\r\ne\nf").ToString().ShouldBe("SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\r\n");
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_character()
    {
        // "é" is two octets and "𝄞" four: a fold between their octets would break UTF-8.
        var value = string.Concat(Enumerable.Repeat("é𝄞x", 60));
        var text = new ICalendarWriter().Text("DESCRIPTION", value).ToString();
        var lines = text.Split("\r\n")[..^1];
        lines.Length.ShouldBeGreaterThan(5);
        lines.ShouldAllBe(l => Encoding.UTF8.GetByteCount(l) <= 75);
        lines.Skip(1).ShouldAllBe(l => l.StartsWith(' '));
        lines.ShouldAllBe(l => !l.Any(char.IsSurrogate) || Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(l)) == l);
        string.Concat(lines.Select((l, i) => i == 0 ? l : l[1..])).ShouldBe("DESCRIPTION:" + value);
    }

    [Fact]
    public void Utc_times_end_in_z()
    {
        new ICalendarWriter().Utc("DTSTART", new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc)).ToString().ShouldBe("DTSTART:20261025T003000Z\r\n");
    }
}
