namespace Plenary.Infrastructure.Web;

/// <summary>
/// Refuses requests no reader sends on purpose, such as a query string of thousands of characters, with a 400
/// that says why, before they cost any work.
/// </summary>
public static class RequestLimits
{
    public const int MaxQueryLength = 2048;
    public const string ReasonKey = "Plenary.BadRequestReason";
    public const string TooLongReason = "The address is too long. Shorten the search or remove some filters.";

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
        await next(context);
    });
}
