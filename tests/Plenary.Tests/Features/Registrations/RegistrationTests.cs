using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Registrations;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;
using Plenary.Tests.Infrastructure.Web;

namespace Plenary.Tests.Features.Registrations;

/// <summary>
/// Registering for a forum, the Secretariat's approval, badges read at the door, and join links that only the right
/// people ever see.
/// </summary>
public abstract class RegistrationTests(PlenaryApp app)
{
    private const string Forum = "igf2022";

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient visitor, params (string Key, string Value)[] fields) =>
        PlenaryApp.SubmitFormAsync(visitor, $"/{Forum}/register", fields.ToDictionary(f => f.Key, f => f.Value));

    /// <summary>A forum of its own per test that changes registration settings, so tests sharing the app never see each other's.</summary>
    private async Task<string> ForumOfItsOwnAsync(bool needsApproval, DateTime? closesAt = null) => (await OwnForumAsync(needsApproval, closesAt)).Slug;

    private async Task<OwnForum> OwnForumAsync(bool needsApproval, DateTime? closesAt = null)
    {
        var forum = await app.ForumOfItsOwnAsync("reg", shape: f =>
        {
            (f.Name, f.Theme, f.Languages) = ($"Regional IGF {f.Slug}", "Registration", ["en", "fr", "sw"]);
            f.Rooms = [new Plenary.Features.Rooms.Room { Name = "Plenary Hall", Capacity = 500, Position = 1 }];
        });
        await app.InDbAsync(async db =>
        {
            db.RegistrationSettings.Add(new RegistrationSettings { ForumId = forum.Id, NeedsApproval = needsApproval, ClosesAt = closesAt });
            await db.SaveChangesAsync();
        });
        return forum;
    }

    private async Task<string> LastMailAsync(string email) =>
        await app.InDbAsync(db => db.Outbox.Where(m => m.To == email && m.Purpose == "registration").OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstAsync());

    [Fact]
    public async Task test_registering_prefills_from_the_profile_confirms_at_once_and_gives_a_badge()
    {
        var email = $"reg{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        var form = await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{Forum}/register"));
        form.QuerySelector("input[name='Form.Mode'][value=Onsite]")!.HasAttribute("checked").ShouldBeTrue();

        var registered = await RegisterAsync(visitor, ("Form.Mode", "Onsite"), ("Form.StakeholderGroup", "CivilSociety"), ("Form.Country", "SN"), ("Form.Languages", "fr"));
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(registered)).QuerySelector(".errors")?.TextContent);
        var registration = await app.InDbAsync(db => db.Registrations.SingleAsync(r => r.ForumId == db.Forums.Single(f => f.Slug == Forum).Id && r.AccountId == db.Users.Single(a => a.Email == email).Id));
        registration.Status.ShouldBe(RegistrationStatus.Approved);
        (await LastMailAsync(email)).ShouldContain(registration.BadgeCode);

        var badge = await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{Forum}/badge"));
        badge.QuerySelector(".badge code")!.TextContent.ShouldBe(registration.BadgeCode);
        badge.QuerySelector(".badge svg[role=img]").ShouldNotBeNull();

        // Registering again changes the one registration; it does not make a second.
        (await RegisterAsync(visitor, ("Form.Mode", "RemoteHub"), ("Form.HubName", "Dakar community hub"), ("Form.HubHeadcount", "35")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await app.InDbAsync(db => db.Registrations.Where(r => r.AccountId == registration.AccountId).ToListAsync());
        again.Single().Mode.ShouldBe(AttendanceMode.RemoteHub);
        again.Single().HubHeadcount.ShouldBe(35);
    }

    [Fact]
    public async Task test_the_secretariat_approves_or_declines_with_a_reason_and_the_person_is_told()
    {
        var forum = await ForumOfItsOwnAsync(needsApproval: true);
        var email = $"ap{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        (await PlenaryApp.SubmitFormAsync(visitor, $"/{forum}/register", new Dictionary<string, string> { ["Form.Mode"] = "Onsite" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LastMailAsync(email)).ShouldContain("approves each one");
        (await visitor.GetAsync($"/{forum}/badge")).Headers.Location!.OriginalString.ShouldBe($"/{forum}/register");
        var id = await app.InDbAsync(db => db.Registrations.Where(r => r.ForumId == db.Forums.Single(f => f.Slug == forum).Id).Select(r => r.Id).SingleAsync());

        using var secretariat = await app.SecretariatOfAsync(forum);
        var page = $"/{forum}/manage/registrations";
        var noReason = await PlenaryApp.SubmitFormAsync(secretariat, page, new Dictionary<string, string> { ["decision"] = "decline" }, $"{page}?handler=Decide&registration={id}");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(noReason)).QuerySelector(".errors")!.TextContent.ShouldContain("Give the reason for declining");

        (await PlenaryApp.SubmitFormAsync(secretariat, page, new Dictionary<string, string> { ["decision"] = "decline", ["reason"] = "The venue is full; please join online." }, $"{page}?handler=Decide&registration={id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LastMailAsync(email)).ShouldContain("The venue is full; please join online.");
        (await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum}/register"))).QuerySelector(".registration")!.TextContent.ShouldContain("The venue is full");

        (await PlenaryApp.SubmitFormAsync(secretariat, page, new Dictionary<string, string> { ["decision"] = "approve" }, $"{page}?handler=Decide&registration={id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var code = await app.InDbAsync(db => db.Registrations.SingleAsync(r => r.Id == id));
        (await LastMailAsync(email)).ShouldContain(code.BadgeCode);
        (await visitor.GetAsync($"/{forum}/badge")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var actions = await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == db.Forums.Single(f => f.Slug == forum).Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        actions.ShouldBe(["registration.add", "registration.decline", "registration.approve"]);
        (await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == db.Forums.Single(f => f.Slug == forum).Id).AnyAsync(e => e.After!.Contains(code.BadgeSecret)))).ShouldBeFalse();
    }

    /// <summary>
    /// Enter in a reason presses the decision form's first submit button (HTML's implicit submission). Approving and
    /// declining both count, so that button is neither: the desk comes back asking to choose, the reason still typed.
    /// </summary>
    [Fact]
    public async Task test_enter_in_a_reason_decides_nothing_and_gives_the_reason_back()
    {
        var forum = await ForumOfItsOwnAsync(needsApproval: true);
        var email = $"enter{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        (await PlenaryApp.SubmitFormAsync(visitor, $"/{forum}/register", new Dictionary<string, string> { ["Form.Mode"] = "Onsite" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.InDbAsync(db => db.Registrations.Where(r => r.ForumId == db.Forums.Single(f => f.Slug == forum).Id).Select(r => r.Id).SingleAsync());
        var mails = await app.InDbAsync(db => db.Outbox.CountAsync(m => m.To == email));

        using var secretariat = await app.SecretariatOfAsync(forum);
        var page = $"/{forum}/manage/registrations";
        var form = (await PlenaryApp.ParseAsync(await secretariat.GetAsync(page))).QuerySelector($"#reason-{id}")!.Closest("form")!;
        var enter = ImplicitSubmission.DefaultButton(form);
        enter.HasAttribute("name").ShouldBeFalse("the default button carries no decision");
        ImplicitSubmission.IsHiddenDefault(enter).ShouldBeTrue("people see and press only Approve and Decline");

        // What the browser posts then: the reason typed, and no decision.
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, page, new Dictionary<string, string> { ["reason"] = "The venue is full; please join online." },
            ImplicitSubmission.Target(form, enter));
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var shown = await PlenaryApp.ParseAsync(answer);
        shown.QuerySelector(".errors")!.TextContent.ShouldContain("Nothing is decided yet: press Approve or Decline.");
        shown.QuerySelector($"#reason-{id}")!.GetAttribute("value").ShouldBe("The venue is full; please join online.");
        shown.QuerySelector($"#reason-{id}")!.GetAttribute("aria-invalid").ShouldBe("true");
        // The settings form on the same page shows what is saved, not blank fields a later save would write.
        shown.QuerySelector("input[name=NeedsApproval]")!.HasAttribute("checked").ShouldBeTrue();
        (await app.InDbAsync(db => db.Registrations.SingleAsync(r => r.Id == id))).Status.ShouldBe(RegistrationStatus.Pending);
        (await app.InDbAsync(db => db.Outbox.CountAsync(m => m.To == email))).ShouldBe(mails);
    }

    [Fact]
    public async Task test_registration_after_closing_is_refused_with_the_closing_time_but_an_existing_one_can_change()
    {
        var forum = await ForumOfItsOwnAsync(needsApproval: false, closesAt: DateTime.UtcNow.AddDays(-1));
        using var late = await app.SignedInVisitorAsync($"late{Guid.NewGuid():N}@example.org");
        var refused = await PlenaryApp.SubmitFormAsync(late, $"/{forum}/register", new Dictionary<string, string> { ["Form.Mode"] = "Online" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector(".errors")!.TextContent.ShouldContain("Registration closed on");
        (await app.InDbAsync(db => db.Registrations.AnyAsync(r => r.ForumId == db.Forums.Single(f => f.Slug == forum).Id))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Form.Mode", "Teleport", "Choose onsite, online or a remote hub")]
    [InlineData("Form.HubHeadcount", "many", "number of people at the hub")]
    [InlineData("Form.HubHeadcount", "-5", "number of people at the hub")]
    [InlineData("Form.Languages", "xx", "Choose from the list")]
    [InlineData("Form.Country", "ZZ", "country from the list")]
    [InlineData("Form.Gender", "7", "Choose from the list")]
    public async Task test_bad_registration_is_named_and_nothing_is_saved(string field, string value, string message)
    {
        using var visitor = await app.SignedInVisitorAsync($"bad{Guid.NewGuid():N}@example.org");
        var fields = new Dictionary<string, string> { ["Form.Mode"] = "RemoteHub", ["Form.HubName"] = "Lagos hub", ["Form.HubHeadcount"] = "12", [field] = value };
        var answer = await PlenaryApp.SubmitFormAsync(visitor, $"/{Forum}/register", fields);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector(".errors")!.TextContent.ShouldContain(message);
        page.QuerySelector("#hub")!.GetAttribute("value").ShouldBe("Lagos hub", "what was typed is shown again");
        (await app.InDbAsync(db => db.Registrations.CountAsync(r => r.ForumId == db.Forums.Single(f => f.Slug == Forum).Id && db.Users.Any(a => a.Id == r.AccountId && a.Email!.StartsWith("bad"))))).ShouldBe(0);
    }

    [Fact]
    public async Task test_a_badge_checks_in_once_a_day_and_no_forged_or_foreign_code_gets_through()
    {
        var forum = await ForumOfItsOwnAsync(needsApproval: false);
        var other = await ForumOfItsOwnAsync(needsApproval: false);
        using var person = await app.SignedInVisitorAsync($"door{Guid.NewGuid():N}@example.org");
        (await PlenaryApp.SubmitFormAsync(person, $"/{forum}/register", new Dictionary<string, string> { ["Form.Mode"] = "Onsite" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PlenaryApp.SubmitFormAsync(person, $"/{other}/register", new Dictionary<string, string> { ["Form.Mode"] = "Onsite" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var registration = await app.InDbAsync(db => db.Registrations.SingleAsync(r => r.ForumId == db.Forums.Single(f => f.Slug == forum).Id));
        var foreign = await app.InDbAsync(db => db.Registrations.SingleAsync(r => r.ForumId == db.Forums.Single(f => f.Slug == other).Id));
        using var desk = await app.SecretariatOfAsync(forum);
        async Task<(HttpStatusCode, string)> ReadAsync(string code)
        {
            var answer = await PlenaryApp.SubmitFormAsync(desk, $"/{forum}/manage/check-in", new Dictionary<string, string> { ["Code"] = code });
            return (answer.StatusCode, (await PlenaryApp.ParseAsync(answer)).QuerySelector("main [role]")!.TextContent);
        }

        var (status, message) = await ReadAsync(registration.BadgeCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        status.ShouldBe(HttpStatusCode.OK);
        message.ShouldStartWith("Welcome");
        (status, message) = await ReadAsync(registration.BadgeCode);
        status.ShouldBe(HttpStatusCode.Conflict);
        message.ShouldContain("already checked in here today");

        var forged = $"R{registration.Id}-AAAA-AAAA-AAAA";
        (status, message) = await ReadAsync(forged);
        (status, message.Contains("No registration", StringComparison.Ordinal)).ShouldBe((HttpStatusCode.NotFound, true));
        (status, message) = await ReadAsync(foreign.BadgeCode);
        (status, message.Contains("No registration", StringComparison.Ordinal)).ShouldBe((HttpStatusCode.NotFound, true), "a badge of another forum");
        (status, message) = await ReadAsync("hello");
        (status, message.Contains("not a badge code", StringComparison.Ordinal)).ShouldBe((HttpStatusCode.NotFound, true));

        var arrivals = await app.InDbAsync(db => db.CheckIns.Where(c => c.ForumId == db.Forums.Single(f => f.Slug == forum).Id).ToListAsync());
        arrivals.Count.ShouldBe(1);
        (await PlenaryApp.ParseAsync(await desk.GetAsync($"/{forum}/manage/registrations"))).QuerySelector("table.rooms caption")!.TextContent.ShouldContain("Arrivals");
    }

    [Fact]
    public async Task test_only_the_check_in_desk_may_use_the_camera()
    {
        using var desk = await app.SecretariatOfAsync(Forum);
        using var atTheDesk = await desk.GetAsync($"/{Forum}/manage/check-in");
        atTheDesk.Headers.GetValues("Permissions-Policy").Single().ShouldStartWith("camera=(self)");
        using var elsewhere = await desk.GetAsync($"/{Forum}/manage/registrations");
        elsewhere.Headers.GetValues("Permissions-Policy").Single().ShouldStartWith("camera=()");
    }

    [Fact]
    public async Task test_waiting_and_online_registrations_are_sent_to_the_desk()
    {
        var forum = await ForumOfItsOwnAsync(needsApproval: true);
        using var waiting = await app.SignedInVisitorAsync($"wait{Guid.NewGuid():N}@example.org");
        (await PlenaryApp.SubmitFormAsync(waiting, $"/{forum}/register", new Dictionary<string, string> { ["Form.Mode"] = "Onsite" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var registration = await app.InDbAsync(db => db.Registrations.SingleAsync(r => r.ForumId == db.Forums.Single(f => f.Slug == forum).Id));
        using var desk = await app.SecretariatOfAsync(forum);
        var answer = await PlenaryApp.SubmitFormAsync(desk, $"/{forum}/manage/check-in", new Dictionary<string, string> { ["Code"] = registration.BadgeCode });
        answer.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("main [role]")!.TextContent.ShouldContain("waiting for approval");
        (await app.InDbAsync(db => db.CheckIns.AnyAsync(c => c.RegistrationId == registration.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task test_join_links_reach_approved_participants_and_the_sessions_people_only_and_never_public_pages_the_api_or_the_log()
    {
        // Released and registered for: a forum of its own, so the demo forum's timetable and registrations stay as they are.
        var own = await OwnForumAsync(needsApproval: false);
        var forum = own.Slug;
        var session = await app.UnscheduledSessionAsync(own, "WS", 9801, "A hybrid session with a way in online");
        var url = $"https://meet.example.org/j/{Guid.NewGuid():N}";
        var passcode = $"pc{Guid.NewGuid():N}"[..10];
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        (await PlenaryApp.SubmitFormAsync(organiser, $"/{forum}/sessions/{session.Key}/edit", new Dictionary<string, string> { ["MeetingUrl"] = "javascript:alert(1)" },
            $"/{forum}/sessions/{session.Key}/edit?handler=JoinLink")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.SubmitFormAsync(organiser, $"/{forum}/sessions/{session.Key}/edit", new Dictionary<string, string> { ["MeetingUrl"] = url, ["Passcode"] = passcode },
            $"/{forum}/sessions/{session.Key}/edit?handler=JoinLink")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Starts in five minutes: the way in is open.
        var starts = DateTime.UtcNow.AddMinutes(5);
        var room = await app.InDbAsync(db => db.Rooms.Where(r => r.ForumId == db.Forums.Single(f => f.Slug == forum).Id).Select(r => r.Id).FirstAsync());
        await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.StartsAt, starts).SetProperty(s => s.EndsAt, starts.AddHours(1)).SetProperty(s => s.RoomId, room)));
        using var secretariat = await app.SecretariatOfAsync(forum);
        // Released, so that its public page and calendar exist (and are checked for leaks).
        await app.ReleaseTimetableAsync(forum);

        using var approved = await app.SignedInVisitorAsync($"in{Guid.NewGuid():N}@example.org");
        (await PlenaryApp.SubmitFormAsync(approved, $"/{forum}/register", new Dictionary<string, string> { ["Form.Mode"] = "Online" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var unregistered = await app.SignedInVisitorAsync($"out{Guid.NewGuid():N}@example.org");
        using var speaker = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Speaker, ParticipationMode.Online);

        foreach (var (who, client) in new[] { ("approved participant", approved), ("speaker", speaker), ("organiser", organiser) })
        {
            var page = await PlenaryApp.ParseAsync(await client.GetAsync($"/{forum}/sessions/{session.Key}"));
            // The button goes through Plenary (which notes the presence for the certificate of attendance) to the meeting.
            var join = (page.QuerySelector(".join a.button") ?? throw new ShouldAssertException($"No Join button for the {who}.")).GetAttribute("href")!;
            join.ShouldBe($"/{forum}/sessions/{session.Key}/join", who);
            var through = await client.GetAsync(join);
            (through.StatusCode, through.Headers.Location?.ToString()).ShouldBe((HttpStatusCode.Redirect, url), who);
            page.QuerySelector(".join")!.TextContent.ShouldContain(passcode, Case.Sensitive, who);
        }
        // Only the participant registered online is attending by it; the speaker and organiser are counted by their roles.
        (await app.InDbAsync(db => db.OnlinePresences.Where(p => p.SessionId == session.Id).Select(p => p.Source).ToListAsync()))
            .ShouldBe([Plenary.Features.Certificates.PresenceSource.JoinLink]);
        // No way to the meeting through it for anyone the session page would not show the link to: back to the page.
        var refused = await unregistered.GetAsync($"/{forum}/sessions/{session.Key}/join");
        (refused.StatusCode, refused.Headers.Location?.ToString()).ShouldBe((HttpStatusCode.Redirect, $"/{forum}/sessions/{session.Key}"));
        var leaks = new List<string>();
        foreach (var (where, client, path) in new[]
        {
            ("anonymous session page", app.CreateVisitor(), $"/{forum}/sessions/{session.Key}"),
            ("unregistered session page", unregistered, $"/{forum}/sessions/{session.Key}"),
            ("programme", app.CreateVisitor(), $"/{forum}/programme"),
            ("API", app.CreateVisitor(), $"/api/forums/{forum}/sessions/{session.Key}"),
            ("API list", app.CreateVisitor(), $"/api/forums/{forum}/sessions"),
            ("speaker's public page", app.CreateVisitor(), $"/{forum}/people"),
            ("iCalendar feed", app.CreateVisitor(), $"/{forum}/schedule.ics"),
            ("session's iCalendar", app.CreateVisitor(), $"/{forum}/sessions/{session.Key}/calendar.ics"),
            ("schedule.xml", app.CreateVisitor(), $"/{forum}/schedule.xml"),
            ("schedule.json", app.CreateVisitor(), $"/{forum}/schedule.json"),
            ("schedule.csv", app.CreateVisitor(), $"/{forum}/schedule.csv"),
            ("CSV export (Secretariat's)", secretariat, $"/{forum}/manage/export/sessions.csv"),
        })
        {
            var body = await client.GetStringAsync(path);
            if (body.Contains(url, StringComparison.Ordinal) || body.Contains(passcode, StringComparison.Ordinal))
            {
                leaks.Add(where);
            }
        }
        leaks.ShouldBeEmpty();
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => (e.After ?? "").Contains(passcode) || (e.After ?? "").Contains(url)))).ShouldBeFalse("the log says a link changed, never what it is");

        // Two hours before the start, the page says when the way in opens, and shows neither link nor passcode.
        var later = DateTime.UtcNow.AddHours(2);
        await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, later).SetProperty(s => s.EndsAt, later.AddHours(1))));
        var early = await approved.GetStringAsync($"/{forum}/sessions/{session.Key}");
        early.ShouldContain("opens at");
        early.ShouldNotContain(url);
        early.ShouldNotContain(passcode);
    }

    [Fact]
    public async Task test_the_rooms_way_in_reaches_approved_participants_only_and_no_one_after_the_session_ends()
    {
        var forum = await ForumOfItsOwnAsync(needsApproval: true);
        var url = $"https://meet.example.org/room/{Guid.NewGuid():N}";
        var passcode = $"pc{Guid.NewGuid():N}"[..10];
        // Under way now (the app reads the real clock), in a room whose link stands in for a session without one of its own.
        var now = DateTime.UtcNow;
        var session = await app.InDbAsync(async db =>
        {
            var forumId = await db.Forums.Where(f => f.Slug == forum).Select(f => f.Id).SingleAsync();
            var room = await db.Rooms.Where(r => r.ForumId == forumId).Select(r => r.Id).SingleAsync();
            var type = await db.SessionTypes.Where(t => t.ForumId == forumId && t.Code == "WS").Select(t => t.Id).SingleAsync();
            var held = new Session { ForumId = forumId, TypeId = type, Number = 1, Title = "Under way with the room link", LengthMinutes = 60, RoomId = room,
                StartsAt = now.AddMinutes(-10), EndsAt = now.AddMinutes(50) };
            db.Sessions.Add(held);
            db.JoinLinks.Add(new JoinLink { ForumId = forumId, RoomId = room, Url = url, Passcode = passcode });
            await db.SaveChangesAsync();
            return held;
        });
        await app.ReleaseTimetableAsync(forum);

        // Three registrations through the register page, then the Secretariat's decisions through its own.
        using var secretariat = await app.SecretariatOfAsync(forum);
        async Task<HttpClient> RegisteredAsync(string decision)
        {
            var email = $"{decision}{Guid.NewGuid():N}@example.org";
            var visitor = await app.SignedInVisitorAsync(email);
            (await PlenaryApp.SubmitFormAsync(visitor, $"/{forum}/register", new Dictionary<string, string> { ["Form.Mode"] = "Online" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            if (decision != "pending")
            {
                var id = await app.InDbAsync(db => db.Registrations.Where(r => r.AccountId == db.Users.Single(a => a.Email == email).Id).Select(r => r.Id).SingleAsync());
                var page = $"/{forum}/manage/registrations";
                (await PlenaryApp.SubmitFormAsync(secretariat, page, new Dictionary<string, string> { ["decision"] = decision, ["reason"] = "The hall is full." },
                    $"{page}?handler=Decide&registration={id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            }
            return visitor;
        }
        using var approved = await RegisteredAsync("approve");
        using var pending = await RegisteredAsync("pending");
        using var declined = await RegisteredAsync("decline");
        (await app.InDbAsync(db => db.Registrations.Where(r => r.ForumId == db.Forums.Single(f => f.Slug == forum).Id).OrderBy(r => r.Id).Select(r => r.Status).ToListAsync()))
            .ShouldBe([RegistrationStatus.Approved, RegistrationStatus.Pending, RegistrationStatus.Declined]);

        var sessionPage = $"/{forum}/sessions/ws-1";
        var shown = await PlenaryApp.ParseAsync(await approved.GetAsync(sessionPage));
        (shown.QuerySelector(".join a.button") ?? throw new ShouldAssertException("No Join button for the approved participant.")).GetAttribute("href").ShouldBe($"{sessionPage}/join");
        (await approved.GetAsync($"{sessionPage}/join")).Headers.Location?.ToString().ShouldBe(url);
        shown.QuerySelector(".join")!.TextContent.ShouldContain(passcode);
        foreach (var (who, client) in new[] { ("pending", pending), ("declined", declined) })
        {
            using var answer = await client.GetAsync(sessionPage);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, who);
            var body = await answer.Content.ReadAsStringAsync();
            body.ShouldContain(session.Title, Case.Sensitive, who);
            body.ShouldNotContain(url, Case.Sensitive, who);
            body.ShouldNotContain(passcode, Case.Sensitive, who);
        }

        // Ended a minute ago: the way in is gone, for the approved participant too.
        await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, now.AddMinutes(-61)).SetProperty(s => s.EndsAt, now.AddMinutes(-1))));
        var after = await approved.GetStringAsync(sessionPage);
        after.ShouldContain(session.Title);
        after.ShouldNotContain(url);
        after.ShouldNotContain(passcode);
    }

    [Theory]
    [InlineData("R12-ABCD-EFGH-JKMN", 12, "ABCDEFGHJKMN")]
    [InlineData("r12 abcd efgh jkmn", 12, "ABCDEFGHJKMN")]
    [InlineData("R4021ABCDEFGHJKMN", 4021, "ABCDEFGHJKMN")]
    public void test_badge_codes_are_read_as_people_type_them(string typed, int id, string secret)
    {
        Plenary.Features.Registrations.Registration.TryParseBadge(typed, out var readId, out var readSecret).ShouldBeTrue();
        (readId, readSecret).ShouldBe((id, secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("R-ABCD-EFGH-JKMN")]
    [InlineData("X12-ABCD-EFGH-JKMN")]
    [InlineData("R12-ABCD")]
    public void test_what_is_not_a_badge_code_is_refused(string typed) =>
        Plenary.Features.Registrations.Registration.TryParseBadge(typed, out _, out _).ShouldBeFalse();
}

[Collection("sqlite")]
public sealed class RegistrationOnSqlite(SqliteApp app) : RegistrationTests(app);

[Collection("postgres")]
public sealed class RegistrationOnPostgres(PostgresApp app) : RegistrationTests(app);

/// <summary>Registering by API token: the page's rules and answers as problem details.</summary>
public abstract class RegistrationApiTests(PlenaryApp app)
{
    [Fact]
    public async Task test_a_person_registers_by_api_and_reads_their_badge_code()
    {
        using var visitor = await app.SignedInVisitorAsync($"api{Guid.NewGuid():N}@example.org");
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(visitor));
        (await api.GetAsync("/api/forums/igf2022/registration")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var bad = await api.PutAsJsonAsync("/api/forums/igf2022/registration", new { mode = "RemoteHub", hubHeadcount = 0 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = System.Text.Json.JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["hub", "headcount"], ignoreOrder: true);

        var saved = await api.PutAsJsonAsync("/api/forums/igf2022/registration", new { mode = "Onsite", stakeholderGroup = "Academia", languages = new[] { "en" } });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var json = System.Text.Json.JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("status").GetString().ShouldBe("Approved");
        var code = json.GetProperty("badgeCode").GetString()!;
        Plenary.Features.Registrations.Registration.TryParseBadge(code, out var id, out _).ShouldBeTrue();
        id.ShouldBe(json.GetProperty("id").GetInt32());
        (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/forums/igf2022/registration")).GetProperty("badgeCode").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task test_the_same_person_registering_twice_at_once_gets_one_registration()
    {
        var email = $"twice{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(visitor));
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.PutAsJsonAsync("/api/forums/igf2022/registration", new { mode = "Online" })));
        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);
        (await app.InDbAsync(db => db.Registrations.CountAsync(r => db.Users.Any(a => a.Id == r.AccountId && a.Email == email)))).ShouldBe(1);
    }
}

[Collection("sqlite")]
public sealed class RegistrationApiOnSqlite(SqliteApp app) : RegistrationApiTests(app);

[Collection("postgres")]
public sealed class RegistrationApiOnPostgres(PostgresApp app) : RegistrationApiTests(app);
