using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;

namespace Plenary.Features.Manage;

/// <summary>The Secretariat's workspace: the forum's settings, and the way to the rest of the workspace.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class IndexModel(PlenaryDb db, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    [BindProperty] public ForumForm Fields { get; set; } = new();

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        Fields = ForumForm.From(Forum);
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum)
    {
        if (Fields.Check(Errors, L) is not { } settings)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var before = ForumForm.Snapshot(Forum);
        // Queries do not track by default; the change tracker writes only what this form changed.
        Db.Attach(Forum);
        settings.ApplyTo(Forum);
        // The change and its audit entry are saved together, or neither is.
        Db.Record(User, clock, Forum.Id, "forum.settings", Forum.Slug, before, ForumForm.Snapshot(Forum));
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(ManageLinks.Workspace(Forum.Slug) + "?saved=1");
    }
}
