using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Features.Proposals;
using Plenary.Tests.Features.Releases;
using Plenary.Tests.Features.Reports;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Mail;

/// <summary>
/// Every link in every message, and in every feed and export read elsewhere, starts with the configured public
/// address (with none configured, the server's own: the in-process test server answers as http://localhost), whatever
/// Host, X-Forwarded-Host or Forwarded header the request that caused it carried: anyone could otherwise have a
/// victim's password reset mailed with a link to their own server.
/// </summary>
public abstract class MailLinksTests(PlenaryApp app, string origin)
{
    public const string Public = "https://forum.example.org";

    /// <summary>A client that lies about the site it is talking to, in every header a proxy might pass on.</summary>
    internal static HttpClient Forging(HttpClient client)
    {
        client.DefaultRequestHeaders.Host = "evil.example";
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        client.DefaultRequestHeaders.Add("Forwarded", "host=evil.example;proto=http");
        return client;
    }

    internal static List<string> LinksIn(string text) => Regex.Matches(text, @"https?://[^\s""<>]+").Select(m => m.Value).ToList();

    /// <summary>The messages of one kind to one address exist, hold links, and every one of their links is ours.</summary>
    private async Task LinksAreOursAsync(string to, string purpose)
    {
        var messages = await app.InDbAsync(db => db.Outbox.Where(m => m.To == to && m.Purpose == purpose).Select(m => m.TextBody + "\n" + m.HtmlBody).ToListAsync());
        messages.ShouldNotBeEmpty($"no {purpose} message to {to}");
        foreach (var body in messages)
        {
            body.ShouldNotContain("evil.example");
            var links = LinksIn(body);
            links.ShouldNotBeEmpty($"the {purpose} message has no link");
            links.ShouldAllBe(l => l.StartsWith(origin + "/"), $"{purpose}: {string.Join(" ", links)}");
        }
    }

    private static string NewEmail(string who) => $"{who}{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task Forged_host_headers_never_steer_the_password_reset_link()
    {
        var email = NewEmail("reset");
        (await app.SignedInVisitorAsync(email)).Dispose();
        using var attacker = Forging(app.CreateVisitor());

        (await PlenaryApp.SubmitFormAsync(attacker, "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email }))
            .StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);

        await LinksAreOursAsync(email, "reset-password");
    }

    [Fact]
    public async Task Forged_host_headers_never_steer_the_sign_up_confirmation_or_the_sign_in_link()
    {
        var email = NewEmail("signup");
        using var visitor = Forging(app.CreateVisitor());
        (await app.SignUpAsync(visitor, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await LinksAreOursAsync(email, "confirm-email");

        (await visitor.GetAsync(await app.LinkFromOutboxAsync(email, "confirm-email"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.SubmitFormAsync(visitor, "/account/sign-in", new Dictionary<string, string> { ["Email"] = email }, "/account/sign-in?handler=Link"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await LinksAreOursAsync(email, "sign-in-link");
    }

    [Fact]
    public async Task Forged_host_headers_never_steer_invitations_from_the_page_or_the_api()
    {
        using var secretariat = Forging(await app.SecretariatOfAsync("igf2022"));
        var byPage = NewEmail("invpage");
        (await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/invitations",
            new Dictionary<string, string> { ["Email"] = byPage, ["Role"] = "Reviewer", ["Language"] = "en" }, "/igf2022/manage/invitations?handler=Send"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await LinksAreOursAsync(byPage, "invitation");

        using var api = Forging(app.ApiClient(await PlenaryApp.ApiTokenOfAsync(await app.SecretariatOfAsync("igf2022"))));
        var byApi = NewEmail("invapi");
        var sent = await api.PostAsJsonAsync("/api/forums/igf2022/invitations", new { email = byApi, role = "Reviewer" });
        sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        await LinksAreOursAsync(byApi, "invitation");
    }

    [Fact]
    public async Task Forged_host_headers_never_steer_the_registration_confirmation()
    {
        var email = NewEmail("register");
        using var visitor = Forging(await app.SignedInVisitorAsync(email));
        (await PlenaryApp.SubmitFormAsync(visitor, "/igf2022/register", new Dictionary<string, string> { ["Form.Mode"] = "Online" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await LinksAreOursAsync(email, "registration");
    }

    [Fact]
    public async Task Forged_host_headers_never_steer_the_proposal_messages()
    {
        await ProposalForums.EnsureAsync(app, ProposalForums.Open);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var proposerEmail = NewEmail("proposer");
        using var proposer = Forging(await app.SignedInVisitorAsync(proposerEmail));
        var organiser = new ProposalForums.Person($"Co {tag}", $"co-{tag}@example.org");
        var speaker = new ProposalForums.Person($"Speaker {tag}", $"spk-{tag}@example.org");
        var id = await ProposalForums.CreateAsync(proposer, ProposalForums.Open,
            ProposalForums.Fields($"Links {tag}", organisers: [organiser], speakers: [speaker]));
        await LinksAreOursAsync(speaker.Email, "proposal-speaker");
        await LinksAreOursAsync(organiser.Email, "proposal-organiser");

        var url = $"/{ProposalForums.Open}/proposals/{id}";
        (await PlenaryApp.SubmitFormAsync(proposer, url, new Dictionary<string, string> { ["WithdrawReason"] = "Merged elsewhere" }, $"{url}?handler=Withdraw"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await LinksAreOursAsync(proposerEmail, "proposal");
        await LinksAreOursAsync(organiser.Email, "proposal");
    }

    [Fact]
    public async Task Forged_host_headers_never_steer_the_release_notices()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        var moving = await forum.SessionAsync(1, "Moving workshop", ReleaseForum.At(new DateOnly(2030, 3, 4), 0, 9));
        using var secretariat = Forging(await app.SecretariatOfAsync(forum.Slug));
        (await forum.ReleaseAsync(secretariat, "v1")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var email = NewEmail("agenda");
        using (var visitor = await app.SignedInVisitorAsync(email))
        {
            await ReleaseTests.SaveAsync(visitor, forum.Slug, moving.Id);
        }
        await forum.MoveAsync(moving, ReleaseForum.At(new DateOnly(2030, 3, 4), 0, 15));

        (await forum.ReleaseAsync(secretariat, "v2")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await LinksAreOursAsync(email, "agenda.change");
    }

    [Fact]
    public async Task Forged_host_headers_never_steer_the_reminders_the_secretariat_sends()
    {
        var session = await ReminderTestData.PlacedSessionAsync(app, 10390, new DateTime(2022, 11, 29, 8, 0, 0, DateTimeKind.Utc), "Overdue links session");
        (await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur)).Dispose();
        var email = (await ReminderTestData.EmailsAsync(app, session, SessionRoleKind.Rapporteur))[0];
        using var secretariat = Forging(await app.SecretariatOfAsync(session.Forum.Slug));

        (await PlenaryApp.SubmitFormAsync(secretariat, $"/{session.Forum.Slug}/manage/reports", [], $"/{session.Forum.Slug}/manage/reports?handler=Remind")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await LinksAreOursAsync(email, "report-reminder");
    }

    /// <summary>
    /// Feeds, exports and the API document are cached and read far away: built during a forged request they would carry
    /// the forger's server to every later reader. Asked first with forged headers, then plainly, both carry ours only.
    /// </summary>
    [Theory]
    [InlineData("/igf2022/schedule.ics")]
    [InlineData("/igf2022/schedule.xml")]
    [InlineData("/igf2022/schedule.json")]
    [InlineData("/igf2022/reports.atom")]
    [InlineData("/openapi/v1.json")]
    public async Task Feeds_and_exports_link_to_the_public_address_whoever_asks_first(string path)
    {
        await app.EvictPublicCacheAsync();
        using var forger = Forging(app.CreateVisitor());
        foreach (var client in new[] { forger, app.Client })
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            // iCalendar folds long lines (a line break and a space), cutting links in two.
            var body = (await response.Content.ReadAsStringAsync()).Replace("\r\n ", "", StringComparison.Ordinal);
            body.ShouldNotContain("evil.example");
            // Links to the site itself start with the public address (the OpenAPI document's own links are to specifications).
            LinksIn(body).Where(l => l.Contains("localhost", StringComparison.Ordinal) || l.Contains("forum.example.org", StringComparison.Ordinal))
                .ShouldAllBe(l => l.StartsWith(origin + "/"));
            body.ShouldContain(origin + "/");
        }
    }
}

/// <summary>The app with its public address configured, as behind a proxy.</summary>
public sealed class PublicAddressOnSqliteApp : PlenaryApp
{
    public override string Provider => "SQLite";

    protected override void UseDatabase(IWebHostBuilder web) => web.UseSetting("Plenary:Mail:PublicBaseUrl", MailLinksTests.Public + "/");
}

public sealed class PublicAddressOnPostgresApp : PlenaryApp
{
    private readonly PostgresDatabase database = new();

    public override string Provider => "PostgreSQL";

    protected override void UseDatabase(IWebHostBuilder web)
    {
        web.UseSetting("ConnectionStrings:Postgres", database.ConnectionString);
        web.UseSetting("Plenary:Mail:PublicBaseUrl", MailLinksTests.Public + "/");
    }

    public override async Task InitializeAsync()
    {
        await database.CreateAsync();
        await base.InitializeAsync();
    }

    protected override Task DropDatabaseAsync() => database.DropAsync();
}

[CollectionDefinition("sqlite-public-address")]
public sealed class PublicAddressOnSqliteCollection : ICollectionFixture<PublicAddressOnSqliteApp>;

[CollectionDefinition("postgres-public-address")]
public sealed class PublicAddressOnPostgresCollection : ICollectionFixture<PublicAddressOnPostgresApp>;

[Collection("sqlite")]
public sealed class MailLinksOnSqlite(SqliteApp app) : MailLinksTests(app, "http://localhost");

[Collection("postgres")]
public sealed class MailLinksOnPostgres(PostgresApp app) : MailLinksTests(app, "http://localhost");

[Collection("sqlite-public-address")]
public sealed class ConfiguredMailLinksOnSqlite(PublicAddressOnSqliteApp app) : MailLinksTests(app, MailLinksTests.Public);

[Collection("postgres-public-address")]
public sealed class ConfiguredMailLinksOnPostgres(PublicAddressOnPostgresApp app) : MailLinksTests(app, MailLinksTests.Public);
