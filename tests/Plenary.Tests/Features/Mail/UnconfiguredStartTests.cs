using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plenary.Infrastructure.Data;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Mail;

/// <summary>
/// The README's first command: the app on a real port with nothing configured but where its data goes. It starts, says
/// once in the log that links are guessed from the address it listens on, and mails links to that address, never to
/// the one a request claims.
/// </summary>
public sealed class UnconfiguredStartTests
{
    [Fact]
    public async Task With_nothing_configured_the_app_starts_warns_once_and_mails_links_to_the_address_it_listens_on()
    {
        await using var app = new UnconfiguredApp();
        var listening = app.Start();
        using var visitor = MailLinksTests.Forging(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(listening),
        });
        var email = $"unconfigured{Guid.NewGuid():N}@example.org";

        (await PlenaryApp.SubmitFormAsync(visitor, "/account/sign-up", new Dictionary<string, string>
        {
            ["Email"] = email, ["Name"] = "Amina Diallo", ["Password"] = "solar wind over Addis",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var scope = app.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<PlenaryDb>().Outbox;
        var confirmation = MailLinksTests.LinksIn(await outbox.Where(m => m.To == email).Select(m => m.TextBody).SingleAsync()).Single();
        (await visitor.GetAsync(new Uri(confirmation).PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.SubmitFormAsync(visitor, "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var bodies = await outbox.Where(m => m.To == email).Select(m => m.TextBody + "\n" + m.HtmlBody).ToListAsync();
        bodies.Count.ShouldBe(2, "the confirmation and the reset");
        var links = bodies.SelectMany(MailLinksTests.LinksIn).ToList();
        links.ShouldNotBeEmpty();
        links.ShouldAllBe(l => l.StartsWith(listening.TrimEnd('/') + "/"));
        listening.ShouldStartWith("http://127.0.0.1:");

        var warnings = app.Log.Where(e => e.Category == "Plenary.Infrastructure.Web.PublicOrigin" && e.Level == LogLevel.Warning).ToList();
        warnings.ShouldHaveSingleItem().Message.ShouldContain(listening.TrimEnd('/'));
        warnings[0].Message.ShouldContain("Plenary:Mail:PublicBaseUrl");
    }

    private sealed class UnconfiguredApp : WebApplicationFactory<Program>
    {
        private readonly string dataFolder = Directory.CreateTempSubdirectory("plenary-test-").FullName;

        public UnconfiguredApp() => UseKestrel(0);

        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Log { get; } = new();

        public string Start()
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }

        protected override void ConfigureWebHost(IWebHostBuilder web)
        {
            // Only where the data goes, so the test leaves nothing in the source tree; everything else is the default.
            web.UseSetting("Plenary:DataFolder", dataFolder);
            web.ConfigureLogging(logging => logging.AddProvider(new ListLogger(Log)));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is the OS's to clean up; the folder is under /tmp.
            }
        }
    }

    private sealed class ListLogger(ConcurrentQueue<(string, LogLevel, string)> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Category(categoryName, log);

        public void Dispose()
        {
        }

        private sealed class Category(string name, ConcurrentQueue<(string, LogLevel, string)> log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Enqueue((name, logLevel, formatter(state, exception)));
        }
    }
}
