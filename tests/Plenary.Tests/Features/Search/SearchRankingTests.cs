using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.People;
using Plenary.Features.Reports;
using Plenary.Features.Search;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Search;

/// <summary>
/// The acceptance, checked on the seeded demo as a visitor or API client would (all forums, no filter), and the
/// ranking rules on corpora of the tests' own: sessions before a name that only holds the words, a person or an
/// organisation first when the query is their name, a translation found shown and linked in its language, and saves
/// that change nothing searchable leaving the index alone.
/// </summary>
public abstract class SearchRankingTests(PlenaryApp app)
{
    private static string Search(string q) => "/search?q=" + Uri.EscapeDataString(q);

    private static string Api(string q) => "/api/search?q=" + Uri.EscapeDataString(q);

    [Fact]
    public async Task The_home_pages_form_finds_open_forum_56_first_by_a_phrase_from_its_key_takeaways()
    {
        var (_, home) = await app.GetPageAsync("/");
        var form = home.QuerySelector("main form[action='/search']")!;
        form.GetAttribute("method").ShouldBe("get");
        var field = form.QuerySelector("input[type=search]")!.GetAttribute("name")!;

        // From its second key takeaway, as the IGF published it.
        var (status, page) = await app.GetPageAsync("/search?" + field + "=" + Uri.EscapeDataString("international rules for digital governance based on consultation and consensus"));
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("ol.results > li a")!.GetAttribute("href").ShouldBe("/igf2022/sessions/of-56");
    }

    [Fact]
    public async Task A_phrase_from_open_forum_56s_session_report_finds_it_first()
    {
        // Only its session report names the G20 initiative.
        var (status, _, json) = await app.GetJsonAsync(Api("the G20 Digital Economy Development and Cooperation Initiative"));
        status.ShouldBe(HttpStatusCode.OK);
        var first = json.GetProperty("results")[0];
        first.GetProperty("url").GetString().ShouldBe("/igf2022/sessions/of-56");
        first.GetProperty("foundIn").GetString().ShouldBe("report");
    }

    [Fact]
    public async Task For_privacy_the_first_result_has_the_word_in_its_title()
    {
        var (status, page) = await app.GetPageAsync(Search("privacy"));
        status.ShouldBe(HttpStatusCode.OK);
        var first = page.QuerySelector("ol.results > li")!;
        first.QuerySelector("a")!.TextContent.ShouldContain("privacy", Case.Insensitive);
        first.TextContent.ShouldContain("in the title");
    }

    [Fact]
    public async Task The_search_api_answers_json_with_ranked_results()
    {
        var (status, mediaType, json) = await app.GetJsonAsync(Api("data governance"));
        status.ShouldBe(HttpStatusCode.OK);
        mediaType.ShouldBe("application/json");
        json.GetProperty("total").GetInt32().ShouldBeGreaterThan(1);
        var scores = json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("score").GetDouble()).ToList();
        scores.ShouldBe(scores.OrderByDescending(s => s).ToList());
    }

    [Fact]
    public async Task The_headers_search_field_is_named_once_by_its_button_without_a_placeholder()
    {
        var (_, page) = await app.GetPageAsync("/igf2022");
        var form = page.QuerySelector("header form.site-search, form.site-search")!;
        var field = form.QuerySelector("input[name=q]")!;
        field.HasAttribute("placeholder").ShouldBeFalse();
        form.QuerySelectorAll("label").ShouldBeEmpty();
        var button = page.GetElementById(field.GetAttribute("aria-labelledby")!)!;
        button.LocalName.ShouldBe("button");
        button.TextContent.ShouldBe("Search");
        form.GetAttribute("aria-labelledby").ShouldBe(button.Id);
    }

    /// <summary>
    /// Three sessions with "<paramref name="word"/> networks" in the title, a takeaway and a description; an organisation
    /// and a person's affiliation holding the words in a longer name; a person whose name is two words. Searched over every
    /// forum, as people and organisations belong to none; an invented word, one a test, keeps the demo and the other tests out.
    /// </summary>
    private async Task<(OwnForum Forum, int Organisation, int Person)> CorpusAsync(string word)
    {
        var forum = await app.ForumOfItsOwnAsync("rank", unplaced: 3);
        var (organisation, person) = await app.InDbAsync(async db =>
        {
            var sessions = await db.Sessions.AsTracking().Where(s => s.ForumId == forum.Id).ToDictionaryAsync(s => s.Number);
            sessions[1].Title = $"{word} networks for island schools";
            sessions[2].Title = "Spectrum on small islands";
            sessions[3].Title = "Funding the last mile";
            sessions[3].Description = $"How the {word} Networks Alliance of the Coast funds {word.ToLowerInvariant()} networks in fishing villages.";
            db.Takeaways.Add(new Takeaway { SessionId = sessions[2].Id, Kind = TakeawayKind.KeyTakeaway, Position = 1, Text = $"{word} networks need spectrum and power." });
            var alliance = new Organisation { Name = $"{word} Networks Alliance of the Coast" };
            var tamsin = new Person { Name = $"Tamsin {word}", Title = "Coordinator", Affiliation = $"{word} Networks Alliance of the Coast" };
            db.SessionRoles.Add(new SessionRole { SessionId = sessions[3].Id, Kind = SessionRoleKind.Organiser, Organisation = alliance });
            db.SessionRoles.Add(new SessionRole { SessionId = sessions[1].Id, Kind = SessionRoleKind.Speaker, Person = tamsin });
            var words = string.Join(' ', Enumerable.Repeat($"Tamsin {word} said the island schools need Tamsin {word}'s networks.", 5));
            db.Transcripts.Add(new Transcript { SessionId = sessions[1].Id, Format = TranscriptFormat.Captions, Source = words, Turns = "[]", SearchText = words, SavedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return (alliance.Id, tamsin.Id);
        });
        return (forum, organisation, person);
    }

    private async Task<List<(string Kind, string? Url, string FoundIn)>> ResultsAsync(string q, int page = 1)
    {
        var (status, _, json) = await app.GetJsonAsync(Api(q) + (page == 1 ? "" : $"&page={page}"));
        status.ShouldBe(HttpStatusCode.OK);
        return json.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("kind").GetString()!, r.GetProperty("url").GetString(), r.GetProperty("foundIn").GetString()!)).ToList();
    }

    [Fact]
    public async Task Sessions_come_before_an_organisation_or_a_person_whose_name_only_holds_the_words()
    {
        var (forum, _, _) = await CorpusAsync("Velmora");
        string Page(int number) => $"/{forum.Slug}/sessions/{forum.Session(number).Key}";

        var results = await ResultsAsync("velmora networks");

        results.Take(3).Select(r => (r.Url, r.FoundIn)).ShouldBe([(Page(1), "title"), (Page(2), "takeaways"), (Page(3), "description")]);
        results.Skip(3).Select(r => r.Kind).Order().ShouldBe(["organisation", "person"]);
        results.Single(r => r.Kind == "person").FoundIn.ShouldBe("affiliation");
    }

    [Fact]
    public async Task Community_networks_on_the_demo_finds_sessions_before_the_community_networks_alliances()
    {
        // The demo has several "… Community Networks Alliance" organisations and sessions on the topic.
        // Every page of results: other tests in this collection add sessions on networks too, so the alliances may be past
        // the first twenty.
        var results = new List<(string Kind, string? Url, string FoundIn)>();
        for (var page = 1; page <= 20; page++)
        {
            var more = await ResultsAsync("community networks", page);
            results.AddRange(more);
            if (more.Count < 20)
            {
                break;
            }
        }
        results.ShouldContain(r => r.Kind == "organisation");
        var firstName = results.FindIndex(r => r.Kind is "organisation" or "person");
        firstName.ShouldBeGreaterThan(0);
        results.Take(firstName).ShouldAllBe(r => r.Kind == "session" || r.Kind == "message");
        results.Skip(firstName).ShouldNotContain(r => r.Kind == "session" && (r.FoundIn == "title" || r.FoundIn == "takeaways"));
    }

    [Fact]
    public async Task An_organisation_or_a_person_comes_first_when_the_query_is_their_name()
    {
        var (forum, _, person) = await CorpusAsync("Korvane");

        var alliance = await ResultsAsync("Korvane Networks Alliance of the Coast");
        alliance[0].Kind.ShouldBe("organisation");
        alliance[0].FoundIn.ShouldBe("name");
        alliance.ShouldContain(r => r.Url == $"/{forum.Slug}/sessions/{forum.Session(3).Key}");

        // Her name is said five times in a transcript: a passing word there still counts less than her name.
        var tamsin = await ResultsAsync("Tamsin Korvane");
        tamsin.Select(r => (r.Kind, r.Url)).ShouldBe([("person", $"/people/{person}"), ("session", $"/{forum.Slug}/sessions/{forum.Session(1).Key}")]);

        // One word of a two-word name is not the name.
        (await ResultsAsync("korvane"))[0].Kind.ShouldBe("session");
    }

    [Fact]
    public async Task An_organisation_links_to_the_programme_of_its_latest_forum_filtered_by_its_name_which_lists_its_sessions()
    {
        var (status, _, json) = await app.GetJsonAsync(Api("Cyber Security Association of China"));
        status.ShouldBe(HttpStatusCode.OK);
        var first = json.GetProperty("results")[0];
        first.GetProperty("kind").GetString().ShouldBe("organisation");
        first.GetProperty("forum").GetString().ShouldBe("igf2022");
        var url = first.GetProperty("url").GetString()!;
        url.ShouldBe("/igf2022/programme?q=Cyber%20Security%20Association%20of%20China");

        var (programmeStatus, programme) = await app.GetPageAsync(url);
        programmeStatus.ShouldBe(HttpStatusCode.OK);
        programme.QuerySelectorAll("a[href='/igf2022/sessions/of-56']").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_session_found_in_a_translation_shows_its_translated_title_in_that_language_and_links_to_that_version()
    {
        var forum = await app.ForumOfItsOwnAsync("trsearch", unplaced: 1, shape: f => f.Languages = ["en", "fr", "ar"]);
        var session = forum.Session(1);
        await app.InDbAsync(async db =>
        {
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Title, "Community registries"));
            foreach (var (language, title) in new[] { ("fr", "Registres communautaires de Vrillac"), ("ar", "سجلات فرلاك المجتمعية") })
            {
                db.SessionTranslations.Add(new SessionTranslation
                {
                    SessionId = session.Id, Language = language, Part = TranslatedPart.Title, Text = title, OriginalDigest = SessionTranslation.DigestOf("Community registries"),
                    TranslatedByName = "Nadia Haddad", TranslatedAt = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc),
                });
            }
            await db.SaveChangesAsync();
        });
        await app.EvictPublicCacheAsync();
        var page = $"/{forum.Slug}/sessions/{session.Key}";

        foreach (var (q, language, dir, title) in new[] { ("vrillac", "fr", "ltr", "Registres communautaires de Vrillac"), ("فرلاك", "ar", "rtl", "سجلات فرلاك المجتمعية") })
        {
            var (status, results) = await app.GetPageAsync(Search(q) + "&forum=" + forum.Slug);
            status.ShouldBe(HttpStatusCode.OK);
            var found = results.QuerySelectorAll("ol.results > li").ShouldHaveSingleItem();
            var link = found.QuerySelector("a")!;
            link.TextContent.ShouldEndWith(": " + title);
            link.GetAttribute("href").ShouldBe($"{page}?lang={language}");
            (link.GetAttribute("lang"), link.GetAttribute("dir")).ShouldBe((language, dir));
            var snippet = found.QuerySelector(".snippet")!;
            (snippet.GetAttribute("lang"), snippet.GetAttribute("dir")).ShouldBe((language, dir));

            var (_, version) = await app.GetPageAsync(link.GetAttribute("href")!);
            version.QuerySelector("h1")!.TextContent.ShouldBe(title);
        }

        // Found in the original, a result keeps the original's title and address, in the original's language.
        var (_, english) = await app.GetPageAsync(Search("community registries") + "&forum=" + forum.Slug);
        var original = english.QuerySelector("ol.results > li a")!;
        original.GetAttribute("href").ShouldBe(page);
        original.TextContent.ShouldEndWith(": Community registries");
        original.GetAttribute("lang").ShouldBe("en");
    }

    [Fact]
    public async Task A_word_in_more_titles_than_are_ranked_is_found_in_titles_first_and_no_transcript_is_taken()
    {
        var forum = await app.ForumOfItsOwnAsync("tiers", unplaced: 2);
        // Transcript passages were written first, so an engine reading in the index's order, or by relevance alone (a short
        // passage is as good a match as a title), would take them; the tiers take titles first and stop there.
        await app.InDbAsync(async db =>
        {
            SearchEntry Row(int session, SearchPart part, int i) => new()
            {
                Kind = SearchKind.Session, ForumId = forum.Id, Year = forum.FirstDay.Year, SessionId = forum.Session(session).Id, Part = part,
                Language = "en", Weight = SearchWeights.Of(part), Text = $"Zarvondel {i}", Terms = SearchTiers.MarkAll($"zarvondel {i}", SearchWeights.Of(part)),
            };
            db.SearchEntries.AddRange(Enumerable.Range(0, 300).Select(i => Row(2, SearchPart.Transcript, i)));
            await db.SaveChangesAsync();
            db.SearchEntries.AddRange(Enumerable.Range(0, SearchQueries.RankedMatches).Select(i => Row(1, SearchPart.Title, i)));
            await db.SaveChangesAsync();
        });

        var (_, _, json) = await app.GetJsonAsync(Api("zarvondel"));
        var result = json.GetProperty("results").EnumerateArray().ShouldHaveSingleItem(json.ToString());
        result.GetProperty("url").GetString().ShouldBe($"/{forum.Slug}/sessions/{forum.Session(1).Key}");
        result.GetProperty("foundIn").GetString().ShouldBe("title");
        (json.GetProperty("total").GetInt32(), json.GetProperty("totalIsLowerBound").GetBoolean()).ShouldBe((1, true));

        // With fewer titles than the cap, the next tiers fill it: the transcript is found too, after the title.
        var (_, _, narrowed) = await app.GetJsonAsync(Api("zarvondel 7"));
        narrowed.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("foundIn").GetString()).ShouldBe(["title", "transcript"]);
    }

    [Fact]
    public async Task A_word_found_in_more_places_than_are_ranked_says_at_least_and_a_narrower_search_counts_exactly()
    {
        var forum = await app.ForumOfItsOwnAsync("capped", unplaced: 2);
        // Passages of two transcripts, 600 each, all holding one word: more than are ranked, each transcript's passages
        // more than the cap leaves out, so both sessions are found whichever 1,000 an engine keeps.
        await app.InDbAsync(async db =>
        {
            foreach (var (session, language) in new[] { (forum.Session(1), "en"), (forum.Session(2), "fr") })
            {
                db.SearchEntries.AddRange(Enumerable.Range(0, 600).Select(i => new SearchEntry
                {
                    Kind = SearchKind.Session, ForumId = forum.Id, Year = forum.FirstDay.Year, SessionId = session.Id, Part = SearchPart.Transcript,
                    Language = language, Weight = SearchWeights.Of(SearchPart.Transcript), Text = $"Passage {i} on quorvish relays",
                    Terms = SearchTiers.MarkAll($"passag {i} on quorvish relay", SearchWeights.Of(SearchPart.Transcript)),
                }));
            }
            await db.SaveChangesAsync();
        });
        SearchQueries.RankedMatches.ShouldBeLessThan(1_200);

        var (_, _, json) = await app.GetJsonAsync(Api("quorvish"));
        json.GetProperty("total").GetInt32().ShouldBe(2);
        json.GetProperty("totalIsLowerBound").GetBoolean().ShouldBeTrue();
        // The facets count the same results as the total.
        json.GetProperty("facets").GetProperty("forum").EnumerateArray().ShouldHaveSingleItem().GetProperty("count").GetInt32().ShouldBe(2);
        var (_, page) = await app.GetPageAsync(Search("quorvish"));
        page.QuerySelector("h2[aria-live]")!.TextContent.ShouldBe("At least 2 results");
        page.QuerySelector("#search-capped").ShouldNotBeNull();
        // Past the last page the total is still given, and says the same.
        var (_, _, past) = await app.GetJsonAsync(Api("quorvish") + "&page=2");
        past.GetProperty("results").GetArrayLength().ShouldBe(0);
        (past.GetProperty("total").GetInt32(), past.GetProperty("totalIsLowerBound").GetBoolean()).ShouldBe((2, true));

        // Narrowed to French, 600 passages match, all ranked: the total is exact.
        var (_, _, french) = await app.GetJsonAsync(Api("quorvish") + "&lang=fr");
        french.GetProperty("total").GetInt32().ShouldBe(1);
        french.GetProperty("totalIsLowerBound").GetBoolean().ShouldBeFalse();
        var (_, frenchPage) = await app.GetPageAsync(Search("quorvish") + "&lang=fr");
        frenchPage.QuerySelector("h2[aria-live]")!.TextContent.ShouldBe("1 result");
        frenchPage.QuerySelector("#search-capped").ShouldBeNull();
    }

    /// <summary>
    /// Twenty-five sessions, each found in French and in English: one result each, 20 a page, the total and the facets
    /// counting records, not languages. Every session has the word in a French transcript passage; sessions 1 to 10 have
    /// it in an English title too, which ranks them first, and 11 to 25 in an English passage the same as the French one,
    /// written after it: a tie, which goes to the row written first, as it does between records.
    /// </summary>
    [Fact]
    public async Task Records_found_in_two_languages_are_one_result_each_across_the_pages_and_a_tie_goes_to_the_row_written_first()
    {
        var forum = await app.ForumOfItsOwnAsync("paged", unplaced: 25);
        var written = await app.InDbAsync(async db =>
        {
            SearchEntry Row(int session, SearchPart part, string language) => new()
            {
                Kind = SearchKind.Session, ForumId = forum.Id, Year = forum.FirstDay.Year, SessionId = forum.Session(session).Id, Part = part,
                Language = language, Weight = SearchWeights.Of(part), Text = "Brelnox relays", Terms = SearchTiers.MarkAll("brelnox relay", SearchWeights.Of(part)),
            };
            db.SearchEntries.AddRange(Enumerable.Range(1, 25).Select(n => Row(n, SearchPart.Transcript, "fr")));
            await db.SaveChangesAsync();
            db.SearchEntries.AddRange(Enumerable.Range(1, 10).Select(n => Row(n, SearchPart.Title, "en")));
            db.SearchEntries.AddRange(Enumerable.Range(11, 15).Select(n => Row(n, SearchPart.Transcript, "en")));
            await db.SaveChangesAsync();
            // The order they were given ids in, which the engine does not promise is the order they were added in.
            return await db.SearchEntries.Where(e => e.Text == "Brelnox relays").OrderBy(e => e.Id).Select(e => new { e.SessionId, e.Part, e.Language }).ToListAsync();
        });
        string Page(int? session) => $"/{forum.Slug}/sessions/{forum.Sessions.Single(s => s.Id == session).Key}";
        // Titles first, in the order written; then the passages, each session once, in the language of its first.
        var expected = written.Where(r => r.Part == SearchPart.Title).Concat(written.Where(r => r.Part == SearchPart.Transcript))
            .DistinctBy(r => r.SessionId).Select(r => (Page(r.SessionId), r.Language)).ToList();
        expected.Count(r => r.Language == "fr").ShouldBe(15);

        async Task<(int Total, List<(string, string)> Results, JsonElement Json)> PageAsync(string url)
        {
            var (status, _, json) = await app.GetJsonAsync(url);
            status.ShouldBe(HttpStatusCode.OK, url);
            return (json.GetProperty("total").GetInt32(),
                [.. json.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("url").GetString()!, r.GetProperty("language").GetString()!))], json);
        }
        var (total, first, json) = await PageAsync(Api("brelnox"));
        total.ShouldBe(25);
        first.ShouldBe(expected.Take(20));
        var (secondTotal, second, _) = await PageAsync(Api("brelnox") + "&page=2");
        secondTotal.ShouldBe(25);
        second.ShouldBe(expected.Skip(20));
        var (pastTotal, past, _) = await PageAsync(Api("brelnox") + "&page=3");
        (pastTotal, past.Count).ShouldBe((25, 0));
        json.GetProperty("facets").GetProperty("forum").EnumerateArray().ShouldHaveSingleItem().GetProperty("count").GetInt32().ShouldBe(25);
        json.GetProperty("facets").GetProperty("lang").EnumerateArray().Select(v => (v.GetProperty("value").GetString(), v.GetProperty("count").GetInt32()))
            .ShouldBe([("en", 25), ("fr", 25)]);
        json.GetProperty("years").EnumerateArray().ShouldHaveSingleItem().GetProperty("count").GetInt32().ShouldBe(25);

        // Narrowed to English, the sessions tied in French are found by their English passage, in the order those were written.
        var englishPassages = written.Where(r => r.Part == SearchPart.Transcript && r.Language == "en").Select(r => (Page(r.SessionId), "en"));
        var (englishTotal, english, englishJson) = await PageAsync(Api("brelnox") + "&lang=en&page=2");
        englishTotal.ShouldBe(25);
        english.ShouldBe(englishPassages.Skip(10));
        englishJson.GetProperty("facets").GetProperty("lang").EnumerateArray().ShouldHaveSingleItem().GetProperty("count").GetInt32().ShouldBe(25);
    }

    private static Task<List<long>> RowsOfAsync(PlenaryDb db, int session, int person) =>
        db.SearchEntries.Where(e => e.SessionId == session || e.PersonId == person).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();

    [Fact]
    public async Task Saves_that_change_nothing_searchable_leave_the_index_rows_as_they_were()
    {
        var forum = await app.ForumOfItsOwnAsync("idle", rooms: 2, placed: 2);
        var session = forum.Session(1);
        var person = await app.InDbAsync(async db =>
        {
            var speaker = new Person { Name = "Odile Brassac", Title = "Engineer", Affiliation = "Brassac Labs" };
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, Kind = SessionRoleKind.Speaker, Person = speaker, Mode = ParticipationMode.Onsite });
            await db.SaveChangesAsync();
            return speaker.Id;
        });
        var before = await app.InDbAsync(db => RowsOfAsync(db, session.Id, person));
        before.Count.ShouldBeGreaterThanOrEqualTo(3);

        // The forum's busiest writes: the agenda moved (time, room), a speaker switched to online, a person's
        // details other than their name (a check-in desk's correction), each saved as the pages save them.
        await app.InDbAsync(async db =>
        {
            var tracked = await db.Sessions.AsTracking().SingleAsync(s => s.Id == session.Id);
            (tracked.StartsAt, tracked.EndsAt, tracked.RoomId) = (tracked.StartsAt!.Value.AddHours(3), tracked.EndsAt!.Value.AddHours(3), forum.Rooms[1].Id);
            await db.SaveChangesAsync();
            var role = await db.SessionRoles.AsTracking().SingleAsync(r => r.SessionId == session.Id && r.PersonId == person);
            role.Mode = ParticipationMode.Online;
            role.ToBeConfirmed = true;
            await db.SaveChangesAsync();
            var speaker = await db.People.AsTracking().SingleAsync(p => p.Id == person);
            (speaker.CountryCode, speaker.Gender) = ("FR", Gender.Woman);
            await db.SaveChangesAsync();
        });
        (await app.InDbAsync(db => RowsOfAsync(db, session.Id, person))).ShouldBe(before);

        // The check can fail: a searchable change writes the rows again, under new ids.
        await app.InDbAsync(async db =>
        {
            var tracked = await db.Sessions.AsTracking().SingleAsync(s => s.Id == session.Id);
            tracked.Title = "Brassac relays for mountain villages";
            var speaker = await db.People.AsTracking().SingleAsync(p => p.Id == person);
            speaker.Affiliation = "Brassac Relays";
            await db.SaveChangesAsync();
        });
        var after = await app.InDbAsync(db => RowsOfAsync(db, session.Id, person));
        after.Intersect(before).ShouldBeEmpty();
        (await app.GetJsonAsync(Api("brassac relays") + "&forum=" + forum.Slug)).Json.GetProperty("total").GetInt32().ShouldBe(1);
    }
}

[Collection("sqlite")]
public sealed class SearchRankingOnSqlite(SqliteApp app) : SearchRankingTests(app);

[Collection("postgres")]
public sealed class SearchRankingOnPostgres(PostgresApp app) : SearchRankingTests(app);
