using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// Refuses requests no reader sends on purpose, such as a query string of thousands of characters or a body in a
/// character set nobody reads, with a 4xx that says why, before they cost any work.
/// </summary>
public static class RequestLimits
{
    public const int MaxQueryLength = 2048;
    public const string ReasonKey = "Plenary.BadRequestReason";
    public const string TooLongReason = "The address is too long. Shorten the search or remove some filters.";
    public const string CharsetReason = "The form was sent in a character set this site does not read. Send it again in UTF-8.";
    public const string StaleFormReason = "This form has expired or was not sent from this site. Go back, reload the page and send it again: nothing was changed.";

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.QueryString.Value?.Length > MaxQueryLength)
        {
            if (WebSetup.IsApi(context))
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Query string too long",
                    detail: $"The query string may hold at most {MaxQueryLength} characters.").ExecuteAsync(context);
                return;
            }
            context.Items[ReasonKey] = TooLongReason;
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        // Not again when the error page is re-executed for this very request, which keeps its headers.
        if (context.Request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media) && media.Charset.HasValue && !IsKnown(media.Charset.Value!)
            && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            // Reading it would throw deep in the JSON or form reader, a 500 for what is the sender's choice.
            if (WebSetup.IsApi(context))
            {
                await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unknown character set",
                    detail: $"The body's charset '{media.Charset}' is not one this API reads. Send UTF-8.").ExecuteAsync(context);
                return;
            }
            context.Items[ReasonKey] = CharsetReason;
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        await next(context);
    });

    private static bool IsKnown(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
