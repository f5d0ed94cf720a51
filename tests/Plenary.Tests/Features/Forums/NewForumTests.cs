using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Forums;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Forums;

/// <summary>A site administrator creates a forum, usable at once; nobody else can; bad input is explained and creates nothing.</summary>
public abstract class NewForumTests(PlenaryApp app)
{
    private static string NewSlug() => $"igf-{Guid.NewGuid():N}"[..16];

    private static List<KeyValuePair<string, string>> Form(string slug, params (string Field, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Slug"] = slug, ["Year"] = "2026", ["Country"] = "NO", ["Name"] = $"IGF 2026 {slug}", ["Theme"] = "Building our multistakeholder digital future",
            ["HostCity"] = "Oslo", ["Venue"] = "Norges Varemesse, Lillestrøm", ["TimeZone"] = "Europe/Oslo", ["FirstDay"] = "2026-06-23", ["LastDay"] = "2026-06-27",
            ["OtherLanguages"] = "nb, pt-br", ["Description"] = "The **twenty-first** IGF. <script>alert(1)</script>",
        };
        foreach (var (field, value) in changes)
        {
            fields[field] = value;
        }
        return [.. fields, new("Languages", "en"), new("Languages", "fr")];
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient visitor, IEnumerable<KeyValuePair<string, string>> form) =>
        PlenaryApp.SubmitFormAsync(visitor, "/admin/forums/new", form);

    [Fact]
    public async Task Administrator_creates_a_forum_that_is_public_at_once_and_run_by_its_first_secretariat()
    {
        var slug = NewSlug();
        var secretaryEmail = $"sec{Guid.NewGuid():N}@example.org";
        using var secretary = await app.SignedInVisitorAsync(secretaryEmail);
        using var admin = await app.AdministratorAsync();
        // The home page is cached for anonymous readers; the new forum must show all the same.
        (await app.GetPageAsync("/")).Page.Body!.TextContent.ShouldNotContain(slug);
        (await secretary.GetAsync($"/{slug}/manage")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var created = await CreateAsync(admin, [.. Form(slug), new("SecretariatEmail", secretaryEmail)]);

        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        created.Headers.Location!.OriginalString.ShouldBe($"/{slug}/manage");
        var home = (await app.GetPageAsync("/")).Page;
        home.QuerySelectorAll("ul.forums a").Select(a => a.GetAttribute("href")).ShouldContain($"/{slug}");
        var (status, page) = await app.GetPageAsync($"/{slug}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe($"IGF 2026 {slug}");
        page.QuerySelector("main")!.InnerHtml.ShouldContain("<strong>twenty-first</strong>");
        page.QuerySelector("main script").ShouldBeNull();
        var programme = await app.GetPageAsync($"/{slug}/programme");
        programme.Status.ShouldBe(HttpStatusCode.OK);
        programme.Page.QuerySelectorAll("main .s").Length.ShouldBe(0);
        (await secretary.GetAsync($"/{slug}/manage")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await secretary.GetAsync($"/{slug}/manage/session-types")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var forum = await app.InDbAsync(db => db.Forums.Include(f => f.SessionTypes).SingleAsync(f => f.Slug == slug));
        (forum.Year, forum.CountryCode, forum.TimeZoneId, forum.FirstDay, forum.IsDemo).ShouldBe((2026, "NO", "Europe/Oslo", new DateOnly(2026, 6, 23), false));
        forum.Languages.ShouldBe(["en", "fr", "nb", "pt-BR"]);
        var demoTypes = await app.InDbAsync(db => db.SessionTypes.Where(t => db.Forums.Any(f => f.Id == t.ForumId && f.Slug == "igf2022")).OrderBy(t => t.Position)
            .Select(t => new { t.Code, t.NumberLabel, t.DefaultLengthMinutes }).ToListAsync());
        forum.SessionTypes.OrderBy(t => t.Position).Select(t => new { t.Code, t.NumberLabel, t.DefaultLengthMinutes }).ShouldBe(demoTypes);
        var log = await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.Id).OrderBy(e => e.Id).ToListAsync());
        log.Select(e => e.Action).ShouldBe(["forum.create", "team.add"]);
        log[0].After!.ShouldContain(secretaryEmail);
        log[0].Actor.ShouldStartWith("adm");

        var list = await PlenaryApp.ParseAsync(await admin.GetAsync("/admin/forums"));
        var links = list.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldContain($"/{slug}");
        links.ShouldContain($"/{slug}/manage");
    }

    [Fact]
    public async Task A_secretariat_that_is_not_an_administrator_cannot_create_forums()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var slug = NewSlug();
        var page = await secretariat.GetAsync("/admin/forums/new");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.PathAndQuery.ShouldStartWith("/account/denied");

        var post = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage", Form(slug), "/admin/forums/new");

        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        post.Headers.Location!.PathAndQuery.ShouldStartWith("/account/denied");
        (await app.InDbAsync(db => db.Forums.AnyAsync(f => f.Slug == slug))).ShouldBeFalse();
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync("/account"))).QuerySelector("a[href='/admin/forums']").ShouldBeNull();
    }

    [Theory]
    [InlineData("Slug", "igf2022", "already uses the address")]
    [InlineData("Slug", "account", "used by Plenary's own pages")]
    [InlineData("Slug", "admin", "used by Plenary's own pages")]
    [InlineData("Slug", "api", "used by Plenary's own pages")]
    [InlineData("Slug", "IGF 2026", "lowercase letters, digits and dashes")]
    [InlineData("TimeZone", "Mars/Olympus", "is not a time zone")]
    [InlineData("LastDay", "2026-06-01", "on or after the first day")]
    [InlineData("OtherLanguages", "pt, qqx", "“qqx” is not a language code")]
    [InlineData("Languages", "tlh", "Choose from the list")]
    [InlineData("Year", "next year", "year of the forum")]
    [InlineData("Country", "XX", "country from the list")]
    [InlineData("SecretariatEmail", "nobody@example.org", "No account uses this address")]
    public async Task Bad_new_forum_is_explained_and_nothing_is_created(string field, string value, string message)
    {
        using var admin = await app.AdministratorAsync();
        var slug = NewSlug();
        var form = Form(slug, field == "Languages" ? [] : [(field, value)]);
        if (field == "Languages")
        {
            form.Add(new("Languages", value));
        }
        var before = await app.InDbAsync(db => db.Forums.CountAsync());

        var answer = await CreateAsync(admin, form);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelectorAll("[role=alert] li").Select(li => li.TextContent).ShouldContain(p => p.Contains(message), 1);
        page.QuerySelector("[aria-invalid=true]").ShouldNotBeNull();
        (await app.InDbAsync(db => db.Forums.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task A_forum_needs_at_least_one_language()
    {
        using var admin = await app.AdministratorAsync();
        var form = Form(NewSlug(), ("OtherLanguages", "")).Where(f => f.Key != "Languages");
        var answer = await CreateAsync(admin, form);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("at least one language");
    }

    [Fact]
    public void Reserved_slugs_are_the_first_segments_of_the_apps_own_routes()
    {
        var reserved = Slugs.Reserved(app.Services.GetRequiredService<EndpointDataSource>());
        foreach (var segment in new[] { "account", "admin", "api", "people", "language", "error", "health", "openapi", "invitations", "css", "js" })
        {
            reserved.ShouldContain(segment);
        }
        reserved.ShouldNotContain("igf2022");
        reserved.ShouldNotContain("manage");
    }

    [Fact]
    public async Task An_administrator_finds_the_forum_list_from_their_account_page()
    {
        using var admin = await app.AdministratorAsync();
        var account = await PlenaryApp.ParseAsync(await admin.GetAsync("/account"));
        account.QuerySelector("a[href='/admin/forums']").ShouldNotBeNull();
        var list = await PlenaryApp.ParseAsync(await admin.GetAsync("/admin/forums"));
        list.QuerySelector("a[href='/admin/forums/new']").ShouldNotBeNull();
        list.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ShouldContain("/igf2022/manage");
    }
}

[Collection("sqlite")]
public sealed class NewForumOnSqlite(SqliteApp app) : NewForumTests(app);

[Collection("postgres")]
public sealed class NewForumOnPostgres(PostgresApp app) : NewForumTests(app);
