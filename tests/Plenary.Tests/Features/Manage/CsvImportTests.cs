using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Manage;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>
/// The Secretariat imports people and sessions from CSV: a preview lists every problem and change, and the import
/// writes all of it or nothing. Most tests use a forum of their own, so the demo forum other tests read stays as seeded.
/// </summary>
public abstract class CsvImportTests(PlenaryApp app)
{
    private const string PeopleHeader = "key,honorific,name,title,affiliation,stakeholder_group,regional_group,country";
    private const string SessionsHeader = "type,number,title,format,layout,length_minutes,subtheme,day,start,room,description,sdgs,sdg_targets,tags,"
        + "organisers,speakers_onsite,speakers_online,moderator_onsite,moderator_online,rapporteur";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static Task<HttpResponseMessage> PreviewAsync(HttpClient visitor, string forum, byte[]? people, byte[]? sessions)
    {
        var files = new Dictionary<string, (string, byte[])>();
        if (people is not null)
        {
            files["people"] = ("people.csv", people);
        }
        if (sessions is not null)
        {
            files["sessions"] = ("sessions.csv", sessions);
        }
        return PlenaryApp.UploadAsync(visitor, $"/{forum}/manage/import", $"/{forum}/manage/import?handler=Preview", files);
    }

    /// <summary>Previews, checks the preview offers the import, and imports; returns the page shown afterwards.</summary>
    private static async Task<IHtmlDocument> ImportAsync(HttpClient visitor, string forum, byte[]? people, byte[]? sessions)
    {
        using var preview = await PreviewAsync(visitor, forum, people, sessions);
        var page = await PlenaryApp.ParseAsync(preview);
        preview.StatusCode.ShouldBe(HttpStatusCode.OK, page.QuerySelector("[role=alert]")?.TextContent);
        using var imported = await PlenaryApp.SubmitMultipartFormAsync(visitor, page, "form[action*='handler=Import']");
        imported.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await PlenaryApp.ParseAsync(await visitor.GetAsync(imported.Headers.Location!.OriginalString));
    }

    /// <summary>An empty forum of the test's own: two session types, two rooms, one subtheme, 23-27 June 2026 in Oslo.</summary>
    private async Task<string> NewForumAsync()
    {
        var slug = $"csv-{Guid.NewGuid():N}"[..16];
        await app.InDbAsync(async db =>
        {
            db.Forums.Add(new Forum
            {
                Slug = slug, Name = "Import Forum 2026", Year = 2026, HostCity = "Oslo", Venue = "Lillestrøm", TimeZoneId = "Europe/Oslo",
                FirstDay = new DateOnly(2026, 6, 23), LastDay = new DateOnly(2026, 6, 27), Theme = "Imports", Languages = ["en"],
                SessionTypes =
                [
                    new SessionType { Code = "WS", Name = "Workshop", NumberLabel = "WS", DefaultLengthMinutes = 60, Position = 1 },
                    new SessionType { Code = "OF", Name = "Open Forum", NumberLabel = "Open Forum", DefaultLengthMinutes = 60, Position = 2 },
                ],
                Rooms =
                [
                    new Room { Name = "Room 1", Layout = RoomLayout.Theater, Capacity = 100, Position = 1 },
                    new Room { Name = "Room 2", Layout = RoomLayout.UShape, Capacity = 30, Position = 2 },
                ],
                Subthemes = [new Subtheme { Slug = "digital-divide", Name = "Bridging the digital divide", Position = 1 }],
            });
            await db.SaveChangesAsync();
        });
        return slug;
    }

    private Task<(int People, int Sessions, int Audit, int Organisations)> CountsAsync() =>
        app.InDbAsync(async db => (await db.People.CountAsync(), await db.Sessions.CountAsync(), await db.AuditLog.CountAsync(), await db.Organisations.CountAsync()));

    [Fact]
    public async Task A_good_import_shows_the_session_on_the_programme_and_its_page_and_is_audited()
    {
        var forum = await NewForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum);
        var marker = Guid.NewGuid().ToString("N")[..8];
        // Excel in France: a BOM and semicolons.
        var people = Encoding.UTF8.GetPreamble().Concat(Utf8(
            PeopleHeader.Replace(',', ';') + "\r\n"
            + $"amina;Dr.;Amina Diallo {marker};Director of Research;Université de Dakar;Academia;AfricanGroup;SN\r\n"
            + $"li;;Li Wei {marker};Engineer;\"Net; Co\";PrivateSector;AsiaPacificGroup;CN\r\n")).ToArray();
        var sessions = Utf8(SessionsHeader + "\n"
            + $"WS,12,Community networks {marker},RoundTable,,90,digital-divide,2026-06-24,10:00,Room 1,\"How *community* networks connect, with commas\",9;17,9.c;17.8,connectivity;community,"
            + $"Rural Connect {marker};amina,amina,Li Wei {marker},amina,li,li\n");

        using var preview = await PreviewAsync(secretariat, forum, people, sessions);
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var previewPage = await PlenaryApp.ParseAsync(preview);
        previewPage.Body!.TextContent.ShouldContain($"Rural Connect {marker}");
        previewPage.QuerySelectorAll("section[aria-labelledby=preview] tbody tr").Select(r => r.TextContent).Count(t => t.Contains("New", StringComparison.Ordinal)).ShouldBe(3);
        (await app.InDbAsync(db => db.People.AnyAsync(p => p.Name == $"Amina Diallo {marker}"))).ShouldBeFalse("the preview writes nothing");

        var done = await ImportAsync(secretariat, forum, people, sessions);
        done.QuerySelector("[role=status]")!.TextContent.ShouldContain("2 people added and 0 updated; 1 sessions added");

        var session = await app.InDbAsync(db => db.Sessions.Include(s => s.Roles).Include(s => s.SdgTargets).Include(s => s.Sdgs).Include(s => s.Tags).AsSplitQuery()
            .SingleAsync(s => s.Title == $"Community networks {marker}"));
        // No layout given: none recorded (the room's own is not put in its place).
        (session.Number, session.Format, session.Layout, session.LengthMinutes).ShouldBe((12, SessionFormat.RoundTable, (RoomLayout?)null, 90));
        // 10:00 in Oslo in June is 08:00 UTC.
        session.StartsAt.ShouldBe(new DateTime(2026, 6, 24, 8, 0, 0, DateTimeKind.Utc));
        session.EndsAt.ShouldBe(new DateTime(2026, 6, 24, 9, 30, 0, DateTimeKind.Utc));
        session.Sdgs.Select(s => s.Goal).Order().ShouldBe([9, 17]);
        session.SdgTargets.Select(t => t.TargetCode).Order().ShouldBe(["17.8", "9.c"]);
        session.Tags.Select(t => t.Tag).Order().ShouldBe(["community", "connectivity"]);
        session.Roles.Count.ShouldBe(7);
        (await app.InDbAsync(db => db.Organisations.AnyAsync(o => o.Name == $"Rural Connect {marker}"))).ShouldBeTrue();
        (await app.InDbAsync(db => db.People.SingleAsync(p => p.Name == $"Li Wei {marker}"))).Affiliation.ShouldBe("Net; Co");

        var programme = await app.GetPageAsync($"/{forum}/programme");
        programme.Page.Body!.TextContent.ShouldContain($"Community networks {marker}");
        var page = await app.GetPageAsync($"/{forum}/sessions/ws-12");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Page.Body!.TextContent.ShouldContain($"Amina Diallo {marker}");
        page.Page.Body!.TextContent.ShouldContain($"Li Wei {marker}");

        var forumId = await app.InDbAsync(db => db.Forums.Where(f => f.Slug == forum).Select(f => f.Id).SingleAsync());
        var audit = await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forumId).OrderBy(e => e.Id).ToListAsync());
        audit.Select(e => e.Action).ShouldBe([CsvImport.AuditAction, CsvImport.AuditRowsAction]);
        audit[0].After!.ShouldContain("\"sessionsCreated\":1");
        audit[1].After!.ShouldContain("amina");
        audit[1].After!.ShouldContain("WS #12");

        // The same files again: nothing to change. A new title: one update, matched by type and number.
        var again = await PlenaryApp.ParseAsync(await PreviewAsync(secretariat, forum, people, sessions));
        again.Body!.TextContent.ShouldContain("there is nothing to import");
        again.QuerySelector("form[action*='handler=Import']").ShouldBeNull();
        await ImportAsync(secretariat, forum, people, Utf8(Encoding.UTF8.GetString(sessions).Replace($"Community networks {marker}", $"Community networks revised {marker}", StringComparison.Ordinal)));
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).Title.ShouldBe($"Community networks revised {marker}");
        (await app.InDbAsync(db => db.People.CountAsync(p => p.Name == $"Amina Diallo {marker}"))).ShouldBe(1);

        // A person found by name and affiliation is updated; a changed people column replaces the session's roles.
        var newTitle = Utf8(Encoding.UTF8.GetString(people).Replace("Engineer", "Chief Engineer", StringComparison.Ordinal));
        var newRapporteur = Utf8(Encoding.UTF8.GetString(sessions).Replace("amina,li,li", "amina,li,amina", StringComparison.Ordinal));
        var changes = await PlenaryApp.ParseAsync(await PreviewAsync(secretariat, forum, newTitle, newRapporteur));
        changes.QuerySelectorAll("section[aria-labelledby=preview] tbody tr").Count(r => r.TextContent.Contains("Updated", StringComparison.Ordinal)).ShouldBe(2);
        await ImportAsync(secretariat, forum, newTitle, newRapporteur);
        var li = await app.InDbAsync(db => db.People.SingleAsync(p => p.Name == $"Li Wei {marker}"));
        li.Title.ShouldBe("Chief Engineer");
        var rapporteur = await app.InDbAsync(db => db.SessionRoles.Where(r => r.SessionId == session.Id && r.Kind == SessionRoleKind.Rapporteur).Select(r => r.Person!.Name).SingleAsync());
        rapporteur.ShouldBe($"Amina Diallo {marker}");
        (await app.InDbAsync(db => db.SessionRoles.CountAsync(r => r.SessionId == session.Id))).ShouldBe(7);
    }

    public static readonly TheoryData<string, string> BadInputs = new()
    {
        { "wrong columns", "sessions.csv, row 1: The columns are not the expected ones." },
        { "bad encoding", "Line 3 is not valid UTF-8" },
        { "line break in a title", "sessions.csv, row 2, column “title”: Keep this on one line" },
        { "tab in a name", "people.csv, row 2, column “name”: Keep this on one line" },
        { "unknown room", "sessions.csv, row 2, column “room”: This forum has no room called “Hall Z”." },
        { "clash", "sessions.csv, row 3, column “start”: WS #2 would overlap in Room 1 with WS #1, 10:00–11:00." },
        { "bad target", "sessions.csv, row 2, column “sdg_targets”: “9.z” is not an SDG target." },
        { "bad goal", "sessions.csv, row 2, column “sdgs”: “18” is not a Sustainable Development Goal" },
        { "over-long title", "sessions.csv, row 2, column “title”: Shorten this to at most 300 characters (it has 301)." },
        { "day outside", "sessions.csv, row 2, column “day”: 2026-07-01 is outside the forum" },
        { "unknown person", "sessions.csv, row 2, column “speakers_onsite”: No one called “Nobody Known”" },
        { "unknown type", "sessions.csv, row 2, column “type”: This forum has no session type “XX”." },
        { "too many rows", "people.csv: The file holds more than 20,000 rows." },
        { "stray quote", "sessions.csv, row 2: A quotation mark is in the middle of a cell." },
        { "negative number", "sessions.csv, row 2, column “number”: Enter a whole number from 1 to 999999." },
        { "too large", "people.csv: The file is larger than 10 MB." },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_explained_by_row_and_column_and_nothing_is_written(string kind, string message)
    {
        var forum = await NewForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum);
        const string Good = "WS,1,Good session,Panel,,60,,2026-06-24,10:00,Room 1,,,,,,,,,,";
        var people = Utf8(PeopleHeader + "\nbob,,Bob Stone,,,,,\n");
        var sessions = kind switch
        {
            "wrong columns" => Utf8(SessionsHeader.Replace(",room,", ",hall,", StringComparison.Ordinal) + "\n" + Good + "\n"),
            "bad encoding" => [.. Utf8(SessionsHeader + "\n" + Good + "\n"), .. Encoding.Latin1.GetBytes("WS,2,Séance,Panel,,60,,,,,,,,,,,,,,\n")],
            "line break in a title" => Utf8(SessionsHeader + "\n" + Good.Replace("Good session", "\"Good\r\nsession\"", StringComparison.Ordinal) + "\n"),
            "unknown room" => Utf8(SessionsHeader + "\n" + Good.Replace("Room 1", "Hall Z", StringComparison.Ordinal) + "\n"),
            "clash" => Utf8(SessionsHeader + "\n" + Good + "\n" + "WS,2,Second,Panel,,60,,2026-06-24,10:30,Room 1,,,,,,,,,,\n"),
            "bad target" => Utf8(SessionsHeader + "\nWS,1,Good session,Panel,,60,,2026-06-24,10:00,Room 1,,,9.z,,,,,,,\n"),
            "bad goal" => Utf8(SessionsHeader + "\nWS,1,Good session,Panel,,60,,2026-06-24,10:00,Room 1,,18,,,,,,,,\n"),
            "over-long title" => Utf8(SessionsHeader + "\n" + Good.Replace("Good session", new string('x', 301), StringComparison.Ordinal) + "\n"),
            "day outside" => Utf8(SessionsHeader + "\n" + Good.Replace("2026-06-24", "2026-07-01", StringComparison.Ordinal) + "\n"),
            "unknown person" => Utf8(SessionsHeader + "\nWS,1,Good session,Panel,,60,,2026-06-24,10:00,Room 1,,,,,,Nobody Known,,,,\n"),
            "stray quote" => Utf8(SessionsHeader + "\n" + Good.Replace("Good session", "Good \"session\"", StringComparison.Ordinal) + "\n"),
            "negative number" => Utf8(SessionsHeader + "\n" + Good.Replace("WS,1,", "WS,-3,", StringComparison.Ordinal) + "\n"),
            "unknown type" => Utf8(SessionsHeader + "\n" + Good.Replace("WS,1", "XX,1", StringComparison.Ordinal) + "\n"),
            _ => Utf8(SessionsHeader + "\n" + Good + "\n"),
        };
        if (kind == "tab in a name")
        {
            people = Utf8(PeopleHeader + "\nbob,,Bob\tStone,,,,,\n");
        }
        if (kind == "too many rows")
        {
            var many = new StringBuilder(PeopleHeader).Append('\n');
            for (var i = 0; i <= 20_000; i++)
            {
                many.Append("p").Append(i).Append(",,Person ").Append(i).Append(",,,,,\n");
            }
            people = Utf8(many.ToString());
        }
        if (kind == "too large")
        {
            people = [.. Utf8(PeopleHeader + "\n"), .. Enumerable.Repeat((byte)'a', (int)CsvFiles.MaxBytes)];
        }
        var before = await CountsAsync();

        using var answer = await PreviewAsync(secretariat, forum, people, sessions);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        var alert = page.QuerySelector("[role=alert]")!.TextContent;
        alert.ShouldContain(message);
        alert.ShouldContain("Nothing was imported");
        page.QuerySelector("form[action*='handler=Import']").ShouldBeNull("no import is offered while a row has a problem");
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_slot_taken_by_a_session_on_record_is_a_clash_and_moving_that_session_in_the_same_file_frees_it()
    {
        var forum = await NewForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum);
        await ImportAsync(secretariat, forum, null, Utf8(SessionsHeader + "\nOF,1,On record,Panel,,60,,2026-06-25,14:00,Room 2,,,,,,,,,,\n"));

        using var clash = await PreviewAsync(secretariat, forum, null, Utf8(SessionsHeader + "\nWS,5,Newcomer,Panel,,30,,2026-06-25,14:45,Room 2,,,,,,,,,,\n"));
        clash.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(clash)).QuerySelector("[role=alert]")!.TextContent
            .ShouldContain("sessions.csv, row 2, column “start”: WS #5 would overlap in Room 2 with Open Forum #1, 14:00–15:00.");

        await ImportAsync(secretariat, forum, null, Utf8(SessionsHeader + "\nWS,5,Newcomer,Panel,,30,,2026-06-25,14:45,Room 2,,,,,,,,,,\n"
            + "OF,1,On record,Panel,,60,,2026-06-25,16:00,Room 2,,,,,,,,,,\n"));
        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.Forum.Slug == forum))).ShouldBe(2);
    }

    [Fact]
    public async Task The_templates_import_as_they_are()
    {
        var forum = await NewForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum);
        var people = await secretariat.GetByteArrayAsync($"/{forum}/manage/import?handler=Template&file=people");
        var sessions = await secretariat.GetByteArrayAsync($"/{forum}/manage/import?handler=Template&file=sessions");

        var done = await ImportAsync(secretariat, forum, people, sessions);

        // The template's person may already be on record (other tests sign up as Amina Diallo): added or updated, never doubled.
        done.QuerySelector("[role=status]")!.TextContent.ShouldContain("1 sessions added");
        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.Forum.Slug == forum && s.Roles.Count == 3))).ShouldBe(1);
    }

    [Fact]
    public async Task Wrong_columns_are_explained_in_one_message_listing_the_expected_and_the_found()
    {
        var forum = await NewForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum);
        using var answer = await PreviewAsync(secretariat, forum, Utf8("name,email,gender\nBob,bob@example.org,Man\n"), null);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var items = (await PlenaryApp.ParseAsync(answer)).QuerySelectorAll("[role=alert] li").Select(li => li.TextContent).ToList();
        items.Count.ShouldBe(1);
        items[0].ShouldContain("Expected: key, honorific, name, title, affiliation, stakeholder_group, regional_group, country. Found: name, email, gender.");
        items[0].ShouldContain("Missing: key, honorific, title");
        items[0].ShouldContain("Not expected: email, gender.");
    }

    [Fact]
    public async Task Twenty_thousand_people_import_in_one_go()
    {
        var forum = await NewForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var file = new StringBuilder(PeopleHeader).Append('\n');
        for (var i = 0; i < CsvFiles.MaxRows; i++)
        {
            file.Append("k").Append(i).Append(",Ms.,Participant ").Append(i).Append(",Delegate,Org ").Append(marker).Append(",CivilSociety,Weog,NO\n");
        }

        var done = await ImportAsync(secretariat, forum, Utf8(file.ToString()), null);

        done.QuerySelector("[role=status]")!.TextContent.ShouldContain("20000 people added");
        (await app.InDbAsync(db => db.People.CountAsync(p => p.Affiliation == $"Org {marker}"))).ShouldBe(CsvFiles.MaxRows);
    }

    [Fact]
    public async Task Export_then_import_of_the_demo_forum_changes_nothing()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        using var sessionsAnswer = await secretariat.GetAsync("/igf2022/manage/export/sessions.csv");
        using var peopleAnswer = await secretariat.GetAsync("/igf2022/manage/export/people.csv");
        sessionsAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
        sessionsAnswer.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        sessionsAnswer.Content.Headers.ContentDisposition!.FileName.ShouldBe("igf2022-sessions.csv");
        var sessions = await sessionsAnswer.Content.ReadAsByteArrayAsync();
        var people = await peopleAnswer.Content.ReadAsByteArrayAsync();
        sessions.Take(3).ShouldBe(Encoding.UTF8.GetPreamble(), "Excel needs the BOM to read UTF-8");
        var peopleText = Encoding.UTF8.GetString(people);
        peopleText.ShouldStartWith("\uFEFF" + PeopleHeader);
        peopleText.ShouldNotContain("@example", Case.Insensitive);
        peopleText.ShouldNotContain("Woman");
        var before = await CountsAsync();

        using var preview = await PreviewAsync(secretariat, "igf2022", people, sessions);

        var page = await PlenaryApp.ParseAsync(preview);
        preview.StatusCode.ShouldBe(HttpStatusCode.OK, page.QuerySelector("[role=alert]")?.TextContent);
        page.Body!.TextContent.ShouldContain("there is nothing to import");
        var count = await app.InDbAsync(db => db.Sessions.CountAsync(s => s.Forum.Slug == "igf2022"));
        page.Body.TextContent.ShouldContain($"sessions.csv: 0 new, 0 updated, {count} unchanged");
        page.Body.TextContent.ShouldContain("people.csv: 0 new, 0 updated,");
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Export_neutralises_formula_looking_cells_and_they_import_back_unchanged()
    {
        var forum = await NewForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum);
        await ImportAsync(secretariat, forum, Utf8(PeopleHeader + "\nx,,'=1+2 Person,'@work,'-Minus,,,\n"),
            Utf8(SessionsHeader + "\nWS,3,'=cmd|' /C calc'!A0,Panel,,60,,,,,'+ a list item,,,,,'=1+2 Person,,,,\n"));
        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.Title == "=cmd|' /C calc'!A0"))).ShouldBe(1);

        var sessions = await secretariat.GetByteArrayAsync($"/{forum}/manage/export/sessions.csv");
        var people = await secretariat.GetByteArrayAsync($"/{forum}/manage/export/people.csv");
        var text = Encoding.UTF8.GetString(sessions) + Encoding.UTF8.GetString(people);
        foreach (var cell in new[] { "=cmd", "+ a list", "=1+2 Person", "@work", "-Minus" })
        {
            text.ShouldContain("'" + cell);
            text.ShouldNotContain("," + cell);
            text.ShouldNotContain(";" + cell);
        }
        var again = await PlenaryApp.ParseAsync(await PreviewAsync(secretariat, forum, people, sessions));
        again.QuerySelector("[role=alert]").ShouldBeNull();
        again.Body!.TextContent.ShouldContain("there is nothing to import");
    }

    [Fact]
    public async Task An_exported_key_keeps_its_person_among_namesakes_of_the_same_affiliation()
    {
        var forum = await NewForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum);
        var twin = $"Sam Twin {Guid.NewGuid():N}"[..20];
        await ImportAsync(secretariat, forum, Utf8(PeopleHeader + $"\na,,{twin},,Twins Inc,,,\nb,,{twin},,Twins Inc,,,\n"),
            Utf8(SessionsHeader + "\nWS,7,Only the second twin,Panel,,60,,,,,,,,,,b,,,,\n"));
        var second = await app.InDbAsync(db => db.People.Where(p => p.Name == twin).OrderBy(p => p.Id).Select(p => p.Id).LastAsync());

        var people = await secretariat.GetByteArrayAsync($"/{forum}/manage/export/people.csv");
        var sessions = await secretariat.GetByteArrayAsync($"/{forum}/manage/export/sessions.csv");
        Encoding.UTF8.GetString(people).ShouldContain($"person-{second},,{twin}");

        var again = await PlenaryApp.ParseAsync(await PreviewAsync(secretariat, forum, people, sessions));
        again.QuerySelector("[role=alert]").ShouldBeNull();
        again.Body!.TextContent.ShouldContain("there is nothing to import");
    }

    [Fact]
    public async Task A_preview_that_was_tampered_with_is_refused()
    {
        var forum = await NewForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum);
        using var preview = await PreviewAsync(secretariat, forum, Utf8(PeopleHeader + "\nt,,Tamper Test,,,,,\n"), null);
        var page = await PlenaryApp.ParseAsync(preview);
        var upload = page.QuerySelector("input[name=upload]")!;
        upload.SetAttribute("value", upload.GetAttribute("value")![..^4] + "AAAA");
        var before = await CountsAsync();

        using var answer = await PlenaryApp.SubmitMultipartFormAsync(secretariat, page, "form[action*='handler=Import']");

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Upload the files again");
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_preview_sealed_for_one_account_cannot_be_imported_by_another()
    {
        var forum = await NewForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum);
        using var other = await app.SecretariatOfAsync(forum);
        var page = await PlenaryApp.ParseAsync(await PreviewAsync(secretariat, forum, Utf8(PeopleHeader + "\nt,,Sealed For One,,,,,\n"), null));
        var token = (await PlenaryApp.ParseAsync(await other.GetAsync($"/{forum}/manage/import"))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        page.QuerySelector("form[action*='handler=Import'] input[name=__RequestVerificationToken]")!.SetAttribute("value", token);

        using var answer = await PlenaryApp.SubmitMultipartFormAsync(other, page, "form[action*='handler=Import']");

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.InDbAsync(db => db.People.AnyAsync(p => p.Name == "Sealed For One"))).ShouldBeFalse();
    }

    private Task<int> ForumIdAsync(string forum) => app.InDbAsync(db => db.Forums.Where(f => f.Slug == forum).Select(f => f.Id).SingleAsync());

    /// <summary>What an import of a forum leaves behind: its sessions, their roles and the forum's audit entries.</summary>
    private Task<(int Sessions, int Roles, int Audit)> ForumCountsAsync(int forumId) => app.InDbAsync(async db => (
        await db.Sessions.CountAsync(s => s.ForumId == forumId),
        await db.SessionRoles.CountAsync(r => db.Sessions.Any(s => s.Id == r.SessionId && s.ForumId == forumId)),
        await db.AuditLog.CountAsync(e => e.ForumId == forumId)));

    /// <summary>
    /// A rule only the database knows, made by the test on the sessions of its own forum: a trigger that refuses one
    /// title, so the write fails in the middle, after the rows before it went out. Returns its name, to drop it.
    /// </summary>
    private async Task<string> RefusedByTheDatabaseAsync(string title)
    {
        var name = $"refuse_{Guid.NewGuid():N}"[..20];
        // Names and title are the test's own (a GUID and a marker), never anyone's input.
        var sql = app.Provider == "PostgreSQL"
            ? $"""
                CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."Title" = '{title}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER {name} BEFORE INSERT ON "Sessions" FOR EACH ROW EXECUTE FUNCTION {name}();
                """
            : $"""CREATE TRIGGER {name} BEFORE INSERT ON "Sessions" WHEN NEW."Title" = '{title}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;""";
        await app.InDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
        return name;
    }

    private Task DropTriggerAsync(string name)
    {
        var sql = app.Provider == "PostgreSQL" ? $"""DROP TRIGGER {name} ON "Sessions"; DROP FUNCTION {name}();""" : $"DROP TRIGGER {name};";
        return app.InDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
    }

    private static async Task<HttpResponseMessage> ApiImportAsync(HttpClient api, string forum, byte[] people, byte[] sessions)
    {
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(people), "people", "people.csv" },
            { new ByteArrayContent(sessions), "sessions", "sessions.csv" },
        };
        return await api.PostAsync($"/api/forums/{forum}/import", content);
    }

    [Fact]
    public async Task A_database_error_in_the_middle_of_the_write_leaves_nothing_of_the_import_and_is_explained()
    {
        var forum = await NewForumAsync();
        var forumId = await ForumIdAsync(forum);
        using var secretariat = await app.SecretariatOfAsync(forum);
        var marker = Guid.NewGuid().ToString("N")[..8];
        await ImportAsync(secretariat, forum, null, Utf8($"type,number,title,format\nWS,1,Before {marker},Panel\n"));
        var before = await ForumCountsAsync(forumId);
        // A new person, a new organisation, an update, a new session with both, then the session the database refuses.
        var people = Utf8($"{PeopleHeader}\nk1,,Amina Diallo {marker},,University {marker},,,\n");
        var sessions = Utf8("type,number,title,format,organisers,speakers_onsite\n"
            + $"WS,1,After {marker},Panel,,\nWS,2,Added {marker},Panel,Organisation {marker},k1\nWS,3,Refused {marker},Panel,,k1\n");
        using var preview = await PreviewAsync(secretariat, forum, people, sessions);
        var page = await PlenaryApp.ParseAsync(preview);
        var trigger = await RefusedByTheDatabaseAsync($"Refused {marker}");
        try
        {
            using var imported = await PlenaryApp.SubmitMultipartFormAsync(secretariat, page, "form[action*='handler=Import']");
            imported.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await PlenaryApp.ParseAsync(imported)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("nothing was written");

            using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
            using var byApi = await ApiImportAsync(api, forum, people, sessions);
            byApi.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            byApi.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await byApi.Content.ReadAsStringAsync()).ShouldContain("nothing was written");
        }
        finally
        {
            await DropTriggerAsync(trigger);
        }

        (await ForumCountsAsync(forumId)).ShouldBe(before, "no session, role or audit entry of the import");
        (await app.InDbAsync(db => db.People.CountAsync(p => p.Name == $"Amina Diallo {marker}"))).ShouldBe(0);
        (await app.InDbAsync(db => db.Organisations.CountAsync(o => o.Name == $"Organisation {marker}"))).ShouldBe(0);
        (await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == forumId && s.Number == 1).Select(s => s.Title).SingleAsync())).ShouldBe($"Before {marker}");
    }

    [Fact]
    public async Task A_room_removed_between_preview_and_import_is_found_at_write_time_and_nothing_is_written()
    {
        var forum = await NewForumAsync();
        var forumId = await ForumIdAsync(forum);
        using var secretariat = await app.SecretariatOfAsync(forum);
        using var colleague = await app.SecretariatOfAsync(forum);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var people = Utf8($"{PeopleHeader}\nk,,Kwame Mensah {marker},,,,,\n");
        var sessions = Utf8($"type,number,title,format,day,start,room,speakers_onsite\nWS,7,In room two {marker},Panel,2026-06-24,10:00,Room 2,k\n");
        using var preview = await PreviewAsync(secretariat, forum, people, sessions);
        var page = await PlenaryApp.ParseAsync(preview);
        var before = await ForumCountsAsync(forumId);

        // Meanwhile another member of the Secretariat removes Room 2.
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(colleague));
        var room = await app.InDbAsync(db => db.Rooms.Where(r => r.ForumId == forumId && r.Name == "Room 2").Select(r => r.Id).SingleAsync());
        (await api.DeleteAsync($"/api/forums/{forum}/rooms/{room}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var afterRemoval = await ForumCountsAsync(forumId);

        using var imported = await PlenaryApp.SubmitMultipartFormAsync(secretariat, page, "form[action*='handler=Import']");
        imported.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(imported)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("This forum has no room called “Room 2”");
        (await ForumCountsAsync(forumId)).ShouldBe(afterRemoval, "only the colleague's removal was written");
        afterRemoval.Sessions.ShouldBe(before.Sessions);
        (await app.InDbAsync(db => db.People.CountAsync(p => p.Name == $"Kwame Mensah {marker}"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_number_taken_by_a_colleague_after_the_preview_is_refused_and_the_preview_shown_again_as_it_now_stands()
    {
        var forum = await NewForumAsync();
        var forumId = await ForumIdAsync(forum);
        using var secretariat = await app.SecretariatOfAsync(forum);
        using var colleague = await app.SecretariatOfAsync(forum);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var people = Utf8($"{PeopleHeader}\nk,,Li Wei {marker},,,,,\n");
        var mine = Utf8($"type,number,title,format,speakers_onsite\nWS,5,Mine {marker},Panel,k\n");
        using var preview = await PreviewAsync(secretariat, forum, people, mine);
        var page = await PlenaryApp.ParseAsync(preview);
        page.QuerySelectorAll("section[aria-labelledby=preview] tbody tr").Count(r => r.TextContent.Contains("New", StringComparison.Ordinal)).ShouldBe(2);

        // The colleague imports a WS #5 of their own first.
        await ImportAsync(colleague, forum, null, Utf8($"type,number,title,format\nWS,5,Theirs {marker},Panel\n"));
        var theirs = await ForumCountsAsync(forumId);

        using var refused = await PlenaryApp.SubmitMultipartFormAsync(secretariat, page, "form[action*='handler=Import']");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var again = await PlenaryApp.ParseAsync(refused);
        var alert = again.QuerySelector("[role=alert]")!.TextContent;
        alert.ShouldContain("changed since the preview");
        alert.ShouldContain("sessions.csv, row 2");
        alert.ShouldNotContain("people.csv", Case.Sensitive, "Li Wei is still added, as previewed");
        (await ForumCountsAsync(forumId)).ShouldBe(theirs, "nothing was written");
        (await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == forumId && s.Number == 5).Select(s => s.Title).SingleAsync())).ShouldBe($"Theirs {marker}");
        (await app.InDbAsync(db => db.People.CountAsync(p => p.Name == $"Li Wei {marker}"))).ShouldBe(0);

        // The preview as it now stands: an update of their session, which may then be imported knowingly.
        var row = again.QuerySelectorAll("section[aria-labelledby=preview] tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "WS #5");
        row.QuerySelectorAll("ul.diff li").Select(li => li.TextContent).ShouldContain($"title: Theirs {marker} → Mine {marker}");
        using var imported = await PlenaryApp.SubmitMultipartFormAsync(secretariat, again, "form[action*='handler=Import']");
        imported.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == forumId && s.Number == 5).Select(s => s.Title).SingleAsync())).ShouldBe($"Mine {marker}");
    }

    [Fact]
    public async Task The_preview_of_an_update_shows_each_changed_field_before_and_after_and_says_when_a_row_changes_nothing()
    {
        var forum = await NewForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum);
        await ImportAsync(secretariat, forum, null, Utf8("type,number,title,format,length_minutes,day,start,room,tags\n"
            + "WS,1,Community networks,Panel,60,2026-06-24,10:00,Room 1,connectivity\nWS,2,Left alone,Debate,60,,,,\n"));

        using var preview = await PreviewAsync(secretariat, forum, null, Utf8("type,number,title,format,length_minutes,day,start,room,tags\n"
            + "WS,1,Community networks,RoundTable,90,2026-06-24,11:00,Room 2,connectivity\nWS,2,Left alone,Debate,60,,,,\n"));
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await PlenaryApp.ParseAsync(preview)).QuerySelectorAll("section[aria-labelledby=preview] tbody tr").ToList();
        var updated = rows.Single(r => r.QuerySelector("th")!.TextContent == "WS #1");
        updated.QuerySelectorAll("td").Last().TextContent.ShouldStartWith("Updated");
        updated.QuerySelectorAll("ul.diff li").Select(li => li.TextContent).ShouldBe(
            ["format: Panel → RoundTable", "length_minutes: 60 → 90", "start: 10:00 → 11:00", "room: Room 1 → Room 2"]);
        var unchanged = rows.Single(r => r.QuerySelector("th")!.TextContent == "WS #2");
        unchanged.QuerySelectorAll("td").Last().TextContent.ShouldBe("No change");
        unchanged.QuerySelector("ul.diff").ShouldBeNull();
    }

    [Fact]
    public async Task After_an_import_into_a_released_timetable_the_page_says_the_new_sessions_wait_for_the_next_release()
    {
        var released = await NewForumAsync();
        var unreleased = await NewForumAsync();
        await app.ReleaseTimetableAsync(released);
        foreach (var forum in new[] { released, unreleased })
        {
            using var secretariat = await app.SecretariatOfAsync(forum);
            var done = await ImportAsync(secretariat, forum, null, Utf8("type,number,title,format\nWS,1,One,Panel\nWS,2,Two,Panel\n"));
            var note = done.QuerySelector("#after-import");
            if (forum == released)
            {
                note!.TextContent.ShouldContain("Sessions added: 2. The timetable has been released, and they stay unpublished until its next release.");
                note.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/{forum}/manage/timetable/releases");
            }
            else
            {
                note.ShouldBeNull("nothing is public before a first release, and no release is waited for");
            }
        }
    }

    [Theory]
    [InlineData("Birds of a Feather", "Other", "Birds of a Feather")]
    [InlineData("Round Table", "Other", "Round Table")]
    [InlineData("Fishbowl", "Other", "Fishbowl")]
    public async Task A_format_line_equal_to_a_formats_label_comes_back_from_its_export_as_it_was_recorded(string line, string format, string exported)
    {
        var forum = await NewForumAsync();
        var forumId = await ForumIdAsync(forum);
        using var secretariat = await app.SecretariatOfAsync(forum);
        // Recorded as a line over Other, as the session form keeps a line the Secretariat typed.
        await ImportAsync(secretariat, forum, null, Utf8("type,number,title,format\nWS,1,Recorded as written,Fishbowl\n"));
        await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == forumId).ExecuteUpdateAsync(u => u.SetProperty(s => s.FormatLine, line).SetProperty(s => s.Format, SessionFormat.Other)));

        var csv = await secretariat.GetByteArrayAsync($"/{forum}/manage/export/sessions.csv");
        Encoding.UTF8.GetString(csv).ShouldContain($",{exported},");
        using var preview = await PreviewAsync(secretariat, forum, null, csv);
        var page = await PlenaryApp.ParseAsync(preview);
        page.QuerySelector("section[aria-labelledby=preview] p[role=status]")!.TextContent.ShouldContain("nothing to import");
        var session = await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.ForumId == forumId));
        (session.FormatLine, session.Format.ToString()).ShouldBe((line, format));

        // A new row with the label keeps it as its line too; the format's own name is the format with no line.
        await ImportAsync(secretariat, forum, null, Utf8($"type,number,title,format\nWS,2,Given a label,{line}\nWS,3,Given a name,BirdsOfAFeather\n"));
        var added = await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == forumId && s.Number > 1).OrderBy(s => s.Number).Select(s => new { s.FormatLine, s.Format }).ToListAsync());
        added[0].FormatLine.ShouldBe(line);
        (added[1].FormatLine, added[1].Format).ShouldBe((null, SessionFormat.BirdsOfAFeather));
    }
}

[Collection("sqlite")]
public sealed class CsvImportOnSqlite(SqliteApp app) : CsvImportTests(app);

[Collection("postgres")]
public sealed class CsvImportOnPostgres(PostgresApp app) : CsvImportTests(app);
