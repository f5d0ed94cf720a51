using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Certificates;

/// <summary>
/// The participant's own certificate of attendance: whether it is available and why not, the sessions it will name,
/// and the PDF. Anyone signed in may open it; it only ever shows the visitor's own registration.
/// </summary>
[Authorize]
public sealed class MineModel(PlenaryDb db, CertificateChange certificates, Attendance attendance, PublicOrigin origin,
    IStringLocalizer<SharedResource> L, ILogger<MineModel> logger) : ForumPageModel(db)
{
    public CertificateChange.Mine Mine { get; private set; } = null!;
    public List<AttendedSession> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        Mine = await certificates.OfAsync(Forum, User, issue: false, HttpContext.RequestAborted);
        if (Mine.Registration is { } registration && Mine.Problem is null)
        {
            Sessions = await attendance.SessionsAsync(registration, HttpContext.RequestAborted);
        }
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>The PDF, issuing the certificate on first download: the participant asked for it, and their attendance is on record.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        Mine = await certificates.OfAsync(Forum, User, issue: true, HttpContext.RequestAborted);
        if (Mine.Problem is not null || Mine.Certificate is not { } certificate)
        {
            // The page says why, with status 409: the certificate exists only once attendance is on record.
            Response.StatusCode = StatusCodes.Status409Conflict;
            Response.Headers.CacheControl = "no-store";
            return Page();
        }
        Sessions = await attendance.SessionsAsync(Mine.Registration!, HttpContext.RequestAborted);
        var pdf = CertificatePdf.Write(Forum, certificate, Sessions, origin.Value + CertificateLinks.Verify(Forum.Slug, certificate.Code), L);
        if (pdf is null)
        {
            logger.LogError("No font with Latin letters is installed, so the certificate of {Forum} cannot be written; see README, \"Fonts\".", Forum.Slug);
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        Response.Headers.CacheControl = "no-store";
        return File(pdf, "application/pdf", $"{Forum.Slug}-certificate-{System.Globalization.CultureInfo.CurrentUICulture.Name}.pdf");
    }
}
