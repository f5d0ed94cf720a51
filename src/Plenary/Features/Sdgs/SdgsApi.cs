using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Plenary.Features.Sdgs;

public sealed record SdgTargetDto(string Code, string Title, string Uri);
public sealed record SdgGoalDto(int Goal, string ShortName, string Title, string Uri, IReadOnlyList<SdgTargetDto> Targets);

public sealed record SdgSuggestRequest(string Text, string? Language = null);
public sealed record SdgTargetSuggestionDto(string Code, string Title, double Score, IReadOnlyList<string> Matched);
public sealed record SdgSuggestionDto(int Goal, string ShortName, string Uri, double Score, IReadOnlyList<string> Matched, IReadOnlyList<SdgTargetSuggestionDto> Targets);
public sealed record SdgSuggestResponse(string Language, string Method, string Note, IReadOnlyList<SdgSuggestionDto> Suggestions);

public static class SdgsApi
{
    public static IEndpointRouteBuilder MapSdgsApi(this IEndpointRouteBuilder app)
    {
        var sdgs = app.MapGroup("/api/sdgs").WithTags("SDGs").CacheOutput().AllowAnonymous();

        sdgs.MapGet("/", Results<Ok<List<SdgGoalDto>>, ProblemHttpResult> (SdgCatalogue catalogue, string? lang = null) =>
            Language(lang) is { } language
                ? TypedResults.Ok(catalogue.Goals.Select(g => Dto(g, language)).ToList())
                : UnknownLanguage(lang!))
            .WithName("ListSdgs").WithSummary("The 17 goals and 169 targets, in one of the six UN languages (lang=ar, en, es, fr, ru, zh-Hans).");

        sdgs.MapGet("/{goal}", Results<Ok<SdgGoalDto>, ProblemHttpResult> (string goal, SdgCatalogue catalogue, string? lang = null) =>
        {
            if (Language(lang) is not { } language)
            {
                return UnknownLanguage(lang!);
            }
            return int.TryParse(goal, System.Globalization.NumberStyles.None, null, out var number) && catalogue.FindGoal(number) is { } found
                ? TypedResults.Ok(Dto(found, language))
                : TypedResults.Problem(statusCode: 404, title: "Goal not found", detail: "The Sustainable Development Goals are numbered 1 to 17.");
        }).WithName("GetSdg").WithSummary("One goal with its targets.");

        app.MapPost("/api/sdgs/suggest", async Task<Results<Ok<SdgSuggestResponse>, ValidationProblem>> (HttpRequest request, SdgSuggester suggester, SdgCatalogue catalogue) =>
        {
            var (text, language, errors) = await ReadSuggestRequest(request);
            if (errors is not null)
            {
                return TypedResults.ValidationProblem(errors, title: "No suggestions: the request has problems");
            }
            var found = suggester.Suggest(text!, language);
            var names = found.Language;
            return TypedResults.Ok(new SdgSuggestResponse(found.Language, found.Method, Note(found),
                found.Goals.Select(g => new SdgSuggestionDto(g.Goal, catalogue.FindGoal(g.Goal)!.ShortName(names), catalogue.FindGoal(g.Goal)!.MetadataUri,
                    Math.Round(g.Score, 2), g.Matched,
                    g.Targets.Select(t => new SdgTargetSuggestionDto(t.Code, catalogue.FindTarget(t.Code)?.Title(names) ?? t.Code, Math.Round(t.Score, 2), t.Matched)).ToList())).ToList()));
        })
            .Accepts<SdgSuggestRequest>("application/json")
            .WithTags("SDGs").AllowAnonymous()
            .RequireRateLimiting(SdgsSetup.SuggestionLimit)
            .WithName("SuggestSdgs")
            .WithSummary("Goals and targets a text seems to serve, best first, each with the words that matched. Suggestions only: the organisers choose.")
            .WithDescription("English texts are read with the Aurora Universities' SDG queries (v5.0, CC BY 4.0); texts in the other UN languages "
                + "are compared with the targets' official texts, which finds less. `text` is required, at most 50,000 characters; "
                + "`language` (ar, en, es, fr, ru, zh-Hans) is guessed when absent.");

        return app;
    }

    private static string Note(SdgSuggestions found) => found.Method == "queries"
        ? "Matched with the Aurora Universities' SDG queries (v5.0, CC BY 4.0)."
        : "The Aurora queries read English only: this text was compared with the targets' official texts in its language, which finds fewer and cruder matches.";

    /// <summary>Read by hand rather than bound, so that bad JSON gets a problem naming what is wrong instead of an empty 400.</summary>
    private static async Task<(string? Text, string? Language, Dictionary<string, string[]>? Errors)> ReadSuggestRequest(HttpRequest request)
    {
        static (string?, string?, Dictionary<string, string[]>) Fail(string field, string message) => (null, null, new() { [field] = [message] });
        if (request.ContentLength > 1_000_000)
        {
            return Fail("text", $"The text is too long: at most {SdgSuggester.MaxTextLength:N0} characters.");
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return Fail("body", "The body is not JSON: send {\"text\": \"...\"}.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Fail("body", "The body must be a JSON object: {\"text\": \"...\"}.");
            }
            string? language = null;
            if (document.RootElement.TryGetProperty("language", out var lang) && lang.ValueKind != JsonValueKind.Null)
            {
                language = lang.ValueKind == JsonValueKind.String
                    ? SdgCatalogue.Languages.FirstOrDefault(l => string.Equals(l, lang.GetString(), StringComparison.OrdinalIgnoreCase))
                    : null;
                if (language is null)
                {
                    return Fail("language", $"The language must be one of {string.Join(", ", SdgCatalogue.Languages)}, or left out to be guessed.");
                }
            }
            if (!document.RootElement.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return Fail("text", "The text is required, as a string.");
            }
            var value = text.GetString()!;
            if (string.IsNullOrWhiteSpace(value))
            {
                return Fail("text", "The text is empty.");
            }
            if (value.Length > SdgSuggester.MaxTextLength)
            {
                return Fail("text", $"The text is too long: at most {SdgSuggester.MaxTextLength:N0} characters.");
            }
            return (value, language, null);
        }
    }

    private static string? Language(string? lang) =>
        string.IsNullOrEmpty(lang) ? "en" : SdgCatalogue.Languages.FirstOrDefault(l => string.Equals(l, lang, StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult UnknownLanguage(string lang) =>
        TypedResults.Problem(statusCode: 400, title: "Unknown language",
            detail: $"'{(lang.Length > 20 ? lang[..20] + "…" : lang)}' is not one of the six UN languages: {string.Join(", ", SdgCatalogue.Languages)}.");

    private static SdgGoalDto Dto(SdgGoal g, string language) => new(g.Number, g.ShortName(language), g.Title(language), g.MetadataUri,
        g.Targets.Select(t => new SdgTargetDto(t.Code, t.Title(language), t.MetadataUri)).ToList());
}
