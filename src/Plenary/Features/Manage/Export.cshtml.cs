using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Forums.Archive;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Features.Manage;

/// <summary>
/// The forum's sessions and their people as CSV, in exactly the import's format, so an export edited in a spreadsheet imports back;
/// and the whole record as a forum document.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class ExportModel(PlenaryDb db) : ManagePageModel(db)
{
    /// <summary>The whole record as one JSON document, which another installation imports (README, "The forum document").</summary>
    public const string ArchiveFile = "forum.json";

    public async Task<IActionResult> OnGetAsync(string forum, string file)
    {
        var cancel = HttpContext.RequestAborted;
        if (file == ArchiveFile)
        {
            return File(await ForumExport.BytesAsync(Db, Forum, cancel), ForumDocumentJson.MediaType, ForumExport.FileName(Forum.Slug));
        }
        var bytes = file switch
        {
            SessionCsv.FileName => await SessionCsv.ExportAsync(Db, Forum, cancel),
            PeopleCsv.FileName => await PeopleCsv.ExportAsync(Db, Forum, cancel),
            _ => null,
        };
        return bytes is null ? NotFound() : File(bytes, "text/csv; charset=utf-8", $"{Forum.Slug}-{file}");
    }
}
