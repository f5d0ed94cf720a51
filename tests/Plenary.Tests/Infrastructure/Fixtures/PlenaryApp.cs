using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plenary.Infrastructure.Data;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>
/// The whole app, in process, on a real database with the demo forum seeded, driven through HttpClient.
/// One instance per test collection; the demo forums are for reading: a test that changes data makes a forum of its own (<see cref="ForumOfItsOwnAsync"/>).
/// </summary>
public abstract partial class PlenaryApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly HtmlParser Parser = new();
    private readonly bool ownsDataFolder;
    private HttpClient? client;

    /// <param name="dataFolder">A folder to reuse, as a restarted app would; by default a fresh one, removed afterwards.</param>
    protected PlenaryApp(string? dataFolder = null)
    {
        ownsDataFolder = dataFolder is null;
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("plenary-test-").FullName;
    }

    public string DataFolder { get; }

    /// <summary>Everything the app logged at Warning and above (Error and above from ASP.NET Core itself).</summary>
    public CapturedLog Log { get; } = new();

    public abstract string Provider { get; }

    protected virtual int RateLimit => 1_000_000;

    /// <summary>Wrong API tokens per minute from one address (all test clients share one); its own test sets it low.</summary>
    protected virtual int BadTokenLimit => RateLimit;

    /// <summary>
    /// An anonymous HttpClient shared by a collection's tests: it does not follow redirects, so tests see where the
    /// app sends people, and keeps no cookies, so one test's language choice or sign-in never leaks into another.
    /// </summary>
    public HttpClient Client => client ??= CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    protected abstract void UseDatabase(IWebHostBuilder web);

    protected override void ConfigureWebHost(IWebHostBuilder web)
    {
        // Production, so that error pages and headers are the ones the public gets.
        web.UseEnvironment("Production");
        web.UseSetting("Plenary:DataFolder", DataFolder);
        web.UseSetting("Logging:LogLevel:Default", "Warning");
        web.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        // Every test visitor comes from one address; the per-address limit has its own test with its own app.
        web.UseSetting("Plenary:Accounts:AttemptsPerMinutePerAddress", RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Plenary:Accounts:BadTokensPerMinutePerAddress", BadTokenLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Reminders go by the real clock; tests run the sweep themselves at the instants they choose.
        web.UseSetting("Plenary:Reminders:Enabled", "false");
        web.ConfigureLogging(logging => logging.AddProvider(Log));
        // Tests sign hundreds of accounts up and in, and at the framework's 100,000 rounds each password took about 0.4 s
        // of CPU here (a Secretariat member 2 s, measured): the hasher is the framework's own, only its work factor is
        // lowered. Every hash records its own count, so verifying is unchanged.
        web.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
        UseDatabase(web);
    }

    public virtual async Task InitializeAsync()
    {
        // Starts the host: migrates and seeds the demo forum.
        using var health = await Client.GetAsync("/health");
        health.EnsureSuccessStatusCode();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await StopAsync();
        client?.Dispose();
        await base.DisposeAsync();
        await DropDatabaseAsync();
        if (!ownsDataFolder)
        {
            return;
        }
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is the OS's to clean up; the folder is under /tmp.
        }
    }

    /// <summary>Stops what a fixture started beside the app (a browser), before the app itself stops.</summary>
    protected virtual Task StopAsync() => Task.CompletedTask;

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public Task<HttpResponseMessage> GetAsync(string url, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }
        return Client.SendAsync(request);
    }

    /// <summary>A page as a parsed DOM, with its status.</summary>
    public async Task<(HttpStatusCode Status, IHtmlDocument Page)> GetPageAsync(string url, string? language = null)
    {
        using var response = await GetAsync(url, language);
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, await Parser.ParseDocumentAsync(html));
    }

    /// <summary>An API answer as JSON, with its status and media type.</summary>
    public async Task<(HttpStatusCode Status, string? MediaType, JsonElement Json)> GetJsonAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json);
    }

    /// <summary>A client like one person's browser: keeps its cookies, does not follow redirects.</summary>
    public virtual HttpClient CreateVisitor() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Fills in a form as a browser would: fetches the page for its antiforgery token, then posts.</summary>
    /// <remarks>Fields are pairs, so one name may come several times, as ticked checkboxes do.</remarks>
    public static async Task<HttpResponseMessage> SubmitFormAsync(HttpClient visitor, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        using var page = await visitor.GetAsync(pageUrl);
        var document = await Parser.ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var token = document.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token in a form on {pageUrl}.");
        return await visitor.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    /// <summary>
    /// Presses a submit button of a page already fetched as a browser without script would: its form (the one its
    /// <c>form</c> attribute names, else the one around it) is sent with the form's fields and the button's own name
    /// and value, to the button's <c>formaction</c> when it has one.
    /// </summary>
    public static Task<HttpResponseMessage> PressAsync(HttpClient visitor, IHtmlDocument page, AngleSharp.Dom.IElement button)
    {
        var form = (button.GetAttribute("form") is { } id ? page.GetElementById(id) : button.Closest("form"))
            ?? throw new InvalidOperationException("The button belongs to no form.");
        var fields = form.QuerySelectorAll("input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        if (button.GetAttribute("name") is { } name)
        {
            fields.Add(new(name, button.GetAttribute("value") ?? ""));
        }
        var action = button.GetAttribute("formaction") ?? form.GetAttribute("action") ?? throw new InvalidOperationException("The form says nowhere to go.");
        return visitor.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Uploads files through a page's form as a browser would: multipart/form-data with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient visitor, string pageUrl, string postUrl,
        IDictionary<string, (string FileName, byte[] Content)> files, IDictionary<string, string>? fields = null)
    {
        using var page = await visitor.GetAsync(pageUrl);
        var document = await Parser.ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var token = document.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token in a form on {pageUrl}.");
        return await PostMultipartAsync(visitor, postUrl, new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__RequestVerificationToken"] = token }, files);
    }

    /// <summary>Posts one form of a page already fetched (its hidden fields and token included) as multipart/form-data.</summary>
    public static Task<HttpResponseMessage> SubmitMultipartFormAsync(HttpClient visitor, IHtmlDocument page, string formSelector)
    {
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form matches {formSelector}.");
        var fields = form.QuerySelectorAll("input[name]").Where(i => i.GetAttribute("type") != "file")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        return PostMultipartAsync(visitor, form.GetAttribute("action")!, fields, new Dictionary<string, (string, byte[])>());
    }

    private static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient visitor, string url, IDictionary<string, string> fields,
        IDictionary<string, (string FileName, byte[] Content)> files)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var (name, (fileName, bytes)) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(part, name, fileName);
        }
        return await visitor.PostAsync(url, content);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Signs up through the page; returns the answer (a redirect to "check your e-mail" when it worked).</summary>
    public Task<HttpResponseMessage> SignUpAsync(HttpClient visitor, string email, string name = "Amina Diallo", string password = "solar wind over Addis") =>
        SubmitFormAsync(visitor, "/account/sign-up", new Dictionary<string, string> { ["Email"] = email, ["Name"] = name, ["Password"] = password });

    public Task<HttpResponseMessage> SignInAsync(HttpClient visitor, string email, string password = "solar wind over Addis") =>
        SubmitFormAsync(visitor, "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    /// <summary>The path and query of the link in the newest message of a kind to an address, as the reader would click it.</summary>
    public async Task<string> LinkFromOutboxAsync(string email, string purpose)
    {
        var body = await InDbAsync(db => db.Outbox.Where(m => m.To == email && m.Purpose == purpose).OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstAsync());
        var url = System.Text.RegularExpressions.Regex.Match(body, @"https?://\S+").Value;
        url.ShouldNotBeEmpty($"no link in the {purpose} message to {email}");
        return new Uri(url).PathAndQuery;
    }

    /// <summary>A new account, confirmed through its e-mail link, signed in on a fresh visitor.</summary>
    /// <param name="beforeSignIn">Runs with the new account's id before it signs in, e.g. to make it an administrator.</param>
    public async Task<HttpClient> SignedInVisitorAsync(string email, Func<PlenaryDb, int, Task>? beforeSignIn = null)
    {
        var visitor = CreateVisitor();
        (await SignUpAsync(visitor, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await visitor.GetAsync(await LinkFromOutboxAsync(email, "confirm-email"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        if (beforeSignIn is not null)
        {
            var id = await InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());
            await InDbAsync(db => beforeSignIn(db, id));
        }
        (await SignInAsync(visitor, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return visitor;
    }

    /// <summary>A signed-in member of the Secretariat of one forum.</summary>
    public Task<HttpClient> SecretariatOfAsync(string forum) =>
        SignedInVisitorAsync($"sec{Guid.NewGuid():N}@example.org", async (db, id) =>
        {
            var forumId = await db.Forums.Where(f => f.Slug == forum).Select(f => f.Id).SingleAsync();
            db.ForumMembers.Add(new Plenary.Kernel.Access.ForumMember
            {
                ForumId = forumId, AccountId = id, Role = Plenary.Kernel.Access.ForumRole.Secretariat, AddedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

    /// <summary>A signed-in reviewer (advisory-group member) of one forum.</summary>
    public Task<HttpClient> ReviewerOfAsync(string forum) =>
        SignedInVisitorAsync($"rev{Guid.NewGuid():N}@example.org", async (db, id) =>
        {
            var forumId = await db.Forums.Where(f => f.Slug == forum).Select(f => f.Id).SingleAsync();
            db.ForumMembers.Add(new Plenary.Kernel.Access.ForumMember
            {
                ForumId = forumId, AccountId = id, Role = Plenary.Kernel.Access.ForumRole.Reviewer, AddedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

    /// <summary>A signed-in account whose own person holds a role in a session, as an organiser's invitation would make it.</summary>
    public Task<HttpClient> HolderOfSessionRoleAsync(Plenary.Features.Sessions.Session session, Plenary.Features.Sessions.SessionRoleKind kind,
        Plenary.Features.Sessions.ParticipationMode mode = Plenary.Features.Sessions.ParticipationMode.Onsite) =>
        SignedInVisitorAsync($"{kind.ToString().ToLowerInvariant()}{Guid.NewGuid():N}@example.org", async (db, id) =>
        {
            var person = await db.Users.Where(a => a.Id == id).Select(a => a.PersonId).SingleAsync();
            db.SessionRoles.Add(new Plenary.Features.Sessions.SessionRole { SessionId = session.Id, PersonId = person, Kind = kind, Mode = mode, Position = 100 });
            await db.SaveChangesAsync();
        });

    /// <summary>
    /// A session outside the timetable, added to a forum the test made for itself (<see cref="ForumOfItsOwnAsync"/>):
    /// the forum is required and never a shared demo forum, so what the test then changes is seen by no other test.
    /// </summary>
    public Task<Plenary.Features.Sessions.Session> UnscheduledSessionAsync(OwnForum forum, string typeCode, int number, string title) =>
        InDbAsync(async db =>
        {
            var type = await db.SessionTypes.SingleAsync(t => t.ForumId == forum.Id && t.Code == typeCode);
            var session = new Plenary.Features.Sessions.Session { ForumId = forum.Id, TypeId = type.Id, Number = number, Title = title, LengthMinutes = 60 };
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            session.Type = type;
            return session;
        });

    /// <summary>Makes an API token on the visitor's account page, as the person would, and returns it.</summary>
    public static async Task<string> ApiTokenOfAsync(HttpClient visitor, string name = "Test script")
    {
        var made = await SubmitFormAsync(visitor, "/account/api-tokens", new Dictionary<string, string> { ["Name"] = name, ["Days"] = "30" }, "/account/api-tokens?handler=Create");
        made.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await ParseAsync(made)).QuerySelector("code.token")!.TextContent;
    }

    /// <summary>A program calling the API with a token: no cookies, nothing but the bearer header.</summary>
    public HttpClient ApiClient(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A signed-in site administrator (the flag is set before sign-in, which is when the claim is issued).</summary>
    public Task<HttpClient> AdministratorAsync() =>
        SignedInVisitorAsync($"adm{Guid.NewGuid():N}@example.org",
            (db, id) => db.Users.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.IsAdministrator, true)));

    public async Task<T> InDbAsync<T>(Func<PlenaryDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PlenaryDb>());
    }

    public async Task InDbAsync(Func<PlenaryDb, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<PlenaryDb>());
    }

    /// <summary>
    /// Releases a forum's timetable as it stands, as its Secretariat would, without the blocking-rule check (shared forums
    /// hold other tests' sessions): the public views and exports then show what the test placed.
    /// </summary>
    public async Task ReleaseTimetableAsync(string forum)
    {
        await InDbAsync(async db => await Plenary.Features.Releases.ReleaseChange.SeedAsync(
            db, await db.Forums.Where(f => f.Slug == forum).Select(f => f.Id).SingleAsync(), "test release", DateTime.UtcNow));
        await EvictPublicCacheAsync();
    }

    /// <summary>After a test changes data behind the app's back, as the Secretariat's pages will do through the app.</summary>
    /// Through the app's own eviction, so that what it keeps beside the output cache (the kept pages, the forums kept in
    /// memory) goes too.
    public async Task EvictPublicCacheAsync() =>
        await Services.GetRequiredService<Plenary.Kernel.Caching.PublicCache>().EvictAsync();
}

/// <summary>The default install: a SQLite file in a fresh data folder.</summary>
public sealed class SqliteApp : PlenaryApp
{
    public override string Provider => "SQLite";

    protected override void UseDatabase(IWebHostBuilder web) { }
}

/// <summary>A fresh database on the PostgreSQL server that scripts/test.sh starts.</summary>
public sealed class PostgresApp : PlenaryApp
{
    private readonly PostgresDatabase database = new();

    public override string Provider => "PostgreSQL";

    public string ConnectionString => database.ConnectionString;

    protected override void UseDatabase(IWebHostBuilder web) => web.UseSetting("ConnectionStrings:Postgres", database.ConnectionString);

    public override async Task InitializeAsync()
    {
        await database.CreateAsync();
        await base.InitializeAsync();
    }

    protected override Task DropDatabaseAsync() => database.DropAsync();
}

[CollectionDefinition("sqlite")]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>;

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>;
