using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Localization;
using Plenary.Features.Sdgs;
using Plenary.Features.Statistics;
using Plenary.Infrastructure.Localization;

namespace Plenary.Features.Messages;

/// <summary>A heading and its lines of label and figure, the same in the web page, the DOCX file and the PDF.</summary>
public sealed record FigureTable(string Heading, IReadOnlyList<(string Label, string Value)> Rows);

/// <summary>A block of a message's Markdown flattened for the files: a paragraph, a list item or a heading, as plain text.</summary>
public sealed record TextBlock(TextBlockKind Kind, string Text, int Number = 0);

public enum TextBlockKind
{
    Paragraph,
    Heading,
    Bullet,
    Numbered,
}

/// <summary>The words of the outcome document that are not the messages themselves, in the reader's language.</summary>
public static class OutcomeText
{
    public static string Heading(Outcome outcome, IStringLocalizer l) => l["{0}: messages", outcome.Forum.Name];

    public static string Citation(CitedSession c) => $"{c.NumberedName} {c.Title}";

    public static IReadOnlyList<FigureTable> Figures(OutcomeFigures f, IStringLocalizer l, SdgCatalogue sdgs)
    {
        var culture = CultureInfo.CurrentCulture;
        string N(int n) => n.ToString("N0", culture);
        string Of(int n, int total) => total == 0 ? N(n) : $"{N(n)} ({((double)n / total).ToString("P0", culture)})";
        var language = CultureInfo.CurrentUICulture.Name;
        string Share(int? n) => n is { } count ? Of(count, f.Speakers) : l["fewer than 5"];
        string Participants(int sum, int reporting) => reporting == 0 ? l["not reported"] : N(sum);
        return
        [
            new(l["Sessions and participants"],
            [
                (l["Sessions held"], N(f.SessionsHeld)),
                (l["Participants onsite, in the {0} of {1} session reports that give a number", f.OnsiteReporting, f.SessionReports], Participants(f.OnsiteParticipants, f.OnsiteReporting)),
                (l["Participants online, in the {0} of {1} session reports that give a number", f.OnlineReporting, f.SessionReports], Participants(f.OnlineParticipants, f.OnlineReporting)),
                (l["Registered participants checked in at the venue"], N(f.CheckedIn)),
                (l["Registered to take part online"], N(f.RegisteredOnline)),
                (l["Following from remote hubs (stated headcounts)"], N(f.RemoteHubParticipants)),
                (l["Women and gender-diverse participants, from {0} gender reports", f.GenderReports],
                    f.WomenPercent is { } women ? (women / 100.0).ToString("P0", culture) : l["not reported"]),
            ]),
            new(l["Speakers by stakeholder group ({0} speakers)", N(f.Speakers)],
                f.SpeakersByStakeholder.Select(s => (FigureLabels.Group(s.Key, l), Share(s.Values[0]))).ToList()),
            new(l["Speakers by regional group"],
                f.SpeakersByRegion.Select(s => (FigureLabels.Group(s.Key, l), Share(s.Values[0]))).ToList()),
            new(l["SDGs covered: {0} of 17", f.Sdgs.Count],
                f.Sdgs.Select(s => ($"{s.Group}. {sdgs.FindGoal(s.Group)?.ShortName(language)}", l.SessionCount(s.Count, N(s.Count)).Value)).ToList()),
        ];
    }

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseEmphasisExtras().UseListExtras().Build();

    /// <summary>
    /// The message's Markdown as blocks of plain text: emphasis is dropped, a link keeps its text and its address, and raw
    /// HTML stays as the characters typed, as on the web page.
    /// </summary>
    public static IReadOnlyList<TextBlock> Blocks(string markdown)
    {
        var blocks = new List<TextBlock>();
        Walk(Markdown.Parse(markdown, Pipeline), blocks);
        return blocks;
    }

    private static void Walk(ContainerBlock container, List<TextBlock> blocks)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    blocks.Add(new TextBlock(TextBlockKind.Heading, Inline(heading.Inline)));
                    break;
                case ParagraphBlock paragraph:
                    blocks.Add(new TextBlock(TextBlockKind.Paragraph, Inline(paragraph.Inline)));
                    break;
                case ListBlock list:
                    var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var text = string.Join(" ", item.OfType<LeafBlock>().Select(b => b.Inline is null ? Lines(b) : Inline(b.Inline)));
                        blocks.Add(new TextBlock(list.IsOrdered ? TextBlockKind.Numbered : TextBlockKind.Bullet, text, number++));
                        foreach (var nested in item.OfType<ContainerBlock>())
                        {
                            Walk(nested, blocks);
                        }
                    }
                    break;
                case ContainerBlock inner:
                    Walk(inner, blocks);
                    break;
                case LeafBlock leaf:
                    var lines = leaf.Inline is null ? Lines(leaf) : Inline(leaf.Inline);
                    if (lines.Length > 0)
                    {
                        blocks.Add(new TextBlock(TextBlockKind.Paragraph, lines));
                    }
                    break;
            }
        }
    }

    private static string Lines(LeafBlock leaf) => leaf.Lines.ToString().Trim();

    private static string Inline(ContainerInline? inline)
    {
        var text = new StringBuilder();
        void Add(Inline node)
        {
            switch (node)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case HtmlInline html:
                    text.Append(html.Tag);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case AutolinkInline auto:
                    text.Append(auto.Url);
                    break;
                case LinkInline link:
                    foreach (var child in link)
                    {
                        Add(child);
                    }
                    if (!link.IsImage && !string.IsNullOrEmpty(link.Url))
                    {
                        text.Append(" (").Append(link.Url).Append(')');
                    }
                    break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        Add(child);
                    }
                    break;
            }
        }
        if (inline is not null)
        {
            foreach (var node in inline)
            {
                Add(node);
            }
        }
        return text.ToString().Trim();
    }
}
