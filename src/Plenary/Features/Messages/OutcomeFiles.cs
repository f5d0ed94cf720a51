using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Sdgs;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Messages;

/// <summary>
/// The outcome document as files: <c>/{forum}/messages.docx</c> and <c>/{forum}/messages.pdf</c>. Public once the
/// Secretariat publishes the document; before, the forum's message editors download them to check them, and anyone else is
/// told there is nothing there (404), as for the web page.
/// </summary>
public static class OutcomeFiles
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IEndpointRouteBuilder MapOutcomeFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{forum}/messages.docx", async (string forum, HttpContext http, PlenaryDb db, OutcomeQueries queries, IAuthorizationService authorization,
            IStringLocalizer<SharedResource> l, SdgCatalogue sdgs) =>
        {
            if (await ReadableAsync(forum, http, db, queries, authorization) is not { } outcome)
            {
                return Results.NotFound();
            }
            return Results.File(OutcomeDocx.Write(outcome, Site(http.Request), l, sdgs), DocxType, outcome.FileName("docx"));
        }).ExcludeFromDescription();

        app.MapGet("/{forum}/messages.pdf", async (string forum, HttpContext http, PlenaryDb db, OutcomeQueries queries, IAuthorizationService authorization,
            IStringLocalizer<SharedResource> l, SdgCatalogue sdgs) =>
        {
            if (await ReadableAsync(forum, http, db, queries, authorization) is not { } outcome)
            {
                return Results.NotFound();
            }
            return OutcomePdf.Write(outcome, Site(http.Request), l, sdgs) is { } pdf
                ? Results.File(pdf, "application/pdf", outcome.FileName("pdf"))
                : Results.Text(l["The PDF cannot be made on this server: it has no font to embed. The DOCX file and the web page carry the same text."],
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>The outcome document, when the forum exists and its document is published or the visitor edits its messages.</summary>
    public static async Task<Outcome?> ReadableAsync(string slug, HttpContext http, PlenaryDb db, OutcomeQueries queries, IAuthorizationService authorization)
    {
        if (await db.FindForumAsync(slug, http.RequestAborted) is not { } forum)
        {
            return null;
        }
        var published = await queries.PublishedAtAsync(forum.Id, http.RequestAborted);
        if (published is null && !(await authorization.AuthorizeAsync(http.User, forum, MessageAccess.Edit)).Succeeded)
        {
            return null;
        }
        return await queries.BuildAsync(forum, http.RequestAborted);
    }

    public static string Site(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
