using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// Compresses a response the output cache keeps at the thorough level (it is compressed once and served thousands of
/// times), and one made for a single reader at the fastest: a signed-in programme of 300 sessions (360 kB) spent a
/// fifth of its CPU time in Brotli at the thorough level, for a page no one else is sent.
/// </summary>
public sealed class KeptOrFreshCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    private static readonly ICompressionProvider FastBrotli =
        new BrotliCompressionProvider(Options.Create(new BrotliCompressionProviderOptions { Level = CompressionLevel.Fastest }));
    private static readonly ICompressionProvider FastGzip =
        new GzipCompressionProvider(Options.Create(new GzipCompressionProviderOptions { Level = CompressionLevel.Fastest }));

    public override ICompressionProvider? GetCompressionProvider(HttpContext context)
    {
        var chosen = base.GetCompressionProvider(context);
        if (chosen is null || context.Features.Get<IOutputCacheFeature>()?.Context is { EnableOutputCaching: true, AllowCacheStorage: true })
        {
            return chosen;
        }
        return chosen.EncodingName switch
        {
            "br" => FastBrotli,
            "gzip" => FastGzip,
            _ => chosen,
        };
    }
}

/// <summary>
/// The response body as the compression middleware found it, for a response that comes already compressed (a kept
/// page's gzip pieces, <see cref="Kernel.Caching.KeptPages"/>): the middleware would not compress it again, but still
/// copied every byte through its own stream and pipe, a sixth of a signed-in programme request's CPU. Beneath it is
/// what the middleware itself writes to (the output cache's capture, where there is one, else the server's body).
/// </summary>
public sealed class BodyBeneathCompression(IHttpResponseBodyFeature body)
{
    public IHttpResponseBodyFeature Body => body;

    /// <summary>Notes the body before <c>UseResponseCompression</c> puts its own around it.</summary>
    public static IApplicationBuilder UseBeforeCompression(IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Features.Set(new BodyBeneathCompression(context.Features.GetRequiredFeature<IHttpResponseBodyFeature>()));
        return next(context);
    });
}
