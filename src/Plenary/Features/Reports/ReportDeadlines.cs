using Plenary.Features.Forums;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Reports;

/// <summary>
/// When a session's outputs are due, as UTC instants. Takeaways: a fixed time after the session's end (an elapsed
/// duration, so a daylight-saving change in between does not move it). Reports: the end of a forum-local day, which
/// NodaTime places correctly even on a day that is 23 or 25 hours long. A Secretariat's extension replaces either rule.
/// </summary>
public static class ReportDeadlines
{
    public const int DefaultTakeawaysMinutes = 120;
    public const int DefaultReportDays = 14;

    public static int TakeawaysMinutes(Forum forum) => forum.TakeawaysDueMinutes ?? DefaultTakeawaysMinutes;

    /// <summary>The forum-local day by whose end reports are due.</summary>
    public static DateOnly ReportDay(Forum forum) => forum.ReportDeadline ?? forum.LastDay.AddDays(DefaultReportDays);

    /// <summary>Null while the session has no end in the timetable (and no extension).</summary>
    public static DateTime? TakeawaysDue(Forum forum, Session session, SessionReporting? reporting) =>
        TakeawaysDue(forum, session.EndsAt, reporting);

    /// <summary>The same from the session's end alone, for lists that read sessions as rows rather than entities.</summary>
    public static DateTime? TakeawaysDue(Forum forum, DateTime? sessionEndsAt, SessionReporting? reporting) =>
        reporting?.TakeawaysExtendedTo ?? sessionEndsAt?.AddMinutes(TakeawaysMinutes(forum));

    public static DateTime ReportDue(Forum forum, SessionReporting? reporting) =>
        reporting?.ReportExtendedTo ?? ForumClock.For(forum.TimeZoneId).DayBounds(ReportDay(forum)).End;

    public static DateTime? Due(Forum forum, Session session, SessionReporting? reporting, OutputPart part) =>
        part == OutputPart.Takeaways ? TakeawaysDue(forum, session, reporting) : ReportDue(forum, reporting);
}
