using Plenary.Kernel.Links;

namespace Plenary.Features.Releases;

public static class ReleaseLinks
{
    /// <summary>"/igf2022/changes": the public changelog.</summary>
    public static string Changes(string forumSlug) => LinkPath.InForum(forumSlug, "changes");

    /// <summary>The Secretariat's releases.</summary>
    public static string Manage(string forumSlug) => LinkPath.InForum(forumSlug, "manage/timetable/releases");
}
