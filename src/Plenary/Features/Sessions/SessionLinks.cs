using Plenary.Kernel.Links;

namespace Plenary.Features.Sessions;

/// <summary>
/// The session's address, "/{forum}/sessions/{key}", written here once: its page, and the start of every page about
/// one session (the report, the queue, the transcript and the calendar file build on <see cref="Page"/>).
/// </summary>
public static class SessionLinks
{
    /// <summary>"/igf2022/sessions/of-56".</summary>
    public static string Page(string forumSlug, string sessionKey) => LinkPath.Forum(forumSlug) + "/sessions/" + LinkPath.Segment(sessionKey);

    /// <summary>A page about one session: "/igf2022/sessions/of-56/" + <paramref name="page"/> (fixed words).</summary>
    public static string Under(string forumSlug, string sessionKey, string page) => Page(forumSlug, sessionKey) + "/" + page;

    /// <summary>The "Join online" button: notes the participant's presence, then goes on to the meeting.</summary>
    public static string Join(string forumSlug, string sessionKey) => Under(forumSlug, sessionKey, "join");

    /// <summary>The session's edit form.</summary>
    public static string Edit(string forumSlug, string sessionKey) => Under(forumSlug, sessionKey, "edit");

    /// <summary>The session's translations: the list of languages, or the form for one (<paramref name="language"/>).</summary>
    public static string Translations(string forumSlug, string sessionKey, string? language = null) =>
        Under(forumSlug, sessionKey, "translations") + (language is null ? "" : "/" + LinkPath.Segment(language));

    /// <summary>The Secretariat's form for a new session.</summary>
    public static string New(string forumSlug) => LinkPath.InForum(forumSlug, "manage/sessions/new");

    /// <summary>The Secretariat's list of the forum's record sections (policy questions, expected outcomes...).</summary>
    public static string ManageSections(string forumSlug) => LinkPath.InForum(forumSlug, "manage/sections");

    /// <summary>The sessions a person has a role in, across forums.</summary>
    public const string Mine = "/account/sessions";

    /// <summary>"/api/forums/igf2022/sessions/of-56".</summary>
    public static string Api(string forumSlug, string sessionKey) => LinkPath.Api(forumSlug) + "/sessions/" + LinkPath.Segment(sessionKey);

    /// <summary>One role (organiser, speaker…) of a session in the API.</summary>
    public static string ApiRole(string forumSlug, string sessionKey, int roleId) => Api(forumSlug, sessionKey) + "/roles/" + LinkPath.Segment(roleId);
}
