using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>
/// The whole app, in process, on a real database with the demo forum seeded, driven through HttpClient.
/// One instance per test collection; tests that change data put it back or use records no other test reads.
/// </summary>
public abstract class PlenaryApp : WebApplicationFactory<Program>, IAsyncLifetime
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

    public abstract string Provider { get; }

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

    /// <summary>After a test changes data behind the app's back, as the Secretariat's pages will do through the app.</summary>
    public async Task EvictPublicCacheAsync() =>
        await Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(WebSetup.PublicCacheTag, default);
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
