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

    private static Task<HttpResponseMessage> MoveAsync(HttpClient visitor, int session, string day, string start, int? room, string expected = "") =>
        PlenaryApp.SubmitFormAsync(visitor, "/igf2022/manage/timetable",
            new Dictionary<string, string> { ["day"] = day, ["start"] = start, ["room"] = room is { } r ? Id(r) : "", ["expected"] = expected },
            $"/igf2022/manage/timetable?handler=Move&session={session}");

    /// <summary>A session of the forum not in the timetable, whatever earlier tests on the shared database did with it.</summary>
    private async Task<Session> UnplacedAsync(int number, string title)
    {
        var session = await app.UnscheduledSessionAsync("igf2022", "WS", number, title);
        await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, (DateTime?)null).SetProperty(s => s.EndsAt, (DateTime?)null).SetProperty(s => s.RoomId, (int?)null)));
        return session;
    }

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
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var session = await UnplacedAsync(9981, "Moving on the grid");
        var (forum, occupied) = await app.InDbAsync(async db => (
            await db.Forums.SingleAsync(f => f.Slug == "igf2022"),
            await db.Sessions.Where(s => s.Forum.Slug == "igf2022" && s.RoomId != null && s.Status == SessionStatus.Scheduled && s.Id != session.Id).OrderBy(s => s.Id).FirstAsync()));
        var clock = Plenary.Infrastructure.Web.ForumClock.For(forum.TimeZoneId);
        var day = clock.Day(occupied.StartsAt!.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var refused = await MoveAsync(secretariat, session.Id, day, clock.Time(occupied.StartsAt!.Value), occupied.RoomId);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(refused);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Move one to another time or room");
        page.QuerySelector($"#start-{session.Id}")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).StartsAt.ShouldBeNull();

        var lastDay = forum.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var moved = await MoveAsync(secretariat, session.Id, lastDay, "07:15", occupied.RoomId, "25");
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id));
        // IGF 2022's last day is Friday 2 December in Addis Ababa, UTC+3 all year: 07:15 there is 04:15 UTC.
        (saved.StartsAt, saved.RoomId, saved.ExpectedAttendance).ShouldBe((new DateTime(2022, 12, 2, 4, 15, 0, DateTimeKind.Utc), occupied.RoomId, (int?)25));
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "timetable.move" && e.Subject == "ws-9981"))).ShouldBeTrue();

        // 07:15 is before the daily window: listed as a warning, not refused.
        var timetable = await PlenaryApp.ParseAsync(await secretariat.GetAsync("/igf2022/manage/timetable"));
        timetable.QuerySelector("ul.warnings")!.TextContent.ShouldContain("WS #9981 runs from 07:15 to 08:15, outside the daily window");
    }

    [Theory]
    [InlineData("2000-01-01", "10:00", "day of the forum")]
    [InlineData("", "25:00", "day of the forum")]
    public async Task A_bad_move_is_explained_and_not_saved(string day, string start, string message)
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var session = await UnplacedAsync(9982, "Badly moved");
        var room = await app.InDbAsync(db => db.Rooms.Where(r => db.Forums.Any(f => f.Slug == "igf2022" && f.Id == r.ForumId)).Select(r => r.Id).FirstAsync());
        var answer = await MoveAsync(secretariat, session.Id, day, start, room);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).StartsAt.ShouldBeNull();
    }

    [Fact]
    public async Task Settings_are_saved_and_a_blocking_rule_refuses_the_session_edit_page_too()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var fields = new Dictionary<string, string> { ["DayStart"] = "09:00", ["DayEnd"] = "18:00", ["Slot"] = "30", ["Breaks"] = "12:30-14:00" };
        foreach (var rule in Enum.GetValues<TimetableRule>())
        {
            fields[$"Severities[{rule}]"] = rule == TimetableRule.OutsideGrid ? "Block" : RuleDefaults.Of(rule).ToString();
        }
        try
        {
            (await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/timetable/settings", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var settings = await app.InDbAsync(db => db.TimetableSettings.Include(t => t.Breaks).Include(t => t.Severities).SingleAsync(t => db.Forums.Any(f => f.Id == t.ForumId && f.Slug == "igf2022")));
            (settings.DayEndMinutes, settings.SlotMinutes, settings.Breaks.Single().StartMinutes).ShouldBe((18 * 60, 30, 12 * 60 + 30));
            settings.SeverityOf(TimetableRule.OutsideGrid).ShouldBe(Severity.Block);

            var session = await UnplacedAsync(9983, "Across lunch");
            var forum = await app.InDbAsync(db => db.Forums.Include(f => f.Rooms).SingleAsync(f => f.Slug == "igf2022"));
            var room = forum.Rooms.OrderBy(r => r.Id).Last();
            var refused = await MoveAsync(secretariat, session.Id, forum.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "12:00", room.Id);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await PlenaryApp.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("across the break 12:30–14:00");

            var editFields = new Dictionary<string, string>
            {
                ["Form.Title"] = "Across lunch", ["Form.Format"] = "Panel", ["Form.Layout"] = "Theater", ["Form.Subtheme"] = "", ["Form.Description"] = "",
                ["Form.Approach"] = "", ["Form.SdgText"] = "", ["TargetsText"] = "", ["TagsText"] = "", ["Form.LengthMinutes"] = "60", ["Form.Status"] = "Scheduled",
                ["Form.Day"] = forum.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Form.Start"] = "12:00", ["Form.RoomId"] = Id(room.Id),
            };
            var editRefused = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/sessions/ws-9983/edit", editFields, "/igf2022/sessions/ws-9983/edit?handler=Save");
            editRefused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await PlenaryApp.ParseAsync(editRefused)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("across the break");
            (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).StartsAt.ShouldBeNull();
        }
        finally
        {
            await app.InDbAsync(db => db.TimetableSettings.Where(t => db.Forums.Any(f => f.Id == t.ForumId && f.Slug == "igf2022")).ExecuteDeleteAsync());
        }
    }

    [Theory]
    [InlineData("DayStart", "nine", "start of the day")]
    [InlineData("Breaks", "lunch", "is not a break")]
    [InlineData("Severities[RoomClash]", "Sometimes", "block, warn or ignore")]
    [InlineData("Severities[RoomClash]", "1", "block, warn or ignore")]
    public async Task Bad_settings_are_explained_and_not_saved(string field, string value, string message)
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var fields = new Dictionary<string, string> { ["DayStart"] = "09:00", ["DayEnd"] = "18:00", ["Slot"] = "30", ["Breaks"] = "" };
        foreach (var rule in Enum.GetValues<TimetableRule>())
        {
            fields[$"Severities[{rule}]"] = "Warn";
        }
        fields[field] = value;
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/timetable/settings", fields);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await app.InDbAsync(db => db.TimetableSettings.AnyAsync(t => db.Forums.Any(f => f.Id == t.ForumId && f.Slug == "igf2022")))).ShouldBeFalse();
    }

    [Fact]
    public async Task Availability_and_time_zones_are_saved_and_a_zone_that_does_not_exist_is_refused()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var (forum, room, person) = await app.InDbAsync(async db => (
            await db.Forums.SingleAsync(f => f.Slug == "igf2022"),
            await db.Rooms.Where(r => db.Forums.Any(f => f.Slug == "igf2022" && f.Id == r.ForumId)).OrderBy(r => r.Id).FirstAsync(),
            await db.SessionRoles.Where(r => r.PersonId != null && db.Sessions.Any(s => s.Id == r.SessionId && s.Forum.Slug == "igf2022")).Select(r => r.PersonId!.Value).FirstAsync()));
        var day = forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var bad = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/timetable/availability",
            new Dictionary<string, string> { ["RoomLines"] = "", ["PersonLines"] = "", ["ZoneLines"] = $"{person} | Mars/Olympus_Mons" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(bad)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("line 1: “Mars/Olympus_Mons” is not a time zone");
        try
        {
            var saved = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/timetable/availability", new Dictionary<string, string>
            {
                ["RoomLines"] = $"{room.Name} | {day} | 09:00-13:00", ["PersonLines"] = $"{person} | {day} | 14:00-18:00", ["ZoneLines"] = $"{person} | America/Bogota",
            });
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await app.InDbAsync(db => db.RoomAvailabilities.SingleAsync(a => a.RoomId == room.Id))).StartMinutes.ShouldBe(9 * 60);
            (await app.InDbAsync(db => db.PersonAvailabilities.SingleAsync(a => a.PersonId == person))).EndMinutes.ShouldBe(18 * 60);
            (await app.InDbAsync(db => db.People.SingleAsync(p => p.Id == person))).TimeZoneId.ShouldBe("America/Bogota");
        }
        finally
        {
            await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/timetable/availability",
                new Dictionary<string, string> { ["RoomLines"] = "", ["PersonLines"] = "", ["ZoneLines"] = "" });
        }
        (await app.InDbAsync(db => db.People.SingleAsync(p => p.Id == person))).TimeZoneId.ShouldBeNull();
    }

    [Fact]
    public async Task The_scheduler_shows_its_proposal_as_a_diff_and_applies_it_in_one_audited_change()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var session = await UnplacedAsync(9984, "Placed by the scheduler");
        var unplaced = await app.InDbAsync(db => db.Sessions.Where(s => s.Forum.Slug == "igf2022" && s.StartsAt == null).Select(s => s.Id).ToListAsync());
        // Tests of one collection run one at a time: the entries after this one are this test's.
        var audited = await app.InDbAsync(db => db.AuditLog.MaxAsync(e => (long?)e.Id)) ?? 0;
        try
        {
            var proposal = await PlenaryApp.ParseAsync(await secretariat.GetAsync("/igf2022/manage/timetable/schedule?mode=unscheduled&seed=3"));
            var row = proposal.QuerySelectorAll("table.diff tr").Single(r => r.TextContent.Contains("WS #9984"));
            row.ClassName.ShouldBe("placed");
            (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).StartsAt.ShouldBeNull();

            var stale = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/timetable/schedule?mode=unscheduled&seed=3",
                new Dictionary<string, string> { ["mode"] = "unscheduled", ["seed"] = "3", ["fingerprint"] = "0000" },
                "/igf2022/manage/timetable/schedule?handler=Apply");
            stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).StartsAt.ShouldBeNull();

            var fingerprint = proposal.QuerySelector("input[name=fingerprint]")!.GetAttribute("value")!;
            var applied = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/timetable/schedule?mode=unscheduled&seed=3",
                new Dictionary<string, string> { ["mode"] = "unscheduled", ["seed"] = "3", ["fingerprint"] = fingerprint },
                "/igf2022/manage/timetable/schedule?handler=Apply");
            applied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var placed = await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id));
            placed.StartsAt.ShouldNotBeNull();
            placed.RoomId.ShouldNotBeNull();
            var forum = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "igf2022"));
            (await app.InDbAsync(db => db.AuditLog.Where(e => e.Id > audited && e.Action == "timetable.schedule").Select(e => e.ForumId).ToListAsync()))
                .ShouldBe([forum.Id], "one audited change, in this forum");
            var blocking = TimetableRules.Check(await app.InDbAsync(db => TimetableLoad.SnapshotAsync(db, forum, default)), TimetableRulesTests.L)
                .Where(w => w.Severity == Severity.Block && w.SessionIds.Contains(session.Id));
            blocking.ShouldBeEmpty();
        }
        finally
        {
            // Other tests on the shared database rely on their unscheduled sessions staying so.
            await app.InDbAsync(db => db.Sessions.Where(s => unplaced.Contains(s.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, (DateTime?)null).SetProperty(s => s.EndsAt, (DateTime?)null).SetProperty(s => s.RoomId, (int?)null)));
        }
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
