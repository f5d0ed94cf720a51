using Plenary.Features.Sessions;

namespace Plenary.Features.Queue;

/// <summary>The speaking queue's pages, under the session's address.</summary>
public static class QueueLinks
{
    /// <summary>"/igf2022/sessions/ws-500/live": the participants' page.</summary>
    public static string Live(string forumSlug, string sessionKey) => SessionLinks.Under(forumSlug, sessionKey, "live");

    /// <summary>The moderators' console.</summary>
    public static string Console(string forumSlug, string sessionKey) => SessionLinks.Under(forumSlug, sessionKey, "console");

    /// <summary>The queue's record (who spoke, how long).</summary>
    public static string Record(string forumSlug, string sessionKey) => SessionLinks.Under(forumSlug, sessionKey, "queue-record");

    /// <summary>The Server-Sent Events stream of the live page and the console.</summary>
    public static string Events(string forumSlug, string sessionKey) => SessionLinks.Under(forumSlug, sessionKey, "live/events");
}
