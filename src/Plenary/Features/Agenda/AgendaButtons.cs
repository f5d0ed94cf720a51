using System.Globalization;
using System.Text;

namespace Plenary.Features.Agenda;

/// <summary>
/// A long list's agenda buttons for signed-in readers: each session has both of its buttons ("Add" and "Remove") in
/// the page every reader shares, the stylesheet hides "Remove" in a pair, and a reader's own few rules turn the pair
/// round for the sessions in their agenda. The page is then the same bytes for every reader but for those rules and
/// their form token, so it is kept whole and compressed once (<see cref="Kernel.Caching.KeptPages"/>); a programme
/// of 300 sessions used to be rendered, encoded and compressed again for each request.
/// </summary>
public static class AgendaButtons
{
    /// <summary>The rules that show "Remove" instead of "Add" for the <paramref name="saved"/> sessions; null when none is.</summary>
    public static string? StyleFor(IReadOnlyCollection<int> saved)
    {
        if (saved.Count == 0)
        {
            return null;
        }
        var ordered = saved.Order().ToList();
        var css = new StringBuilder(ordered.Count * 90);
        Rules(css, ordered, "agenda-add", "none");
        Rules(css, ordered, "agenda-remove", "inline-block");
        return css.ToString();
    }

    // Class and attribute together outrank the stylesheet's ".agenda-pair .agenda-remove" by specificity, whatever the order.
    private static void Rules(StringBuilder css, List<int> sessions, string button, string display)
    {
        for (var i = 0; i < sessions.Count; i++)
        {
            css.Append(i == 0 ? "" : ",").Append(".agenda-pair .").Append(button).Append("[value=\"")
                .Append(sessions[i].ToString(CultureInfo.InvariantCulture)).Append("\"]");
        }
        css.Append("{display:").Append(display).Append('}');
    }
}
