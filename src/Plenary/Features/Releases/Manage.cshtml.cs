using Microsoft.AspNetCore.Mvc;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;
using Plenary.Features.Timetable;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Releases;

/// <summary>The Secretariat's releases: release the working timetable under a version name, and every release's changelog.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class ManageModel(PlenaryDb db, ReleaseChange releasing) : ManagePageModel(db)
{
    public List<(TimetableRelease Release, List<Change> Changes)> Releases { get; private set; } = [];
    public List<Warning> Blocking { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        Releases = await Changelog.OfForumAsync(Db, Forum, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum)
    {
        var outcome = await releasing.ReleaseAsync(Forum, Name, User, HttpContext.RequestAborted);
        if (outcome.Result.Value is not { } release)
        {
            this.ShowRefusal(outcome.Result.Reasons, Errors);
            Blocking = outcome.Blocking;
            Releases = await Changelog.OfForumAsync(Db, Forum, HttpContext.RequestAborted);
            return Page();
        }
        return Redirect(ReleaseLinks.Manage(Forum.Slug) + $"#r{release.Id}");
    }
}
