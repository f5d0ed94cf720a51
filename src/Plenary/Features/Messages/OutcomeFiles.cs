using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;

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
            return Results.File(OutcomeDocx.Write(outcome, Site(http), l, sdgs), DocxType, outcome.FileName("docx"));
        }).ExcludeFromDescription().AllowAnonymous();

        app.MapGet("/{forum}/messages.pdf", async (string forum, HttpContext http, PlenaryDb db, OutcomeQueries queries, IAuthorizationService authorization,
            IStringLocalizer<SharedResource> l, SdgCatalogue sdgs, ILoggerFactory logs) =>
        {
            if (await ReadableAsync(forum, http, db, queries, authorization) is not { } outcome)
            {
                return Results.NotFound();
            }
            return OutcomePdf.Write(outcome, Site(http), l, sdgs, logs.CreateLogger(typeof(OutcomePdf).FullName!)) is { } pdf
                ? Results.File(pdf, "application/pdf", outcome.FileName("pdf"))
                : Results.Text(l["The PDF cannot be made on this server: it has no font to embed. The DOCX file and the web page carry the same text."],
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription().AllowAnonymous();

        app.MapGet("/api/forums/{forum}/messages", async Task<Results<Ok<OutcomeDto>, ProblemHttpResult>> (string forum, HttpContext http, PlenaryDb db, OutcomeQueries queries) =>
        {
            // The API is the public's: the document is there once published, whoever asks (editors preview on the pages).
            if (await db.FindForumAsync(forum, http.RequestAborted) is not { } found
                || await queries.PublishedAtAsync(found.Id, http.RequestAborted) is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Messages not published",
                    detail: $"The forum '{(forum.Length > 40 ? forum[..40] + "…" : forum)}' has not published its messages.");
            }
            var outcome = await queries.BuildAsync(found, http.RequestAborted);
            var site = Site(http);
            return TypedResults.Ok(new OutcomeDto(found.Slug, found.Name, outcome.PublishedAt,
                outcome.Sections.Select(section => new OutcomeSectionDto(section.Subtheme?.Slug, section.Subtheme?.Name,
                    section.Messages.Select(m => new OutcomeMessageDto(m.Title, m.Body,
                        m.Citations.Select(c => new CitationDto(c.Key, c.NumberedName, c.Title, site + SessionLinks.Page(found.Slug, c.Key))).ToList())).ToList())).ToList(),
                outcome.Figures));
        }).WithTags("Messages").CacheOutput().AllowAnonymous().WithName("GetForumMessages")
            .WithSummary("The forum's published messages by subtheme, each with the sessions it cites, and the forum's figures (404 until published).");
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
        if (published is null && !(await authorization.AuthorizeAsync(http.User, forum, Policies.EditMessages)).Succeeded)
        {
            return null;
        }
        return await queries.BuildAsync(forum, http.RequestAborted);
    }

    /// <summary>Links in the document and the API answer are read elsewhere and cached for everyone: the public address, never the request's Host.</summary>
    private static string Site(HttpContext http) => http.RequestServices.GetRequiredService<PublicOrigin>().Value;
}

public sealed record CitationDto(string Key, string Name, string Title, string Url);

/// <summary>A message as written: its body is Markdown (the pages render it without raw HTML).</summary>
public sealed record OutcomeMessageDto(string Title, string BodyMarkdown, IReadOnlyList<CitationDto> Citations);

/// <summary>A subtheme's messages; slug and name are null for messages whose subtheme was since removed.</summary>
public sealed record OutcomeSectionDto(string? Subtheme, string? SubthemeName, IReadOnlyList<OutcomeMessageDto> Messages);

public sealed record OutcomeDto(string Forum, string ForumName, DateTime? PublishedAt, IReadOnlyList<OutcomeSectionDto> Sections, OutcomeFigures Figures);
