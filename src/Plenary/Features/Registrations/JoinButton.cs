using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Registrations;

/// <summary>
/// The way in online as a reader who may see it is shown it: the Join button with the passcode, or when it opens. Made
/// here rather than in a view so that the session page kept whole (<see cref="Kernel.Caching.KeptPages"/>) can put it
/// in its slot for each reader without running a view, and the pages that render it (session page, agenda) show the same.
/// </summary>
public static class JoinButton
{
    public static IHtmlContent For(JoinLinkChange.Join join, string forumSlug, string sessionKey, ForumClock clock, IStringLocalizer L)
    {
        var html = new HtmlContentBuilder();
        html.AppendHtml("<div class=\"join\">\n");
        if (join.IsOpen)
        {
            html.AppendHtml("<p><a class=\"button\" href=\"").Append(SessionLinks.Join(forumSlug, sessionKey)).AppendHtml("\" rel=\"noopener noreferrer\">")
                .Append(L["Join online"]).AppendHtml("</a>");
            if (join.Passcode is { Length: > 0 } passcode)
            {
                html.Append(" · ").Append(L["Passcode: {0}", passcode]);
            }
            html.AppendHtml("</p>\n");
        }
        else
        {
            html.AppendHtml("<p>").Append(L["The way in online opens at {0} ({1}), 15 minutes before the start.", clock.Time(join.OpensAt), clock.ZoneName(join.OpensAt)])
                .AppendHtml("</p>\n");
        }
        return html.AppendHtml("</div>\n");
    }

    /// <summary>The same, as the text of a kept page's slot.</summary>
    public static string Text(JoinLinkChange.Join join, string forumSlug, string sessionKey, ForumClock clock, IStringLocalizer L, HtmlEncoder encoder)
    {
        using var text = new StringWriter();
        For(join, forumSlug, sessionKey, clock, L).WriteTo(text, encoder);
        return text.ToString();
    }
}
