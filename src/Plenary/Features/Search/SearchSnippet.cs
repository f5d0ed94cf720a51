using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Plenary.Features.Search;

/// <summary>
/// A few lines of a found text around its first match, and where the matched words stand in them (UTF-16 offsets into
/// <see cref="Text"/>): the page wraps them in &lt;mark&gt; after encoding everything (<see cref="ToHtml"/>), the API gives
/// the plain text and the offsets, so that no reader has to trust markup made from someone's text.
/// </summary>
public sealed record SearchSnippet(string Text, IReadOnlyList<SearchMark> Marks)
{
    private const int Before = 80;
    private const int After = 220;

    /// <summary>Long texts are read a piece at a time until the first match, so a transcript is not analysed whole for a snippet.</summary>
    private const int Piece = 4_000;

    public static SearchSnippet Of(string text, string language, IReadOnlySet<string> terms)
    {
        var first = -1;
        for (var start = 0; start < text.Length && first < 0;)
        {
            var end = Math.Min(text.Length, start + Piece);
            // A piece ends at a space, so no word is cut in two and missed.
            if (end < text.Length && text.LastIndexOf(' ', end - 1, end - start) is var space and > 0 && space > start)
            {
                end = space;
            }
            if (SearchAnalysis.FirstMatch(text[start..end], language, terms) is var at and >= 0)
            {
                first = start + at;
            }
            start = end;
        }
        var from = Math.Max(0, (first < 0 ? 0 : first) - Before);
        var to = Math.Min(text.Length, from + Before + After);
        if (from > 0 && text.IndexOf(' ', from, Math.Min(20, to - from)) is var afterSpace and >= 0)
        {
            from = afterSpace + 1;
        }
        if (to < text.Length && text.LastIndexOf(' ', to - 1, Math.Min(20, to - from)) is var beforeSpace and > 0 && beforeSpace > from)
        {
            to = beforeSpace;
        }
        var window = text[from..to].ReplaceLineEndings(" ");
        var marks = SearchAnalysis.Tokens(window, language).Where(t => terms.Contains(t.Term))
            .Select(t => new SearchMark(t.Start, t.End - t.Start)).ToList();
        // Overlapping Chinese bigrams ("数据", "据治") join into one mark.
        var joined = new List<SearchMark>();
        foreach (var mark in marks.OrderBy(m => m.Start))
        {
            if (joined.Count > 0 && mark.Start <= joined[^1].Start + joined[^1].Length)
            {
                var last = joined[^1];
                joined[^1] = last with { Length = Math.Max(last.Length, mark.Start + mark.Length - last.Start) };
            }
            else
            {
                joined.Add(mark);
            }
        }
        var prefix = from > 0 ? "… " : "";
        var suffix = to < text.Length ? " …" : "";
        return new SearchSnippet(prefix + window + suffix, joined.Select(m => m with { Start = m.Start + prefix.Length }).ToList());
    }

    /// <summary>Every character encoded, then the marks wrapped: a title with &lt;script&gt; shows as text.</summary>
    public IHtmlContent ToHtml()
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (var mark in Marks)
        {
            html.Append(HtmlEncoder.Default.Encode(Text[at..mark.Start]));
            html.Append("<mark>").Append(HtmlEncoder.Default.Encode(Text.Substring(mark.Start, mark.Length))).Append("</mark>");
            at = mark.Start + mark.Length;
        }
        html.Append(HtmlEncoder.Default.Encode(Text[at..]));
        return new HtmlString(html.ToString());
    }
}

/// <summary>A matched word in a snippet: where it starts and how long it is, in UTF-16 code units.</summary>
public sealed record SearchMark(int Start, int Length);
