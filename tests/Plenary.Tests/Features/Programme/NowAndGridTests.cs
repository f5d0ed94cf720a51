using System.Net;
using Plenary.Tests.Features.Releases;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Programme;

/// <summary>The public day-by-room grid and the "now and next" page, both from the released timetable.</summary>
public abstract class NowAndGridTests(PlenaryApp app)
{
    [Fact]
    public async Task Grid_is_a_table_of_rooms_by_start_time_for_the_chosen_day()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        await forum.SessionAsync(1, "Hall opening", ReleaseForum.At(new DateOnly(2030, 3, 4), 0, 9));
        await forum.SessionAsync(2, "Annex at nine", ReleaseForum.At(new DateOnly(2030, 3, 4), 0, 9), room: 1);
        await forum.SessionAsync(3, "Second day", ReleaseForum.At(new DateOnly(2030, 3, 4), 1, 11));
        await app.ReleaseTimetableAsync(forum.Slug);

        var (status, page) = await app.GetPageAsync($"/{forum.Slug}/schedule/grid?day=2030-03-04");
        status.ShouldBe(HttpStatusCode.OK);
        var table = page.QuerySelector("table.grid")!;
        table.QuerySelectorAll("thead th[scope=col]").Select(th => th.TextContent).ShouldBe(["Time", "Hall Abebe", "Annex Bikila"]);
        var row = table.QuerySelectorAll("tbody tr").ShouldHaveSingleItem();
        row.QuerySelector("th[scope=row]")!.TextContent.ShouldBe("09:00");
        row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ShouldBe(["WS #1 Hall opening 09:00–10:00", "WS #2 Annex at nine 09:00–10:00"]);
        page.QuerySelector("nav.days a[aria-current=page]")!.GetAttribute("href").ShouldEndWith("day=2030-03-04");
        page.Body!.TextContent.ShouldNotContain("Second day");

        (await app.GetPageAsync($"/{forum.Slug}/schedule/grid?day=2030-03-05")).Page.QuerySelector("table.grid")!.TextContent.ShouldContain("Second day");
        var (badStatus, bad) = await app.GetPageAsync($"/{forum.Slug}/schedule/grid?day=2031-13-40");
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.QuerySelector("[role=alert]")!.TextContent.ShouldContain("“2031-13-40” is not a day of this forum");
    }

    [Fact]
    public async Task Now_and_next_shows_each_rooms_current_and_next_session_during_the_forum()
    {
        // A zone where it is about noon now, so that "next" is still today wherever the tests run.
        var now = DateTime.UtcNow;
        var offset = 12 - now.Hour;
        var zone = offset >= 0 ? $"Etc/GMT-{offset}" : $"Etc/GMT+{-offset}";
        var today = DateOnly.FromDateTime(now.AddHours(offset));
        var forum = await ReleaseForum.CreateAsync(app, zone, today.AddDays(-1));
        var minute = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc);
        await forum.SessionAsync(1, "Running now", minute.AddMinutes(-10), minutes: 30);
        await forum.SessionAsync(2, "Coming next", minute.AddMinutes(40), minutes: 30);
        await forum.SessionAsync(3, "Annex later", minute.AddMinutes(50), room: 1, minutes: 30);
        await app.ReleaseTimetableAsync(forum.Slug);

        var (_, page) = await app.GetPageAsync($"/{forum.Slug}/now");
        var rows = page.QuerySelectorAll("table.list tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToList());
        rows["Hall Abebe"][0].ShouldContain("Running now");
        rows["Hall Abebe"][1].ShouldContain("Coming next");
        rows["Annex Bikila"][0].ShouldBe("—");
        rows["Annex Bikila"][1].ShouldContain("Annex later");
    }

    [Fact]
    public async Task Outside_the_forums_days_now_and_next_says_when_it_starts_or_that_it_is_over()
    {
        var coming = await ReleaseForum.CreateAsync(app);
        await coming.SessionAsync(1, "Opening", ReleaseForum.At(new DateOnly(2030, 3, 4), 0, 9, 30));
        await app.ReleaseTimetableAsync(coming.Slug);
        var text = (await app.GetPageAsync($"/{coming.Slug}/now")).Page.QuerySelector("main")!.TextContent;
        text.ShouldContain("has not started yet");
        text.ShouldContain("The first day is Monday 4 March 2030; the first session starts at 09:30 (Africa/Addis Ababa (UTC+3))");

        var past = await ReleaseForum.CreateAsync(app, firstDay: new DateOnly(2020, 11, 2));
        (await app.GetPageAsync($"/{past.Slug}/now")).Page.QuerySelector("main")!.TextContent.ShouldContain("is over: it ran from Monday 2 November 2020 to Wednesday 4 November 2020");
    }
}

[Collection("sqlite")]
public sealed class NowAndGridOnSqlite(SqliteApp app) : NowAndGridTests(app);

[Collection("postgres")]
public sealed class NowAndGridOnPostgres(PostgresApp app) : NowAndGridTests(app);
