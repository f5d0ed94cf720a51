using Plenary.Kernel.Links;

namespace Plenary.Features.People;

public static class PeopleLinks
{
    /// <summary>"/igf2022/people": a forum's speakers.</summary>
    public static string Index(string forumSlug) => LinkPath.InForum(forumSlug, "people");

    /// <summary>"/people/42": a person across forums.</summary>
    public static string Person(int personId) => "/people/" + LinkPath.Segment(personId);
}
