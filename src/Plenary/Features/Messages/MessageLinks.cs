using Plenary.Kernel.Links;

namespace Plenary.Features.Messages;

public static class MessageLinks
{
    /// <summary>"/igf2022/messages": the outcome document.</summary>
    public static string Outcome(string forumSlug) => LinkPath.InForum(forumSlug, "messages");

    public static string OutcomeDocx(string forumSlug) => LinkPath.InForum(forumSlug, "messages.docx");

    public static string OutcomePdf(string forumSlug) => LinkPath.InForum(forumSlug, "messages.pdf");

    /// <summary>"/igf2022/manage/messages": the subthemes and their messages.</summary>
    public static string Manage(string forumSlug) => LinkPath.InForum(forumSlug, "manage/messages");

    /// <summary>"/igf2022/manage/messages/translations/es": the messages and their translations into one language.</summary>
    public static string Translations(string forumSlug, string language) => Manage(forumSlug) + "/translations/" + LinkPath.Segment(language);

    /// <summary>One subtheme's workspace.</summary>
    public static string Workspace(string forumSlug, string subthemeSlug) => Manage(forumSlug) + "/" + LinkPath.Segment(subthemeSlug);
}
