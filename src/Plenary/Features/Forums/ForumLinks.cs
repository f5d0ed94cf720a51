using Plenary.Kernel.Links;

namespace Plenary.Features.Forums;

/// <summary>Where the forum's own pages are; every other feature's links start from <see cref="LinkPath.Forum"/>.</summary>
public static class ForumLinks
{
    /// <summary>"/igf2022".</summary>
    public static string Home(string forumSlug) => LinkPath.Forum(forumSlug);

    /// <summary>Every forum, for site administrators.</summary>
    public const string Admin = "/admin/forums";

    /// <summary>The form for a new forum.</summary>
    public const string New = "/admin/forums/new";

    /// <summary>"/api/forums/igf2022": the forum in the API.</summary>
    public static string Api(string forumSlug) => LinkPath.Api(forumSlug);
}
