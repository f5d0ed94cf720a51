using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Demo;
using Plenary.Features.Proposals;
using Plenary.Features.Queue;
using Plenary.Features.Registrations;
using Plenary.Features.Reports;
using Plenary.Features.Reviews;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Demo;

/// <summary>
/// The live demo forum as a newcomer finds it after the README's first command, at a fixed instant
/// (<see cref="LiveDemoApp.Now"/>, Wednesday 14 May 2031, 15:07 in Islamabad, the host where it is then mid-afternoon):
/// every state the demo promises holds, on the
/// pages each demo account starts from.
/// </summary>
public abstract class LiveDemoTests(LiveDemoApp app)
{
    private const string Live = DemoForum.LiveSlug;

    private async Task<HttpClient> AsAsync(DemoRole role)
    {
        var visitor = app.CreateVisitor();
        var answer = await app.SignInAsync(visitor, DemoAccounts.Email(role), DemoAccounts.Password);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{role} could not sign in");
        return visitor;
    }

    [Fact]
    public async Task The_forum_runs_from_yesterday_to_three_days_from_now_where_it_is_mid_afternoon()
    {
        var forum = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == Live));

        (forum.FirstDay, forum.LastDay, forum.TimeZoneId, forum.HostCity, forum.IsDemo).ShouldBe((new DateOnly(2031, 5, 13), new DateOnly(2031, 5, 17), "Asia/Karachi", "Islamabad", true));
        var (status, page) = await app.GetPageAsync($"/{Live}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("p.demo")!.TextContent.ShouldContain("running now");
    }

    [Fact]
    public async Task The_call_is_open_and_the_proposer_has_a_proposal_in_every_state()
    {
        var (call, states) = await app.InDbAsync(async db =>
        {
            var forumId = await db.Forums.Where(f => f.Slug == Live).Select(f => f.Id).SingleAsync();
            return (await db.Calls.SingleAsync(c => c.ForumId == forumId),
                await db.Proposals.Where(p => p.ForumId == forumId).Select(p => p.State).Distinct().ToListAsync());
        });
        call.IsOpenAt(LiveDemoApp.Now).ShouldBeTrue();
        states.Order().ShouldBe(Enum.GetValues<ProposalState>());

        using var proposer = await AsAsync(DemoRole.Proposer);
        var page = await PlenaryApp.ParseAsync(await proposer.GetAsync($"/{Live}/proposals"));
        page.QuerySelector("main")!.TextContent.ShouldContain("The call for proposals is open until 15 May 2031 23:59");
        var shown = page.QuerySelectorAll("main table tbody tr").Select(r => r.QuerySelectorAll("td")[0].TextContent.Trim()).ToList();
        shown.Order().ShouldBe(["Accepted", "Draft", "In review", "Rejected", "Screened out", "Submitted", "Waitlisted", "Withdrawn"]);
        page.QuerySelector("main")!.TextContent.ShouldContain("1 of the speakers have confirmed; at least 2 are needed.");
    }

    [Fact]
    public async Task Review_is_under_way_with_proposals_left_for_the_demo_reviewer()
    {
        var settings = await app.InDbAsync(db => db.ReviewSettings.SingleAsync(s => db.Forums.Any(f => f.Id == s.ForumId && f.Slug == Live)));
        settings.ReviewersCanScore.ShouldBeTrue();

        using var reviewer = await AsAsync(DemoRole.Reviewer);
        var mine = await PlenaryApp.ParseAsync(await reviewer.GetAsync($"/{Live}/reviews"));
        var cells = mine.QuerySelectorAll("main table tbody tr td:last-child").Select(c => c.TextContent.Trim()).ToList();
        cells.ShouldContain("Not scored yet");
        cells.ShouldContain("Scored");

        using var secretariat = await AsAsync(DemoRole.Secretariat);
        var ranking = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{Live}/manage/reviews/ranking"));
        ranking.QuerySelector("main")!.TextContent.ShouldContain("Diverging");
    }

    [Fact]
    public async Task Registration_is_open_with_registrations_waiting_approved_and_declined()
    {
        var statuses = await app.InDbAsync(db => db.Registrations.Where(r => db.Forums.Any(f => f.Id == r.ForumId && f.Slug == Live))
            .Select(r => r.Status).Distinct().ToListAsync());
        statuses.Order().ShouldBe([RegistrationStatus.Pending, RegistrationStatus.Approved, RegistrationStatus.Declined]);

        // The proposer has not registered: they can, now.
        using var proposer = await AsAsync(DemoRole.Proposer);
        var page = await PlenaryApp.ParseAsync(await proposer.GetAsync($"/{Live}/register"));
        page.QuerySelector("main")!.TextContent.ShouldContain("Registration closes on Saturday 17 May 2031 at 12:00");
        page.QuerySelector("main form button[type=submit]").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_live_session_is_on_now_and_its_page_shows_the_queue_and_the_approved_question()
    {
        var (_, now) = await app.GetPageAsync($"/{Live}/now");
        var row = now.QuerySelectorAll("main tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Workshop Room 4");
        row.QuerySelectorAll("td")[0].TextContent.ShouldBe("WS #500: Who pays for the last mile? Meaningful connectivity for small island states until 16:00");
        row.QuerySelectorAll("td")[1].TextContent.ShouldBe("Networking Session #160: Young people in Internet governance: a networking hour at 16:15");

        using var participant = await AsAsync(DemoRole.Participant);
        var live = await PlenaryApp.ParseAsync(await participant.GetAsync($"/{Live}/sessions/ws-500/live"));
        live.QuerySelector("#floor")!.TextContent.ShouldContain("has the floor (Onsite)");
        var queue = live.QuerySelectorAll("#queue li").Select(li => li.TextContent).ToList();
        queue.Count.ShouldBe(4);
        queue.Count(q => q.Contains("(Onsite)", StringComparison.Ordinal)).ShouldBe(3);
        queue.Count(q => q.Contains("(Online)", StringComparison.Ordinal)).ShouldBe(1);
        queue.ShouldContain("Delegate of Mirava (no phone) (Onsite) — Roaming costs between the islands");
        var questions = live.QuerySelector("#questions")!.TextContent;
        questions.ShouldContain("How can universal service funds reach community networks rather than only the big operators? 3 votes");
        // The question still waiting for a moderator is not shown.
        questions.ShouldNotContain("regulators' association");
        live.QuerySelector("form[action*=Raise]").ShouldNotBeNull();

        using var moderator = await AsAsync(DemoRole.Moderator);
        var console = await PlenaryApp.ParseAsync(await moderator.GetAsync($"/{Live}/sessions/ws-500/console"));
        console.QuerySelector("main")!.TextContent.ShouldContain("Will the session's recommendations go to the regulators' association?");
    }

    [Fact]
    public async Task The_rapporteur_s_takeaways_are_due_within_the_hour_and_not_yet_written()
    {
        var (session, forum) = await app.InDbAsync(async db => (
            await db.Sessions.SingleAsync(s => s.Forum.Slug == Live && s.Type.Code == "TH" && s.Number == DemoForum.StoryNumber),
            await db.Forums.SingleAsync(f => f.Slug == Live)));
        var due = ReportDeadlines.TakeawaysDue(forum, session, null)!.Value;
        due.ShouldBe(new DateTime(2031, 5, 14, 10, 30, 0, DateTimeKind.Utc));
        (await app.InDbAsync(db => db.Takeaways.AnyAsync(t => t.SessionId == session.Id))).ShouldBeFalse();

        using var rapporteur = await AsAsync(DemoRole.Rapporteur);
        var page = await PlenaryApp.ParseAsync(await rapporteur.GetAsync($"/{Live}/sessions/th-160/report"));
        var countdown = page.QuerySelector(".deadline time[data-countdown]")!;
        countdown.GetAttribute("datetime").ShouldBe("2031-05-14T10:30:00Z");
        countdown.TextContent.ShouldBe("Due in 0 h 23 min");

        // Their earlier session's takeaways went in on time, through the form.
        var done = await app.InDbAsync(db => db.SessionReporting.SingleAsync(r => db.Sessions.Any(s => s.Id == r.SessionId && s.Forum.Slug == Live && s.Type.Code == "OF" && s.Number == DemoForum.StoryNumber)));
        done.TakeawaysSubmittedAt.ShouldNotBeNull();
        done.TakeawaysLate.ShouldBeFalse();
    }

    [Fact]
    public async Task Every_demo_account_signs_in_and_reaches_the_page_the_guide_gives()
    {
        foreach (var (role, start, _) in DemoAccounts.Guide)
        {
            using var visitor = await AsAsync(role);
            var answer = await visitor.GetAsync(start);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} at {start}");
        }
        DemoAccounts.Guide.Select(g => g.Role).Order().ShouldBe(Enum.GetValues<DemoRole>());
    }

    [Fact]
    public async Task The_demo_accounts_are_printed_in_the_log_at_start()
    {
        var log = app.Log.Since(0).Select(e => e.Message).Where(l => l.Contains("Demo accounts", StringComparison.Ordinal)).ShouldHaveSingleItem();

        log.ShouldContain($"password “{DemoAccounts.Password}”");
        foreach (var role in Enum.GetValues<DemoRole>())
        {
            log.ShouldContain(DemoAccounts.Email(role));
        }
    }

    [Fact]
    public async Task Nobody_was_sent_mail_by_the_seeding()
    {
        var invented = await app.InDbAsync(db => db.Outbox.CountAsync(m => m.To.EndsWith("@" + DemoForum.DemoDomain)));

        invented.ShouldBe(0);
    }
}

public sealed class LiveDemoOnSqlite(LiveDemoSqliteApp app) : LiveDemoTests(app), IClassFixture<LiveDemoSqliteApp>;

public sealed class LiveDemoOnPostgres(LiveDemoPostgresApp app) : LiveDemoTests(app), IClassFixture<LiveDemoPostgresApp>;
