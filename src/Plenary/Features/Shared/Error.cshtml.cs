using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Shared;

/// <summary>
/// The page shown for any error status, re-executed by the status code pages middleware. A failed POST (a
/// rejected or rate-limited form) is re-executed as a POST, so the page answers that too, without a form token:
/// it changes nothing.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string? Reason { get; private set; }
    public string? OriginalPath { get; private set; }

    // From the route only: a refused form re-executed here may carry a field named Code (sign-in link, password
    // reset, two-factor), which model binding would otherwise prefer, turning a 400 or 429 into a 500.
    public void OnGet([FromRoute] int code)
    {
        Code = code is >= 400 and <= 599 ? code : 500;
        Reason = HttpContext.Items[RequestLimits.ReasonKey] as string;
        OriginalPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        // Browsing straight to /error/404 still answers with that status.
        Response.StatusCode = Code;
    }

    public void OnPost([FromRoute] int code) => OnGet(code);
}
