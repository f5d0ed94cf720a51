using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Messages;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Messages;

/// <summary>
/// The messages workspace gathers a subtheme's takeaways and calls to action; editors write messages citing sessions, in
/// order, as drafts then published; two editors never silently overwrite each other; the outcome document is public once
/// published, with the forum's figures computed as documented.
/// </summary>
public abstract class MessagesTests(PlenaryApp app)
{
    private static string Workspace(MessagesForum f, string subtheme = "access") => $"/{f.Slug}/manage/messages/{subtheme}";

    private static List<KeyValuePair<string, string>> Message(string title, string body, int version = 0, int id = 0, int? subtheme = null, params int[] cites)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("Id", id.ToString(CultureInfo.InvariantCulture)), new("Version", version.ToString(CultureInfo.InvariantCulture)), new("Title", title), new("Body", body),
        ];
        if (subtheme is { } s)
        {
            fields.Add(new("MessageSubtheme", s.ToString(CultureInfo.InvariantCulture)));
        }
        fields.AddRange(cites.Select(c => new KeyValuePair<string, string>("Cites", c.ToString(CultureInfo.InvariantCulture))));
        return fields;
    }

    private Task<int> SubthemeIdAsync(MessagesForum f, string slug) =>
        app.InDbAsync(db => db.Subthemes.Where(s => s.Slug == slug && db.Forums.Any(x => x.Id == s.ForumId && x.Slug == f.Slug)).Select(s => s.Id).SingleAsync());

    private async Task<ForumMessage> WriteAsync(HttpClient editor, MessagesForum f, string title, string body, params string[] cites)
    {
        var access = await SubthemeIdAsync(f, "access");
        var saved = await PlenaryApp.SubmitFormAsync(editor, Workspace(f), Message(title, body, subtheme: access, cites: cites.Select(c => f.Sessions[c]).ToArray()), $"{Workspace(f)}?handler=Save");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(saved)).QuerySelector(".errors")?.TextContent);
        return await app.InDbAsync(db => db.ForumMessages.Include(m => m.Citations).SingleAsync(m => m.Title == title && db.Forums.Any(x => x.Id == m.ForumId && x.Slug == f.Slug)));
    }

    private static Task<HttpResponseMessage> PublishAsync(HttpClient editor, MessagesForum f, int message, string state = "published") =>
        PlenaryApp.SubmitFormAsync(editor, Workspace(f), [], $"{Workspace(f)}?handler=Publish&message={message}&state={state}");

    private static Task<HttpResponseMessage> PublishOutcomeAsync(HttpClient secretariat, MessagesForum f, string state = "published") =>
        PlenaryApp.SubmitFormAsync(secretariat, $"/{f.Slug}/manage/messages", [], $"/{f.Slug}/manage/messages?handler=Outcome&state={state}");

    private static string Path(HttpResponseMessage redirect) => new Uri(new Uri("http://localhost"), redirect.Headers.Location!).PathAndQuery;

    [Fact]
    public async Task The_workspace_gathers_the_subthemes_takeaways_and_filters_them_by_sdg_and_type()
    {
        var f = await MessagesForum.MakeAsync(app);
        using var secretariat = await app.SecretariatOfAsync(f.Slug);

        static List<string> Gathered(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("section.gathered h3").Select(h => h.TextContent.Trim()).ToList();
        var all = await PlenaryApp.ParseAsync(await secretariat.GetAsync(Workspace(f)));
        // The cancelled session and the other subtheme's stay out; a session still to come that has takeaways is in.
        Gathered(all).ShouldBe(["WS #1 Community networks", "WS #4 Satellites tomorrow", "Open Forum #2 Spectrum policy"]);
        all.Body!.TextContent.ShouldContain("Community networks connect the last mile.");
        all.Body.TextContent.ShouldContain("License spectrum for community networks.");
        all.Body.TextContent.ShouldNotContain("A takeaway of a cancelled session.");
        all.Body.TextContent.ShouldNotContain("Trust needs transparency.");

        Gathered(await PlenaryApp.ParseAsync(await secretariat.GetAsync($"{Workspace(f)}?sdg=5"))).ShouldBe(["WS #1 Community networks"]);
        Gathered(await PlenaryApp.ParseAsync(await secretariat.GetAsync($"{Workspace(f)}?type=OF"))).ShouldBe(["Open Forum #2 Spectrum policy"]);
        Gathered(await PlenaryApp.ParseAsync(await secretariat.GetAsync($"{Workspace(f)}?sdg=9&type=WS"))).ShouldBe(["WS #1 Community networks"]);

        var bad = await secretariat.GetAsync($"{Workspace(f)}?sdg=99&type=ZZ");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await PlenaryApp.ParseAsync(bad)).QuerySelector("[role=alert]")!.TextContent;
        errors.ShouldContain("Choose a goal from the list.");
        errors.ShouldContain("Choose a session type from the list.");

        var trust = await PlenaryApp.ParseAsync(await secretariat.GetAsync(Workspace(f, "trust")));
        Gathered(trust).ShouldBe(["WS #5 Trust online"]);
        (await secretariat.GetAsync(Workspace(f, "no-such-subtheme"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("", "Body", "ws-1", "title of at most")]
    [InlineData("Title", "", "ws-1", "Write the message")]
    [InlineData("Title", "Body", null, "Cite at least one session")]
    public async Task A_message_without_title_body_or_citation_is_explained_and_not_saved(string title, string body, string? cite, string error)
    {
        var f = await MessagesForum.MakeAsync(app);
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        var access = await SubthemeIdAsync(f, "access");
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, Workspace(f), Message(title, body, subtheme: access, cites: cite is null ? [] : [f.Sessions[cite]]), $"{Workspace(f)}?handler=Save");
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain(error);
        page.QuerySelector("[aria-invalid=true]").ShouldNotBeNull();
        // What was typed stays in the form.
        if (body.Length > 0)
        {
            page.QuerySelector("textarea#body")!.TextContent.ShouldBe(body);
        }
        (await app.InDbAsync(db => db.ForumMessages.CountAsync(m => db.Forums.Any(x => x.Id == m.ForumId && x.Slug == f.Slug)))).ShouldBe(0);
    }

    [Fact]
    public async Task Citing_a_session_of_another_forum_is_refused()
    {
        var f = await MessagesForum.MakeAsync(app);
        var other = await MessagesForum.MakeAsync(app);
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        var access = await SubthemeIdAsync(f, "access");
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, Workspace(f), Message("Borrowed", "Text", subtheme: access, cites: [f.Sessions["ws-1"], other.Sessions["ws-1"]]), $"{Workspace(f)}?handler=Save");
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Choose the cited sessions from the list.");
    }

    [Fact]
    public async Task Drafts_stay_private_and_published_messages_appear_once_the_outcome_document_is_published()
    {
        var f = await MessagesForum.MakeAsync(app);
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        var published = await WriteAsync(secretariat, f, "Connect the last mile together", "Community networks and spectrum sharing *complement* each other.", "ws-1", "of-2");
        var draft = await WriteAsync(secretariat, f, "A draft still being argued", "Not ready.", "ws-1");
        (published.PublishedAt, published.Version).ShouldBe((null, 1));
        published.Citations.Select(c => c.SessionId).Order().ToList().ShouldBe(new[] { f.Sessions["ws-1"], f.Sessions["of-2"] }.Order().ToList());
        (await PublishAsync(secretariat, f, published.Id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.ForumMessages.SingleAsync(m => m.Id == published.Id))).PublishedAt.ShouldNotBeNull();

        // Not public before the Secretariat publishes the document; the editors read it as a draft.
        using var anonymous = app.CreateVisitor();
        (await anonymous.GetAsync($"/{f.Slug}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/{f.Slug}/messages.docx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/{f.Slug}/messages.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var unpublished = await anonymous.GetAsync($"/api/forums/{f.Slug}/messages");
        unpublished.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unpublished.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var preview = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{f.Slug}/messages"));
        preview.QuerySelector("[role=status]")!.TextContent.ShouldContain("not published yet");

        (await PublishOutcomeAsync(secretariat, f)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await app.GetPageAsync($"/{f.Slug}/messages");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var article = page.Page.QuerySelectorAll("article").Single();
        article.QuerySelector("h3")!.TextContent.ShouldBe("Connect the last mile together");
        article.QuerySelector("em")!.TextContent.ShouldBe("complement");
        article.QuerySelectorAll("p.citations a").Select(a => (a.TextContent, a.GetAttribute("href"))).ShouldBe(
            [("WS #1 Community networks", $"/{f.Slug}/sessions/ws-1"), ("Open Forum #2 Spectrum policy", $"/{f.Slug}/sessions/of-2")]);
        // Each citation isolated as a whole, so that on a right-to-left page a list of left-to-right names does not run
        // together across the separators.
        article.QuerySelectorAll("p.citations > bdi > a").Length.ShouldBe(2);
        page.Page.Body!.TextContent.ShouldNotContain(draft.Title);

        // The same in the API, Markdown as written and citations with their addresses; never the draft.
        using var json = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync($"/api/forums/{f.Slug}/messages"));
        var messages = json.RootElement.GetProperty("sections").EnumerateArray().SelectMany(x => x.GetProperty("messages").EnumerateArray()).ToList();
        messages.Select(m => m.GetProperty("title").GetString()).ShouldBe(["Connect the last mile together"]);
        messages[0].GetProperty("bodyMarkdown").GetString().ShouldBe("Community networks and spectrum sharing *complement* each other.");
        messages[0].GetProperty("citations").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("url").GetString()!.EndsWith($"/{f.Slug}/sessions/{c.GetProperty("key").GetString()}", StringComparison.Ordinal)))
            .ShouldBe([("WS #1", true), ("Open Forum #2", true)]);
        json.RootElement.GetProperty("figures").GetProperty("sessionsHeld").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
        (await app.GetPageAsync($"/{f.Slug}")).Page.QuerySelector($"a[href='/{f.Slug}/messages']").ShouldNotBeNull();

        // Taken back, the document is gone from the public again.
        (await PublishOutcomeAsync(secretariat, f, "draft")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await anonymous.GetAsync($"/{f.Slug}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var actions = await app.InDbAsync(db => db.AuditLog.Where(e => db.Forums.Any(x => x.Id == e.ForumId && x.Slug == f.Slug)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        actions.ShouldBe(["message.create", "message.create", "message.publish", "outcome.publish", "outcome.withdraw"]);
    }

    [Fact]
    public async Task Raw_html_in_a_message_is_shown_as_text_never_run()
    {
        var f = await MessagesForum.MakeAsync(app);
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        var message = await WriteAsync(secretariat, f, "Safe text", "Hello <script>alert('x')</script> and <img src=x onerror=alert(1)> **bold**", "ws-1");
        await PublishAsync(secretariat, f, message.Id);
        await PublishOutcomeAsync(secretariat, f);
        foreach (var page in new[] { (await app.GetPageAsync($"/{f.Slug}/messages")).Page, await PlenaryApp.ParseAsync(await secretariat.GetAsync(Workspace(f))) })
        {
            var article = page.QuerySelectorAll("article").Single(a => a.TextContent.Contains("Safe text"));
            article.QuerySelector("script").ShouldBeNull();
            article.QuerySelector("img").ShouldBeNull();
            article.QuerySelector("strong")!.TextContent.ShouldBe("bold");
            article.TextContent.ShouldContain("<script>alert('x')</script>");
        }
    }

    [Fact]
    public async Task Messages_keep_the_order_the_editors_give_them()
    {
        var f = await MessagesForum.MakeAsync(app);
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        var first = await WriteAsync(secretariat, f, "First message", "One.", "ws-1");
        var second = await WriteAsync(secretariat, f, "Second message", "Two.", "of-2");
        (first.Position, second.Position).ShouldBe((1, 2));
        (await PlenaryApp.SubmitFormAsync(secretariat, Workspace(f), [], $"{Workspace(f)}?handler=Move&message={second.Id}&direction=up")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await PublishAsync(secretariat, f, first.Id);
        await PublishAsync(secretariat, f, second.Id);
        await PublishOutcomeAsync(secretariat, f);
        var titles = (await app.GetPageAsync($"/{f.Slug}/messages")).Page.QuerySelectorAll("article h3").Select(h => h.TextContent).ToList();
        titles.ShouldBe(["Second message", "First message"]);
        (await PlenaryApp.SubmitFormAsync(secretariat, Workspace(f), [], $"{Workspace(f)}?handler=Move&message={second.Id}&direction=sideways")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_editors_saving_one_message_see_the_conflict_and_lose_nothing()
    {
        var f = await MessagesForum.MakeAsync(app);
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        using var editor = await f.EditorAsync(app);
        var access = await SubthemeIdAsync(f, "access");
        var message = await WriteAsync(secretariat, f, "Shared message", "First words.", "ws-1");

        // Both opened version 1; the Secretariat saves first.
        (await PlenaryApp.SubmitFormAsync(secretariat, Workspace(f), Message("Shared message", "The Secretariat's words.", 1, message.Id, access, f.Sessions["ws-1"]), $"{Workspace(f)}?handler=Save"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var late = await PlenaryApp.SubmitFormAsync(editor, Workspace(f), Message("Shared message", "The editor's words.", 1, message.Id, access, f.Sessions["of-2"]), $"{Workspace(f)}?handler=Save");
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await PlenaryApp.ParseAsync(late);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("after you opened it");
        page.QuerySelector("section.notice")!.TextContent.ShouldContain("The Secretariat's words.");
        page.QuerySelector("textarea#body")!.TextContent.ShouldBe("The editor's words.");
        page.QuerySelector("input[name=Version]")!.GetAttribute("value").ShouldBe("2");
        var stored = await app.InDbAsync(db => db.ForumMessages.Include(m => m.Citations).SingleAsync(m => m.Id == message.Id));
        (stored.Body, stored.Version, stored.Citations.Single().SessionId).ShouldBe(("The Secretariat's words.", 2, f.Sessions["ws-1"]));

        // Having seen the other version, the editor saves over it knowingly.
        (await PlenaryApp.SubmitFormAsync(editor, Workspace(f), Message("Shared message", "The editor's words.", 2, message.Id, access, f.Sessions["of-2"]), $"{Workspace(f)}?handler=Save"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stored = await app.InDbAsync(db => db.ForumMessages.Include(m => m.Citations).SingleAsync(m => m.Id == message.Id));
        (stored.Body, stored.Version, stored.Citations.Single().SessionId).ShouldBe(("The editor's words.", 3, f.Sessions["of-2"]));
    }

    [Fact]
    public async Task A_message_editor_writes_messages_but_neither_publishes_the_document_nor_enters_the_secretariat_workspace()
    {
        var f = await MessagesForum.MakeAsync(app);
        using var editor = await f.EditorAsync(app);
        (await editor.GetAsync($"/{f.Slug}/manage/messages")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await editor.GetAsync(Workspace(f))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await editor.GetAsync($"/{f.Slug}/messages")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var message = await WriteAsync(editor, f, "An editor's message", "Text.", "ws-1");
        (await PublishAsync(editor, f, message.Id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var denied = await PublishOutcomeAsync(editor, f);
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Path(denied).ShouldStartWith("/account/denied");
        (await app.InDbAsync(db => db.OutcomeDocuments.AnyAsync(d => db.Forums.Any(x => x.Id == d.ForumId && x.Slug == f.Slug) && d.PublishedAt != null))).ShouldBeFalse();
        Path(await editor.GetAsync($"/{f.Slug}/manage")).ShouldStartWith("/account/denied");
        // An editor of one forum is nobody in another.
        Path(await editor.GetAsync("/igf2022/manage/messages")).ShouldStartWith("/account/denied");
    }

    [Fact]
    public async Task Removing_a_subtheme_keeps_its_messages_listed_apart_and_in_the_document()
    {
        var f = await MessagesForum.MakeAsync(app);
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        var message = await WriteAsync(secretariat, f, "Outlives its subtheme", "Kept.", "ws-1");
        await PublishAsync(secretariat, f, message.Id);
        var access = await SubthemeIdAsync(f, "access");
        (await PlenaryApp.SubmitFormAsync(secretariat, $"/{f.Slug}/manage/subthemes", [], $"/{f.Slug}/manage/subthemes?handler=Remove&subtheme={access}&confirm=true"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await app.InDbAsync(db => db.ForumMessages.SingleAsync(m => m.Id == message.Id))).SubthemeId.ShouldBeNull();
        var index = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{f.Slug}/manage/messages"));
        var link = index.QuerySelectorAll("a").Single(a => a.TextContent == "Outlives its subtheme");
        // Opened in a remaining subtheme's workspace, the message can be given that subtheme.
        link.GetAttribute("href").ShouldBe($"/{f.Slug}/manage/messages/trust?message={message.Id}#write");
        var outcome = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{f.Slug}/messages"));
        outcome.QuerySelector("#other")!.TextContent.ShouldBe("Other messages");
        outcome.QuerySelector("section[aria-labelledby=other] h3")!.TextContent.ShouldBe("Outlives its subtheme");
    }

    [Fact]
    public async Task The_figures_are_computed_from_reports_check_ins_and_speakers_of_sessions_held()
    {
        var f = await MessagesForum.MakeAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Plenary.Infrastructure.Data.PlenaryDb>();
        var forum = (await Plenary.Features.Forums.ForumQueries.FindForumAsync(db, f.Slug))!;
        var figures = await scope.ServiceProvider.GetRequiredService<OutcomeQueries>().FiguresAsync(forum, default);

        // Held: WS #1, Open Forum #2 and WS #5; the cancelled WS #3 and WS #4, still to come, count nowhere.
        figures.SessionsHeld.ShouldBe(3);
        // Both reports give an onsite count, only WS #1's an online one.
        (figures.SessionReports, figures.OnsiteReporting, figures.OnsiteParticipants, figures.OnlineReporting, figures.OnlineParticipants).ShouldBe((2, 2, 70, 1, 60));
        (figures.CheckedIn, figures.RegisteredOnline, figures.RemoteHubParticipants).ShouldBe((2, 1, 25));
        // 100 participants at 50 % and 50 at 20 %: 60 of 150.
        (figures.WomenPercent, figures.GenderReports).ShouldBe((40, 2));
        figures.Speakers.ShouldBe(4);
        // One speaker per group: every group is under 5, so all are merged, and the 4 of them withheld.
        figures.SpeakersByStakeholder.Select(s => (s.Key, s.Values[0])).ShouldBe([("other", (int?)null)]);
        figures.SpeakersByRegion.Select(s => (s.Key, s.Values[0])).ShouldBe([("other", (int?)null)]);
        figures.Sdgs.Select(s => (s.Group, s.Count)).ShouldBe([(5, 1), (9, 2), (16, 1)]);

        // The page states them.
        using var secretariat = await app.SecretariatOfAsync(f.Slug);
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{f.Slug}/messages"));
        string Row(string label) => page.QuerySelectorAll("section[aria-labelledby=figures] tr").Single(r => r.QuerySelector("th")!.TextContent.StartsWith(label, StringComparison.Ordinal)).QuerySelector("td")!.TextContent;
        Row("Sessions held").ShouldBe("3");
        Row("Participants onsite, in the 2 of 2 session reports").ShouldBe("70");
        Row("Participants online, in the 1 of 2 session reports").ShouldBe("60");
        Row("Women and gender-diverse").ShouldBe((0.4).ToString("P0", CultureInfo.GetCultureInfo("en")));
        page.QuerySelectorAll("section[aria-labelledby=figures] tr").Where(r => r.QuerySelector("th")!.TextContent.StartsWith("Other groups", StringComparison.Ordinal))
            .Select(r => r.QuerySelector("td")!.TextContent).ShouldBe(["fewer than 5", "fewer than 5"]);
        Row("9. ").ShouldBe("2 sessions");
    }
}

[Collection("sqlite")]
public sealed class MessagesOnSqlite(SqliteApp app) : MessagesTests(app);

[Collection("postgres")]
public sealed class MessagesOnPostgres(PostgresApp app) : MessagesTests(app);
