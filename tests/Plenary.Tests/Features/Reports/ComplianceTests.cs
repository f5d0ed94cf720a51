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
    private const string Page = "/igf2022/manage/reports";

    /// <summary>
    /// Three sessions of IGF 2022 organised by one person with a name of their own: one never reported (and its title
    /// looks like a spreadsheet formula), one reported, one cancelled. The report deadline of 2022 has long passed.
    /// </summary>
    private async Task<(string Organiser, string Email, Session Missing, Session Filed, Session Cancelled)> SessionsAsync()
    {
        var missing = await app.UnscheduledSessionAsync("igf2022", "WS", 10310, "=HYPERLINK(\"http://x\") never reported");
        var filed = await app.UnscheduledSessionAsync("igf2022", "WS", 10311, "Compliance session that reported");
        var cancelled = await app.UnscheduledSessionAsync("igf2022", "WS", 10312, "Compliance session cancelled");
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
        var (organiser, _, missing, filed, cancelled) = await SessionsAsync();
        using var secretariat = await app.SecretariatOfAsync("igf2022");

        var answer = await secretariat.GetAsync($"{Page}?organiser={Uri.EscapeDataString(organiser)}");
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

        var onlyMissing = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"{Page}?organiser={Uri.EscapeDataString(organiser)}&state=missing"));
        onlyMissing.QuerySelectorAll("#sessions tbody tr").Select(r => r.GetAttribute("data-session")).ShouldBe([missing.Key]);
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync("/igf2022/manage"))).QuerySelector("a[href='/igf2022/manage/reports']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Csv_has_the_filtered_sessions_with_formula_cells_neutralised()
    {
        var (organiser, _, missing, _, _) = await SessionsAsync();
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var csv = await secretariat.GetAsync($"{Page}?handler=Csv&organiser={Uri.EscapeDataString(organiser)}");
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
        var (_, email, missing, _, _) = await SessionsAsync();
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        // Tests of one collection run one at a time: the entries after this one are this test's.
        var audited = await app.InDbAsync(db => db.AuditLog.MaxAsync(e => (long?)e.Id)) ?? 0;

        var first = await PlenaryApp.SubmitFormAsync(secretariat, Page, [], $"{Page}?handler=Remind");
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mine = await ReminderTestData.RemindersToAsync(app, [email]);
        mine.Select(m => m.Subject).Order().ShouldBe([$"Key takeaways of {missing.NumberedName} are overdue", $"Session report of {missing.NumberedName} is overdue"]);

        var second = await PlenaryApp.SubmitFormAsync(secretariat, Page, [], $"{Page}?handler=Remind");
        var said = (await PlenaryApp.ParseAsync(await secretariat.GetAsync(second.Headers.Location!.OriginalString))).QuerySelector("#reminded")!.TextContent;
        said.ShouldStartWith("Reminders sent: 0.");
        (await ReminderTestData.RemindersToAsync(app, [email])).Count.ShouldBe(2);
        var entries = await app.InDbAsync(db => db.AuditLog.Where(e => e.Id > audited && e.Action == "report.remind").OrderBy(e => e.Id).ToListAsync());
        var igf2022 = await app.InDbAsync(db => db.Forums.Where(f => f.Slug == "igf2022").Select(f => f.Id).SingleAsync());
        entries.Select(e => e.ForumId).ShouldBe([igf2022, igf2022], "one entry per click, in the forum reminded");
        System.Text.Json.JsonDocument.Parse(entries[1].After!).RootElement.GetProperty("sent").GetInt32().ShouldBe(0, "the second click found no one left to remind");
    }

    [Fact]
    public async Task Reminder_lead_is_set_per_forum_and_a_bad_one_is_explained()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var bad = await PlenaryApp.SubmitFormAsync(secretariat, Page, new Dictionary<string, string> { ["ReminderHours"] = "-3" }, $"{Page}?handler=Settings");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(bad);
        page.QuerySelector("#reminder-hours")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("#reminder-hours")!.GetAttribute("value").ShouldBe("-3");
        (await PlenaryApp.SubmitFormAsync(secretariat, Page, new Dictionary<string, string> { ["ReminderHours"] = "72" }, $"{Page}?handler=Settings"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Forums.Where(f => f.Slug == "igf2022").Select(f => f.ReportReminderHours).SingleAsync())).ShouldBe(72);
        (await PlenaryApp.SubmitFormAsync(secretariat, Page, new Dictionary<string, string> { ["ReminderHours"] = "" }, $"{Page}?handler=Settings"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Forums.Where(f => f.Slug == "igf2022").Select(f => f.ReportReminderHours).SingleAsync())).ShouldBeNull();
    }

    [Fact]
    public async Task The_next_editions_screening_flags_exactly_the_sessions_the_dashboard_counts_missing()
    {
        var (_, email, missing, filed, cancelled) = await SessionsAsync();
        var account = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());
        var forum = await ProposalForums.EnsureAsync(app, ProposalForums.Open);
        var proposalId = await app.InDbAsync(async db =>
        {
            var proposal = new Proposal
            {
                ForumId = forum.Id, ProposerId = account, ProposerName = "P", Title = "Compliance carries over", TypeId = forum.SessionTypes.Single(t => t.Code == "OF").Id,
                LengthMinutes = 60, State = ProposalState.Draft, Version = 1,
            };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return proposal.Id;
        });

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlenaryDb>();
        var igf2022 = (await db.FindForumAsync("igf2022"))!;
        var now = DateTime.UtcNow;
        var dashboard = (await ReportCompliance.LoadAsync(db, igf2022, now, default)).Where(s => s.Report == OutputState.Missing).Select(s => s.Id).ToHashSet();
        var never = (await ReportCompliance.NeverFiledReport(db, igf2022, now).Select(s => s.Id).ToListAsync()).ToHashSet();
        never.SetEquals(dashboard).ShouldBeTrue();
        never.ShouldContain(missing.Id);
        never.ShouldNotContain(filed.Id);
        never.ShouldNotContain(cancelled.Id);

        var open = (await db.FindForumAsync(ProposalForums.Open))!;
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
