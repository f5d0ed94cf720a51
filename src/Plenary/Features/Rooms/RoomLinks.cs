using Plenary.Kernel.Links;

namespace Plenary.Features.Rooms;

public static class RoomLinks
{
    /// <summary>"/igf2022/rooms".</summary>
    public static string Index(string forumSlug) => LinkPath.InForum(forumSlug, "rooms");

    /// <summary>"/igf2022/rooms/3".</summary>
    public static string Room(string forumSlug, int roomId) => Index(forumSlug) + "/" + LinkPath.Segment(roomId);
}
