using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Certificates;

/// <summary>
/// Where a certificate's link and QR code lead: anyone holding the link learns whether it is genuine, for whom, for which
/// forum and when it was issued, or that it was revoked. Nothing more: no e-mail, no affiliation, no sessions, no reason
/// for a revocation, because the reader (an employer, a visa officer) has the paper, and the page only has to confirm
/// that the paper is Plenary's; anything else would publish a person's data to whoever finds the link. An unknown code is
/// a 404, and says so in words.
/// </summary>
[AllowAnonymous]
// A revocation must show at once: no shared copy may keep saying "genuine".
[OutputCache(NoStore = true)]
public sealed class VerifyModel(PlenaryDb db) : ForumPageModel(db)
{
    public Certificate? Certificate { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string code)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        if (Certificate.Normalise(code) is { } normal)
        {
            Certificate = await Db.Certificates.FirstOrDefaultAsync(c => c.ForumId == Forum.Id && c.Code == normal, HttpContext.RequestAborted);
        }
        Response.Headers.CacheControl = "no-store";
        if (Certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
