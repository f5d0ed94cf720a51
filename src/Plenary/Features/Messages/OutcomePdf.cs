using System.Globalization;
using Microsoft.Extensions.Localization;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using SkiaSharp;

namespace Plenary.Features.Messages;

/// <summary>
/// The outcome document as a PDF, A4, in every script the messages are written in: text shaped by HarfBuzz (Arabic joined,
/// right to left, with Latin words and numbers inside it in their order), Chinese broken between ideographs, each run in a
/// system font that has its glyphs (<see cref="OutcomeFonts"/>), drawn by Skia's PDF writer with the text behind the glyphs
/// (a ToUnicode map, and the characters themselves where a glyph stands for several or for a contextual form), so that
/// the text can be searched, copied and read aloud. Citations link to the session pages.
/// </summary>
public static class OutcomePdf
{
    private const float Margin = 56;
    private const float Body = 10.5f;

    /// <summary>Null when the machine has no font at all with Latin letters.</summary>
    public static byte[]? Write(Outcome outcome, string site, IStringLocalizer l, SdgCatalogue sdgs, ILogger logger)
    {
        var culture = CultureInfo.CurrentUICulture;
        var fonts = new OutcomeFonts(culture.Name);
        if (fonts.Main(false) is null || fonts.Main(true) is null)
        {
            return null;
        }
        using var pages = new Pages(fonts, culture.TextInfo.IsRightToLeft);
        pages.Text(OutcomeText.Heading(outcome, l), 18, true, before: 0, after: 6);
        pages.Text(outcome.Forum.Theme, Body, false, after: 4);
        if (outcome.PublishedAt is null)
        {
            pages.Text(l["Draft: not published yet."], Body, true);
        }
        foreach (var section in outcome.Sections)
        {
            pages.Text(section.Subtheme?.Name ?? l["Other messages"], 15, true, before: 14, keep: 3);
            foreach (var message in section.Messages)
            {
                pages.Text(message.Title, 12.5f, true, before: 10, keep: 2);
                foreach (var block in OutcomeText.Blocks(message.Body))
                {
                    switch (block.Kind)
                    {
                        case TextBlockKind.Heading:
                            pages.Text(block.Text, Body + 1, true, before: 6, keep: 2);
                            break;
                        case TextBlockKind.Bullet:
                            pages.Text("• " + block.Text, Body, false, indent: 14);
                            break;
                        case TextBlockKind.Numbered:
                            pages.Text($"{block.Number}. {block.Text}", Body, false, indent: 14);
                            break;
                        default:
                            pages.Text(block.Text, Body, false);
                            break;
                    }
                }
                pages.Text(l["Draws on:"], Body - 0.5f, true, before: 2, after: 0, keep: 2);
                foreach (var c in message.Citations)
                {
                    pages.Text(OutcomeText.Citation(c), Body - 0.5f, false, after: 0, indent: 14, link: site + SessionLinks.Page(outcome.Forum.Slug, c.Key));
                }
            }
        }
        if (outcome.Sections.Count == 0)
        {
            pages.Text(l["No message is published yet."], Body, false, before: 10);
        }
        pages.Text(l["The forum in figures"], 15, true, before: 16, keep: 3);
        foreach (var table in OutcomeText.Figures(outcome.Figures, l, sdgs))
        {
            pages.Text(table.Heading, 12, true, before: 8, keep: 2);
            if (table.Rows.Count == 0)
            {
                pages.Text(l["None reported."], Body, false);
            }
            foreach (var (label, value) in table.Rows)
            {
                pages.Row(label, value, Body);
            }
        }
        if (fonts.Missing.Count > 0)
        {
            // The document is still made, with boxes in place of those letters and their text behind them; the log says which package would draw them.
            logger.LogWarning("The PDF of {Forum}'s outcome document draws {Count} characters with no installed font covering them ({Characters}); install a font for their script (README, \"Fonts\").",
                outcome.Forum.Slug, fonts.Missing.Count, string.Join(" ", fonts.Missing.Take(20).Select(r => $"U+{r:X4}")));
        }
        return pages.Render(new SKDocumentPdfMetadata { Title = OutcomeText.Heading(outcome, l), Author = outcome.Forum.Name, Creator = "Plenary" });
    }

    private sealed record PlacedRun(ShapedRun Run, float X, float Baseline);

    private sealed record Page(List<PlacedRun> Runs, List<(SKRect Area, string Url)> Links);

    /// <summary>
    /// Lays lines down the page, wrapping at the margins (from the right in a right-to-left paragraph) and starting a new page
    /// when one is full; then draws them, each face embedded as a subset of the glyphs used.
    /// </summary>
    private sealed class Pages(OutcomeFonts fonts, bool rightToLeft) : IDisposable
    {
        private const float PageWidth = 595.28f, PageHeight = 841.89f;
        private const float Width = PageWidth - 2 * Margin, Bottom = PageHeight - Margin;
        private readonly PdfLines _lines = new(fonts, rightToLeft);
        private readonly List<Page> _pages = [];
        private Page? _page;
        private float _y;

        private Page Current => _page ?? NewPage();

        private Page NewPage()
        {
            _page = new Page([], []);
            _pages.Add(_page);
            _y = Margin;
            return _page;
        }

        private static float Height(float size) => size * 1.35f;

        /// <param name="keep">Lines that must fit below this text on the same page (a heading stays with what follows).</param>
        public void Text(string text, float size, bool bold, float before = 0, float after = 4, float indent = 0, int keep = 0, string? link = null)
        {
            var page = Current;
            var height = Height(size);
            var lines = _lines.Lay(text, size, bold, Width - indent);
            _y += before;
            if (_y + height * (Math.Min(lines.Count, 2) + keep) > Bottom && _y > Margin + before)
            {
                page = NewPage();
            }
            foreach (var line in lines)
            {
                if (_y + height > Bottom)
                {
                    page = NewPage();
                }
                var x = line.RightToLeft ? Margin + Width - indent - line.Width : Margin + indent;
                Place(page, line, x, size);
                if (link is not null)
                {
                    page.Links.Add((new SKRect(x, _y, x + line.Width, _y + height), link));
                }
                _y += height;
            }
            _y += after;
        }

        /// <summary>A figure: its label wrapped at the start side, the value at the end side of the first line.</summary>
        public void Row(string label, string value, float size)
        {
            var page = Current;
            var height = Height(size);
            const float valueWidth = 110;
            var lines = _lines.Lay(label, size, false, Width - valueWidth - 10);
            if (_y + height * lines.Count > Bottom)
            {
                page = NewPage();
            }
            foreach (var v in _lines.Lay(value, size, false, valueWidth))
            {
                Place(page, v, rightToLeft ? Margin : Margin + Width - v.Width, size);
            }
            foreach (var line in lines)
            {
                Place(page, line, rightToLeft ? Margin + Width - line.Width : Margin, size);
                _y += height;
            }
            _y += 2;
        }

        private void Place(Page page, ShapedLine line, float x, float size)
        {
            var baseline = _y + size;
            foreach (var run in line.Runs)
            {
                page.Runs.Add(new PlacedRun(run, x, baseline));
                x += run.Width;
            }
        }

        public byte[] Render(SKDocumentPdfMetadata metadata)
        {
            var subsets = _pages.SelectMany(p => p.Runs).GroupBy(r => r.Run.Face).ToDictionary(g => g.Key,
                g => OutcomeFonts.Subset(g.Key, g.SelectMany(r => r.Run.Glyphs).Distinct(), g.SelectMany(r => r.Run.Runes).Distinct()) ?? g.Key);
            using var stream = new MemoryStream();
            using (var document = SKDocument.CreatePdf(stream, metadata))
            {
                using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
                foreach (var page in _pages.DefaultIfEmpty(new Page([], [])))
                {
                    var canvas = document.BeginPage(PageWidth, PageHeight);
                    foreach (var placed in page.Runs)
                    {
                        var run = placed.Run;
                        if (run.Glyphs.Length == 0)
                        {
                            continue;
                        }
                        var face = subsets[run.Face];
                        // A face without a bold weight (many Chinese fonts) is made bold by stroking its outlines.
                        using var font = new SKFont(face, run.Size) { Embolden = run.Bold && run.Face.FontStyle.Weight < (int)SKFontStyleWeight.SemiBold };
                        using var builder = new SKTextBlobBuilder();
                        var buffer = builder.AllocatePositionedTextRun(font, run.Glyphs.Length, run.Text.Length, null);
                        buffer.SetGlyphs(run.Glyphs);
                        buffer.SetPositions(run.Positions.Select(p => new SKPoint(placed.X + p.X, placed.Baseline + p.Y)).ToArray());
                        buffer.SetText(run.Text);
                        buffer.SetClusters(run.Clusters);
                        using var blob = builder.Build();
                        canvas.DrawText(blob, 0, 0, paint);
                    }
                    foreach (var (area, url) in page.Links)
                    {
                        canvas.DrawUrlAnnotation(area, url).Dispose();
                    }
                    document.EndPage();
                }
                foreach (var subset in subsets.Where(s => s.Value != s.Key))
                {
                    subset.Value.Dispose();
                }
                document.Close();
            }
            return stream.ToArray();
        }

        public void Dispose() => _lines.Dispose();
    }
}
