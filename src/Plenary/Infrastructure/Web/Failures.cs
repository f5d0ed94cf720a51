using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Plenary.Infrastructure.Data;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// What an exception that escapes a page or an API call answers. Most are faults of the app: 500, logged with their
/// stack trace as unhandled. Two are not: the database out of reach (503 with Retry-After, and one warning line
/// naming the request instead of an "unhandled exception" per request; EF Core still logs the command that failed)
/// and a request body the server could not read (truncated, too large: the status Kestrel gave it).
/// </summary>
public static class Failures
{
    public static int StatusFor(Exception exception) => exception switch
    {
        _ when DatabaseOutage.IsCause(exception) => StatusCodes.Status503ServiceUnavailable,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <param name="path">The error page re-executed for pages; none for the API, which answers problem details.</param>
    public static ExceptionHandlerOptions Handling(string? path = null) => new()
    {
        ExceptionHandlingPath = path,
        StatusCodeSelector = StatusFor,
        SuppressDiagnosticsCallback = Explained,
    };

    /// <summary>Problem details of the API for an outage: the same words as the page, and when to come back.</summary>
    public static void Describe(ProblemDetailsContext context)
    {
        if (context.Exception is { } exception && DatabaseOutage.IsCause(exception))
        {
            context.HttpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            context.ProblemDetails.Title = "Briefly unavailable";
            context.ProblemDetails.Detail = "The database cannot be reached just now. Send the request again after the seconds given in Retry-After.";
        }
    }

    /// <summary>Logs a known failure in one line instead of the middleware's "unhandled exception" with its trace.</summary>
    private static bool Explained(ExceptionHandlerSuppressDiagnosticsContext context)
    {
        var status = StatusFor(context.Exception);
        if (status == StatusCodes.Status500InternalServerError)
        {
            return false;
        }
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Failures).FullName!);
        var method = context.HttpContext.Request.Method;
        // The path asked for, not the error page's that the request was re-executed at.
        var path = context.HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.HttpContext.Request.Path.Value;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Database unavailable, {Method} {Path} answered 503: {Reason}", method, path, context.Exception.GetBaseException().Message);
        }
        else
        {
            logger.LogInformation("Unreadable request, {Method} {Path} answered {Status}: {Reason}", method, path, status, context.Exception.Message);
        }
        return true;
    }
}
