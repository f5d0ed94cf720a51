using Plenary.Kernel.Links;

namespace Plenary.Features.Sdgs;

public static class SdgLinks
{
    /// <summary>"/igf2022/sdgs".</summary>
    public static string Index(string forumSlug) => LinkPath.InForum(forumSlug, "sdgs");

    /// <summary>"/igf2022/sdgs/4".</summary>
    public static string Goal(string forumSlug, int goal) => Index(forumSlug) + "/" + LinkPath.Segment(goal);

    /// <summary>"/igf2022/manage/sdg-suggestions": the Secretariat's review of what the sessions' texts suggest.</summary>
    public static string Review(string forumSlug) => LinkPath.InForum(forumSlug, "manage/sdg-suggestions");
}

/// <summary>
/// One goal drawn as a chip (<c>Features/Shared/_SdgChip.cshtml</c>): its number and short name in the reader's language,
/// in the UN's colour for it, linking to the forum's page of that goal.
/// </summary>
public sealed record SdgChip(string Forum, int Goal);
