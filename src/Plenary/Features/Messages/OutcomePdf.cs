using System.Globalization;
using Microsoft.Extensions.Localization;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Pdf;
using SkiaSharp;

namespace Plenary.Features.Messages;

/// <summary>
/// The outcome document as a PDF, A4, in every script the messages are written in: text shaped by HarfBuzz (Arabic joined,
/// right to left, with Latin words and numbers inside it in their order), Chinese broken between ideographs, each run in a
/// system font that has its glyphs (<see cref="PdfFonts"/>, laid out by <see cref="PdfPages"/>), drawn by Skia's PDF writer with the text behind the glyphs
/// (a ToUnicode map, and the characters themselves where a glyph stands for several or for a contextual form), so that
/// the text can be searched, copied and read aloud. Citations link to the session pages.
/// </summary>
public static class OutcomePdf
{
    private const float Body = 10.5f;

    /// <summary>Null when the machine has no font at all with Latin letters.</summary>
    public static byte[]? Write(Outcome outcome, string site, IStringLocalizer l, SdgCatalogue sdgs, ILogger logger)
    {
        var culture = CultureInfo.CurrentUICulture;
        var fonts = new PdfFonts(culture.Name);
        if (fonts.Main(false) is null || fonts.Main(true) is null)
        {
            return null;
        }
        using var pages = new PdfPages(fonts, culture.TextInfo.IsRightToLeft);
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
}
