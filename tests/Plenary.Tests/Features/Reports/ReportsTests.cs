using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;
using Plenary.Tests.Infrastructure.Web;

namespace Plenary.Tests.Features.Reports;

/// <summary>Writers submit a session's outputs; they are published, versioned, marked late or not, and fed as Atom.</summary>
public abstract class ReportsTests(PlenaryApp app)
{
    /// <summary>The forum of the test's session, made by <see cref="HeldSessionAsync"/>.</summary>
    private OwnForum forum = null!;

    /// <summary>
    /// A session in a forum of its own with the demo's dates and zone (28 November to 2 December 2022, Addis Ababa), held
    /// on 30 November 2022 from 10:00 to 11:00 UTC (so its takeaways are long overdue), with three speakers, released.
    /// </summary>
    private async Task<Session> HeldSessionAsync(int sessions = 1)
    {
        forum = await app.ForumOfItsOwnAsync("report", days: 5, unplaced: sessions, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28),
            // 2021, from when screening took the latest forum of any earlier year as the previous edition; a forum of no
            // series is now no other forum's previous edition, so the year no longer matters to the compliance tests.
            shape: f => f.Year = 2021);
        var session = forum.Session(1);
        await app.InDbAsync(async db =>
        {
            var start = new DateTime(2022, 11, 30, 10, 0, 0, DateTimeKind.Utc);
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, start).SetProperty(s => s.EndsAt, start.AddHours(1)));
            // Any others the same day, later, in the released timetable too.
            foreach (var later in forum.Sessions.Where(s => s.Id != session.Id))
            {
                var at = start.AddHours(2 * (later.Number - 1));
                await db.Sessions.Where(s => s.Id == later.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, at).SetProperty(s => s.EndsAt, at.AddHours(1)));
            }
            var people = await db.People.OrderBy(p => p.Id).Select(p => p.Id).Take(3).ToListAsync();
            var position = 0;
            foreach (var person in people)
            {
                db.SessionRoles.Add(new SessionRole { SessionId = session.Id, PersonId = person, Kind = SessionRoleKind.Speaker, Position = ++position });
            }
            await db.SaveChangesAsync();
        });
        // Its page is public once the timetable holding it is released.
        await app.ReleaseTimetableAsync(forum.Slug);
        return session;
    }

    private string Page(Session s) => $"/{forum.Slug}/sessions/{s.Key}/report";

    private Task<HttpResponseMessage> PostAsync(HttpClient visitor, Session s, string handler, Dictionary<string, string> fields) =>
        PlenaryApp.SubmitFormAsync(visitor, Page(s), fields, $"{Page(s)}?handler={handler}");

    [Fact]
    public async Task Rapporteur_submits_takeaways_they_are_public_marked_late_and_a_second_edit_is_a_new_version()
    {
        var session = await HeldSessionAsync();
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);

        var answer = await PostAsync(rapporteur, session, "SubmitTakeaways", new()
        {
            ["Form.Takeaway1"] = "Connectivity must reach the last mile.",
            ["Form.Takeaway2"] = "Data governance needs all stakeholders.",
            ["Form.Action1"] = "Fund community networks.", ["Form.Action1For"] = "Governments",
        });
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var takeaways = await app.InDbAsync(db => db.Takeaways.Where(t => t.SessionId == session.Id).ToListAsync());
        takeaways = takeaways.OrderBy(t => t.Kind).ThenBy(t => t.Position).ToList();
        takeaways.Select(t => (t.Kind, t.Position, t.Text, t.Addressee)).ShouldBe([
            (TakeawayKind.KeyTakeaway, 1, "Connectivity must reach the last mile.", null),
            (TakeawayKind.KeyTakeaway, 2, "Data governance needs all stakeholders.", null),
            (TakeawayKind.CallToAction, 1, "Fund community networks.", CallToActionAddressee.Governments)]);
        var reporting = await app.InDbAsync(db => db.SessionReporting.SingleAsync(r => r.SessionId == session.Id));
        reporting.TakeawaysDueAt.ShouldBe(new DateTime(2022, 11, 30, 13, 0, 0, DateTimeKind.Utc));
        reporting.TakeawaysLate.ShouldBeTrue();

        var (_, page) = await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}");
        page.QuerySelector("#takeaways")!.ParentElement!.TextContent.ShouldContain("Connectivity must reach the last mile.");
        page.QuerySelector("#calls")!.ParentElement!.TextContent.ShouldContain("Governments");
        var (_, _, json) = await app.GetJsonAsync($"/api/forums/{forum.Slug}/sessions/{session.Key}");
        json.GetProperty("keyTakeaways").GetArrayLength().ShouldBe(2);
        json.GetProperty("callsToAction")[0].GetProperty("addressee").ToString().ShouldBe("Governments");

        (await PostAsync(rapporteur, session, "SubmitTakeaways", new() { ["Form.Takeaway1"] = "Connectivity must reach the last mile, offline too." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var versions = await app.InDbAsync(db => db.OutputVersions.Where(v => v.SessionId == session.Id).OrderBy(v => v.Number).ToListAsync());
        versions.Select(v => (v.Part, v.Number)).ShouldBe([(OutputPart.Takeaways, 1), (OutputPart.Takeaways, 2)]);
        versions[0].Content.ShouldContain("Data governance needs all stakeholders.");
        versions[1].Content.ShouldNotContain("Data governance");
        (await app.InDbAsync(db => db.Takeaways.CountAsync(t => t.SessionId == session.Id))).ShouldBe(1);
        // The first submission's lateness stays what it was.
        (await app.InDbAsync(db => db.SessionReporting.SingleAsync(r => r.SessionId == session.Id))).TakeawaysSubmittedAt.ShouldBe(reporting.TakeawaysSubmittedAt);

        // The history is the Secretariat's, not the writer's.
        (await rapporteur.GetAsync($"{Page(session)}/history")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var shown = await secretariat.GetAsync($"{Page(session)}/history");
        shown.StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = await PlenaryApp.ParseAsync(shown);
        history.QuerySelectorAll("article.version").Length.ShouldBe(2);
        history.Body!.TextContent.ShouldContain("Amina Diallo");
        history.Body.TextContent.ShouldContain("Data governance needs all stakeholders.");
        history.QuerySelectorAll(".late").Length.ShouldBe(2);
    }

    [Fact]
    public async Task A_takeaway_submitted_shows_at_once_on_its_session_page_and_the_listings_while_the_programme_and_other_sessions_stay_cached()
    {
        var session = await HeldSessionAsync(sessions: 2);
        var other = forum.Session(2);
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        const string takeaway = "Community networks reach where operators do not.";
        async Task<string> TitleAsync(Session s) => (await app.GetPageAsync($"/{forum.Slug}/sessions/{s.Key}")).Page.QuerySelector("h1")!.TextContent;
        async Task<(string Page, int Api, string Feed, string Programme, string Other)> ShownAsync() =>
            ((await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}")).Page.Body!.TextContent,
             (await app.GetJsonAsync($"/api/forums/{forum.Slug}/sessions/{session.Key}")).Json.GetProperty("keyTakeaways").GetArrayLength(),
             await app.Client.GetStringAsync($"/{forum.Slug}/reports.atom"),
             (await app.GetPageAsync($"/{forum.Slug}/programme")).Page.Body!.TextContent,
             await TitleAsync(other));
        var before = await ShownAsync();
        before.Page.ShouldNotContain(takeaway);
        before.Api.ShouldBe(0);
        before.Feed.ShouldNotContain(takeaway);
        before.Other.ShouldBe(other.Title);
        // Behind the cache's back: the programme and the other session's page, still served, show that the takeaway below
        // did not evict them.
        await app.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Sessions\" SET \"Title\" = 'Renamed behind the cache' WHERE \"Id\" = {other.Id}"));
        var cache = app.Services.GetRequiredService<Plenary.Kernel.Caching.PublicCache>();
        var outputEvictions = cache.OutputEvictions;

        (await PostAsync(rapporteur, session, "SubmitTakeaways", new() { ["Form.Takeaway1"] = takeaway })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await ShownAsync();
        after.Page.ShouldContain(takeaway);
        after.Api.ShouldBe(1);
        after.Feed.ShouldContain(takeaway);
        after.Programme.ShouldContain(other.Title);
        after.Programme.ShouldNotContain("Renamed behind the cache");
        after.Other.ShouldBe(other.Title);
        cache.OutputEvictions.ShouldBeGreaterThan(outputEvictions);
        await app.EvictPublicCacheAsync();
        (await TitleAsync(other)).ShouldBe("Renamed behind the cache");
    }

    [Fact]
    public async Task Organiser_submits_the_session_and_gender_reports_and_they_show_on_the_page_and_in_the_api()
    {
        var session = await HeldSessionAsync();
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        (await PostAsync(organiser, session, "SubmitReport", new()
        {
            ["Form.KeyIssues"] = "Cross-border data flows.", ["Form.Discussion"] = "Speakers disagreed on localisation.",
            ["Form.WayForward"] = "A follow-up workshop.", ["Form.Onsite"] = "40", ["Form.Online"] = "25",
            ["Form.Participants"] = "65", ["Form.WomenPercent"] = "45 %", ["Form.WomenSpeakers"] = "2", ["Form.GenderTopic"] = "yes",
            ["Form.GenderNarrative"] = "A speaker addressed women's access to digital trade.",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var report = await app.InDbAsync(db => db.SessionReports.SingleAsync(r => r.SessionId == session.Id));
        (report.KeyIssues, report.Body, report.OnsiteParticipants, report.OnlineParticipants).ShouldBe(("Cross-border data flows.", "Speakers disagreed on localisation.", 40, 25));
        var gender = await app.InDbAsync(db => db.GenderReports.SingleAsync(r => r.SessionId == session.Id));
        (gender.ParticipantCount, gender.WomenAndGenderDiversePercent, gender.WomenSpeakers, gender.GenderWasTopic).ShouldBe((65, 45, 2, (bool?)true));

        var (_, page) = await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}");
        var text = page.QuerySelector("#report")!.ParentElement!.TextContent;
        text.ShouldContain("Cross-border data flows.");
        text.ShouldContain("A follow-up workshop.");
        page.QuerySelector("#gender")!.ParentElement!.TextContent.ShouldContain("45");
        var (_, _, json) = await app.GetJsonAsync($"/api/forums/{forum.Slug}/sessions/{session.Key}");
        json.GetProperty("report").GetProperty("keyIssues").GetString().ShouldBe("Cross-border data flows.");
        json.GetProperty("genderReport").GetProperty("womenSpeakers").GetInt32().ShouldBe(2);
        // Reports of the demo forum are due 14 days after 2 December 2022, at midnight in Addis Ababa.
        (await app.InDbAsync(db => db.SessionReporting.SingleAsync(r => r.SessionId == session.Id))).ReportDueAt
            .ShouldBe(new DateTime(2022, 12, 16, 21, 0, 0, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("Form.Onsite", "-3", "onsite", "cannot be negative")]
    [InlineData("Form.Participants", "2", "participants", "lists 3 speakers")]
    [InlineData("Form.WomenPercent", "150", "women-percent", "more than 100 %")]
    [InlineData("Form.Online", "many", "online", "is not a whole number")]
    [InlineData("Form.WomenSpeakers", "4", "women-speakers", "lists 3 speakers")]
    public async Task Bad_report_is_explained_at_its_field_everything_typed_comes_back_and_nothing_is_published(string field, string value, string id, string message)
    {
        var session = await HeldSessionAsync();
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        var fields = new Dictionary<string, string>
        {
            ["Form.KeyIssues"] = "Issues typed with care.", ["Form.Discussion"] = "A long discussion typed over an hour.", ["Form.Onsite"] = "10",
            ["Form.Takeaway1"] = "A takeaway not yet submitted.",
        };
        fields[field] = value;
        var answer = await PostAsync(rapporteur, session, "SubmitReport", fields);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector($"#{id}")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector($"#{id}")!.ParentElement!.QuerySelector(".err")!.TextContent.ShouldContain(message);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        page.QuerySelector("#discussion")!.TextContent.ShouldBe("A long discussion typed over an hour.");
        page.QuerySelector("#takeaway1")!.TextContent.ShouldBe("A takeaway not yet submitted.");
        page.QuerySelector($"#{id}")!.GetAttribute("value").ShouldBe(value);
        (await app.InDbAsync(db => db.SessionReports.AnyAsync(r => r.SessionId == session.Id))).ShouldBeFalse();
        // The refused text is kept as the draft too: leaving the page loses nothing.
        (await app.InDbAsync(db => db.SessionReporting.Where(r => r.SessionId == session.Id).Select(r => r.Draft).SingleAsync()))!
            .ShouldContain("A long discussion typed over an hour.");
    }

    [Theory]
    [InlineData("Form.Takeaway1", "", "takeaway1", "at least one key takeaway")]
    [InlineData("Form.Takeaway1", "long", "takeaway1", "shorten it to at most 1500")]
    [InlineData("Form.Action1For", "Everyone", "action1-for", "from the list")]
    [InlineData("Form.Action1For", "", "action1-for", "who should act")]
    public async Task Bad_takeaways_are_explained_and_not_published(string field, string value, string id, string message)
    {
        var session = await HeldSessionAsync();
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        var fields = new Dictionary<string, string> { ["Form.Takeaway1"] = "A fine takeaway.", ["Form.Action1"] = "Act now.", ["Form.Action1For"] = "All" };
        fields[field] = value == "long" ? new string('a', 1_501) : value;
        var answer = await PostAsync(rapporteur, session, "SubmitTakeaways", fields);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector($"#{id}")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("[role=alert]")!.TextContent.Replace(",", "").ShouldContain(message);
        page.QuerySelector("#action1")!.TextContent.ShouldBe("Act now.");
        (await app.InDbAsync(db => db.Takeaways.AnyAsync(t => t.SessionId == session.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Submitting_takeaways_with_none_typed_gives_the_form_back_with_a_message_and_everything_typed()
    {
        var session = await HeldSessionAsync();
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        var typed = new Dictionary<string, string>
        {
            ["Form.Takeaway1"] = "   ", ["Form.Action1"] = "Fund community networks.", ["Form.Action1For"] = "Governments",
            ["Form.KeyIssues"] = "Spectrum for villages.", ["Form.Discussion"] = "An hour of discussion, typed with care.", ["Form.Onsite"] = "7",
            ["Form.GenderTopic"] = "yes",
        };
        var answer = await PostAsync(rapporteur, session, "SubmitTakeaways", typed);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector("form[data-report-draft]").ShouldNotBeNull();
        page.QuerySelector("#takeaway1")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Write at least one key takeaway before submitting.");
        page.QuerySelector("#action1")!.TextContent.ShouldBe("Fund community networks.");
        page.QuerySelector("#action1-for option[selected]")!.GetAttribute("value").ShouldBe("Governments");
        page.QuerySelector("#key-issues")!.TextContent.ShouldBe("Spectrum for villages.");
        page.QuerySelector("#discussion")!.TextContent.ShouldBe("An hour of discussion, typed with care.");
        page.QuerySelector("#onsite")!.GetAttribute("value").ShouldBe("7");
        page.QuerySelector("input[name='Form.GenderTopic'][value=yes]")!.HasAttribute("checked").ShouldBeTrue();
        (await app.InDbAsync(db => db.Takeaways.AnyAsync(t => t.SessionId == session.Id))).ShouldBeFalse();
        (await app.InDbAsync(db => db.SessionReporting.Where(r => r.SessionId == session.Id).Select(r => r.Draft).SingleAsync()))!
            .ShouldContain("Fund community networks.");

        // In French, the same, in French.
        var french = await PlenaryApp.SubmitFormAsync(rapporteur, Page(session), typed, $"{Page(session)}?handler=SubmitTakeaways&culture=fr");
        french.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var frenchPage = await PlenaryApp.ParseAsync(french);
        frenchPage.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Rédigez au moins un message clé avant de soumettre.");
        frenchPage.QuerySelector("#discussion")!.TextContent.ShouldBe("An hour of discussion, typed with care.");
    }

    /// <summary>
    /// The page loads only the session's outputs and reads who runs the forum and the writer's own zone only when it is
    /// shown: a refused submission is the whole page again, with what only the Secretariat sees.
    /// </summary>
    [Fact]
    public async Task A_submission_refused_to_the_Secretariat_shows_the_whole_page_with_the_history_the_extension_and_their_own_zone()
    {
        var session = await HeldSessionAsync();
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        (await PostAsync(rapporteur, session, "SubmitTakeaways", new() { ["Form.Takeaway1"] = "Connectivity must reach the last mile." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        await app.InDbAsync(db => db.Users
            .Where(a => db.ForumMembers.Any(m => m.AccountId == a.Id && db.Forums.Any(f => f.Id == m.ForumId && f.Slug == forum.Slug)))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.TimeZoneId, "America/Sao_Paulo")));

        var answer = await PostAsync(secretariat, session, "SubmitTakeaways", new() { ["Form.Takeaway1"] = " ", ["Form.Discussion"] = "Typed by the Secretariat." });

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Write at least one key takeaway before submitting.");
        page.QuerySelector("#discussion")!.TextContent.ShouldBe("Typed by the Secretariat.");
        page.QuerySelector($"a[href='{Page(session)}/history']").ShouldNotBeNull();
        page.QuerySelector("#extend-day").ShouldNotBeNull();
        page.QuerySelector("#takeaways-due")!.TextContent.ShouldContain("In your time zone:");
        page.QuerySelector("#takeaways-due")!.TextContent.ShouldContain("America/Sao Paulo");
        (await app.InDbAsync(db => db.Takeaways.Where(t => t.SessionId == session.Id).Select(t => t.Text).ToListAsync()))
            .ShouldBe(["Connectivity must reach the last mile."]);

        // The rapporteur's refusal: the same page without the Secretariat's parts.
        var theirs = await PlenaryApp.ParseAsync(await PostAsync(rapporteur, session, "SubmitTakeaways", new() { ["Form.Takeaway1"] = " " }));
        theirs.QuerySelector("form[data-report-draft]").ShouldNotBeNull();
        theirs.QuerySelector($"a[href='{Page(session)}/history']").ShouldBeNull();
        theirs.QuerySelector("#extend-day").ShouldBeNull();
    }

    /// <summary>
    /// Enter in a field presses the form's first submit button in tree order (HTML's implicit submission): on the report
    /// form that is a save of the draft, never a submission, which publishes.
    /// </summary>
    [Fact]
    public async Task Enter_in_a_field_of_the_report_form_saves_the_draft_and_publishes_nothing()
    {
        var session = await HeldSessionAsync();
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        var page = await PlenaryApp.ParseAsync(await rapporteur.GetAsync(Page(session)));
        var form = page.QuerySelector("form[data-report-draft]")!;

        var enter = ImplicitSubmission.DefaultButton(form);
        ImplicitSubmission.Handler(form, enter).ShouldBe("Save");
        ImplicitSubmission.IsHiddenDefault(enter).ShouldBeTrue("people see and press only the visible buttons");
        // The visible buttons keep their order, "Submit takeaways" first.
        ImplicitSubmission.Handler(form, ImplicitSubmission.SubmitButtons(form)[1]).ShouldBe("SubmitTakeaways");

        // What the browser posts then: the fields as typed, where the default button sends them.
        var answer = await PlenaryApp.SubmitFormAsync(rapporteur, Page(session),
            new Dictionary<string, string> { ["Form.Takeaway1"] = "Libraries are the first access point.", ["Form.Onsite"] = "7" }, ImplicitSubmission.Target(form, enter));
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.OriginalString.ShouldEndWith("/report?done=draft");
        (await app.InDbAsync(db => db.Takeaways.AnyAsync(t => t.SessionId == session.Id))).ShouldBeFalse();
        (await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}")).Page.Body!.TextContent.ShouldNotContain("Libraries are the first access point.");
        (await app.InDbAsync(db => db.SessionReporting.Where(r => r.SessionId == session.Id).Select(r => r.Draft).SingleAsync()))!
            .ShouldContain("Libraries are the first access point.");
    }

    [Fact]
    public async Task A_saved_draft_comes_back_to_the_writer_and_stays_off_the_public_page()
    {
        var session = await HeldSessionAsync();
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        (await PostAsync(organiser, session, "Save", new() { ["Form.Takeaway1"] = "Half a thought", ["Form.Onsite"] = "-1" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await PlenaryApp.ParseAsync(await organiser.GetAsync(Page(session)));
        page.QuerySelector("#takeaway1")!.TextContent.ShouldBe("Half a thought");
        page.QuerySelector("#onsite")!.GetAttribute("value").ShouldBe("-1");
        (await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}")).Page.Body!.TextContent.ShouldNotContain("Half a thought");
        (await (await app.GetAsync($"/{forum.Slug}/reports.atom")).Content.ReadAsStringAsync()).ShouldNotContain("Half a thought");
    }

    [Fact]
    public async Task Secretariat_extends_one_sessions_deadline_audited_and_a_submission_before_it_is_on_time()
    {
        var session = await HeldSessionAsync();
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var day = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await PostAsync(secretariat, session, "Extend", new() { ["ExtendPart"] = "Takeaways", ["ExtendDay"] = day, ["ExtendTime"] = "18:00" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reporting = await app.InDbAsync(db => db.SessionReporting.SingleAsync(r => r.SessionId == session.Id));
        // 18:00 in Addis Ababa is 15:00 UTC.
        reporting.TakeawaysExtendedTo!.Value.Hour.ShouldBe(15);
        (await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.Id && e.Action == "report.deadline.extend").Select(e => e.Subject).ToListAsync())).ShouldBe(["WS #1"]);

        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        (await PostAsync(rapporteur, session, "SubmitTakeaways", new() { ["Form.Takeaway1"] = "On time, thanks to the extension." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        reporting = await app.InDbAsync(db => db.SessionReporting.SingleAsync(r => r.SessionId == session.Id));
        reporting.TakeawaysDueAt.ShouldBe(reporting.TakeawaysExtendedTo);
        reporting.TakeawaysLate.ShouldBeFalse();

        // Only the Secretariat extends: the rapporteur is refused, and a bad day is explained.
        (await PostAsync(rapporteur, session, "Extend", new() { ["ExtendPart"] = "Report", ["ExtendDay"] = day, ["ExtendTime"] = "18:00" }))
            .Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
        var bad = await PostAsync(secretariat, session, "Extend", new() { ["ExtendPart"] = "Report", ["ExtendDay"] = "soon", ["ExtendTime"] = "18:00" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(bad)).QuerySelector("#extend-day")!.GetAttribute("aria-invalid").ShouldBe("true");
        var earlier = await PostAsync(secretariat, session, "Extend", new() { ["ExtendPart"] = "Report", ["ExtendDay"] = "2022-12-01", ["ExtendTime"] = "18:00" });
        earlier.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(earlier)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("later than the current one");
    }

    [Fact]
    public async Task A_speaker_may_not_write_the_outputs()
    {
        var session = await HeldSessionAsync();
        using var speaker = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Speaker);
        // The speaker gets no form; the post is made with a genuine token of theirs from another page.
        (await speaker.GetAsync(Page(session))).Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
        var answer = await PlenaryApp.SubmitFormAsync(speaker, "/account/sign-in", new Dictionary<string, string> { ["Form.Takeaway1"] = "Not mine to write." },
            $"{Page(session)}?handler=SubmitTakeaways");
        answer.Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
        (await app.InDbAsync(db => db.Takeaways.AnyAsync(t => t.SessionId == session.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Atom_feed_is_well_formed_and_lists_sessions_with_new_outputs_without_private_data()
    {
        var session = await HeldSessionAsync();
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        (await PostAsync(rapporteur, session, "SubmitTakeaways", new() { ["Form.Takeaway1"] = "Feeds carry takeaways." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await app.GetAsync($"/{forum.Slug}/reports.atom");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
        var body = await response.Content.ReadAsStringAsync();
        var feed = XDocument.Parse(body);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        feed.Root!.Name.ShouldBe(atom + "feed");
        feed.Root.Element(atom + "id").ShouldNotBeNull();
        feed.Root.Element(atom + "updated").ShouldNotBeNull();
        var entry = feed.Root.Elements(atom + "entry").Single(e => e.Element(atom + "title")!.Value.StartsWith(session.NumberedName, StringComparison.Ordinal));
        entry.Element(atom + "summary")!.Value.ShouldContain("Feeds carry takeaways.");
        entry.Element(atom + "link")!.Attribute("href")!.Value.ShouldEndWith($"/{forum.Slug}/sessions/{session.Key}");
        DateTime.Parse(entry.Element(atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldNotBe(default);
        body.ShouldNotContain("@example.org");
        body.ShouldNotContain("Amina Diallo");
    }

    [Fact]
    public async Task Secretariat_sets_the_forums_deadlines_and_the_report_page_follows_and_bad_ones_are_explained()
    {
        var session = await HeldSessionAsync();
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var form = (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage"))).QuerySelector("form[method=post].account")!;
        var original = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>()
            .Where(i => i.Name != "__RequestVerificationToken" && (i.Type != "checkbox" || i.IsChecked)).Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(form.QuerySelectorAll("textarea[name]").Select(t => new KeyValuePair<string, string>(t.GetAttribute("name")!, t.TextContent))).ToList();
        List<KeyValuePair<string, string>> With(string minutes, string day) =>
            [.. original.Where(f => f.Key is not "TakeawaysDueMinutes" and not "ReportDeadline"), new("TakeawaysDueMinutes", minutes), new("ReportDeadline", day)];
        var bad = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage", With("-5", "2022-11-01"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(bad);
        page.QuerySelector("#takeaways-due")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("#takeaways-due")!.GetAttribute("value").ShouldBe("-5");
        page.QuerySelector("#report-deadline")!.GetAttribute("aria-invalid").ShouldBe("true");

        (await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage", With("90", "2022-12-20"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Id == forum.Id));
        (saved.TakeawaysDueMinutes, saved.ReportDeadline).ShouldBe((90, (DateOnly?)new DateOnly(2022, 12, 20)));
        var report = await PlenaryApp.ParseAsync(await secretariat.GetAsync(Page(session)));
        // The session ended at 11:00 UTC, 14:00 in Addis Ababa: takeaways due 15:30 local.
        report.QuerySelector("#takeaways-due")!.TextContent.ShouldContain("30 November 2022, 15:30");
        report.QuerySelector("#report-due")!.TextContent.ShouldContain("Tuesday 20 December 2022, 24:00");
    }

    [Fact]
    public async Task Autosave_keeps_the_draft_and_answers_in_json_and_a_signed_out_writer_is_sent_to_sign_in()
    {
        var session = await HeldSessionAsync();
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        var answer = await PostAsync(rapporteur, session, "Autosave", new() { ["Form.Discussion"] = "Typed while the session went on." });
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await answer.Content.ReadAsStringAsync()).ShouldContain("\"saved\":true");
        (await app.InDbAsync(db => db.SessionReporting.Where(r => r.SessionId == session.Id).Select(r => r.Draft).SingleAsync()))!
            .ShouldContain("Typed while the session went on.");
        (await app.InDbAsync(db => db.SessionReports.AnyAsync(r => r.SessionId == session.Id))).ShouldBeFalse();

        // An expired sign-in: the script sees the redirect and keeps the text in the browser.
        using var stranger = app.CreateVisitor();
        var refused = await PlenaryApp.SubmitFormAsync(stranger, "/account/sign-in", new Dictionary<string, string> { ["Form.Discussion"] = "x" }, $"{Page(session)}?handler=Autosave");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
    }
}

[Collection("sqlite")]
public sealed class ReportsOnSqlite(SqliteApp app) : ReportsTests(app);

[Collection("postgres")]
public sealed class ReportsOnPostgres(PostgresApp app) : ReportsTests(app);
