using System.Net;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Net.Http.Headers;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// Refuses requests no reader sends on purpose, such as a query string of thousands of characters or a body in a
/// character set nobody reads, with a 4xx that says why, before they cost any work.
/// </summary>
public static class RequestLimits
{
    public const int MaxQueryLength = 2048;
    public const string ReasonKey = "Plenary.BadRequestReason";
    public const string TooLongReason = "The address is too long. Shorten the search or remove some filters.";
    public const string CharsetReason = "The form was sent in a character set this site does not read. Send it again in UTF-8.";
    public const string StaleFormReason = "This form has expired or was not sent from this site. Go back, reload the page and send it again: nothing was changed.";

    /// <summary>Addresses or networks (CIDR) of the reverse proxies whose X-Forwarded-For names the client; by default loopback only.</summary>
    public const string ProxiesSetting = "Plenary:Proxies";

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        // First, so that the per-address limits (sign-in attempts, wrong API tokens) count the person behind a proxy, not
        // the proxy, which would otherwise lock everyone out at once.
        app.UseForwardedHeaders(ClientAddress(app.ApplicationServices.GetRequiredService<IConfiguration>()));
        return app.Use(Refuse);
    }

    /// <summary>
    /// The client's address from X-Forwarded-For, believed only from a known proxy, and only its last hop: the one the
    /// proxy itself saw (nginx's $proxy_add_x_forwarded_for appends it after whatever the client sent). Anyone else's
    /// header is ignored, so a client cannot pick a fresh address for each attempt. Host and scheme are never taken from
    /// headers (see <see cref="PublicOrigin"/>).
    /// </summary>
    public static ForwardedHeadersOptions ClientAddress(IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        var section = configuration.GetSection(ProxiesSetting);
        var proxies = section.Value is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.Get<string[]>() ?? [];
        if (proxies.Length == 0)
        {
            // The framework's default: loopback, a proxy on the same machine.
            return options;
        }
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else
            {
                throw new InvalidOperationException($"{ProxiesSetting}: \"{proxy}\" is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        }
        return options;
    }

    private static async Task Refuse(HttpContext context, RequestDelegate next)
    {
        if (context.Request.QueryString.Value?.Length > MaxQueryLength)
        {
            if (WebSetup.IsApi(context))
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Query string too long",
                    detail: $"The query string may hold at most {MaxQueryLength} characters.").ExecuteAsync(context);
                return;
            }
            context.Items[ReasonKey] = TooLongReason;
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        // Not again when the error page is re-executed for this very request, which keeps its headers.
        if (context.Request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media) && media.Charset.HasValue && !IsKnown(media.Charset.Value!)
            && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            // Reading it would throw deep in the JSON or form reader, a 500 for what is the sender's choice.
            if (WebSetup.IsApi(context))
            {
                await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unknown character set",
                    detail: $"The body's charset '{media.Charset}' is not one this API reads. Send UTF-8.").ExecuteAsync(context);
                return;
            }
            context.Items[ReasonKey] = CharsetReason;
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        await next(context);
    }

    private static bool IsKnown(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
