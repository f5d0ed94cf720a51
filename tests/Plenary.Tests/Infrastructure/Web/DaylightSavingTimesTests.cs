using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// A start typed in the hour the clocks skip or repeat (Europe/Paris: 29 March 2026 from 02:00 to 03:00, 25 October
/// 2026 from 03:00 back to 02:00) is refused with a message naming the change; times around it are saved at the UTC
/// instants written here by hand.
/// </summary>
public abstract class DaylightSavingTimesTests(PlenaryApp app)
{
    private static Dictionary<string, string> NewSession(string title, string day, string start, int room) => new()
    {
        ["Form.Title"] = title, ["Form.Format"] = "RoundTable", ["Form.Layout"] = "Circle", ["Form.Subtheme"] = "", ["Form.Description"] = "A session.",
        ["Form.Approach"] = "", ["Form.SdgText"] = "", ["TargetsText"] = "", ["TagsText"] = "",
        ["Form.Type"] = "WS", ["Form.LengthMinutes"] = "60", ["Form.Status"] = "Scheduled", ["Form.Day"] = day, ["Form.Start"] = start,
        ["Form.RoomId"] = room.ToString(CultureInfo.InvariantCulture),
    };

    private static Task<HttpResponseMessage> CreateAsync(HttpClient secretariat, OwnForum forum, string title, string day, string start) =>
        PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage/sessions/new", NewSession(title, day, start, forum.Rooms[0].Id), $"/{forum.Slug}/manage/sessions/new?handler=Save");

    [Fact]
    public async Task A_start_in_the_skipped_hour_is_refused_naming_the_gap_and_the_hour_after_is_saved_as_typed()
    {
        var forum = await app.ForumOfItsOwnAsync("spring", days: 3, timeZoneId: "Europe/Paris", firstDay: new DateOnly(2026, 3, 28));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        using var refused = await CreateAsync(secretariat, forum, "In the gap", "2026-03-29", "02:30");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector(".errors")!.TextContent.ShouldContain(
            "02:30 does not exist on 29 March 2026 in Europe/Paris: the clocks go forward from 02:00 to 03:00. Choose a time before 02:00, or from 03:00.");
        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.ForumId == forum.Id))).ShouldBe(0);

        using var before = await CreateAsync(secretariat, forum, "Before the gap", "2026-03-29", "00:30");
        before.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var after = await CreateAsync(secretariat, forum, "After the gap", "2026-03-29", "03:00");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == forum.Id).ToDictionaryAsync(s => s.Title, s => s.StartsAt));
        // CET (UTC+1) before, CEST (UTC+2) after.
        saved["Before the gap"].ShouldBe(new DateTime(2026, 3, 28, 23, 30, 0, DateTimeKind.Utc));
        saved["After the gap"].ShouldBe(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task A_start_in_the_repeated_hour_is_refused_as_ambiguous_and_the_hours_around_it_are_saved_as_typed()
    {
        var forum = await app.ForumOfItsOwnAsync("autumn", days: 3, timeZoneId: "Europe/Paris", firstDay: new DateOnly(2026, 10, 24));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        using var refused = await CreateAsync(secretariat, forum, "Twice", "2026-10-25", "02:30");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector(".errors")!.TextContent.ShouldContain(
            "02:30 happens twice on 25 October 2026 in Europe/Paris: the clocks go back from 03:00 to 02:00. Choose a time before 02:00, or from 03:00, so that it names one moment.");
        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.ForumId == forum.Id))).ShouldBe(0);

        using var before = await CreateAsync(secretariat, forum, "Before", "2026-10-25", "01:30");
        before.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var after = await CreateAsync(secretariat, forum, "After", "2026-10-25", "03:00");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == forum.Id).ToDictionaryAsync(s => s.Title, s => s.StartsAt));
        // CEST (UTC+2) before, CET (UTC+1) after.
        saved["Before"].ShouldBe(new DateTime(2026, 10, 24, 23, 30, 0, DateTimeKind.Utc));
        saved["After"].ShouldBe(new DateTime(2026, 10, 25, 2, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task The_timetable_move_refuses_a_start_in_the_skipped_hour()
    {
        var forum = await app.ForumOfItsOwnAsync("springmove", days: 3, timeZoneId: "Europe/Paris", firstDay: new DateOnly(2026, 3, 28), unplaced: 1);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var session = forum.Session(1);
        var fields = new Dictionary<string, string> { ["day"] = "2026-03-29", ["start"] = "02:15", ["room"] = forum.Rooms[0].Id.ToString(CultureInfo.InvariantCulture) };

        using var refused = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage/timetable", fields,
            $"/{forum.Slug}/manage/timetable?handler=Move&session={session.Id}");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("02:15 does not exist on 29 March 2026 in Europe/Paris: the clocks go forward from 02:00 to 03:00.");
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).StartsAt.ShouldBeNull();
    }

    [Fact]
    public async Task Registration_closing_and_the_call_refuse_a_moment_in_the_skipped_hour_and_keep_what_was_there()
    {
        var forum = await app.ForumOfItsOwnAsync("springclose", days: 3, timeZoneId: "Europe/Paris", firstDay: new DateOnly(2026, 3, 28));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        const string Gap = "02:30 does not exist on 29 March 2026 in Europe/Paris: the clocks go forward from 02:00 to 03:00.";

        using var registrations = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage/registrations",
            new Dictionary<string, string> { ["NeedsApproval"] = "true", ["ClosesDay"] = "2026-03-29", ["ClosesTime"] = "02:30" },
            $"/{forum.Slug}/manage/registrations?handler=Settings");
        registrations.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await registrations.Content.ReadAsStringAsync()).ShouldContain(Gap);
        (await app.InDbAsync(db => db.RegistrationSettings.AnyAsync(r => r.ForumId == forum.Id && r.ClosesAt != null))).ShouldBeFalse();

        using var call = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage/call",
            new Dictionary<string, string> { ["Types"] = "WS", ["OpensDay"] = "2026-03-01", ["OpensTime"] = "09:00", ["ClosesDay"] = "2026-03-29", ["ClosesTime"] = "02:30" },
            $"/{forum.Slug}/manage/call");
        call.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await call.Content.ReadAsStringAsync()).ShouldContain(Gap);
        (await app.InDbAsync(db => db.Calls.AnyAsync(c => c.ForumId == forum.Id))).ShouldBeFalse();
    }
}

[Collection("sqlite")]
public sealed class DaylightSavingTimesOnSqlite(SqliteApp app) : DaylightSavingTimesTests(app);

[Collection("postgres")]
public sealed class DaylightSavingTimesOnPostgres(PostgresApp app) : DaylightSavingTimesTests(app);
