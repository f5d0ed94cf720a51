using Plenary.Features.Sessions;
using Plenary.Kernel.Links;

namespace Plenary.Features.Reports;

public static class ReportLinks
{
    /// <summary>"/igf2022/sessions/of-56/report": the outputs form.</summary>
    public static string Write(string forumSlug, string sessionKey) => SessionLinks.Under(forumSlug, sessionKey, "report");

    /// <summary>The history of submissions.</summary>
    public static string History(string forumSlug, string sessionKey) => SessionLinks.Under(forumSlug, sessionKey, "report/history");

    /// <summary>The transcript.</summary>
    public static string Transcript(string forumSlug, string sessionKey) => SessionLinks.Under(forumSlug, sessionKey, "transcript");

    /// <summary>One turn on the transcript page (<paramref name="turn"/> from 0; the anchors count from 1, as people do).</summary>
    public static string Turn(string forumSlug, string sessionKey, int turn) => Transcript(forumSlug, sessionKey) + TurnAnchor(turn);

    /// <summary>"#turn-3": the id each turn carries on the pages that show the transcript.</summary>
    public static string TurnAnchor(int turn) => $"#turn-{turn + 1}";

    /// <summary>The Secretariat's compliance dashboard.</summary>
    public static string Compliance(string forumSlug) => LinkPath.InForum(forumSlug, "manage/reports");

    /// <summary>"/igf2022/reports.atom".</summary>
    public static string Feed(string forumSlug) => LinkPath.InForum(forumSlug, "reports.atom");
}
