using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Search;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Search;

/// <summary>
/// /search and /api/search on both engines: ranked by where the words are, stemmed per language, Chinese and Arabic
/// found, snippets escaped, the index following a takeaway submitted on the report page, bad queries refused with 400.
/// Each test searches a forum of its own (forum=…), with invented words, so the demo and other tests do not interfere.
/// </summary>
public abstract class SearchTests(PlenaryApp app)
{
    private static string Search(string q, string? forum = null) =>
        "/search?q=" + Uri.EscapeDataString(q) + (forum is null ? "" : "&forum=" + forum);

    private static string Api(string q, string? forum = null) =>
        "/api/search?q=" + Uri.EscapeDataString(q) + (forum is null ? "" : "&forum=" + forum);

    private async Task<OwnForum> CorpusAsync(Func<Plenary.Infrastructure.Data.PlenaryDb, OwnForum, Task> write, int sessions = 3)
    {
        var forum = await app.ForumOfItsOwnAsync("search", unplaced: sessions);
        await app.InDbAsync(db => write(db, forum));
        return forum;
    }

    private static async Task SetAsync(Plenary.Infrastructure.Data.PlenaryDb db, Session s, Action<Session> change)
    {
        var tracked = await db.Sessions.AsTracking().SingleAsync(x => x.Id == s.Id);
        change(tracked);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_title_match_outranks_a_transcript_mention_and_the_page_says_where_each_was_found()
    {
        var forum = await CorpusAsync(async (db, f) =>
        {
            await SetAsync(db, f.Session(2), s => s.Title = "Zorblax networks for rural schools");
            await SetAsync(db, f.Session(1), s => s.Title = "Connectivity in the Sahel");
            var words = string.Join(' ', Enumerable.Repeat("We talked about zorblax again and zorblax deployments.", 6));
            db.Transcripts.Add(new Transcript { SessionId = f.Session(1).Id, Format = TranscriptFormat.Captions, Source = words, Turns = "[]", SearchText = words, SavedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        var (status, page) = await app.GetPageAsync(Search("zorblax", forum.Slug));
        status.ShouldBe(HttpStatusCode.OK);
        var results = page.QuerySelectorAll("ol.results > li");
        results.Length.ShouldBe(2);
        results[0].QuerySelector("a")!.TextContent.ShouldContain("Zorblax networks for rural schools");
        results[0].TextContent.ShouldContain("in the title");
        results[1].QuerySelector("a")!.GetAttribute("href").ShouldBe($"/{forum.Slug}/sessions/{forum.Session(1).Key}");
        results[1].TextContent.ShouldContain("in the transcript");
        results[1].QuerySelector(".snippet mark")!.TextContent.ShouldBe("zorblax");

        var (_, _, json) = await app.GetJsonAsync(Api("zorblax", forum.Slug));
        json.GetProperty("total").GetInt32().ShouldBe(2);
        var first = json.GetProperty("results")[0];
        first.GetProperty("foundIn").GetString().ShouldBe("title");
        first.GetProperty("forum").GetString().ShouldBe(forum.Slug);
        first.GetProperty("kind").GetString().ShouldBe("session");
        var snippet = first.GetProperty("snippet").GetString()!;
        var mark = first.GetProperty("highlights")[0];
        snippet.Substring(mark.GetProperty("start").GetInt32(), mark.GetProperty("length").GetInt32()).ShouldBe("Zorblax");
        json.GetProperty("results")[1].GetProperty("foundIn").GetString().ShouldBe("transcript");
    }

    [Fact]
    public async Task A_long_transcript_is_one_result_quoted_from_the_passage_that_matches_best()
    {
        // 3,000 words in turns: "quorvane" said once in passing at the start, and three times in a later turn beside "kelpstone".
        var filler = string.Join(' ', Enumerable.Repeat("we heard from the room about access and skills", 30));
        var turns = new List<string> { "MODERATOR: Welcome, quorvane aside, " + filler + "." };
        turns.AddRange(Enumerable.Range(1, 4).Select(i => $"SPEAKER {i}: {filler}."));
        turns.Add("SPEAKER 5: The quorvane pilot, the quorvane budget and the quorvane kelpstone map. " + filler + ".");
        turns.AddRange(Enumerable.Range(6, 4).Select(i => $"SPEAKER {i}: {filler}."));
        var text = string.Join('\n', turns);
        var forum = await CorpusAsync(async (db, f) =>
        {
            db.Transcripts.Add(new Transcript { SessionId = f.Session(1).Id, Format = TranscriptFormat.Captions, Source = text, Turns = "[]", SearchText = text, SavedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        var rows = 0;
        await app.InDbAsync(async db => rows = await db.SearchEntries.CountAsync(e => e.SessionId == forum.Session(1).Id && e.Part == Plenary.Features.Search.SearchPart.Transcript));
        rows.ShouldBeGreaterThan(4);
        var (_, _, json) = await app.GetJsonAsync(Api("quorvane", forum.Slug));
        json.GetProperty("total").GetInt32().ShouldBe(1);
        var found = json.GetProperty("results")[0];
        found.GetProperty("foundIn").GetString().ShouldBe("transcript");
        found.GetProperty("snippet").GetString()!.ShouldContain("kelpstone");
        found.GetProperty("highlights").GetArrayLength().ShouldBe(3);
    }

    [Theory]
    [InlineData("en", "The zorblite registries of the region", "zorblite registry")]
    [InlineData("fr", "La protection des données personnelles", "donnée personnelle")]
    [InlineData("es", "Las redes comunitarias en la región", "red comunitaria")]
    [InlineData("ru", "Управление интернетом в регионе", "управления интернета")]
    [InlineData("zh-Hans", "数据治理与隐私保护", "隐私")]
    [InlineData("ar", "حماية البيانات الشخصية", "بيانات")]
    public async Task Words_are_found_in_another_form_of_the_same_word_in_the_session_language(string language, string title, string query)
    {
        var forum = await CorpusAsync(async (db, f) =>
        {
            await SetAsync(db, f.Session(1), s => (s.Title, s.OriginalLanguage) = (title, language));
        }, sessions: 2);

        var (status, page) = await app.GetPageAsync(Search(query, forum.Slug));
        status.ShouldBe(HttpStatusCode.OK);
        var results = page.QuerySelectorAll("ol.results > li");
        results.Length.ShouldBe(1);
        results[0].QuerySelector("a")!.TextContent.ShouldContain(title);
        results[0].QuerySelector(".snippet mark").ShouldNotBeNull();
    }

    [Fact]
    public async Task Data_governance_does_not_find_government_data()
    {
        // The forums' own topic: a stemmer that merges "governance" and "government" would answer it with open-data sessions.
        var forum = await CorpusAsync(async (db, f) =>
        {
            await SetAsync(db, f.Session(1), s => s.Title = "Open government data for parliaments");
            await SetAsync(db, f.Session(2), s => s.Title = "Data governance across borders");
        }, sessions: 2);

        var results = (await app.GetPageAsync(Search("data governance", forum.Slug))).Page.QuerySelectorAll("ol.results > li");
        results.Select(r => r.QuerySelector("a")!.TextContent).ShouldHaveSingleItem().ShouldContain("Data governance across borders");
    }

    [Fact]
    public async Task A_title_with_markup_shows_as_text_with_the_match_marked()
    {
        var forum = await CorpusAsync(async (db, f) =>
            await SetAsync(db, f.Session(1), s => s.Title = "<script>alert('x')</script> Quonkle <b>bold</b>"), sessions: 1);

        var answer = await app.CreateVisitor().GetAsync(Search("quonkle", forum.Slug));
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await answer.Content.ReadAsStringAsync();
        html.ShouldNotContain("<script>alert");
        html.ShouldNotContain("<b>bold</b>");
        html.ShouldContain("&lt;script&gt;");
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector(".snippet mark")!.TextContent.ShouldBe("Quonkle");
        page.QuerySelector(".snippet script").ShouldBeNull();
    }

    [Fact]
    public async Task A_takeaway_submitted_on_the_report_page_is_found_at_once()
    {
        var forum = await app.ForumOfItsOwnAsync("search", days: 5, unplaced: 1, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28));
        var session = forum.Session(1);
        await app.InDbAsync(async db =>
        {
            var start = new DateTime(2022, 11, 30, 10, 0, 0, DateTimeKind.Utc);
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, start).SetProperty(s => s.EndsAt, start.AddHours(1)));
        });
        await app.ReleaseTimetableAsync(forum.Slug);
        (await app.GetJsonAsync(Api("flimbergast", forum.Slug))).Json.GetProperty("total").GetInt32().ShouldBe(0);

        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        var report = $"/{forum.Slug}/sessions/{session.Key}/report";
        var answer = await PlenaryApp.SubmitFormAsync(rapporteur, report, new Dictionary<string, string> { ["Form.Takeaway1"] = "Flimbergast connectivity must reach the last mile." },
            $"{report}?handler=SubmitTakeaways");
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (_, _, json) = await app.GetJsonAsync(Api("flimbergast", forum.Slug));
        json.GetProperty("total").GetInt32().ShouldBe(1);
        json.GetProperty("results")[0].GetProperty("foundIn").GetString().ShouldBe("takeaways");
        json.GetProperty("results")[0].GetProperty("url").GetString().ShouldBe($"/{forum.Slug}/sessions/{session.Key}");
    }

    [Fact]
    public async Task Takeaways_saved_write_again_only_their_own_rows_and_the_same_rows_as_the_whole_session_written_again()
    {
        var forum = await app.ForumOfItsOwnAsync("search", unplaced: 1);
        var session = forum.Session(1);
        await app.InDbAsync(async db =>
        {
            await SetAsync(db, session, s => s.Description = "Quillfern networks and **community** access.");
            db.Takeaways.Add(new Takeaway { SessionId = session.Id, Kind = TakeawayKind.KeyTakeaway, Position = 1, Text = "Quillfern first." });
            db.Takeaways.Add(new Takeaway { SessionId = session.Id, Kind = TakeawayKind.CallToAction, Position = 1, Text = "Fund quillfern.", Addressee = CallToActionAddressee.All });
            foreach (var (part, position, text) in new[] { (TranslatedPart.Takeaway, 1, "Quillfern d'abord."), (TranslatedPart.Takeaway, 2, "Deuxième quillfern."), (TranslatedPart.CallToAction, 1, "Financer quillfern.") })
            {
                db.SessionTranslations.Add(new SessionTranslation { SessionId = session.Id, Language = "fr", Part = part, PartId = position, Text = text,
                    OriginalDigest = "x", TranslatedByName = "Test", TranslatedAt = DateTime.UtcNow });
            }
            await db.SaveChangesAsync();
        });
        var others = await app.InDbAsync(db => OthersAsync(db, session.Id));

        // As the report page saves them: every takeaway removed, the new ones added.
        await app.InDbAsync(async db =>
        {
            db.Takeaways.RemoveRange(await db.Takeaways.AsTracking().Where(t => t.SessionId == session.Id).ToListAsync());
            db.Takeaways.Add(new Takeaway { SessionId = session.Id, Kind = TakeawayKind.KeyTakeaway, Position = 1, Text = "Zindrel *first*." });
            db.Takeaways.Add(new Takeaway { SessionId = session.Id, Kind = TakeawayKind.KeyTakeaway, Position = 2, Text = "Zindrel second." });
            await db.SaveChangesAsync();
        });

        // The title's, description's and sections' rows are the same rows: not deleted and written again.
        (await app.InDbAsync(db => OthersAsync(db, session.Id))).ShouldBe(others);
        var written = await app.InDbAsync(db => RowsAsync(db, session.Id));
        written.Count(r => r.StartsWith("Takeaways|en|False|Zindrel first.|", StringComparison.Ordinal)).ShouldBe(1);
        // The French translation of the second takeaway is found again, the call to action's (gone) is not.
        written.Count(r => r.StartsWith("Takeaways|fr|True|Deuxième quillfern.|", StringComparison.Ordinal)).ShouldBe(1);
        written.ShouldNotContain(r => r.StartsWith("CallsToAction|", StringComparison.Ordinal));
        // The whole session written again, as every save did before, gives the same rows.
        await app.InDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var changes = new SearchChanges();
            changes.Sessions.Add(session.Id);
            await SearchIndex.WriteAsync(db, changes, default);
            await transaction.CommitAsync();
        });
        (await app.InDbAsync(db => RowsAsync(db, session.Id))).ShouldBe(written);
        (await app.GetJsonAsync(Api("zindrel", forum.Slug))).Json.GetProperty("total").GetInt32()
            .ShouldBe(await app.InDbAsync(db => db.SearchEntries.AnyAsync(e => e.SessionId == session.Id && !e.Hidden)) ? 1 : 0);
    }

    private static Task<List<long>> OthersAsync(Plenary.Infrastructure.Data.PlenaryDb db, int session) =>
        db.SearchEntries.Where(e => e.SessionId == session && e.Part != SearchPart.Takeaways && e.Part != SearchPart.CallsToAction)
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();

    private static async Task<List<string>> RowsAsync(Plenary.Infrastructure.Data.PlenaryDb db, int session) =>
        (await db.SearchEntries.Where(e => e.SessionId == session).ToListAsync())
        .Select(e => string.Join('|', e.Part, e.Language, e.Translated, e.Text, e.Terms, e.Weight, e.Kind, e.ForumId, e.Year, e.SessionTypeId, e.SubthemeId, e.Facets, e.Hidden))
        .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task A_phrase_from_open_forum_56s_key_takeaways_finds_it_first()
    {
        var takeaway = await app.InDbAsync(db => db.Takeaways
            .Where(t => t.Kind == TakeawayKind.KeyTakeaway && db.Sessions.Any(s => s.Id == t.SessionId && s.Number == 56 && s.Type.Code == "OF" && s.Forum.Slug == "igf2022"))
            .OrderBy(t => t.Position).Select(t => t.Text).FirstAsync());
        var phrase = string.Join(' ', takeaway.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8));

        var (status, _, json) = await app.GetJsonAsync(Api(phrase, "igf2022"));
        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("results")[0].GetProperty("url").GetString().ShouldBe("/igf2022/sessions/of-56");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*")]
    [InlineData("\"\"")]
    [InlineData("((")]
    [InlineData("!!! ??? -- ~ ^")]
    public async Task A_search_without_words_is_refused_with_a_clear_message(string q)
    {
        var (status, page) = await app.GetPageAsync("/search?q=" + Uri.EscapeDataString(q));
        status.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector("#search-problem")!.TextContent.ShouldNotBeEmpty();
        var (apiStatus, mediaType, json) = await app.GetJsonAsync("/api/search?q=" + Uri.EscapeDataString(q));
        apiStatus.ShouldBe(HttpStatusCode.BadRequest);
        mediaType.ShouldBe("application/problem+json");
        json.GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Long_queries_unknown_forums_and_bad_years_are_refused_and_syntax_is_read_as_words()
    {
        (await app.GetJsonAsync(Api(new string('a', 10_000)))).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.GetJsonAsync(Api("data", "no-such-forum"))).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.GetJsonAsync("/api/search?q=data&from=abc")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.GetJsonAsync("/api/search?q=data&from=2022&to=2010")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.GetJsonAsync("/api/search?q=data&page=0")).Status.ShouldBe(HttpStatusCode.BadRequest);
        // Operators, quotes, brackets and SQL are not query syntax here: the words in them are searched.
        foreach (var q in new[] { "\"data governance", "(privacy OR", "data*", "'; DROP TABLE \"Sessions\"; --", "NEAR(data privacy)", "privacy -data" })
        {
            var (status, _, json) = await app.GetJsonAsync(Api(q));
            status.ShouldBe(HttpStatusCode.OK, q);
            json.GetProperty("query").GetString().ShouldBe(q.Trim());
        }
        (await app.InDbAsync(db => db.Sessions.AnyAsync())).ShouldBeTrue();
    }
}

[Collection("sqlite")]
public sealed class SearchOnSqlite(SqliteApp app) : SearchTests(app)
{
    /// <summary>
    /// Each save adds a segment to FTS5's index; the merge after a bulk write (SearchIndex.MergeAsync: the rebuild, an
    /// archive import, the benchmark's seeding) leaves one, in steps, and the words are found as before.
    /// </summary>
    [Fact]
    public async Task The_full_text_index_merged_into_one_segment_finds_the_same_and_a_second_merge_has_nothing_to_do()
    {
        var forum = await app.ForumOfItsOwnAsync("search", unplaced: 3);
        foreach (var n in new[] { 1, 2, 3 })
        {
            await app.InDbAsync(async db =>
            {
                (await db.Sessions.AsTracking().SingleAsync(s => s.Id == forum.Session(n).Id)).Title = $"Quillmore pathways, part {n}";
                await db.SaveChangesAsync();
            });
        }
        var (_, _, before) = await app.GetJsonAsync("/api/search?q=quillmore&forum=" + forum.Slug);
        before.GetProperty("total").GetInt32().ShouldBe(3);

        (await app.InDbAsync(db => SearchIndex.MergeAsync(db, CancellationToken.None))).ShouldBeGreaterThan(0);
        (await app.InDbAsync(db => SearchIndex.MergeAsync(db, CancellationToken.None))).ShouldBe(0);
        await app.InDbAsync(db => db.Database.ExecuteSqlRawAsync("""INSERT INTO "SearchTerms"("SearchTerms") VALUES('integrity-check')"""));
        // Another URL than the first search's, which the output cache keeps.
        var (_, _, after) = await app.GetJsonAsync("/api/search?q=quillmore&page=1&forum=" + forum.Slug);
        after.GetProperty("total").GetInt32().ShouldBe(3);
        after.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("title").GetString())
            .ShouldBe(before.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("title").GetString()));
    }
}

[Collection("postgres")]
public sealed class SearchOnPostgres(PostgresApp app) : SearchTests(app)
{
    [Fact]
    public async Task A_saved_transcript_is_merged_out_of_the_index_pending_list_within_seconds_and_found()
    {
        // Without the merge the entries stay in the GIN pending list, which every search reads through, until a vacuum.
        var pendingList = app.Services.GetRequiredService<SearchPendingList>();
        var before = pendingList.Merged;
        var forum = await app.ForumOfItsOwnAsync("search", unplaced: 1);
        var text = string.Join('\n', Enumerable.Range(1, 40).Select(i => $"SPEAKER {i}: the vartholm relay and the skerrow mesh, turn {i}, on access and skills."));
        await app.InDbAsync(async db =>
        {
            db.Transcripts.Add(new Transcript { SessionId = forum.Session(1).Id, Format = TranscriptFormat.Captions, Source = text, Turns = "[]", SearchText = text, SavedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (pendingList.Merged == before && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }
        pendingList.Merged.ShouldBeGreaterThan(before);
        var (_, _, json) = await app.GetJsonAsync("/api/search?q=vartholm&forum=" + forum.Slug);
        json.GetProperty("total").GetInt32().ShouldBe(1);
    }
}
