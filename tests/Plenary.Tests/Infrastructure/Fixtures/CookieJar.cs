using System.Net;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>One browser's cookies, shared by clients of several app instances behind the same address.</summary>
public sealed class CookieJar(CookieContainer container) : DelegatingHandler
{
    private static readonly Uri Site = new("http://localhost");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cookies = container.GetCookieHeader(Site);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                container.SetCookies(Site, cookie);
            }
        }
        return response;
    }
}
