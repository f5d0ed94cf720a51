using Plenary.Kernel.Links;

namespace Plenary.Features.Timetable;

/// <summary>The Secretariat's working timetable.</summary>
public static class TimetableLinks
{
    /// <summary>"/igf2022/manage/timetable".</summary>
    public static string Index(string forumSlug) => LinkPath.InForum(forumSlug, "manage/timetable");

    public static string Settings(string forumSlug) => Index(forumSlug) + "/settings";

    public static string Availability(string forumSlug) => Index(forumSlug) + "/availability";

    /// <summary>The automatic scheduler.</summary>
    public static string Schedule(string forumSlug) => Index(forumSlug) + "/schedule";
}
