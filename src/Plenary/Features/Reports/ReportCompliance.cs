using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reports;

/// <summary>Where one output of one session stands against its deadline.</summary>
public enum OutputState
{
    /// <summary>Not submitted, and the deadline has not passed (or the session is not yet in the timetable).</summary>
    NotDue,
    OnTime,
    Late,

    /// <summary>Not submitted, and the deadline has passed: overdue.</summary>
    Missing,
}

/// <summary>One session's three outputs as the Secretariat's dashboard counts them.</summary>
public sealed record SessionCompliance(int Id, string Key, string NumberedName, string Title, string TypeCode, string TypeName, int TypePosition,
    string? Subtheme, IReadOnlyList<string> Organisers, DateTime? EndsAt, DateTime? TakeawaysDue, DateTime ReportDue,
    OutputState Takeaways, OutputState Report, OutputState Gender);

/// <summary>
/// The one definition of "submitted", "late" and "missing" that the compliance dashboard, the reminders and the screening
/// rule about the previous edition all read, so a session counted missing on the dashboard is the session a proposer is
/// flagged for. Every session that is not cancelled is expected to report (takeaways only once it has an end in the
/// timetable); a report counts as filed when the session report exists (reports from before the form count too).
/// </summary>
public static class ReportCompliance
{
    public static IQueryable<Session> Expected(PlenaryDb db, int forumId) =>
        db.Sessions.Where(s => s.ForumId == forumId && s.Status != SessionStatus.Cancelled);

    /// <summary>Sessions of a forum whose report deadline (the forum's, or the session's extension) has passed with no report filed.</summary>
    public static IQueryable<Session> NeverFiledReport(PlenaryDb db, Forum forum, DateTime now)
    {
        var forumDue = ReportDeadlines.ReportDue(forum, null);
        var unfiled = Expected(db, forum.Id).Where(s => !db.SessionReports.Any(r => r.SessionId == s.Id));
        // An extension only ever moves a deadline later than the forum's.
        return forumDue < now
            ? unfiled.Where(s => !db.SessionReporting.Any(r => r.SessionId == s.Id && r.ReportExtendedTo != null && r.ReportExtendedTo >= now))
            : unfiled.Where(s => db.SessionReporting.Any(r => r.SessionId == s.Id && r.ReportExtendedTo != null && r.ReportExtendedTo < now));
    }

    public static OutputState State(bool submitted, bool late, DateTime? due, DateTime now) =>
        submitted ? (late ? OutputState.Late : OutputState.OnTime)
        : due is { } d && d < now ? OutputState.Missing : OutputState.NotDue;

    /// <summary>Every session the forum expects outputs from, with the state of each output.</summary>
    public static async Task<List<SessionCompliance>> LoadAsync(PlenaryDb db, Forum forum, DateTime now, CancellationToken cancel)
    {
        var rows = await Expected(db, forum.Id)
            .Select(s => new
            {
                s.Id, s.Number, s.HasNumber, s.Title, TypeCode = s.Type.Code, TypeName = s.Type.Name, s.Type.NumberLabel, TypePosition = s.Type.Position,
                Subtheme = s.Subtheme == null ? null : s.Subtheme.Name, s.EndsAt,
                HasTakeaways = db.Takeaways.Any(t => t.SessionId == s.Id),
                HasReport = db.SessionReports.Any(r => r.SessionId == s.Id),
                HasGender = db.GenderReports.Any(r => r.SessionId == s.Id),
                Reporting = db.SessionReporting.FirstOrDefault(r => r.SessionId == s.Id),
            })
            .ToListAsync(cancel);
        var ids = rows.Select(r => r.Id).ToList();
        var organisers = (await db.SessionRoles.Where(r => ids.Contains(r.SessionId) && r.Kind == SessionRoleKind.Organiser)
                .Select(r => new { r.SessionId, r.Position, Name = r.Organisation != null ? r.Organisation.Name : r.Person != null ? r.Person.Name : null })
                .ToListAsync(cancel))
            .Where(o => o.Name is not null).GroupBy(o => o.SessionId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.OrderBy(o => o.Position).Select(o => o.Name!).Distinct().ToList());
        return rows.OrderBy(r => r.TypePosition).ThenBy(r => r.Number)
            .Select(r =>
            {
                var takeawaysDue = ReportDeadlines.TakeawaysDue(forum, r.EndsAt, r.Reporting);
                var reportDue = ReportDeadlines.ReportDue(forum, r.Reporting);
                var takeaways = State(r.HasTakeaways || r.Reporting?.TakeawaysSubmittedAt is not null, r.Reporting?.TakeawaysLate == true, takeawaysDue, now);
                var report = State(r.HasReport, r.Reporting?.ReportLate == true, reportDue, now);
                // The gender report is filed with the session report, so it is as late as the report was.
                var gender = State(r.HasGender, r.Reporting?.ReportLate == true, reportDue, now);
                return new SessionCompliance(r.Id, SessionKey.Format(r.TypeCode, r.Number), Session.NameOf(r.NumberLabel, r.TypeName, r.Number, r.HasNumber), r.Title, r.TypeCode, r.TypeName,
                    r.TypePosition, r.Subtheme, organisers.GetValueOrDefault(r.Id, []), r.EndsAt, takeawaysDue, reportDue, takeaways, report, gender);
            })
            .ToList();
    }
}
