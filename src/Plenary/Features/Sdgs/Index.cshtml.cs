using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Sdgs;

[AllowAnonymous]
public sealed class IndexModel(PlenaryDb db, SdgCatalogue sdgs) : ForumPageModel(db)
{
    public SdgCatalogue Sdgs { get; } = sdgs;
    public Dictionary<int, int> SessionsPerGoal { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        SessionsPerGoal = await Db.SessionSdgs
            .Where(g => Db.Sessions.Any(s => s.Id == g.SessionId && s.ForumId == Forum.Id))
            .GroupBy(g => g.Goal)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, HttpContext.RequestAborted);
        return Page();
    }
}
