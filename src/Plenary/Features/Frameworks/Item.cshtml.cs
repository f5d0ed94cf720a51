using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using Plenary.Features.Programme;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Frameworks;

/// <summary>One Global Digital Compact objective or WSIS action line, in the six languages, and the forum's sessions linked to it.</summary>
[AllowAnonymous]
public sealed class ItemModel(PlenaryDb db, FrameworkCatalogue frameworks) : ForumPageModel(db)
{
    public FrameworkInfo Info { get; private set; } = null!;
    public FrameworkItem Item { get; private set; } = null!;
    public List<ProgrammeEntry> Sessions { get; private set; } = [];
    public ForumClock Clock { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string forum, string framework, string code)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        // A framework the forum does not use has no page in it, as a goal number past 17 has none.
        if (FrameworkCatalogue.FromSlug(framework) is not { } chosen || !Forum.Uses(chosen) || frameworks.Find(chosen, code) is not { } item)
        {
            return NotFound();
        }
        if (item.Code != code || FrameworkCatalogue.SlugOf(chosen) != framework)
        {
            // One address per item: /frameworks/wsis/c5 is /frameworks/wsis/C5.
            return RedirectPermanent(FrameworkLinks.Item(Forum.Slug, chosen, item.Code));
        }
        (Info, Item) = (frameworks[chosen], item);
        Clock = ForumClock.For(Forum.TimeZoneId);
        var filter = SessionFilter.Parse(new QueryCollection(new Dictionary<string, StringValues> { [Info.Slug] = item.Code }), Forum);
        Sessions = await ProgrammeQuery.LoadAsync(Db, Forum, filter, HttpContext.RequestAborted);
        return Page();
    }
}
