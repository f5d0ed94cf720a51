using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Forums;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Forums.Archive;

/// <summary>
/// The forum document, between two installations: one with the demo seeded, one empty. Export → import → export gives the
/// same bytes; the corpus of record shapes (written for these tests, in <c>corpus/forum.json</c>) comes out on its session
/// pages and back out of the export unchanged; a bad document is refused by path with nothing written.
/// </summary>
public abstract class ForumArchiveTests(PlenaryApp demo, PlenaryApp empty)
{
    public static string CorpusFile => Path.Combine(RepositoryRoot(), "tests", "Plenary.Tests", "Features", "Forums", "Archive", "corpus", "forum.json");

    private static byte[] Corpus() => File.ReadAllBytes(CorpusFile);

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient api, byte[] document)
    {
        var content = new ByteArrayContent(document);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await api.PostAsync("/api/forums/import", content);
    }

    private static async Task<byte[]> ExportAsync(HttpClient api, string forum)
    {
        using var answer = await api.GetAsync($"/api/forums/{forum}/archive.json");
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return await answer.Content.ReadAsByteArrayAsync();
    }

    private async Task<HttpClient> EmptyAdministratorAsync() => empty.ApiClient(await PlenaryApp.ApiTokenOfAsync(await empty.AdministratorAsync()));

    [Theory]
    [InlineData("igf2022")]
    [InlineData("live")]
    public async Task A_demo_forum_exported_imported_into_an_empty_installation_and_exported_again_is_the_same_bytes(string forum)
    {
        using var secretariat = demo.ApiClient(await PlenaryApp.ApiTokenOfAsync(await demo.SecretariatOfAsync(forum)));
        var first = await ExportAsync(secretariat, forum);
        using var administrator = await EmptyAdministratorAsync();

        using var imported = await ImportAsync(administrator, first);

        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        imported.Headers.Location!.OriginalString.ShouldBe($"/api/forums/{forum}");
        var again = await ExportAsync(administrator, forum);
        again.Length.ShouldBe(first.Length);
        again.SequenceEqual(first).ShouldBeTrue("the second export differs from the first");
        // The document carries the record, and the record is what the pages show.
        var sessions = await demo.InDbAsync(db => db.Sessions.CountAsync(s => s.Forum.Slug == forum));
        var root = JsonDocument.Parse(first).RootElement;
        root.GetProperty("sessions").GetArrayLength().ShouldBe(sessions);
        // Every record section and every text in one, which a round trip alone would not show: an export leaving them out reads back as the same bytes.
        var (sections, texts) = await demo.InDbAsync(async db => (await db.RecordSections.CountAsync(s => s.ForumId == db.Forums.Single(f => f.Slug == forum).Id),
            await db.SessionSections.CountAsync(t => t.Section.ForumId == db.Forums.Single(f => f.Slug == forum).Id)));
        (root.TryGetProperty("sections", out var listed) ? listed.GetArrayLength() : 0).ShouldBe(sections);
        root.GetProperty("sessions").EnumerateArray().Sum(s => s.TryGetProperty("sections", out var held) ? held.EnumerateObject().Count() : 0).ShouldBe(texts);
        // And every translation, each shown on its session's page.
        var translations = await demo.InDbAsync(db => db.SessionTranslations.CountAsync(t => db.Sessions.Any(s => s.Id == t.SessionId && s.Forum.Slug == forum)));
        root.GetProperty("sessions").EnumerateArray().Sum(s => s.TryGetProperty("translations", out var held) ? held.GetArrayLength() : 0).ShouldBe(translations);
        if (forum == "igf2022")
        {
            texts.ShouldBeGreaterThan(0, "the demo's IGF 2022 workshops hold text in its sections");
            translations.ShouldBeGreaterThan(0, "the demo's OF #56 is translated");
        }
        var key = forum == "igf2022" ? "of-56" : "ws-500";
        var (status, page) = await empty.GetPageAsync($"/{forum}/sessions/{key}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe((await demo.GetPageAsync($"/{forum}/sessions/{key}")).Page.QuerySelector("h1")!.TextContent);
        // The importing account runs the new forum: its Secretariat.
        (await empty.InDbAsync(db => db.ForumMembers.CountAsync(m => m.ForumId == db.Forums.Single(f => f.Slug == forum).Id
            && m.Role == Plenary.Kernel.Access.ForumRole.Secretariat))).ShouldBe(1);
        (await empty.InDbAsync(db => db.AuditLog.CountAsync(e => e.Action == "forum.import" && e.Subject == forum))).ShouldBe(1);
    }

    [Fact]
    public async Task The_corpus_of_record_shapes_shows_every_field_on_its_session_pages_and_exports_back_unchanged()
    {
        var corpus = Corpus();
        using var administrator = await EmptyAdministratorAsync();

        using var imported = await ImportAsync(administrator, corpus);

        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        Encoding.UTF8.GetString(await ExportAsync(administrator, "corpus")).ShouldBe(Encoding.UTF8.GetString(corpus));

        var document = JsonNode.Parse(corpus)!;
        var sessions = document["sessions"]!.AsArray();
        sessions.Count.ShouldBeGreaterThanOrEqualTo(15);
        var people = document["people"]!.AsArray().ToDictionary(p => (string)p!["id"]!);
        var organisations = document["organisations"]!.AsArray().ToDictionary(o => (string)o!["id"]!);
        var types = document["sessionTypes"]!.AsArray().ToDictionary(t => (string)t!["code"]!);
        var subthemes = document["subthemes"]!.AsArray().ToDictionary(s => (string)s!["slug"]!);
        var sections = document["sections"]!.AsArray().ToDictionary(s => (string)s!["slug"]!);
        sections.Values.ShouldContain(x => (bool)x!["isPublic"]! == false, "the corpus holds a section for the Secretariat's eyes only");
        var withSections = 0;
        using var secretariat = await empty.AdministratorAsync();
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        var english = CultureInfo.GetCultureInfo("en");
        foreach (var s in sessions.Select(s => s!))
        {
            var type = types[(string)s["type"]!]!;
            var number = (int)s["number"]!;
            var numbered = s["hasNumber"] is null;
            var (status, page) = await empty.GetPageAsync($"/corpus/sessions/{((string)s["type"]!).ToLowerInvariant()}-{number}", "en");
            status.ShouldBe(HttpStatusCode.OK);
            var text = Flat(page.Body!.TextContent);
            var expected = new List<string>
            {
                (string)s["title"]!,
                numbered ? $"{type["numberLabel"]} #{number}" : (string)type["name"]!,
                (string)type["name"]!,
            };
            expected.AddRange(Strings(s, "formatLine", "room"));
            if (s["subtheme"] is { } subtheme)
            {
                expected.Add((string)subthemes[(string)subtheme!]!["name"]!);
            }
            if (s["startsAt"] is { } starts)
            {
                var (start, end) = ((DateTime)starts!, (DateTime)s["endsAt"]!);
                expected.Add($"{start.ToUniversalTime():HH:mm}–{end.ToUniversalTime():HH:mm} UTC");
                expected.Add(TimeZoneInfo.ConvertTimeFromUtc(start.ToUniversalTime(), oslo).ToString("HH:mm", CultureInfo.InvariantCulture));
            }
            if (s["day"] is { } day)
            {
                expected.Add(DateOnly.Parse((string)day!, CultureInfo.InvariantCulture).ToString("dddd d MMMM yyyy", english));
                expected.Add("Time not yet set");
            }
            if (s["status"] is not null)
            {
                expected.Add("This session has been cancelled.");
            }
            foreach (var role in s["roles"]?.AsArray() ?? [])
            {
                expected.Add(role!["person"] is { } person ? (string)people[(string)person!]!["name"]! : (string)organisations[(string)role["organisation"]!]!["name"]!);
            }
            CheckPeople(s, page, people, $"{s["type"]} {number}");
            expected.AddRange(s["tags"]?.AsArray().Select(t => (string)t!) ?? []);
            expected.AddRange(s["sdgTargets"]?.AsArray().Select(t => (string)t!) ?? []);
            expected.AddRange(Lines(Strings(s, "description", "approach", "sdgText")));
            var hidden = new List<string>();
            foreach (var (slug, markdown) in s["sections"]?.AsObject() ?? [])
            {
                var section = sections[slug]!;
                var lines = Lines([(string)markdown!]).Prepend((string)section["title"]!).ToList();
                (((bool)section["isPublic"]!) ? expected : hidden).AddRange(lines);
                withSections++;
            }
            if (hidden.Count > 0)
            {
                // A working note is shown only to those who may edit the session, never to a reader.
                var anonymous = Flat(page.Body!.TextContent);
                foreach (var line in hidden)
                {
                    anonymous.ShouldNotContain(Flat(line), Case.Sensitive, $"{s["type"]} {number}: the non-public “{line}” is shown to a reader");
                }
                var edited = Flat((await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/corpus/sessions/{((string)s["type"]!).ToLowerInvariant()}-{number}"))).Body!.TextContent);
                foreach (var line in hidden)
                {
                    edited.ShouldContain(Flat(line), Case.Sensitive, $"{s["type"]} {number}: the non-public “{line}” is not shown to the Secretariat");
                }
            }
            expected.AddRange(Lines((s["takeaways"]?.AsArray() ?? []).Concat(s["callsToAction"]?.AsArray() ?? []).Select(t => (string)t!["text"]!)));
            if (s["report"] is { } report)
            {
                expected.AddRange(Lines(Strings(report, "body", "keyIssues", "presentations", "wayForward")));
            }
            if (s["genderReport"] is { } gender)
            {
                expected.AddRange(Lines(Strings(gender, "narrative")));
                expected.Add($"{(int)gender["womenAndGenderDiversePercent"]!}%");
            }
            if (s["transcript"] is { } transcript)
            {
                expected.Add("Show the transcript");
                expected.AddRange(((string)transcript["source"]!).Split('\n').Where(l => l.StartsWith(">> ", StringComparison.Ordinal))
                    .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()));
                expected.AddRange(((string)transcript["source"]!).Split('\n').Where(l => l.StartsWith("<v ", StringComparison.Ordinal))
                    .Select(l => l[(l.IndexOf('>', StringComparison.Ordinal) + 1)..].Trim()));
            }
            foreach (var line in expected)
            {
                text.ShouldContain(Flat(line), Case.Sensitive, $"{s["type"]} {number}: “{line}” is not on its page");
            }
        }
        withSections.ShouldBeGreaterThanOrEqualTo(8, "the corpus carries text in its record sections");

        // Each translation on its session's page in its language, noted with its translator, and marked where the original has changed since.
        var translated = 0;
        foreach (var s in sessions.Select(s => s!).Where(s => s["translations"] is not null))
        {
            var url = $"/corpus/sessions/{((string)s["type"]!).ToLowerInvariant()}-{(int)s["number"]!}";
            foreach (var language in s["translations"]!.AsArray().GroupBy(t => (string)t!["language"]!))
            {
                var (status, page) = await empty.GetPageAsync($"{url}?lang={language.Key}", "en");
                status.ShouldBe(HttpStatusCode.OK);
                var text = Flat(page.Body!.TextContent);
                foreach (var t in language.Select(t => t!))
                {
                    foreach (var line in Lines([(string)t["text"]!]))
                    {
                        text.ShouldContain(Flat(line), Case.Sensitive, $"{url}?lang={language.Key}: “{line}” is not on its page");
                    }
                    translated++;
                }
                var notes = page.QuerySelectorAll("p.translated").ToList();
                notes.Count.ShouldBe(language.Count(), $"{url}?lang={language.Key}");
                notes.ShouldAllBe(n => language.Any(t => n.TextContent.Contains((string)t!["translatedBy"]!, StringComparison.Ordinal)));
                var stale = language.Count(t => (string)t!["originalDigest"]! != Plenary.Features.Sessions.SessionTranslation.DigestOf(Original(s, t!)));
                page.QuerySelectorAll("p.translated strong").Length.ShouldBe(stale, $"{url}?lang={language.Key}: the translations made from another original");
            }
        }
        translated.ShouldBeGreaterThanOrEqualTo(6, "the corpus carries translations of a title, sections, outputs and a report");
        sessions.Select(s => s!).ShouldContain(s => s["originalLanguage"] != null, "the corpus holds a session written in another language than the forum's first");

        // People over time: the person's page shows their title of today, and under the session what they were then.
        var (_, openForum) = await empty.GetPageAsync("/corpus/sessions/of-12", "en");
        var link = openForum.QuerySelectorAll("section[aria-labelledby=people] li a").First(a => a.TextContent.Contains("Marie-Claire Dubois", StringComparison.Ordinal));
        var (personStatus, personPage) = await empty.GetPageAsync(link.GetAttribute("href")!, "en");
        personStatus.ShouldBe(HttpStatusCode.OK);
        personPage.QuerySelector(".lead")!.TextContent.ShouldBe("Ambassador for Digital Affairs");
        var then = personPage.QuerySelectorAll("ul.roles li").Single(li => li.QuerySelector("a")!.GetAttribute("href") == "/corpus/sessions/of-12");
        Flat(then.TextContent).ShouldContain("At the time: Deputy Minister for Digital Affairs, Ministry of Foreign Affairs");
        var now = personPage.QuerySelectorAll("ul.roles li").Single(li => li.QuerySelector("a")!.GetAttribute("href") == "/corpus/sessions/ws-250");
        Flat(now.TextContent).ShouldNotContain("At the time");
    }

    [Fact]
    public async Task test_archive_import_finds_speakers_already_on_record_and_adds_only_new_people()
    {
        // Two editions naming the same speakers: the second finds them by name and affiliation as written elsewhere
        // ("lucia ferreyra paz" for "Lucía Ferreyra Paz"), unless a field says it is someone else.
        var token = Guid.NewGuid().ToString("N")[..8];
        JsonNode Edition(string slug)
        {
            var document = JsonNode.Parse(File.ReadAllBytes(Path.Combine(RepositoryRoot(), "docs", "forum-archive.example.json")))!;
            document["forum"]!["slug"] = slug;
            foreach (var person in document["people"]!.AsArray())
            {
                person!["affiliation"] = $"{(string?)person["affiliation"]} {token}";
            }
            return document;
        }
        using var administrator = demo.ApiClient(await PlenaryApp.ApiTokenOfAsync(await demo.AdministratorAsync()));
        var first = Edition($"first{token}");
        var listed = first["people"]!.AsArray().Count;
        using var firstImport = await ImportAsync(administrator, Encoding.UTF8.GetBytes(first.ToJsonString()));
        firstImport.StatusCode.ShouldBe(HttpStatusCode.Created, await firstImport.Content.ReadAsStringAsync());
        JsonNode.Parse(await firstImport.Content.ReadAsStringAsync())!["peopleOnRecord"]!.GetValue<int>().ShouldBe(0);

        var second = Edition($"second{token}");
        var people = second["people"]!.AsArray();
        people[0]!["name"] = ((string)people[0]!["name"]!).ToUpperInvariant().Replace("Í", "I", StringComparison.Ordinal);
        people[1]!["affiliation"] = $"Another ministry {token}";
        people[2]!["country"] = "FR";
        using var secondImport = await ImportAsync(administrator, Encoding.UTF8.GetBytes(second.ToJsonString()));
        secondImport.StatusCode.ShouldBe(HttpStatusCode.Created, await secondImport.Content.ReadAsStringAsync());
        JsonNode.Parse(await secondImport.Content.ReadAsStringAsync())!["peopleOnRecord"]!.GetValue<int>().ShouldBe(listed - 2);

        async Task<Dictionary<string, int>> PeopleOf(string slug) => await demo.InDbAsync(db => db.SessionRoles
            .Where(r => r.PersonId != null && db.Sessions.Any(x => x.Id == r.SessionId && x.Forum.Slug == slug))
            .Select(r => new { r.Person!.Id, r.Person.Affiliation, r.Person.CountryCode, r.Person.Name })
            .Distinct().ToDictionaryAsync(p => $"{p.Name}|{p.Affiliation}|{p.CountryCode}", p => p.Id));
        var before = await PeopleOf($"first{token}");
        var after = await PeopleOf($"second{token}");
        var firstNames = first["people"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        // Lucía, written in capitals and without her accent, is the person on record, shown as recorded.
        after.Keys.ShouldContain(k => k.StartsWith(firstNames[0] + "|", StringComparison.Ordinal));
        after.Values.ShouldContain(before.Single(k => k.Key.StartsWith(firstNames[0] + "|", StringComparison.Ordinal)).Value);
        // Another affiliation, another country: someone else, a new record.
        after.Values.ShouldNotContain(before.Single(k => k.Key.StartsWith(firstNames[1] + "|", StringComparison.Ordinal)).Value);
        after.Values.ShouldNotContain(before.Single(k => k.Key.StartsWith(firstNames[2] + "|", StringComparison.Ordinal)).Value);
        after.Values.Intersect(before.Values).Count().ShouldBe(after.Count - 2);
    }

    [Fact]
    public async Task The_example_in_the_docs_imports_and_exports_unchanged()
    {
        var example = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "docs", "forum-archive.example.json"));
        using var administrator = await EmptyAdministratorAsync();

        using var imported = await ImportAsync(administrator, example);

        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var slug = JsonDocument.Parse(example).RootElement.GetProperty("forum").GetProperty("slug").GetString()!;
        Encoding.UTF8.GetString(await ExportAsync(administrator, slug)).ShouldBe(Encoding.UTF8.GetString(example));
    }

    [Fact]
    public async Task test_demo_open_forum_56_keeps_every_translation_its_translator_time_and_whether_its_original_changed_through_another_installation()
    {
        using var secretariat = demo.ApiClient(await PlenaryApp.ApiTokenOfAsync(await demo.SecretariatOfAsync("igf2022")));
        var document = JsonNode.Parse(await ExportAsync(secretariat, "igf2022"))!;
        // Another address, as the same forum may already have moved into this installation.
        document["forum"]!["slug"] = "igf2022-translated";
        var of56 = document["sessions"]!.AsArray().Single(s => (string)s!["type"]! == "OF" && (int)s["number"]! == 56)!;
        var exported = of56["translations"]!.AsArray();
        // Only the public record goes: a translator is named, never their account or address.
        exported.SelectMany(t => t!.AsObject().Select(p => p.Key)).Distinct()
            .ShouldBe(["language", "part", "position", "text", "originalDigest", "translatedBy", "translatedAt"], ignoreOrder: true);
        // As if the first French takeaway had been made from an earlier wording: it must come in as "the original has changed since".
        var stale = exported.Single(t => (string)t!["language"]! == "fr" && (string)t["part"]! == "Takeaway" && (int)t["position"]! == 1)!;
        stale["originalDigest"] = Plenary.Features.Sessions.SessionTranslation.DigestOf("An earlier wording of the first takeaway.");
        using var administrator = await EmptyAdministratorAsync();

        using var imported = await ImportAsync(administrator, Encoding.UTF8.GetBytes(document.ToJsonString()));

        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        static Task<List<(string, string, int, string, string, string, DateTime, int?)>> Rows(PlenaryApp app, string forum) => app.InDbAsync(async db =>
            (await db.SessionTranslations.Where(t => db.Sessions.Any(s => s.Id == t.SessionId && s.Forum.Slug == forum && s.Type.Code == "OF" && s.Number == 56))
                .Select(t => new { t.Language, t.Part, t.PartId, t.Text, t.OriginalDigest, t.TranslatedByName, t.TranslatedAt, t.TranslatedById }).ToListAsync())
            .Select(t => (t.Language, t.Part.ToString(), t.PartId, t.Text, t.OriginalDigest, t.TranslatedByName, t.TranslatedAt, t.TranslatedById))
            .OrderBy(t => t.Language, StringComparer.Ordinal).ThenBy(t => t.Item2, StringComparer.Ordinal).ThenBy(t => t.PartId).ToList());
        var before = await Rows(demo, "igf2022");
        var after = await Rows(empty, "igf2022-translated");
        before.Count.ShouldBe(6, "the demo's OF #56: title and description in Spanish and Arabic, two takeaways in French");
        exported.Count.ShouldBe(before.Count);
        after.ShouldBe(before.Select(t => t is ("fr", "Takeaway", 1, _, _, _, _, _) ? t with { Item5 = (string)stale["originalDigest"]! } : t).Select(t => t with { Item8 = null }).ToList());

        // What readers get: each text in each language, by whom and when, and whether its original changed since, as before the move.
        foreach (var language in new[] { "es", "ar", "fr" })
        {
            var (_, _, there) = await demo.GetJsonAsync($"/api/forums/igf2022/sessions/of-56?lang={language}");
            var (status, _, here) = await empty.GetJsonAsync($"/api/forums/igf2022-translated/sessions/of-56?lang={language}");
            status.ShouldBe(HttpStatusCode.OK);
            var (textsThere, textsHere) = (there.GetProperty("languages").GetProperty("texts"), here.GetProperty("languages").GetProperty("texts"));
            textsHere.EnumerateObject().Select(t => t.Name).ShouldBe(textsThere.EnumerateObject().Select(t => t.Name));
            foreach (var text in textsThere.EnumerateObject().Where(t => t.Value.GetProperty("language").GetString() == language))
            {
                var now = textsHere.GetProperty(text.Name);
                now.GetProperty("translatedBy").GetString().ShouldBe(text.Value.GetProperty("translatedBy").GetString());
                now.GetProperty("translatedAt").GetDateTime().ShouldBe(text.Value.GetProperty("translatedAt").GetDateTime());
                now.GetProperty("originalChanged").GetBoolean().ShouldBe(language == "fr" && text.Name == "keyTakeaways[0]", $"{language} {text.Name}");
                text.Value.GetProperty("originalChanged").GetBoolean().ShouldBeFalse();
            }
            here.GetProperty("session").GetProperty("title").GetString().ShouldBe(there.GetProperty("session").GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task test_document_of_version_2_without_original_languages_or_translations_still_imports()
    {
        var document = JsonNode.Parse(Corpus())!;
        document["forum"]!["slug"] = "corpus-version-2";
        document["version"] = 2;
        foreach (var session in document["sessions"]!.AsArray().Select(s => s!.AsObject()))
        {
            session.Remove("originalLanguage");
            session.Remove("translations");
        }
        using var administrator = await EmptyAdministratorAsync();

        using var imported = await ImportAsync(administrator, Encoding.UTF8.GetBytes(document.ToJsonString()));

        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var exported = JsonNode.Parse(await ExportAsync(administrator, "corpus-version-2"))!;
        ((int)exported["version"]!).ShouldBe(4);
        exported["version"] = 2;
        JsonNode.DeepEquals(exported, document).ShouldBeTrue("a version 2 document comes back as it was, but for its version");
        (await empty.InDbAsync(db => db.Sessions.CountAsync(s => s.Forum.Slug == "corpus-version-2" && s.OriginalLanguage != null))).ShouldBe(0);
    }

    [Fact]
    public async Task test_forum_kind_and_series_come_back_through_export_and_import()
    {
        var document = JsonNode.Parse(Corpus())!;
        document["forum"]!["slug"] = "corpus-eurodig";
        var forum = document["forum"]!.AsObject();
        forum.Insert(forum.IndexOf("year") + 1, "kind", "Regional");
        forum.Insert(forum.IndexOf("kind") + 1, "series", "eurodig");
        using var administrator = await EmptyAdministratorAsync();

        using var imported = await ImportAsync(administrator, Encoding.UTF8.GetBytes(document.ToJsonString()));

        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var stored = await empty.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "corpus-eurodig"));
        (stored.Kind, stored.Series).ShouldBe((ForumKind.Regional, "eurodig"));
        var exported = JsonNode.Parse(await ExportAsync(administrator, "corpus-eurodig"))!;
        JsonNode.DeepEquals(exported, document).ShouldBeTrue(exported["forum"]!.ToJsonString());
    }

    /// <summary>
    /// The import's one transaction is one new segment of SQLite's full-text index (on PostgreSQL, a pending list of GIN
    /// entries) as large as the forum: merged with the rest so that searches read one, but after the answer, since at the
    /// archive's full scale the merge rewrites the whole index (seconds), and the importer need not wait for it.
    /// </summary>
    [Fact]
    public async Task test_archive_import_answers_before_the_search_index_is_merged_and_the_merge_follows_in_the_background()
    {
        var index = empty.Services.GetRequiredService<Plenary.Features.Search.SearchPendingList>();
        var document = JsonNode.Parse(Corpus())!;
        document["forum"]!["slug"] = "corpus-merged";
        using var administrator = await EmptyAdministratorAsync();

        using var imported = await ImportAsync(administrator, Encoding.UTF8.GetBytes(document.ToJsonString()));

        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var asked = index.WholeMergesAsked;
        asked.ShouldBeGreaterThan(0);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (index.WholeMergesDone < asked && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }
        index.WholeMergesDone.ShouldBeGreaterThanOrEqualTo(asked);
        // Nothing is left to merge: SQLite's index is one segment (a merge step finds no work), PostgreSQL's pending list empty.
        (await empty.InDbAsync(async db => db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<long>($"""SELECT gin_clean_pending_list('"{Plenary.Features.Search.SearchIndex.PostgresVectorIndex}"'::regclass) AS "Value" """).SingleAsync()
            : await Plenary.Features.Search.SearchIndex.MergeAsync(db, CancellationToken.None))).ShouldBe(0);
        var title = (string)document["sessions"]![0]!["title"]!;
        var (_, _, found) = await empty.GetJsonAsync("/api/search?forum=corpus-merged&q=spam");
        found.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("title").GetString()).ShouldContain(t => t!.EndsWith(title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task test_forum_that_dropped_a_language_exports_a_document_its_own_import_takes()
    {
        var document = JsonNode.Parse(Corpus())!;
        document["forum"]!["slug"] = "corpus-dropped";
        using var administrator = await EmptyAdministratorAsync();
        using (var imported = await ImportAsync(administrator, Encoding.UTF8.GetBytes(document.ToJsonString())))
        {
            imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        }
        // Arabic is dropped after OF #13 was written in it and WS #101's call to action translated into it.
        await empty.InDbAsync(async db =>
        {
            var forum = await db.Forums.AsTracking().SingleAsync(f => f.Slug == "corpus-dropped");
            forum.Languages = ["en", "fr"];
            await db.SaveChangesAsync();
        });

        var exported = JsonNode.Parse(await ExportAsync(administrator, "corpus-dropped"))!;

        var sessions = exported["sessions"]!.AsArray().Select(s => s!).ToList();
        sessions.ShouldNotContain(s => s["originalLanguage"] != null);
        var translations = sessions.SelectMany(s => s["translations"]?.AsArray() ?? []).Select(t => (string)t!["language"]!).ToList();
        translations.ShouldBe(["fr", "fr", "fr", "fr", "fr"], "the French ones stay, OF #13's now from the forum's first language");
        exported["forum"]!["slug"] = "corpus-dropped-again";
        using var again = await ImportAsync(administrator, Encoding.UTF8.GetBytes(exported.ToJsonString()));
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task test_the_frameworks_a_forum_uses_and_its_sessions_links_come_back_through_export_and_import()
    {
        var document = JsonNode.Parse(Corpus())!;
        document["forum"]!["slug"] = "corpus-frameworks";
        var linked = document["sessions"]!.AsArray().Single(s => s!["gdc"] is not null)!;
        using var administrator = await EmptyAdministratorAsync();
        using (var imported = await ImportAsync(administrator, Encoding.UTF8.GetBytes(document.ToJsonString())))
        {
            imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        }
        var forum = await empty.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "corpus-frameworks"));
        (forum.UsesGdc, forum.UsesWsis).ShouldBe((true, true));
        var links = await empty.InDbAsync(db => db.SessionFrameworkLinks.Where(l => db.Sessions.Any(s => s.Id == l.SessionId && s.ForumId == forum.Id)).ToListAsync());
        links.Select(l => $"{l.Framework}:{l.Code}").Order(StringComparer.Ordinal).ShouldBe(["Gdc:1", "Gdc:3", "Wsis:C10", "Wsis:C2"]);
        (await empty.GetPageAsync("/corpus-frameworks/frameworks/wsis/C10")).Page.Body!.TextContent.ShouldContain((string)linked["title"]!);

        var exported = JsonNode.Parse(await ExportAsync(administrator, "corpus-frameworks"))!;
        ((bool)exported["forum"]!["usesGdc"]!, (bool)exported["forum"]!["usesWsis"]!).ShouldBe((true, true));
        var again = exported["sessions"]!.AsArray().Single(s => s!["gdc"] is not null)!;
        again["gdc"]!.AsArray().Select(c => (string)c!).ShouldBe(["1", "3"]);
        again["wsis"]!.AsArray().Select(c => (string)c!).ShouldBe(["C2", "C10"]);
    }

    [Fact]
    public async Task A_bad_document_is_refused_with_the_path_of_each_problem_and_nothing_is_written()
    {
        await TakenAddressAsync();
        using var administrator = await EmptyAdministratorAsync();
        var before = await empty.InDbAsync(async db => (await db.Forums.CountAsync(), await db.People.CountAsync(), await db.Sessions.CountAsync()));

        async Task<string> Refused(Action<JsonNode> change, params string[] paths)
        {
            var document = JsonNode.Parse(Corpus())!;
            document["forum"]!["slug"] = "refused";
            change(document);
            using var answer = await ImportAsync(administrator, Encoding.UTF8.GetBytes(document.ToJsonString()));
            var body = await answer.Content.ReadAsStringAsync();
            answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
            errors.ShouldBe(paths, ignoreOrder: true, body);
            return body;
        }

        await Refused(d => d["version"] = Plenary.Features.Forums.Archive.ForumDocument.CurrentVersion + 1, "version");
        await Refused(d => d["version"] = 0, "version");
        var linked = JsonNode.Parse(Corpus())!["sessions"]!.AsArray().Select((x, i) => (x, i)).Single(x => x.x!["gdc"] is not null).i;
        (await Refused(d => d["sessions"]![linked]!["wsis"]![1] = "C12", $"sessions[{linked}].wsis[1]")).ShouldContain("“C12” is not in the WSIS action lines.");
        (await Refused(d => d["sessions"]![linked]!["gdc"]![0] = "6", $"sessions[{linked}].gdc[0]")).ShouldContain("“6” is not in the Global Digital Compact.");
        await Refused(d => d["sessions"]![5]!["roles"]![2]!["title"] = " ", "sessions[5].roles[2].title");
        await Refused(d => d["sessions"]![5]!["roles"]![0]!["affiliation"] = "An organisation's", "sessions[5].roles[0].affiliation");
        await Refused(d => d["format"] = "something-else", "format");
        await Refused(d => d["sessions"]![3]!["type"] = "XX", "sessions[3].type");
        await Refused(d => d["sessions"]![4]!["number"] = (int)d["sessions"]![3]!["number"]!, "sessions[4].number");
        await Refused(d => d["sessions"]![0]!["roles"]![1]!["kind"] = "Juggler", "sessions[0].roles[1].kind");
        await Refused(d => d["sessions"]![0]!["roles"]![1]!["person"] = "p999", "sessions[0].roles[1].person");
        await Refused(d => d["sessions"]![2]!["policyQuestions"] = "Not a property of version 1", "sessions[2].policyQuestions");
        await Refused(d => d["sessions"]![2]!["startsAt"] = "2025-06-24T09:30:00+02:00", "sessions[2].startsAt");
        // The second person takes the first's id: the id is refused where it repeats, and each role naming the second person no longer finds them.
        await Refused(d => d["people"]![1]!["id"] = "p1",
            "people[1].id", "sessions[0].roles[1].person", "sessions[9].roles[0].person", "sessions[10].roles[2].person", "sessions[12].roles[4].person");
        // Record sections: a session's slug must be one of the forum's, each section follows the sections page's rules.
        (await Refused(d => d["sessions"]![6]!["sections"]!["expected_outcome"] = "A typo of a slug", "sessions[6].sections.expected_outcome"))
            .ShouldContain("policy_questions, expected_outcomes, agenda, room_setup");
        await Refused(d => d["sessions"]![6]!["sections"]!["policy_questions"] = new string('x', 20_001), "sessions[6].sections.policy_questions");
        await Refused(d => d["sessions"]![6]!["sections"]!["policy_questions"] = " ", "sessions[6].sections.policy_questions");
        // A slug out of shape is refused, and the sessions' texts in it no longer find their section.
        await Refused(d => d["sections"]![3]!["slug"] = "Room set-up", "sections[3].slug", "sessions[1].sections.room_setup", "sessions[15].sections.room_setup");
        await Refused(d => d["sections"]![2]!["slug"] = "policy_questions", "sections[2].slug", "sessions[2].sections.agenda", "sessions[12].sections.agenda");
        await Refused(d => d["sections"]![2]!["slug"] = "title", "sections[2].slug", "sessions[2].sections.agenda", "sessions[12].sections.agenda");
        await Refused(d => d["sections"]![0]!["title"] = "Policy\nquestions", "sections[0].title");
        await Refused(d => d["sections"]![1]!["help"] = new string('h', 1_001), "sections[1].help");
        // Translations: into a language the forum has, other than the session's own, of a text the session has, each once.
        var german = await Refused(d => d["sessions"]![1]!["translations"]![0]!["language"] = "de", "sessions[1].translations[0].language");
        Message(german, "sessions[1].translations[0].language")
            .ShouldBe("WS #101 has a translation into “de”, which is not one of the forum's languages (en, fr, ar): add it to forum.languages, or leave the translation out.");
        await Refused(d => d["sessions"]![6]!["translations"]![0]!["language"] = "ar", "sessions[6].translations[0].language");
        await Refused(d => d["sessions"]![6]!["originalLanguage"] = "de", "sessions[6].originalLanguage");
        (await Refused(d => d["sessions"]![1]!["translations"]![0]!["part"] = "Summary", "sessions[1].translations[0].part")).ShouldContain("CallToAction");
        Message(await Refused(d => d["sessions"]![1]!["translations"]![1]!["section"] = "agenda", "sessions[1].translations[1].section"), "sessions[1].translations[1].section")
            .ShouldBe("WS #101 has no text in a record section “agenda” to translate. Its sections with text: policy_questions, expected_outcomes, room_setup.");
        Message(await Refused(d => d["sessions"]![1]!["translations"]![2]!["position"] = 4, "sessions[1].translations[2].position"), "sessions[1].translations[2].position")
            .ShouldBe("WS #101 has no key takeaway at position 4: it has 3.");
        await Refused(d => d["sessions"]![1]!["translations"]![4]!["position"] = null, "sessions[1].translations[4].position");
        await Refused(d => d["sessions"]![1]!["translations"]![0]!["position"] = 1, "sessions[1].translations[0].position");
        await Refused(d =>
        {
            d["sessions"]![6]!["translations"]![0]!["part"] = "Description";
            d["sessions"]![6]!["translations"]![0]!.AsObject().Remove("section");
        }, "sessions[6].translations[0].part");
        await Refused(d => d["sessions"]![1]!["translations"]![1] = d["sessions"]![1]!["translations"]![0]!.DeepClone(), "sessions[1].translations[1]");
        await Refused(d => d["sessions"]![1]!["translations"]![0]!["text"] = "Deux\nlignes", "sessions[1].translations[0].text");
        await Refused(d => d["sessions"]![1]!["translations"]![0]!["originalDigest"] = "not a digest", "sessions[1].translations[0].originalDigest");
        await Refused(d => d["sessions"]![1]!["translations"]![0]!["translatedAt"] = "2025-07-08T11:00:00+02:00", "sessions[1].translations[0].translatedAt");
        await Refused(d => d["sessions"]![1]!["translations"]![0]!["translatedById"] = 7, "sessions[1].translations[0].translatedById");
        await Refused(d => d["forum"]!["kind"] = "Continental", "forum.kind");
        await Refused(d => d["forum"]!["series"] = "EuroDIG 2024", "forum.series");
        // A forum of that address exists already.
        await Refused(d => d["forum"]!["slug"] = "corpus-taken", "forum.slug");

        using var truncated = await ImportAsync(administrator, Corpus()[..4000]);
        truncated.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await truncated.Content.ReadAsStringAsync()).ShouldContain("is not JSON");

        (await empty.InDbAsync(async db => (await db.Forums.CountAsync(), await db.People.CountAsync(), await db.Sessions.CountAsync()))).ShouldBe(before);
    }

    /// <summary>The first message of a refusal at a path.</summary>
    private static string Message(string problem, string path) =>
        JsonDocument.Parse(problem).RootElement.GetProperty("errors").GetProperty(path)[0].GetString()!;

    /// <summary>Makes the forum "corpus-taken", for the refusal of an address in use.</summary>
    private async Task TakenAddressAsync()
    {
        using var administrator = await EmptyAdministratorAsync();
        var document = JsonNode.Parse(Corpus())!;
        document["forum"]!["slug"] = "corpus-taken";
        // A document of version 1, before the role kinds and a role's own title: still read.
        document["version"] = 1;
        document["sessions"] = new JsonArray();
        document["people"] = null;
        document["organisations"] = null;
        using var made = await ImportAsync(administrator, Encoding.UTF8.GetBytes(document.ToJsonString()));
        made.StatusCode.ShouldBe(HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_the_forums_secretariat_exports_it_and_only_site_administrators_import()
    {
        using var reviewer = demo.ApiClient(await PlenaryApp.ApiTokenOfAsync(await demo.ReviewerOfAsync("igf2022")));
        (await reviewer.GetAsync("/api/forums/igf2022/archive.json")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await demo.Client.GetAsync("/api/forums/igf2022/archive.json")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var secretariat = demo.ApiClient(await PlenaryApp.ApiTokenOfAsync(await demo.SecretariatOfAsync("igf2022")));
        var document = JsonNode.Parse(Corpus())!;
        document["forum"]!["slug"] = "not-by-a-secretariat";
        (await ImportAsync(secretariat, Encoding.UTF8.GetBytes(document.ToJsonString()))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await demo.InDbAsync(db => db.Forums.AnyAsync(f => f.Slug == "not-by-a-secretariat"))).ShouldBeFalse();

        // The workspace's export page gives the same document to the Secretariat signed in with its browser.
        using var browser = await demo.SecretariatOfAsync("igf2022");
        using var file = await browser.GetAsync("/igf2022/manage/export/forum.json");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentDisposition!.FileName.ShouldBe("igf2022-forum.json");
        var (downloaded, exported) = (await file.Content.ReadAsByteArrayAsync(), await ExportAsync(secretariat, "igf2022"));
        downloaded.SequenceEqual(exported).ShouldBeTrue();
        var links = (await PlenaryApp.ParseAsync(await browser.GetAsync("/igf2022/manage/import"))).QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href"));
        links.ShouldContain("/igf2022/manage/export/forum.json");
    }

    /// <summary>The IGF's heading for each kind of role (and, for presenters, mode), as its session pages give them.</summary>
    private static string Heading(string kind, string mode) => kind switch
    {
        "Speaker" => "Speakers",
        "Presenter" => mode == "Online" ? "Remote Presenter" : "Presenter",
        "Moderator" => "Moderator",
        "OnsiteModerator" => "Onsite Moderator",
        "FloorModerator" => "Floor Moderator",
        "OnlineModerator" => "Online Moderator",
        "Timekeeper" => "Timekeeper",
        "Rapporteur" => "Rapporteur",
        "CoRapporteur" => "Co-Rapporteur",
        _ => "Organizers",
    };

    /// <summary>
    /// Each person under the IGF's heading of their role, with the title and affiliation of that session when it recorded
    /// its own (never the person's current ones then), and "(TBC)" when they are to be confirmed.
    /// </summary>
    private static void CheckPeople(JsonNode session, AngleSharp.Dom.IDocument page, Dictionary<string, JsonNode?> people, string name)
    {
        var section = page.QuerySelector("section[aria-labelledby=people]");
        var headings = section?.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()).ToList() ?? [];
        foreach (var role in (session["roles"]?.AsArray() ?? []).Select(r => r!))
        {
            headings.ShouldContain(Heading((string)role["kind"]!, (string)role["mode"]!), $"{name}: no heading for {role.ToJsonString()}");
            if (role["person"] is not { } id)
            {
                continue;
            }
            var person = people[(string)id!]!;
            var display = person["honorific"] is { } honorific ? $"{honorific} {person["name"]}" : (string)person["name"]!;
            var items = section!.QuerySelectorAll("li").Select(li => Flat(li.TextContent)).Where(t => t.StartsWith(Flat(display), StringComparison.Ordinal)).ToList();
            items.ShouldNotBeEmpty($"{name}: {display} is not listed");
            if (role["title"] is not null || role["affiliation"] is not null)
            {
                var then = Flat(string.Join(", ", Strings(role, "title", "affiliation").Prepend(display)));
                items.ShouldContain(t => t.StartsWith(then, StringComparison.Ordinal), $"{name}: {display} is not shown as {then}");
                var sameSession = (session["roles"]!.AsArray()).Where(r => (string?)r!["person"] == (string)id! && r["title"] is null && r["affiliation"] is null);
                if (!sameSession.Any() && person["title"] is { } now)
                {
                    Flat(section.TextContent).ShouldNotContain(Flat((string)now!), Case.Sensitive, $"{name}: {display}'s current title is shown for a session that recorded another");
                }
            }
            if (role["toBeConfirmed"] is not null)
            {
                items.ShouldContain(t => t.EndsWith("(TBC)", StringComparison.Ordinal), $"{name}: {display} is not shown as to be confirmed");
            }
        }
    }

    /// <summary>The original text a translation of the document refers to, found as the document refers to it.</summary>
    private static string Original(JsonNode session, JsonNode translation) => (string)translation["part"]! switch
    {
        "Section" => (string)session["sections"]![(string)translation["section"]!]!,
        "Takeaway" => (string)session["takeaways"]![(int)translation["position"]! - 1]!["text"]!,
        "CallToAction" => (string)session["callsToAction"]![(int)translation["position"]! - 1]!["text"]!,
        var part when part.StartsWith("Report", StringComparison.Ordinal) => (string)session["report"]![char.ToLowerInvariant(part[6]) + part[7..]]!,
        var part => (string)session[char.ToLowerInvariant(part[0]) + part[1..]]!,
    };

    internal static IEnumerable<string> Strings(JsonNode node, params string[] names) =>
        names.Select(n => node[n]).Where(v => v is not null).Select(v => (string)v!);

    /// <summary>Markdown's lines as the page shows their text: list markers and emphasis are the page's own.</summary>
    internal static IEnumerable<string> Lines(IEnumerable<string> markdown) =>
        markdown.SelectMany(m => m.Split('\n')).Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), @"^(- |\d+\. |#+ )", ""))
            .Where(l => l.Length > 0);

    /// <summary>Whitespace as one space, and the typographic apostrophe the Markdown renderer may write as the plain one.</summary>
    internal static string Flat(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Replace('’', '\'').Trim();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Plenary.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}

public sealed class ForumArchiveOnSqlite(SqliteApp demo, EmptySqliteApp empty) : ForumArchiveTests(demo, empty), IClassFixture<SqliteApp>, IClassFixture<EmptySqliteApp>;

public sealed class ForumArchiveOnPostgres(PostgresApp demo, EmptyPostgresApp empty) : ForumArchiveTests(demo, empty), IClassFixture<PostgresApp>, IClassFixture<EmptyPostgresApp>;
