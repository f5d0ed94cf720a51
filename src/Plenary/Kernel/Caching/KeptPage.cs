using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Plenary.Infrastructure.Web;

namespace Plenary.Kernel.Caching;

/// <summary>
/// A signed-in reader's whole page (layout included) as every signed-in reader of one language sees it, cut where
/// the reader's own parts go: their form token, and a stylesheet of their own in the head. Each piece is kept as UTF-8
/// and as deflate blocks compressed once at the smallest size, so that serving it is copying bytes: no view runs, and
/// nothing of the shared 250 kB is encoded or compressed again for each reader.
/// </summary>
public sealed class KeptPage
{
    internal sealed record Piece(byte[] Text, byte[] Deflated, uint Crc, string? Slot);

    /// <summary>The forum the page is about, so that the reader's own parts can be looked up without loading it.</summary>
    public int ForumId { get; }

    /// <summary>What in the forum the page is about, where it is about one thing (a session page's session id), else 0.</summary>
    public int Subject { get; }

    internal IReadOnlyList<Piece> Pieces { get; }

    internal KeptPage(int forumId, int subject, string html)
    {
        ForumId = forumId;
        Subject = subject;
        var pieces = new List<Piece>();
        foreach (var (text, kind, _) in SharedParts.Cut(html))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            pieces.Add(new Piece(bytes, GzipPieces.Deflate(bytes, CompressionLevel.SmallestSize), GzipPieces.Crc(bytes), null));
            if (kind is not null)
            {
                pieces.Add(new Piece([], [], 0, kind));
            }
        }
        Pieces = pieces;
    }
}

/// <summary>What a kept page's reader-specific slots hold for one request.</summary>
/// <param name="Style">The reader's own stylesheet (their agenda buttons), without its element.</param>
/// <param name="Html">HTML, already encoded, for the page's own slots by kind (<see cref="SharedParts.Slot"/>); a slot
/// with nothing here is left empty, so that what a page forgot to fill is never another reader's.</param>
public sealed record PersonalParts(string? Style, IReadOnlyDictionary<string, string>? Html = null)
{
    /// <summary>The slot that holds the reader's form token, wherever the page had a form.</summary>
    public const string Token = "token";

    /// <summary>The slot in the head for the reader's own stylesheet (<see cref="Style"/>, without its element).</summary>
    public const string Stylesheet = "style";
}

/// <summary>
/// Keeps and serves <see cref="KeptPage"/>s in the output cache's store, under the public cache's tag and the session
/// outputs' (<see cref="SessionOutputsShownAttribute"/>), so that the writes that evict the visitors' pages evict these
/// too, and for no longer than a minute.
/// </summary>
public sealed class KeptPages(IOutputCacheStore store, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    // A reader's form token, made once for their pair of cookies: made afresh, it costs each kept page two
    // data-protection operations (reading the form-token cookie, writing the token), as much as the rest of the page.
    // A token stays valid for as long as both cookies do, so it is the same token either way; the pair is kept by its
    // hash (no cookie is held in memory), and a reader who signs in again or gets a new form-token cookie gets a new one.
    private readonly MemoryCache tokens = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private static readonly MemoryCacheEntryOptions TokenLife = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(20) };

    // The store hands back the very array it keeps: the cut and compressed page lives beside it, as long as it does.
    private readonly ConditionalWeakTable<byte[], KeptPage> read = [];

    /// <summary>A whole page is told apart by the page, the address with its query, and the language.</summary>
    public static string KeyFor(HttpContext context, string page) => "whole\n" + SharedParts.KeyFor(context, page);

    public async Task<KeptPage?> GetAsync(string key, CancellationToken cancel) =>
        await store.GetAsync(key, cancel) is { } bytes ? read.GetValue(bytes, Parse) : null;

    private static KeptPage Parse(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        return new KeptPage(reader.ReadInt32(), reader.ReadInt32(), reader.ReadString());
    }

    /// <summary>Keeps the page rendered for this request, its form token replaced by a slot, and returns it cut.</summary>
    public async Task<KeptPage> KeepAsync(HttpContext context, string key, int forumId, int subject, string html)
    {
        var token = antiforgery.GetAndStoreTokens(context).RequestToken
            ?? throw new InvalidOperationException("No form token was made for this request.");
        html = html.Replace(token, SharedParts.Slot(PersonalParts.Token, 0).ToString(), StringComparison.Ordinal);
        var bytes = new MemoryStream(html.Length + 64);
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(forumId);
            writer.Write(subject);
            writer.Write(html);
        }
        var kept = bytes.ToArray();
        string[] tags = SessionOutputsShownAttribute.TagFor(context) is { } outputs ? [WebSetup.PublicCacheTag, outputs] : [WebSetup.PublicCacheTag];
        await store.SetAsync(key, kept, tags, Lifetime, CancellationToken.None);
        return read.GetValue(kept, Parse);
    }

    /// <summary>The page with this reader's parts, gzip-compressed when the browser takes it (every browser does).</summary>
    public async Task WriteAsync(HttpContext context, KeptPage page, PersonalParts personal)
    {
        var token = TokenFor(context);
        var style = personal.Style is { Length: > 0 } css ? $"<style>{css}</style>" : "";
        if (style.Length > 0)
        {
            SecurityHeaders.AllowInlineStyle(context, personal.Style!);
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        var gzip = AcceptsGzip(context.Request);
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        // The reader's parts, each once, as text and as stored or compressed blocks.
        var tokenText = Encoding.UTF8.GetBytes(token);
        var styleText = Encoding.UTF8.GetBytes(style);
        (byte[] Text, byte[] Blocks, uint Crc) Own(byte[] text) =>
            (text, !gzip ? [] : text.Length > 1024 ? GzipPieces.Deflate(text, CompressionLevel.Fastest) : GzipPieces.Store(text), GzipPieces.Crc(text));
        var own = new Dictionary<string, (byte[] Text, byte[] Blocks, uint Crc)>
        {
            [PersonalParts.Token] = Own(tokenText),
            [PersonalParts.Stylesheet] = Own(styleText),
        };
        foreach (var piece in page.Pieces)
        {
            if (piece.Slot is { } slot && !own.ContainsKey(slot))
            {
                own[slot] = Own(personal.Html?.GetValueOrDefault(slot) is { } html ? Encoding.UTF8.GetBytes(html) : []);
            }
        }

        if (!gzip)
        {
            // Left to the compression middleware, for a browser that takes only Brotli or no compression.
            var writer = response.BodyWriter;
            response.ContentLength = page.Pieces.Sum(p => (long)(p.Slot is null ? p.Text.Length : own[p.Slot].Text.Length));
            foreach (var piece in page.Pieces)
            {
                writer.Write(piece.Slot is null ? piece.Text : own[piece.Slot].Text);
            }
            await writer.FlushAsync(context.RequestAborted);
            return;
        }

        long compressed = GzipPieces.HeaderLength + GzipPieces.TrailerLength, length = 0;
        var crc = 0u;
        foreach (var piece in page.Pieces)
        {
            var (text, blocks, pieceCrc) = piece.Slot is null ? (piece.Text, piece.Deflated, piece.Crc) : own[piece.Slot];
            compressed += blocks.Length;
            crc = GzipPieces.Combine(crc, pieceCrc, text.Length);
            length += text.Length;
        }
        response.ContentLength = compressed;
        // Already compressed: written beneath the compression middleware, which would only copy it through.
        var beneath = context.Features.Get<BodyBeneathCompression>()?.Body ?? context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        // The headers first: what the server is given before them, it copies once more to put it after them.
        await beneath.StartAsync(context.RequestAborted);
        var body = beneath.Writer;
        GzipPieces.WriteHeader(body.GetSpan(GzipPieces.HeaderLength));
        body.Advance(GzipPieces.HeaderLength);
        foreach (var piece in page.Pieces)
        {
            body.Write(piece.Slot is null ? piece.Deflated : own[piece.Slot].Blocks);
        }
        GzipPieces.WriteTrailer(body.GetSpan(GzipPieces.TrailerLength), crc, length);
        body.Advance(GzipPieces.TrailerLength);
        await body.FlushAsync(context.RequestAborted);
    }

    private string TokenFor(HttpContext context)
    {
        var formCookie = antiforgeryOptions.Value.Cookie.Name!;
        if (context.Request.Cookies[formCookie] is not { Length: > 0 } form
            || context.Request.Cookies[WebSetup.SignInCookie] is not { Length: > 0 } signIn)
        {
            return antiforgery.GetAndStoreTokens(context).RequestToken!;
        }
        var pair = HashedKey.Of(form, signIn);
        if (tokens.TryGetValue(pair, out string? kept))
        {
            // What the antiforgery system sets on any response that carries a token.
            context.Response.Headers.CacheControl = "no-cache, no-store";
            context.Response.Headers.Pragma = "no-cache";
            return kept!;
        }
        var made = antiforgery.GetAndStoreTokens(context).RequestToken!;
        // A form-token cookie it could not read was replaced: the token goes with the new cookie, not with this pair.
        if (!context.Response.Headers.SetCookie.Any(c => c is not null && c.StartsWith(formCookie + "=", StringComparison.Ordinal)))
        {
            tokens.Set(pair, made, TokenLife);
        }
        return made;
    }

    private static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.GetTypedHeaders().AcceptEncoding)
        {
            if (value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && value.Quality is not 0)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>
/// On a page model: a page its handler asked to keep whole (<see cref="Keep"/>) is rendered as usual, then kept in
/// <see cref="KeptPages"/> and served from it, so that this reader too gets the page the next readers will be served.
/// A page that is not a 200 is sent as it was rendered.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class KeepWholeAttribute : Attribute, IAsyncResultFilter
{
    private sealed record Request(string Key, int ForumId, int Subject, PersonalParts Personal);

    /// <summary>Asks for this request's page to be kept whole under <paramref name="key"/>.</summary>
    public static void Keep(HttpContext context, string key, int forumId, PersonalParts personal, int subject = 0) =>
        context.Items[typeof(KeepWholeAttribute)] = new Request(key, forumId, subject, personal);

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.Items[typeof(KeepWholeAttribute)] is not Request keep || context.Result is not PageResult)
        {
            await next();
            return;
        }
        var response = http.Response;
        var body = response.Body;
        using var rendered = new MemoryStream();
        response.Body = rendered;
        try
        {
            await next();
        }
        finally
        {
            response.Body = body;
        }
        if (response.StatusCode != StatusCodes.Status200OK)
        {
            rendered.Position = 0;
            await rendered.CopyToAsync(body, http.RequestAborted);
            return;
        }
        var pages = http.RequestServices.GetRequiredService<KeptPages>();
        var kept = await pages.KeepAsync(http, keep.Key, keep.ForumId, keep.Subject, Encoding.UTF8.GetString(rendered.GetBuffer(), 0, (int)rendered.Length));
        await pages.WriteAsync(http, kept, keep.Personal);
    }
}

/// <summary>A kept page served to this reader, with their parts in its slots.</summary>
public sealed class KeptPageResult(KeptPage page, PersonalParts personal) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<KeptPages>().WriteAsync(context.HttpContext, page, personal);
}
