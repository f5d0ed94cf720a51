using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Web;

namespace Plenary.Kernel.Caching;

/// <summary>A kept shared part: its HTML, and the page title and description it set for the layout.</summary>
public sealed record SharedPart(string? Title, string? Description, string Html)
{
    /// <summary>The HTML cut at its slots, once: the pieces are written as they are for each request, so a large page
    /// (300 sessions, 360 kB) is not copied into new large strings each time, which the large object heap makes dear.</summary>
    internal IReadOnlyList<(string Html, string? Kind, int Argument)> Pieces { get; } = SharedParts.Cut(Html);
}

/// <summary>What a page renders into one personal slot of its shared part.</summary>
public delegate Task<IHtmlContent> PersonalPart(string kind, int argument);

/// <summary>
/// The part of a signed-in reader's page that is the same for every reader of one language: rendered once, then
/// served from the output cache's store, where <see cref="PublicCache"/> evicts it on the same writes as the
/// anonymous pages. What belongs to one person (an agenda button, which carries their form token and their choice) is
/// never rendered into it: the shared part holds a slot, filled for each request by the page.
/// </summary>
public sealed class SharedParts(IOutputCacheStore store)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    // A slot is an HTML comment with a secret of this process: reader text is HTML-encoded, so it cannot write a
    // comment, and even text that could would not know the secret, so no one can make a slot that is not the page's.
    private static readonly string Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private static readonly string Opening = $"<!--personal:{Secret}:";
    private const string Closing = "-->";

    /// <summary>The slot written into the shared part where one person's <paramref name="kind"/> for <paramref name="argument"/> goes.</summary>
    public static IHtmlContent Slot(string kind, int argument) =>
        new HtmlString(string.Concat(Opening, kind, ":", argument.ToString(CultureInfo.InvariantCulture), Closing));

    /// <summary>A page's shared part is told apart by the page, the address with its query, and the language.</summary>
    public static string KeyFor(HttpContext context, string page) => string.Join('\n', "shared", page,
        context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? CultureInfo.CurrentUICulture.Name,
        context.Request.Path.Value, context.Request.QueryString.Value);

    // The store hands back the very array it keeps, so the part read from it is kept beside it for as long as it lives.
    private readonly ConditionalWeakTable<byte[], SharedPart> read = [];

    public async Task<SharedPart?> GetAsync(string key, CancellationToken cancel)
    {
        if (await store.GetAsync(key, cancel) is not { } bytes)
        {
            return null;
        }
        return read.GetValue(bytes, static bytes =>
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            return new SharedPart(reader.ReadBoolean() ? reader.ReadString() : null, reader.ReadBoolean() ? reader.ReadString() : null, reader.ReadString());
        });
    }

    public ValueTask SetAsync(string key, SharedPart part)
    {
        var bytes = new MemoryStream(part.Html.Length + 256);
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var text in new[] { part.Title, part.Description })
            {
                writer.Write(text is not null);
                if (text is not null)
                {
                    writer.Write(text);
                }
            }
            writer.Write(part.Html);
        }
        return store.SetAsync(key, bytes.ToArray(), [WebSetup.PublicCacheTag], Lifetime, CancellationToken.None);
    }

    internal static List<(string Html, string? Kind, int Argument)> Cut(string shared)
    {
        var pieces = new List<(string, string?, int)>();
        var from = 0;
        while (shared.IndexOf(Opening, from, StringComparison.Ordinal) is var start and >= 0)
        {
            var end = shared.IndexOf(Closing, start + Opening.Length, StringComparison.Ordinal);
            var slot = shared.AsSpan(start + Opening.Length, end - start - Opening.Length);
            var colon = slot.LastIndexOf(':');
            pieces.Add((shared[from..start], slot[..colon].ToString(), int.Parse(slot[(colon + 1)..], CultureInfo.InvariantCulture)));
            from = end + Closing.Length;
        }
        pieces.Add((shared[from..], null, 0));
        return pieces;
    }

    /// <summary>The shared part with each slot replaced by what <paramref name="personal"/> renders for it.</summary>
    public static async Task WriteAsync(SharedPart shared, PersonalPart personal, TagHelperContent output)
    {
        foreach (var (html, kind, argument) in shared.Pieces)
        {
            output.AppendHtml(html);
            if (kind is not null)
            {
                output.AppendHtml(await personal(kind, argument));
            }
        }
    }
}

/// <summary>
/// <c>&lt;shared-part page="programme" cached="…" personal="…"&gt;</c>: the page's content for every reader, taken from
/// <see cref="SharedParts"/> when the page model found it there (and then the content, and the queries it needs,
/// never run), else rendered and kept; the slots in it are filled by <c>personal</c>. Without <c>personal</c>
/// (visitors, whose whole page the output cache keeps) it is plain content.
/// </summary>
[HtmlTargetElement("shared-part")]
public sealed class SharedPartTagHelper(SharedParts parts) : TagHelper
{
    public string Page { get; set; } = "";

    /// <summary>The shared part the page model found in the cache, or null to render it now.</summary>
    public SharedPart? Cached { get; set; }

    public PersonalPart? Personal { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        if (Personal is null)
        {
            return;
        }
        var data = ViewContext.ViewData;
        var shared = Cached;
        if (shared is null)
        {
            var html = (await output.GetChildContentAsync()).GetContent();
            shared = new SharedPart(data[LayoutData.Title] as string, data[LayoutData.Description] as string, html);
            // A refused filter or a missing forum is explained on the page itself, for that request alone.
            if (ViewContext.HttpContext.Response.StatusCode == StatusCodes.Status200OK)
            {
                await parts.SetAsync(SharedParts.KeyFor(ViewContext.HttpContext, Page), shared);
            }
        }
        else
        {
            // What the content would have told the layout, had it run.
            (data[LayoutData.Title], data[LayoutData.Description]) = (shared.Title, shared.Description);
        }
        output.Content.Clear();
        await SharedParts.WriteAsync(shared, Personal, output.Content);
    }
}
