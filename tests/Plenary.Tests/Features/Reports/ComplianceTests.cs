using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Forums;
using Plenary.Features.Proposals;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Tests.Features.Proposals;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Reports;

/// <summary>The Secretariat's compliance dashboard, its CSV, the one-click reminder, and the same "missing" in the next edition's screening.</summary>
public abstract class ComplianceTests(PlenaryApp app)
{
    private static string Page(OwnForum forum) => $"/{forum.Slug}/manage/reports";

    /// <summary>
    /// A forum of its own held in late November 2022, whose report deadline has long passed. Its year is set apart
    /// (<paramref name="year"/>) because the screening of a later edition looks for the forum of the year before.
    /// </summary>
    private Task<OwnForum> ForumAsync(int year = 2021, string? series = null) =>
        app.ForumOfItsOwnAsync("cmp", days: 3, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => (f.Year, f.Series) = (year, series));

    /// <summary>
    /// Three sessions of the forum organised by one person with a name of their own: one never reported (and its title
    /// looks like a spreadsheet formula), one reported, one cancelled.
    /// </summary>
    private async Task<(string Organiser, string Email, Session Missing, Session Filed, Session Cancelled)> SessionsAsync(OwnForum forum)
    {
        var missing = await app.UnscheduledSessionAsync(forum, "WS", 10310, "=HYPERLINK(\"http://x\") never reported");
        var filed = await app.UnscheduledSessionAsync(forum, "WS", 10311, "Compliance session that reported");
        var cancelled = await app.UnscheduledSessionAsync(forum, "WS", 10312, "Compliance session cancelled");
        var name = $"Organiser {Guid.NewGuid():N}"[..20];
        using var _ = await app.HolderOfSessionRoleAsync(missing, SessionRoleKind.Organiser);
        var email = (await ReminderTestData.EmailsAsync(app, missing, SessionRoleKind.Organiser))[0];
        await app.InDbAsync(async db =>
        {
            var person = await db.Users.Where(a => a.Email == email).Select(a => a.PersonId).SingleAsync();
            await db.People.Where(p => p.Id == person).ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, name));
            var start = new DateTime(2022, 11, 29, 8, 0, 0, DateTimeKind.Utc);
            foreach (var s in new[] { missing, filed, cancelled })
            {
                await db.Sessions.Where(x => x.Id == s.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.StartsAt, start).SetProperty(x => x.EndsAt, start.AddHours(1)));
                if (s != missing)
                {
                    db.SessionRoles.Add(new SessionRole { SessionId = s.Id, PersonId = person, Kind = SessionRoleKind.Organiser, Position = 1 });
                }
            }
            await db.Sessions.Where(x => x.Id == cancelled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, SessionStatus.Cancelled));
            if (!await db.SessionReports.AnyAsync(r => r.SessionId == filed.Id))
            {
                db.SessionReports.Add(new SessionReport { SessionId = filed.Id, Body = "What was said.", SubmittedAt = start.AddDays(2) });
                db.GenderReports.Add(new GenderReport { SessionId = filed.Id, ParticipantCount = 40 });
                db.Takeaways.Add(new Takeaway { SessionId = filed.Id, Kind = TakeawayKind.KeyTakeaway, Position = 1, Text = "Reach the last mile." });
            }
            await db.SaveChangesAsync();
        });
        return (name, email, missing, filed, cancelled);
    }

    [Fact]
    public async Task Dashboard_counts_each_output_per_type_subtheme_and_organiser_and_lists_the_sessions()
    {
        var forum = await ForumAsync();
        var (organiser, _, missing, filed, cancelled) = await SessionsAsync(forum);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        var answer = await secretariat.GetAsync($"{Page(forum)}?organiser={Uri.EscapeDataString(organiser)}");
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelectorAll("#sessions tbody tr").Select(r => r.GetAttribute("data-session")).ShouldBe([missing.Key, filed.Key], "the cancelled session owes nothing");
        var row = page.QuerySelector($"#sessions tr[data-session='{missing.Key}']")!;
        row.QuerySelectorAll("td")[1].TextContent.ShouldStartWith("Missing");
        row.QuerySelectorAll("td")[2].TextContent.ShouldStartWith("Missing");
        row.QuerySelectorAll("td")[3].TextContent.ShouldStartWith("Missing");
        page.QuerySelector($"#sessions tr[data-session='{filed.Key}'] td.on-time").ShouldNotBeNull();
        // By organiser: takeaways, report and gender report, each as on time | late | missing | not yet due.
        var counts = page.QuerySelectorAll("#by-organiser tbody tr").Single(r => r.QuerySelector("th")!.TextContent == organiser)
            .QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        // Each part as not yet due | on time | late | missing.
        counts.ShouldBe(["0", "1", "0", "1", "0", "1", "0", "1", "0", "1", "0", "1"]);
        page.QuerySelector("#by-type tbody tr th")!.TextContent.ShouldBe("Workshop");
        _ = cancelled;

        var onlyMissing = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"{Page(forum)}?organiser={Uri.EscapeDataString(organiser)}&state=missing"));
        onlyMissing.QuerySelectorAll("#sessions tbody tr").Select(r => r.GetAttribute("data-session")).ShouldBe([missing.Key]);
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage"))).QuerySelector($"a[href='/{forum.Slug}/manage/reports']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Csv_has_the_filtered_sessions_with_formula_cells_neutralised()
    {
        var forum = await ForumAsync();
        var (organiser, _, missing, _, _) = await SessionsAsync(forum);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var csv = await secretariat.GetAsync($"{Page(forum)}?handler=Csv&organiser={Uri.EscapeDataString(organiser)}");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldBe("session,title,type,subtheme,organisers,takeaways_due,takeaways,report_due,report,gender_report");
        lines.Length.ShouldBe(3);
        var line = lines.Single(l => l.StartsWith(missing.NumberedName, StringComparison.Ordinal));
        line.ShouldContain("\"'=HYPERLINK(\"\"http://x\"\") never reported\"");
        line.ShouldEndWith("missing,missing");
    }

    [Fact]
    public async Task One_click_reminds_everyone_overdue_once_a_day_and_is_audited()
    {
        var forum = await ForumAsync();
        var (_, email, missing, _, _) = await SessionsAsync(forum);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        // Tests of one collection run one at a time: the entries after this one are this test's.
        var audited = await app.InDbAsync(db => db.AuditLog.MaxAsync(e => (long?)e.Id)) ?? 0;

        var first = await PlenaryApp.SubmitFormAsync(secretariat, Page(forum), [], $"{Page(forum)}?handler=Remind");
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mine = await ReminderTestData.RemindersToAsync(app, [email]);
        mine.Select(m => m.Subject).Order().ShouldBe([$"Key takeaways of {missing.NumberedName} are overdue", $"Session report of {missing.NumberedName} is overdue"]);

        var second = await PlenaryApp.SubmitFormAsync(secretariat, Page(forum), [], $"{Page(forum)}?handler=Remind");
        var said = (await PlenaryApp.ParseAsync(await secretariat.GetAsync(second.Headers.Location!.OriginalString))).QuerySelector("#reminded")!.TextContent;
        said.ShouldStartWith("Reminders sent: 0.");
        (await ReminderTestData.RemindersToAsync(app, [email])).Count.ShouldBe(2);
        var entries = await app.InDbAsync(db => db.AuditLog.Where(e => e.Id > audited && e.Action == "report.remind").OrderBy(e => e.Id).ToListAsync());
        entries.Select(e => e.ForumId).ShouldBe([forum.Id, forum.Id], "one entry per click, in the forum reminded");
        System.Text.Json.JsonDocument.Parse(entries[1].After!).RootElement.GetProperty("sent").GetInt32().ShouldBe(0, "the second click found no one left to remind");
    }

    [Fact]
    public async Task Reminder_lead_is_set_per_forum_and_a_bad_one_is_explained()
    {
        var forum = await ForumAsync();
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var bad = await PlenaryApp.SubmitFormAsync(secretariat, Page(forum), new Dictionary<string, string> { ["ReminderHours"] = "-3" }, $"{Page(forum)}?handler=Settings");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(bad);
        page.QuerySelector("#reminder-hours")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("#reminder-hours")!.GetAttribute("value").ShouldBe("-3");
        (await PlenaryApp.SubmitFormAsync(secretariat, Page(forum), new Dictionary<string, string> { ["ReminderHours"] = "72" }, $"{Page(forum)}?handler=Settings"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Forums.Where(f => f.Id == forum.Id).Select(f => f.ReportReminderHours).SingleAsync())).ShouldBe(72);
        (await PlenaryApp.SubmitFormAsync(secretariat, Page(forum), new Dictionary<string, string> { ["ReminderHours"] = "" }, $"{Page(forum)}?handler=Settings"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Forums.Where(f => f.Id == forum.Id).Select(f => f.ReportReminderHours).SingleAsync())).ShouldBeNull();
    }

    [Fact]
    public async Task The_next_editions_screening_flags_exactly_the_sessions_the_dashboard_counts_missing()
    {
        // The earlier edition is the forum of the year before the proposal's: 1990 is no other test's year.
        var series = $"cmp-{Guid.NewGuid():N}"[..20];
        var earlier = await ForumAsync(year: 1990, series);
        var (_, email, missing, filed, cancelled) = await SessionsAsync(earlier);
        var account = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());
        var proposalForum = await ProposalForums.EnsureAsync(app, ProposalForums.Open);
        var proposalId = await app.InDbAsync(async db =>
        {
            var proposal = new Proposal
            {
                ForumId = proposalForum.Id, ProposerId = account, ProposerName = "P", Title = "Compliance carries over", TypeId = proposalForum.SessionTypes.Single(t => t.Code == "OF").Id,
                LengthMinutes = 60, State = ProposalState.Draft, Version = 1,
            };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return proposal.Id;
        });

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlenaryDb>();
        var previous = (await db.FindForumAsync(earlier.Slug))!;
        var now = DateTime.UtcNow;
        var dashboard = (await ReportCompliance.LoadAsync(db, previous, now, default)).Where(s => s.Report == OutputState.Missing).Select(s => s.Id).ToHashSet();
        var never = (await ReportCompliance.NeverFiledReport(db, previous, now).Select(s => s.Id).ToListAsync()).ToHashSet();
        never.SetEquals(dashboard).ShouldBeTrue();
        never.ShouldContain(missing.Id);
        never.ShouldNotContain(filed.Id);
        never.ShouldNotContain(cancelled.Id);

        var open = (await db.FindForumAsync(ProposalForums.Open))!;
        // Screened as the edition of 1991 of the series (the forum is not saved), so the earlier edition is the one of 1990 made above.
        (open.Year, open.Series) = (1991, series);
        var call = await db.Calls.SingleAsync(c => c.ForumId == open.Id);
        var proposal = await db.Proposals.Include(p => p.People).Include(p => p.Sdgs).AsSplitQuery().SingleAsync(p => p.Id == proposalId);
        var flag = (await scope.ServiceProvider.GetRequiredService<Screening>().CheckAsync(open, call, proposal, default)).Single(f => f.Rule == "Reports of the previous edition");
        flag.Found.ShouldContain(missing.NumberedName);
        flag.Found.ShouldNotContain(filed.NumberedName);
        flag.Found.ShouldNotContain(cancelled.NumberedName);
    }
}

[Collection("sqlite")]
public sealed class ComplianceOnSqlite(SqliteApp app) : ComplianceTests(app);

[Collection("postgres")]
public sealed class ComplianceOnPostgres(PostgresApp app) : ComplianceTests(app);
