using SkiaSharp;

namespace Plenary.Infrastructure.Pdf;

internal sealed record PlacedRun(ShapedRun Run, float X, float Baseline);

internal sealed record PdfPage(List<PlacedRun> Runs, List<(SKRect Area, string Url)> Links);

/// <summary>
/// A4 pages of shaped text (any script, either direction) for the documents Plenary prints: the outcome document,
/// certificates, letters. Lays lines down the page, wrapping at the margins (from the right in a right-to-left paragraph) and starting a new page
/// when one is full; then draws them, each face embedded as a subset of the glyphs used.
/// </summary>
public sealed class PdfPages(PdfFonts fonts, bool rightToLeft) : IDisposable
{
    public const float Margin = 56;
    private const float PageWidth = 595.28f, PageHeight = 841.89f;
    private const float Width = PageWidth - 2 * Margin, Bottom = PageHeight - Margin;
    private readonly PdfLines _lines = new(fonts, rightToLeft);
    private readonly List<PdfPage> _pages = [];
    private PdfPage? _page;
    private float _y;

    private PdfPage Current => _page ?? NewPage();

    private PdfPage NewPage()
    {
        _page = new PdfPage([], []);
        _pages.Add(_page);
        _y = Margin;
        return _page;
    }

    /// <summary>Starts a new page here, for a document in parts (a letter in two languages); a page already blank is kept.</summary>
    public void PageBreak()
    {
        if (_page is { Runs.Count: > 0 })
        {
            NewPage();
        }
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

    /// <summary>
    /// A drawing of its own (a QR code, a seal, a signature), <paramref name="width"/> by <paramref name="height"/> points, at
    /// the start side of the line (the right in a right-to-left document), on a new page when it does not fit. The callback
    /// draws in page coordinates inside the area it is given, when the page is rendered, so vectors stay vectors in the PDF.
    /// </summary>
    public void Drawing(float width, float height, Action<SKCanvas, SKRect> draw, float before = 0, float after = 4)
    {
        var page = Current;
        _y += before;
        if (_y + height > Bottom && _y > Margin + before)
        {
            page = NewPage();
        }
        var x = rightToLeft ? Margin + Width - width : Margin;
        if (!_drawings.TryGetValue(page, out var drawings))
        {
            _drawings[page] = drawings = [];
        }
        drawings.Add((new SKRect(x, _y, x + width, _y + height), draw));
        _y += height + after;
    }

    /// <summary>An image (a logo, a scanned signature) scaled into <paramref name="width"/> by <paramref name="height"/> points, placed as <see cref="Drawing"/> places it.</summary>
    public void Image(SKImage image, float width, float height, float before = 0, float after = 4) =>
        Drawing(width, height, (canvas, area) => canvas.DrawImage(image, area, new SKSamplingOptions(SKCubicResampler.Mitchell)), before, after);

    private readonly Dictionary<PdfPage, List<(SKRect Area, Action<SKCanvas, SKRect> Draw)>> _drawings = [];

    private void DrawDrawings(PdfPage page, SKCanvas canvas)
    {
        foreach (var (area, draw) in _drawings.GetValueOrDefault(page) ?? [])
        {
            draw(canvas, area);
        }
    }

    private void Place(PdfPage page, ShapedLine line, float x, float size)
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
            g => PdfFonts.Subset(g.Key, g.SelectMany(r => r.Run.Glyphs).Distinct(), g.SelectMany(r => r.Run.Runes).Distinct()) ?? g.Key);
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            foreach (var page in _pages.DefaultIfEmpty(new PdfPage([], [])))
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
                DrawDrawings(page, canvas);
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
