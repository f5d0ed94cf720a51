using System.IO.Compression;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.ResponseCompression;

namespace Plenary.Infrastructure.Web;

public static class WebSetup
{
    /// <summary>Every cached public page and API answer carries this tag; a change to published data evicts it.</summary>
    public const string PublicCacheTag = "public";

    /// <summary>The sign-in cookie. A request carrying it is never answered from, nor stored in, the shared cache.</summary>
    public const string SignInCookie = "plenary";

    /// <summary>Pages and API share one set of cross-cutting services: errors, caching, compression, OpenAPI.</summary>
    /// <summary>
    /// The published wwwroot beside the app's assembly when the app is started from another folder
    /// (`dotnet /srv/plenary/Plenary.dll`). Without it the content root's missing wwwroot makes every CSS and JS
    /// answer an empty 200. Null, so the default applies, when the working folder has its own wwwroot or the app
    /// is not published (dotnet run, the tests).
    /// </summary>
    public static string? PublishedWebRoot()
    {
        if (Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "wwwroot")))
        {
            return null;
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(beside) ? beside : null;
    }

    public static WebApplicationBuilder AddPlenaryWeb(this WebApplicationBuilder builder)
    {
        // Razor's encoder writes every character outside Basic Latin as an entity by default: an Arabic, Chinese or
        // Russian page grew by up to half (the Arabic programme 126 KB where its text needs about 87). Only what HTML needs escaping
        // is escaped (<, >, &, quotes); the text goes out as UTF-8. Even allowed every range, the framework's encoder keeps
        // escaping no-break spaces, bidi marks and characters beyond the BMP, hence an encoder of our own (tag helpers
        // and @-expressions alike take it from the services).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddSingleton<System.Text.Encodings.Web.HtmlEncoder>(PageTextEncoder.Instance);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Let over-long query strings reach the app, which answers them with a readable 400 instead of
            // Kestrel's bare 414.
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 96 * 1024;
            kestrel.AddServerHeader = false;
        });

        // Outside Development an unpublished build (dotnet run -e ASPNETCORE_ENVIRONMENT=Production, the tests) would
        // otherwise serve empty pre-compressed CSS and JS: their files live in obj/, found only through this manifest.
        // Published output has no such manifest, and there this does nothing.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRazorPages(options => options.RootDirectory = "/Features")
            .AddPageMethods()
            .AddViewLocalization();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Failures.Describe);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                // The server the document names would otherwise be the request's Host, and the document is cached: a
                // client generated from one fetched with a forged Host would call the forger's server.
                document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = context.ApplicationServices.GetRequiredService<PublicOrigin>().Value + "/" }];
                document.Info.Title = "Plenary API";
                document.Info.Description = "Forums, sessions, people, rooms and the Sustainable Development Goals. Reading the public record is open to all; "
                    + "changing it, and reading one's own or the Secretariat's data, needs a personal API token (made at /account/api-tokens) "
                    + "sent as Authorization: Bearer. Each operation that needs one says so (security scheme `bearer`), with its 401 and 403 answers.";
                return Task.CompletedTask;
            });
            options.AddApiTokenSecurity();
        });

        builder.Services.AddOutputCache(options =>
        {
            // Public pages are the same for every anonymous reader of one language, so they are rendered once
            // and served from memory. Compressed bytes are cached (compression runs inside the cache), hence
            // the vary by Accept-Encoding.
            options.AddBasePolicy(policy => policy
                .Expire(TimeSpan.FromSeconds(60))
                .Tag(PublicCacheTag)
                // Account pages carry per-person form tokens and must never be served from a shared cache.
                .With(context => !context.HttpContext.Request.Path.StartsWithSegments("/account"))
                // The cache answers before authentication runs (anonymous readers, nearly all traffic, then cost
                // no cookie handling at all), so "signed in" is told by the cookie's presence.
                .With(context => !context.HttpContext.Request.Cookies.ContainsKey(SignInCookie))
                // Nor is an API call made with a token: what it may read depends on whose token it is.
                .With(context => !context.HttpContext.Request.Headers.ContainsKey("Authorization"))
                .SetVaryByHeader("Accept-Encoding")
                .VaryByValue(context => new KeyValuePair<string, string>(
                    "culture", context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? "")));
            options.AddBasePolicy(new Kernel.Caching.RegistrationFiguresPolicy());
            options.AddBasePolicy(new Kernel.Caching.SessionOutputsPolicy());
        });
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            // Feeds are polled over and over by readers and calendar apps: a reports page of 50 entries shrinks about fivefold.
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "application/atom+xml", "text/calendar"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.Services.AddSingleton<IResponseCompressionProvider, KeptOrFreshCompression>();
        return builder;
    }

    public static WebApplication UsePlenaryWeb(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(Failures.Handling());
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler(Failures.Handling("/error/500"));
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.UseSecurityHeaders();
        app.UseRequestLimits();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseOutputCache();
        BodyBeneathCompression.UseBeforeCompression(app);
        app.UseResponseCompression();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
