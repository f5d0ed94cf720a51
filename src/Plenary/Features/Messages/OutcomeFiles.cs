using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
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
            IStringLocalizer<SharedResource> l, SdgCatalogue sdgs, string? lang) =>
        {
            if (await ReadableAsync(forum, http, db, queries, authorization, lang) is not { } outcome)
            {
                return Results.NotFound();
            }
            using (InLanguageOf(outcome, lang))
            {
                return Results.File(OutcomeDocx.Write(outcome, Site(http), l, sdgs), DocxType, outcome.FileName("docx"));
            }
        }).ExcludeFromDescription().AllowAnonymous().WithMetadata(new Kernel.Caching.ShowsRegistrationFiguresAttribute());

        app.MapGet("/{forum}/messages.pdf", async (string forum, HttpContext http, PlenaryDb db, OutcomeQueries queries, IAuthorizationService authorization,
            IStringLocalizer<SharedResource> l, SdgCatalogue sdgs, ILoggerFactory logs, string? lang) =>
        {
            if (await ReadableAsync(forum, http, db, queries, authorization, lang) is not { } outcome)
            {
                return Results.NotFound();
            }
            using var language = InLanguageOf(outcome, lang);
            return OutcomePdf.Write(outcome, Site(http), l, sdgs, logs.CreateLogger(typeof(OutcomePdf).FullName!)) is { } pdf
                ? Results.File(pdf, "application/pdf", outcome.FileName("pdf"))
                : Results.Text(l["The PDF cannot be made on this server: it has no font to embed. The DOCX file and the web page carry the same text."],
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription().AllowAnonymous().WithMetadata(new Kernel.Caching.ShowsRegistrationFiguresAttribute());

        app.MapGet("/api/forums/{forum}/messages", async Task<Results<Ok<OutcomeDto>, ProblemHttpResult>> (string forum, HttpContext http, PlenaryDb db, OutcomeQueries queries,
            string? lang) =>
        {
            if (lang is not null && ContentLanguage.Normalise(lang) is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown language",
                    detail: $"“{(lang.Length > 40 ? lang[..40] + "…" : lang)}” is not a language code. Use a BCP 47 code such as en, es, ar or zh-Hans.");
            }
            // The API is the public's: the document is there once published, whoever asks (editors preview on the pages).
            if (await db.FindForumAsync(forum, http.RequestAborted) is not { } found
                || await queries.PublishedAtAsync(found.Id, http.RequestAborted) is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Messages not published",
                    detail: $"The forum '{(forum.Length > 40 ? forum[..40] + "…" : forum)}' has not published its messages.");
            }
            var wanted = lang;
            if (wanted is null)
            {
                // Without ?lang=, the first language the client accepts, by its weight, that the document is published in.
                var published = await queries.PublishedLanguagesAsync(found.Id, http.RequestAborted);
                var offered = found.Languages.Where(l => l == OutcomeLanguages.OriginalOf(found) || published.ContainsKey(l)).ToList();
                wanted = http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(a => a.Quality ?? 1)
                    .Select(a => ContentLanguage.Serving(a.Value.Value, offered)).FirstOrDefault(l => l is not null);
            }
            var outcome = await queries.BuildAsync(found, http.RequestAborted, wanted);
            var site = Site(http);
            return TypedResults.Ok(new OutcomeDto(found.Slug, found.Name, outcome.PublishedAt,
                outcome.Sections.Select(section => new OutcomeSectionDto(section.Subtheme?.Slug, section.Subtheme?.Name,
                    section.Messages.Select(m => new OutcomeMessageDto(m.Title, m.Body,
                        m.Citations.Select(c => new CitationDto(c.Key, c.NumberedName, c.Title, site + SessionLinks.Page(found.Slug, c.Key), c.TitleLanguage)).ToList(),
                        m.Language, m.Translation?.TranslatedByName, m.Translation?.TranslatedAt, m.Translation is null ? null : m.OriginalChanged)).ToList())).ToList(),
                outcome.Figures, outcome.Original, outcome.Version,
                outcome.Versions!.Select(v => new OutcomeVersionDto(v.Language, v.IsOriginal, v.IsOriginal ? outcome.PublishedAt : v.PublishedAt)).ToList()));
        }).WithTags("Messages").AllowAnonymous().WithName("GetForumMessages").WithMetadata(new Kernel.Caching.ShowsRegistrationFiguresAttribute())
            .WithSummary("The forum's published messages by subtheme, each with the sessions it cites, and the forum's figures, in the language asked (?lang= or Accept-Language) where a version is published (404 until published).")
            .CacheOutput(policy => policy.SetVaryByHeader("Accept-Encoding", "Accept-Language"));
        return app;
    }

    /// <summary>
    /// The outcome document, when the forum exists and its document is published or the visitor edits its messages; in the
    /// version asked for (<paramref name="lang"/>) or the reader's language where one is published. The messages' editors
    /// may open any of the forum's languages by asking for it, to check a version before the Secretariat publishes it.
    /// </summary>
    public static async Task<Outcome?> ReadableAsync(string slug, HttpContext http, PlenaryDb db, OutcomeQueries queries, IAuthorizationService authorization,
        string? lang = null)
    {
        if (await db.FindForumAsync(slug, http.RequestAborted) is not { } forum)
        {
            return null;
        }
        var published = await queries.PublishedAtAsync(forum.Id, http.RequestAborted);
        var editor = http.User.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(http.User, forum, Policies.EditMessages)).Succeeded;
        if (published is null && !editor)
        {
            return null;
        }
        var asked = string.IsNullOrWhiteSpace(lang) ? null : lang.Trim();
        return await queries.BuildAsync(forum, http.RequestAborted, asked ?? CultureInfo.CurrentUICulture.Name, preview: editor && asked is not null);
    }

    /// <summary>
    /// A file asked for in one language is that language's document throughout: its headings and figures too, where the
    /// interface speaks it. Without ?lang= the file follows the reader's interface, as the page does.
    /// </summary>
    private static CultureScope? InLanguageOf(Outcome outcome, string? lang) =>
        string.IsNullOrWhiteSpace(lang) || LocalizationSetup.UiCultures.FirstOrDefault(u => string.Equals(u, outcome.Version, StringComparison.OrdinalIgnoreCase)) is not { } ui
            ? null
            : new CultureScope(CultureInfo.GetCultureInfo(ui));

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo culture = CultureInfo.CurrentCulture, ui = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo to) => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (to, to);

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
    }

    /// <summary>Links in the document and the API answer are read elsewhere and cached for everyone: the public address, never the request's Host.</summary>
    private static string Site(HttpContext http) => http.RequestServices.GetRequiredService<PublicOrigin>().Value;
}

/// <param name="TitleLanguage">The language of the title given: the session's own, or the answer's where the title is translated.</param>
public sealed record CitationDto(string Key, string Name, string Title, string Url, string TitleLanguage);

/// <summary>A message as written or translated: its body is Markdown (the pages render it without raw HTML).</summary>
/// <param name="Language">The language of the title and body: the answer's, or the original where this message has no translation into it yet.</param>
/// <param name="TranslatedBy">For a translation, who made it (null for the original).</param>
/// <param name="OriginalChanged">For a translation, whether the original was changed after it was translated.</param>
public sealed record OutcomeMessageDto(string Title, string BodyMarkdown, IReadOnlyList<CitationDto> Citations, string Language,
    string? TranslatedBy, DateTime? TranslatedAt, bool? OriginalChanged);

/// <summary>A published version of the document: the original, or a language the Secretariat published.</summary>
public sealed record OutcomeVersionDto(string Language, bool IsOriginal, DateTime? PublishedAt);

/// <summary>A subtheme's messages; slug and name are null for messages whose subtheme was since removed.</summary>
public sealed record OutcomeSectionDto(string? Subtheme, string? SubthemeName, IReadOnlyList<OutcomeMessageDto> Messages);

/// <param name="Original">The language the messages are written in.</param>
/// <param name="Language">The version this answer gives: the one asked for where published, else the original.</param>
/// <param name="Languages">The original, then every published language version.</param>
public sealed record OutcomeDto(string Forum, string ForumName, DateTime? PublishedAt, IReadOnlyList<OutcomeSectionDto> Sections, OutcomeFigures Figures,
    string Original, string Language, IReadOnlyList<OutcomeVersionDto> Languages);
