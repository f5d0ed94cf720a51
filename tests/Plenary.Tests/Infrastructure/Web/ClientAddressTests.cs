using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// The per-address limits seen from two real source addresses: the app on Kestrel on a loopback port, one client
/// bound to 127.0.0.1 and one to 127.0.0.2 (the in-process test server has no remote address at all). 127.0.0.1 is
/// also set up as the reverse proxy, whose X-Forwarded-For is believed; 127.0.0.2's is not.
/// </summary>
public sealed class ClientAddressTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.1");
    private static readonly IPAddress Direct = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Sign_in_attempts_over_the_limit_from_one_address_get_429_while_another_address_is_still_served()
    {
        await using var app = new KestrelApp();
        await app.InitializeAsync();
        using var direct = app.From(Direct);
        using var proxy = app.From(Proxy);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await SignInAsync(direct)).StatusCode);
        }
        statuses.ShouldBe([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests]);
        (await SignInAsync(direct, forwardedFor: "198.51.100.1")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests,
            "a client that is not a known proxy cannot pick another address with X-Forwarded-For");
        (await direct.GetAsync("/account/sign-in")).StatusCode.ShouldBe(HttpStatusCode.OK, "reading the form is never limited");

        (await SignInAsync(proxy)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the other address still gets its answer");
        // Through the proxy, the limit is the client's behind it, not the proxy's own.
        (await SignInAsync(proxy, forwardedFor: "127.0.0.2")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "the proxy forwards the client already over its limit");
        (await SignInAsync(proxy, forwardedFor: "203.0.113.9")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "and another client of the proxy is served");
        (await SignInAsync(proxy, forwardedFor: "203.0.113.9, 127.0.0.2")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests,
            "only the hop the proxy saw counts, not what the client wrote before it");
    }

    [Fact]
    public async Task Wrong_api_tokens_over_the_limit_from_one_address_get_429_while_another_address_is_still_answered()
    {
        await using var app = new KestrelApp();
        await app.InitializeAsync();
        using var direct = app.From(Direct);
        using var proxy = app.From(Proxy);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await WithTokenAsync(direct, $"pln_wrong{i}")).StatusCode);
        }
        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        (await WithTokenAsync(proxy, "pln_wrong-elsewhere")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "each address has its own count");
        (await WithTokenAsync(proxy, "pln_wrong-behind", forwardedFor: "127.0.0.2")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string? forwardedFor = null)
    {
        using var page = await client.GetAsync("/account/sign-in");
        var document = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var token = document.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "nobody@example.org", ["Password"] = "wrong password here", ["__RequestVerificationToken"] = token,
            }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> WithTokenAsync(HttpClient client, string token, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/forums/igf2022/registration");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return client.SendAsync(request);
    }

    private sealed class KestrelApp : PlenaryApp
    {
        private Uri? baseAddress;

        public KestrelApp() => UseKestrel(0);

        public override string Provider => "SQLite";

        protected override int RateLimit => 3;

        protected override void UseDatabase(IWebHostBuilder web) => web.UseSetting("Plenary:Proxies", "127.0.0.1");

        public override Task InitializeAsync()
        {
            StartServer();
            baseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return Task.CompletedTask;
        }

        /// <summary>A browser-like client (cookies, no redirects) whose connections leave from the given local address.</summary>
        public HttpClient From(IPAddress local)
        {
            var port = baseAddress!.Port;
            var handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                CookieContainer = new CookieContainer(),
                ConnectCallback = async (_, cancel) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        socket.Bind(new IPEndPoint(local, 0));
                        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancel);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return new HttpClient(handler) { BaseAddress = baseAddress };
        }
    }
}
