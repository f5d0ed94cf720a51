using System.Globalization;

namespace Plenary.Infrastructure.Web.Charts;

/// <summary>One bar: what it stands for, its figure, and where its figure comes from (a link to the list it counts).</summary>
/// <param name="ValueText">The figure as the reader writes numbers; by default the value in the current culture.</param>
/// <param name="Withheld">The exact figure is withheld (a group of fewer than 5 people): the row is drawn with its
/// <paramref name="ValueText"/> and no bar, since any length would give away the number or pretend to know it.</param>
public sealed record BarChartRow(string Label, double Value, string? Link = null, string? ValueText = null, bool Withheld = false);

/// <summary>A bar of the chart with its place: the row it draws and its length as a share of the chart's width.</summary>
public sealed record Bar(BarChartRow Row, string Label, string ValueText, double Percent, int LabelY, int BarY, int ValueY);

/// <summary>
/// A horizontal bar chart drawn on the server (<c>Features/Shared/_BarChart.cshtml</c> draws it as SVG with its figures as a
/// table; Razor escapes every text). Each row is two lines, its label above its bar and the figure at the bar's end, so
/// labels of any length and script fit a phone's width without measuring text; lengths are percentages of the width and
/// the text keeps the page's size at any width. One dark colour on white: bars read the same to colour-blind readers and
/// in black-and-white print, and the figure is written beside each bar anyway.
/// </summary>
public sealed class BarChart
{
    /// <summary>The longest bar's share of the width, the rest is room for its figure.</summary>
    public const double LongestBar = 78;
    public const int RowHeight = 46;
    public const int BarHeight = 16;

    /// <summary>Labels are cut in the drawing (never in the table, which has them whole) so that one line holds them on a phone.</summary>
    public const int MaxDrawnLabel = 42;

    public BarChart(string id, string title, string labelHeading, string valueHeading, IEnumerable<BarChartRow> rows)
    {
        Id = id;
        Title = title;
        LabelHeading = labelHeading;
        ValueHeading = valueHeading;
        Rows = [.. rows];
        var largest = Rows.Where(r => !r.Withheld).Select(r => r.Value).DefaultIfEmpty(0).Max();
        Bars = [.. Rows.Select((row, i) =>
        {
            var top = i * RowHeight;
            // A bar of 0 stays a hairline, so the row still shows where it would grow from.
            var percent = largest <= 0 || row.Withheld ? 0 : Math.Round(Math.Max(0, row.Value) / largest * LongestBar, 2);
            var label = row.Label.Length > MaxDrawnLabel ? row.Label[..(MaxDrawnLabel - 1)].TrimEnd() + "…" : row.Label;
            return new Bar(row, label, row.ValueText ?? row.Value.ToString("N0", CultureInfo.CurrentCulture), percent, top + 16, top + 22, top + 35);
        })];
    }

    /// <summary>Unique on the page: the drawing's title and description are named by it.</summary>
    public string Id { get; }
    public string Title { get; }
    public string LabelHeading { get; }
    public string ValueHeading { get; }
    public IReadOnlyList<BarChartRow> Rows { get; }
    public IReadOnlyList<Bar> Bars { get; }
    public int Height => Math.Max(1, Bars.Count) * RowHeight;

    /// <summary>Whether the table of figures is shown unfolded (it holds the links, which an image cannot).</summary>
    public bool FiguresOpen { get; init; }

    /// <summary>
    /// The id of a table already on the page that holds these figures (and more): the drawing is described by it and draws
    /// no table of its own, so a screen reader does not hear the same figures twice.
    /// </summary>
    public string? FiguresId { get; init; }

    /// <summary>Said under the drawing when a row's figure is withheld: why that row has no bar.</summary>
    public string? WithheldNote { get; init; }

    public bool AnyWithheld => Rows.Any(r => r.Withheld);

    /// <summary>The figures in one sentence, for the drawing's description: what a screen reader says after its title.</summary>
    public string Summary(string separator) => string.Join(separator, Rows.Select(r => $"{r.Label}: {r.ValueText ?? r.Value.ToString("N0", CultureInfo.CurrentCulture)}"));

    /// <summary>An x position: from the start edge in left-to-right text, from the other edge in right-to-left text.</summary>
    public static string X(double percent, bool rtl) => (rtl ? 100 - percent : percent).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Percent(double percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
