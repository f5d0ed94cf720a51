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

/// <summary>A session's or a proposal's link to an objective or action line: both are shown the same way.</summary>
public interface IFrameworkLink
{
    Framework Framework { get; }
    string Code { get; }
}

/// <summary>A link known by its codes only, as a proposal's view for reviewers and the API holds it.</summary>
public sealed record FrameworkCode(Framework Framework, string Code) : IFrameworkLink;

public static class FrameworkLinkDisplay
{
    /// <summary>
    /// The links to show, per framework in the catalogue's order, each framework's items in its own order: only the
    /// frameworks the forum uses, so links kept from before the forum stopped using one stay stored but are not shown
    /// (and no chip points to a page the forum no longer has); codes the catalogue does not know are left out.
    /// </summary>
    public static List<(FrameworkInfo Info, List<FrameworkItem> Items)> Shown(this FrameworkCatalogue catalogue, Forum forum, IEnumerable<IFrameworkLink> links)
    {
        var all = links.ToList();
        return forum.UsedFrameworks
            .Select(f => (Info: catalogue[f], Items: all.Where(l => l.Framework == f).Select(l => catalogue.Find(f, l.Code)).OfType<FrameworkItem>()
                .DistinctBy(i => i.Code).OrderBy(i => FrameworkCatalogue.Position(f, i.Code)).ToList()))
            .Where(x => x.Items.Count > 0).ToList();
    }
}
