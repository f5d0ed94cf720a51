using Plenary.Kernel.Links;

namespace Plenary.Features.Agenda;

public static class AgendaLinks
{
    /// <summary>"/igf2022/agenda": the person's saved sessions.</summary>
    public static string Page(string forumSlug) => LinkPath.InForum(forumSlug, "agenda");

    /// <summary>The secret calendar link of an agenda ("/igf2022/agenda/{secret}.ics").</summary>
    public static string Feed(string forumSlug, string secret) => Page(forumSlug) + "/" + LinkPath.Segment(secret) + ".ics";
}
