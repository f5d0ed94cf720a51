using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>The Secretariat's workspace: the forum's settings, and the way to the rest of the workspace.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class IndexModel(PlenaryDb db, ForumChange change) : ManagePageModel(db)
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
        var saved = await change.SaveSettingsAsync(Forum, Fields, User, HttpContext.RequestAborted);
        if (!saved.IsDone)
        {
            this.ShowRefusal(saved.Reasons, Errors);
            return Page();
        }
        return Redirect(ManageLinks.Workspace(Forum.Slug) + "?saved=1");
    }
}
