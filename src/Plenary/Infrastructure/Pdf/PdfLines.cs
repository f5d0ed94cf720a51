using System.Globalization;
using System.Text;
using HarfBuzzSharp;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Plenary.Infrastructure.Pdf;

/// <summary>A run of glyphs in one face at one level, shaped by HarfBuzz: glyphs left to right, with the text they stand for.</summary>
public sealed record ShapedRun(SKTypeface Face, float Size, bool Bold, ushort[] Glyphs, SKPoint[] Positions, float Width, byte[] Text, uint[] Clusters, int[] Runes);

/// <summary>A line as drawn: its runs in visual order (left to right), its width, and whether it reads right to left.</summary>
public sealed record ShapedLine(IReadOnlyList<ShapedRun> Runs, float Width, bool RightToLeft);

/// <summary>
/// Turns a paragraph into lines for the PDF: each character's face (<see cref="PdfFonts"/>), its embedding level by the
/// Unicode bidirectional algorithm (UAX #9, for a paragraph without explicit embeddings: rules P2–P3, W1–W7, N1–N2, I1–I2,
/// L2, which covers Arabic and Hebrew paragraphs with Latin words and numbers in them and the reverse), line breaks at
/// spaces and between any two ideographs (not before closing or after opening punctuation), and HarfBuzz shaping of each
/// run of one face and one level (joined Arabic letters, ligatures, marks). .NET has no bidi algorithm of its own.
/// </summary>
public sealed class PdfLines(PdfFonts fonts, bool documentRightToLeft) : IDisposable
{
    private readonly Dictionary<SKTypeface, SKShaper> _shapers = [];

    public IReadOnlyList<ShapedLine> Lay(string text, float size, bool bold, float width)
    {
        var runes = text.EnumerateRunes().Select(r => r.Value).ToArray();
        if (runes.Length == 0)
        {
            return [];
        }
        var (levels, rtl) = Bidi.Levels(runes, documentRightToLeft);
        var faces = Faces(runes, bold);
        var p = new Paragraph(runes, levels, faces, size, bold);

        var lines = new List<ShapedLine>();
        var start = 0;
        while (start < runes.Length)
        {
            while (start < runes.Length && IsSpace(runes[start]))
            {
                start++;
            }
            if (start == runes.Length)
            {
                break;
            }
            var end = start;
            float used = 0;
            foreach (var (from, to) in Pieces(runes, start))
            {
                var content = TrimEnd(runes, from, to);
                var full = Measure(p, from, to);
                var visible = content == to ? full : Measure(p, from, content);
                if (end > start && used + visible > width)
                {
                    break;
                }
                if (end == start && visible > width)
                {
                    // A word wider than the line (an address, say) is cut where it must be.
                    end = from + 1;
                    while (end < to && Measure(p, from, end + 1) <= width)
                    {
                        end++;
                    }
                    break;
                }
                used += full;
                end = to;
            }
            lines.Add(Line(p, start, TrimEnd(runes, start, end), rtl));
            start = end;
        }
        return lines;
    }

    private sealed record Paragraph(int[] Runes, int[] Levels, SKTypeface[] Faces, float Size, bool Bold);

    /// <summary>The face of each character; a space or punctuation stays in its neighbour's face when that face has it, so runs do not break on it.</summary>
    private SKTypeface[] Faces(int[] runes, bool bold)
    {
        var faces = new SKTypeface[runes.Length];
        for (var i = 0; i < runes.Length; i++)
        {
            var face = fonts.For(runes[i], bold);
            if (i > 0 && !Rune.IsLetterOrDigit(new Rune(runes[i])) && faces[i - 1] != face && faces[i - 1].ContainsGlyph(runes[i]))
            {
                face = faces[i - 1];
            }
            faces[i] = face;
        }
        return faces;
    }

    private float Measure(Paragraph p, int from, int to) => Segments(p, from, to).Sum(s => Shape(p, s.From, s.To).Width);

    private ShapedLine Line(Paragraph p, int from, int to, bool rtl)
    {
        var segments = Segments(p, from, to);
        // L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or higher.
        var top = segments.Count == 0 ? 0 : segments.Max(s => s.Level);
        var lowestOdd = segments.Count == 0 ? 1 : segments.Where(s => s.Level % 2 == 1).Select(s => s.Level).DefaultIfEmpty(top + 1).Min();
        for (var level = top; level >= lowestOdd; level--)
        {
            for (var i = 0; i < segments.Count; i++)
            {
                if (segments[i].Level < level)
                {
                    continue;
                }
                var j = i;
                while (j < segments.Count && segments[j].Level >= level)
                {
                    j++;
                }
                segments.Reverse(i, j - i);
                i = j;
            }
        }
        var runs = segments.Select(s => Shape(p, s.From, s.To)).ToList();
        return new ShapedLine(runs, runs.Sum(r => r.Width), rtl);
    }

    private static List<(int From, int To, int Level)> Segments(Paragraph p, int from, int to)
    {
        var segments = new List<(int, int, int)>();
        for (var i = from; i < to;)
        {
            var j = i + 1;
            while (j < to && p.Levels[j] == p.Levels[i] && p.Faces[j] == p.Faces[i])
            {
                j++;
            }
            segments.Add((i, j, p.Levels[i]));
            i = j;
        }
        return segments;
    }

    private ShapedRun Shape(Paragraph p, int from, int to)
    {
        var face = p.Faces[from];
        if (!_shapers.TryGetValue(face, out var shaper))
        {
            shaper = _shapers[face] = new SKShaper(face);
        }
        var text = Encoding.UTF8.GetBytes(string.Concat(p.Runes[from..to].Select(char.ConvertFromUtf32)));
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf8(text);
        buffer.Direction = p.Levels[from] % 2 == 1 ? Direction.RightToLeft : Direction.LeftToRight;
        buffer.GuessSegmentProperties();
        using var font = new SKFont(face, p.Size);
        var shaped = shaper.Shape(buffer, font);
        return new ShapedRun(face, p.Size, p.Bold, shaped.Codepoints.Select(g => (ushort)g).ToArray(), shaped.Points, shaped.Width, text, shaped.Clusters, p.Runes[from..to]);
    }

    /// <summary>The stretches between break opportunities, from <paramref name="start"/> on; each keeps the spaces after it.</summary>
    private static IEnumerable<(int From, int To)> Pieces(int[] runes, int start)
    {
        var from = start;
        for (var i = start + 1; i < runes.Length; i++)
        {
            if (BreaksBefore(runes[i - 1], runes[i]))
            {
                yield return (from, i);
                from = i;
            }
        }
        yield return (from, runes.Length);
    }

    private static bool BreaksBefore(int before, int after)
    {
        if (IsSpace(after))
        {
            return false;
        }
        if (IsSpace(before))
        {
            return true;
        }
        if (Closing.Contains(after) || Opening.Contains(before))
        {
            return false;
        }
        return IsIdeographic(before) || IsIdeographic(after) || Closing.Contains(before) && IsIdeographic(after);
    }

    private static readonly HashSet<int> Closing = [.. "，。、；：？！）」』】》〉”’％,.;:!?)]}%".EnumerateRunes().Select(r => r.Value)];
    private static readonly HashSet<int> Opening = [.. "（「『【《〈“‘([{".EnumerateRunes().Select(r => r.Value)];

    /// <summary>Han, kana, Hangul syllables and CJK punctuation: a line may break between any two of them.</summary>
    private static bool IsIdeographic(int rune) =>
        rune is >= 0x2E80 and <= 0x9FFF or >= 0xAC00 and <= 0xD7AF or >= 0xF900 and <= 0xFAFF or >= 0xFF00 and <= 0xFFEF or >= 0x20000 and <= 0x3FFFF;

    private static bool IsSpace(int rune) => rune is ' ' or '\t' or '\u3000';

    private static int TrimEnd(int[] runes, int from, int to)
    {
        while (to > from && IsSpace(runes[to - 1]))
        {
            to--;
        }
        return to;
    }

    public void Dispose()
    {
        foreach (var shaper in _shapers.Values)
        {
            shaper.Dispose();
        }
    }
}

/// <summary>The bidirectional algorithm's levels for one paragraph without explicit embeddings (UAX #9).</summary>
public static class Bidi
{
    private enum Kind { L, R, EN, AN, CS, ET, WS, ON, NSM }

    /// <summary>Each character's level, and whether the paragraph reads right to left (its first strong letter, else the document's direction).</summary>
    public static (int[] Levels, bool RightToLeft) Levels(int[] runes, bool fallbackRightToLeft)
    {
        var kinds = runes.Select(Classify).ToArray();
        var first = Array.FindIndex(kinds, k => k is Kind.L or Kind.R);
        var rtl = first < 0 ? fallbackRightToLeft : kinds[first] == Kind.R;
        var baseKind = rtl ? Kind.R : Kind.L;
        var n = kinds.Length;

        // W1: a mark takes the type of the character before it.
        for (var i = 0; i < n; i++)
        {
            if (kinds[i] == Kind.NSM)
            {
                kinds[i] = i == 0 ? baseKind : kinds[i - 1] is Kind.WS ? Kind.ON : kinds[i - 1];
            }
        }
        // W2: European digits after an Arabic letter are Arabic numbers. (W3 has no AL to change: R stands for both.)
        var strong = baseKind;
        for (var i = 0; i < n; i++)
        {
            if (kinds[i] is Kind.L or Kind.R)
            {
                strong = kinds[i];
            }
            else if (kinds[i] == Kind.EN && strong == Kind.R)
            {
                kinds[i] = Kind.AN;
            }
        }
        // W4: one separator between two numbers of a kind joins them (1,000; 2.5).
        for (var i = 1; i + 1 < n; i++)
        {
            if (kinds[i] == Kind.CS && kinds[i - 1] == kinds[i + 1] && kinds[i - 1] is Kind.EN or Kind.AN)
            {
                kinds[i] = kinds[i - 1];
            }
        }
        // W5: terminators (%, currency) next to European digits are part of the number.
        for (var i = 0; i < n; i++)
        {
            if (kinds[i] != Kind.ET)
            {
                continue;
            }
            var j = i;
            while (j < n && kinds[j] == Kind.ET)
            {
                j++;
            }
            if (i > 0 && kinds[i - 1] == Kind.EN || j < n && kinds[j] == Kind.EN)
            {
                Array.Fill(kinds, Kind.EN, i, j - i);
            }
            i = j - 1;
        }
        // W6: what is left of separators and terminators is neutral; W7: European digits after a Latin letter are Latin.
        strong = baseKind;
        for (var i = 0; i < n; i++)
        {
            if (kinds[i] is Kind.CS or Kind.ET)
            {
                kinds[i] = Kind.ON;
            }
            if (kinds[i] is Kind.L or Kind.R)
            {
                strong = kinds[i];
            }
            else if (kinds[i] == Kind.EN && strong == Kind.L)
            {
                kinds[i] = Kind.L;
            }
        }
        // N1, N2: neutrals between two of the same direction take it (numbers count as right to left), others the paragraph's.
        for (var i = 0; i < n; i++)
        {
            if (kinds[i] is not (Kind.WS or Kind.ON))
            {
                continue;
            }
            var j = i;
            while (j < n && kinds[j] is Kind.WS or Kind.ON)
            {
                j++;
            }
            var before = i == 0 ? baseKind : Direction(kinds[i - 1]);
            var after = j == n ? baseKind : Direction(kinds[j]);
            Array.Fill(kinds, before == after ? before : baseKind, i, j - i);
            i = j - 1;
        }
        // I1, I2.
        var paragraph = rtl ? 1 : 0;
        var levels = new int[n];
        for (var i = 0; i < n; i++)
        {
            levels[i] = (paragraph, kinds[i]) switch
            {
                (0, Kind.R) => 1,
                (0, Kind.AN or Kind.EN) => 2,
                (1, Kind.L or Kind.EN or Kind.AN) => 2,
                _ => paragraph,
            };
        }
        return (levels, rtl);
    }

    private static Kind Direction(Kind kind) => kind is Kind.L ? Kind.L : Kind.R;

    private static Kind Classify(int rune)
    {
        if (rune is >= 0x0660 and <= 0x0669 or >= 0x06F0 and <= 0x06F9 or 0x066B or 0x066C)
        {
            return Kind.AN;
        }
        var category = Rune.GetUnicodeCategory(new Rune(rune));
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
        {
            return Kind.NSM;
        }
        if (category == UnicodeCategory.DecimalDigitNumber)
        {
            return Kind.EN;
        }
        if (rune is ',' or '.' or '/' or ':' or 0x00A0 or 0x060C or 0x202F)
        {
            return Kind.CS;
        }
        if (rune is '#' or '%' or '+' or '-' or 0x00B0 or 0x00B1 or 0x2030 or 0x066A || category == UnicodeCategory.CurrencySymbol)
        {
            return Kind.ET;
        }
        if (rune is >= 0x0590 and <= 0x08FF or >= 0xFB1D and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF or >= 0x10800 and <= 0x10FFF or >= 0x1E800 and <= 0x1EFFF)
        {
            return category is UnicodeCategory.SpaceSeparator ? Kind.WS : Kind.R;
        }
        if (category is UnicodeCategory.SpaceSeparator || rune is '\t')
        {
            return Kind.WS;
        }
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.LetterNumber
            ? Kind.L
            : Kind.ON;
    }
}
