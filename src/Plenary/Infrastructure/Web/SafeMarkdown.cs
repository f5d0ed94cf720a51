using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// Renders what people type as Markdown. Raw HTML is never passed through (it is shown as text), and links or
/// images with a scheme other than http, https or mailto lose their target, so nobody can plant script. Each block
/// takes its direction from its own text (dir="auto"), so an English paragraph on an Arabic page, or an Arabic one on
/// an English page, reads and aligns as written.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .UsePipeTables()
        .Build();

    public static IHtmlContent ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return HtmlString.Empty;
        }
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var block in document.Descendants<Block>().Where(b => b is HeadingBlock or ListItemBlock || b is ParagraphBlock { Parent: not ListItemBlock }))
        {
            block.GetAttributes().AddPropertyIfNotExist("dir", "auto");
        }
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
            if (!link.IsImage)
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener");
            }
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!autolink.IsEmail && !IsSafeUrl(autolink.Url))
            {
                autolink.Url = "#";
            }
        }
        return new HtmlString(document.ToHtml(Pipeline));
    }

    /// <summary>Plain text for search, previews and feeds.</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, Pipeline).Trim();

    internal static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }
        var trimmed = url.Trim();
        if (trimmed.StartsWith('/') || trimmed.StartsWith('#') || trimmed.StartsWith('?'))
        {
            return !trimmed.StartsWith("//", StringComparison.Ordinal);
        }
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto);
    }
}
