using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Caching;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Programme;

[AllowAnonymous]
[KeepWhole]
[SessionOutputsShown(SessionOutputs.None)]
public sealed class IndexModel(KeptPages kept, Agenda.KeptAgendas agendas) : ForumPageModel
{
    public SessionFilter Filter { get; private set; } = null!;
    public List<ProgrammeEntry> Entries { get; private set; } = [];
    public int TotalSessions { get; private set; }

    /// <summary>Signed-in readers' saved sessions, for the agenda buttons; null for visitors (whose page is cached).</summary>
    public IReadOnlySet<int>? Saved { get; private set; }
    public string ReturnUrl => Request.Path + Request.QueryString;

    // The forum is read from the route rather than bound as the handler's parameter: model binding (value providers,
    // validation) was a tenth of a signed-in reader's request, most of which is otherwise a kept page copied out.
    public async Task<IActionResult> OnGetAsync()
    {
        var forum = (string)RouteData.Values["forum"]!;
        // A signed-in reader's page is the one every signed-in reader of this address and language shares, kept whole,
        // with their agenda and form token put in: nothing else is loaded or rendered.
        var key = KeptPages.KeyFor(HttpContext, SharedPartName);
        if (User.Identity?.IsAuthenticated == true
            && await kept.GetAsync(key, HttpContext.RequestAborted) is { } page
            && await agendas.SavedAsync(HttpContext, page.ForumId) is { } saved)
        {
            return new KeptPageResult(page, Personal(saved));
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
        Saved = await agendas.SavedAsync(HttpContext, Forum.Id);
        Entries = await ProgrammeQuery.LoadAsync(Db, Forum, Filter, HttpContext.RequestAborted);
        TotalSessions = Filter.Narrows ? await CountAsync() : Entries.Count;
        if (Saved is null)
        {
            return Page();
        }
        ViewData[LayoutData.PersonalStyle] = true;
        KeepWholeAttribute.Keep(HttpContext, key, Forum.Id, Personal(Saved));
        return Page();
    }

    private static PersonalParts Personal(IReadOnlyCollection<int> saved) => new(Agenda.AgendaButtons.StyleFor(saved));

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
