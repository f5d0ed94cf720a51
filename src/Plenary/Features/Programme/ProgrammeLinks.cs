using Plenary.Kernel.Links;

namespace Plenary.Features.Programme;

public static class ProgrammeLinks
{
    /// <summary>"/igf2022/programme"; its filters follow as a query (<c>ProgrammeFilter.QueryWith</c>).</summary>
    public static string Page(string forumSlug) => LinkPath.InForum(forumSlug, "programme");

    /// <summary>The day-by-room grid.</summary>
    public static string Grid(string forumSlug) => LinkPath.InForum(forumSlug, "schedule/grid");

    /// <summary>Now and next.</summary>
    public static string Now(string forumSlug) => LinkPath.InForum(forumSlug, "now");
}
