using Microsoft.AspNetCore.Mvc;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Features.Manage;

/// <summary>The forum's sessions and their people as CSV, in exactly the import's format, so an export edited in a spreadsheet imports back.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class ExportModel(PlenaryDb db) : ManagePageModel(db)
{
    public async Task<IActionResult> OnGetAsync(string forum, string file)
    {
        var cancel = HttpContext.RequestAborted;
        var bytes = file switch
        {
            SessionCsv.FileName => await SessionCsv.ExportAsync(Db, Forum, cancel),
            PeopleCsv.FileName => await PeopleCsv.ExportAsync(Db, Forum, cancel),
            _ => null,
        };
        return bytes is null ? NotFound() : File(bytes, "text/csv; charset=utf-8", $"{Forum.Slug}-{file}");
    }
}
