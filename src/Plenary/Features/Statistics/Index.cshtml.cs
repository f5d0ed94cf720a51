using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Statistics;

/// <summary>
/// The forum's participation and programme statistics: public once the Secretariat publishes them; before, the Secretariat
/// sees them live and anyone else is told there is nothing there (404), as for the outcome document.
/// </summary>
[AllowAnonymous]
[Kernel.Caching.ShowsRegistrationFigures]
public sealed class IndexModel(PlenaryDb db, StatisticsAccess access) : ForumPageModel(db)
{
    public ForumStatistics Statistics { get; private set; } = null!;
    public DateTime? PublishedAt { get; private set; }
    public bool Secretariat { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum) || await access.ReadableAsync(Forum, User, HttpContext.RequestAborted) is not { } readable)
        {
            return NotFound();
        }
        (Statistics, PublishedAt, Secretariat) = readable;
        return Page();
    }

    /// <summary>Publishes the statistics (state "published") or withdraws them ("draft"): the forum's Secretariat only.</summary>
    public async Task<IActionResult> OnPostPublicationAsync(string forum, string? state)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        if (!await access.IsSecretariatAsync(User, Forum))
        {
            return Forbid();
        }
        if (state is not ("published" or "draft"))
        {
            return BadRequest();
        }
        await access.SetPublishedAsync(Forum, state == "published", User, HttpContext.RequestAborted);
        return Redirect(StatisticsLinks.Page(Forum.Slug));
    }
}
