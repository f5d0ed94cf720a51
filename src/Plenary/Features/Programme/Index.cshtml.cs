using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Caching;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Programme;

[AllowAnonymous]
public sealed class IndexModel(PlenaryDb db, SharedParts shared, Forums.KeptForums forums) : ForumPageModel(db)
{
    public SessionFilter Filter { get; private set; } = null!;
    public List<ProgrammeEntry> Entries { get; private set; } = [];
    public int TotalSessions { get; private set; }

    /// <summary>Signed-in readers' saved sessions, for the agenda buttons; null for visitors (whose page is cached).</summary>
    public HashSet<int>? Saved { get; private set; }
    public string ReturnUrl => Request.Path + Request.QueryString;

    /// <summary>For a signed-in reader, the page as every reader of this language sees it, when it was kept; then the
    /// sessions are not loaded at all.</summary>
    public SharedPart? Shared { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        // With its shared part kept, a signed-in reader's page needs of the forum only what the filters check and the
        // layout shows: the forum kept in memory, which lives no longer than the part.
        if (User.Identity?.IsAuthenticated == true
            && await shared.GetAsync(SharedParts.KeyFor(HttpContext, SharedPartName), HttpContext.RequestAborted) is { } kept
            && await forums.FindAsync(Db, forum, HttpContext.RequestAborted) is { } keptForum)
        {
            Show(keptForum);
            Filter = SessionFilter.Parse(Request.Query, Forum);
            if (Filter.IsValid && (Saved = await Agenda.AgendaQueries.SavedAsync(Db, User, Forum.Id, HttpContext.RequestAborted)) is not null)
            {
                Shared = kept;
                return Page();
            }
        }
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
        Saved = await Agenda.AgendaQueries.SavedAsync(Db, User, Forum.Id, HttpContext.RequestAborted);
        Entries = await ProgrammeQuery.LoadAsync(Db, Forum, Filter, HttpContext.RequestAborted);
        TotalSessions = Filter.Narrows ? await CountAsync() : Entries.Count;
        return Page();
    }

    /// <summary>The name of the programme's shared part.</summary>
    public const string SharedPartName = "programme";

    /// <summary>The public sessions: after a release, those in it, so that the count gives away no unreleased session.</summary>
    private async Task<int> CountAsync()
    {
        var published = await Releases.PublishedTimetable.LoadAsync(Db, Forum.Id, HttpContext.RequestAborted);
        var ids = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Db.Sessions.Where(s => s.ForumId == Forum.Id).Select(s => s.Id), HttpContext.RequestAborted);
        return ids.Count(published.IsPublic);
    }
}
