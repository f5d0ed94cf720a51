using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Features.Timetable;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Timetable;

/// <summary>The Secretariat's timetable pages: warnings and grid, moves refused by blocking rules, settings, availability, the scheduler's diff and apply.</summary>
public abstract class TimetablePagesTests(PlenaryApp app)
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> MoveAsync(HttpClient visitor, string forum, int session, string day, string start, int? room, string expected = "") =>
        PlenaryApp.SubmitFormAsync(visitor, $"/{forum}/manage/timetable",
            new Dictionary<string, string> { ["day"] = day, ["start"] = start, ["room"] = room is { } r ? Id(r) : "", ["expected"] = expected },
            $"/{forum}/manage/timetable?handler=Move&session={session}");

    [Fact]
    public async Task The_timetable_shows_the_grid_and_links_warnings_to_the_session_edit_page()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync("/igf2022/manage/timetable"));
        page.QuerySelectorAll("table.timetable").Length.ShouldBeGreaterThan(0);
        page.QuerySelector("a[href='/igf2022/sessions/of-56/edit']").ShouldNotBeNull();
        page.QuerySelectorAll("form.move").Length.ShouldBeGreaterThan(50);
    }

    [Fact]
    public async Task A_move_into_an_occupied_room_is_refused_with_the_rule_and_a_free_move_lands_audited()
    {
        // WS #1 in Room 1 at 09:00 Nairobi time (UTC+3 all year) on 1 September 2026; WS #2 not placed.
        var forum = await app.ForumOfItsOwnAsync("move", placed: 1, unplaced: 1);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var session = forum.Session(2);
        var room = forum.Rooms[0].Id;

        var refused = await MoveAsync(secretariat, forum.Slug, session.Id, "2026-09-01", "09:00", room);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(refused);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Move one to another time or room");
        page.QuerySelector($"#start-{session.Id}")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).StartsAt.ShouldBeNull();

        var moved = await MoveAsync(secretariat, forum.Slug, session.Id, "2026-09-03", "07:15", room, "25");
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id));
        // The forum's last day, 07:15 in Nairobi: 04:15 UTC.
        (saved.StartsAt, saved.RoomId, saved.ExpectedAttendance).ShouldBe((new DateTime(2026, 9, 3, 4, 15, 0, DateTimeKind.Utc), room, (int?)25));
        (await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.Id && e.Action == "timetable.move").Select(e => e.Subject).ToListAsync())).ShouldBe(["ws-2"]);

        // 07:15 is before the daily window: listed as a warning, not refused.
        var timetable = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage/timetable"));
        timetable.QuerySelector("ul.warnings")!.TextContent.ShouldContain("WS #2 runs from 07:15 to 08:15, outside the daily window");
    }

    [Theory]
    [InlineData("2000-01-01", "10:00", "day of the forum")]
    [InlineData("", "25:00", "day of the forum")]
    public async Task A_bad_move_is_explained_and_not_saved(string day, string start, string message)
    {
        var forum = await app.ForumOfItsOwnAsync("badmove", unplaced: 1);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var session = forum.Session(1);
        var answer = await MoveAsync(secretariat, forum.Slug, session.Id, day, start, forum.Rooms[0].Id);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).StartsAt.ShouldBeNull();
    }

    [Fact]
    public async Task Settings_are_saved_and_a_blocking_rule_refuses_the_session_edit_page_too()
    {
        var forum = await app.ForumOfItsOwnAsync("rules", unplaced: 1);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var fields = new Dictionary<string, string> { ["DayStart"] = "09:00", ["DayEnd"] = "18:00", ["Slot"] = "30", ["Breaks"] = "12:30-14:00" };
        foreach (var rule in Enum.GetValues<TimetableRule>())
        {
            fields[$"Severities[{rule}]"] = rule == TimetableRule.OutsideGrid ? "Block" : RuleDefaults.Of(rule).ToString();
        }
        (await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage/timetable/settings", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var settings = await app.InDbAsync(db => db.TimetableSettings.Include(t => t.Breaks).Include(t => t.Severities).SingleAsync(t => t.ForumId == forum.Id));
        (settings.DayEndMinutes, settings.SlotMinutes, settings.Breaks.Single().StartMinutes).ShouldBe((18 * 60, 30, 12 * 60 + 30));
        settings.SeverityOf(TimetableRule.OutsideGrid).ShouldBe(Severity.Block);

        var session = forum.Session(1);
        var room = forum.Rooms[0];
        var refused = await MoveAsync(secretariat, forum.Slug, session.Id, "2026-09-03", "12:00", room.Id);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("across the break 12:30–14:00");

        var editFields = new Dictionary<string, string>
        {
            ["Form.Title"] = "Across lunch", ["Form.Format"] = "Panel", ["Form.Layout"] = "Theater", ["Form.Subtheme"] = "", ["Form.Description"] = "",
            ["Form.Approach"] = "", ["Form.SdgText"] = "", ["TargetsText"] = "", ["TagsText"] = "", ["Form.LengthMinutes"] = "60", ["Form.Status"] = "Scheduled",
            ["Form.Day"] = "2026-09-03", ["Form.Start"] = "12:00", ["Form.RoomId"] = Id(room.Id),
        };
        var edit = $"/{forum.Slug}/sessions/ws-1/edit";
        var editRefused = await PlenaryApp.SubmitFormAsync(secretariat, edit, editFields, $"{edit}?handler=Save");
        editRefused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(editRefused)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("across the break");
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).StartsAt.ShouldBeNull();
    }

    [Theory]
    [InlineData("DayStart", "nine", "start of the day")]
    [InlineData("Breaks", "lunch", "is not a break")]
    [InlineData("Severities[RoomClash]", "Sometimes", "block, warn or ignore")]
    [InlineData("Severities[RoomClash]", "1", "block, warn or ignore")]
    public async Task Bad_settings_are_explained_and_not_saved(string field, string value, string message)
    {
        var forum = await app.ForumOfItsOwnAsync("badrules");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var fields = new Dictionary<string, string> { ["DayStart"] = "09:00", ["DayEnd"] = "18:00", ["Slot"] = "30", ["Breaks"] = "" };
        foreach (var rule in Enum.GetValues<TimetableRule>())
        {
            fields[$"Severities[{rule}]"] = "Warn";
        }
        fields[field] = value;
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage/timetable/settings", fields);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await app.InDbAsync(db => db.TimetableSettings.AnyAsync(t => t.ForumId == forum.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Availability_and_time_zones_are_saved_and_a_zone_that_does_not_exist_is_refused()
    {
        var forum = await app.ForumOfItsOwnAsync("avail", placed: 1);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var room = forum.Rooms[0];
        var person = await app.InDbAsync(async db =>
        {
            var speaker = new Plenary.Features.People.Person { Name = "Available Speaker" };
            db.People.Add(speaker);
            await db.SaveChangesAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = forum.Session(1).Id, PersonId = speaker.Id, Kind = SessionRoleKind.Speaker, Position = 1 });
            await db.SaveChangesAsync();
            return speaker.Id;
        });
        var page = $"/{forum.Slug}/manage/timetable/availability";
        var bad = await PlenaryApp.SubmitFormAsync(secretariat, page,
            new Dictionary<string, string> { ["RoomLines"] = "", ["PersonLines"] = "", ["ZoneLines"] = $"{person} | Mars/Olympus_Mons" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(bad)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("line 1: “Mars/Olympus_Mons” is not a time zone");
        (await app.InDbAsync(db => db.People.SingleAsync(p => p.Id == person))).TimeZoneId.ShouldBeNull();

        var saved = await PlenaryApp.SubmitFormAsync(secretariat, page, new Dictionary<string, string>
        {
            ["RoomLines"] = $"{room.Name} | 2026-09-01 | 09:00-13:00", ["PersonLines"] = $"{person} | 2026-09-01 | 14:00-18:00", ["ZoneLines"] = $"{person} | America/Bogota",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.RoomAvailabilities.SingleAsync(a => a.RoomId == room.Id))).StartMinutes.ShouldBe(9 * 60);
        (await app.InDbAsync(db => db.PersonAvailabilities.SingleAsync(a => a.PersonId == person))).EndMinutes.ShouldBe(18 * 60);
        (await app.InDbAsync(db => db.People.SingleAsync(p => p.Id == person))).TimeZoneId.ShouldBe("America/Bogota");
    }

    [Fact]
    public async Task The_scheduler_shows_its_proposal_as_a_diff_and_applies_it_in_one_audited_change()
    {
        // WS #1 and #2 placed in two rooms; WS #3 and #4 for the scheduler to place.
        var own = await app.ForumOfItsOwnAsync("sched", rooms: 2, placed: 2, unplaced: 2);
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        var page = $"/{own.Slug}/manage/timetable/schedule";
        var proposal = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"{page}?mode=unscheduled&seed=3"));
        var placedRows = proposal.QuerySelectorAll("table.diff tr.placed").Select(r => r.TextContent).ToList();
        placedRows.Count.ShouldBe(2);
        placedRows.ShouldContain(t => t.Contains("WS #3"));
        placedRows.ShouldContain(t => t.Contains("WS #4"));
        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.ForumId == own.Id && s.StartsAt == null))).ShouldBe(2);

        var stale = await PlenaryApp.SubmitFormAsync(secretariat, $"{page}?mode=unscheduled&seed=3",
            new Dictionary<string, string> { ["mode"] = "unscheduled", ["seed"] = "3", ["fingerprint"] = "0000" }, $"{page}?handler=Apply");
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.ForumId == own.Id && s.StartsAt == null))).ShouldBe(2);

        var fingerprint = proposal.QuerySelector("input[name=fingerprint]")!.GetAttribute("value")!;
        var applied = await PlenaryApp.SubmitFormAsync(secretariat, $"{page}?mode=unscheduled&seed=3",
            new Dictionary<string, string> { ["mode"] = "unscheduled", ["seed"] = "3", ["fingerprint"] = fingerprint }, $"{page}?handler=Apply");
        applied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sessions = await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == own.Id).OrderBy(s => s.Number).ToListAsync());
        sessions.ShouldAllBe(s => s.StartsAt != null && s.RoomId != null);
        // The two placed before stay where they were.
        sessions.Take(2).Select(s => (s.StartsAt, s.RoomId)).ShouldBe(own.Sessions.Take(2).Select(s => (s.StartsAt, s.RoomId)));
        (await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == own.Id).Select(e => e.Action).ToListAsync())).ShouldBe(["timetable.schedule"], "one audited change");
        var forum = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Id == own.Id));
        TimetableRules.Check(await app.InDbAsync(db => TimetableLoad.SnapshotAsync(db, forum, default)), TimetableRulesTests.L)
            .Where(w => w.Severity == Severity.Block).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_scheduler_mode_is_refused_with_a_message()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var answer = await secretariat.GetAsync("/igf2022/manage/timetable/schedule?mode=everything");
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("re-plan all of them");
    }
}

[Collection("sqlite")]
public sealed class TimetablePagesOnSqlite(SqliteApp app) : TimetablePagesTests(app);

[Collection("postgres")]
public sealed class TimetablePagesOnPostgres(PostgresApp app) : TimetablePagesTests(app);
