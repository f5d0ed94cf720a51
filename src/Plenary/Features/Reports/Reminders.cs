using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Kernel.Audit;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;
using Plenary.Infrastructure.Operations;

namespace Plenary.Features.Reports;

/// <summary>When reminders go out; the forum's own lead before the report deadline, when set, wins over ReportLead.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Plenary:Reminders";

    /// <summary>How often each instance looks for reminders that are due.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan TakeawaysLead { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan ReportLead { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Off, the sweep never runs on its own (the Secretariat's one-click reminder still works).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Reminders to the writers of a session (its rapporteurs and organisers with a confirmed account) whose output is not
/// submitted yet: when the session ends, shortly before the takeaways are due, before the report deadline, and when the
/// Secretariat asks. Each is claimed by inserting its <see cref="ReminderSent"/> row with ON CONFLICT DO NOTHING (both
/// databases know it) in the transaction that writes the message, so only the instance whose insert landed sends it.
/// </summary>
public sealed class Reminders(PlenaryDb db, Mailer mailer, TimeProvider clock, IOptions<ReminderOptions> options, PlenaryMetrics metrics)
{
    public const int MaxReportLeadHours = 24 * 30;

    private sealed record Target(int SessionId, string SessionName, string Title, string SessionKey, ReminderKind Kind, DateTime Instant, DateTime Deadline);

    private sealed record Writer(int SessionId, int AccountId, string Email, string Language, string? TimeZoneId, string Name);

    public TimeSpan ReportLead(Forum forum) => forum.ReportReminderHours is { } hours ? TimeSpan.FromHours(hours) : options.Value.ReportLead;

    /// <summary>One round over every forum: writes the reminders now due and not yet sent. Returns how many were written.</summary>
    public async Task<int> SweepAsync(DateTime now, CancellationToken cancel)
    {
        var sent = 0;
        foreach (var forum in await db.Forums.ToListAsync(cancel))
        {
            var targets = await DueAsync(forum, now, cancel);
            if (targets.Count > 0)
            {
                sent += (await SendAsync(forum, targets, now, null, cancel)).Sent;
            }
        }
        return sent;
    }

    /// <summary>
    /// The Secretariat's one click: every writer of every overdue output of the forum is reminded, at most once per
    /// forum-local day. Audited with the counts.
    /// </summary>
    public async Task<(int Sent, int Skipped)> NudgeOverdueAsync(Forum forum, ClaimsPrincipal user, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var forumClock = ForumClock.For(forum.TimeZoneId);
        var today = forumClock.DayBounds(forumClock.Day(now)).Start;
        var targets = new List<Target>();
        foreach (var s in await ReportCompliance.LoadAsync(db, forum, now, cancel))
        {
            if (s.Takeaways == OutputState.Missing)
            {
                targets.Add(new Target(s.Id, s.NumberedName, s.Title, s.Key, ReminderKind.TakeawaysOverdue, today, s.TakeawaysDue!.Value));
            }
            if (s.Report == OutputState.Missing || s.Gender == OutputState.Missing)
            {
                targets.Add(new Target(s.Id, s.NumberedName, s.Title, s.Key, ReminderKind.ReportOverdue, today, s.ReportDue));
            }
        }
        return await SendAsync(forum, targets, now, user, cancel);
    }

    /// <summary>The automatic reminders of one forum that are due at this instant.</summary>
    private async Task<List<Target>> DueAsync(Forum forum, DateTime now, CancellationToken cancel)
    {
        var forumReportDue = ReportDeadlines.ReportDue(forum, null);
        var reportLead = ReportLead(forum);
        var reportWindow = now >= forumReportDue - reportLead && now < forumReportDue;
        var takeawaysLead = options.Value.TakeawaysLead;
        var endedSince = now.AddMinutes(-ReportDeadlines.TakeawaysMinutes(forum));
        var sessions = await ReportCompliance.Expected(db, forum.Id)
            .Where(s => s.EndsAt <= now && (s.EndsAt >= endedSince || reportWindow
                || db.SessionReporting.Any(r => r.SessionId == s.Id && (r.TakeawaysExtendedTo > now || r.ReportExtendedTo > now))))
            .Select(s => new
            {
                s.Id, s.Type.Code, s.Type.NumberLabel, TypeName = s.Type.Name, s.Number, s.HasNumber, s.Title, s.EndsAt,
                HasTakeaways = db.Takeaways.Any(t => t.SessionId == s.Id),
                HasReport = db.SessionReports.Any(r => r.SessionId == s.Id),
                Reporting = db.SessionReporting.FirstOrDefault(r => r.SessionId == s.Id),
            })
            .ToListAsync(cancel);
        var targets = new List<Target>();
        foreach (var s in sessions)
        {
            var (name, key) = (Session.NameOf(s.NumberLabel, s.TypeName, s.Number, s.HasNumber), SessionKey.Format(s.Code, s.Number));
            // Sessions here have an end (the query asks for it), so there is always a due time.
            var takeawaysDue = ReportDeadlines.TakeawaysDue(forum, s.EndsAt, s.Reporting)!.Value;
            if (!s.HasTakeaways && s.Reporting?.TakeawaysSubmittedAt is null && now < takeawaysDue)
            {
                if (now >= takeawaysDue - takeawaysLead)
                {
                    targets.Add(new Target(s.Id, name, s.Title, key, ReminderKind.TakeawaysSoon, takeawaysDue, takeawaysDue));
                }
                else if (s.Reporting?.TakeawaysExtendedTo is null)
                {
                    // Only the session's own end is news: an extension is announced by the Secretariat, not by this.
                    targets.Add(new Target(s.Id, name, s.Title, key, ReminderKind.SessionEnded, takeawaysDue, takeawaysDue));
                }
            }
            var reportDue = ReportDeadlines.ReportDue(forum, s.Reporting);
            if (!s.HasReport && now < reportDue && now >= reportDue - reportLead)
            {
                targets.Add(new Target(s.Id, name, s.Title, key, ReminderKind.ReportSoon, reportDue, reportDue));
            }
        }
        return targets;
    }

    /// <summary>Claims and writes each reminder to each writer of its session; a claim already taken is skipped.</summary>
    private async Task<(int Sent, int Skipped)> SendAsync(Forum forum, List<Target> targets, DateTime now, ClaimsPrincipal? user, CancellationToken cancel)
    {
        var sessionIds = targets.Select(t => t.SessionId).Distinct().ToList();
        var writers = await (from r in db.SessionRoles
                             where sessionIds.Contains(r.SessionId) && (r.Kind == SessionRoleKind.Rapporteur || r.Kind == SessionRoleKind.Organiser) && r.PersonId != null
                             join a in db.Users on r.PersonId equals a.PersonId
                             where a.EmailConfirmed && a.Email != null
                             select new Writer(r.SessionId, a.Id, a.Email!, a.PreferredLanguage, a.TimeZoneId, a.Person.Name))
            .ToListAsync(cancel);
        // The same order on every instance: two sweeps inserting the same rows wait for each other instead of deadlocking.
        var work = (from t in targets
                    join w in writers.DistinctBy(w => (w.SessionId, w.AccountId)) on t.SessionId equals w.SessionId
                    orderby t.SessionId, w.AccountId, t.Kind, t.Instant
                    select (Target: t, Writer: w)).ToList();
        var (sent, skipped) = (0, 0);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        foreach (var (target, writer) in work)
        {
            var kind = target.Kind.ToString();
            var claimed = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ReminderSent" ("SessionId", "AccountId", "Kind", "Instant", "SentAt")
                VALUES ({target.SessionId}, {writer.AccountId}, {kind}, {target.Instant}, {now})
                ON CONFLICT ("SessionId", "AccountId", "Kind", "Instant") DO NOTHING
                """, cancel);
            if (claimed == 0)
            {
                skipped++;
                continue;
            }
            sent++;
            mailer.Queue(writer.Email, writer.Language, "report-reminder", l => Compose(l, forum, target, writer));
        }
        if (user is not null)
        {
            db.Record(user, clock, forum.Id, "report.remind", forum.Name, null, new { Sent = sent, Skipped = skipped });
        }
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        if (sent > 0)
        {
            metrics.RemindersSent.Add(sent);
        }
        if (sent > 0)
        {
            mailer.SendSoon();
        }
        return (sent, skipped);
    }

    private static MailContent Compose(IStringLocalizer l, Forum forum, Target target, Writer writer)
    {
        var culture = CultureInfo.CurrentCulture;
        var forumClock = ForumClock.For(forum.TimeZoneId);
        string At(ForumClock c, DateTime t) => c.Time(t) == "00:00"
            ? $"{ForumClock.LongDay(c.Day(t).AddDays(-1), culture)}, 24:00 {c.ZoneName(t)}"
            : $"{ForumClock.LongDay(c.Day(t), culture)}, {c.Time(t)} {c.ZoneName(t)}";
        var session = $"{target.SessionName} “{target.Title}”";
        var (subject, news) = target.Kind switch
        {
            ReminderKind.SessionEnded => (l["{0} has ended: key takeaways are due", target.SessionName],
                l["{0} at {1} has ended. Its key takeaways and calls to action are due by the deadline below.", session, forum.Name]),
            ReminderKind.TakeawaysSoon => (l["Key takeaways of {0} are due in 30 minutes", target.SessionName],
                l["The key takeaways and calls to action of {0} at {1} are due soon and not yet submitted.", session, forum.Name]),
            ReminderKind.ReportSoon => (l["Session report of {0} due soon", target.SessionName],
                l["The session report and gender report of {0} at {1} are due soon and not yet submitted.", session, forum.Name]),
            ReminderKind.TakeawaysOverdue => (l["Key takeaways of {0} are overdue", target.SessionName],
                l["The key takeaways and calls to action of {0} at {1} are overdue. The Secretariat asks you to submit them; late submissions are accepted.", session, forum.Name]),
            _ => (l["Session report of {0} is overdue", target.SessionName],
                l["The session report and gender report of {0} at {1} are overdue. The Secretariat asks you to submit them; late submissions are accepted.", session, forum.Name]),
        };
        List<string> paragraphs = [l["Hello {0},", writer.Name], news, l["Due: {0} (the forum's time).", At(forumClock, target.Deadline)]];
        if (writer.TimeZoneId is { } zone && zone != forum.TimeZoneId && ForumClock.TryCreate(zone, out var own))
        {
            paragraphs.Add(l["In your time zone: {0}", At(own, target.Deadline)]);
        }
        paragraphs.Add(l["You receive this as the session's rapporteur or organiser; any of you may submit, and once one does, no more reminders are sent."]);
        return new MailContent(subject, paragraphs, l["Write the outputs"], ReportLinks.Write(forum.Slug, target.SessionKey));
    }
}

/// <summary>Runs the reminders' sweep on every instance; the claim in <see cref="Reminders"/> keeps them from sending twice.</summary>
public sealed class ReminderSweeper(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReminderSweeper> logger)
    : BackgroundService
{
    public async Task<int> SweepOnceAsync(CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Reminders>().SweepAsync(clock.GetUtcNow().UtcDateTime, cancel);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unreachable, or two instances raced to the same row; the next round retries.
                logger.LogWarning(e, "Reminder sweep failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
