using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Frameworks;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Search;

/// <summary>
/// The search's Global Digital Compact and WSIS facets, on both engines: a value's link narrows the results to the sessions
/// linked to it, its count is the number of results that link gives (page and API), and a code the framework does not
/// have is refused with a 400 and a message naming the codes it has.
/// </summary>
public abstract class SearchFrameworkFacetsTests(PlenaryApp app)
{
    private static string Word(string stem) => stem + new string([.. Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))]);

    /// <summary>Three sessions with the word: #1 linked to objective 3 and action lines C5 and C10, #2 to C5, #3 to nothing.</summary>
    private async Task<(OwnForum Forum, string Word)> CorpusAsync()
    {
        var word = Word("frimb");
        var forum = await app.ForumOfItsOwnAsync("fwfacets", unplaced: 3, shape: f => (f.UsesGdc, f.UsesWsis) = (true, true));
        await app.InDbAsync(async db =>
        {
            for (var n = 1; n <= 3; n++)
            {
                var id = forum.Session(n).Id;
                var tracked = await db.Sessions.AsTracking().SingleAsync(x => x.Id == id);
                tracked.Title = $"The {word} question, part {n}";
            }
            db.SessionFrameworkLinks.AddRange(
                new SessionFrameworkLink { SessionId = forum.Session(1).Id, Framework = Framework.Gdc, Code = "3" },
                new SessionFrameworkLink { SessionId = forum.Session(1).Id, Framework = Framework.Wsis, Code = "C5" },
                new SessionFrameworkLink { SessionId = forum.Session(1).Id, Framework = Framework.Wsis, Code = "C10" },
                new SessionFrameworkLink { SessionId = forum.Session(2).Id, Framework = Framework.Wsis, Code = "C5" });
            await db.SaveChangesAsync();
        });
        return (forum, word);
    }

    private static Dictionary<string, int> Counts(JsonElement json, string facet) =>
        json.GetProperty("facets").GetProperty(facet).EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt32());

    private static List<string> Urls(JsonElement json) =>
        [.. json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_framework_facet_link_narrows_the_api_results_to_the_linked_sessions_and_counts_what_it_gives()
    {
        var (forum, word) = await CorpusAsync();
        var url = $"/api/search?q={word}&forum={forum.Slug}";
        var (status, _, json) = await app.GetJsonAsync(url);
        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("total").GetInt32().ShouldBe(3);
        Counts(json, "gdc").ShouldBe(new Dictionary<string, int> { ["3"] = 1 });
        Counts(json, "wsis").ShouldBe(new Dictionary<string, int> { ["C5"] = 2, ["C10"] = 1 });
        // In the framework's order, C5 before C10, each labelled as the sessions' chips are.
        json.GetProperty("facets").GetProperty("wsis").EnumerateArray().Select(v => v.GetProperty("label").GetString())
            .ShouldBe(["C5 Confidence and security", "C10 Ethics"]);
        json.GetProperty("facets").GetProperty("gdc")[0].GetProperty("label").GetString()!.ShouldStartWith("GDC 3 ");

        foreach (var (key, value) in new[] { ("gdc", "3"), ("wsis", "C5"), ("wsis", "C10") })
        {
            var (_, _, narrowed) = await app.GetJsonAsync($"{url}&{key}={value}");
            narrowed.GetProperty("total").GetInt32().ShouldBe(Counts(json, key)[value], $"{key}={value}");
        }
        var (_, _, objective) = await app.GetJsonAsync($"{url}&gdc=3");
        Urls(objective).ShouldBe([$"/{forum.Slug}/sessions/{forum.Session(1).Key}"]);
        // The code in any case, as the programme filter takes it; combined, both must hold.
        var (_, _, line) = await app.GetJsonAsync($"{url}&wsis=c5");
        Urls(line).ShouldBe(new[] { forum.Session(1), forum.Session(2) }.Select(s => $"/{forum.Slug}/sessions/{s.Key}").Order(StringComparer.Ordinal).ToList());
        var (_, _, both) = await app.GetJsonAsync($"{url}&gdc=3&wsis=C5");
        both.GetProperty("total").GetInt32().ShouldBe(1);
        // A chosen facet lists its chosen value only.
        Counts(both, "wsis").Keys.ShouldBe(["C5"]);
        Counts(both, "gdc").ShouldBe(new Dictionary<string, int> { ["3"] = 1 });
    }

    [Fact]
    public async Task The_search_page_lists_the_framework_facets_whose_links_give_as_many_results_as_they_say()
    {
        var (forum, word) = await CorpusAsync();
        var (status, page) = await app.GetPageAsync($"/search?q={word}&forum={forum.Slug}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("nav.facets h3").Select(h => h.TextContent).ShouldContain("Global Digital Compact");
        page.QuerySelectorAll("nav.facets h3").Select(h => h.TextContent).ShouldContain("WSIS action lines");
        var links = page.QuerySelectorAll("nav.facets li a").Select(a => a.GetAttribute("href")!)
            .Where(h => h.Contains("&gdc=", StringComparison.Ordinal) || h.Contains("&wsis=", StringComparison.Ordinal)).ToList();
        links.ShouldBe([
            $"/search?q={word}&forum={forum.Slug}&gdc=3",
            $"/search?q={word}&forum={forum.Slug}&wsis=C5",
            $"/search?q={word}&forum={forum.Slug}&wsis=C10"]);
        foreach (var li in page.QuerySelectorAll("nav.facets li").Where(li => links.Contains(li.QuerySelector("a")!.GetAttribute("href")!)))
        {
            var href = li.QuerySelector("a")!.GetAttribute("href")!;
            var (_, linked) = await app.GetPageAsync(href);
            linked.QuerySelectorAll("ol.results > li").Length.ShouldBe(int.Parse(li.QuerySelector(".c")!.TextContent), href);
        }

        // Chosen, the objective shows as a link that takes it away, and the search keeps the rest.
        var (_, narrowed) = await app.GetPageAsync($"/search?q={word}&forum={forum.Slug}&gdc=3");
        narrowed.QuerySelectorAll("ol.results > li").Length.ShouldBe(1);
        narrowed.QuerySelectorAll("ul.chosen a").Single(a => a.TextContent.Contains("GDC 3")).GetAttribute("href")
            .ShouldBe($"/search?q={word}&forum={forum.Slug}");
        // The words can change and the objective stays chosen.
        narrowed.QuerySelectorAll("form input[type=hidden][name=gdc]").Select(i => i.GetAttribute("value")).ShouldContain("3");
    }

    [Theory]
    [InlineData("gdc=6", "gdc", "is not a Global Digital Compact objective")]
    [InlineData("gdc=C5", "gdc", "is not a Global Digital Compact objective")]
    [InlineData("wsis=C12", "wsis", "is not a WSIS action line")]
    [InlineData("wsis=5", "wsis", "is not a WSIS action line")]
    [InlineData("gdc=1&gdc=2", "gdc", "Give only one value")]
    [InlineData("wsis=C1&wsis=C2", "wsis", "Give only one value")]
    public async Task A_code_the_framework_does_not_have_is_refused_with_a_clear_message(string facet, string field, string message)
    {
        var (status, page) = await app.GetPageAsync($"/search?q=data&{facet}");
        status.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector("#search-problem")!.TextContent.ShouldContain(message);
        var (apiStatus, mediaType, json) = await app.GetJsonAsync($"/api/search?q=data&{facet}");
        apiStatus.ShouldBe(HttpStatusCode.BadRequest);
        mediaType.ShouldBe("application/problem+json");
        json.GetProperty("field").GetString().ShouldBe(field);
        json.GetProperty("detail").GetString()!.ShouldContain(message);
    }
}

[Collection("sqlite")]
public sealed class SearchFrameworkFacetsOnSqlite(SqliteApp app) : SearchFrameworkFacetsTests(app);

[Collection("postgres")]
public sealed class SearchFrameworkFacetsOnPostgres(PostgresApp app) : SearchFrameworkFacetsTests(app);
