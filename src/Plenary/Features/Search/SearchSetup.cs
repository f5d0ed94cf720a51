using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Search;

public static class SearchSetup
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SearchQueries>();
        // As the session versions: options configured for PlenaryDb would never reach the provider's own context class.
        builder.Services.AddSingleton<SearchIndexUpdates>();
        builder.Services.ConfigureDbContext<SqlitePlenaryDb>((services, options) => options.AddInterceptors(services.GetRequiredService<SearchIndexUpdates>()), ServiceLifetime.Singleton);
        builder.Services.ConfigureDbContext<PostgresPlenaryDb>((services, options) => options.AddInterceptors(services.GetRequiredService<SearchIndexUpdates>()), ServiceLifetime.Singleton);
        return builder;
    }

    /// <summary><c>dotnet run --project src/Plenary -- search rebuild</c>: every index row written again, for recovery.</summary>
    public static async Task<bool> RunSearchCommandAsync(this WebApplication app, string[] args)
    {
        if (args is not ["search", ..])
        {
            return false;
        }
        if (args is not ["search", "rebuild"])
        {
            await Console.Error.WriteLineAsync("Usage: search rebuild");
            Environment.ExitCode = 2;
            return true;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var rows = await SearchIndex.RebuildAsync(scope.ServiceProvider.GetRequiredService<PlenaryDb>(), CancellationToken.None);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Search index rebuilt: {rows:N0} entries."));
        return true;
    }

    public sealed record SearchResponse(string Query, int Total, int Page, IReadOnlyList<SearchResultDto> Results);

    /// <param name="Snippet">Plain text; the matched words are given by <paramref name="Highlights"/>, as UTF-16 offsets into it.</param>
    /// <param name="FoundIn">Where the text was found: title, takeaways, callsToAction, description, sections, report, genderReport, transcript, message or name.</param>
    /// <param name="Language">The language of the text found (BCP 47); <paramref name="Translated"/> when it is a translation.</param>
    public sealed record SearchResultDto(string Kind, string? Forum, int? Year, string Title, string? Url, string FoundIn, string Language,
        bool Translated, string Snippet, IReadOnlyList<SearchMark> Highlights, double Score);

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> (string? q, string? forum, string? from, string? to, string? page,
            SearchQueries search, IStringLocalizer<SharedResource> L, CancellationToken cancel) =>
        {
            var (request, refusal) = await search.Read(q, forum, from, to, page, cancel);
            if (request is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad search",
                    detail: refusal!.Message, extensions: new Dictionary<string, object?> { ["field"] = refusal.Field });
            }
            var found = await search.SearchAsync(request, cancel);
            return TypedResults.Ok(new SearchResponse(request.Query, found.Total, request.Page, found.Results.Select(r => new SearchResultDto(
                JsonName(r.Kind.ToString()), r.ForumSlug, r.Year, r.Title, r.Url, JsonName(r.FoundIn.ToString()), r.Language, r.Translated,
                r.Snippet.Text, r.Snippet.Marks, Math.Round(r.Score, 6))).ToList()));
        }).WithTags("Search").WithName("Search").AllowAnonymous()
          .WithSummary("Searches every forum's sessions (titles, descriptions, record sections, key takeaways, calls to action, reports, gender reports, transcripts), published messages, speakers and organisations, in every language version; ranked by relevance, 20 a page. q is words, not query syntax; forum (a forum's address) and from/to (years) narrow it.");
        return app;
    }

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
