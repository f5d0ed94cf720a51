using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Plenary.Kernel.Caching;

namespace Plenary.Features.Agenda;

/// <summary>
/// The agenda buttons of a long list for one reader: the button's partial is rendered once as "Add" and once as
/// "Remove", then copied for each session. A programme of 300 sessions rendered the partial 300 times per request,
/// which cost a signed-in reader more than the rest of the page. The buttons hold no token (the page's one
/// <see cref="AgendaForm"/> does), so the copies differ only in the session they name.
/// </summary>
public static class AgendaButtons
{
    // No session has this id; the partial writes it in one place only, the button's name and value.
    private const int Sample = -1;
    private const string SampleField = "name=\"session\" value=\"-1\"";

    public static async Task<PersonalPart> ForAsync(IHtmlHelper html, string forum, IReadOnlySet<int> saved)
    {
        var add = await RenderAsync(html, new AgendaButton(forum, Sample, false));
        var remove = await RenderAsync(html, new AgendaButton(forum, Sample, true));
        return (_, session) => Task.FromResult<IHtmlContent>(new HtmlString((saved.Contains(session) ? remove : add)
            .Replace(SampleField, $"name=\"session\" value=\"{session.ToString(CultureInfo.InvariantCulture)}\"", StringComparison.Ordinal)));
    }

    private static async Task<string> RenderAsync(IHtmlHelper html, AgendaButton button)
    {
        using var writer = new StringWriter();
        (await html.PartialAsync("/Features/Agenda/_AgendaButton.cshtml", button)).WriteTo(writer, HtmlEncoder.Default);
        var rendered = writer.ToString();
        return rendered.Contains(SampleField, StringComparison.Ordinal)
            ? rendered
            : throw new InvalidOperationException("The agenda button no longer names its session as " + SampleField + ".");
    }
}
