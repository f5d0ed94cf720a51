using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sessions;

/// <summary>
/// The Secretariat creates and places sessions; an organiser changes their own session's text, SDGs and people but not
/// its place in the timetable; every change is audited and public at once; bad input is named and changes nothing.
/// </summary>
public abstract class SessionEditingTests(PlenaryApp app)
{
    private static Dictionary<string, string> Fields(string title, params (string Key, string Value)[] more)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = title, ["Form.Format"] = "RoundTable", ["Form.Layout"] = "Circle", ["Form.Subtheme"] = "", ["Form.Description"] = "What we will **discuss**.",
            ["Form.Approach"] = "", ["Form.SdgText"] = "", ["TargetsText"] = "", ["TagsText"] = "",
        };
        foreach (var (key, value) in more)
        {
            fields[key] = value;
        }
        return fields;
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient visitor, string key, Dictionary<string, string> fields, string forum) =>
        PlenaryApp.SubmitFormAsync(visitor, $"/{forum}/sessions/{key}/edit", fields, $"/{forum}/sessions/{key}/edit?handler=Save");

    private static Task<HttpResponseMessage> AddPersonAsync(HttpClient visitor, string key, Dictionary<string, string> fields, string forum) =>
        PlenaryApp.SubmitFormAsync(visitor, $"/{forum}/sessions/{key}/edit", fields, $"/{forum}/sessions/{key}/edit?handler=AddRole");

    [Fact]
    public async Task test_secretariat_creates_a_session_in_the_timetable_which_is_public_and_audited()
    {
        // A forum in Addis Ababa (UTC+3 all year) over the demo's dates.
        var forum = await app.ForumOfItsOwnAsync("create", days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28),
            // 2021, from when screening took the latest forum of any earlier year as the previous edition; a forum of no
            // series is now no other forum's previous edition, so the year no longer matters to the compliance tests.
            shape: f => f.Year = 2021);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        const string title = "Community networks in the Horn of Africa";
        var created = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage/sessions/new", Fields(title,
            ("Form.Type", "LT"), ("Form.LengthMinutes", "30"), ("Form.Status", "Scheduled"), ("Form.Day", "2022-12-01"), ("Form.Start", "22:30"),
            ("Form.RoomId", forum.Rooms[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Form.Sdgs", "9"), ("TargetsText", "17.8"), ("TagsText", "community networks\naccess")), $"/{forum.Slug}/manage/sessions/new?handler=Save");
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(created)).QuerySelector(".errors")?.TextContent);

        var session = await app.InDbAsync(db => db.Sessions.Include(s => s.Type).Include(s => s.Sdgs).Include(s => s.SdgTargets).Include(s => s.Tags).SingleAsync(s => s.ForumId == forum.Id));
        created.Headers.Location!.OriginalString.ShouldBe($"/{forum.Slug}/sessions/lt-1/edit#people");
        session.Type.Code.ShouldBe("LT");
        // 22:30 in Addis Ababa (UTC+3) is 19:30 UTC.
        session.StartsAt.ShouldBe(new DateTime(2022, 12, 1, 19, 30, 0, DateTimeKind.Utc));
        session.EndsAt.ShouldBe(new DateTime(2022, 12, 1, 20, 0, 0, DateTimeKind.Utc));
        session.Sdgs.Select(g => g.Goal).Order().ShouldBe([9, 17]);
        session.SdgTargets.Select(t => t.TargetCode).ShouldBe(["17.8"]);
        session.Tags.Select(t => t.Tag).Order().ShouldBe(["access", "community networks"]);

        // Public once the timetable is released.
        await app.ReleaseTimetableAsync(forum.Slug);
        var (status, page) = await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe(title);
        (await app.GetPageAsync($"/{forum.Slug}/programme?day=2022-12-01")).Page.Body!.TextContent.ShouldContain(title);
        (await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.Id).Select(e => new { e.Action, e.Subject }).ToListAsync()))
            .ShouldBe([new { Action = "session.create", Subject = "lt-1" }]);
    }

    [Fact]
    public async Task test_organiser_changes_text_and_sdgs_of_their_session_but_not_its_place_in_the_timetable()
    {
        var forum = await app.ForumOfItsOwnAsync("organiser", unplaced: 1);
        var session = forum.Session(1);
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        var form = await PlenaryApp.ParseAsync(await organiser.GetAsync($"/{forum.Slug}/sessions/{session.Key}/edit"));
        form.QuerySelector("#day").ShouldBeNull("the timetable fields are the Secretariat's");

        const string title = "Data governance for small states";
        var room = forum.Rooms[0].Id;
        var saved = await SaveAsync(organiser, session.Key, Fields(title,
            ("Form.Sdgs", "16"), ("TargetsText", "9.c; 16.10"), ("TagsText", "data\nsmall states"),
            ("Form.Day", "2026-09-02"), ("Form.Start", "10:00"), ("Form.RoomId", room.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Form.Status", "Cancelled")), forum.Slug);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await app.InDbAsync(db => db.Sessions.Include(s => s.Sdgs).Include(s => s.SdgTargets).SingleAsync(s => s.Id == session.Id));
        after.Title.ShouldBe(title);
        after.Format.ShouldBe(SessionFormat.RoundTable);
        after.Sdgs.Select(g => g.Goal).Order().ShouldBe([9, 16]);
        after.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal).ShouldBe(["16.10", "9.c"]);
        (after.StartsAt, after.RoomId, after.Status).ShouldBe((null, null, SessionStatus.Scheduled));

        await app.ReleaseTimetableAsync(forum.Slug);
        var page = (await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}")).Page;
        page.QuerySelector("h1")!.TextContent.ShouldBe(title);
        page.QuerySelector(".description strong, strong")!.TextContent.ShouldBe("discuss");
        var entry = await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.ForumId == forum.Id && e.Action == "session.change"));
        entry.Subject.ShouldBe("ws-1");
        entry.Before!.ShouldContain(forum.Session(1).Title);
        entry.After!.ShouldContain(title);
    }

    [Fact]
    public async Task test_organiser_adds_people_by_name_choosing_among_namesakes_and_removes_them()
    {
        var forum = await app.ForumOfItsOwnAsync("people", unplaced: 1);
        var session = forum.Session(1);
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        var name = $"Tsion Bekele {Guid.NewGuid():N}"[..20];

        // A new name becomes a new person.
        (await AddPersonAsync(organiser, session.Key, new() { ["NewRole.Name"] = name, ["NewRole.Affiliation"] = "Addis Ababa University", ["NewRole.Role"] = "Speaker", ["NewRole.Mode"] = "Online" }, forum.Slug))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var first = await app.InDbAsync(db => db.People.SingleAsync(p => p.Name == name));
        first.Affiliation.ShouldBe("Addis Ababa University");
        await app.ReleaseTimetableAsync(forum.Slug);
        var page = (await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}")).Page;
        page.Body!.TextContent.ShouldContain(name);

        // A namesake elsewhere: the page asks which one instead of guessing.
        await app.InDbAsync(async db =>
        {
            db.People.Add(new Plenary.Features.People.Person { Name = name, Affiliation = "Ethio Telecom" });
            await db.SaveChangesAsync();
        });
        var ambiguous = await AddPersonAsync(organiser, session.Key, new() { ["NewRole.Name"] = name, ["NewRole.Role"] = "Rapporteur", ["NewRole.Mode"] = "Onsite" }, forum.Slug);
        ambiguous.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var choice = await PlenaryApp.ParseAsync(ambiguous);
        choice.QuerySelector("[role=alert]")!.TextContent.ShouldContain($"Several people are called {name}");
        var options = choice.QuerySelectorAll("input[name='NewRole.PersonId']");
        options.Length.ShouldBe(2);
        var telecom = await app.InDbAsync(db => db.People.SingleAsync(p => p.Name == name && p.Affiliation == "Ethio Telecom"));
        (await AddPersonAsync(organiser, session.Key, new() { ["NewRole.Name"] = name, ["NewRole.PersonId"] = telecom.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["NewRole.Role"] = "Rapporteur", ["NewRole.Mode"] = "Onsite" }, forum.Slug))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var roles = await app.InDbAsync(db => db.SessionRoles.Where(r => r.SessionId == session.Id && r.Person!.Name == name).ToListAsync());
        roles.Select(r => (r.Kind, r.PersonId)).OrderBy(r => r.Kind).ShouldBe([(SessionRoleKind.Speaker, first.Id), (SessionRoleKind.Rapporteur, telecom.Id)]);

        // The same person twice in one role is refused.
        var twice = await AddPersonAsync(organiser, session.Key, new() { ["NewRole.Name"] = name, ["NewRole.PersonId"] = first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["NewRole.Role"] = "Speaker", ["NewRole.Mode"] = "Online" }, forum.Slug);
        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(twice)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("already holds this role");

        var speaker = roles.Single(r => r.Kind == SessionRoleKind.Speaker);
        (await PlenaryApp.SubmitFormAsync(organiser, $"/{forum.Slug}/sessions/{session.Key}/edit", new Dictionary<string, string>(), $"/{forum.Slug}/sessions/{session.Key}/edit?handler=RemoveRole&role={speaker.Id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.SessionRoles.AnyAsync(r => r.Id == speaker.Id))).ShouldBeFalse();
        var actions = await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        actions.ShouldBe(["session.role.add", "session.role.add", "session.role.remove"]);
    }

    [Fact]
    public async Task test_organiser_cannot_remove_themselves_and_an_organisation_can_organise()
    {
        var own = await app.ForumOfItsOwnAsync("edit", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9103, "A session with an organising organisation");
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        var ownRole = await app.InDbAsync(db => db.SessionRoles.SingleAsync(r => r.SessionId == session.Id && r.Kind == SessionRoleKind.Organiser));
        var answer = await PlenaryApp.SubmitFormAsync(organiser, $"/{own.Slug}/sessions/{session.Key}/edit", new Dictionary<string, string>(), $"/{own.Slug}/sessions/{session.Key}/edit?handler=RemoveRole&role={ownRole.Id}");
        answer.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("cannot remove yourself");
        (await app.InDbAsync(db => db.SessionRoles.AnyAsync(r => r.Id == ownRole.Id))).ShouldBeTrue();

        var organisation = $"Internet Society Chapter {Guid.NewGuid():N}"[..34];
        (await AddPersonAsync(organiser, session.Key, new() { ["NewRole.Name"] = organisation, ["NewRole.IsOrganisation"] = "true", ["NewRole.Role"] = "Organiser", ["NewRole.Mode"] = "Onsite" }, own.Slug))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.SessionRoles.AnyAsync(r => r.SessionId == session.Id && r.Organisation!.Name == organisation))).ShouldBeTrue();
        var speakerOrganisation = await AddPersonAsync(organiser, session.Key, new() { ["NewRole.Name"] = organisation, ["NewRole.IsOrganisation"] = "true", ["NewRole.Role"] = "Speaker", ["NewRole.Mode"] = "Onsite" }, own.Slug);
        speakerOrganisation.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(speakerOrganisation)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Only organisers can be organisations");
    }

    [Fact]
    public async Task test_your_sessions_lists_each_role_and_offers_changes_only_to_organisers()
    {
        var own = await app.ForumOfItsOwnAsync("edit", placed: 1, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        var organised = await app.UnscheduledSessionAsync(own, "WS", 9107, "A session its organiser finds on their page");
        var email = $"mine{Guid.NewGuid():N}@example.org";
        using var person = await app.SignedInVisitorAsync(email, async (db, id) =>
        {
            var personId = await db.Users.Where(a => a.Id == id).Select(a => a.PersonId).SingleAsync();
            var spoken = await db.Sessions.Where(s => s.Forum.Slug == own.Slug && s.Id != organised.Id).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            db.SessionRoles.AddRange(
                new SessionRole { SessionId = organised.Id, PersonId = personId, Kind = SessionRoleKind.Organiser, Position = 90 },
                new SessionRole { SessionId = organised.Id, PersonId = personId, Kind = SessionRoleKind.Speaker, Position = 91 },
                new SessionRole { SessionId = spoken, PersonId = personId, Kind = SessionRoleKind.Speaker, Position = 92 });
            await db.SaveChangesAsync();
        });
        var page = await PlenaryApp.ParseAsync(await person.GetAsync("/account/sessions"));
        var items = page.QuerySelectorAll("ul.mine > li").ToList();
        items.Count.ShouldBe(2);
        var mine = items.Single(li => li.TextContent.Contains("A session its organiser finds on their page", StringComparison.Ordinal));
        mine.TextContent.ShouldContain("Organiser, Speaker");
        mine.QuerySelector($"a[href='/{own.Slug}/sessions/{organised.Key}/edit']").ShouldNotBeNull();
        items.Single(li => li != mine).QuerySelector("a[href$='/edit']").ShouldBeNull("a speaker does not change the session");
    }

    [Theory]
    [InlineData("Form.Title", "", "Give the session a title")]
    [InlineData("Form.Format", "Lecture", "format from the list")]
    [InlineData("Form.Layout", "7", "layout from the list")]
    [InlineData("TargetsText", "9.c, 9.z", "“9.z” is not an SDG target")]
    [InlineData("Form.Sdgs", "18", "no Sustainable Development Goal 18")]
    [InlineData("Form.Sdgs", "nine", "Choose goals from the list")]
    [InlineData("Form.Subtheme", "no-such-subtheme", "subtheme from the list")]
    [InlineData("Form.Day", "2022-12-25", "Choose a day of the forum")]
    [InlineData("Form.Start", "25:00", "start time as HH:MM")]
    [InlineData("Form.RoomId", "999999", "room from the list")]
    [InlineData("Form.LengthMinutes", "a while", "length in minutes")]
    [InlineData("Form.Status", "Postponed", "status from the list")]
    public async Task test_bad_session_input_is_named_and_nothing_changes(string field, string value, string message)
    {
        var own = await app.ForumOfItsOwnAsync("edit", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9104, "A session that bad input must not change");
        var room = await app.InDbAsync(db => db.Rooms.Select(r => r.Id).FirstAsync());
        var fields = Fields("Changed title", ("Form.LengthMinutes", "60"), ("Form.Status", "Scheduled"), ("Form.Day", "2022-11-30"), ("Form.Start", "23:00"),
            ("Form.RoomId", room.ToString(System.Globalization.CultureInfo.InvariantCulture)), (field, value));
        var answer = await SaveAsync(secretariat, session.Key, fields, own.Slug);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        var after = await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id));
        (after.Title, after.StartsAt).ShouldBe(("A session that bad input must not change", null));
    }

    [Fact]
    public async Task test_a_room_already_holding_a_session_at_that_time_is_refused_with_the_other_session_named()
    {
        var own = await app.ForumOfItsOwnAsync("edit", rooms: 2, placed: 1, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9105, "A session looking for a room");
        var busy = await app.InDbAsync(db => db.Sessions.Include(s => s.Type).Include(s => s.Room).Include(s => s.Forum)
            .FirstAsync(s => s.Forum.Slug == own.Slug && s.RoomId != null && s.Status == SessionStatus.Scheduled));
        var clock = Plenary.Infrastructure.Web.ForumClock.For(busy.Forum.TimeZoneId);
        var answer = await SaveAsync(secretariat, session.Key, Fields("A session looking for a room", ("Form.LengthMinutes", "60"), ("Form.Status", "Scheduled"),
            ("Form.Day", clock.Day(busy.StartsAt!.Value).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("Form.Start", clock.Time(busy.StartsAt!.Value)),
            ("Form.RoomId", busy.RoomId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))), own.Slug);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain($"{busy.Room!.Name} already holds {busy.NumberedName}");
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).StartsAt.ShouldBeNull();
    }

    [Fact]
    public async Task test_session_forms_reject_a_post_without_a_form_token()
    {
        var own = await app.ForumOfItsOwnAsync("edit", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9106, "A session protected from forged posts");
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        foreach (var handler in new[] { "Save", "AddRole", "RemoveRole&role=1" })
        {
            using var forged = await organiser.PostAsync($"/{own.Slug}/sessions/{session.Key}/edit?handler={handler}",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Title"] = "Forged", ["NewRole.Name"] = "Forged" }));
            forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest, handler);
        }
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        using var forgedNew = await secretariat.PostAsync($"/{own.Slug}/manage/sessions/new?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Title"] = "Forged" }));
        forgedNew.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).Title.ShouldBe("A session protected from forged posts");
        (await app.InDbAsync(db => db.Sessions.AnyAsync(s => s.Title == "Forged"))).ShouldBeFalse();
    }
}

[Collection("sqlite")]
public sealed class SessionEditingOnSqlite(SqliteApp app) : SessionEditingTests(app);

[Collection("postgres")]
public sealed class SessionEditingOnPostgres(PostgresApp app) : SessionEditingTests(app);
