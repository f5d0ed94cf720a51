using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Plenary.Features.Mail;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// The start of every absolute link Plenary writes for reading elsewhere: in e-mails, calendar feeds, conference-app
/// schedules and the calendar link of a person's agenda. It is never taken from a request: a <c>Host</c> or
/// <c>X-Forwarded-Host</c> header is whatever the sender typed, so a password reset asked for with
/// <c>Host: evil.example</c> would otherwise mail the victim a link to the sender's server, and a public feed built
/// from it would carry that server to everyone a cache served it to.
/// </summary>
/// <remarks>
/// In order: <c>Plenary:Mail:PublicBaseUrl</c>; else the first host named in <c>AllowedHosts</c>; else the address
/// Kestrel listens on (a wildcard read as localhost). The last two are the operator's own, not a visitor's, but are
/// guesses, so the app says so once in the log at start.
/// </remarks>
public sealed class PublicOrigin(IOptions<MailOptions> mail, IConfiguration configuration, IServer server, IHostApplicationLifetime lifetime,
    ILogger<PublicOrigin> logger)
{
    private readonly Lock gate = new();
    private string? settled;

    /// <summary>"https://forum.example.org" or "https://example.org/plenary": scheme, host, port and path base, no trailing slash.</summary>
    public string Value
    {
        get
        {
            if (settled is { } known)
            {
                return known;
            }
            // Kestrel knows its addresses once it has bound them; asked earlier (a background job at start-up), the
            // answer is worked out again until then rather than remembered wrong.
            if (!lifetime.ApplicationStarted.IsCancellationRequested)
            {
                return Resolve().Origin;
            }
            lock (gate)
            {
                if (settled is null)
                {
                    var (origin, guessedFrom) = Resolve();
                    if (guessedFrom is not null)
                    {
                        logger.LogWarning("Plenary:Mail:PublicBaseUrl is not set, so links in e-mails and feeds start with {Origin}, taken from {Source}. "
                            + "Set it to the address people reach Plenary at, such as https://forum.example.org, when that is another.",
                            origin, guessedFrom);
                    }
                    settled = origin;
                }
                return settled;
            }
        }
    }

    /// <summary>An absolute link to a path of this site ("/igf2022/agenda" or "/account/link?code=…").</summary>
    public string Link(string path) => LocalUrls.IsLocal(path)
        ? Value + path
        : throw new ArgumentException($"“{path}” is not a path of this site.", nameof(path));

    /// <summary>Settles the address and says, once, when it is a guess; called when the app has started listening.</summary>
    public void Announce() => _ = Value;

    /// <summary>The origin, and where it was guessed from when it was not configured.</summary>
    private (string Origin, string? GuessedFrom) Resolve()
    {
        if (mail.Value.PublicBaseUrl is { Length: > 0 } url)
        {
            return (url.TrimEnd('/'), null);
        }
        var listening = Listening();
        // AllowedHosts holds bare host names ("forum.example.org;www.forum.example.org"), "*" for any.
        var configured = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(h => h != "*" && !h.StartsWith("*.", StringComparison.Ordinal));
        if (configured is not null)
        {
            var scheme = listening.Any(a => a.Scheme == Uri.UriSchemeHttps) ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
            return ($"{scheme}://{configured}", "AllowedHosts");
        }
        var address = listening.OrderBy(a => a.Scheme == Uri.UriSchemeHttps ? 0 : 1).ThenBy(a => IsWildcard(a.Host) ? 1 : 0).FirstOrDefault();
        if (address is null)
        {
            // Not listening on a socket at all (the in-process test server).
            return ("http://localhost", "a default, as the app listens on no network address");
        }
        var host = IsWildcard(address.Host) ? "localhost" : address.Host;
        var port = (address.Scheme, address.Port) is ("http", 80) or ("https", 443) ? "" : $":{address.Port}";
        return ($"{address.Scheme}://{host}{port}{address.PathBase.TrimEnd('/')}", "the address the app listens on");
    }

    private List<BindingAddress> Listening() =>
        (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(BindingAddress.Parse).ToList();

    private static bool IsWildcard(string host) => host is "*" or "+" or "0.0.0.0" or "[::]" or "::";
}

public static class PublicOriginSetup
{
    public static WebApplicationBuilder AddPublicOrigin(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PublicOrigin>();
        builder.Services.AddHostedService<Announcement>();
        builder.Services.AddOptions<MailOptions>().Validate(
            o => string.IsNullOrEmpty(o.PublicBaseUrl) || (Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Query.Length == 0 && uri.Fragment.Length == 0),
            "Plenary:Mail:PublicBaseUrl must be an http or https address without a query, such as https://forum.example.org.").ValidateOnStart();
        return builder;
    }

    /// <summary>Settles the public address as soon as the server listens, so that a guess is logged at start, not at the first e-mail.</summary>
    private sealed class Announcement(PublicOrigin origin, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(origin.Announce);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
