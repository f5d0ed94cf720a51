using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Shared;

/// <summary>
/// The page shown for any error status, re-executed by the status code pages middleware and the exception handler
/// with the failed request's own method (a refused form is re-executed as a POST, a refused PUT as a PUT), so it
/// answers every method and has no handler: it reads nothing from the request but its route and changes nothing,
/// hence no form token. A form whose body cannot be read (a NUL byte in a field) is therefore never read here again.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[AnswersEveryMethod]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>The database could not be reached: the request itself was fine and will work again shortly.</summary>
    public bool Unavailable => Code == StatusCodes.Status503ServiceUnavailable;

    /// <summary>The failed request was a form sent to a page that keeps what is typed in the browser (the report form).</summary>
    public bool DraftKeptInBrowser { get; private set; }

    /// <summary>The failed request sent something (a form), which was not saved.</summary>
    public bool WasSent { get; private set; }

    // A page filter, not a handler (Razor Pages would otherwise take any public On… method for one).
    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>();
        var reExecuted = failure is not null || HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        // An exception's status was chosen by the exception handler (503 for an outage, 500 otherwise); a re-executed
        // status is in the route, as is the one someone typed.
        var code = failure is not null
            ? Response.StatusCode
            : int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var routed) ? routed : 0;
        // Browsing straight to /error/404 answers that status; /error/200, /error/302 or /error/500 are no error of
        // the visitor's and no page of this site, so they are not found rather than a success or a server fault.
        Code = reExecuted ? (code is >= 400 and <= 599 ? code : StatusCodes.Status500InternalServerError)
            : code is >= 400 and <= 499 ? code : StatusCodes.Status404NotFound;
        Reason = HttpContext.Items[RequestLimits.ReasonKey] as string;
        WasSent = !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method);
        DraftKeptInBrowser = WasSent && failure?.Endpoint?.Metadata.GetMetadata<KeepsDraftInBrowserAttribute>() is not null;
        Response.StatusCode = Code;
        if (Unavailable)
        {
            Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
