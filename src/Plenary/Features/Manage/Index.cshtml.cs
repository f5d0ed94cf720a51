using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Manage;

/// <summary>The Secretariat's workspace: the forum's settings, and the way to the rest of the workspace.</summary>
public sealed class IndexModel(PlenaryDb db, IAuthorizationService authorization, IOutputCacheStore cache, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db, authorization)
{
    [BindProperty] public ForumForm Fields { get; set; } = new();

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        Fields = ForumForm.From(Forum);
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        if (Fields.Check(Errors, L) is not { } settings)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var before = Snapshot();
        // Queries do not track by default; the change tracker writes only what this form changed.
        Db.Attach(Forum);
        (Forum.Name, Forum.Theme, Forum.HostCity, Forum.Venue, Forum.TimeZoneId) = (settings.Name, settings.Theme, settings.HostCity, settings.Venue, settings.TimeZone);
        (Forum.FirstDay, Forum.LastDay, Forum.Description, Forum.Languages) = (settings.FirstDay, settings.LastDay, settings.Description, settings.Languages);
        (Forum.TakeawaysDueMinutes, Forum.ReportDeadline) = (settings.TakeawaysDueMinutes, settings.ReportDeadline);
        // The change and its audit entry are saved together, or neither is.
        Db.Record(User, clock, Forum.Id, "forum.settings", Forum.Slug, before, Snapshot());
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        // The public pages show the new settings at once.
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, HttpContext.RequestAborted);
        return Redirect($"/{Forum.Slug}/manage?saved=1");
    }

    private object Snapshot() => new
    {
        Forum.Name, Forum.Theme, Forum.HostCity, Forum.Venue, TimeZone = Forum.TimeZoneId,
        FirstDay = ForumForm.Day(Forum.FirstDay), LastDay = ForumForm.Day(Forum.LastDay), Languages = Forum.Languages.ToList(), Forum.Description,
        Forum.TakeawaysDueMinutes, ReportDeadline = Forum.ReportDeadline is { } report ? ForumForm.Day(report) : null,
    };
}
