using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sessions;

/// <summary>
/// A forum's own record sections (policy questions, expected outcomes...): managed by the Secretariat, filled per
/// session on its form, shown on its page (the public ones to everyone, the others to those who may change it), carried
/// by the API and by sessions.csv both ways.
/// </summary>
public abstract class RecordSectionTests(PlenaryApp app)
{
    /// <summary>A forum of the test's own with two sections, one public and one not, and WS #1 holding text in both.</summary>
    private async Task<(OwnForum Forum, Session Session)> ForumWithSectionsAsync(string prefix)
    {
        var forum = await app.ForumOfItsOwnAsync(prefix, placed: 1, released: true, shape: f => f.RecordSections.AddRange(
            new RecordSection { Slug = "policy_questions", Title = "Policy questions", HelpText = "One a line.", Position = 1 },
            new RecordSection { Slug = "room_setup", Title = "Room set-up request", IsPublic = false, Position = 2 }));
        var session = forum.Session(1);
        await app.InDbAsync(async db =>
        {
            var sections = await db.RecordSections.Where(s => s.ForumId == forum.Id).ToListAsync();
            db.SessionSections.AddRange(
                new SessionSection { SessionId = session.Id, SectionId = sections.Single(s => s.Slug == "policy_questions").Id, Text = "1. Who decides?\n2. Who pays?" },
                new SessionSection { SessionId = session.Id, SectionId = sections.Single(s => s.Slug == "room_setup").Id, Text = "A round table for twelve." });
            await db.SaveChangesAsync();
        });
        await app.EvictPublicCacheAsync();
        return (forum, session);
    }

    private Task<List<(string Slug, string Text)>> TextsAsync(int sessionId) => app.InDbAsync(db => db.SessionSections.Where(t => t.SessionId == sessionId)
        .OrderBy(t => t.Section.Position).Select(t => new { t.Section.Slug, t.Text }).ToListAsync()
        .ContinueWith(t => t.Result.Select(x => (x.Slug, x.Text)).ToList()));

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task The_public_sees_the_public_sections_and_those_who_may_change_the_session_see_all()
    {
        var (forum, session) = await ForumWithSectionsAsync("sectpage");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        var (status, visitorPage) = await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}");
        var secretariatPage = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/sessions/{session.Key}"));

        status.ShouldBe(HttpStatusCode.OK);
        visitorPage.QuerySelectorAll("section.record-section h2").Select(h => h.TextContent).ShouldBe(["Policy questions"]);
        visitorPage.QuerySelector("main")!.TextContent.ShouldNotContain("round table for twelve");
        secretariatPage.QuerySelectorAll("section.record-section h2").Select(h => h.TextContent).ShouldBe(["Policy questions", "Room set-up request (not public)"]);
        secretariatPage.QuerySelector("section[aria-labelledby=section-room_setup]")!.TextContent.ShouldContain("A round table for twelve.");
    }

    [Fact]
    public async Task A_section_the_secretariat_publishes_shows_at_once_on_the_session_page_rendered_from_the_kept_forum()
    {
        var (forum, session) = await ForumWithSectionsAsync("sectshow");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var setUp = await app.InDbAsync(db => db.RecordSections.SingleAsync(s => s.ForumId == forum.Id && s.Slug == "room_setup"));
        // The visitor's page is rendered with the forum kept in memory (its sections among it), then cached.
        var (_, before) = await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}");

        using var published = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage/sections", [],
            $"/{forum.Slug}/manage/sections?handler=Visibility&section={setUp.Id}");
        // Another address of the same page, rendered afresh rather than served from the output cache.
        var (_, after) = await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}?tz=UTC");

        before.QuerySelectorAll("section.record-section h2").Select(h => h.TextContent).ShouldBe(["Policy questions"]);
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.QuerySelectorAll("section.record-section h2").Select(h => h.TextContent).ShouldBe(["Policy questions", "Room set-up request"]);
        after.QuerySelector("section[aria-labelledby=section-room_setup]")!.TextContent.ShouldContain("A round table for twelve.");
    }

    [Fact]
    public async Task The_api_gives_anonymous_readers_the_public_sections_and_the_write_api_refuses_an_unknown_slug_naming_the_allowed_ones()
    {
        var (forum, session) = await ForumWithSectionsAsync("sectapi");
        // An organiser changes the session's text; the timetable's fields are the Secretariat's and not sent here.
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(organiser));

        var (status, _, read) = await app.GetJsonAsync($"/api/forums/{forum.Slug}/sessions/{session.Key}");
        using var refused = await api.PutAsJsonAsync($"/api/forums/{forum.Slug}/sessions/{session.Key}",
            new { title = session.Title, format = "Panel", sections = new Dictionary<string, string> { ["policy_question"] = "Typo in the key" } });
        var before = await TextsAsync(session.Id);
        using var changed = await api.PutAsJsonAsync($"/api/forums/{forum.Slug}/sessions/{session.Key}",
            new { title = session.Title, format = "Panel", sections = new Dictionary<string, string?> { ["room_setup"] = "", ["policy_questions"] = "1. Who decides now?" } });

        status.ShouldBe(HttpStatusCode.OK);
        read.GetProperty("sections").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ShouldBe([("policy_questions", "1. Who decides?\n2. Who pays?")]);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await JsonOf(refused);
        problem.GetProperty("errors").GetProperty("sections")[0].GetString()
            .ShouldBe("This forum has no record section “policy_question”. Its sections are: policy_questions, room_setup.");
        before.ShouldBe([("policy_questions", "1. Who decides?\n2. Who pays?"), ("room_setup", "A round table for twelve.")]);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await TextsAsync(session.Id)).ShouldBe([("policy_questions", "1. Who decides now?")]);
        (await JsonOf(changed)).GetProperty("sections").GetProperty("policy_questions").GetString().ShouldBe("1. Who decides now?");
    }

    [Fact]
    public async Task The_edit_form_shows_a_field_per_section_saves_untouched_as_nothing_and_refuses_an_overlong_text()
    {
        var (forum, session) = await ForumWithSectionsAsync("sectform");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var url = $"/{forum.Slug}/sessions/{session.Key}/edit";
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync(url));
        var area = (IHtmlTextAreaElement)page.QuerySelector("#section-policy_questions")!;
        area.Value.ShouldBe("1. Who decides?\n2. Who pays?");
        page.QuerySelector("#section-policy_questions-hint")!.TextContent.ShouldBe("One a line.");
        var fields = Fields(page);
        var audit = await app.InDbAsync(db => db.AuditLog.CountAsync(e => e.Subject == session.Key));

        using var untouched = await secretariat.PostAsync(url + "?handler=Save", new FormUrlEncodedContent(fields));
        using var overlong = await secretariat.PostAsync(url + "?handler=Save", new FormUrlEncodedContent(
            fields.Select(f => f.Key == "Form.Sections[policy_questions]" ? new(f.Key, new string('q', SessionSection.MaxText + 1)) : f)));

        untouched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TextsAsync(session.Id)).ShouldBe([("policy_questions", "1. Who decides?\n2. Who pays?"), ("room_setup", "A round table for twelve.")]);
        (await app.InDbAsync(db => db.AuditLog.CountAsync(e => e.Subject == session.Key))).ShouldBe(audit);
        overlong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(overlong)).QuerySelector("#section-policy_questions ~ .err")!.TextContent.ShouldBe($"Shorten this to at most {SessionSection.MaxText} characters.");
        (await TextsAsync(session.Id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_secretariat_adds_a_section_then_the_igf_sections_of_a_year_and_removes_one_holding_text_only_once_confirmed()
    {
        var (forum, session) = await ForumWithSectionsAsync("sectmanage");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var url = $"/{forum.Slug}/manage/sections";

        using var added = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["Id"] = "0", ["Title"] = "Speakers' time zones", ["IsPublic"] = "false" }, url + "?handler=Save");
        using var reserved = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["Id"] = "0", ["Title"] = "Tags" }, url + "?handler=Save");
        using var igf = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["Year"] = "2022" }, url + "?handler=Igf");
        using var again = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["Year"] = "2022" }, url + "?handler=Igf");

        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        reserved.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(reserved)).QuerySelector("#slug ~ .err")!.TextContent.ShouldBe("“tags” is already a column of sessions.csv. Choose another short name.");
        igf.Headers.Location!.OriginalString.ShouldBe(url + "?added=6");
        again.Headers.Location!.OriginalString.ShouldBe(url + "?added=0");
        var slugs = await app.InDbAsync(db => db.RecordSections.Where(s => s.ForumId == forum.Id).OrderBy(s => s.Position).Select(s => s.Slug).ToListAsync());
        // Its own first, then the IGF 2022 template's that it lacked: policy_questions and room_setup it had already.
        slugs.ShouldBe(["policy_questions", "room_setup", "speakers_time_zones", "objectives", "agenda", "expected_outcomes",
            "connection_with_previous_messages", "hybrid_format", "online_participation"]);
        (await app.InDbAsync(db => db.RecordSections.SingleAsync(s => s.ForumId == forum.Id && s.Slug == "speakers_time_zones"))).IsPublic.ShouldBeFalse();

        var list = await PlenaryApp.ParseAsync(await secretariat.GetAsync(url));
        var questions = await app.InDbAsync(db => db.RecordSections.SingleAsync(s => s.ForumId == forum.Id && s.Slug == "policy_questions"));
        await app.InDbAsync(async db =>
        {
            db.SessionTranslations.Add(new SessionTranslation
            {
                SessionId = session.Id, Language = "fr", Part = TranslatedPart.Section, PartId = questions.Id, Text = "Questions de politique",
                OriginalDigest = SessionTranslation.DigestOf("?"), TranslatedByName = "Camille", TranslatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        using var asked = await PlenaryApp.SubmitFormAsync(secretariat, url, [], $"{url}?handler=Remove&section={questions.Id}");
        var question = await PlenaryApp.ParseAsync(asked);
        (await TextsAsync(session.Id)).Select(t => t.Slug).ShouldBe(["policy_questions", "room_setup"]);
        using var confirmed = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["confirm"] = "true" }, $"{url}?handler=Remove&section={questions.Id}");

        list.QuerySelectorAll("table.list tbody th").Select(th => th.TextContent).First().ShouldBe("Policy questions");
        asked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        question.QuerySelector("[role=alert] p")!.TextContent.ShouldBe("One session holds text in “Policy questions”. Removing the section removes that text from it; export sessions.csv first to keep a copy.");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TextsAsync(session.Id)).Select(t => t.Slug).ShouldBe(["room_setup"]);
        var removal = await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.ForumId == forum.Id && e.Action == "section.remove"));
        removal.Before!.ShouldContain("\"sessions\":1");
        // Its translations go with the text, not left hidden without an original.
        removal.Before!.ShouldContain("\"translations\":1");
        (await app.InDbAsync(db => db.SessionTranslations.CountAsync(t => t.SessionId == session.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task Sessions_csv_exports_a_column_per_section_that_imports_back_unchanged()
    {
        var (forum, session) = await ForumWithSectionsAsync("sectcsv");
        await app.InDbAsync(db => db.SessionSections.Where(t => t.SessionId == session.Id && t.Section.Slug == "policy_questions")
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Text, "- =Is a formula?\n- \"Quoted\", with commas")));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        var exported = await secretariat.GetByteArrayAsync($"/{forum.Slug}/manage/export/sessions.csv");
        using var preview = await PlenaryApp.UploadAsync(secretariat, $"/{forum.Slug}/manage/import", $"/{forum.Slug}/manage/import?handler=Preview",
            new Dictionary<string, (string, byte[])> { ["sessions"] = ("sessions.csv", exported) });

        var header = Encoding.UTF8.GetString(exported).TrimStart('\uFEFF').Split("\r\n")[0];
        header.ShouldEndWith(",policy_questions,room_setup");
        var page = await PlenaryApp.ParseAsync(preview);
        page.QuerySelector("[role=alert]").ShouldBeNull();
        page.QuerySelectorAll("caption").Select(c => c.TextContent).ShouldContain("sessions.csv: 0 new, 0 updated, 1 unchanged");
        page.QuerySelector("tbody .sections")!.TextContent.ShouldBe("With: Policy questions, Room set-up request");
        (await TextsAsync(session.Id)).ShouldBe([("policy_questions", "- =Is a formula?\n- \"Quoted\", with commas"), ("room_setup", "A round table for twelve.")]);
    }

    /// <summary>The fields of the edit page's save form as a browser sends them untouched.</summary>
    private static List<KeyValuePair<string, string>> Fields(IHtmlDocument page)
    {
        var form = page.QuerySelector("form[action*='handler=Save']")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>().Where(i => i.Type is not ("checkbox" or "radio") || i.IsChecked))
        {
            fields.Add(new(input.Name!, input.Value));
        }
        fields.AddRange(form.QuerySelectorAll("select[name]").OfType<IHtmlSelectElement>().Select(s => new KeyValuePair<string, string>(s.Name!, s.Value ?? "")));
        fields.AddRange(form.QuerySelectorAll("textarea[name]").OfType<IHtmlTextAreaElement>().Select(a => new KeyValuePair<string, string>(a.Name!, a.Value.Replace("\n", "\r\n", StringComparison.Ordinal))));
        return fields;
    }
}

[Collection("sqlite")]
public sealed class RecordSectionOnSqlite(SqliteApp app) : RecordSectionTests(app);

[Collection("postgres")]
public sealed class RecordSectionOnPostgres(PostgresApp app) : RecordSectionTests(app);
