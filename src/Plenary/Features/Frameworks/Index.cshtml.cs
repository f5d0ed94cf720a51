using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Frameworks;

/// <summary>The frameworks beyond the SDGs the forum uses, each objective or action line with its count of sessions.</summary>
[AllowAnonymous]
public sealed class IndexModel(PlenaryDb db, FrameworkCatalogue frameworks) : ForumPageModel(db)
{
    public FrameworkCatalogue Catalogue { get; } = frameworks;
    public Dictionary<(Framework, string), int> SessionsPerItem { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        var counts = await Db.SessionFrameworkLinks
            .Where(l => Db.Sessions.Any(s => s.Id == l.SessionId && s.ForumId == Forum.Id))
            .GroupBy(l => new { l.Framework, l.Code })
            .Select(g => new { g.Key.Framework, g.Key.Code, Count = g.Count() })
            .ToListAsync(HttpContext.RequestAborted);
        SessionsPerItem = counts.ToDictionary(c => (c.Framework, c.Code), c => c.Count);
        return Page();
    }
}
