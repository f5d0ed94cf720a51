using Plenary.Features.Forums;
using Plenary.Kernel.Links;

namespace Plenary.Features.Frameworks;

public static class FrameworkLinks
{
    /// <summary>"/igf2022/frameworks".</summary>
    public static string Index(string forumSlug) => LinkPath.InForum(forumSlug, "frameworks");

    /// <summary>"/igf2022/frameworks/wsis/C5".</summary>
    public static string Item(string forumSlug, Framework framework, string code) =>
        Index(forumSlug) + "/" + FrameworkCatalogue.SlugOf(framework) + "/" + LinkPath.Segment(code);
}

/// <summary>
/// The checkboxes of the frameworks a forum uses (<c>_FrameworkChecks.cshtml</c>), on the session and proposal forms:
/// <paramref name="Prefix"/> is how the page binds its form ("Form."), <paramref name="Chosen"/> the codes ticked.
/// </summary>
public sealed record FrameworkChecks(Forum Forum, string Prefix, Func<Framework, IReadOnlyList<string>?> Chosen, IReadOnlyDictionary<string, string> Errors);

/// <summary>One objective or action line drawn as a chip linking to its page in the forum.</summary>
public sealed record FrameworkChip(string Forum, Framework Framework, string Code);
