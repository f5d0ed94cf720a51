using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Features.Schedule;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Releases;

/// <summary>
/// The Secretariat releases the timetable; the public (pages and every export) sees only released versions; each
/// release's changelog says what is new, moved or cancelled; people who saved a changed session are told once.
/// </summary>
public abstract class ReleaseTests(PlenaryApp app)
{
    private static readonly DateOnly First = new(2030, 3, 4);

    private static DateTime At(int day, int hour, int minute = 0) => ReleaseForum.At(First, day, hour, minute);

    [Fact]
    public async Task Release_stores_every_session_and_its_changelog_names_what_is_new_moved_and_cancelled()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        var moving = await forum.SessionAsync(1, "Moving in time", At(0, 9));
        var changingRoom = await forum.SessionAsync(2, "Changing rooms", At(0, 11));
        var cancelled = await forum.SessionAsync(3, "Called off", At(1, 9));
        var later = await forum.SessionAsync(4, "Placed later");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        (await forum.ReleaseAsync(secretariat, "v1 – draft")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var v1 = await app.InDbAsync(db => db.TimetableReleases.SingleAsync(r => r.ForumId == forum.ForumId));
        v1.Name.ShouldBe("v1 – draft");
        (await app.InDbAsync(db => db.ReleasedSessions.CountAsync(r => r.ReleaseId == v1.Id))).ShouldBe(4, "every session, placed or not");

        await forum.MoveAsync(moving, At(0, 14));
        await forum.MoveAsync(changingRoom, At(0, 11), room: 1);
        await forum.CancelAsync(cancelled);
        await forum.MoveAsync(later, At(2, 10));
        (await forum.ReleaseAsync(secretariat, "v2 – final")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (_, changes) = await app.GetPageAsync($"/{forum.Slug}/changes");
        var latest = changes.QuerySelector("main section")!;
        latest.QuerySelector("h2")!.TextContent.ShouldStartWith("v2 – final");
        var text = latest.TextContent;
        text.ShouldContain("New sessions (1)");
        text.ShouldContain("Moved sessions (2)");
        text.ShouldContain("Cancelled sessions (1)");
        var items = latest.QuerySelectorAll("li").ToDictionary(li => li.QuerySelector("a")!.TextContent, li => li.TextContent);
        items["WS #1: Moving in time"].ShouldContain("(time changed)");
        items["WS #1: Moving in time"].ShouldContain("Was: Monday 4 March 2030, 09:00–10:00, Hall Abebe");
        items["WS #1: Moving in time"].ShouldContain("Now: Monday 4 March 2030, 14:00–15:00, Hall Abebe");
        items["WS #2: Changing rooms"].ShouldContain("(room changed)");
        items["WS #2: Changing rooms"].ShouldContain("Now: Monday 4 March 2030, 11:00–12:00, Annex Bikila");
        items.Keys.ShouldContain("WS #3: Called off");
        items["WS #4: Placed later"].ShouldContain("Wednesday 6 March 2030, 10:00–11:00");
        // The first release is there too, with its three placed sessions new.
        changes.QuerySelectorAll("main section")[1].TextContent.ShouldContain("New sessions (3)");

        var workspace = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage/timetable/releases"));
        workspace.QuerySelectorAll("main section").Length.ShouldBe(2);
        var audit = await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.ForumId && e.Action == "timetable.release").Select(e => e.Subject).ToListAsync());
        audit.ShouldBe(["v1 – draft", "v2 – final"], ignoreOrder: true);
    }

    [Fact]
    public async Task Blocking_warnings_refuse_the_release_and_nothing_is_released()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        await forum.SessionAsync(1, "First in the hall", At(0, 9));
        await forum.SessionAsync(2, "Second in the hall at the same time", At(0, 9));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        var refused = await forum.ReleaseAsync(secretariat, "v1");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(refused);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("blocking warnings");
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Nothing was released");
        page.QuerySelector("ul.warnings")!.TextContent.ShouldContain("Two sessions in one room");

        var unnamed = await forum.ReleaseAsync(secretariat, "   ");
        unnamed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(unnamed)).QuerySelector("#name")!.GetAttribute("aria-invalid").ShouldBe("true");

        (await app.InDbAsync(db => db.TimetableReleases.AnyAsync(r => r.ForumId == forum.ForumId))).ShouldBeFalse();
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.ForumId == forum.ForumId && e.Action == "timetable.release"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Public_pages_and_every_export_show_the_released_timetable_only()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        var moved = await forum.SessionAsync(1, "Released at nine", At(0, 9));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        (await forum.ReleaseAsync(secretariat, "v1")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await forum.MoveAsync(moved, At(1, 15), room: 1);
        var fresh = await forum.SessionAsync(2, "Unreleased newcomer", At(0, 11));
        // One speaker in both: their public page and the people API follow the release too.
        var speaker = await app.InDbAsync(async db =>
        {
            var person = new Plenary.Features.People.Person { Name = $"Speaker of both {forum.Slug}" };
            db.People.Add(person);
            await db.SaveChangesAsync();
            db.SessionRoles.AddRange(
                new SessionRole { SessionId = moved.Id, PersonId = person.Id, Kind = SessionRoleKind.Speaker, Position = 1 },
                new SessionRole { SessionId = fresh.Id, PersonId = person.Id, Kind = SessionRoleKind.Speaker, Position = 1 });
            await db.SaveChangesAsync();
            return person.Id;
        });
        await app.EvictPublicCacheAsync();

        async Task<string> Text(string path)
        {
            using var response = await app.GetAsync($"/{forum.Slug}/{path}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            return await response.Content.ReadAsStringAsync();
        }

        var speakerPage = await app.GetPageAsync($"/people/{speaker}");
        speakerPage.Page.Body!.TextContent.ShouldContain("Released at nine");
        speakerPage.Page.Body.TextContent.ShouldNotContain("Unreleased newcomer");
        var speakerApi = await app.CreateVisitor().GetStringAsync($"/api/people/{speaker}");
        speakerApi.ShouldContain("2030-03-04T06:00:00");
        speakerApi.ShouldNotContain("Unreleased newcomer");

        var programme = await Text("programme");
        programme.ShouldContain("09:00");
        programme.ShouldNotContain("Unreleased newcomer");
        (await app.GetPageAsync($"/{forum.Slug}/sessions/ws-1")).Page.QuerySelector("dl.facts dd")!.TextContent.ShouldContain("Monday 4 March 2030, 09:00–10:00");
        (await app.GetAsync($"/{forum.Slug}/sessions/ws-2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.GetAsync($"/api/forums/{forum.Slug}/sessions/ws-2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var api = await app.CreateVisitor().GetStringAsync($"/api/forums/{forum.Slug}/sessions");
        api.ShouldContain("2030-03-04T06:00:00");
        api.ShouldNotContain("Unreleased newcomer");
        (await Text("programme?room=" + forum.Rooms[1])).ShouldNotContain("Released at nine");
        (await Text("programme?day=2030-03-04")).ShouldContain("Released at nine");
        var grid = await Text("schedule/grid?day=2030-03-04");
        grid.ShouldContain("Released at nine");
        grid.ShouldNotContain("Unreleased newcomer");

        var events = await CalendarAsync($"/{forum.Slug}/schedule.ics");
        events.Select(e => e.GetProperty("summary").GetString()).ShouldBe(["WS #1: Released at nine"]);
        events[0].GetProperty("start").GetString().ShouldBe("2030-03-04T06:00:00.000Z");
        (await CalendarAsync($"/{forum.Slug}/rooms/{forum.Rooms[0]}/schedule.ics")).Count.ShouldBe(1);
        (await CalendarAsync($"/{forum.Slug}/rooms/{forum.Rooms[1]}/schedule.ics")).Count.ShouldBe(0);
        (await app.GetAsync($"/{forum.Slug}/sessions/ws-2/calendar.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var export in new[] { "schedule.xml", "schedule.json", "schedule.csv" })
        {
            var body = await Text(export);
            body.ShouldContain("Released at nine", Case.Sensitive, export);
            body.ShouldNotContain("Unreleased newcomer", Case.Sensitive, export);
        }
        var csv = await Text("schedule.csv");
        csv.ShouldContain("2030-03-04,09:00,10:00");
        csv.ShouldNotContain("Annex Bikila");

        // The next release makes both public.
        (await forum.ReleaseAsync(secretariat, "v2")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Text("schedule.csv")).ShouldContain("2030-03-05,15:00,16:00");
        (await Text("programme")).ShouldContain("Unreleased newcomer");
        (await CalendarAsync($"/{forum.Slug}/schedule.ics")).Count.ShouldBe(2);
        (await app.GetAsync($"/{forum.Slug}/sessions/{fresh.Key}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Before_its_first_release_a_forum_shows_its_working_timetable()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        await forum.SessionAsync(1, "Shown before any release", At(0, 9));
        await app.EvictPublicCacheAsync();
        (await app.GetPageAsync($"/{forum.Slug}/programme")).Page.Body!.TextContent.ShouldContain("Shown before any release");
        (await CalendarAsync($"/{forum.Slug}/schedule.ics")).Count.ShouldBe(1);
        (await app.GetPageAsync($"/{forum.Slug}/changes")).Page.Body!.TextContent.ShouldContain("The timetable has not been released yet.");
    }

    [Fact]
    public async Task A_released_move_bumps_the_calendar_sequence_and_a_cancellation_is_marked()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        var moving = await forum.SessionAsync(1, "Will move", At(0, 9));
        var steady = await forum.SessionAsync(2, "Stays put", At(0, 11));
        var cancelled = await forum.SessionAsync(3, "Will be cancelled", At(0, 14));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        (await forum.ReleaseAsync(secretariat, "v1")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var before = (await CalendarAsync($"/{forum.Slug}/schedule.ics")).ToDictionary(e => e.GetProperty("uid").GetString()!, e => e.GetProperty("sequence").GetInt32());

        await forum.MoveAsync(moving, At(1, 9));
        await forum.CancelAsync(cancelled);
        // Unreleased: the feed's copy is unchanged, sequence included.
        (await CalendarAsync($"/{forum.Slug}/schedule.ics")).ToDictionary(e => e.GetProperty("uid").GetString()!, e => e.GetProperty("sequence").GetInt32()).ShouldBe(before);

        (await forum.ReleaseAsync(secretariat, "v2")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = (await CalendarAsync($"/{forum.Slug}/schedule.ics")).ToDictionary(e => e.GetProperty("uid").GetString()!);
        after[$"{forum.Slug}-ws-1@plenary"].GetProperty("sequence").GetInt32().ShouldBeGreaterThan(before[$"{forum.Slug}-ws-1@plenary"]);
        after[$"{forum.Slug}-ws-1@plenary"].GetProperty("start").GetString().ShouldBe("2030-03-05T06:00:00.000Z");
        after[$"{forum.Slug}-ws-2@plenary"].GetProperty("sequence").GetInt32().ShouldBe(before[$"{forum.Slug}-ws-2@plenary"]);
        after[$"{forum.Slug}-ws-3@plenary"].GetProperty("status").GetString().ShouldBe("CANCELLED");
        after[$"{forum.Slug}-ws-3@plenary"].GetProperty("sequence").GetInt32().ShouldBeGreaterThan(before[$"{forum.Slug}-ws-3@plenary"]);

        // A release without changes leaves every sequence where it was.
        var sequences = after.ToDictionary(e => e.Key, e => e.Value.GetProperty("sequence").GetInt32());
        (await forum.ReleaseAsync(secretariat, "v3")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CalendarAsync($"/{forum.Slug}/schedule.ics")).ToDictionary(e => e.GetProperty("uid").GetString()!, e => e.GetProperty("sequence").GetInt32()).ShouldBe(sequences);
        _ = steady;
    }

    [Fact]
    public async Task People_who_saved_a_moved_or_cancelled_session_get_one_message_per_release_in_their_zone_and_language()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        var moving = await forum.SessionAsync(1, "Moving workshop", At(0, 9));
        var cancelled = await forum.SessionAsync(2, "Cancelled workshop", At(0, 11));
        var steady = await forum.SessionAsync(3, "Steady workshop", At(0, 14));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        (await forum.ReleaseAsync(secretariat, "v1")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var both = $"both{Guid.NewGuid():N}@example.org";
        var french = $"fr{Guid.NewGuid():N}@example.org";
        var unaffected = $"steady{Guid.NewGuid():N}@example.org";
        using (var visitor = await app.SignedInVisitorAsync(both))
        {
            await SaveAsync(visitor, forum.Slug, moving.Id);
            await SaveAsync(visitor, forum.Slug, cancelled.Id);
            (await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/agenda", new Dictionary<string, string> { ["zone"] = "Utc" }, $"/{forum.Slug}/agenda?handler=Zone"))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        using (var visitor = await app.SignedInVisitorAsync(french, (db, id) => db.Users.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.PreferredLanguage, "fr"))))
        {
            await SaveAsync(visitor, forum.Slug, moving.Id);
        }
        using (var visitor = await app.SignedInVisitorAsync(unaffected))
        {
            await SaveAsync(visitor, forum.Slug, steady.Id);
        }

        await forum.MoveAsync(moving, At(0, 16));
        await forum.CancelAsync(cancelled);
        (await forum.ReleaseAsync(secretariat, "v2")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var messages = await app.InDbAsync(db => db.Outbox.Where(m => m.Purpose == "agenda.change" && (m.To == both || m.To == french || m.To == unaffected)).ToListAsync());
        messages.Select(m => m.To).ShouldBe([both, french], ignoreOrder: true);
        var toBoth = messages.Single(m => m.To == both);
        toBoth.TextBody.ShouldContain("v2");
        // Times in UTC, as that person chose: 16:00 in Addis Ababa is 13:00 UTC.
        toBoth.TextBody.ShouldContain("WS #1: Moving workshop moves to another time: Monday 4 March 2030, 13:00–14:00, Hall Abebe (was Monday 4 March 2030, 06:00–07:00, Hall Abebe).");
        toBoth.TextBody.ShouldContain("WS #2: Cancelled workshop is cancelled.");
        toBoth.HtmlBody.ShouldContain("Moving workshop");
        var toFrench = messages.Single(m => m.To == french);
        toFrench.TextBody.ShouldContain("16:00");
        toFrench.TextBody.ShouldContain("lundi 4 mars 2030");
        toFrench.TextBody.ShouldNotContain("Cancelled workshop");

        // Releasing again with nothing changed tells nobody.
        (await forum.ReleaseAsync(secretariat, "v3")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Outbox.CountAsync(m => m.Purpose == "agenda.change" && (m.To == both || m.To == french)))).ShouldBe(2);
    }

    internal static async Task SaveAsync(HttpClient visitor, string forum, int session) =>
        (await PlenaryApp.SubmitFormAsync(visitor, $"/{forum}/agenda", new Dictionary<string, string> { ["session"] = session.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            $"/{forum}/agenda?handler=Add")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

    private async Task<List<JsonElement>> CalendarAsync(string url)
    {
        using var response = await app.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return await ParseCalendarAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Events as ical.js reads them.</summary>
    internal static async Task<List<JsonElement>> ParseCalendarAsync(string ics)
    {
        var (exit, output) = await ScheduleExportTests.NodeAsync("parse-ics.mjs", await ScheduleExportTests.SaveAsync(ics, ".ics"));
        exit.ShouldBe(0, output);
        return JsonDocument.Parse(output).RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}

[Collection("sqlite")]
public sealed class ReleasesOnSqlite(SqliteApp app) : ReleaseTests(app);

[Collection("postgres")]
public sealed class ReleasesOnPostgres(PostgresApp app) : ReleaseTests(app);
