using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Localization;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;

namespace Plenary.Features.Messages;

/// <summary>
/// The outcome document as a Word file, written with the Open XML SDK: real headings (so the file has an outline and reads
/// well with a screen reader), citations as links to the session pages, the figures as tables. Paragraphs whose text starts
/// in a right-to-left script are marked right-to-left.
/// </summary>
public static class OutcomeDocx
{
    public static byte[] Write(Outcome outcome, string site, IStringLocalizer l, SdgCatalogue sdgs)
    {
        using var stream = new MemoryStream();
        using (var file = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = file.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(System.Globalization.CultureInfo.CurrentUICulture.Name);
            var body = new Body();
            body.Append(Para("Title", OutcomeText.Heading(outcome, l)));
            body.Append(Para(null, outcome.Forum.Theme));
            if (outcome.PublishedAt is null)
            {
                body.Append(Para(null, l["Draft: not published yet."]));
            }
            foreach (var section in outcome.Sections)
            {
                body.Append(Para("Heading1", section.Subtheme?.Name ?? l["Other messages"]));
                foreach (var message in section.Messages)
                {
                    body.Append(Para("Heading2", message.Title));
                    foreach (var block in OutcomeText.Blocks(message.Body))
                    {
                        body.Append(block.Kind switch
                        {
                            TextBlockKind.Heading => Para("Heading3", block.Text),
                            TextBlockKind.Bullet => Para("ListParagraph", "• " + block.Text),
                            TextBlockKind.Numbered => Para("ListParagraph", $"{block.Number}. {block.Text}"),
                            _ => Para(null, block.Text),
                        });
                    }
                    var cites = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Citations" }), new Run(new Text(l["Draws on:"] + " ") { Space = SpaceProcessingModeValues.Preserve }));
                    for (var i = 0; i < message.Citations.Count; i++)
                    {
                        var c = message.Citations[i];
                        if (i > 0)
                        {
                            cites.Append(new Run(new Text(", ") { Space = SpaceProcessingModeValues.Preserve }));
                        }
                        var link = main.AddHyperlinkRelationship(new Uri(site + SessionLinks.Page(outcome.Forum.Slug, c.Key)), true);
                        cites.Append(new Hyperlink(TextRun(OutcomeText.Citation(c), "Hyperlink")) { Id = link.Id });
                    }
                    body.Append(cites);
                }
            }
            if (outcome.Sections.Count == 0)
            {
                body.Append(Para(null, l["No message is published yet."]));
            }
            body.Append(Para("Heading1", l["The forum in figures"]));
            foreach (var table in OutcomeText.Figures(outcome.Figures, l, sdgs))
            {
                body.Append(Para("Heading2", table.Heading));
                if (table.Rows.Count == 0)
                {
                    body.Append(Para(null, l["None reported."]));
                    continue;
                }
                body.Append(Table(table.Rows));
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Right = 1134U, Bottom = 1134, Left = 1134U, Header = 708U, Footer = 708U, Gutter = 0U }));
            main.Document = new Document(body);
            file.PackageProperties.Title = OutcomeText.Heading(outcome, l);
            file.PackageProperties.Creator = outcome.Forum.Name;
            file.PackageProperties.Language = System.Globalization.CultureInfo.CurrentUICulture.Name;
        }
        return stream.ToArray();
    }

    private static Paragraph Para(string? style, string text)
    {
        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.Append(new ParagraphStyleId { Val = style });
        }
        if (RightToLeft(text))
        {
            properties.Append(new BiDi());
        }
        return new Paragraph(properties, TextRun(text, null));
    }

    private static Run TextRun(string text, string? style)
    {
        var properties = new RunProperties();
        if (style is not null)
        {
            properties.Append(new RunStyle { Val = style });
        }
        if (RightToLeft(text))
        {
            properties.Append(new RightToLeftText());
        }
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>True when the first letter with a direction is Hebrew, Arabic, Syriac, Thaana or N'Ko, as the browser's dir="auto" decides.</summary>
    internal static bool RightToLeft(string text)
    {
        foreach (var ch in text)
        {
            if (ch is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF')
            {
                return true;
            }
            if (char.IsLetter(ch))
            {
                return false;
            }
        }
        return false;
    }

    private static Table Table(IReadOnlyList<(string Label, string Value)> rows)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4U },
                    new BottomBorder { Val = BorderValues.Single, Size = 4U },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U })),
            new TableGrid(new GridColumn { Width = "7000" }, new GridColumn { Width = "2600" }));
        foreach (var (label, value) in rows)
        {
            table.Append(new TableRow(Cell(label, 7000), Cell(value, 2600)));
        }
        return table;
    }

    private static TableCell Cell(string text, int width) =>
        new(new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }), Para(null, text));

    private static Styles Styles(string language)
    {
        static Style Paragraph(string id, string name, int halfPoints, bool bold, bool heading, int? outline = null)
        {
            var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
            style.Append(new StyleName { Val = name });
            if (id != "Normal")
            {
                style.Append(new BasedOn { Val = "Normal" });
                style.Append(new NextParagraphStyle { Val = "Normal" });
            }
            style.Append(new PrimaryStyle());
            var paragraph = new StyleParagraphProperties();
            if (heading)
            {
                paragraph.Append(new KeepNext());
            }
            paragraph.Append(new SpacingBetweenLines { Before = heading ? "240" : "0", After = "120" });
            if (id == "ListParagraph")
            {
                paragraph.Append(new Indentation { Left = "720", Hanging = "360" });
            }
            if (outline is { } level)
            {
                paragraph.Append(new OutlineLevel { Val = level });
            }
            style.Append(paragraph);
            var run = new StyleRunProperties();
            if (bold)
            {
                run.Append(new Bold());
            }
            run.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            style.Append(run);
            return style;
        }
        var normal = Paragraph("Normal", "Normal", 22, false, false);
        normal.Default = true;
        var hyperlink = new Style(new StyleName { Val = "Hyperlink" }, new StyleRunProperties(new Color { Val = "0B57D0" }, new Underline { Val = UnderlineValues.Single }))
        {
            Type = StyleValues.Character, StyleId = "Hyperlink",
        };
        return new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "DejaVu Sans", HighAnsi = "DejaVu Sans", ComplexScript = "DejaVu Sans", EastAsia = "DejaVu Sans" },
                new FontSize { Val = "22" }, new FontSizeComplexScript { Val = "22" },
                new Languages { Val = language }))),
            normal,
            Paragraph("Title", "Title", 40, true, true),
            Paragraph("Heading1", "heading 1", 32, true, true, 0),
            Paragraph("Heading2", "heading 2", 26, true, true, 1),
            Paragraph("Heading3", "heading 3", 23, true, true, 2),
            Paragraph("ListParagraph", "List Paragraph", 22, false, false),
            Paragraph("Citations", "Citations", 20, false, false),
            hyperlink);
    }
}
