using Microsoft.AspNetCore.Http.HttpResults;

namespace Plenary.Infrastructure.Web;

/// <summary>RFC 9457 answers for what API callers get wrong, worded for the person reading the response.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string what, string value) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found",
            detail: $"There is no {what.ToLowerInvariant()} '{(value.Length > 40 ? value[..40] + "…" : value)}'.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail);
}
