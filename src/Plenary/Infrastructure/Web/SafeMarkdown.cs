using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

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

    /// <summary>
    /// What each text rendered to, by the text itself: the rendering depends on nothing else, so an entry is never out
    /// of date and nothing needs evicting when a session changes (its new text is a new key). A session page rendered
    /// afresh parsed its description, approach, sections, takeaways and report each time, and the description twice
    /// (its page summary): a tenth of the page's CPU. Bounded by the characters held (text and result: about 6 MB for
    /// the HTML, 2 MB for the plain texts at most); the longest texts are rendered each time rather than kept.
    /// </summary>
    private static readonly MemoryCache RenderedHtml = new(new MemoryCacheOptions { SizeLimit = 3_000_000 });

    private static readonly MemoryCache RenderedPlain = new(new MemoryCacheOptions { SizeLimit = 1_000_000 });

    private const int LongestKept = 50_000;

    public static IHtmlContent ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return HtmlString.Empty;
        }
        if (markdown.Length > LongestKept)
        {
            return new HtmlString(Render(markdown));
        }
        if (RenderedHtml.TryGetValue(markdown, out var known) && known is HtmlString kept)
        {
            return kept;
        }
        var html = Render(markdown);
        var content = new HtmlString(html);
        Keep(RenderedHtml, markdown, content, html.Length);
        return content;
    }

    private static void Keep(MemoryCache cache, string markdown, object rendered, int length)
    {
        using var entry = cache.CreateEntry(markdown);
        entry.Value = rendered;
        entry.Size = markdown.Length + length;
    }

    private static string Render(string markdown)
    {
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
        return document.ToHtml(Pipeline);
    }

    /// <summary>Plain text for search, previews and feeds.</summary>
    public static string ToPlainText(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        if (markdown.Length > LongestKept)
        {
            return Markdown.ToPlainText(markdown, Pipeline).Trim();
        }
        if (RenderedPlain.TryGetValue(markdown, out var known) && known is string kept)
        {
            return kept;
        }
        var text = Markdown.ToPlainText(markdown, Pipeline).Trim();
        Keep(RenderedPlain, markdown, text, text.Length);
        return text;
    }

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
