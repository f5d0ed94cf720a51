using Plenary.Kernel.Links;

namespace Plenary.Features.Sdgs;

public static class SdgLinks
{
    /// <summary>"/igf2022/sdgs".</summary>
    public static string Index(string forumSlug) => LinkPath.InForum(forumSlug, "sdgs");

    /// <summary>"/igf2022/sdgs/4".</summary>
    public static string Goal(string forumSlug, int goal) => Index(forumSlug) + "/" + LinkPath.Segment(goal);
}
