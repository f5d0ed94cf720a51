using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sessions;

/// <summary>
/// A session in several of its forum's languages: the original and translations per part, each marked with its
/// translator and time; the page and the API give the reader's language block by block, the original elsewhere, and say
/// which language each text is in.
/// </summary>
public abstract class SessionTranslationTests(PlenaryApp app)
{
    private const string EnglishTitle = "Data flows across borders";
    private const string EnglishDescription = "How **data** crosses borders, and who decides.";
    private const string SpanishTitle = "Flujos de datos transfronterizos";
    private const string ArabicTitle = "تدفق البيانات عبر الحدود";

    /// <summary>A forum in English, Spanish, Arabic and French whose WS #1 has an English description, two takeaways and a report.</summary>
    private async Task<(OwnForum Forum, Session Session)> ForumInFourLanguagesAsync(string prefix)
    {
        var forum = await app.ForumOfItsOwnAsync(prefix, placed: 1, released: true, shape: f => f.Languages = ["en", "es", "ar", "fr"]);
        var session = forum.Session(1);
        await app.InDbAsync(async db =>
        {
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Title, EnglishTitle).SetProperty(s => s.Description, EnglishDescription));
            db.Takeaways.AddRange(
                new Takeaway { SessionId = session.Id, Kind = TakeawayKind.KeyTakeaway, Position = 1, Text = "Trust needs rules." },
                new Takeaway { SessionId = session.Id, Kind = TakeawayKind.KeyTakeaway, Position = 2, Text = "Rules need trust." },
                new Takeaway { SessionId = session.Id, Kind = TakeawayKind.CallToAction, Position = 1, Text = "Publish the rules.", Addressee = CallToActionAddressee.Governments });
            await db.SaveChangesAsync();
        });
        session.Title = EnglishTitle;
        await app.EvictPublicCacheAsync();
        return (forum, session);
    }

    /// <summary>A translation written straight into the database, as if saved on the page by "María Pérez" at a fixed moment.</summary>
    private Task TranslateAsync(Session session, string language, TranslatedPart part, int partId, string text, string original) =>
        app.InDbAsync(async db =>
        {
            db.SessionTranslations.Add(new SessionTranslation
            {
                SessionId = session.Id, Language = language, Part = part, PartId = partId, Text = text, OriginalDigest = SessionTranslation.DigestOf(original),
                TranslatedByName = "María Pérez", TranslatedAt = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync();
            await app.EvictPublicCacheAsync();
        });

    private static string Page(OwnForum forum, Session session) => $"/{forum.Slug}/sessions/{session.Key}";

    private static (string? Lang, string? Dir, string Text) H1(IHtmlDocument page)
    {
        var h1 = page.QuerySelector("h1")!;
        return (h1.GetAttribute("lang"), h1.GetAttribute("dir"), h1.TextContent);
    }

    [Fact]
    public async Task test_spanish_translation_is_shown_to_a_spanish_reader_with_a_link_to_the_english_and_english_to_an_english_reader()
    {
        var (forum, session) = await ForumInFourLanguagesAsync("trread");
        await TranslateAsync(session, "es", TranslatedPart.Title, 0, SpanishTitle, EnglishTitle);

        var (_, spanish) = await app.GetPageAsync(Page(forum, session), "es");
        var (_, byCulture) = await app.GetPageAsync(Page(forum, session) + "?culture=es");
        var (_, english) = await app.GetPageAsync(Page(forum, session), "en");
        var (_, asked) = await app.GetPageAsync(Page(forum, session) + "?lang=es", "en");

        H1(spanish).ShouldBe(("es", "ltr", SpanishTitle));
        H1(byCulture).ShouldBe(("es", "ltr", SpanishTitle));
        // The description has no Spanish version: it comes in English, saying so.
        var description = spanish.QuerySelector("section[aria-labelledby=description] .content")!;
        (description.GetAttribute("lang"), description.TextContent.Trim()).ShouldBe(("en", "How data crosses borders, and who decides."));
        spanish.QuerySelector("p.versions a[hreflang=en]")!.GetAttribute("href").ShouldBe(Page(forum, session) + "?lang=en");
        spanish.QuerySelector("p.translated")!.TextContent.ShouldContain("María Pérez");

        H1(english).ShouldBe(("en", "auto", EnglishTitle));
        english.QuerySelector("p.versions a[hreflang=es]")!.GetAttribute("href").ShouldBe(Page(forum, session) + "?lang=es");
        english.QuerySelector("p.versions")!.TextContent.ShouldContain("Español");
        english.QuerySelector("p.versions")!.TextContent.ShouldContain("by María Pérez, 3 Dec 2026");
        english.QuerySelector("p.translated").ShouldBeNull();

        // ?lang= changes the content only: the interface stays in the reader's English.
        H1(asked).ShouldBe(("es", "ltr", SpanishTitle));
        asked.DocumentElement.GetAttribute("lang").ShouldBe("en");
        asked.QuerySelector("p.translated")!.TextContent.ShouldContain("Translated from English by María Pérez");
    }

    [Fact]
    public async Task test_arabic_translation_block_is_right_to_left_beside_the_english_originals()
    {
        var (forum, session) = await ForumInFourLanguagesAsync("trrtl");
        await TranslateAsync(session, "ar", TranslatedPart.Title, 0, ArabicTitle, EnglishTitle);
        await TranslateAsync(session, "ar", TranslatedPart.Takeaway, 2, "الثقة تحتاج إلى قواعد.", "Rules need trust.");

        var (_, page) = await app.GetPageAsync(Page(forum, session) + "?lang=ar", "en");

        H1(page).ShouldBe(("ar", "rtl", ArabicTitle));
        // The English originals beside it keep their own language, and the browser's own reading of their direction.
        var takeaways = page.QuerySelectorAll("section[aria-labelledby=takeaways] .content").Select(b => (b.GetAttribute("lang"), b.GetAttribute("dir"))).ToList();
        takeaways.ShouldBe([("en", "auto"), ("ar", "rtl")]);
        page.QuerySelector("section[aria-labelledby=description] .content")!.GetAttribute("dir").ShouldBe("auto");
    }

    [Fact]
    public async Task test_raw_html_in_a_translation_is_shown_as_text_and_its_markdown_rendered()
    {
        var (forum, session) = await ForumInFourLanguagesAsync("trhtml");
        await TranslateAsync(session, "es", TranslatedPart.Description, 0, "Cómo cruzan los **datos** <script>alert(1)</script><img src=x onerror=alert(2)>", EnglishDescription);

        var (_, page) = await app.GetPageAsync(Page(forum, session) + "?lang=es");

        var block = page.QuerySelector("section[aria-labelledby=description] .content")!;
        block.QuerySelector("strong")!.TextContent.ShouldBe("datos");
        block.QuerySelector("script").ShouldBeNull();
        block.QuerySelector("img").ShouldBeNull();
        block.TextContent.ShouldContain("<script>alert(1)</script>");
    }

    [Fact]
    public async Task test_translation_saved_on_the_page_records_translator_and_time_raises_version_and_is_audited()
    {
        var (forum, session) = await ForumInFourLanguagesAsync("trsave");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var version = await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).Select(s => s.Version).SingleAsync());
        var before = DateTime.UtcNow;

        var saved = await PlenaryApp.SubmitFormAsync(secretariat, $"{Page(forum, session)}/translations/es", new Dictionary<string, string>
        {
            ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Fields[0].Part"] = "Title", ["Fields[0].PartId"] = "0", ["Fields[0].Text"] = SpanishTitle,
            ["Fields[1].Part"] = "Description", ["Fields[1].PartId"] = "0", ["Fields[1].Text"] = "",
        }, $"{Page(forum, session)}/translations/es?handler=Save");
        var after = DateTime.UtcNow;

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var row = await app.InDbAsync(db => db.SessionTranslations.SingleAsync(t => t.SessionId == session.Id));
        (row.Language, row.Part, row.Text).ShouldBe(("es", TranslatedPart.Title, SpanishTitle));
        row.TranslatedByName.ShouldBe("Amina Diallo");
        row.TranslatedById.ShouldNotBeNull();
        row.TranslatedAt.ShouldBeInRange(before.AddSeconds(-1), after.AddSeconds(1));
        (await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).Select(s => s.Version).SingleAsync())).ShouldBe(version + 1);
        var audit = await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.ForumId == forum.Id && e.Action == "session.translate"));
        audit.Subject.ShouldBe($"{session.Key} es");
        audit.After!.ShouldContain(SpanishTitle);
    }

    [Fact]
    public async Task test_translation_form_opened_before_another_save_is_refused_with_409_keeping_the_text()
    {
        var (forum, session) = await ForumInFourLanguagesAsync("trstale");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var version = await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).Select(s => s.Version).SingleAsync());
        await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, s => s.Version + 1)));

        var refused = await PlenaryApp.SubmitFormAsync(secretariat, $"{Page(forum, session)}/translations/es", new Dictionary<string, string>
        {
            ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Fields[0].Part"] = "Title", ["Fields[0].PartId"] = "0", ["Fields[0].Text"] = SpanishTitle,
        }, $"{Page(forum, session)}/translations/es?handler=Save");

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await PlenaryApp.ParseAsync(refused);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Someone changed this session while you were translating it.");
        page.QuerySelector("input#t-title-0")!.GetAttribute("value").ShouldBe(SpanishTitle);
        (await app.InDbAsync(db => db.SessionTranslations.CountAsync(t => t.SessionId == session.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task test_rapporteur_translates_takeaways_not_the_title_and_a_takeaway_changed_since_is_marked()
    {
        var (forum, session) = await ForumInFourLanguagesAsync("trtake");
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        var form = await PlenaryApp.ParseAsync(await rapporteur.GetAsync($"{Page(forum, session)}/translations/fr"));

        var saved = await PlenaryApp.SubmitFormAsync(rapporteur, $"{Page(forum, session)}/translations/fr", new Dictionary<string, string>
        {
            ["Fields[0].Part"] = "Takeaway", ["Fields[0].PartId"] = "1", ["Fields[0].Text"] = "La confiance exige des règles.",
            ["Fields[1].Part"] = "Takeaway", ["Fields[1].PartId"] = "2", ["Fields[1].Text"] = "Les règles exigent la confiance.",
        }, $"{Page(forum, session)}/translations/fr?handler=Save");
        var title = await PlenaryApp.SubmitFormAsync(rapporteur, $"{Page(forum, session)}/translations/fr", new Dictionary<string, string>
        {
            ["Fields[0].Part"] = "Title", ["Fields[0].PartId"] = "0", ["Fields[0].Text"] = "Flux de données",
        }, $"{Page(forum, session)}/translations/fr?handler=Save");
        // The rapporteur submits the takeaways again, the second reworded: written anew, as the outputs form does.
        await app.InDbAsync(async db =>
        {
            db.Takeaways.RemoveRange(await db.Takeaways.Where(t => t.SessionId == session.Id && t.Kind == TakeawayKind.KeyTakeaway).ToListAsync());
            db.Takeaways.AddRange(
                new Takeaway { SessionId = session.Id, Kind = TakeawayKind.KeyTakeaway, Position = 1, Text = "Trust needs rules." },
                new Takeaway { SessionId = session.Id, Kind = TakeawayKind.KeyTakeaway, Position = 2, Text = "Rules need trust, and trust needs time." });
            await db.SaveChangesAsync();
        });
        await app.EvictPublicCacheAsync();
        var (_, page) = await app.GetPageAsync(Page(forum, session) + "?lang=fr");
        var formAfter = await PlenaryApp.ParseAsync(await rapporteur.GetAsync($"{Page(forum, session)}/translations/fr"));

        form.QuerySelector("#t-title-0").ShouldBeNull();
        form.QuerySelector("textarea#t-takeaway-1").ShouldNotBeNull();
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        title.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.InDbAsync(db => db.SessionTranslations.CountAsync(t => t.SessionId == session.Id && t.Part == TranslatedPart.Title))).ShouldBe(0);
        var takeaways = page.QuerySelectorAll("section[aria-labelledby=takeaways] .takeaway").ToList();
        takeaways[0].TextContent.ShouldContain("La confiance exige des règles.");
        takeaways[0].TextContent.ShouldNotContain("The original has changed since this translation.");
        takeaways[1].TextContent.ShouldContain("Les règles exigent la confiance.");
        takeaways[1].TextContent.ShouldContain("The original has changed since this translation.");
        formAfter.QuerySelector("#t-takeaway-2-hint .stale").ShouldNotBeNull();
        formAfter.QuerySelector("#t-takeaway-1-hint .stale").ShouldBeNull();
    }

    [Fact]
    public async Task test_api_answers_in_the_language_asked_by_lang_or_accept_language_saying_each_texts_language()
    {
        var (forum, session) = await ForumInFourLanguagesAsync("trapi");
        await TranslateAsync(session, "es", TranslatedPart.Title, 0, SpanishTitle, EnglishTitle);
        var url = $"/api/forums/{forum.Slug}/sessions/{session.Key}";

        var (status, _, byQuery) = await app.GetJsonAsync(url + "?lang=es");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("pt"));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("es", 0.8));
        using var byHeader = await app.Client.SendAsync(request);
        var header = JsonDocument.Parse(await byHeader.Content.ReadAsStringAsync()).RootElement;
        var (_, _, plain) = await app.GetJsonAsync(url);
        var (_, _, untranslated) = await app.GetJsonAsync(url + "?lang=ru");
        var (badStatus, badType, bad) = await app.GetJsonAsync(url + "?lang=not-a-language");

        status.ShouldBe(HttpStatusCode.OK);
        byQuery.GetProperty("session").GetProperty("title").GetString().ShouldBe(SpanishTitle);
        var languages = byQuery.GetProperty("languages");
        (languages.GetProperty("original").GetString(), languages.GetProperty("language").GetString()).ShouldBe(("en", "es"));
        languages.GetProperty("available").EnumerateArray().Select(v => v.GetProperty("language").GetString()).ShouldBe(["en", "es"]);
        var title = languages.GetProperty("texts").GetProperty("title");
        (title.GetProperty("language").GetString(), title.GetProperty("translatedBy").GetString()).ShouldBe(("es", "María Pérez"));
        languages.GetProperty("texts").GetProperty("description").GetProperty("language").GetString().ShouldBe("en");
        byQuery.GetProperty("description").GetString().ShouldBe(EnglishDescription);

        header.GetProperty("session").GetProperty("title").GetString().ShouldBe(SpanishTitle);
        plain.GetProperty("session").GetProperty("title").GetString().ShouldBe(EnglishTitle);
        plain.GetProperty("languages").GetProperty("language").GetString().ShouldBe("en");
        untranslated.GetProperty("session").GetProperty("title").GetString().ShouldBe(EnglishTitle);
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        badType.ShouldBe("application/problem+json");
        bad.GetProperty("title").GetString().ShouldBe("Unknown language");
    }

    [Fact]
    public async Task test_original_language_set_by_editors_is_one_of_the_forums()
    {
        var (forum, session) = await ForumInFourLanguagesAsync("trorig");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var url = $"{Page(forum, session)}/translations";

        var refused = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["OriginalLanguage"] = "de" }, url + "?handler=Original");
        var changed = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["OriginalLanguage"] = "es" }, url + "?handler=Original");
        await app.EvictPublicCacheAsync();
        var (_, page) = await app.GetPageAsync(Page(forum, session), "en");

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Choose one of the forum's languages.");
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).Select(s => s.OriginalLanguage).SingleAsync())).ShouldBe("es");
        H1(page).ShouldBe(("es", "auto", EnglishTitle));
    }

    [Fact]
    public async Task test_demo_open_forum_56_reads_in_spanish_and_arabic_with_its_takeaways_in_french()
    {
        var (_, arabic) = await app.GetPageAsync("/igf2022/sessions/of-56", "ar");
        var (_, french) = await app.GetPageAsync("/igf2022/sessions/of-56?lang=fr", "en");
        var (_, spanish) = await app.GetPageAsync("/igf2022/sessions/of-56?lang=es", "en");

        H1(arabic).ShouldBe(("ar", "rtl", "تعزيز التعاون الدولي بشأن الاقتصاد الرقمي القائم على البيانات"));
        arabic.QuerySelector("section[aria-labelledby=description] .content")!.GetAttribute("dir").ShouldBe("rtl");
        arabic.QuerySelectorAll("p.versions a").Select(a => a.GetAttribute("hreflang")).ShouldBe(["en", "fr", "es", "ar"]);
        H1(french).Lang.ShouldBe("en");
        french.QuerySelectorAll("section[aria-labelledby=takeaways] .content").Select(b => b.GetAttribute("lang")).ShouldBe(["fr", "fr"]);
        H1(spanish).ShouldBe(("es", "ltr", "Mejorar la cooperación internacional en la economía digital impulsada por los datos"));
    }

    [Theory]
    [InlineData("ar", "، ")]
    [InlineData("zh-Hans", "、")]
    [InlineData("fr", ", ")]
    public async Task test_list_of_versions_is_joined_with_the_readers_own_comma(string culture, string comma)
    {
        var (_, page) = await app.GetPageAsync($"/igf2022/sessions/of-56?culture={culture}");
        var versions = page.QuerySelector("p.versions")!.TextContent;
        // The three translations of the demo's OF #56, each followed by its translators and date in brackets, then the next
        // (a comma followed by a digit is the one inside the brackets, before the date).
        System.Text.RegularExpressions.Regex.Matches(versions, @"\)" + System.Text.RegularExpressions.Regex.Escape(comma) + @"(?!\d)").Count.ShouldBe(2, versions);
        if (comma != ", ")
        {
            System.Text.RegularExpressions.Regex.Matches(versions, @"\), (?!\d)").Count.ShouldBe(0, versions);
        }
    }
}

[Collection("sqlite")]
public sealed class SessionTranslationOnSqlite(SqliteApp app) : SessionTranslationTests(app);

[Collection("postgres")]
public sealed class SessionTranslationOnPostgres(PostgresApp app) : SessionTranslationTests(app);
