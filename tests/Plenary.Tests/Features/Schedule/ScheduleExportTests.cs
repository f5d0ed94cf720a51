using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Schedule;

/// <summary>
/// The schedule exports read by real consumers: the XML against the c3voc XSD (.NET's validator), the JSON against the
/// c3voc JSON Schema (ajv) and the iCalendar feeds through ical.js, Mozilla's parser. A forum in Paris holds a session
/// across the night clocks go back (25 October 2026, 02:00 summer time to 04:00 winter time: three hours).
/// </summary>
public abstract partial class ScheduleExportTests(PlenaryApp app)
{
    private const string Paris = "paris2026";

    /// <summary>Mentions characters that each format must escape, and starts like a spreadsheet formula.</summary>
    private const string AwkwardTitle = "=HYPERLINK(\"x\"), données; back\\slash — a title long enough to be folded across several iCalendar lines";

    [Fact]
    public async Task Schedule_xml_is_valid_against_the_c3voc_xsd()
    {
        foreach (var forum in new[] { "igf2022", await ParisForumAsync() })
        {
            var xml = await TextAsync($"/{forum}/schedule.xml", "application/xml");
            if (forum == "igf2022")
            {
                // The demo links its sessions to SDGs, Compact objectives and WSIS action lines: validated here as links.
                xml.ShouldContain("/igf2022/frameworks/wsis/");
                xml.ShouldContain("/igf2022/sdgs/");
            }
            var schemas = new XmlSchemaSet();
            schemas.Add(null, Schema("schedule.xml.xsd"));
            var problems = new List<string>();
            XDocument.Parse(xml).Validate(schemas, (_, e) => problems.Add($"{e.Severity}: {e.Message}"));
            problems.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task The_xsd_validation_really_refuses_a_broken_schedule()
    {
        var xml = await TextAsync("/igf2022/schedule.xml", "application/xml");
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Schema("schedule.xml.xsd"));
        var problems = new List<string>();
        XDocument.Parse(xml.Replace("<duration>", "<duration>x", StringComparison.Ordinal)).Validate(schemas, (_, e) => problems.Add(e.Message));
        problems.ShouldContain(p => p.Contains("duration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schedule_json_is_valid_against_the_c3voc_json_schema()
    {
        foreach (var forum in new[] { "igf2022", await ParisForumAsync() })
        {
            var json = await TextAsync($"/{forum}/schedule.json", "application/json");
            if (forum == "igf2022")
            {
                json.ShouldContain("/igf2022/frameworks/gdc/");
            }
            var file = await SaveAsync(json, ".json");
            var (exit, output) = await NodeAsync("validate-schedule.mjs", Schema("schedule.schema.json"), file);
            (exit, output.Trim()).ShouldBe((0, "valid"));
        }
    }

    [Fact]
    public async Task The_json_validator_really_refuses_a_broken_schedule()
    {
        // Without this, a validator that accepted everything would pass the test above.
        var json = await TextAsync("/igf2022/schedule.json", "application/json");
        var broken = json.Replace("\"duration\": \"", "\"duration\": \"x", StringComparison.Ordinal);
        var (exit, output) = await NodeAsync("validate-schedule.mjs", Schema("schedule.schema.json"), await SaveAsync(broken, ".json"));
        exit.ShouldBe(1);
        output.ShouldContain("/duration must match pattern");
    }

    [Fact]
    public async Task The_pretalx_example_passes_the_same_json_validator()
    {
        var (exit, output) = await NodeAsync("validate-schedule.mjs", Schema("schedule.schema.json"), Schema("example-pretalx-democon.json"));
        (exit, output.Trim()).ShouldBe((0, "valid"));
    }

    [Fact]
    public async Task Forum_calendar_has_every_placed_session_at_its_instant_and_cancellations_marked()
    {
        // Five placed in two rooms from 09:00 Nairobi time (UTC+3) on 1 September 2026, the fifth cancelled; one not placed.
        var forum = await app.ForumOfItsOwnAsync("ics", rooms: 2, placed: 5, cancelled: 1, unplaced: 1, released: true);
        var events = await CalendarAsync($"/{forum.Slug}/schedule.ics");
        events.Select(e => e.GetProperty("uid").GetString()).Order().ShouldBe([.. Enumerable.Range(1, 5).Select(n => $"{forum.Slug}-ws-{n}@plenary")]);
        var ws3 = events.Single(e => e.GetProperty("uid").GetString() == $"{forum.Slug}-ws-3@plenary");
        // 10:00–11:00 in Nairobi.
        (ws3.GetProperty("start").GetString(), ws3.GetProperty("end").GetString()).ShouldBe(("2026-09-01T07:00:00.000Z", "2026-09-01T08:00:00.000Z"));
        ws3.GetProperty("summary").GetString().ShouldBe($"WS #3: Workshop 3 of {forum.Slug}");
        ws3.GetProperty("location").GetString().ShouldStartWith("Room 1, ");
        ws3.GetProperty("url").GetString().ShouldEndWith($"/{forum.Slug}/sessions/ws-3");
        ws3.GetProperty("status").GetString().ShouldBe("CONFIRMED");
        events.Where(e => e.GetProperty("status").GetString() == "CANCELLED").Select(e => e.GetProperty("uid").GetString()).ShouldBe([$"{forum.Slug}-ws-5@plenary"]);
    }

    [Fact]
    public async Task Room_and_session_calendars_hold_only_their_sessions()
    {
        var forum = await app.ForumOfItsOwnAsync("roomics", rooms: 2, placed: 5, released: true);
        var roomEvents = await CalendarAsync($"/{forum.Slug}/rooms/{forum.Rooms[0].Id}/schedule.ics");
        roomEvents.Select(e => e.GetProperty("uid").GetString()).Order().ShouldBe([$"{forum.Slug}-ws-1@plenary", $"{forum.Slug}-ws-3@plenary", $"{forum.Slug}-ws-5@plenary"]);
        roomEvents.ShouldAllBe(e => e.GetProperty("location").GetString()!.StartsWith("Room 1"));

        var one = await CalendarAsync($"/{forum.Slug}/sessions/ws-2/calendar.ics");
        one.Select(e => e.GetProperty("uid").GetString()).ShouldBe([$"{forum.Slug}-ws-2@plenary"]);
    }

    [Fact]
    public async Task A_session_outside_the_timetable_has_no_calendar_and_unknown_ones_are_not_found()
    {
        var forum = await app.ForumOfItsOwnAsync("noics", placed: 1, unplaced: 1, released: true);
        (await app.GetAsync($"/{forum.Slug}/sessions/ws-1/calendar.ics")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.GetAsync($"/{forum.Slug}/sessions/ws-2/calendar.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.GetAsync($"/{forum.Slug}/sessions/ws-99999/calendar.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.GetAsync("/no-such-forum/schedule.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.GetAsync($"/{forum.Slug}/rooms/999999/schedule.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var xml = await TextAsync($"/{forum.Slug}/schedule.xml", "application/xml");
        xml.ShouldContain(forum.Session(1).Title);
        xml.ShouldNotContain(forum.Session(2).Title);
    }

    [Fact]
    public async Task Calendar_lines_are_crlf_folded_at_75_octets_and_escaped()
    {
        var forum = await ParisForumAsync();
        using var response = await app.GetAsync($"/{forum}/schedule.ics");
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/calendar; charset=utf-8");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        text.Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain('\n');
        text.ShouldEndWith("END:VCALENDAR\r\n");
        foreach (var line in text.Split("\r\n"))
        {
            Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75, line);
        }
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal);
        unfolded.ShouldContain(@"SUMMARY:WS #2: =HYPERLINK(""x"")\, données\; back\\slash — a title long enough");
        // And a real parser reads the same title back.
        var events = await CalendarAsync($"/{forum}/schedule.ics");
        events.Single(e => e.GetProperty("uid").GetString() == $"{forum}-ws-2@plenary").GetProperty("summary").GetString().ShouldBe($"WS #2: {AwkwardTitle}");
    }

    [Fact]
    public async Task A_session_across_the_clock_change_shows_the_right_times_everywhere()
    {
        var forum = await ParisForumAsync();

        // Pages: forum time, with the summer offset at the start.
        var (_, programme) = await app.GetPageAsync($"/{forum}/programme");
        var entry = programme.QuerySelectorAll("ol.sessions > li").Single(li => li.QuerySelector("h3 a")!.GetAttribute("href") == $"/{forum}/sessions/ws-1");
        entry.QuerySelector("p.t")!.TextContent.ShouldStartWith("02:00–04:00 · Salle Rhône");
        var (_, session) = await app.GetPageAsync($"/{forum}/sessions/ws-1");
        var time = session.QuerySelector("dl.facts dd")!.TextContent;
        time.ShouldContain("Sunday 25 October 2026, 02:00–04:00 Europe/Paris (UTC+2)");
        time.ShouldContain("00:00–03:00 UTC");

        // iCalendar: the instants, three hours apart.
        var ics = (await CalendarAsync($"/{forum}/schedule.ics")).Single(e => e.GetProperty("uid").GetString() == $"{forum}-ws-1@plenary");
        (ics.GetProperty("start").GetString(), ics.GetProperty("end").GetString()).ShouldBe(("2026-10-25T00:00:00.000Z", "2026-10-25T03:00:00.000Z"));

        // c3voc JSON: wall-clock time with the offset in force, and the elapsed duration.
        var json = JsonDocument.Parse(await TextAsync($"/{forum}/schedule.json", "application/json")).RootElement.GetProperty("schedule").GetProperty("conference");
        json.GetProperty("time_zone_name").GetString().ShouldBe("Europe/Paris");
        var sunday = json.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == "2026-10-25");
        (sunday.GetProperty("day_start").GetString(), sunday.GetProperty("day_end").GetString()).ShouldBe(("2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"));
        var night = sunday.GetProperty("rooms").GetProperty("Salle Rhône").EnumerateArray().Single(e => e.GetProperty("subtitle").GetString() == "WS #1");
        (night.GetProperty("date").GetString(), night.GetProperty("start").GetString(), night.GetProperty("end").GetString(), night.GetProperty("duration").GetString())
            .ShouldBe(("2026-10-25T02:00:00+02:00", "02:00", "2026-10-25T04:00:00+01:00", "03:00"));

        // c3voc XML: the same.
        var xml = XDocument.Parse(await TextAsync($"/{forum}/schedule.xml", "application/xml"));
        var xmlEvent = xml.Descendants("event").Single(e => e.Element("subtitle")!.Value == "WS #1");
        (xmlEvent.Element("date")!.Value, xmlEvent.Element("start")!.Value, xmlEvent.Element("duration")!.Value).ShouldBe(("2026-10-25T02:00:00+02:00", "02:00", "03:00"));
        xmlEvent.Ancestors("day").Single().Attribute("date")!.Value.ShouldBe("2026-10-25");

        // CSV: local date and times, and both ISO instants with their offsets.
        var rows = await CsvAsync($"/{forum}/schedule.csv");
        var row = rows.Single(r => r[0] == "WS #1");
        row[4..10].ShouldBe(["2026-10-25", "02:00", "04:00", "2026-10-25T02:00:00+02:00", "2026-10-25T04:00:00+01:00", "Europe/Paris"]);
    }

    [Fact]
    public async Task Csv_has_a_bom_and_neutralises_formulas()
    {
        var forum = await ParisForumAsync();
        using var response = await app.GetAsync($"/{forum}/schedule.csv");
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/csv; charset=utf-8");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var rows = await CsvAsync($"/{forum}/schedule.csv");
        rows[0][0].ShouldBe("Session");
        var cancelled = rows.Single(r => r[0] == "WS #2");
        cancelled[1].ShouldBe("'" + AwkwardTitle);
        cancelled[11].ShouldBe("Cancelled");
        rows.ShouldNotContain(r => r[0] == "WS #3", "an unplaced session is not in the timetable");
    }

    [Fact]
    public async Task Cancelled_session_is_cancelled_in_every_export()
    {
        var forum = await ParisForumAsync();
        var ics = (await CalendarAsync($"/{forum}/schedule.ics")).Single(e => e.GetProperty("uid").GetString() == $"{forum}-ws-2@plenary");
        ics.GetProperty("status").GetString().ShouldBe("CANCELLED");
        var xml = XDocument.Parse(await TextAsync($"/{forum}/schedule.xml", "application/xml"));
        xml.Descendants("event").Single(e => e.Element("subtitle")!.Value == "WS #2").Element("title")!.Value.ShouldStartWith("Cancelled: ");
        (await CalendarAsync($"/{forum}/schedule.ics")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Moving_a_session_bumps_its_calendar_sequence()
    {
        var forum = await app.ForumOfItsOwnAsync("seq", unplaced: 1);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var session = forum.Session(1);
        var form = new Dictionary<string, string>
        {
            ["Form.Title"] = "Sequence check", ["Form.Format"] = "Panel", ["Form.Layout"] = "Auditorium", ["Form.LengthMinutes"] = "30",
            ["Form.Status"] = "Scheduled", ["Form.Day"] = "2026-09-01", ["Form.Start"] = "23:00", ["Form.RoomId"] = forum.Rooms[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var url = $"/{forum.Slug}/sessions/{session.Key}/edit";
        (await PlenaryApp.SubmitFormAsync(secretariat, url, form, $"{url}?handler=Save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Calendars follow the released timetable.
        await app.ReleaseTimetableAsync(forum.Slug);
        var first = (await CalendarAsync($"/{forum.Slug}/sessions/{session.Key}/calendar.ics")).Single().GetProperty("sequence").GetInt32();

        form["Form.Start"] = "23:30";
        (await PlenaryApp.SubmitFormAsync(secretariat, url, form, $"{url}?handler=Save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await app.ReleaseTimetableAsync(forum.Slug);
        var moved = (await CalendarAsync($"/{forum.Slug}/sessions/{session.Key}/calendar.ics")).Single();
        moved.GetProperty("sequence").GetInt32().ShouldBe(first + 1);
        // 23:30 in Nairobi (UTC+3).
        moved.GetProperty("start").GetString().ShouldBe("2026-09-01T20:30:00.000Z");
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).ScheduleSequence.ShouldBe(first + 1);

        // Saving without a change leaves the calendar's copy as it is.
        (await PlenaryApp.SubmitFormAsync(secretariat, url, form, $"{url}?handler=Save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).ScheduleSequence.ShouldBe(first + 1);
    }

    [Fact]
    public async Task No_export_carries_an_email_address_or_a_private_field()
    {
        var forum = await ParisForumAsync();
        var emails = await app.InDbAsync(db => db.Users.Where(a => a.Email != null).Select(a => a.Email!).ToListAsync());
        emails.ShouldContain("night.speaker@example.org");
        var emailShape = EmailShape();
        foreach (var slug in new[] { "igf2022", forum })
        {
            foreach (var path in new[] { "schedule.ics", "schedule.xml", "schedule.json", "schedule.csv", "sessions/ws-1/calendar.ics" })
            {
                using var response = await app.GetAsync($"/{slug}/{path}");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    continue;
                }
                var text = await response.Content.ReadAsStringAsync();
                foreach (var email in emails)
                {
                    text.ShouldNotContain(email, Case.Insensitive, $"{slug}/{path}");
                }
                emailShape.Matches(text).Select(m => m.Value).ShouldBeEmpty($"{slug}/{path}");
                // Gender is published only in aggregate, never per person.
                text.ShouldNotContain("NonBinary", Case.Insensitive);
            }
        }
        var paris = await TextAsync($"/{forum}/schedule.json", "application/json");
        paris.ShouldContain("Night Speaker");
    }

    [Fact]
    public async Task Programme_links_every_export()
    {
        var (_, page) = await app.GetPageAsync("/igf2022/programme");
        var links = page.QuerySelectorAll("p.exports a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldBe(["/igf2022/schedule.ics", "/igf2022/schedule.csv", "/igf2022/schedule.xml", "/igf2022/schedule.json"]);
        var (_, fr) = await app.GetPageAsync("/igf2022/programme", "fr");
        fr.QuerySelector("p.exports")!.TextContent.ShouldContain("agenda (iCalendar)");
        var (_, session) = await app.GetPageAsync("/igf2022/sessions/of-56");
        session.QuerySelector("a[href='/igf2022/sessions/of-56/calendar.ics']").ShouldNotBeNull();
        var room = await app.InDbAsync(db => db.Sessions.Where(s => s.Forum.Slug == "igf2022" && s.Type.Code == "OF" && s.Number == 56).Select(s => s.RoomId!.Value).SingleAsync());
        var (_, roomPage) = await app.GetPageAsync($"/igf2022/rooms/{room}");
        roomPage.QuerySelector($"a[href='/igf2022/rooms/{room}/schedule.ics']").ShouldNotBeNull();
        // A session released but not placed in the timetable has its page, and no calendar on it.
        var forum = await app.ForumOfItsOwnAsync("links", unplaced: 1, released: true);
        var (status, unplacedPage) = await app.GetPageAsync($"/{forum.Slug}/sessions/ws-1");
        status.ShouldBe(HttpStatusCode.OK);
        unplacedPage.QuerySelector("h1")!.TextContent.ShouldContain(forum.Session(1).Title);
        unplacedPage.QuerySelector("a[href$='calendar.ics']").ShouldBeNull();
    }

    [Fact]
    public async Task Exports_are_served_from_the_public_cache()
    {
        using var first = await app.GetAsync("/igf2022/schedule.ics");
        using var second = await app.GetAsync("/igf2022/schedule.ics");
        // The DTSTAMP is the moment of writing: the same bytes twice means the second answer came from the cache.
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        second.Headers.Age.ShouldNotBeNull();
    }

    // ---- helpers ----

    private async Task<string> TextAsync(string url, string mediaType)
    {
        using var response = await app.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<List<JsonElement>> CalendarAsync(string url)
    {
        var file = await SaveAsync(await TextAsync(url, "text/calendar"), ".ics");
        var (exit, output) = await NodeAsync("parse-ics.mjs", file);
        exit.ShouldBe(0, output);
        return JsonDocument.Parse(output).RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private async Task<List<string[]>> CsvAsync(string url)
    {
        using var response = await app.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return ParseCsv(await response.Content.ReadAsStringAsync());
    }

    /// <summary>RFC 4180, as a spreadsheet reads it: quoted cells may hold commas, quotes and line breaks.</summary>
    internal static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); }
            else { cell.Append(c); }
        }
        return rows;
    }

    private static string Schema(string name) => Path.Combine(AppContext.BaseDirectory, "Features", "Schedule", "Schemas", name);

    // The exports the Node tools read by path, in one folder for the test run, removed when the run ends: written
    // straight into the temporary folder, every run left hundreds behind.
    private static readonly Lazy<string> Exports = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("plenary-exports-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open at exit: the folder stays, one per run at most.
            }
        };
        return folder;
    });

    internal static async Task<string> SaveAsync(string text, string extension)
    {
        var file = Path.Combine(Exports.Value, $"{Guid.NewGuid():N}{extension}");
        await File.WriteAllTextAsync(file, text, new UTF8Encoding(false));
        return file;
    }

    internal static string ToolsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Plenary.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "js");
            }
        }
        throw new InvalidOperationException("The repository root (Plenary.slnx) is not above the test binaries.");
    }

    private static readonly SemaphoreSlim ToolsGate = new(1, 1);

    /// <summary>Runs one of the Node tools of tests/js; installs their locked packages first when scripts/test.sh has not.</summary>
    internal static async Task<(int Exit, string Output)> NodeAsync(string script, params string[] arguments)
    {
        var tools = ToolsFolder();
        await ToolsGate.WaitAsync();
        try
        {
            // Every package the lock names, not one: a node_modules installed before a tool was added lacks that tool.
            var packages = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(tools, "package.json"))).RootElement.GetProperty("dependencies").EnumerateObject();
            if (packages.Any(p => !File.Exists(Path.Combine(tools, "node_modules", p.Name, "package.json"))))
            {
                var (exit, output) = await RunAsync("npm", tools, "ci", "--no-audit", "--no-fund");
                exit.ShouldBe(0, $"npm ci in tests/js failed (Node.js and npm are needed; scripts/test.sh installs them): {output}");
            }
        }
        finally
        {
            ToolsGate.Release();
        }
        return await RunAsync("node", tools, [Path.Combine(tools, script), .. arguments]);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static readonly SemaphoreSlim ForumGate = new(1, 1);

    /// <summary>
    /// A forum in Paris, made once per database: WS #1 from 02:00 summer time to 04:00 winter time on the night clocks
    /// go back; WS #2 cancelled, with an awkward title; WS #3 not placed. Its speaker has an account (an e-mail address).
    /// </summary>
    private async Task<string> ParisForumAsync()
    {
        await ForumGate.WaitAsync();
        try
        {
            await app.InDbAsync(async db =>
            {
                if (await db.Forums.AnyAsync(f => f.Slug == Paris))
                {
                    return;
                }
                var forum = new Forum
                {
                    Slug = Paris, Name = "Paris forum 2026", Year = 2026, HostCity = "Paris", Venue = "Palais des congrès", TimeZoneId = "Europe/Paris",
                    FirstDay = new DateOnly(2026, 10, 24), LastDay = new DateOnly(2026, 10, 26), Theme = "Clocks", Languages = ["fr", "en"],
                };
                db.Forums.Add(forum);
                await db.SaveChangesAsync();
                var type = new SessionType { ForumId = forum.Id, Code = "WS", Name = "Workshop", NumberLabel = "WS", DefaultLengthMinutes = 90, Position = 1 };
                var room = new Room { ForumId = forum.Id, Name = "Salle Rhône", Layout = RoomLayout.Theater, Capacity = 80, Position = 1 };
                var speaker = new Person { Name = "Night Speaker", Affiliation = "Observatoire", Gender = Gender.NonBinaryOrGenderDiverse };
                db.AddRange(type, room, speaker);
                await db.SaveChangesAsync();
                var night = new Session
                {
                    ForumId = forum.Id, TypeId = type.Id, Number = 1, Title = "Night across the clock change", LengthMinutes = 180,
                    StartsAt = new DateTime(2026, 10, 25, 0, 0, 0, DateTimeKind.Utc), EndsAt = new DateTime(2026, 10, 25, 3, 0, 0, DateTimeKind.Utc), RoomId = room.Id,
                    Description = "What happens to a timetable when **clocks go back**.",
                };
                var cancelled = new Session
                {
                    ForumId = forum.Id, TypeId = type.Id, Number = 2, Title = AwkwardTitle, LengthMinutes = 60, Status = SessionStatus.Cancelled,
                    StartsAt = new DateTime(2026, 10, 24, 8, 0, 0, DateTimeKind.Utc), EndsAt = new DateTime(2026, 10, 24, 9, 0, 0, DateTimeKind.Utc), RoomId = room.Id,
                };
                var unplaced = new Session { ForumId = forum.Id, TypeId = type.Id, Number = 3, Title = "Waiting for a slot", LengthMinutes = 60 };
                db.Sessions.AddRange(night, cancelled, unplaced);
                await db.SaveChangesAsync();
                db.SessionRoles.Add(new SessionRole { SessionId = night.Id, PersonId = speaker.Id, Kind = SessionRoleKind.Speaker, Mode = ParticipationMode.Online, Position = 1 });
                await db.SaveChangesAsync();
            });
            if (!await app.InDbAsync(db => db.Users.AnyAsync(a => a.Email == "night.speaker@example.org")))
            {
                // The speaker claims their listing, as an invitation would make it: their account now has an e-mail address on the session.
                var speaker = await app.InDbAsync(db => db.People.Where(p => p.Name == "Night Speaker").Select(p => p.Id).SingleAsync());
                using var visitor = await app.SignedInVisitorAsync("night.speaker@example.org",
                    (db, id) => db.Users.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.PersonId, speaker)));
            }
            await app.EvictPublicCacheAsync();
            return Paris;
        }
        finally
        {
            ForumGate.Release();
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")]
    private static partial Regex EmailShape();
}

[Collection("sqlite")]
public sealed class ScheduleExportsOnSqlite(SqliteApp app) : ScheduleExportTests(app);

[Collection("postgres")]
public sealed class ScheduleExportsOnPostgres(PostgresApp app) : ScheduleExportTests(app);
