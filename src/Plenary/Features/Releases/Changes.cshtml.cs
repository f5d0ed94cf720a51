using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Releases;

/// <summary>The public changelog: what each release of the timetable changed, newest first.</summary>
[AllowAnonymous]
public sealed class ChangesModel(PlenaryDb db) : ForumPageModel(db)
{
    public List<(TimetableRelease Release, List<Change> Changes)> Releases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        Releases = await Changelog.OfForumAsync(Db, Forum, HttpContext.RequestAborted);
        return Page();
    }
}
