using System.Net;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Forums;

/// <summary>The forum's other public pages, and what every page shares: headers, assets, language switch.</summary>
public abstract class ForumPagesTests(PlenaryApp app)
{
    [Fact]
    public async Task Front_page_lists_the_demo_forum()
    {
        var (status, page) = await app.GetPageAsync("/");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ShouldContain("/igf2022");
    }

    [Fact]
    public async Task Forum_home_has_dates_venue_time_zone_and_figures()
    {
        var (status, page) = await app.GetPageAsync("/igf2022");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldStartWith("IGF 2022");
        var facts = page.QuerySelectorAll("dl.facts dt").ToDictionary(d => d.TextContent, d => d.NextElementSibling!.TextContent);
        facts["Dates"].ShouldBe("Monday 28 November 2022 – Friday 2 December 2022");
        facts["Venue"].ShouldContain("Addis Ababa");
        facts["Time zone"].ShouldContain("Addis Ababa");
    }

    [Fact]
    public async Task Forum_home_counts_the_released_sessions_that_are_not_cancelled()
    {
        // Seven placed (two of them cancelled) and three left out, all released; then two more made after the release.
        var forum = await app.ForumOfItsOwnAsync("figures", rooms: 2, placed: 7, unplaced: 3, cancelled: 2, released: true);
        await app.InDbAsync(async db =>
        {
            var workshop = forum.Sessions[0].TypeId;
            db.Sessions.AddRange(
                new Plenary.Features.Sessions.Session { ForumId = forum.Id, TypeId = workshop, Number = 11, Title = "Not released yet", LengthMinutes = 60 },
                new Plenary.Features.Sessions.Session { ForumId = forum.Id, TypeId = workshop, Number = 12, Title = "Not released either", LengthMinutes = 60 });
            await db.SaveChangesAsync();
        });
        await app.EvictPublicCacheAsync();

        var (status, page) = await app.GetPageAsync($"/{forum.Slug}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll(".figures li").First().TextContent.ShouldBe("8 Sessions");
    }

    [Theory]
    [InlineData("/igf2022/rooms")]
    [InlineData("/igf2022/people")]
    [InlineData("/igf2022/sdgs")]
    [InlineData("/igf2022/sdgs/9")]
    public async Task Forum_pages_answer_with_a_heading_and_content(string url)
    {
        var (status, page) = await app.GetPageAsync(url);
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        page.QuerySelectorAll("main a").Length.ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task Sdg_goal_page_lists_its_targets_and_sessions()
    {
        var (_, page) = await app.GetPageAsync("/igf2022/sdgs/9");
        page.QuerySelector(".eyebrow")!.TextContent.ShouldBe("Sustainable Development Goal 9");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Industry, innovation and infrastructure");
        page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain("http://metadata.un.org/sdg/9.c");
        page.QuerySelectorAll("ol.sessions h3 a").Select(a => a.GetAttribute("href")).ShouldContain("/igf2022/sessions/of-56");
    }

    [Fact]
    public async Task Room_page_lists_its_sessions()
    {
        var id = await app.InDbAsync(db => Task.FromResult(db.Rooms.Single(r => r.Name == "Banquet Hall A").Id));
        var (status, page) = await app.GetPageAsync($"/igf2022/rooms/{id}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Banquet Hall A");
        page.QuerySelectorAll("ol.sessions h3 a").Select(a => a.GetAttribute("href")).ShouldContain("/igf2022/sessions/of-56");
    }

    [Fact]
    public async Task Person_page_lists_their_roles()
    {
        var id = await app.InDbAsync(db => Task.FromResult(db.People.Single(p => p.Name == "Yik Chan Chin").Id));
        var (status, page) = await app.GetPageAsync($"/people/{id}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldContain("Yik Chan Chin");
        page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ShouldContain("/igf2022/sessions/of-56");
    }

    [Theory]
    [InlineData("/no-such-forum")]
    [InlineData("/igf2022/sdgs/18")]
    [InlineData("/igf2022/rooms/99999")]
    [InlineData("/people/99999999")]
    [InlineData("/igf2022/no-such-page")]
    public async Task Unknown_pages_are_404_pages_in_the_sites_layout(string url)
    {
        var (status, page) = await app.GetPageAsync(url);
        status.ShouldBe(HttpStatusCode.NotFound);
        page.QuerySelector("header.site").ShouldNotBeNull();
        page.QuerySelector("main h1")!.TextContent.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Pages_send_security_headers_and_a_strict_content_security_policy()
    {
        using var response = await app.GetAsync("/igf2022/programme");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task Pages_load_one_stylesheet_and_one_deferred_script_that_exist()
    {
        var (_, page) = await app.GetPageAsync("/igf2022/programme");
        var styles = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        var scripts = page.QuerySelectorAll("script").ToList();
        styles.Count.ShouldBe(1);
        scripts.Count.ShouldBe(1);
        scripts[0].HasAttribute("defer").ShouldBeTrue();
        foreach (var (url, type) in styles.Select(s => (s, "text/css")).Append((scripts[0].GetAttribute("src")!, "text/javascript")))
        {
            // Browsers on plain HTTP ask for gzip only; HTTPS adds br.
            foreach (var encoding in new[] { "identity", "gzip", "gzip, deflate, br" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.AcceptEncoding.ParseAdd(encoding);
                using var asset = await app.Client.SendAsync(request);
                asset.StatusCode.ShouldBe(HttpStatusCode.OK, url);
                asset.Content.Headers.ContentType?.MediaType.ShouldBe(type, $"{url} with {encoding}");
                (await asset.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100, $"{url} with {encoding}");
            }
        }
    }

    [Fact]
    public async Task Language_switch_remembers_the_choice_and_goes_back()
    {
        using var response = await app.GetAsync("/language/fr?returnUrl=%2Figf2022%2Fprogramme%3Ftype%3DOF");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/igf2022/programme?type=OF");
        response.Headers.GetValues("Set-Cookie").Single().ShouldContain("c%3Dfr");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task Language_switch_never_sends_people_to_another_site(string returnUrl)
    {
        using var response = await app.GetAsync($"/language/fr?returnUrl={Uri.EscapeDataString(returnUrl)}");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task test_unknown_language_is_a_404()
    {
        using var response = await app.GetAsync("/language/xx?returnUrl=/");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

[Collection("sqlite")]
public sealed class ForumPagesOnSqlite(SqliteApp app) : ForumPagesTests(app);

[Collection("postgres")]
public sealed class ForumPagesOnPostgres(PostgresApp app) : ForumPagesTests(app);
