using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Programme;

public sealed class IndexModel(PlenaryDb db) : ForumPageModel(db)
{
    public SessionFilter Filter { get; private set; } = null!;
    public List<ProgrammeEntry> Entries { get; private set; } = [];
    public int TotalSessions { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        Filter = SessionFilter.Parse(Request.Query, Forum);
        if (!Filter.IsValid)
        {
            // The page itself explains what is wrong, next to the filter form, with a 400 for machines.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Entries = await ProgrammeQuery.LoadAsync(Db, Forum, Filter, HttpContext.RequestAborted);
        TotalSessions = Filter.Narrows ? await CountAsync() : Entries.Count;
        return Page();
    }

    private Task<int> CountAsync() =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(Db.Sessions, s => s.ForumId == Forum.Id, HttpContext.RequestAborted);
}
