using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Plenary.Tests.Features.Agenda;

/// <summary>
/// The agenda button a signed-in reader is shown for a session: a page rendered for them alone has one; a page kept
/// whole for every signed-in reader (programme, session page) has both in a pair, and the reader's own stylesheet in the
/// head shows "Remove" instead of "Add" for the sessions they saved (checked in a browser by ProgrammeInBrowserTests).
/// </summary>
public static class ShownAgendaButton
{
    public static IElement Of(IHtmlDocument page, int sessionId)
    {
        var value = sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var buttons = page.QuerySelectorAll("button.agenda-button").Where(b => b.GetAttribute("value") == value).ToList();
        if (buttons.Count == 1)
        {
            return buttons[0];
        }
        buttons.Count.ShouldBe(2);
        buttons.ShouldAllBe(b => b.ParentElement!.ClassList.Contains("agenda-pair"));
        return buttons.Single(b => b.ClassList.Contains(SavedIn(page).Contains(sessionId) ? "agenda-remove" : "agenda-add"));
    }

    /// <summary>The sessions the reader's own stylesheet turns to "Remove".</summary>
    public static HashSet<int> SavedIn(IHtmlDocument page) =>
        page.Head!.QuerySelectorAll("style").SelectMany(s => System.Text.RegularExpressions.Regex.Matches(s.TextContent,
            @"\.agenda-remove\[value=""(\d+)""\]")).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
}
