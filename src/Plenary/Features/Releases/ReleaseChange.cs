using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Agenda;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Sessions;
using Plenary.Features.Timetable;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Releases;

/// <summary>The version name the Secretariat gives a release.</summary>
public sealed class ReleaseForm
{
    public string? Name { get; set; }
}

public sealed class ReleaseFormValidator : AbstractValidator<ReleaseForm>
{
    public ReleaseFormValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(f => f.Name ?? "").Field("name")
            .OnOneLine(L)
            .Must(name => name.Length is > 0 and <= TimetableRelease.MaxName)
            .WithMessage(_ => L["Give the release a version name of at most {0} characters, e.g. \"v3 – final\".", TimetableRelease.MaxName]);
}

/// <summary>
/// Releases a forum's timetable: refused while a blocking warning stands; otherwise one transaction writes the snapshot,
/// the audit entry and one e-mail per person whose saved sessions moved or were cancelled.
/// </summary>
public sealed class ReleaseChange(PlenaryDb db, IValidator<ReleaseForm> validator, TimeProvider clock, Mailer mailer, IStringLocalizer<SharedResource> L)
{
    /// <summary>The release, or why not; with the blocking warnings that stand in its way, which the page lists.</summary>
    public sealed record Outcome(ChangeResult<TimetableRelease> Result, List<Warning> Blocking);

    public async Task<Outcome> ReleaseAsync(Forum forum, string? name, ClaimsPrincipal user, CancellationToken cancel)
    {
        var form = new ReleaseForm { Name = name?.Trim() };
        name = form.Name;
        var refusal = await validator.RefusalAsync(form, cancel);
        var blocking = TimetableRules.Check(await TimetableLoad.SnapshotAsync(db, forum, cancel), L).Where(w => w.Severity == Timetable.Severity.Block).ToList();
        if (blocking.Count > 0)
        {
            refusal.Add("", L["The timetable has {0} blocking warnings: solve them (or change their severity) before releasing. Nothing was released.", blocking.Count]);
        }
        if (!refusal.IsEmpty)
        {
            return new Outcome(refusal, blocking);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var before = await LatestAsync(db, forum.Id, cancel);
        var release = new TimetableRelease { ForumId = forum.Id, Name = name!, ReleasedAt = now, ReleasedBy = user.AccountId() };
        db.TimetableReleases.Add(release);
        await db.SaveChangesAsync(cancel);

        var rows = await SnapshotAsync(db, forum.Id, release.Id, before, cancel);
        db.ReleasedSessions.AddRange(rows);
        var changes = Changelog.Diff(before, rows, await Changelog.NamesAsync(db, forum.Id, cancel), forum.Rooms.ToDictionary(r => r.Id, r => r.Name));
        var told = await TellAsync(forum, release, changes, cancel);
        db.Record(user, clock, forum.Id, "timetable.release", name!, null, new
        {
            release.Name, Sessions = rows.Count,
            New = changes.Count(c => c.Kind == ChangeKind.New), Moved = changes.Count(c => c.Kind == ChangeKind.Moved),
            Cancelled = changes.Count(c => c.Kind == ChangeKind.Cancelled), Told = told,
        });
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        mailer.SendSoon();
        return new Outcome(ChangeResult<TimetableRelease>.Done(release), blocking);
    }

    /// <summary>
    /// The demo forum's first release, as if its Secretariat had released it: no checks, no mail, no audit. After an
    /// earlier release, its sequences follow on from that one's as a release's do.
    /// </summary>
    public static async Task SeedAsync(PlenaryDb db, int forumId, string name, DateTime now)
    {
        var before = await LatestAsync(db, forumId, default);
        var release = new TimetableRelease { ForumId = forumId, Name = name, ReleasedAt = now };
        db.TimetableReleases.Add(release);
        await db.SaveChangesAsync();
        db.ReleasedSessions.AddRange(await SnapshotAsync(db, forumId, release.Id, before, default));
        await db.SaveChangesAsync();
    }

    /// <summary>The sessions of the forum's latest release by session; null before its first.</summary>
    private static async Task<Dictionary<int, ReleasedSession>?> LatestAsync(PlenaryDb db, int forumId, CancellationToken cancel)
    {
        var previous = await db.TimetableReleases.Where(r => r.ForumId == forumId).OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancel);
        return previous is { } p ? await db.ReleasedSessions.Where(r => r.ReleaseId == p).ToDictionaryAsync(r => r.SessionId, cancel) : null;
    }

    /// <summary>
    /// Every session of the forum as it stands. SEQUENCE: the public one so far is the higher of the previous release's and
    /// the working copy's (<see cref="PublishedTimetable.Of"/>), and one more than that when the placement or status
    /// changed (which raised nothing in the working copy: <see cref="Schedule.CalendarSequence"/>). The working copy is
    /// then brought up to it, so that the next change of a title or an SDG, public at once, raises the public sequence at
    /// once; in the caller's transaction, and without raising the session's version (an edit form opened before the
    /// release still saves).
    /// </summary>
    public static async Task<List<ReleasedSession>> SnapshotAsync(PlenaryDb db, int forumId, int releaseId, IReadOnlyDictionary<int, ReleasedSession>? before, CancellationToken cancel)
    {
        var sessions = await db.Sessions.Where(s => s.ForumId == forumId)
            .Select(s => new { s.Id, s.StartsAt, s.EndsAt, s.RoomId, s.Status, s.ScheduleSequence }).ToListAsync(cancel);
        var rows = Rows();
        var behind = rows.Zip(sessions).Where(pair => pair.First.Sequence > pair.Second.ScheduleSequence).GroupBy(pair => pair.First.Sequence, pair => pair.Second.Id);
        foreach (var group in behind)
        {
            var ids = group.ToList();
            await db.Sessions.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.ScheduleSequence, group.Key), cancel);
        }
        return rows;

        List<ReleasedSession> Rows() => sessions.Select(s =>
        {
            var placed = s.StartsAt is not null && s.EndsAt is not null && s.RoomId is not null;
            var row = new ReleasedSession
            {
                ReleaseId = releaseId, SessionId = s.Id, StartsAt = placed ? s.StartsAt : null, EndsAt = placed ? s.EndsAt : null,
                RoomId = placed ? s.RoomId : null, Status = s.Status, Sequence = s.ScheduleSequence,
            };
            if (before?.GetValueOrDefault(s.Id) is { } was)
            {
                var changed = was.StartsAt != row.StartsAt || was.EndsAt != row.EndsAt || was.RoomId != row.RoomId || was.Status != row.Status;
                row.Sequence = Math.Max(was.Sequence, s.ScheduleSequence) + (changed ? 1 : 0);
            }
            return row;
        }).ToList();
    }

    /// <summary>One message per person, whatever number of their saved sessions changed; how many were written.</summary>
    private async Task<int> TellAsync(Forum forum, TimetableRelease release, List<Change> changes, CancellationToken cancel)
    {
        var notifying = changes.Where(c => c.Notifies).ToDictionary(c => c.SessionId);
        if (notifying.Count == 0)
        {
            return 0;
        }
        var ids = notifying.Keys.ToList();
        var savers = await db.AgendaEntries.Where(e => ids.Contains(e.SessionId))
            .Join(db.Users, e => e.AccountId, a => a.Id, (e, a) => new { e.AccountId, e.SessionId, a.Email, a.PreferredLanguage, a.TimeZoneId })
            .ToListAsync(cancel);
        var zones = await db.AgendaSettings.Where(s => s.ForumId == forum.Id).ToDictionaryAsync(s => s.AccountId, s => s.Zone, cancel);
        var count = 0;
        foreach (var person in savers.Where(s => s.Email is not null).GroupBy(s => s.AccountId))
        {
            var first = person.First();
            var personClock = AgendaClock.For(zones.GetValueOrDefault(person.Key), forum.TimeZoneId, first.TimeZoneId);
            var theirs = person.Select(s => notifying[s.SessionId]).OrderBy(c => c.Before?.StartsAt).ToList();
            mailer.Queue(first.Email!, first.PreferredLanguage, "agenda.change", l =>
            {
                List<string> paragraphs = [l["Hello,"], l["The timetable of {0} has a new version, {1}. Sessions in your agenda changed:", forum.Name, release.Name]];
                paragraphs.AddRange(theirs.Select(c => Describe(l, c, personClock)));
                paragraphs.Add(l["Times are in {0}.", personClock.ZoneId]);
                return new MailContent(l["Your agenda for {0} changed", forum.Name], paragraphs, l["Open your agenda"], AgendaLinks.Page(forum.Slug));
            });
            count++;
        }
        return count;
    }

    /// <summary>A change in one sentence, with times in the reader's clock.</summary>
    public static string Describe(IStringLocalizer l, Change c, ForumClock clock)
    {
        var name = $"{c.NumberedName}: {c.Title}";
        return c.Kind switch
        {
            ChangeKind.Cancelled => l["{0} is cancelled.", name],
            ChangeKind.Unscheduled => l["{0} is no longer in the timetable.", name],
            ChangeKind.New => l["{0} is new: {1}.", name, When(c.After, clock)],
            ChangeKind.Reinstated => l["{0} takes place after all: {1}.", name, When(c.After, clock)],
            _ when c.TimeChanged && c.RoomChanged => l["{0} moves to another time and room: {1} (was {2}).", name, When(c.After, clock), When(c.Before!, clock)],
            _ when c.TimeChanged => l["{0} moves to another time: {1} (was {2}).", name, When(c.After, clock), When(c.Before!, clock)],
            _ => l["{0} moves to another room: {1} (was {2}).", name, c.After.RoomName ?? "", c.Before!.RoomName ?? ""],
        };
    }

    public static string When(Place p, ForumClock clock) =>
        p.StartsAt is { } start && p.EndsAt is { } end
            ? $"{ForumClock.LongDay(clock.Day(start), CultureInfo.CurrentCulture)}, {clock.Time(start)}–{clock.Time(end)}, {p.RoomName}"
            : "";
}
