using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;

namespace Plenary.Features.Messages;

/// <summary>
/// The outcome document as a PDF (PDFsharp), A4, with an embedded subset of a system font and links to the session pages.
/// PDFsharp lays text out left to right without shaping: Latin, Greek and Cyrillic print correctly with DejaVu Sans, while
/// Arabic and Hebrew would come out unjoined and in the wrong order, and Chinese not at all; the web page and the DOCX file
/// carry those scripts.
/// </summary>
public static class OutcomePdf
{
    private const double Margin = 56;
    private const double Body = 10.5;

    /// <summary>Null when the machine has none of the fonts <see cref="OutcomeFonts"/> looks for.</summary>
    public static byte[]? Write(Outcome outcome, string site, IStringLocalizer l, SdgCatalogue sdgs)
    {
        if (!OutcomeFonts.Install())
        {
            return null;
        }
        var document = new PdfDocument();
        document.Info.Title = OutcomeText.Heading(outcome, l);
        document.Info.Author = outcome.Forum.Name;
        document.Language = CultureInfo.CurrentUICulture.Name;
        using (var pages = new Pages(document))
        {
            pages.Text(OutcomeText.Heading(outcome, l), pages.Bold(18), before: 0, after: 6);
            pages.Text(outcome.Forum.Theme, pages.Regular(Body), after: 4);
            if (outcome.PublishedAt is null)
            {
                pages.Text(l["Draft: not published yet."], pages.Bold(Body));
            }
            foreach (var section in outcome.Sections)
            {
                pages.Text(section.Subtheme?.Name ?? l["Other messages"], pages.Bold(15), before: 14, keep: 3);
                foreach (var message in section.Messages)
                {
                    pages.Text(message.Title, pages.Bold(12.5), before: 10, keep: 2);
                    foreach (var block in OutcomeText.Blocks(message.Body))
                    {
                        switch (block.Kind)
                        {
                            case TextBlockKind.Heading:
                                pages.Text(block.Text, pages.Bold(Body + 1), before: 6, keep: 2);
                                break;
                            case TextBlockKind.Bullet:
                                pages.Text("• " + block.Text, pages.Regular(Body), indent: 14);
                                break;
                            case TextBlockKind.Numbered:
                                pages.Text($"{block.Number}. {block.Text}", pages.Regular(Body), indent: 14);
                                break;
                            default:
                                pages.Text(block.Text, pages.Regular(Body));
                                break;
                        }
                    }
                    pages.Text(l["Draws on:"], pages.Bold(Body - 0.5), before: 2, after: 0, keep: 2);
                    foreach (var c in message.Citations)
                    {
                        pages.Text(OutcomeText.Citation(c), pages.Regular(Body - 0.5), after: 0, indent: 14, link: site + SessionLinks.Page(outcome.Forum.Slug, c.Key));
                    }
                }
            }
            if (outcome.Sections.Count == 0)
            {
                pages.Text(l["No message is published yet."], pages.Regular(Body), before: 10);
            }
            pages.Text(l["The forum in figures"], pages.Bold(15), before: 16, keep: 3);
            foreach (var table in OutcomeText.Figures(outcome.Figures, l, sdgs))
            {
                pages.Text(table.Heading, pages.Bold(12), before: 8, keep: 2);
                if (table.Rows.Count == 0)
                {
                    pages.Text(l["None reported."], pages.Regular(Body));
                }
                foreach (var (label, value) in table.Rows)
                {
                    pages.Row(label, value, pages.Regular(Body));
                }
            }
        }
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>Writes line after line down the page, wrapping at the margin and starting a new page when one is full.</summary>
    private sealed class Pages(PdfDocument document) : IDisposable
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        private readonly Dictionary<(bool, double), XFont> _fonts = [];
        private PdfPage _page = null!;
        private XGraphics? _graphics;
        private double _y;

        public XFont Regular(double size) => Font(false, size);
        public XFont Bold(double size) => Font(true, size);

        private XFont Font(bool bold, double size)
        {
            if (!_fonts.TryGetValue((bold, size), out var font))
            {
                font = _fonts[(bold, size)] = new XFont(OutcomeFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
            }
            return font;
        }

        private XGraphics Graphics => _graphics ?? NewPage();
        private double Width => _page.Width.Point - 2 * Margin;
        private double Bottom => _page.Height.Point - Margin;

        private XGraphics NewPage()
        {
            _graphics?.Dispose();
            _page = document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
            return _graphics;
        }

        /// <param name="keep">Lines that must fit below this text on the same page (a heading stays with what follows).</param>
        public void Text(string text, XFont font, double before = 0, double after = 4, double indent = 0, int keep = 0, string? link = null)
        {
            var graphics = Graphics;
            var height = font.GetHeight() * 1.15;
            var lines = Wrap(graphics, text, font, Width - indent);
            _y += before;
            if (_y + height * (Math.Min(lines.Count, 2) + keep) > Bottom && _y > Margin + before)
            {
                graphics = NewPage();
            }
            foreach (var line in lines)
            {
                if (_y + height > Bottom)
                {
                    graphics = NewPage();
                }
                graphics.DrawString(line, font, XBrushes.Black, new XPoint(Margin + indent, _y), XStringFormats.TopLeft);
                if (link is not null)
                {
                    var width = graphics.MeasureString(line, font).Width;
                    _page.AddWebLink(new PdfRectangle(new XRect(Margin + indent, _page.Height.Point - _y - height, width, height)), link);
                }
                _y += height;
            }
            _y += after;
        }

        /// <summary>A figure: its label wrapped on the left, the value on the right of the first line.</summary>
        public void Row(string label, string value, XFont font)
        {
            var graphics = Graphics;
            var height = font.GetHeight() * 1.15;
            var valueWidth = 110.0;
            var lines = Wrap(graphics, label, font, Width - valueWidth - 10);
            if (_y + height * lines.Count > Bottom)
            {
                graphics = NewPage();
            }
            graphics.DrawString(value, font, XBrushes.Black, new XPoint(Margin + Width, _y), XStringFormats.TopRight);
            foreach (var line in lines)
            {
                graphics.DrawString(line, font, XBrushes.Black, new XPoint(Margin, _y), XStringFormats.TopLeft);
                _y += height;
            }
            _y += 2;
        }

        private static List<string> Wrap(XGraphics graphics, string text, XFont font, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (graphics.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
                line = word;
                // A word longer than the line (an address, say) is cut where it must be.
                while (graphics.MeasureString(line, font).Width > width && line.Length > 1)
                {
                    var fits = line.Length - 1;
                    while (fits > 1 && graphics.MeasureString(line[..fits], font).Width > width)
                    {
                        fits--;
                    }
                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }
            if (line.Length > 0 || lines.Count == 0)
            {
                lines.Add(line);
            }
            return lines;
        }

        public void Dispose() => _graphics?.Dispose();
    }
}

/// <summary>
/// PDFsharp 6 on Linux finds no font by itself: it asks a resolver, set once for the whole process. This one takes a sans
/// family with bold from the system's font folders (Debian's fonts-dejavu-core, which LibreOffice also brings, or Liberation
/// or Noto Sans), and hands PDFsharp the file, which embeds the glyphs used.
/// </summary>
public sealed class OutcomeFonts : IFontResolver
{
    public const string Family = "Plenary Outcome";
    private static readonly string[] Folders = ["/usr/share/fonts", "/usr/local/share/fonts"];
    private static readonly (string Regular, string Bold)[] Candidates =
        [("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"), ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"), ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")];

    private static readonly Lazy<OutcomeFonts?> Instance = new(Find);
    private static readonly Lock Gate = new();
    private static bool _installed;

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private OutcomeFonts(byte[] regular, byte[] bold) => (_regular, _bold) = (regular, bold);

    /// <summary>False when no font was found; PDFs cannot be made then.</summary>
    public static bool Install()
    {
        if (Instance.Value is not { } fonts)
        {
            return false;
        }
        lock (Gate)
        {
            if (!_installed)
            {
                GlobalFontSettings.FontResolver = fonts;
                _installed = true;
            }
        }
        return true;
    }

    private static OutcomeFonts? Find()
    {
        foreach (var (regular, bold) in Candidates)
        {
            foreach (var folder in Folders.Where(Directory.Exists))
            {
                var r = Directory.EnumerateFiles(folder, regular, SearchOption.AllDirectories).FirstOrDefault();
                var b = r is null ? null : Directory.EnumerateFiles(folder, bold, SearchOption.AllDirectories).FirstOrDefault();
                if (r is not null && b is not null)
                {
                    return new OutcomeFonts(File.ReadAllBytes(r), File.ReadAllBytes(b));
                }
            }
        }
        return null;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "outcome-bold" : "outcome-regular", false, italic);

    public byte[]? GetFont(string faceName) => faceName == "outcome-bold" ? _bold : _regular;
}
