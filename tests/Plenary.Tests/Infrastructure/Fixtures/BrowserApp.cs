using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>
/// The app on a real Kestrel port (SQLite) and Debian's Chromium, headless, driven by Playwright.
/// Playwright never downloads a browser here: it is pointed at the installed one.
/// </summary>
public sealed class BrowserApp : PlenaryApp
{
    public const string Variable = "PLENARY_TEST_CHROMIUM";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public BrowserApp() => UseKestrel(0);

    public override string Provider => "SQLite";

    /// <summary>Addresses (path and query) whose requests are dropped at the server: see <see cref="CutLine"/>.</summary>
    private readonly ConcurrentDictionary<string, LineCut> cut = new(StringComparer.Ordinal);

    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// A visitor over real HTTP to the Kestrel port (to make accounts before the browser signs in); the factory's own
    /// clients would go to port 80 and follow redirects here.
    /// </summary>
    public override HttpClient CreateVisitor() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(BaseUrl) };

    protected override void UseDatabase(IWebHostBuilder web) { }

    protected override void ConfigureWebHost(IWebHostBuilder web)
    {
        base.ConfigureWebHost(web);
        web.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new LineCutter(cut)));
    }

    /// <summary>
    /// Until disposed, every request to one address (path and query, exactly) has its connection dropped before the app
    /// reads it, as a line that is down would, and is counted. Unlike Playwright's routing, this holds for every request
    /// the browser sends, including those that pass through a page's service worker, which routing does not always see.
    /// </summary>
    public LineCut CutLine(string pathAndQuery)
    {
        var line = new LineCut(cut, pathAndQuery);
        cut[pathAndQuery] = line;
        return line;
    }

    public sealed class LineCut(ConcurrentDictionary<string, LineCut> cut, string pathAndQuery) : IDisposable
    {
        private int dropped;

        /// <summary>How many requests were dropped so far.</summary>
        public int Dropped => Volatile.Read(ref dropped);

        internal void Drop() => Interlocked.Increment(ref dropped);

        public void Dispose() => cut.TryRemove(new KeyValuePair<string, LineCut>(pathAndQuery, this));
    }

    private sealed class LineCutter(ConcurrentDictionary<string, LineCut> cut) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                var address = context.Request.Path.Value + context.Request.QueryString.Value;
                if (cut.TryGetValue(address, out var line))
                {
                    line.Drop();
                    context.Abort();
                    return;
                }
                await inner(context);
            });
            next(app);
        };
    }

    public override async Task InitializeAsync()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var chromium = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"No Chromium at {chromium}. Run the tests with `bash scripts/test.sh`, which installs Debian's chromium, or set {Variable}.");
        }
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Containers run as root with a small /dev/shm; nothing here may reach the internet.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions"],
        });
    }

    /// <summary>A page in a fresh browser context (own cookies, language, time zone), at the app's address.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseUrl;
        options.Locale ??= "en-GB";
        var context = await browser!.NewContextAsync(options);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A new page signed in through the sign-in form as the person would (the account made beforehand, e.g. with
    /// <see cref="PlenaryApp.SignedInVisitorAsync"/>), waiting until the form has let them in.
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string email, BrowserNewContextOptions? options = null)
    {
        var page = await NewPageAsync(options);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync("solar wind over Addis");
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            // Say what the page said: a refused sign-in and a slow one need different fixes.
            var said = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"Sign-in as {email} did not leave {page.Url}; the page says: {said}", e);
        }
        return page;
    }

    protected override async Task StopAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
    }
}

/// <summary>
/// Run on their own, after the other collections: on two cores shared with eight collections at once, Chromium lost a
/// click now and then (a sign-in button, a link) and a test waited out its 30 seconds for a navigation that never came.
/// </summary>
[CollectionDefinition("browser", DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>;
