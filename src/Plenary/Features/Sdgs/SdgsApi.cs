using Microsoft.AspNetCore.Http.HttpResults;

namespace Plenary.Features.Sdgs;

public sealed record SdgTargetDto(string Code, string Title, string Uri);
public sealed record SdgGoalDto(int Goal, string ShortName, string Title, string Uri, IReadOnlyList<SdgTargetDto> Targets);

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

        return app;
    }

    private static string? Language(string? lang) =>
        string.IsNullOrEmpty(lang) ? "en" : SdgCatalogue.Languages.FirstOrDefault(l => string.Equals(l, lang, StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult UnknownLanguage(string lang) =>
        TypedResults.Problem(statusCode: 400, title: "Unknown language",
            detail: $"'{(lang.Length > 20 ? lang[..20] + "…" : lang)}' is not one of the six UN languages: {string.Join(", ", SdgCatalogue.Languages)}.");

    private static SdgGoalDto Dto(SdgGoal g, string language) => new(g.Number, g.ShortName(language), g.Title(language), g.MetadataUri,
        g.Targets.Select(t => new SdgTargetDto(t.Code, t.Title(language), t.MetadataUri)).ToList());
}
