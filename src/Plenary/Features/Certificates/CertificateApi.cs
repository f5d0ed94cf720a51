using Microsoft.AspNetCore.Http.HttpResults;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Certificates;

/// <param name="Part">"attended", "spoke" or "attended,spoke".</param>
public sealed record CertificateSessionDto(string Key, string Name, string Title, DateTime StartsAt, string Part);

/// <summary>The caller's own certificate: its code, the verification address, the PDF's address and the sessions it names.</summary>
public sealed record CertificateDto(string Forum, string Code, string Name, DateTime IssuedAt, string VerifyUrl, string PdfUrl, IReadOnlyList<CertificateSessionDto> Sessions);

/// <summary>
/// The participant's certificate through the API, beside their registration (and, like it, the caller's own: no forum policy), with a personal token; the same rules as the certificate page (one path,
/// <see cref="CertificateChange.OfAsync"/>), for apps that file a participant's documents. Asking for it issues it, as
/// downloading the PDF does, once attendance is on record.
/// </summary>
public static class CertificateApi
{
    public static IEndpointRouteBuilder MapCertificateApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/forums/{forum}/registration/certificate", async Task<Results<Ok<CertificateDto>, ProblemHttpResult>> (string forum, PlenaryDb db, CertificateChange certificates,
            Attendance attendance, PublicOrigin origin, HttpContext http, CancellationToken cancel) =>
        {
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            var mine = await certificates.OfAsync(found, http.User, issue: true, cancel);
            if (mine.Registration is null)
            {
                return ApiProblems.NotFound("Registration", forum);
            }
            if (mine.Problem is { } problem || mine.Certificate is not { } certificate)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No certificate of attendance", detail: mine.Problem);
            }
            var sessions = await attendance.SessionsAsync(mine.Registration, cancel);
            return TypedResults.Ok(new CertificateDto(found.Slug, certificate.Code, certificate.Name, certificate.IssuedAt,
                origin.Value + CertificateLinks.Verify(found.Slug, certificate.Code), origin.Value + CertificateLinks.Pdf(found.Slug),
                sessions.Select(s => new CertificateSessionDto(s.Key, s.Label, s.Title, s.StartsAt,
                    string.Join(',', new[] { s.Attended ? "attended" : null, s.Spoke ? "spoke" : null }.OfType<string>()))).ToList()));
        }).WithTags("Certificates").RequireAuthorization(AccountsSetup.ApiPolicy)
            .WithName("GetMyCertificate").WithSummary("The caller's certificate of attendance for the forum, issued on this request once their attendance is on record.");
        return app;
    }
}
