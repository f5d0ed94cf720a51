using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Rooms;

[AllowAnonymous]
public sealed class IndexModel(PlenaryDb db) : ForumPageModel(db)
{
    public Dictionary<int, int> SessionsPerRoom { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        SessionsPerRoom = await Db.Sessions.Where(s => s.ForumId == Forum.Id && s.RoomId != null)
            .GroupBy(s => s.RoomId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, HttpContext.RequestAborted);
        return Page();
    }
}
