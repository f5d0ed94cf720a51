using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Kernel.Access;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Reports;

/// <summary>Every submitted version of a session's outputs, newest first: who, when, against which deadline, and what.</summary>
[SessionPolicy(Policies.RunForum)]
public sealed class HistoryModel(PlenaryDb db) : SessionPageModel(db)
{
    public List<OutputVersion> Versions { get; private set; } = [];
    public ForumClock ForumClock { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string forum, string key)
    {
        var cancel = HttpContext.RequestAborted;
        ForumClock = ForumClock.For(Forum.TimeZoneId);
        Versions = await Db.OutputVersions.Where(v => v.SessionId == Session.Id)
            .OrderByDescending(v => v.SubmittedAt).ThenByDescending(v => v.Id).ToListAsync(cancel);
        return Page();
    }
}
