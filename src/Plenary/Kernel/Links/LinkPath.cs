using System.Globalization;

namespace Plenary.Kernel.Links;

/// <summary>
/// What every feature's <c>…Links</c> class builds on: the one place a value becomes a path segment, and the start of
/// every link inside a forum. Slugs, session keys and codes are URL-safe when they are made, so escaping changes
/// nothing today; doing it here means a value that ever is not cannot break a link or smuggle in a path.
/// </summary>
/// <remarks>
/// Plain concatenation rather than <c>LinkGenerator</c>: the programme writes about ten links per session for 300
/// sessions, and a route lookup per link would cost more than the rest of the rendering of a link (see
/// <c>docs/performance.md</c>). <see cref="Uri.EscapeDataString(string)"/> hands back the same string when nothing
/// needs escaping, so the usual case allocates nothing.
/// </remarks>
public static class LinkPath
{
    /// <summary>A value as one path segment ("of-56"; a slash or space would be escaped).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>A number as one path segment, the same in every culture.</summary>
    public static string Segment(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"/igf2022": a forum's home, and the start of every link inside it.</summary>
    public static string Forum(string forumSlug) => "/" + Segment(forumSlug);

    /// <summary>"/igf2022/programme": a page of a forum named by fixed words (no user value in <paramref name="path"/>).</summary>
    public static string InForum(string forumSlug, string path) => "/" + Segment(forumSlug) + "/" + path;

    /// <summary>"/api/forums/igf2022": the start of every API address of a forum.</summary>
    public static string Api(string forumSlug) => "/api/forums/" + Segment(forumSlug);
}
