using Plenary.Kernel.Links;

namespace Plenary.Features.Manage;

/// <summary>The Secretariat's workspace and the pages kept in this folder.</summary>
public static class ManageLinks
{
    /// <summary>"/igf2022/manage".</summary>
    public static string Workspace(string forumSlug) => LinkPath.InForum(forumSlug, "manage");

    public static string Audit(string forumSlug) => Workspace(forumSlug) + "/audit";

    public static string Import(string forumSlug) => Workspace(forumSlug) + "/import";

    /// <summary>"/igf2022/manage/export/people.csv".</summary>
    public static string Export(string forumSlug, string file) => Workspace(forumSlug) + "/export/" + LinkPath.Segment(file);

    public static string Invitations(string forumSlug) => Workspace(forumSlug) + "/invitations";

    public static string People(string forumSlug) => Workspace(forumSlug) + "/people";

    public static string Person(string forumSlug, int personId) => People(forumSlug) + "/" + LinkPath.Segment(personId);

    public static string Rooms(string forumSlug) => Workspace(forumSlug) + "/rooms";

    public static string SessionTypes(string forumSlug) => Workspace(forumSlug) + "/session-types";

    public static string Sessions(string forumSlug) => Workspace(forumSlug) + "/sessions";

    public static string Subthemes(string forumSlug) => Workspace(forumSlug) + "/subthemes";

    public static string Team(string forumSlug) => Workspace(forumSlug) + "/team";

    /// <summary>"/api/forums/igf2022/rooms/3".</summary>
    public static string ApiRoom(string forumSlug, int roomId) => LinkPath.Api(forumSlug) + "/rooms/" + LinkPath.Segment(roomId);

    public static string ApiSessionType(string forumSlug, string code) => LinkPath.Api(forumSlug) + "/session-types/" + LinkPath.Segment(code);

    public static string ApiSubtheme(string forumSlug, string subthemeSlug) => LinkPath.Api(forumSlug) + "/subthemes/" + LinkPath.Segment(subthemeSlug);

    public static string ApiInvitation(string forumSlug, int invitationId) => LinkPath.Api(forumSlug) + "/invitations/" + LinkPath.Segment(invitationId);

    /// <summary>"/invitations/7": where an invited person accepts (the code follows as a query).</summary>
    public static string Invitation(int invitationId) => "/invitations/" + LinkPath.Segment(invitationId);
}
