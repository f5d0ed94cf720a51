using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Messages;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Messages;

/// <summary>
/// The forum's messages in its other languages: the messages' editors translate each message beside its original, the
/// Secretariat publishes a language version once every published message has its translation, and readers (pages, files,
/// API) get the version in their language where one is published, the original otherwise, each text marked with its
/// language and, translated, by whom and whether its original changed since.
/// </summary>
public abstract class MessageTranslationsTests(PlenaryApp app)
{
    private const string Title = "Connect the last mile together";
    private const string Body = "Community networks and spectrum sharing *complement* each other.";
    private const string SpanishTitle = "Conectar juntos la última milla";
    private const string SpanishBody = "Las redes comunitarias y el espectro compartido se *complementan*.";

    private static string Manage(MessagesForum f) => $"/{f.Slug}/manage/messages";
    private static string Translations(MessagesForum f, string lang) => $"/{f.Slug}/manage/messages/translations/{lang}";

    /// <summary>A forum in English, Spanish and Arabic with one message, published with the outcome document.</summary>
    private async Task<(MessagesForum Forum, int Message)> PublishedAsync()
    {
        var f = await MessagesForum.MakeAsync(app);
        var id = await app.InDbAsync(async db =>
        {
            var forum = await db.Forums.AsTracking().Include(x => x.Subthemes).SingleAsync(x => x.Slug == f.Slug);
            forum.Languages = ["en", "es", "ar"];
            var message = new ForumMessage
            {
                ForumId = forum.Id, SubthemeId = forum.Subthemes.Single(s => s.Slug == "access").Id, Title = Title, Body = Body, Position = 1, Version = 1,
                PublishedAt = MessagesForum.Past, UpdatedAt = MessagesForum.Past, UpdatedBy = "Secretariat",
                Citations = [new MessageCitation { SessionId = f.Sessions["ws-1"] }],
            };
            db.ForumMessages.Add(message);
            db.OutcomeDocuments.Add(new OutcomeDocument { ForumId = forum.Id, PublishedAt = MessagesForum.Past });
            await db.SaveChangesAsync();
            return message.Id;
        });
        return (f, id);
    }

    /// <summary>Fills in one message's form on the translations page as a browser would, its version and digest as the page gave them.</summary>
    private static async Task<HttpResponseMessage> TranslateAsync(HttpClient translator, MessagesForum f, int message, string lang, string title, string body,
        IHtmlDocument? openedPage = null)
    {
        var page = openedPage ?? await PlenaryApp.ParseAsync(await translator.GetAsync(Translations(f, lang)));
        var form = page.QuerySelector($"#message-{message} form[action*='handler=Save']")!;
        string Hidden(string name) => form.QuerySelector($"input[name={name}]")!.GetAttribute("value")!;
        return await PlenaryApp.SubmitFormAsync(translator, Translations(f, lang),
            [new("Message", message.ToString(CultureInfo.InvariantCulture)), new("Version", Hidden("Version")), new("Digest", Hidden("Digest")), new("Title", title), new("Body", body)],
            $"{Translations(f, lang)}?handler=Save");
    }

    private static Task<HttpResponseMessage> PublishLanguageAsync(HttpClient secretariat, MessagesForum f, string lang, string state = "published") =>
        PlenaryApp.SubmitFormAsync(secretariat, Manage(f), [], $"{Manage(f)}?handler=Language&lang={lang}&state={state}");

    [Fact]
    public async Task A_spanish_version_is_read_in_spanish_once_the_secretariat_publishes_it()
    {
        var (f, message) = await PublishedAsync();
        using var editor = await f.EditorAsync(app);
        using var secretariat = await app.SecretariatOfAsync(f.Slug);

        var form = await PlenaryApp.ParseAsync(await editor.GetAsync(Translations(f, "es")));
        form.QuerySelector($"#message-{message} .original [lang=en] h3")!.TextContent.ShouldBe(Title);
        form.QuerySelector($"#message-{message} textarea")!.GetAttribute("lang").ShouldBe("es");
        (await TranslateAsync(editor, f, message, "es", SpanishTitle, SpanishBody, form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Translated but not published: a reader asking for Spanish is told so and given the original; an editor previews it.
        var asked = await app.GetPageAsync($"/{f.Slug}/messages?lang=es");
        asked.Page.QuerySelector("article h3")!.TextContent.ShouldBe(Title);
        asked.Page.QuerySelector("p.notice[role=status]")!.TextContent.ShouldContain("not published in Spanish");
        (await app.GetPageAsync($"/{f.Slug}/messages", "es")).Page.QuerySelector("article h3")!.TextContent.ShouldBe(Title);
        var preview = await PlenaryApp.ParseAsync(await editor.GetAsync($"/{f.Slug}/messages?lang=es"));
        preview.QuerySelector("article h3")!.TextContent.ShouldBe(SpanishTitle);
        preview.QuerySelector("p.notice[role=status]")!.TextContent.ShouldContain("Preview");

        // Only the Secretariat publishes a version, as it publishes the document.
        var denied = await PublishLanguageAsync(editor, f, "es");
        (denied.StatusCode, denied.Headers.Location!.AbsolutePath).ShouldBe((HttpStatusCode.Redirect, "/account/denied"));
        (await PublishLanguageAsync(secretariat, f, "es")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        foreach (var page in new[] { (await app.GetPageAsync($"/{f.Slug}/messages?lang=es")).Page, (await app.GetPageAsync($"/{f.Slug}/messages", "es")).Page })
        {
            var article = page.QuerySelector("article")!;
            article.QuerySelector("[lang=es] h3")!.TextContent.ShouldBe(SpanishTitle);
            article.QuerySelector("[lang=es] em")!.TextContent.ShouldBe("complementan");
            article.QuerySelector("p.translated")!.TextContent.ShouldNotBeNullOrWhiteSpace();
            page.QuerySelectorAll("p.versions a").Select(a => a.GetAttribute("href")).ShouldBe([$"/{f.Slug}/messages?lang=en", $"/{f.Slug}/messages?lang=es"]);
            page.QuerySelector("p.versions a[aria-current=true]")!.GetAttribute("lang").ShouldBe("es");
            // The files of this version are the Spanish document throughout.
            page.QuerySelector("a[type='application/pdf']")!.GetAttribute("href").ShouldBe($"/{f.Slug}/messages.pdf?lang=es&culture=es");
        }
        // An English reader sees the original, with the way to the Spanish; an Arabic reader too, as no Arabic version is published.
        var english = await app.GetPageAsync($"/{f.Slug}/messages");
        english.Page.QuerySelector("article [lang=en] h3")!.TextContent.ShouldBe(Title);
        english.Page.QuerySelector("p.translated").ShouldBeNull();
        (await app.GetPageAsync($"/{f.Slug}/messages", "ar")).Page.QuerySelector("article [lang=en] h3")!.TextContent.ShouldBe(Title);

        // Taken back, the Spanish version is the editors' again.
        (await PublishLanguageAsync(secretariat, f, "es", "draft")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.GetPageAsync($"/{f.Slug}/messages?lang=es")).Page.QuerySelector("article h3")!.TextContent.ShouldBe(Title);
        var actions = await app.InDbAsync(db => db.AuditLog.Where(e => db.Forums.Any(x => x.Id == e.ForumId && x.Slug == f.Slug)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        actions.ShouldBe(["message.translate", "outcome.publish-language", "outcome.withdraw-language"]);
    }

    [Fact]
    public async Task A_language_version_is_refused_while_a_published_message_is_untranslated()
    {
        var (f, message) = await PublishedAsync();
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        var refused = await PublishLanguageAsync(secretariat, f, "es");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector(".errors")!.TextContent.ShouldContain($"“{Title}”");
        (await app.InDbAsync(db => db.OutcomeLanguages.CountAsync(l => db.Forums.Any(x => x.Id == l.ForumId && x.Slug == f.Slug)))).ShouldBe(0);

        // Neither the original nor a language the forum has not is a version to publish.
        (await PublishLanguageAsync(secretariat, f, "en")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PublishLanguageAsync(secretariat, f, "fr")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.SubmitFormAsync(secretariat, Manage(f), [], $"{Manage(f)}?handler=Language&lang=es&state=sideways")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await TranslateAsync(secretariat, f, message, "es", SpanishTitle, SpanishBody)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PublishLanguageAsync(secretariat, f, "es")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var row = (await PlenaryApp.ParseAsync(await secretariat.GetAsync(Manage(f)))).QuerySelectorAll("#languages ~ table tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Contains("(es)"));
        row.TextContent.ShouldContain("1 of 1");
        row.TextContent.ShouldContain("Published on");
    }

    [Fact]
    public async Task A_translation_made_before_its_original_changed_is_marked_until_saved_again()
    {
        var (f, message) = await PublishedAsync();
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        var opened = await PlenaryApp.ParseAsync(await secretariat.GetAsync(Translations(f, "es")));
        (await TranslateAsync(secretariat, f, message, "es", SpanishTitle, SpanishBody)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PublishLanguageAsync(secretariat, f, "es")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The message's writers reword it: the Spanish stays public, marked, in the page and the API.
        await app.InDbAsync(async db =>
        {
            var m = await db.ForumMessages.AsTracking().SingleAsync(x => x.Id == message);
            (m.Body, m.Version, m.UpdatedBy) = ("Community networks, spectrum sharing and satellites complement each other.", 2, "Secretariat");
            await db.SaveChangesAsync();
        });
        var page = await app.GetPageAsync($"/{f.Slug}/messages?lang=es");
        page.Page.QuerySelector("article [lang=es] h3")!.TextContent.ShouldBe(SpanishTitle);
        page.Page.QuerySelector("p.translated strong")!.TextContent.ShouldBe("The original has changed since this translation.");
        var (_, _, json) = await app.GetJsonAsync($"/api/forums/{f.Slug}/messages?lang=es");
        Messages(json).Single().GetProperty("originalChanged").GetBoolean().ShouldBeTrue();

        // A form opened on the old original is refused, its text kept, and the page shows the new original to check it against.
        var stale = await TranslateAsync(secretariat, f, message, "es", "Conectar la última milla", SpanishBody, opened);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var again = await PlenaryApp.ParseAsync(stale);
        again.QuerySelector($"#message-{message} input[name=Title]")!.GetAttribute("value").ShouldBe("Conectar la última milla");
        again.QuerySelector($"#message-{message} .original")!.TextContent.ShouldContain("satellites");
        again.QuerySelector($"#message-{message} .stale").ShouldNotBeNull();

        // Saved against the new original, even unchanged, it is current again.
        (await TranslateAsync(secretariat, f, message, "es", SpanishTitle, SpanishBody)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.GetPageAsync($"/{f.Slug}/messages?lang=es")).Page.QuerySelector("p.translated strong").ShouldBeNull();
    }

    [Fact]
    public async Task Two_translators_of_one_message_do_not_overwrite_each_other()
    {
        var (f, message) = await PublishedAsync();
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        using var editor = await f.EditorAsync(app);
        var editorsPage = await PlenaryApp.ParseAsync(await editor.GetAsync(Translations(f, "es")));
        (await TranslateAsync(secretariat, f, message, "es", SpanishTitle, SpanishBody)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var late = await TranslateAsync(editor, f, message, "es", "Otra traducción", "Otro texto.", editorsPage);
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var shown = await PlenaryApp.ParseAsync(late);
        shown.QuerySelector($"#message-{message} .notice")!.TextContent.ShouldContain(SpanishTitle);
        shown.QuerySelector($"#message-{message} input[name=Title]")!.GetAttribute("value").ShouldBe("Otra traducción");
        (await app.InDbAsync(db => db.MessageTranslations.SingleAsync(t => t.MessageId == message))).Title.ShouldBe(SpanishTitle);

        // Saving again from the page as shown replaces theirs knowingly.
        (await TranslateAsync(editor, f, message, "es", "Otra traducción", "Otro texto.", shown)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.MessageTranslations.SingleAsync(t => t.MessageId == message))).Title.ShouldBe("Otra traducción");
    }

    [Fact]
    public async Task A_translation_without_title_or_too_long_is_refused_beside_its_field()
    {
        var (f, message) = await PublishedAsync();
        using var editor = await f.EditorAsync(app);
        var refused = await TranslateAsync(editor, f, message, "es", "", new string('x', ForumMessage.MaxBody + 1));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(refused);
        page.QuerySelectorAll(".errors a").Select(a => a.GetAttribute("href")).ShouldBe([$"#t-title-{message}", $"#t-body-{message}"]);
        page.QuerySelector($"#t-title-{message}")!.GetAttribute("aria-invalid").ShouldBe("true");
        // Nothing typed is lost.
        page.QuerySelector($"#t-body-{message}")!.TextContent.Length.ShouldBe(ForumMessage.MaxBody + 1);
        (await app.InDbAsync(db => db.MessageTranslations.CountAsync(t => t.MessageId == message))).ShouldBe(0);

        // The original's language and a language the forum has not are no translations' pages; a message of another forum is none to translate.
        (await editor.GetAsync(Translations(f, "en"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await editor.GetAsync(Translations(f, "fr"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (other, otherMessage) = await PublishedAsync();
        (await PlenaryApp.SubmitFormAsync(editor, Translations(f, "es"), [new("Message", otherMessage.ToString(CultureInfo.InvariantCulture)), new("Version", "0"), new("Title", "x"), new("Body", "y")],
            $"{Translations(f, "es")}?handler=Save")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.InDbAsync(db => db.MessageTranslations.CountAsync(t => t.MessageId == otherMessage))).ShouldBe(0);
        _ = other;
    }

    [Fact]
    public async Task The_api_gives_the_version_asked_by_lang_or_accept_language()
    {
        var (f, message) = await PublishedAsync();
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        (await TranslateAsync(secretariat, f, message, "es", SpanishTitle, SpanishBody)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TranslateAsync(secretariat, f, message, "ar", "ربط الميل الأخير معا", "الشبكات المجتمعية والطيف المشترك *يكمل* أحدهما الآخر.")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PublishLanguageAsync(secretariat, f, "es")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (status, _, spanish) = await app.GetJsonAsync($"/api/forums/{f.Slug}/messages?lang=es");
        status.ShouldBe(HttpStatusCode.OK);
        (spanish.GetProperty("original").GetString(), spanish.GetProperty("language").GetString()).ShouldBe(("en", "es"));
        spanish.GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("language").GetString()).ShouldBe(["en", "es"]);
        var m = Messages(spanish).Single();
        (m.GetProperty("title").GetString(), m.GetProperty("bodyMarkdown").GetString(), m.GetProperty("language").GetString()).ShouldBe((SpanishTitle, SpanishBody, "es"));
        m.GetProperty("translatedBy").GetString().ShouldNotBeNullOrEmpty();
        m.GetProperty("originalChanged").GetBoolean().ShouldBeFalse();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/forums/{f.Slug}/messages");
        request.Headers.AcceptLanguage.ParseAdd("ar, es;q=0.8, en;q=0.5");
        using var accepted = await app.Client.SendAsync(request);
        // Arabic is translated but not published: the first published language the client accepts is Spanish.
        using (var json = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()))
        {
            json.RootElement.GetProperty("language").GetString().ShouldBe("es");
        }
        var (_, _, arabic) = await app.GetJsonAsync($"/api/forums/{f.Slug}/messages?lang=ar");
        arabic.GetProperty("language").GetString().ShouldBe("en");
        Messages(arabic).Single().GetProperty("title").GetString().ShouldBe(Title);
        // The Arabic draft never leaves the editors' pages.
        (await app.Client.GetStringAsync($"/api/forums/{f.Slug}/messages?lang=ar")).ShouldNotContain("ربط");
        (await app.GetPageAsync($"/{f.Slug}/messages?lang=ar")).Page.Body!.TextContent.ShouldNotContain("ربط");

        var (bad, media, problem) = await app.GetJsonAsync($"/api/forums/{f.Slug}/messages?lang=no%20such!");
        (bad, media).ShouldBe((HttpStatusCode.BadRequest, "application/problem+json"));
        problem.GetProperty("title").GetString().ShouldBe("Unknown language");
    }

    [Fact]
    public async Task The_spanish_pdf_is_the_spanish_document_throughout()
    {
        var (f, message) = await PublishedAsync();
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        (await TranslateAsync(secretariat, f, message, "es", SpanishTitle, SpanishBody)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PublishLanguageAsync(secretariat, f, "es")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var response = await app.GetAsync($"/{f.Slug}/messages.pdf?lang=es");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"{f.Slug}-messages-es.pdf");
        var (_, text) = await PdfText.ReadAsync(await response.Content.ReadAsByteArrayAsync());
        var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        flat.ShouldContain(SpanishTitle);
        flat.ShouldContain("Las redes comunitarias y el espectro compartido se complementan.");
        flat.ShouldNotContain(Title);
        // Asked for in Spanish, its headings are Spanish too, whatever the reader's interface.
        flat.ShouldContain("Sesiones y participantes");
        flat.ShouldNotContain("Sessions and participants");
    }

    private static IEnumerable<JsonElement> Messages(JsonElement outcome) =>
        outcome.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("messages").EnumerateArray());
}

[Collection("sqlite")]
public sealed class MessageTranslationsOnSqlite(SqliteApp app) : MessageTranslationsTests(app);

[Collection("postgres")]
public sealed class MessageTranslationsOnPostgres(PostgresApp app) : MessageTranslationsTests(app);
