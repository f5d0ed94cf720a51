using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Reports;

/// <summary>Every submitted version of a session's outputs, newest first: who, when, against which deadline, and what.</summary>
[Authorize]
public sealed class HistoryModel(PlenaryDb db, IAuthorizationService authorization) : ForumPageModel(db)
{
    public Session Session { get; private set; } = null!;
    public List<OutputVersion> Versions { get; private set; } = [];
    public ForumClock ForumClock { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string forum, string key)
    {
        var cancel = HttpContext.RequestAborted;
        if (!await LoadForumAsync(forum) || await Db.FindSessionAsync(Forum.Id, key, cancel) is not { } session)
        {
            return NotFound();
        }
        if (!(await authorization.AuthorizeAsync(User, Forum, Policies.RunForum)).Succeeded)
        {
            return Forbid();
        }
        Session = session;
        ForumClock = ForumClock.For(Forum.TimeZoneId);
        Versions = await Db.OutputVersions.Where(v => v.SessionId == session.Id)
            .OrderByDescending(v => v.SubmittedAt).ThenByDescending(v => v.Id).ToListAsync(cancel);
        return Page();
    }
}
