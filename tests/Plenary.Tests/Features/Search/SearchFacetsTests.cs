using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.People;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Search;

/// <summary>
/// The search's facets and its year-by-year chart, on both engines: every facet value's count is the number of results its
/// link gives (page and API), facets combine, bad values are refused with 400 and a clear message, and the chart of
/// sessions per forum edition comes with its figures as a table whose years link to their results.
/// </summary>
public abstract class SearchFacetsTests(PlenaryApp app)
{
    /// <summary>A made-up word no other test or demo text has, so a search over every forum finds this test's sessions only.</summary>
    private static string Word(string stem) => stem + new string([.. Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))]);

    private static async Task SetAsync(Plenary.Infrastructure.Data.PlenaryDb db, Session s, Action<Session> change)
    {
        var tracked = await db.Sessions.AsTracking().SingleAsync(x => x.Id == s.Id);
        change(tracked);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Six sessions with the word: WS #1 and #2 open forums; #1 and #3 in the subtheme "Access"; goals 9 and 5 on #1, 9 on #2,
    /// 16 on #3; #1 and #3 organised by civil society of the African Group, #2 by a government person of WEOG; reports on #1
    /// and #4, transcripts on #1 and #5; #6 written in French.
    /// </summary>
    private async Task<(OwnForum Forum, string Word)> CorpusAsync()
    {
        var word = Word("plimb");
        var forum = await app.ForumOfItsOwnAsync("facets", unplaced: 6);
        await app.InDbAsync(async db =>
        {
            var openForum = await db.SessionTypes.Where(t => t.ForumId == forum.Id && t.Code == "OF").Select(t => t.Id).SingleAsync();
            var access = await db.Subthemes.Where(t => t.ForumId == forum.Id).Select(t => t.Id).SingleAsync();
            for (var n = 1; n <= 5; n++)
            {
                await SetAsync(db, forum.Session(n), s =>
                {
                    s.Title = $"The {word} question, part {n}";
                    s.TypeId = n <= 2 ? openForum : s.TypeId;
                    s.Number = n <= 2 ? 100 + n : s.Number;
                    s.SubthemeId = n is 1 or 3 ? access : null;
                });
            }
            await SetAsync(db, forum.Session(6), s => (s.Title, s.OriginalLanguage) = ($"La question {word} en français", "fr"));
            db.Set<SessionSdg>().AddRange(
                new SessionSdg { SessionId = forum.Session(1).Id, Goal = 9 }, new SessionSdg { SessionId = forum.Session(1).Id, Goal = 5 },
                new SessionSdg { SessionId = forum.Session(2).Id, Goal = 9 }, new SessionSdg { SessionId = forum.Session(3).Id, Goal = 16 });
            var society = new Organisation { Name = $"Society {Guid.NewGuid():N}", StakeholderGroup = StakeholderGroup.CivilSociety, RegionalGroup = RegionalGroup.AfricanGroup };
            var official = new Person { Name = $"Official {Guid.NewGuid():N}", StakeholderGroup = StakeholderGroup.Government, RegionalGroup = RegionalGroup.Weog };
            db.AddRange(society, official);
            await db.SaveChangesAsync();
            db.Set<SessionRole>().AddRange(
                new SessionRole { SessionId = forum.Session(1).Id, Kind = SessionRoleKind.Organiser, OrganisationId = society.Id },
                new SessionRole { SessionId = forum.Session(3).Id, Kind = SessionRoleKind.Organiser, OrganisationId = society.Id },
                new SessionRole { SessionId = forum.Session(2).Id, Kind = SessionRoleKind.Organiser, PersonId = official.Id },
                // A speaker's group is not the organisers'.
                new SessionRole { SessionId = forum.Session(4).Id, Kind = SessionRoleKind.Speaker, PersonId = official.Id });
            db.SessionReports.AddRange(
                new SessionReport { SessionId = forum.Session(1).Id, Body = "What was said." },
                new SessionReport { SessionId = forum.Session(4).Id, Body = "What was said." });
            db.Transcripts.AddRange(
                new Transcript { SessionId = forum.Session(1).Id, Format = TranscriptFormat.Captions, Source = "Words.", Turns = "[]", SearchText = "Words.", SavedAt = DateTime.UtcNow },
                new Transcript { SessionId = forum.Session(5).Id, Format = TranscriptFormat.Captions, Source = "Words.", Turns = "[]", SearchText = "Words.", SavedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        return (forum, word);
    }

    private static Dictionary<string, int> Counts(JsonElement json, string facet) =>
        json.GetProperty("facets").GetProperty(facet).EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt32());

    /// <summary>Each value of each facet in the API's answer to <paramref name="url"/>, added to it, gives as many results as it counted.</summary>
    private async Task<int> EveryFacetCountIsWhatItsSearchGivesAsync(string url)
    {
        var (status, _, json) = await app.GetJsonAsync(url);
        status.ShouldBe(HttpStatusCode.OK, url);
        var checkedValues = 0;
        foreach (var facet in json.GetProperty("facets").EnumerateObject())
        {
            // A chosen facet of one value lists that value only, which the search already has.
            if (facet.Name != "has" && url.Contains($"&{facet.Name}=", StringComparison.Ordinal))
            {
                facet.Value.GetArrayLength().ShouldBe(1, facet.Name);
                continue;
            }
            foreach (var value in facet.Value.EnumerateArray().Where(v => !url.Contains($"&has={v.GetProperty("value").GetString()}", StringComparison.Ordinal)))
            {
                var narrowed = $"{url}&{facet.Name}={Uri.EscapeDataString(value.GetProperty("value").GetString()!)}";
                var (narrowedStatus, _, answer) = await app.GetJsonAsync(narrowed);
                narrowedStatus.ShouldBe(HttpStatusCode.OK, narrowed);
                answer.GetProperty("total").GetInt32().ShouldBe(value.GetProperty("count").GetInt32(), narrowed);
                checkedValues++;
            }
        }
        return checkedValues;
    }

    [Fact]
    public async Task Every_facet_counts_the_results_its_link_gives_in_the_api()
    {
        var (forum, word) = await CorpusAsync();
        var url = $"/api/search?q={word}&forum={forum.Slug}";
        var (_, _, json) = await app.GetJsonAsync(url);
        json.GetProperty("total").GetInt32().ShouldBe(6);
        Counts(json, "forum").ShouldBe(new Dictionary<string, int> { [forum.Slug] = 6 });
        Counts(json, "type").ShouldBe(new Dictionary<string, int> { ["WS"] = 4, ["OF"] = 2 });
        Counts(json, "sdg").ShouldBe(new Dictionary<string, int> { ["5"] = 1, ["9"] = 2, ["16"] = 1 });
        Counts(json, "group").ShouldBe(new Dictionary<string, int> { ["CivilSociety"] = 2, ["Government"] = 1 });
        Counts(json, "region").ShouldBe(new Dictionary<string, int> { ["AfricanGroup"] = 2, ["Weog"] = 1 });
        Counts(json, "lang").ShouldBe(new Dictionary<string, int> { ["en"] = 5, ["fr"] = 1 });
        Counts(json, "has").ShouldBe(new Dictionary<string, int> { ["report"] = 2, ["transcript"] = 2 });
        Counts(json, "subtheme").Values.ShouldBe([2]);
        json.GetProperty("facets").GetProperty("type").EnumerateArray().Single(v => v.GetProperty("value").GetString() == "OF")
            .GetProperty("label").GetString().ShouldBe("Open Forum");

        (await EveryFacetCountIsWhatItsSearchGivesAsync(url)).ShouldBe(14);
        // Combined: open forums on goal 9 are #1 and #2; of them only #1 has a report, and it has a transcript too.
        var combined = $"{url}&type=OF&sdg=9";
        (await app.GetJsonAsync(combined)).Json.GetProperty("total").GetInt32().ShouldBe(2);
        (await EveryFacetCountIsWhatItsSearchGivesAsync(combined)).ShouldBeGreaterThan(5);
        var both = $"{combined}&has=report&has=transcript&group=CivilSociety&region=AfricanGroup&lang=en";
        var (_, _, narrowest) = await app.GetJsonAsync(both);
        narrowest.GetProperty("total").GetInt32().ShouldBe(1);
        narrowest.GetProperty("results")[0].GetProperty("url").GetString().ShouldBe($"/{forum.Slug}/sessions/of-101");
        // A chosen facet of one value lists that value only: another goal would replace 9, and count something else.
        Counts((await app.GetJsonAsync(combined)).Json, "sdg").Keys.ShouldBe(["9"]);
    }

    [Fact]
    public async Task Every_facet_link_on_the_page_gives_as_many_results_as_it_says_and_chosen_ones_can_be_removed()
    {
        var (forum, word) = await CorpusAsync();
        var (status, page) = await app.GetPageAsync($"/search?q={word}&forum={forum.Slug}");
        status.ShouldBe(HttpStatusCode.OK);
        var links = page.QuerySelectorAll("nav.facets li").Select(li => (Href: li.QuerySelector("a")!.GetAttribute("href")!, Count: int.Parse(li.QuerySelector(".c")!.TextContent),
            Chosen: li.QuerySelector("a[aria-current]") is not null)).ToList();
        links.Count.ShouldBe(15);
        foreach (var (href, count, chosen) in links.Where(l => !l.Chosen))
        {
            var (linkStatus, linked) = await app.GetPageAsync(href);
            linkStatus.ShouldBe(HttpStatusCode.OK, href);
            linked.QuerySelectorAll("ol.results > li").Length.ShouldBe(count, href);
        }
        page.QuerySelectorAll("nav.facets h3").Select(h => h.TextContent).ShouldContain("Organisers' stakeholder group");
        page.QuerySelectorAll("nav.facets a").Select(a => a.TextContent).ShouldContain("9. Industry, innovation and infrastructure");

        // Chosen values show as links that take them away, and the search keeps the others.
        var (_, narrowed) = await app.GetPageAsync($"/search?q={word}&forum={forum.Slug}&type=OF&has=report");
        narrowed.QuerySelectorAll("ol.results > li").Length.ShouldBe(1);
        var chips = narrowed.QuerySelectorAll("ul.chosen a").ToList();
        chips.Select(a => a.TextContent.Trim()).ShouldContain(t => t.StartsWith("×") && t.EndsWith("Open Forum"));
        var removeType = chips.Single(a => a.TextContent.Contains("Open Forum")).GetAttribute("href")!;
        removeType.ShouldBe($"/search?q={word}&forum={forum.Slug}&has=report");
        (await app.GetPageAsync(removeType)).Page.QuerySelectorAll("ol.results > li").Length.ShouldBe(2);
        narrowed.QuerySelectorAll("nav.facets a[aria-current]").Single(a => a.TextContent.Contains("Open Forum")).GetAttribute("href")
            .ShouldBe($"/search?q={word}&forum={forum.Slug}&has=report");
    }

    /// <summary>
    /// The goals, organisers' groups and regions, reports and transcripts are kept on the index rows as bits
    /// (SearchFacetBits): every change they come from writes them again, the rows' own writing (the rebuild's) fills them,
    /// and the counts keep equal to the results.
    /// </summary>
    [Fact]
    public async Task The_facets_kept_on_the_index_rows_follow_the_goals_organisers_and_outputs_they_come_from()
    {
        var (forum, word) = await CorpusAsync();
        var url = $"/api/search?q={word}&forum={forum.Slug}";
        await app.InDbAsync(async db =>
        {
            db.Set<SessionSdg>().Remove(await db.Set<SessionSdg>().AsTracking().SingleAsync(g => g.SessionId == forum.Session(2).Id && g.Goal == 9));
            db.Set<SessionSdg>().Add(new SessionSdg { SessionId = forum.Session(4).Id, Goal = 13 });
            await db.SaveChangesAsync();
        });
        var (_, _, json) = await app.GetJsonAsync(url);
        Counts(json, "sdg").ShouldBe(new Dictionary<string, int> { ["5"] = 1, ["9"] = 1, ["13"] = 1, ["16"] = 1 });

        // The organisation of #1 and #3 moves to academia in Latin America; the person organising #2 (and speaking in #4) to the private sector.
        await app.InDbAsync(async db =>
        {
            var society = await db.Organisations.AsTracking().SingleAsync(o => db.SessionRoles.Any(r => r.SessionId == forum.Session(1).Id && r.OrganisationId == o.Id));
            (society.StakeholderGroup, society.RegionalGroup) = (StakeholderGroup.Academia, RegionalGroup.Grulac);
            var official = await db.People.AsTracking().SingleAsync(p => db.SessionRoles.Any(r => r.SessionId == forum.Session(2).Id && r.PersonId == p.Id));
            official.StakeholderGroup = StakeholderGroup.PrivateSector;
            await db.SaveChangesAsync();
        });
        (_, _, json) = await app.GetJsonAsync(url);
        Counts(json, "group").ShouldBe(new Dictionary<string, int> { ["Academia"] = 2, ["PrivateSector"] = 1 });
        Counts(json, "region").ShouldBe(new Dictionary<string, int> { ["Grulac"] = 2, ["Weog"] = 1 });

        // #2's organiser becomes a speaker: its group and region go; #5 gets a report, #1 loses its transcript.
        await app.InDbAsync(async db =>
        {
            (await db.SessionRoles.AsTracking().SingleAsync(r => r.SessionId == forum.Session(2).Id && r.Kind == SessionRoleKind.Organiser)).Kind = SessionRoleKind.Speaker;
            db.SessionReports.Add(new SessionReport { SessionId = forum.Session(5).Id, Body = "What was said." });
            db.Transcripts.Remove(await db.Transcripts.AsTracking().SingleAsync(t => t.SessionId == forum.Session(1).Id));
            await db.SaveChangesAsync();
        });
        (_, _, json) = await app.GetJsonAsync(url);
        Counts(json, "group").ShouldBe(new Dictionary<string, int> { ["Academia"] = 2 });
        Counts(json, "region").ShouldBe(new Dictionary<string, int> { ["Grulac"] = 2 });
        Counts(json, "has").ShouldBe(new Dictionary<string, int> { ["report"] = 3, ["transcript"] = 1 });
        (await EveryFacetCountIsWhatItsSearchGivesAsync(url)).ShouldBe(13);

        // Written again from the records, as `search rebuild` writes every row, the rows carry the same bits.
        var sessions = Enumerable.Range(1, 6).Select(n => forum.Session(n).Id).ToList();
        await app.InDbAsync(async db =>
        {
            await db.SearchEntries.Where(e => e.SessionId != null && sessions.Contains(e.SessionId.Value)).ExecuteUpdateAsync(u => u.SetProperty(e => e.Facets, 0L));
            var changes = new Plenary.Features.Search.SearchChanges();
            changes.Sessions.UnionWith(sessions);
            await Plenary.Features.Search.SearchIndex.WriteAsync(db, changes, CancellationToken.None);
        });
        var (_, _, rebuilt) = await app.GetJsonAsync(url);
        foreach (var facet in new[] { "sdg", "group", "region", "has" })
        {
            Counts(rebuilt, facet).ShouldBe(Counts(json, facet), facet);
        }
    }

    [Theory]
    [InlineData("type=ZZ9", "type")]
    [InlineData("subtheme=abc", "subtheme")]
    [InlineData("subtheme=99999999", "subtheme")]
    [InlineData("sdg=18", "sdg")]
    [InlineData("sdg=nine", "sdg")]
    [InlineData("group=Martians", "group")]
    [InlineData("group=3", "group")]
    [InlineData("region=Mars", "region")]
    [InlineData("lang=not-a-language-at-all", "lang")]
    [InlineData("has=minutes", "has")]
    [InlineData("type=WS&type=OF", "type")]
    [InlineData("sdg=9&sdg=5", "sdg")]
    public async Task A_bad_facet_value_is_refused_with_a_clear_message(string facet, string field)
    {
        var (status, page) = await app.GetPageAsync($"/search?q=data&{facet}");
        status.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector("#search-problem")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        var (apiStatus, mediaType, json) = await app.GetJsonAsync($"/api/search?q=data&{facet}");
        apiStatus.ShouldBe(HttpStatusCode.BadRequest);
        mediaType.ShouldBe("application/problem+json");
        json.GetProperty("field").GetString().ShouldBe(field);
        json.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Sessions_found_year_by_year_are_drawn_with_their_figures_and_each_year_links_to_its_results()
    {
        var word = Word("quorb");
        var early = await app.ForumOfItsOwnAsync("years", unplaced: 3, firstDay: new DateOnly(2019, 11, 25));
        var later = await app.ForumOfItsOwnAsync("years", unplaced: 2, firstDay: new DateOnly(2021, 12, 6),
            shape: f => f.Name = "<script>alert('chart')</script> Forum");
        await app.InDbAsync(async db =>
        {
            await SetAsync(db, early.Session(1), s => s.Title = $"{word} for schools");
            await SetAsync(db, early.Session(2), s => s.Title = $"{word} for libraries");
            await SetAsync(db, later.Session(1), s => s.Title = $"{word} for parliaments");
        });

        var (_, _, json) = await app.GetJsonAsync($"/api/search?q={word}");
        json.GetProperty("years").EnumerateArray().Select(y => (y.GetProperty("year").GetInt32(), y.GetProperty("forum").GetString(), y.GetProperty("count").GetInt32()))
            .ShouldBe([(2019, early.Slug, 2), (2021, later.Slug, 1)]);

        var answer = await app.CreateVisitor().GetAsync($"/search?q={word}");
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await answer.Content.ReadAsStringAsync();
        html.ShouldNotContain("<script>alert");
        html.ShouldContain("&lt;script&gt;alert");
        var page = await PlenaryApp.ParseAsync(answer);
        var svg = page.QuerySelector("section.years svg[role=img]")!;
        svg.QuerySelector("title")!.TextContent.ShouldContain(word);
        svg.QuerySelectorAll("rect").Length.ShouldBe(2);
        svg.QuerySelector("script").ShouldBeNull();
        svg.QuerySelectorAll("text").Select(t => t.TextContent).ShouldContain(t => t.StartsWith("2021 · <script>alert('chart')</script>", StringComparison.Ordinal));
        page.QuerySelectorAll("section.years table a").Select(a => a.TextContent).ShouldContain("2021 · <script>alert('chart')</script> Forum");
        var rows = page.QuerySelectorAll("section.years table tbody tr").ToList();
        rows.Select(r => r.QuerySelector("td")!.TextContent).ShouldBe(["2", "1"]);
        var link = rows[0].QuerySelector("a")!.GetAttribute("href");
        link.ShouldBe($"/search?q={word}&from=2019&to=2019");
        (await app.GetPageAsync(link!)).Page.QuerySelectorAll("ol.results > li").Length.ShouldBe(2);
    }

    /// <summary>
    /// PostgreSQL asks a years filter as the forums of those years, not the rows' own years (SearchQueries): the same
    /// results only while a forum's rows carry its year, also once the year is changed.
    /// </summary>
    [Fact]
    public async Task A_years_filter_follows_a_forum_whose_year_is_changed()
    {
        var word = Word("trevv");
        var forum = await app.ForumOfItsOwnAsync("moved", unplaced: 1, firstDay: new DateOnly(2017, 11, 20));
        await app.InDbAsync(async db => await SetAsync(db, forum.Session(1), s => s.Title = $"{word} in the field"));
        async Task<int> Found(int from, int to) =>
            (await app.GetJsonAsync($"/api/search?q={word}&from={from}&to={to}")).Json.GetProperty("total").GetInt32();
        (await Found(2017, 2017)).ShouldBe(1);
        (await Found(2016, 2018)).ShouldBe(1);
        (await Found(2018, 2020)).ShouldBe(0);

        await app.InDbAsync(async db =>
        {
            (await db.Forums.AsTracking().SingleAsync(f => f.Id == forum.Id)).Year = 2019;
            await db.SaveChangesAsync();
        });
        (await Found(2017, 2017)).ShouldBe(0);
        (await Found(2018, 2020)).ShouldBe(1);
        (await Found(2019, 2019)).ShouldBe(1);
    }
}

[Collection("sqlite")]
public sealed class SearchFacetsOnSqlite(SqliteApp app) : SearchFacetsTests(app);

[Collection("postgres")]
public sealed class SearchFacetsOnPostgres(PostgresApp app) : SearchFacetsTests(app);
