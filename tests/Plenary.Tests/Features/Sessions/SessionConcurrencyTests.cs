using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sessions;

/// <summary>
/// Two people changing one session: a save from a form opened before someone else's save is refused (409) with both
/// versions shown and what was typed kept, whoever saved meanwhile (the edit page, the API, the timetable, the CSV import);
/// saving again from the version now seen goes through.
/// </summary>
public abstract class SessionConcurrencyTests(PlenaryApp app)
{
    private static string Edit(OwnForum forum) => $"/{forum.Slug}/sessions/ws-1/edit";

    /// <summary>The session form's fields as the page filled them in, as a browser would send them unchanged.</summary>
    private static List<KeyValuePair<string, string>> FieldsOf(IHtmlDocument page)
    {
        var form = page.QuerySelector("form[action*='handler=Save']")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            if (input.Name != "__RequestVerificationToken" && (input.Type != "checkbox" || input.IsChecked))
            {
                fields.Add(new(input.Name!, input.Value));
            }
        }
        fields.AddRange(form.QuerySelectorAll("textarea[name]").OfType<IHtmlTextAreaElement>().Select(t => new KeyValuePair<string, string>(t.Name!, t.Value)));
        fields.AddRange(form.QuerySelectorAll("select[name]").OfType<IHtmlSelectElement>().Select(s => new KeyValuePair<string, string>(s.Name!, s.Value ?? "")));
        return fields;
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, params (string Name, string Value)[] changes) =>
        [.. fields.Where(f => changes.All(c => c.Name != f.Key)), .. changes.Select(c => new KeyValuePair<string, string>(c.Name, c.Value))];

    private static async Task<List<KeyValuePair<string, string>>> OpenAsync(HttpClient visitor, OwnForum forum)
    {
        using var answer = await visitor.GetAsync(Edit(forum));
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        return FieldsOf(await PlenaryApp.ParseAsync(answer));
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient visitor, OwnForum forum, IEnumerable<KeyValuePair<string, string>> fields) =>
        PlenaryApp.SubmitFormAsync(visitor, Edit(forum), fields, Edit(forum) + "?handler=Save");

    private Task<Plenary.Features.Sessions.Session> StoredAsync(OwnForum forum) =>
        app.InDbAsync(db => db.Sessions.SingleAsync(s => s.ForumId == forum.Id && s.Number == 1));

    [Fact]
    public async Task test_two_secretariat_members_saving_one_session_the_second_sees_both_versions_and_keeps_what_it_typed()
    {
        var forum = await app.ForumOfItsOwnAsync("sessver", placed: 1);
        using var first = await app.SecretariatOfAsync(forum.Slug);
        using var second = await app.SecretariatOfAsync(forum.Slug);
        var firstForm = await OpenAsync(first, forum);
        var secondForm = await OpenAsync(second, forum);

        (await SaveAsync(first, forum, With(firstForm, ("Form.Title", "Connectivity for small island states")))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var late = await SaveAsync(second, forum, With(secondForm, ("Form.Title", "Satellite links for the Pacific"), ("Form.Description", "Who pays for the *last mile*?")));

        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await PlenaryApp.ParseAsync(late);
        // Both accounts sign up under the fixture's one name: the sentence names the person, and says when.
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Amina Diallo saved this session at ");
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("while you were editing it, so your changes are not saved yet");
        var meanwhile = page.QuerySelector("section.conflict")!;
        meanwhile.TextContent.ShouldContain("Connectivity for small island states");
        meanwhile.QuerySelectorAll("dt").Where(dt => dt.QuerySelector(".differs") is not null).Select(dt => dt.FirstChild!.TextContent.Trim())
            .ShouldBe(["Title", "Description"]);
        page.QuerySelector("input[name='Form.Title']")!.GetAttribute("value").ShouldBe("Satellite links for the Pacific");
        page.QuerySelector("textarea#description")!.TextContent.ShouldBe("Who pays for the *last mile*?");
        var stored = await StoredAsync(forum);
        (stored.Title, stored.Description).ShouldBe(("Connectivity for small island states", null));

        // Having seen both, the second saves again on purpose, from the version the refusal showed.
        var seen = FieldsOf(page);
        seen.Single(f => f.Key == "Form.Version").Value.ShouldBe(stored.Version.ToString(CultureInfo.InvariantCulture));
        (await SaveAsync(second, forum, seen)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stored = await StoredAsync(forum);
        (stored.Title, stored.Description).ShouldBe(("Satellite links for the Pacific", "Who pays for the *last mile*?"));
    }

    [Fact]
    public async Task test_a_move_on_the_timetable_meanwhile_is_not_undone_by_a_form_opened_before_it()
    {
        var forum = await app.ForumOfItsOwnAsync("sessmove", rooms: 2, placed: 1, timeZoneId: "UTC");
        using var editor = await app.SecretariatOfAsync(forum.Slug);
        using var planner = await app.SecretariatOfAsync(forum.Slug);
        var opened = await OpenAsync(editor, forum);
        var session = forum.Session(1);

        // The planner moves the session to the second room, the next day at 14:00.
        var day = forum.FirstDay.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await PlenaryApp.SubmitFormAsync(planner, $"/{forum.Slug}/manage/timetable",
            new Dictionary<string, string> { ["day"] = day, ["start"] = "14:00", ["room"] = forum.Rooms[1].Id.ToString(CultureInfo.InvariantCulture), ["expected"] = "" },
            $"/{forum.Slug}/manage/timetable?handler=Move&session={session.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The editor's form still holds the first day, 09:00, the first room: saved, it would move the session back.
        using var late = await SaveAsync(editor, forum, With(opened, ("Form.Title", "Renamed over an old placement")));
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var meanwhile = (await PlenaryApp.ParseAsync(late)).QuerySelector("section.conflict")!;
        meanwhile.TextContent.ShouldContain("Room 2");
        meanwhile.TextContent.ShouldContain("14:00");
        var stored = await StoredAsync(forum);
        (stored.Title, stored.RoomId, stored.StartsAt).ShouldBe((session.Title, forum.Rooms[1].Id, forum.FirstDay.AddDays(1).ToDateTime(new TimeOnly(14, 0), DateTimeKind.Utc)));
    }

    [Fact]
    public async Task test_a_csv_import_meanwhile_is_not_undone_by_a_form_opened_before_it()
    {
        var forum = await app.ForumOfItsOwnAsync("sesscsv", unplaced: 1);
        using var editor = await app.SecretariatOfAsync(forum.Slug);
        using var importer = await app.SecretariatOfAsync(forum.Slug);
        var opened = await OpenAsync(editor, forum);

        var csv = Encoding.UTF8.GetBytes("type,number,title,format\nWS,1,Title from the programme committee's file,Debate\n");
        using var preview = await PlenaryApp.UploadAsync(importer, $"/{forum.Slug}/manage/import", $"/{forum.Slug}/manage/import?handler=Preview",
            new Dictionary<string, (string, byte[])> { ["sessions"] = ("sessions.csv", csv) });
        var previewPage = await PlenaryApp.ParseAsync(preview);
        preview.StatusCode.ShouldBe(HttpStatusCode.OK, previewPage.QuerySelector("[role=alert]")?.TextContent);
        (await PlenaryApp.SubmitMultipartFormAsync(importer, previewPage, "form[action*='handler=Import']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StoredAsync(forum)).Title.ShouldBe("Title from the programme committee's file");

        using var late = await SaveAsync(editor, forum, With(opened, ("Form.Description", "Typed while the file was imported.")));
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await PlenaryApp.ParseAsync(late);
        page.QuerySelector("section.conflict")!.TextContent.ShouldContain("Title from the programme committee's file");
        page.QuerySelector("textarea#description")!.TextContent.ShouldBe("Typed while the file was imported.");
        var stored = await StoredAsync(forum);
        (stored.Title, stored.Format, stored.Description).ShouldBe(("Title from the programme committee's file", Plenary.Features.Sessions.SessionFormat.Debate, null));
    }

    [Fact]
    public async Task test_a_person_added_or_removed_meanwhile_makes_a_form_opened_before_stale()
    {
        var forum = await app.ForumOfItsOwnAsync("sessrole", unplaced: 1);
        using var editor = await app.SecretariatOfAsync(forum.Slug);
        using var colleague = await app.SecretariatOfAsync(forum.Slug);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(colleague));
        var roles = $"/api/forums/{forum.Slug}/sessions/ws-1/roles";

        var opened = await OpenAsync(editor, forum);
        using var added = await api.PostAsJsonAsync(roles, new { role = "Speaker", mode = "Online", name = $"Tupou Vaipulu {Guid.NewGuid():N}"[..22] });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        using var afterAdding = await SaveAsync(editor, forum, With(opened, ("Form.Title", "Renamed after a speaker was added")));
        afterAdding.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        opened = await OpenAsync(editor, forum);
        var role = JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        (await api.DeleteAsync($"{roles}/{role}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var afterRemoving = await SaveAsync(editor, forum, With(opened, ("Form.Title", "Renamed after a speaker was removed")));
        afterRemoving.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await StoredAsync(forum)).Title.ShouldBe(forum.Session(1).Title);
    }

    [Fact]
    public async Task test_the_api_refuses_a_change_over_a_newer_version_with_a_409_problem()
    {
        var forum = await app.ForumOfItsOwnAsync("sessapi", placed: 1, released: true);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var url = $"/api/forums/{forum.Slug}/sessions/ws-1";
        var read = JsonDocument.Parse(await api.GetStringAsync(url)).RootElement.GetProperty("version").GetInt32();
        object Body(string title, int? version) => new { title, format = "Panel", lengthMinutes = 60, status = "Scheduled", version };

        using var saved = await api.PutAsJsonAsync(url, Body("Saved by the first program", read));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var now = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32();
        now.ShouldNotBe(read);

        using var stale = await api.PutAsJsonAsync(url, Body("Sent from the version read before", read));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        stale.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(409);
        problem.GetProperty("detail").GetString()!.ShouldContain("saved this session at");
        problem.GetProperty("version").GetInt32().ShouldBe(now);
        (await StoredAsync(forum)).Title.ShouldBe("Saved by the first program");

        // From the version the refusal gives, the change goes through.
        (await api.PutAsJsonAsync(url, Body("Sent again, knowingly", now))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StoredAsync(forum)).Title.ShouldBe("Sent again, knowingly");
    }
}

[Collection("sqlite")]
public sealed class SessionConcurrencyOnSqlite(SqliteApp app) : SessionConcurrencyTests(app);

[Collection("postgres")]
public sealed class SessionConcurrencyOnPostgres(PostgresApp app) : SessionConcurrencyTests(app);
