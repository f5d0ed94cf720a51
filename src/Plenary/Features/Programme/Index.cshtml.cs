using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Programme;

[AllowAnonymous]
public sealed class IndexModel(PlenaryDb db) : ForumPageModel(db)
{
    public SessionFilter Filter { get; private set; } = null!;
    public List<ProgrammeEntry> Entries { get; private set; } = [];
    public int TotalSessions { get; private set; }

    /// <summary>Signed-in readers' saved sessions, for the agenda buttons; null for visitors (whose page is cached).</summary>
    public HashSet<int>? Saved { get; private set; }
    public string ReturnUrl => Request.Path + Request.QueryString;

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
            this.ShowRefusalInPlace();
            return Page();
        }
        Entries = await ProgrammeQuery.LoadAsync(Db, Forum, Filter, HttpContext.RequestAborted);
        Saved = await Agenda.AgendaQueries.SavedAsync(Db, User, Forum.Id, HttpContext.RequestAborted);
        TotalSessions = Filter.Narrows ? await CountAsync() : Entries.Count;
        return Page();
    }

    /// <summary>The public sessions: after a release, those in it, so that the count gives away no unreleased session.</summary>
    private async Task<int> CountAsync()
    {
        var published = await Releases.PublishedTimetable.LoadAsync(Db, Forum.Id, HttpContext.RequestAborted);
        var ids = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Db.Sessions.Where(s => s.ForumId == Forum.Id).Select(s => s.Id), HttpContext.RequestAborted);
        return ids.Count(published.IsPublic);
    }
}
