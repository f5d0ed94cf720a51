using System.Text;
using Microsoft.Extensions.Localization;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// The one rule for text that is one line by nature: titles, names, organisations, room, type and subtheme names,
/// e-mail addresses, tags, token names, meeting links. The pages, the API and the CSV import all apply it here.
/// A line break, tab or other control character there is never meant: it comes from a paste or a script, breaks
/// e-mail subjects (a title with a line break once stopped every message about its proposal), calendar and CSV
/// lines, and reads as nothing on a page.
/// </summary>
/// <remarks>
/// Text beginning with =, +, - or @ is ordinary text here and everywhere else ("+Connect", "@Youth forum",
/// "- Digital divide" are real titles). It is dangerous only once a spreadsheet opens it as a formula, so the
/// danger is dealt with where spreadsheets come in: every CSV Plenary writes puts an apostrophe before such a cell
/// (<see cref="Features.Manage.CsvFiles.Neutralise"/>) and the import takes that apostrophe off again, so an export
/// re-imports to the same values. Refusing the characters at entry would turn away real titles and protect nothing
/// the exports do not already protect.
/// </remarks>
public static class SingleLine
{
    /// <summary>Control characters (C0, DEL, C1: line feed, carriage return, tab, NEL…) and the Unicode line and paragraph separators.</summary>
    public static bool Breaks(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    public static bool Holds(string? text) => text is null || !text.Any(Breaks);

    public static LocalizedString Problem(IStringLocalizer L) =>
        L["Keep this on one line: remove the line breaks, tabs and other control characters."];

    /// <summary>Adds the problem under each field whose text is not one line (a field that already has a problem keeps it).</summary>
    /// <returns>Whether every text holds.</returns>
    public static bool Check(Dictionary<string, string> errors, IStringLocalizer L, params ReadOnlySpan<(string Field, string? Text)> fields)
    {
        var holds = true;
        foreach (var (field, text) in fields)
        {
            if (!Holds(text))
            {
                errors.TryAdd(field, Problem(L));
                holds = false;
            }
        }
        return holds;
    }

    /// <summary>
    /// The text with every run of control characters and the spaces around it made one space: for an e-mail subject,
    /// which must be one line, made from text stored before the rule (or by a path that forgot it).
    /// </summary>
    public static string Flatten(string text)
    {
        if (Holds(text))
        {
            return text;
        }
        var flat = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (Breaks(c) || char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && flat.Length > 0)
            {
                flat.Append(' ');
            }
            pendingSpace = false;
            flat.Append(c);
        }
        return flat.ToString();
    }
}
