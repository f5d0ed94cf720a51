using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;

namespace Plenary.Features.Manage;

/// <summary>Every change made in this forum's workspace, newest first, filterable by kind of change.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class AuditLogModel(PlenaryDb db) : ManagePageModel(db)
{
    public const int PageSize = 100;

    public List<AuditEntry> Entries { get; private set; } = [];
    public List<string> Actions { get; private set; } = [];
    public string? Action { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string? action)
    {
        var cancel = HttpContext.RequestAborted;
        var entries = Db.AuditLog.Where(e => e.ForumId == Forum.Id);
        Actions = await entries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancel);
        Action = Actions.FirstOrDefault(a => a == action);
        if (Action is not null)
        {
            entries = entries.Where(e => e.Action == Action);
        }
        Entries = await entries.OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(cancel);
        return Page();
    }
}
