using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Programme;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Rooms;

[AllowAnonymous]
public sealed class DetailsModel(PlenaryDb db) : ForumPageModel(db)
{
    public Room Room { get; private set; } = null!;
    public List<ProgrammeEntry> Sessions { get; private set; } = [];
    public ForumClock Clock { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string forum, string id)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        if (!int.TryParse(id, System.Globalization.NumberStyles.None, null, out var roomId) || Forum.Rooms.FirstOrDefault(r => r.Id == roomId) is not { } room)
        {
            return NotFound();
        }
        Room = room;
        Clock = ForumClock.For(Forum.TimeZoneId);
        var filter = SessionFilter.Parse(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["room"] = id }), Forum);
        Sessions = await ProgrammeQuery.LoadAsync(Db, Forum, filter, HttpContext.RequestAborted);
        return Page();
    }
}
