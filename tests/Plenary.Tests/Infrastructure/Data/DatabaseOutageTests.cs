using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Plenary.Tests.Infrastructure.Fixtures;
using Xunit.Abstractions;

namespace Plenary.Tests.Infrastructure.Data;

/// <summary>
/// The database goes away while the app runs, and comes back (issue 13). Meanwhile pages, the API and /health answer
/// 503 with Retry-After, saying the service is briefly unavailable, and a form says whether what was typed is kept;
/// afterwards the same app answers again by itself, with nothing lost.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    /// <summary>How long a recovery may take before the test gives up; the app needs well under a second.</summary>
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task While_postgresql_is_stopped_everything_answers_503_with_retry_after_and_afterwards_it_works_again_with_nothing_lost()
    {
        await using var cluster = await PostgresCluster.CreateAsync();
        var app = new AppOnCluster(cluster);
        try
        {
            await ((IAsyncLifetime)app).InitializeAsync();
            await OutageAndRecoveryAsync(app, cluster);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private async Task OutageAndRecoveryAsync(PlenaryApp app, PostgresCluster cluster)
    {
        var secretariat = await app.SecretariatOfAsync("igf2022");
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var before = await AddRoomAsync(api, "Written before the outage");
        var report = await FormAsync(secretariat, "/igf2022/sessions/of-56/report");
        var rooms = await FormAsync(secretariat, "/igf2022/manage/rooms");
        var mark = app.Log.Count;

        await cluster.StopAsync();

        // A query string of its own for each, so that no answer comes from the output cache, which would (rightly)
        // go on serving what it holds.
        using (var page = await app.Client.GetAsync("/igf2022/sessions/of-56?during=outage"))
        {
            await ExpectUnavailablePageAsync(page);
            var shown = await PlenaryApp.ParseAsync(page);
            shown.QuerySelector("[role=status]").ShouldBeNull("nothing was sent, so there is nothing to say about it");
            // Another language is the page asked for again, not the error page.
            shown.QuerySelector("nav.lang a[lang=fr]")!.GetAttribute("href").ShouldBe("/language/fr?returnUrl=%2Figf2022%2Fsessions%2Fof-56%3Fduring%3Doutage");
        }
        using (var french = new HttpRequestMessage(HttpMethod.Get, "/igf2022/programme?during=outage"))
        {
            french.Headers.AcceptLanguage.ParseAdd("fr");
            using var page = await app.Client.SendAsync(french);
            page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await PlenaryApp.ParseAsync(page)).QuerySelector("h1")!.TextContent.ShouldBe("Momentanément indisponible");
        }
        foreach (var (culture, direction) in new[] { ("ar", "rtl"), ("es", "ltr"), ("ru", "ltr"), ("zh-Hans", "ltr") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/igf2022/programme?during=outage-{culture}");
            request.Headers.AcceptLanguage.ParseAdd(culture);
            using var page = await app.Client.SendAsync(request);
            page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var shown = await PlenaryApp.ParseAsync(page);
            shown.DocumentElement.GetAttribute("lang").ShouldBe(culture);
            shown.DocumentElement.GetAttribute("dir").ShouldBe(direction);
            shown.QuerySelector("h1")!.TextContent.ShouldBe(Localization.EnglishLeft.Translations(culture)["Briefly unavailable"]);
            Localization.EnglishLeft.On(shown, culture).ShouldBeEmpty(culture);
        }
        using (var call = await app.Client.GetAsync("/api/forums/igf2022/sessions/of-56?during=outage"))
        {
            call.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            AsksToWait(call);
            call.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = JsonDocument.Parse(await call.Content.ReadAsStringAsync()).RootElement;
            problem.GetProperty("status").GetInt32().ShouldBe(503);
            problem.GetProperty("title").GetString().ShouldBe("Briefly unavailable");
        }
        using (var write = await api.PostAsJsonAsync("/api/forums/igf2022/rooms", new { name = "Sent during the outage", layout = "Theater", capacity = 10 }))
        {
            write.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            AsksToWait(write);
        }
        using (var health = await app.Client.GetAsync("/health"))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            AsksToWait(health);
            (await health.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");
        }
        // The report form keeps what is typed in the browser (report.js); the page says so, and only there.
        using (var saved = await report.PostAsync("Save", new() { ["Form.Takeaway1"] = "Typed during the outage" }))
        {
            await ExpectUnavailablePageAsync(saved);
            (await PlenaryApp.ParseAsync(saved)).QuerySelector("[role=status]")!.TextContent.ShouldContain("kept in this browser");
        }
        using (var saved = await rooms.PostAsync("Save", new() { ["Name"] = "Typed during the outage" }))
        {
            await ExpectUnavailablePageAsync(saved);
            var said = (await PlenaryApp.ParseAsync(saved)).QuerySelector("[role=status]")!.TextContent;
            said.ShouldContain("may not have been saved");
            said.ShouldNotContain("kept");
        }
        // One line per refused request, not the stack trace of an unhandled exception.
        var logged = app.Log.Since(mark);
        logged.Where(CapturedLog.IsUnhandled).ShouldBeEmpty();
        logged.ShouldContain(e => e.Message.StartsWith("Database unavailable, GET /igf2022/sessions/of-56 answered 503", StringComparison.Ordinal),
            string.Join("\n", logged));

        await cluster.StartAsync();
        var waited = Stopwatch.StartNew();
        var polls = 0;
        HttpStatusCode status;
        do
        {
            polls++;
            using var again = await app.Client.GetAsync($"/igf2022/sessions/of-56?after=outage{polls}");
            status = again.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(50);
            }
        }
        while (status != HttpStatusCode.OK && waited.Elapsed < RecoveryLimit);
        output.WriteLine($"Pages answered 200 again {waited.Elapsed.TotalSeconds:0.00} s after PostgreSQL was back ({polls} requests), with no restart.");
        status.ShouldBe(HttpStatusCode.OK, $"the app answers again within {RecoveryLimit.TotalSeconds} s of the database's return");

        (await app.Client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var kept = await api.GetFromJsonAsync<JsonElement>($"/api/forums/igf2022/rooms/{before}");
        kept.GetProperty("room").GetProperty("name").GetString().ShouldBe("Written before the outage");
        var after = await AddRoomAsync(api, "Written after the outage");
        after.ShouldBeGreaterThan(before);
        // Nothing was half-written while the database was away.
        (await app.InDbAsync(db => Task.FromResult(db.Rooms.Count(r => r.Name == "Sent during the outage" || r.Name == "Typed during the outage")))).ShouldBe(0);
    }

    [Fact]
    public async Task While_another_process_holds_the_sqlite_write_lock_writes_answer_503_with_retry_after_and_reads_go_on()
    {
        // SQLite has no server to stop: its outage is a file another process keeps locked (a backup, a sqlite3 shell left
        // in a transaction). In WAL mode readers go on meanwhile; writers wait for the busy timeout, 1 s here, then give up.
        var app = new SqliteWithBusyTimeout();
        try
        {
            await ((IAsyncLifetime)app).InitializeAsync();
            await LockAndReleaseAsync(app);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private static async Task LockAndReleaseAsync(SqliteWithBusyTimeout app)
    {
        var secretariat = await app.SecretariatOfAsync("igf2022");
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var before = await AddRoomAsync(api, "Written before the lock");
        var rooms = await FormAsync(secretariat, "/igf2022/manage/rooms");

        await using (var other = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=false"))
        {
            await other.OpenAsync();
            await using (var lockIt = other.CreateCommand())
            {
                lockIt.CommandText = "BEGIN IMMEDIATE";
                await lockIt.ExecuteNonQueryAsync();
            }

            using (var write = await api.PostAsJsonAsync("/api/forums/igf2022/rooms", new { name = "Sent while locked", layout = "Theater", capacity = 10 }))
            {
                write.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
                AsksToWait(write);
                JsonDocument.Parse(await write.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString().ShouldBe("Briefly unavailable");
            }
            using (var saved = await rooms.PostAsync("Save", new() { ["Name"] = "Typed while locked", ["Layout"] = "Theater", ["Capacity"] = "10" }))
            {
                await ExpectUnavailablePageAsync(saved);
            }
            (await app.Client.GetAsync("/igf2022/sessions/of-56?while=locked")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await app.Client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);

            await using var release = other.CreateCommand();
            release.CommandText = "ROLLBACK";
            await release.ExecuteNonQueryAsync();
        }

        (await AddRoomAsync(api, "Written after the lock")).ShouldBeGreaterThan(before);
        (await api.GetFromJsonAsync<JsonElement>($"/api/forums/igf2022/rooms/{before}")).GetProperty("room").GetProperty("name").GetString().ShouldBe("Written before the lock");
    }

    /// <summary>The answer tells the client when to come back: in the seconds a restarting server usually needs.</summary>
    private static void AsksToWait(HttpResponseMessage response) =>
        response.Headers.RetryAfter.ShouldNotBeNull("Retry-After").Delta.ShouldBe(TimeSpan.FromSeconds(5));

    private static async Task ExpectUnavailablePageAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        AsksToWait(response);
        var page = await PlenaryApp.ParseAsync(response);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Briefly unavailable");
        page.QuerySelector("main")!.TextContent.ShouldContain("cannot reach its database just now");
    }

    private static async Task<int> AddRoomAsync(HttpClient api, string name)
    {
        using var added = await api.PostAsJsonAsync("/api/forums/igf2022/rooms", new { name, layout = "Theater", capacity = 30 });
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>A page's form token, fetched while the database answers, as the page a person has open would hold it.</summary>
    private static async Task<OpenForm> FormAsync(HttpClient visitor, string url)
    {
        var page = await PlenaryApp.ParseAsync(await visitor.GetAsync(url));
        var token = page.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new OpenForm(visitor, url, token);
    }

    private sealed record OpenForm(HttpClient Visitor, string Url, string Token)
    {
        public Task<HttpResponseMessage> PostAsync(string handler, Dictionary<string, string> fields) =>
            Visitor.PostAsync($"{Url}?handler={handler}", new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", Token))));
    }

    /// <summary>The app on the test's own PostgreSQL server, which the test stops and starts.</summary>
    private sealed class AppOnCluster(PostgresCluster cluster) : PlenaryApp
    {
        public override string Provider => "PostgreSQL";

        protected override void UseDatabase(IWebHostBuilder web) => web.UseSetting("ConnectionStrings:Postgres", cluster.ConnectionString);
    }

    /// <summary>SQLite with a busy timeout of one second instead of thirty, so a locked file is told within the test.</summary>
    private sealed class SqliteWithBusyTimeout : PlenaryApp
    {
        public override string Provider => "SQLite";

        public string DatabaseFile => Path.Combine(DataFolder, "plenary.db");

        protected override void UseDatabase(IWebHostBuilder web) => web.UseSetting("ConnectionStrings:Sqlite", $"Data Source={DatabaseFile};Default Timeout=1");
    }
}
