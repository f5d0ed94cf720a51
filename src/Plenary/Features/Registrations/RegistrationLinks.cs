using Plenary.Kernel.Links;

namespace Plenary.Features.Registrations;

public static class RegistrationLinks
{
    /// <summary>"/igf2022/register".</summary>
    public static string Register(string forumSlug) => LinkPath.InForum(forumSlug, "register");

    /// <summary>The printable badge.</summary>
    public static string Badge(string forumSlug) => LinkPath.InForum(forumSlug, "badge");

    /// <summary>The Secretariat's registration desk.</summary>
    public static string Manage(string forumSlug) => LinkPath.InForum(forumSlug, "manage/registrations");

    public static string CheckIn(string forumSlug) => LinkPath.InForum(forumSlug, "manage/check-in");

    /// <summary>Online join links of rooms and sessions.</summary>
    public static string Online(string forumSlug) => LinkPath.InForum(forumSlug, "manage/online");
}
