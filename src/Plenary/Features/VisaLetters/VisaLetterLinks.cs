using Plenary.Kernel.Links;

namespace Plenary.Features.VisaLetters;

public static class VisaLetterLinks
{
    /// <summary>The registrant's own request and letter.</summary>
    public static string Request(string forumSlug) => LinkPath.InForum(forumSlug, "visa-letter");

    /// <summary>The visa desk's queue.</summary>
    public static string Queue(string forumSlug) => LinkPath.InForum(forumSlug, "manage/visa-letters");

    /// <summary>The letterhead, signatory and retention, set by the Secretariat.</summary>
    public static string Settings(string forumSlug) => LinkPath.InForum(forumSlug, "manage/visa-letters/settings");

    /// <summary>The public check of a letter, printed on it.</summary>
    public static string Verify(string forumSlug, string code) => LinkPath.InForum(forumSlug, "letters/" + LinkPath.Segment(code));
}
