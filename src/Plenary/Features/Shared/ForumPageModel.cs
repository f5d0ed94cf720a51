using Microsoft.AspNetCore.Mvc.RazorPages;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Shared;

/// <summary>A page inside one forum: finds the forum from the route and hands it to the layout for navigation.</summary>
public abstract class ForumPageModel : PageModel
{
    private PlenaryDb? db;

    protected ForumPageModel(PlenaryDb db) => this.db = db;

    /// <summary>
    /// For a page that mostly answers without the database (the programme kept whole for signed-in readers): the
    /// context is taken from the request's services when first used, instead of leased from the pool and reset for
    /// every request (a twentieth of such a request's CPU).
    /// </summary>
    protected ForumPageModel()
    {
    }

    protected PlenaryDb Db => db ??= HttpContext.RequestServices.GetRequiredService<PlenaryDb>();

    public Forum Forum { get; private set; } = null!;

    /// <summary>
    /// Whether the visitor passes the policy the page declares for its changes (<see cref="Kernel.Access.AccessAttribute.ToChange"/>,
    /// else the page's own): its forms are shown to them. Set before any handler runs.
    /// </summary>
    public bool MayChange { get; internal set; }

    protected async Task<bool> LoadForumAsync(string slug)
    {
        var forum = await Db.FindForumAsync(slug, HttpContext.RequestAborted);
        if (forum is null)
        {
            return false;
        }
        Show(forum);
        return true;
    }

    /// <summary>The forum the page is about, for the page and for the layout's navigation.</summary>
    internal void Show(Forum forum)
    {
        Forum = forum;
        ViewData[LayoutData.Forum] = forum;
    }
}

public static class LayoutData
{
    public const string Forum = "Plenary.Forum";
    public const string Title = "Title";
    public const string Description = "Description";

    /// <summary>Set by a page kept whole for signed-in readers: the layout leaves a slot in the head for the reader's
    /// own stylesheet (<see cref="Kernel.Caching.PersonalParts"/>).</summary>
    public const string PersonalStyle = "Plenary.PersonalStyle";
}
