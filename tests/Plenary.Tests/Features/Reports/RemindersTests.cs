using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Reports;

/// <summary>Writers are reminded when the session ends, before the takeaways are due and before the report deadline; each reminder once.</summary>
public abstract class RemindersTests(PlenaryApp app)
{
    private static readonly DateTime Start = new(2031, 3, 10, 10, 0, 0, DateTimeKind.Utc);

    private ReminderSweeper Sweeper(SetClock clock) => ActivatorUtilities.CreateInstance<ReminderSweeper>(app.Services, clock);

    [Fact]
    public async Task Each_reminder_goes_once_to_each_writer_who_has_not_submitted_and_an_extension_makes_a_new_one()
    {
        var session = await ReminderTestData.PlacedSessionAsync(app, 10300, Start, "Reminders test session");
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        using var speaker = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Speaker);
        var rapporteurEmail = (await ReminderTestData.EmailsAsync(app, session, SessionRoleKind.Rapporteur))[0];
        var organiserEmail = (await ReminderTestData.EmailsAsync(app, session, SessionRoleKind.Organiser))[0];
        var speakerEmail = (await ReminderTestData.EmailsAsync(app, session, SessionRoleKind.Speaker))[0];
        // The organiser reads French and lives in Paris.
        await app.InDbAsync(db => db.Users.Where(a => a.Email == organiserEmail)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.PreferredLanguage, "fr").SetProperty(a => a.TimeZoneId, "Europe/Paris")));
        string[] everyone = [rapporteurEmail, organiserEmail, speakerEmail];
        var clock = new SetClock(Start.AddMinutes(59));
        var sweeper = Sweeper(clock);

        await sweeper.SweepOnceAsync(default);
        (await ReminderTestData.RemindersToAsync(app, everyone)).ShouldBeEmpty("the session has not ended");

        clock.Now = Start.AddMinutes(65);
        await sweeper.SweepOnceAsync(default);
        clock.Now = Start.AddMinutes(70);
        await sweeper.SweepOnceAsync(default);
        var sent = await ReminderTestData.RemindersToAsync(app, everyone);
        sent.Select(m => m.To).Order().ShouldBe(new[] { rapporteurEmail, organiserEmail }.Order(), "once each, never to the speaker");
        var english = sent.Single(m => m.To == rapporteurEmail);
        english.Subject.ShouldBe("WS #10300 has ended: key takeaways are due");
        // Due at 13:00 UTC, 16:00 in Addis Ababa.
        english.Text.ShouldContain("Monday 10 March 2031, 16:00 Africa/Addis Ababa (UTC+3)");
        english.Text.ShouldContain($"/{session.Forum.Slug}/sessions/{session.Key}/report");
        english.Html.ShouldContain($"/{session.Forum.Slug}/sessions/{session.Key}/report\"");
        var french = sent.Single(m => m.To == organiserEmail);
        french.Subject.ShouldBe("WS #10300 est terminée : les principaux enseignements sont attendus");
        french.Text.ShouldContain("lundi 10 mars 2031, 14:00 Europe/Paris (UTC+1)");
        french.Text.ShouldContain("lundi 10 mars 2031, 16:00 Africa/Addis Ababa (UTC+3)");

        clock.Now = Start.AddMinutes(60 + 95);
        await sweeper.SweepOnceAsync(default);
        await sweeper.SweepOnceAsync(default);
        (await ReminderTestData.RemindersToAsync(app, everyone)).Count(m => m.Subject.Contains("due in 30 minutes")).ShouldBe(1, "the French one says it in French");
        (await app.InDbAsync(db => db.RemindersSent.CountAsync(r => r.SessionId == session.Id && r.Kind == ReminderKind.TakeawaysSoon))).ShouldBe(2);

        // Once takeaways are in, no one is reminded of them again, even under a later deadline.
        (await PlenaryApp.SubmitFormAsync(rapporteur, $"/{session.Forum.Slug}/sessions/{session.Key}/report", new Dictionary<string, string> { ["Form.Takeaway1"] = "Reach the last mile." },
            $"/{session.Forum.Slug}/sessions/{session.Key}/report?handler=SubmitTakeaways")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The report deadline, extended for this session to 20 March 18:00 in Addis Ababa (15:00 UTC): reminded 48 hours before.
        using var secretariat = await app.SecretariatOfAsync(session.Forum.Slug);
        await ExtendReportAsync(secretariat, session, "2031-03-20");
        var due = new DateTime(2031, 3, 20, 15, 0, 0, DateTimeKind.Utc);
        clock.Now = due.AddHours(-49);
        await sweeper.SweepOnceAsync(default);
        (await app.InDbAsync(db => db.RemindersSent.CountAsync(r => r.SessionId == session.Id && r.Kind == ReminderKind.ReportSoon))).ShouldBe(0);
        clock.Now = due.AddHours(-47);
        await sweeper.SweepOnceAsync(default);
        clock.Now = due.AddHours(-46);
        await sweeper.SweepOnceAsync(default);
        (await app.InDbAsync(db => db.RemindersSent.CountAsync(r => r.SessionId == session.Id && r.Kind == ReminderKind.ReportSoon))).ShouldBe(2);

        // A second extension is a new deadline: one more reminder each, for it.
        await ExtendReportAsync(secretariat, session, "2031-03-21");
        clock.Now = due.AddHours(24 - 47);
        await sweeper.SweepOnceAsync(default);
        await sweeper.SweepOnceAsync(default);
        var report = await app.InDbAsync(db => db.RemindersSent.Where(r => r.SessionId == session.Id && r.Kind == ReminderKind.ReportSoon).ToListAsync());
        report.Count.ShouldBe(4);
        report.Select(r => r.Instant).Distinct().Order().ShouldBe([due, due.AddDays(1)]);
        (await ReminderTestData.RemindersToAsync(app, everyone)).Count.ShouldBe(2 + 2 + 4);
    }

    [Fact]
    public async Task Many_sweeps_at_once_write_each_reminder_once()
    {
        var session = await ReminderTestData.PlacedSessionAsync(app, 10302, Start.AddDays(1), "Reminders race session");
        var emails = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var writer = await app.HolderOfSessionRoleAsync(session, i % 2 == 0 ? SessionRoleKind.Rapporteur : SessionRoleKind.Organiser);
        }
        emails.AddRange(await ReminderTestData.EmailsAsync(app, session, SessionRoleKind.Rapporteur));
        emails.AddRange(await ReminderTestData.EmailsAsync(app, session, SessionRoleKind.Organiser));
        var clock = new SetClock(Start.AddDays(1).AddMinutes(61));
        var sweepers = Enumerable.Range(0, 4).Select(_ => Sweeper(clock)).ToList();

        await Task.WhenAll(sweepers.SelectMany(s => Enumerable.Range(0, 3).Select(_ => Task.Run(() => s.SweepOnceAsync(default)))));

        var sent = await ReminderTestData.RemindersToAsync(app, emails);
        sent.Select(m => m.To).Order().ShouldBe(emails.Order());
    }

    private static async Task ExtendReportAsync(HttpClient secretariat, Session session, string day) =>
        (await PlenaryApp.SubmitFormAsync(secretariat, $"/{session.Forum.Slug}/sessions/{session.Key}/report",
            new Dictionary<string, string> { ["ExtendPart"] = "Report", ["ExtendDay"] = day, ["ExtendTime"] = "18:00" },
            $"/{session.Forum.Slug}/sessions/{session.Key}/report?handler=Extend")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
}

[Collection("sqlite")]
public sealed class RemindersOnSqlite(SqliteApp app) : RemindersTests(app);

[Collection("postgres")]
public sealed class RemindersOnPostgres(PostgresApp app) : RemindersTests(app);
