using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Frameworks;
using Plenary.Features.Sessions;
using Plenary.Tests.Features.Schedule;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Frameworks;

/// <summary>
/// A session's Global Digital Compact objectives and WSIS action lines travel wherever its SDGs do: sessions.csv out and
/// back in, the timetable CSV, the iCalendar feeds and the c3voc schedules (still valid against their real schemas).
/// A forum that does not use a framework gets nothing of it, even from links kept from when it did.
/// </summary>
public abstract class FrameworkExportTests(PlenaryApp app)
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A forum of its own with two placed sessions, released; WS #1 linked to SDGs 9 and 17, GDC 3 and 1, WSIS C10 and C3.</summary>
    private async Task<OwnForum> LinkedForumAsync(string prefix, bool usesFrameworks)
    {
        var forum = await app.ForumOfItsOwnAsync(prefix, placed: 2, released: true, shape: f => (f.UsesGdc, f.UsesWsis) = (usesFrameworks, usesFrameworks));
        var session = forum.Session(1).Id;
        await app.InDbAsync(async db =>
        {
            db.SessionSdgs.AddRange(new SessionSdg { SessionId = session, Goal = 17 }, new SessionSdg { SessionId = session, Goal = 9 });
            // Stored out of order: every export writes a framework's own order, C3 before C10.
            db.SessionFrameworkLinks.AddRange(
                new SessionFrameworkLink { SessionId = session, Framework = Framework.Wsis, Code = "C10" },
                new SessionFrameworkLink { SessionId = session, Framework = Framework.Gdc, Code = "3" },
                new SessionFrameworkLink { SessionId = session, Framework = Framework.Wsis, Code = "C3" },
                new SessionFrameworkLink { SessionId = session, Framework = Framework.Gdc, Code = "1" });
            await db.SaveChangesAsync();
        });
        await app.EvictPublicCacheAsync();
        return forum;
    }

    [Fact]
    public async Task Sessions_csv_export_writes_the_codes_of_the_frameworks_the_forum_uses_and_imports_back_unchanged()
    {
        var forum = await LinkedForumAsync("fwcsv", usesFrameworks: true);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var exported = await secretariat.GetByteArrayAsync($"/{forum.Slug}/manage/export/sessions.csv");
        var rows = Csv(exported);
        var header = rows[0];
        header.ShouldContain("gdc_objectives");
        header.ShouldContain("wsis_action_lines");
        var ws1 = rows.Single(r => r[0] == "WS" && r[1] == "1");
        (ws1[Array.IndexOf(header, "gdc_objectives")], ws1[Array.IndexOf(header, "wsis_action_lines")], ws1[Array.IndexOf(header, "sdgs")]).ShouldBe(("1;3", "C3;C10", "9;17"));
        var ws2 = rows.Single(r => r[0] == "WS" && r[1] == "2");
        (ws2[Array.IndexOf(header, "gdc_objectives")], ws2[Array.IndexOf(header, "wsis_action_lines")]).ShouldBe(("", ""));

        // Its own export changes nothing.
        var page = await PreviewPageAsync(secretariat, forum.Slug, exported, HttpStatusCode.OK);
        page.ShouldContain("sessions.csv: 0 new, 0 updated, 2 unchanged");

        // Codes in any case and order, in a new session and over WS #2; the empty cells of WS #1 remove its links. The
        // columns left out leave the rest of each session as it is.
        var file = Utf8("type,number,title,format,gdc_objectives,wsis_action_lines\n"
            + $"WS,1,{forum.Session(1).Title},Panel,,\nWS,2,{forum.Session(2).Title},Panel,5,c11; c2\nWS,7,Community networks,Panel,2;1,C7\n");
        using (var preview = await PlenaryApp.UploadAsync(secretariat, $"/{forum.Slug}/manage/import", $"/{forum.Slug}/manage/import?handler=Preview",
            new Dictionary<string, (string, byte[])> { ["sessions"] = ("sessions.csv", file) }))
        {
            var diff = (await PlenaryApp.ParseAsync(preview)).QuerySelectorAll("section[aria-labelledby=preview] tbody tr")
                .Single(r => r.QuerySelector("th")!.TextContent == "WS #1").QuerySelectorAll("ul.diff li").Select(li => li.TextContent).ToList();
            diff.ShouldContain(d => d.StartsWith("gdc_objectives: 1;3 → ", StringComparison.Ordinal));
            diff.ShouldContain(d => d.StartsWith("wsis_action_lines: C3;C10 → ", StringComparison.Ordinal));
        }
        var imported = await ImportAsync(secretariat, forum.Slug, file);
        imported.ShouldContain("1 sessions added");

        var links = await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == forum.Id)
            .Select(s => new { s.Number, Links = s.FrameworkLinks.Select(l => l.Framework.ToString() + " " + l.Code).ToList() }).ToListAsync());
        links.Single(s => s.Number == 1).Links.ShouldBeEmpty();
        links.Single(s => s.Number == 2).Links.Order().ShouldBe(["Gdc 5", "Wsis C11", "Wsis C2"]);
        links.Single(s => s.Number == 7).Links.Order().ShouldBe(["Gdc 1", "Gdc 2", "Wsis C7"]);

        var again = Csv(await secretariat.GetByteArrayAsync($"/{forum.Slug}/manage/export/sessions.csv"));
        var ws2Again = again.Single(r => r[0] == "WS" && r[1] == "2");
        (ws2Again[Array.IndexOf(again[0], "gdc_objectives")], ws2Again[Array.IndexOf(again[0], "wsis_action_lines")]).ShouldBe(("5", "C2;C11"));
    }

    [Fact]
    public async Task A_forum_without_the_frameworks_exports_no_column_of_them_and_keeps_its_hidden_links_through_an_import()
    {
        var forum = await LinkedForumAsync("fwnone", usesFrameworks: false);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var exported = await secretariat.GetByteArrayAsync($"/{forum.Slug}/manage/export/sessions.csv");
        var header = Csv(exported)[0];
        header.ShouldNotContain("gdc_objectives");
        header.ShouldNotContain("wsis_action_lines");
        Encoding.UTF8.GetString(exported).ShouldNotContain("C10");

        // A file from a forum that uses them, its framework cells empty, is read; the links kept from before stay.
        var file = Utf8("type,number,title,format,gdc_objectives,wsis_action_lines\n" + $"WS,1,{forum.Session(1).Title} (renamed),Panel,,\n");
        (await ImportAsync(secretariat, forum.Slug, file)).ShouldContain("0 sessions added and 1 updated");
        (await app.InDbAsync(db => db.SessionFrameworkLinks.CountAsync(l => l.SessionId == forum.Session(1).Id))).ShouldBe(4);
    }

    public static readonly TheoryData<bool, string, string> BadCodes = new()
    {
        { true, "gdc_objectives,wsis_action_lines\nWS,1,Bad codes,Panel,3,C12", "sessions.csv, row 2, column “wsis_action_lines”: “C12” is not in the WSIS action lines. Use one of: C1, C2," },
        { true, "gdc_objectives,wsis_action_lines\nWS,1,Good codes,Panel,1,C1\nWS,2,Bad codes,Panel,6,", "sessions.csv, row 3, column “gdc_objectives”: “6” is not in the Global Digital Compact. Use one of: 1, 2, 3, 4, 5." },
        { false, "gdc_objectives\nWS,1,Unused framework,Panel,2", "sessions.csv, row 2, column “gdc_objectives”: This forum does not link its sessions to the Global Digital Compact." },
    };

    [Theory]
    [MemberData(nameof(BadCodes))]
    public async Task An_unknown_code_or_one_of_a_framework_the_forum_does_not_use_is_a_problem_of_its_row_and_nothing_is_imported(bool usesFrameworks, string file, string message)
    {
        var forum = await app.ForumOfItsOwnAsync("fwbad", shape: f => (f.UsesGdc, f.UsesWsis) = (usesFrameworks, usesFrameworks));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var sessions = Utf8("type,number,title,format," + file + "\n");

        var page = await PreviewPageAsync(secretariat, forum.Slug, sessions, HttpStatusCode.BadRequest);
        page.ShouldContain(message);
        page.ShouldContain("Nothing was imported");

        // The API answers the same problem, as problem details.
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        using var content = new MultipartFormDataContent { { new ByteArrayContent(sessions), "sessions", "sessions.csv" } };
        using var answer = await api.PostAsync($"/api/forums/{forum.Slug}/import", content);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await answer.Content.ReadAsStringAsync()).ShouldContain(message.Split(": ", 2)[1][..20]);

        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.ForumId == forum.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task The_timetable_csv_calendar_and_c3voc_schedules_carry_the_codes_and_still_validate()
    {
        var forum = await LinkedForumAsync("fwsched", usesFrameworks: true);

        var csv = Csv(await app.Client.GetByteArrayAsync($"/{forum.Slug}/schedule.csv"));
        csv[0][^3..].ShouldBe(["SDGs", "GDC objectives", "WSIS action lines"]);
        csv.Single(r => r[0] == "WS #1")[^3..].ShouldBe(["9;17", "1;3", "C3;C10"]);
        csv.Single(r => r[0] == "WS #2")[^3..].ShouldBe(["", "", ""]);

        var events = await CalendarAsync($"/{forum.Slug}/schedule.ics");
        events.Single(e => e.GetProperty("uid").GetString() == $"{forum.Slug}-ws-1@plenary").GetProperty("categories").EnumerateArray().Select(c => c.GetString())
            .ShouldBe(["Workshop", "SDG 9", "SDG 17", "GDC 1", "GDC 3", "WSIS C3", "WSIS C10"]);
        (await CalendarAsync($"/{forum.Slug}/sessions/ws-1/calendar.ics")).Single().GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldContain("WSIS C10");

        var xml = await ValidXmlAsync(forum.Slug);
        var linksXml = xml.Descendants("event").Single(e => e.Element("subtitle")!.Value == "WS #1").Element("links")!.Elements("link").ToList();
        linksXml.Select(l => l.Value).ShouldBe(["SDG 9", "SDG 17", "GDC 1", "GDC 3", "WSIS C3", "WSIS C10"]);
        linksXml.ShouldAllBe(l => (string?)l.Attribute("type") == "related");
        ((string)linksXml[^1].Attribute("href")!).ShouldEndWith($"/{forum.Slug}/frameworks/wsis/C10");
        ((string)linksXml[0].Attribute("href")!).ShouldEndWith($"/{forum.Slug}/sdgs/9");

        var json = await ValidJsonAsync(forum.Slug);
        var ws1 = json.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days").EnumerateArray()
            .SelectMany(d => d.GetProperty("rooms").EnumerateObject().SelectMany(r => r.Value.EnumerateArray()))
            .Single(e => e.GetProperty("subtitle").GetString() == "WS #1");
        ws1.GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("title").GetString(), l.GetProperty("type").GetString())).ShouldBe(
            [("SDG 9", "related"), ("SDG 17", "related"), ("GDC 1", "related"), ("GDC 3", "related"), ("WSIS C3", "related"), ("WSIS C10", "related")]);
        ws1.GetProperty("links")[4].GetProperty("url").GetString()!.ShouldEndWith($"/{forum.Slug}/frameworks/wsis/C3");
    }

    [Fact]
    public async Task The_schedule_exports_of_a_forum_without_the_frameworks_carry_its_sdgs_and_no_code_of_them()
    {
        var forum = await LinkedForumAsync("fwschednone", usesFrameworks: false);

        var csv = Csv(await app.Client.GetByteArrayAsync($"/{forum.Slug}/schedule.csv"));
        csv[0][^1].ShouldBe("SDGs");
        csv.Single(r => r[0] == "WS #1")[^1].ShouldBe("9;17");

        var events = await CalendarAsync($"/{forum.Slug}/schedule.ics");
        events.Single(e => e.GetProperty("uid").GetString() == $"{forum.Slug}-ws-1@plenary").GetProperty("categories").EnumerateArray().Select(c => c.GetString())
            .ShouldBe(["Workshop", "SDG 9", "SDG 17"]);

        (await ValidXmlAsync(forum.Slug)).Descendants("link").Select(l => l.Value).ShouldBe(["SDG 9", "SDG 17"]);
        var json = await ValidJsonAsync(forum.Slug);
        json.RootElement.GetRawText().ShouldNotContain("GDC");
        json.RootElement.GetRawText().ShouldNotContain("WSIS");
        json.RootElement.GetRawText().ShouldNotContain("/frameworks/");
    }

    [Fact]
    public async Task A_record_section_cannot_take_the_name_of_a_framework_column_even_in_a_forum_without_the_framework()
    {
        // The import reads the framework columns in every forum, so a section named like one would be read twice.
        var forum = await app.ForumOfItsOwnAsync("fwsect");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var url = $"/{forum.Slug}/manage/sections";
        using var reserved = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["Id"] = "0", ["Title"] = "WSIS action lines" }, url + "?handler=Save");
        reserved.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(reserved)).QuerySelector("#slug ~ .err")!.TextContent.ShouldBe("“wsis_action_lines” is already a column of sessions.csv. Choose another short name.");
    }

    // ---- helpers ----

    private static async Task<string> PreviewPageAsync(HttpClient secretariat, string forum, byte[] sessions, HttpStatusCode expected)
    {
        using var preview = await PlenaryApp.UploadAsync(secretariat, $"/{forum}/manage/import", $"/{forum}/manage/import?handler=Preview",
            new Dictionary<string, (string, byte[])> { ["sessions"] = ("sessions.csv", sessions) });
        var page = await PlenaryApp.ParseAsync(preview);
        preview.StatusCode.ShouldBe(expected, page.QuerySelector("[role=alert]")?.TextContent);
        return page.Body!.TextContent;
    }

    /// <summary>Previews and imports; returns the text of the page shown afterwards.</summary>
    private static async Task<string> ImportAsync(HttpClient secretariat, string forum, byte[] sessions)
    {
        using var preview = await PlenaryApp.UploadAsync(secretariat, $"/{forum}/manage/import", $"/{forum}/manage/import?handler=Preview",
            new Dictionary<string, (string, byte[])> { ["sessions"] = ("sessions.csv", sessions) });
        var page = await PlenaryApp.ParseAsync(preview);
        preview.StatusCode.ShouldBe(HttpStatusCode.OK, page.QuerySelector("[role=alert]")?.TextContent);
        using var imported = await PlenaryApp.SubmitMultipartFormAsync(secretariat, page, "form[action*='handler=Import']");
        imported.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (await PlenaryApp.ParseAsync(await secretariat.GetAsync(imported.Headers.Location!.OriginalString))).Body!.TextContent;
    }

    private async Task<XDocument> ValidXmlAsync(string forum)
    {
        var xml = XDocument.Parse(await app.Client.GetStringAsync($"/{forum}/schedule.xml"));
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Schema("schedule.xml.xsd"));
        var problems = new List<string>();
        xml.Validate(schemas, (_, e) => problems.Add($"{e.Severity}: {e.Message}"));
        problems.ShouldBeEmpty();
        return xml;
    }

    private async Task<JsonDocument> ValidJsonAsync(string forum)
    {
        var text = await app.Client.GetStringAsync($"/{forum}/schedule.json");
        var (exit, output) = await ScheduleExportTests.NodeAsync("validate-schedule.mjs", Schema("schedule.schema.json"), await ScheduleExportTests.SaveAsync(text, ".json"));
        (exit, output.Trim()).ShouldBe((0, "valid"));
        return JsonDocument.Parse(text);
    }

    private async Task<List<JsonElement>> CalendarAsync(string url)
    {
        var file = await ScheduleExportTests.SaveAsync(await app.Client.GetStringAsync(url), ".ics");
        var (exit, output) = await ScheduleExportTests.NodeAsync("parse-ics.mjs", file);
        exit.ShouldBe(0, output);
        return JsonDocument.Parse(output).RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static string Schema(string name) => Path.Combine(AppContext.BaseDirectory, "Features", "Schedule", "Schemas", name);

    /// <summary>The file as a spreadsheet reads it, its byte-order mark dropped.</summary>
    private static List<string[]> Csv(byte[] bytes) => Schedule.ScheduleExportTests.ParseCsv(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
}

[Collection("sqlite")]
public sealed class FrameworkExportsOnSqlite(SqliteApp app) : FrameworkExportTests(app);

[Collection("postgres")]
public sealed class FrameworkExportsOnPostgres(PostgresApp app) : FrameworkExportTests(app);
