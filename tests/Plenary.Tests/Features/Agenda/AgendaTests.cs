using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Agenda;
using Plenary.Features.Sessions;
using Plenary.Tests.Features.Releases;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Agenda;

/// <summary>
/// The personal agenda: saved without JavaScript from the programme and session pages, shown in the zone the person
/// chose, clashes marked, the way in for those who may use it, and a secret calendar link that a new one revokes.
/// </summary>
public abstract class AgendaTests(PlenaryApp app)
{
    private static readonly DateOnly First = new(2030, 3, 4);

    private static DateTime At(int day, int hour, int minute = 0) => ReleaseForum.At(First, day, hour, minute);

    private static string Id(Session s) => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Add_from_the_programme_and_remove_from_the_session_page()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        var session = await forum.SessionAsync(1, "Worth saving", At(0, 9));
        await app.ReleaseTimetableAsync(forum.Slug);

        var visitors = (await app.GetPageAsync($"/{forum.Slug}/programme")).Page;
        visitors.QuerySelector(".agenda-button").ShouldBeNull("visitors have nothing to save to");
        visitors.GetElementById("agenda-form").ShouldBeNull();
        (await app.CreateVisitor().GetAsync($"/{forum.Slug}/agenda")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var visitor = await app.SignedInVisitorAsync($"ag{Guid.NewGuid():N}@example.org");
        var programme = await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum.Slug}/programme"));
        var button = programme.QuerySelector("button.agenda-button")!;
        button.GetAttribute("formaction").ShouldBe($"/{forum.Slug}/agenda?handler=Add");
        button.GetAttribute("value").ShouldBe(Id(session));
        button.TextContent.ShouldContain("Add to my schedule");
        // The button submits the page's one agenda form, which holds the token: no script needed, one token per page.
        button.GetAttribute("form").ShouldBe("agenda-form");
        programme.GetElementById("agenda-form")!.QuerySelectorAll("input[name=__RequestVerificationToken]").ShouldHaveSingleItem();

        var added = await PlenaryApp.PressAsync(visitor, programme, button);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        added.Headers.Location!.OriginalString.ShouldBe($"/{forum.Slug}/programme");
        (await app.InDbAsync(db => db.AgendaEntries.CountAsync(e => e.SessionId == session.Id))).ShouldBe(1);
        var agenda = await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum.Slug}/agenda"));
        agenda.QuerySelector("ol.sessions h3")!.TextContent.ShouldContain("Worth saving");

        var page = await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum.Slug}/sessions/{session.Key}"));
        var remove = ShownAgendaButton.Of(page, session.Id);
        remove.TextContent.ShouldContain("Remove from my schedule");
        var removedByButton = await PlenaryApp.PressAsync(visitor, page, remove);
        removedByButton.Headers.Location!.OriginalString.ShouldBe($"/{forum.Slug}/sessions/{session.Key}");
        (await app.InDbAsync(db => db.AgendaEntries.AnyAsync(e => e.SessionId == session.Id))).ShouldBeFalse();
        var again = await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum.Slug}/sessions/{session.Key}"));
        (await PlenaryApp.PressAsync(visitor, again, ShownAgendaButton.Of(again, session.Id))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.AgendaEntries.CountAsync(e => e.SessionId == session.Id))).ShouldBe(1, "added back from the session page");
        var removed = await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/sessions/{session.Key}",
            new Dictionary<string, string> { ["session"] = Id(session), ["returnUrl"] = "https://evil.example.org/" }, $"/{forum.Slug}/agenda?handler=Remove");
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        removed.Headers.Location!.OriginalString.ShouldBe($"/{forum.Slug}/agenda", "never back to another site");
        (await app.InDbAsync(db => db.AgendaEntries.AnyAsync(e => e.SessionId == session.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_session_that_does_not_exist_or_is_unreleased_is_explained_and_nothing_is_saved()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        await forum.SessionAsync(1, "Released", At(0, 9));
        await app.ReleaseTimetableAsync(forum.Slug);
        var unreleased = await forum.SessionAsync(2, "Not released yet", At(0, 11));
        var elsewhere = await app.InDbAsync(db => db.Sessions.Where(s => s.Forum.Slug == "igf2022").Select(s => s.Id).FirstAsync());
        var email = $"ag{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        var account = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());

        foreach (var bad in new[] { "999999", "not a number", Id(unreleased), elsewhere.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            var response = await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/agenda", new Dictionary<string, string> { ["session"] = bad }, $"/{forum.Slug}/agenda?handler=Add");
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
            (await PlenaryApp.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("There is no such session in this forum's programme", Case.Sensitive, bad);
        }
        (await app.InDbAsync(db => db.AgendaEntries.AnyAsync(e => e.AccountId == account))).ShouldBeFalse();
    }

    [Fact]
    public async Task Zone_choice_is_remembered_and_an_unknown_one_refused()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        var session = await forum.SessionAsync(1, "Morning in Addis", At(0, 9));
        await app.ReleaseTimetableAsync(forum.Slug);
        using var visitor = await app.SignedInVisitorAsync($"ag{Guid.NewGuid():N}@example.org");
        await ReleaseTests.SaveAsync(visitor, forum.Slug, session.Id);

        async Task<string> TimeShown() => (await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum.Slug}/agenda"))).QuerySelector("ol.sessions p.t")!.TextContent;
        (await TimeShown()).ShouldStartWith("09:00–10:00 Africa/Addis Ababa (UTC+3)");

        var refused = await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/agenda", new Dictionary<string, string> { ["zone"] = "Mars/Olympus_Mons" }, $"/{forum.Slug}/agenda?handler=Zone");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(refused);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Choose the time zone for your agenda");
        page.QuerySelector("#zone")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/agenda", new Dictionary<string, string> { ["zone"] = "7" }, $"/{forum.Slug}/agenda?handler=Zone"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TimeShown()).ShouldStartWith("09:00–10:00");

        (await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/agenda", new Dictionary<string, string> { ["zone"] = "Utc" }, $"/{forum.Slug}/agenda?handler=Zone"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TimeShown()).ShouldStartWith("06:00–07:00 UTC");
        (await app.InDbAsync(db => db.AgendaSettings.SingleAsync(s => s.ForumId == forum.ForumId))).Zone.ShouldBe(AgendaZone.Utc);
    }

    [Fact]
    public async Task Every_zone_choice_shows_the_right_times_across_the_clock_change()
    {
        // Paris goes back from summer time at 03:00 on 25 October 2026; New York only on 1 November.
        var forum = await ReleaseForum.CreateAsync(app, "Europe/Paris", new DateOnly(2026, 10, 24));
        var night = await forum.SessionAsync(1, "Across the change", new DateTime(2026, 10, 25, 0, 0, 0, DateTimeKind.Utc), minutes: 180);
        await app.ReleaseTimetableAsync(forum.Slug);
        var email = $"ny{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email, (db, id) => db.Users.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.TimeZoneId, "America/New_York")));
        await ReleaseTests.SaveAsync(visitor, forum.Slug, night.Id);

        async Task<(string Day, string Time)> Shown(string zone)
        {
            (await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/agenda", new Dictionary<string, string> { ["zone"] = zone }, $"/{forum.Slug}/agenda?handler=Zone"))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var page = await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum.Slug}/agenda"));
            return (page.QuerySelector("section.day h2")!.TextContent, page.QuerySelector("ol.sessions p.t")!.TextContent);
        }

        var forumTime = await Shown("Forum");
        forumTime.Day.ShouldBe("Sunday 25 October 2026");
        forumTime.Time.ShouldStartWith("02:00–04:00 Europe/Paris (UTC+2)");
        var utc = await Shown("Utc");
        utc.Day.ShouldBe("Sunday 25 October 2026");
        utc.Time.ShouldStartWith("00:00–03:00 UTC");
        var own = await Shown("Own");
        own.Day.ShouldBe("Saturday 24 October 2026");
        own.Time.ShouldStartWith("20:00–23:00 America/New York (UTC−4)");
    }

    [Fact]
    public async Task Overlapping_saved_sessions_are_marked_as_a_clash()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        var a = await forum.SessionAsync(1, "Hall at nine", At(0, 9), room: 0, minutes: 90);
        var b = await forum.SessionAsync(2, "Annex at ten", At(0, 10), room: 1);
        var c = await forum.SessionAsync(3, "Hall at noon", At(0, 12));
        await app.ReleaseTimetableAsync(forum.Slug);
        using var visitor = await app.SignedInVisitorAsync($"ag{Guid.NewGuid():N}@example.org");
        foreach (var s in new[] { a, b, c })
        {
            await ReleaseTests.SaveAsync(visitor, forum.Slug, s.Id);
        }
        var page = await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum.Slug}/agenda"));
        var clashes = page.QuerySelectorAll("ol.sessions > li.clash").Select(li => li.QuerySelector("h3")!.TextContent).ToList();
        clashes.Count.ShouldBe(2);
        clashes.ShouldAllBe(t => t.Contains("at nine") || t.Contains("at ten"));
        page.QuerySelector("li.clash p.clash")!.TextContent.ShouldContain("overlaps another one in your schedule");
    }

    [Fact]
    public async Task Secret_calendar_link_holds_only_the_saved_sessions_and_a_new_link_revokes_the_old()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        var saved = await forum.SessionAsync(1, "In my calendar", At(0, 9));
        var other = await forum.SessionAsync(2, "Someone else's", At(0, 11));
        var meeting = $"https://meet.example.org/j/{Guid.NewGuid():N}";
        await app.InDbAsync(async db =>
        {
            db.JoinLinks.Add(new Plenary.Features.Registrations.JoinLink { ForumId = forum.ForumId, SessionId = saved.Id, Url = meeting, Passcode = "secret-pass" });
            await db.SaveChangesAsync();
        });
        await app.ReleaseTimetableAsync(forum.Slug);
        using var visitor = await app.SignedInVisitorAsync($"ag{Guid.NewGuid():N}@example.org");
        using var someone = await app.SignedInVisitorAsync($"ag{Guid.NewGuid():N}@example.org");
        await ReleaseTests.SaveAsync(visitor, forum.Slug, saved.Id);
        await ReleaseTests.SaveAsync(someone, forum.Slug, other.Id);

        var first = await FeedPathAsync(visitor, forum.Slug);
        using var anonymous = app.CreateVisitor();
        var ics = await anonymous.GetStringAsync(first);
        var events = await ReleaseTests.ParseCalendarAsync(ics);
        events.Select(e => e.GetProperty("summary").GetString()).ShouldBe(["WS #1: In my calendar"]);
        events[0].GetProperty("start").GetString().ShouldBe("2030-03-04T06:00:00.000Z");
        ics.ShouldNotContain(meeting);
        ics.ShouldNotContain("secret-pass");
        ics.ShouldNotContain("@example.org");

        var secret = first.Split('/').Last().Replace(".ics", "", StringComparison.Ordinal);
        var stored = await app.InDbAsync(db => db.AgendaSettings.Where(s => s.ForumId == forum.ForumId && s.FeedHash != null).Select(s => s.FeedHash!).ToListAsync());
        stored.ShouldHaveSingleItem().ShouldBe(Sha256Hex.Of(secret), "the SHA-256 of the link's secret, in lower-case hexadecimal");
        stored.ShouldNotContain(secret);

        var second = await FeedPathAsync(visitor, forum.Slug);
        second.ShouldNotBe(first);
        (await anonymous.GetAsync(first)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the old link stops working at once");
        (await anonymous.GetAsync(second)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync($"/{forum.Slug}/agenda/{new string('a', 43)}.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync(second.Replace($"/{forum.Slug}/", "/igf2022/", StringComparison.Ordinal))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a link works only in its forum");
    }

    [Fact]
    public async Task Join_button_shows_in_the_agenda_only_to_those_who_may_use_it_from_15_minutes_before()
    {
        var forum = await ReleaseForum.CreateAsync(app, "UTC", DateOnly.FromDateTime(DateTime.UtcNow));
        var soon = DateTime.UtcNow.AddMinutes(5);
        var starting = await forum.SessionAsync(1, "Starting soon", new DateTime(soon.Year, soon.Month, soon.Day, soon.Hour, soon.Minute, 0, DateTimeKind.Utc));
        var later = await forum.SessionAsync(2, "Starting later", new DateTime(soon.Year, soon.Month, soon.Day, soon.Hour, soon.Minute, 0, DateTimeKind.Utc).AddHours(2), room: 1);
        var meeting = $"https://meet.example.org/j/{Guid.NewGuid():N}";
        await app.InDbAsync(async db =>
        {
            db.JoinLinks.Add(new Plenary.Features.Registrations.JoinLink { ForumId = forum.ForumId, SessionId = starting.Id, Url = meeting, Passcode = "pc-4711" });
            db.JoinLinks.Add(new Plenary.Features.Registrations.JoinLink { ForumId = forum.ForumId, SessionId = later.Id, Url = meeting + "-later" });
            await db.SaveChangesAsync();
        });
        await app.ReleaseTimetableAsync(forum.Slug);

        using var speaker = await app.HolderOfSessionRoleAsync(starting, SessionRoleKind.Speaker, ParticipationMode.Online);
        await app.InDbAsync(async db =>
        {
            var person = await db.SessionRoles.Where(r => r.SessionId == starting.Id).Select(r => r.PersonId).SingleAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = later.Id, PersonId = person, Kind = SessionRoleKind.Speaker, Mode = ParticipationMode.Online, Position = 100 });
            await db.SaveChangesAsync();
        });
        using var stranger = await app.SignedInVisitorAsync($"ag{Guid.NewGuid():N}@example.org");
        foreach (var who in new[] { speaker, stranger })
        {
            await ReleaseTests.SaveAsync(who, forum.Slug, starting.Id);
            await ReleaseTests.SaveAsync(who, forum.Slug, later.Id);
        }

        var mine = await PlenaryApp.ParseAsync(await speaker.GetAsync($"/{forum.Slug}/agenda"));
        var items = mine.QuerySelectorAll("ol.sessions > li").ToDictionary(li => li.QuerySelector("h3")!.TextContent.Trim());
        var join = items["WS #1 Starting soon"].QuerySelector(".join a.button")!.GetAttribute("href")!;
        join.ShouldBe($"/{forum.Slug}/sessions/{starting.Key}/join");
        (await speaker.GetAsync(join)).Headers.Location?.ToString().ShouldBe(meeting);
        items["WS #1 Starting soon"].QuerySelector(".join")!.TextContent.ShouldContain("pc-4711");
        items["WS #2 Starting later"].QuerySelector(".join a").ShouldBeNull();
        items["WS #2 Starting later"].QuerySelector(".join")!.TextContent.ShouldContain("opens at");
        mine.Body!.InnerHtml.ShouldNotContain(meeting + "-later");

        var theirs = await stranger.GetStringAsync($"/{forum.Slug}/agenda");
        theirs.ShouldContain("Starting soon");
        theirs.ShouldNotContain(meeting);
        theirs.ShouldNotContain("pc-4711");
    }

    [Fact]
    public async Task Each_reader_sees_on_the_agenda_the_ways_in_the_session_pages_show_them_and_no_one_elses()
    {
        var forum = await ReleaseForum.CreateAsync(app, "UTC", DateOnly.FromDateTime(DateTime.UtcNow));
        var other = await ReleaseForum.CreateAsync(app, "UTC", DateOnly.FromDateTime(DateTime.UtcNow));
        var soon = DateTime.UtcNow.AddMinutes(5);
        var start = new DateTime(soon.Year, soon.Month, soon.Day, soon.Hour, soon.Minute, 0, DateTimeKind.Utc);
        // In the hall, whose room link is the way in unless the session has its own; in the annex, only their own.
        var hallSoon = await forum.SessionAsync(1, "Hall soon", start);
        var annexSoon = await forum.SessionAsync(2, "Annex soon", start, room: 1);
        var annexLater = await forum.SessionAsync(3, "Annex later", start.AddHours(2), room: 1);
        var hallLater = await forum.SessionAsync(4, "Hall later", start.AddHours(2));
        var unlinked = await forum.SessionAsync(5, "Annex unlinked", start.AddHours(4), room: 1);
        var passcodes = new[] { hallSoon, annexSoon, annexLater }.ToDictionary(s => s.Id, _ => $"pc-{Guid.NewGuid():N}"[..16]);
        await app.InDbAsync(async db =>
        {
            db.JoinLinks.Add(new Plenary.Features.Registrations.JoinLink { ForumId = forum.ForumId, RoomId = forum.Rooms[0], Url = "https://meet.example.org/hall", Passcode = passcodes[hallSoon.Id] });
            db.JoinLinks.Add(new Plenary.Features.Registrations.JoinLink { ForumId = forum.ForumId, SessionId = annexSoon.Id, Url = "https://meet.example.org/annex-soon", Passcode = passcodes[annexSoon.Id] });
            db.JoinLinks.Add(new Plenary.Features.Registrations.JoinLink { ForumId = forum.ForumId, SessionId = annexLater.Id, Url = "https://meet.example.org/annex-later", Passcode = passcodes[annexLater.Id] });
            await db.SaveChangesAsync();
        });
        await app.ReleaseTimetableAsync(forum.Slug);
        var all = new[] { hallSoon, annexSoon, annexLater, hallLater, unlinked };
        var linked = all.Where(s => s != unlinked).Select(s => s.Id).ToHashSet();

        using var approved = await ReaderAsync((db, id, person) => RegisterAsync(db, forum.ForumId, id, person, Plenary.Features.Registrations.RegistrationStatus.Approved));
        // A rapporteur of one session, approved and running the Secretariat elsewhere but only pending here.
        using var rapporteur = await ReaderAsync(async (db, id, person) =>
        {
            await RegisterAsync(db, forum.ForumId, id, person, Plenary.Features.Registrations.RegistrationStatus.Pending);
            await RegisterAsync(db, other.ForumId, id, person, Plenary.Features.Registrations.RegistrationStatus.Approved);
            db.ForumMembers.Add(new Plenary.Kernel.Access.ForumMember { ForumId = other.ForumId, AccountId = id, Role = Plenary.Kernel.Access.ForumRole.Secretariat, AddedAt = DateTime.UtcNow });
            db.SessionRoles.Add(new SessionRole { SessionId = annexLater.Id, PersonId = person, Kind = SessionRoleKind.Rapporteur, Mode = ParticipationMode.Online, Position = 100 });
            await db.SaveChangesAsync();
        });
        using var stranger = await ReaderAsync((_, _, _) => Task.CompletedTask);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var readers = new (string Name, HttpClient Client, HashSet<int> Sees)[]
        {
            ("approved participant", approved, linked),
            ("rapporteur of one session", rapporteur, [annexLater.Id]),
            ("unregistered stranger", stranger, []),
            ("the forum's Secretariat", secretariat, linked),
        };
        foreach (var (name, client, _) in readers)
        {
            foreach (var s in all)
            {
                await ReleaseTests.SaveAsync(client, forum.Slug, s.Id);
            }
        }

        foreach (var (name, client, sees) in readers)
        {
            var agenda = await PlenaryApp.ParseAsync(await client.GetAsync($"/{forum.Slug}/agenda"));
            var items = agenda.QuerySelectorAll("ol.sessions > li").ToDictionary(li => li.QuerySelector("h3")!.TextContent.Trim());
            items.Count.ShouldBe(all.Length, name);
            foreach (var s in all)
            {
                var onAgenda = items[$"WS #{s.Number} {s.Title}"].QuerySelector(".join");
                var onPage = (await PlenaryApp.ParseAsync(await client.GetAsync($"/{forum.Slug}/sessions/{s.Key}"))).QuerySelector(".join");
                (onAgenda is not null).ShouldBe(sees.Contains(s.Id), $"{name}, {s.Title}");
                onAgenda?.TextContent.Trim().ShouldBe(onPage?.TextContent.Trim(), $"{name}, {s.Title}: the agenda and the session page apply one rule");
                (onPage is not null).ShouldBe(sees.Contains(s.Id), $"{name}, {s.Title} on its page");
            }
            foreach (var (id, passcode) in passcodes)
            {
                // Only sessions starting soon show their passcode (the way in is open); the later one says when it opens.
                var shown = sees.Contains(id) && id != annexLater.Id;
                agenda.Body!.InnerHtml.Contains(passcode, StringComparison.Ordinal).ShouldBe(shown, $"{name}, passcode of session {id}");
            }
        }
    }

    /// <summary>A new signed-in account, set up first (its account id and its own person's).</summary>
    private Task<HttpClient> ReaderAsync(Func<Plenary.Infrastructure.Data.PlenaryDb, int, int, Task> setUp) =>
        app.SignedInVisitorAsync($"ag{Guid.NewGuid():N}@example.org", async (db, id) =>
            await setUp(db, id, await db.Users.Where(a => a.Id == id).Select(a => a.PersonId).SingleAsync()));

    private static async Task RegisterAsync(Plenary.Infrastructure.Data.PlenaryDb db, int forumId, int account, int person, Plenary.Features.Registrations.RegistrationStatus status)
    {
        db.Registrations.Add(new Plenary.Features.Registrations.Registration
        {
            ForumId = forumId, AccountId = account, PersonId = person, Mode = Plenary.Features.Registrations.AttendanceMode.Online, Status = status,
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, BadgeSecret = Guid.NewGuid().ToString("N")[..12],
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Makes a new secret link on the agenda page and returns its path, as the person would copy it.</summary>
    private static async Task<string> FeedPathAsync(HttpClient visitor, string forum)
    {
        var made = await PlenaryApp.SubmitFormAsync(visitor, $"/{forum}/agenda", new Dictionary<string, string>(), $"/{forum}/agenda?handler=Feed");
        made.StatusCode.ShouldBe(HttpStatusCode.OK);
        return new Uri((await PlenaryApp.ParseAsync(made)).QuerySelector("#feed")!.GetAttribute("value")!).PathAndQuery;
    }
}

[Collection("sqlite")]
public sealed class AgendaOnSqlite(SqliteApp app) : AgendaTests(app);

[Collection("postgres")]
public sealed class AgendaOnPostgres(PostgresApp app) : AgendaTests(app);
