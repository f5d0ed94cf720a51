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
/// A session's record stays as it was recorded, whatever the way in (the import, the pages, the API) and whoever saves
/// it later: nothing split, nothing invented, one set of rules.
/// </summary>
public abstract class SessionRecordTests(PlenaryApp app)
{
    private const string Tag = "Digital, Media, and Information Literacy";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The fields of a page's form as a browser sends them when nobody touches anything.</summary>
    private static List<KeyValuePair<string, string>> Untouched(IHtmlDocument page, string selector)
    {
        var form = page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form matches {selector}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            if (input.Type is "checkbox" or "radio" && !input.IsChecked)
            {
                continue;
            }
            fields.Add(new(input.Name!, input.Value));
        }
        foreach (var select in form.QuerySelectorAll("select[name]").OfType<IHtmlSelectElement>())
        {
            fields.Add(new(select.Name!, select.Value ?? ""));
        }
        foreach (var area in form.QuerySelectorAll("textarea[name]").OfType<IHtmlTextAreaElement>())
        {
            // Browsers send a textarea's line breaks as CR LF.
            fields.Add(new(area.Name!, area.Value.Replace("\n", "\r\n", StringComparison.Ordinal)));
        }
        return fields;
    }

    /// <summary>Opens a session's edit page and saves it as it came; the answer.</summary>
    private static async Task<HttpResponseMessage> SaveUntouchedAsync(HttpClient visitor, string forum, string key)
    {
        var page = await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum}/sessions/{key}/edit"));
        var fields = Untouched(page, "form[action*='handler=Save']");
        return await visitor.PostAsync($"/{forum}/sessions/{key}/edit?handler=Save", new FormUrlEncodedContent(fields));
    }

    /// <summary>Previews sessions.csv on the import page; the answer.</summary>
    private static Task<HttpResponseMessage> PreviewAsync(HttpClient visitor, string forum, string sessions) =>
        PlenaryApp.UploadAsync(visitor, $"/{forum}/manage/import", $"/{forum}/manage/import?handler=Preview",
            new Dictionary<string, (string, byte[])> { ["sessions"] = ("sessions.csv", Utf8(sessions)) });

    /// <summary>Previews, imports, and gives back the preview page.</summary>
    private static async Task<IHtmlDocument> ImportAsync(HttpClient visitor, string forum, string sessions)
    {
        using var preview = await PreviewAsync(visitor, forum, sessions);
        var page = await PlenaryApp.ParseAsync(preview);
        preview.StatusCode.ShouldBe(HttpStatusCode.OK, page.QuerySelector("[role=alert]")?.TextContent);
        using var imported = await PlenaryApp.SubmitMultipartFormAsync(visitor, page, "form[action*='handler=Import']");
        imported.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return page;
    }

    /// <summary>Everything stored of a session, its tags, SDGs and people included, to compare before and after.</summary>
    private Task<string> StoredAsync(int id) => app.InDbAsync(async db =>
    {
        var s = await db.Sessions.AsNoTracking().Include(x => x.Tags).Include(x => x.Sdgs).Include(x => x.SdgTargets).Include(x => x.Roles).Include(x => x.Sections)
            .AsSplitQuery().SingleAsync(x => x.Id == id);
        return JsonSerializer.Serialize(new
        {
            s.Number, s.HasNumber, s.Title, s.Format, s.FormatLine, s.Layout, s.LengthMinutes, s.Description, s.Approach, s.SubthemeId,
            s.Day, s.StartsAt, s.EndsAt, s.RoomId, s.Status, s.ScheduleSequence, s.ExpectedAttendance, s.SdgText,
            Tags = s.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal), Sdgs = s.Sdgs.Select(g => g.Goal).Order(),
            Targets = s.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal),
            Roles = s.Roles.OrderBy(r => r.Id).Select(r => new { r.Id, r.Kind, r.Mode, r.PersonId, r.OrganisationId, r.Position }),
            Sections = s.Sections.OrderBy(t => t.SectionId).Select(t => new { t.SectionId, t.Text }),
        });
    });

    [Fact]
    public async Task Saving_the_edit_page_untouched_keeps_a_tag_that_holds_commas_whole()
    {
        var own = await app.ForumOfItsOwnAsync("record", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9481, "Media literacy in the age of AI");
        await app.InDbAsync(async db =>
        {
            db.SessionTags.Add(new SessionTag { SessionId = session.Id, Tag = Tag });
            await db.SaveChangesAsync();
        });
        using var secretariat = await app.SecretariatOfAsync(own.Slug);

        using var saved = await SaveUntouchedAsync(secretariat, own.Slug, session.Key);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(saved)).QuerySelector("[role=alert]")?.TextContent);
        (await app.InDbAsync(db => db.SessionTags.Where(t => t.SessionId == session.Id).Select(t => t.Tag).ToListAsync())).ShouldBe([Tag]);
        // The form shows it as one tag, on its own line.
        var form = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{own.Slug}/sessions/{session.Key}/edit"));
        ((IHtmlTextAreaElement)form.QuerySelector("#tags")!).Value.Trim().ShouldBe(Tag);
    }

    [Fact]
    public async Task A_session_imported_with_a_day_and_time_but_no_room_is_saved_on_its_edit_page_as_it_is()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var title = $"Timed but not yet in a room {Guid.NewGuid():N}"[..40];
        await ImportAsync(secretariat, "igf2022", "type,number,title,format,day,start,room\n" + $"WS,9482,{title},Panel,2022-11-30,10:00,\n");
        var session = await app.InDbAsync(db => db.Sessions.Include(s => s.Type).SingleAsync(s => s.Title == title));
        var before = await StoredAsync(session.Id);

        using var saved = await SaveUntouchedAsync(secretariat, "igf2022", session.Key);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(saved)).QuerySelector("[role=alert]")?.TextContent);
        (await StoredAsync(session.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task The_page_and_the_import_refuse_a_room_without_a_start_in_the_same_words()
    {
        var own = await app.ForumOfItsOwnAsync("record", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9483, "A room but no time");
        var room = await app.InDbAsync(db => db.Rooms.Where(r => db.Forums.Any(f => f.Id == r.ForumId && f.Slug == own.Slug)).OrderBy(r => r.Position).FirstAsync());
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{own.Slug}/sessions/{session.Key}/edit"));
        var fields = Untouched(page, "form[action*='handler=Save']").Where(f => f.Key != "Form.RoomId")
            .Append(new("Form.RoomId", room.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        using var refusedByPage = await secretariat.PostAsync($"/{own.Slug}/sessions/{session.Key}/edit?handler=Save", new FormUrlEncodedContent(fields));
        using var refusedByImport = await PreviewAsync(secretariat, own.Slug, $"type,number,title,format,room\nWS,9483,A room but no time,Panel,{room.Name}\n");

        refusedByPage.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refusedByImport.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        const string Message = "Enter the start time as HH:MM in the forum's time, for example 14:30.";
        (await PlenaryApp.ParseAsync(refusedByPage)).QuerySelector("#start + .err, #start ~ .err")!.TextContent.ShouldBe(Message);
        (await PlenaryApp.ParseAsync(refusedByImport)).QuerySelector("[role=alert]")!.TextContent.ShouldContain($"sessions.csv, row 2, column “start”: {Message}");
    }

    [Fact]
    public async Task A_session_without_number_layout_or_speakers_shows_only_what_was_recorded()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var title = $"Youth summit {Guid.NewGuid():N}"[..30];
        using var created = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/sessions/new", new Dictionary<string, string>
        {
            ["Form.Type"] = "MAIN", ["Form.Number"] = "", ["Form.Title"] = title, ["Form.Format"] = "Panel", ["Form.Layout"] = "", ["Form.Subtheme"] = "",
            ["Form.LengthMinutes"] = "60", ["Form.Status"] = "Scheduled", ["Form.Day"] = "", ["Form.Start"] = "", ["Form.RoomId"] = "",
            ["TargetsText"] = "", ["TagsText"] = "",
        }, "/igf2022/manage/sessions/new?handler=Save");
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(created)).QuerySelector("[role=alert]")?.TextContent);
        var session = await app.InDbAsync(db => db.Sessions.Include(s => s.Type).SingleAsync(s => s.Title == title));
        (session.HasNumber, session.Layout).ShouldBe((false, null));

        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/igf2022/sessions/{session.Key}"));

        page.QuerySelector(".eyebrow")!.TextContent.ShouldNotContain("#");
        page.Title!.ShouldNotContain("#");
        page.QuerySelector(".eyebrow")!.TextContent.ShouldContain(session.Type.Name);
        var facts = page.QuerySelector("dl.facts")!.TextContent;
        facts.ShouldContain("Panel - 60 Min");
        facts.ShouldNotContain("Speakers:");
        // Nor in the workspace's list of sessions.
        var list = await PlenaryApp.ParseAsync(await secretariat.GetAsync("/igf2022/manage/sessions?q=" + Uri.EscapeDataString(title)));
        list.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(title, StringComparison.Ordinal)).QuerySelector("th")!.TextContent.ShouldBe(session.Type.Name);
    }

    [Fact]
    public async Task A_session_dated_but_not_timed_and_with_its_own_format_line_enters_by_the_api_and_is_shown_as_recorded()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var title = $"Day 2 transcript {Guid.NewGuid():N}"[..30];
        using var created = await api.PostAsJsonAsync("/api/forums/igf2022/sessions", new Dictionary<string, object?>
        {
            ["type"] = "OF", ["title"] = title, ["format"] = "Other", ["formatLine"] = "Fishbowl", ["lengthMinutes"] = 90, ["status"] = "Scheduled",
            ["day"] = "2022-11-30", ["tags"] = new[] { Tag },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("session");
        json.GetProperty("day").GetString().ShouldBe("2022-11-30");
        (json.TryGetProperty("number", out var number) ? number.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);
        (json.TryGetProperty("startsAt", out var start) ? start.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);
        json.GetProperty("formatLine").GetString().ShouldBe("Fishbowl");
        var key = json.GetProperty("key").GetString()!;

        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/igf2022/sessions/{key}"));
        var facts = page.QuerySelector("dl.facts")!.TextContent;
        facts.ShouldContain("Wednesday 30 November 2022");
        facts.ShouldContain("Time not yet set");
        facts.ShouldContain("Fishbowl");
        facts.ShouldNotContain("Other");
        page.QuerySelectorAll("ul.tags li").Select(li => li.TextContent).ShouldBe([Tag]);

        // Untimed, it is no event of a timed export.
        (await secretariat.GetStringAsync("/igf2022/schedule.json")).ShouldNotContain(title);
        (await secretariat.GetStringAsync("/igf2022/schedule.ics")).ShouldNotContain(title);

        // Saved again untouched on its page, it stays dated and untimed.
        var id = await app.InDbAsync(db => db.Sessions.Where(s => s.Title == title).Select(s => s.Id).SingleAsync());
        var before = await StoredAsync(id);
        (await SaveUntouchedAsync(secretariat, "igf2022", key)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StoredAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Import_takes_a_utc_start_without_a_day_and_a_header_without_optional_columns_and_previews_rows_as_they_will_be()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var title = $"Offsets {Guid.NewGuid():N}"[..20];
        // 01:30 at UTC+3 is 22:30 UTC the day before, 01:30 in Addis Ababa.
        var sessions = "type,number,title,format,start\n" + $"WS,9484,{title},Round Table,2022-11-30T01:30+03:00\n";

        var preview = await PlenaryApp.ParseAsync(await PreviewAsync(secretariat, "igf2022", sessions));

        var row = preview.QuerySelectorAll("section[aria-labelledby=preview] tbody tr").Single(r => r.TextContent.Contains(title, StringComparison.Ordinal));
        row.QuerySelector(".forum-time")!.TextContent.ShouldStartWith("2022-11-30 01:30");
        row.QuerySelector(".utc-time")!.TextContent.ShouldBe("2022-11-29 22:30 UTC");
        row.TextContent.ShouldContain("WS #9484");
    }

    [Fact]
    public async Task Import_problems_are_listed_by_row_and_counted_in_words_that_fit_their_number()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var one = await PlenaryApp.ParseAsync(await PreviewAsync(secretariat, "igf2022", "type,number,title,format,start\nWS,9485,One problem,Panel,25:00\n"));
        one.QuerySelector("#import-problems")!.TextContent.ShouldBe("Nothing was imported. Correct this problem and upload the files again.");

        // The unknown person of row 2 is found after the bad start of row 3 (people are looked up once all rows are read).
        var two = await PlenaryApp.ParseAsync(await PreviewAsync(secretariat, "igf2022",
            "type,number,title,format,start,speakers_onsite\nWS,9486,First,Panel,,Nobody Known Anywhere\nWS,9487,Second,Panel,25:00,\n"));
        two.QuerySelector("#import-problems")!.TextContent.ShouldBe("Nothing was imported. Correct these 2 problems and upload the files again.");
        two.QuerySelectorAll("[role=alert] li").Select(li => li.TextContent[..li.TextContent.IndexOf(',', 14)])
            .ShouldBe(["sessions.csv, row 2", "sessions.csv, row 3"]);
    }

    [Fact]
    public async Task Acceptance_a_utc_row_without_number_or_layout_with_a_comma_tag_and_policy_questions_enters_whole_and_survives_an_untouched_save()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var title = $"Information integrity {Guid.NewGuid():N}"[..30];
        // The demo forum has the IGF 2022 template's sections, policy_questions among them.
        string[] questions = ["How can media literacy keep pace with generative AI?", "Who teaches it: \"platforms, states or schools\"?", "- What <b>not</b> to do?"];
        var sessions = "type,number,title,format,layout,start,tags,policy_questions\n"
            + $"OF,,{title},Panel,,2022-11-29T06:30Z,\"{Tag}\",\"1. {questions[0]}\n2. {questions[1].Replace("\"", "\"\"", StringComparison.Ordinal)}\n\n{questions[2]}\"\n";

        var preview = await ImportAsync(secretariat, "igf2022", sessions);

        var row = preview.QuerySelectorAll("section[aria-labelledby=preview] tbody tr").Single(r => r.TextContent.Contains(title, StringComparison.Ordinal));
        row.QuerySelector(".forum-time")!.TextContent.ShouldStartWith("2022-11-29 09:30");
        row.QuerySelector(".utc-time")!.TextContent.ShouldBe("2022-11-29 06:30 UTC");
        row.QuerySelector("th")!.TextContent.ShouldNotContain("#");
        row.QuerySelector(".sections")!.TextContent.ShouldBe("With: Policy questions");
        var session = await app.InDbAsync(db => db.Sessions.Include(s => s.Type).SingleAsync(s => s.Title == title));
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/igf2022/sessions/{session.Key}"));
        var time = page.QuerySelector("dl.facts dd")!.TextContent;
        time.ShouldContain("09:30");
        time.ShouldContain("06:30–07:30 UTC");
        page.QuerySelector(".eyebrow")!.TextContent.ShouldNotContain("#");
        page.QuerySelector("dl.facts")!.TextContent.ShouldContain("Panel - 60 Min");
        page.QuerySelectorAll("ul.tags li").Select(li => li.TextContent).ShouldBe([Tag]);
        var section = page.QuerySelector("section[aria-labelledby=section-policy_questions]")!;
        section.QuerySelector("h2")!.TextContent.ShouldBe("Policy questions");
        section.QuerySelectorAll("ol li").Select(li => li.TextContent).ShouldBe(questions[..2]);
        // Markdown, never raw HTML: the tag is shown as text.
        section.QuerySelectorAll("ul li").Select(li => li.TextContent).ShouldBe(["What <b>not</b> to do?"]);
        var before = await StoredAsync(session.Id);
        before.ShouldContain("Who teaches it");
        var audit = await app.InDbAsync(db => db.AuditLog.CountAsync(e => e.Subject == session.Key));

        using var saved = await SaveUntouchedAsync(secretariat, "igf2022", session.Key);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(saved)).QuerySelector("[role=alert]")?.TextContent);
        (await StoredAsync(session.Id)).ShouldBe(before);
        (await app.InDbAsync(db => db.AuditLog.CountAsync(e => e.Subject == session.Key))).ShouldBe(audit, "a save that changes nothing records no change");
    }

    [Fact]
    public async Task test_a_session_without_a_number_is_named_by_its_type_on_a_speakers_page_too()
    {
        var forum = await app.ForumOfItsOwnAsync("unnumbered", placed: 1, released: true);
        var session = forum.Session(1);
        var speaker = $"Ana Unnumbered {Guid.NewGuid():N}"[..24];
        var personId = await app.InDbAsync(async db =>
        {
            // The context reads untracked: the flag is written as the import writes it, by the row.
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.HasNumber, false));
            var person = new Plenary.Features.People.Person { Name = speaker };
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, Person = person, Kind = SessionRoleKind.Speaker, Position = 1 });
            await db.SaveChangesAsync();
            return person.Id;
        });
        (await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).Select(s => s.HasNumber).SingleAsync())).ShouldBeFalse();
        await app.EvictPublicCacheAsync();

        var (status, page) = await app.GetPageAsync($"/people/{personId}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("main li a").Select(a => a.TextContent.Trim()).ShouldContain($"Workshop: {session.Title}", page.QuerySelector("main")!.TextContent);
    }

    /// <summary>
    /// The record a page reads (each collection by the session's id, put in place by hand) is the one a change reads
    /// (one split query, put together by tracking), in the same order where order is shown: for every demo session, so
    /// that sessions with takeaways, reports, sections, frameworks and organisations are among them.
    /// </summary>
    [Fact]
    public async Task The_record_read_for_a_page_is_the_record_read_for_a_change()
    {
        static string Shown(Session s) => JsonSerializer.Serialize(new
        {
            s.Id, s.Key, s.Title, Room = s.Room?.Name, Subtheme = s.Subtheme?.Name,
            Roles = s.Roles.Select(r => new { r.Id, r.Kind, r.Position, Person = r.Person?.Name, Organisation = r.Organisation?.Name }),
            Sdgs = s.Sdgs.Select(g => g.Goal),
            Targets = s.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal),
            Frameworks = s.FrameworkLinks.Select(l => $"{l.Framework} {l.Code}").Order(StringComparer.Ordinal),
            Tags = s.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal),
            Sections = s.Sections.OrderBy(t => t.SectionId).Select(t => new { t.SectionId, t.Text }),
            // Shown by kind, each kind in the order read (key takeaways and calls to action each count their own positions).
            Takeaways = s.Takeaways.OrderBy(t => t.Kind).Select(t => new { t.Id, t.Kind, t.Position, t.Text }),
            Report = s.Report?.Body, Gender = s.GenderReport?.ParticipantCount,
        });
        var compared = await app.InDbAsync(async db =>
        {
            var sessions = await db.Sessions.Include(s => s.Type).OrderBy(s => s.Id).Select(s => new { s.ForumId, s.Type.Code, s.Number }).ToListAsync();
            var seen = new { Roles = 0, Organisations = 0, Sdgs = 0, Targets = 0, Frameworks = 0, Tags = 0, Sections = 0, Takeaways = 0, Reports = 0, Genders = 0 };
            foreach (var s in sessions)
            {
                var key = SessionKey.Format(s.Code, s.Number);
                var read = (await db.FindSessionAsync(s.ForumId, key))!;
                var forChange = (await db.FindSessionAsync(s.ForumId, key, tracked: true))!;
                db.ChangeTracker.Clear();
                Shown(read).ShouldBe(Shown(forChange));
                seen = new
                {
                    Roles = seen.Roles + read.Roles.Count(r => r.Person is not null), Organisations = seen.Organisations + read.Roles.Count(r => r.Organisation is not null),
                    Sdgs = seen.Sdgs + read.Sdgs.Count, Targets = seen.Targets + read.SdgTargets.Count, Frameworks = seen.Frameworks + read.FrameworkLinks.Count,
                    Tags = seen.Tags + read.Tags.Count, Sections = seen.Sections + read.Sections.Count, Takeaways = seen.Takeaways + read.Takeaways.Count,
                    Reports = seen.Reports + (read.Report is null ? 0 : 1), Genders = seen.Genders + (read.GenderReport is null ? 0 : 1),
                };
            }
            return seen;
        });
        // Each part was there to compare somewhere, not empty on both sides everywhere.
        compared.ShouldSatisfyAllConditions(
            () => compared.Roles.ShouldBePositive(), () => compared.Organisations.ShouldBePositive(), () => compared.Sdgs.ShouldBePositive(),
            () => compared.Targets.ShouldBePositive(), () => compared.Frameworks.ShouldBePositive(), () => compared.Tags.ShouldBePositive(),
            () => compared.Sections.ShouldBePositive(), () => compared.Takeaways.ShouldBePositive(), () => compared.Reports.ShouldBePositive(),
            () => compared.Genders.ShouldBePositive());
    }
}

[Collection("sqlite")]
public sealed class SessionRecordOnSqlite(SqliteApp app) : SessionRecordTests(app);

[Collection("postgres")]
public sealed class SessionRecordOnPostgres(PostgresApp app) : SessionRecordTests(app);
