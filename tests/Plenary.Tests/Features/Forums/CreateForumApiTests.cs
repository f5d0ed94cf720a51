using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Forums;

/// <summary>A site administrator creates a forum by API, with the creation page's rules; nobody else can.</summary>
public abstract class CreateForumApiTests(PlenaryApp app)
{
    private static string NewSlug() => $"api-{Guid.NewGuid():N}"[..16];

    private static object NewForum(string slug, string? secretariatEmail = null, string year = "2026") => new
    {
        slug, year = int.Parse(year, System.Globalization.CultureInfo.InvariantCulture), country = "no", secretariatEmail,
        settings = new
        {
            name = $"IGF 2026 {slug}", theme = "Building our multistakeholder digital future", hostCity = "Oslo", venue = "Norges Varemesse, Lillestrøm",
            timeZone = "Europe/Oslo", firstDay = "2026-06-23", lastDay = "2026-06-27", languages = new[] { "en", "fr" }, otherLanguages = "nb",
        },
    };

    [Fact]
    public async Task Administrator_creates_a_forum_by_api_that_is_public_at_once_with_its_first_secretariat()
    {
        var slug = NewSlug();
        var secretaryEmail = $"sec{Guid.NewGuid():N}@example.org";
        using var secretary = await app.SignedInVisitorAsync(secretaryEmail);
        using var admin = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(await app.AdministratorAsync()));
        (await app.GetPageAsync("/")).Page.Body!.TextContent.ShouldNotContain(slug);

        var created = await admin.PostAsJsonAsync("/api/forums", NewForum(slug, secretaryEmail));

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.OriginalString.ShouldBe($"/api/forums/{slug}");
        var summary = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        (summary.GetProperty("slug").GetString(), summary.GetProperty("countryCode").GetString()).ShouldBe((slug, "NO"));
        summary.GetProperty("languages").EnumerateArray().Select(l => l.GetString()).ShouldBe(["en", "fr", "nb"]);
        (await app.GetPageAsync("/")).Page.QuerySelectorAll("ul.forums a").Select(a => a.GetAttribute("href")).ShouldContain($"/{slug}");
        (await app.GetAsync($"/api/forums/{slug}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await secretary.GetAsync($"/{slug}/manage")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.InDbAsync(db => db.SessionTypes.CountAsync(t => db.Forums.Any(f => f.Id == t.ForumId && f.Slug == slug)))).ShouldBeGreaterThan(0);
        (await app.InDbAsync(db => db.AuditLog.Where(e => db.Forums.Any(f => f.Id == e.ForumId && f.Slug == slug)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()))
            .ShouldBe(["forum.create", "team.add"]);
    }

    [Fact]
    public async Task A_bad_or_taken_forum_is_a_validation_problem_and_only_administrators_create_forums_by_api()
    {
        using var admin = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(await app.AdministratorAsync()));
        var bad = await admin.PostAsJsonAsync("/api/forums", new { slug = "API", year = 1200, country = "ZZ", secretariatEmail = "nobody@example.org", settings = new { timeZone = "Mars/Olympus" } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var keys = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        new[] { "slug", "year", "country", "secretariat", "name", "timezone", "first" }.ShouldBeSubsetOf(keys);

        (await admin.PostAsJsonAsync("/api/forums", NewForum("api"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "api is Plenary's own address");
        var taken = await admin.PostAsJsonAsync("/api/forums", NewForum("igf2022"));
        taken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await taken.Content.ReadAsStringAsync()).ShouldContain("A forum already uses the address");

        var slug = NewSlug();
        using var secretariat = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(await app.SecretariatOfAsync("igf2022")));
        var refused = await secretariat.PostAsJsonAsync("/api/forums", NewForum(slug));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await app.InDbAsync(db => db.Forums.AnyAsync(f => f.Slug == slug))).ShouldBeFalse();
    }
}

[Collection("sqlite")]
public sealed class CreateForumApiOnSqlite(SqliteApp app) : CreateForumApiTests(app);

[Collection("postgres")]
public sealed class CreateForumApiOnPostgres(PostgresApp app) : CreateForumApiTests(app);
