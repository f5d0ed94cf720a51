using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Kernel.Links;

namespace Plenary.Features.Schedule;

/// <summary>The exports of the timetable.</summary>
public static class ScheduleLinks
{
    /// <summary>"/igf2022/schedule.ics".</summary>
    public static string Ics(string forumSlug) => LinkPath.InForum(forumSlug, "schedule.ics");

    public static string Xml(string forumSlug) => LinkPath.InForum(forumSlug, "schedule.xml");

    public static string Json(string forumSlug) => LinkPath.InForum(forumSlug, "schedule.json");

    public static string Csv(string forumSlug) => LinkPath.InForum(forumSlug, "schedule.csv");

    /// <summary>"/igf2022/rooms/3/schedule.ics".</summary>
    public static string RoomIcs(string forumSlug, int roomId) => RoomLinks.Room(forumSlug, roomId) + "/schedule.ics";

    /// <summary>"/igf2022/sessions/of-56/calendar.ics".</summary>
    public static string SessionIcs(string forumSlug, string sessionKey) => SessionLinks.Under(forumSlug, sessionKey, "calendar.ics");
}
