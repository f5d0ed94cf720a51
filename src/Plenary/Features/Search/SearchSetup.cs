using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Operations;

namespace Plenary.Features.Search;

public static class SearchSetup
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SearchQueries>();
        builder.Services.AddScoped<SearchFacetCounts>();
        // As the session versions: options configured for PlenaryDb would never reach the provider's own context class.
        builder.Services.AddSingleton<SearchIndexUpdates>();
        builder.Services.AddSingleton<SearchPendingList>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SearchPendingList>());
        builder.Services.ConfigureDbContext<SqlitePlenaryDb>((services, options) => options.AddInterceptors(services.GetRequiredService<SearchIndexUpdates>()), ServiceLifetime.Singleton);
        builder.Services.ConfigureDbContext<PostgresPlenaryDb>((services, options) => options.AddInterceptors(services.GetRequiredService<SearchIndexUpdates>()), ServiceLifetime.Singleton);
        return builder;
    }

    /// <summary>
    /// <c>dotnet run --project src/Plenary -- search rebuild</c>: every index row written again, for recovery, then merged.
    /// <c>search merge</c>: the full-text index merged (<see cref="SearchIndex.MergeAsync"/>), after writes made past the app.
    /// </summary>
    public static async Task<bool> RunSearchCommandAsync(this WebApplication app, string[] args)
    {
        if (args is not ["search", ..])
        {
            return false;
        }
        if (args is not ["search", "rebuild" or "merge"])
        {
            await Console.Error.WriteLineAsync("Usage: search rebuild | search merge");
            Environment.ExitCode = 2;
            return true;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlenaryDb>();
        if (args[1] == "merge")
        {
            var steps = await SearchIndex.MergeAsync(db, CancellationToken.None);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Search index merged ({steps:N0} steps)."));
            return true;
        }
        var rows = await SearchIndex.RebuildAsync(db, CancellationToken.None);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Search index rebuilt: {rows:N0} entries."));
        return true;
    }

    /// <param name="Facets">For each facet (forum, type, subtheme, sdg, gdc, wsis, group, region, lang, has), its values among all the results with their
    /// counts: a value's count is the total a search adding it (key=value) gives. A chosen facet lists its chosen value only.</param>
    /// <param name="Years">Sessions found per forum edition, by year: the chart of the topic over the years.</param>
    /// <param name="TotalIsLowerBound">True when the words match more than 1,000 parts and passages: only those 1,000 were ranked
    /// and counted, so <paramref name="Total"/>, the facets and the years count their results, and there are more. A
    /// narrower search (more words, a forum, years, a language, a type or a subtheme) ranks the best of what it matches.</param>
    public sealed record SearchResponse(string Query, int Total, int Page, IReadOnlyList<SearchResultDto> Results,
        IReadOnlyDictionary<string, IReadOnlyList<SearchFacetValue>> Facets, IReadOnlyList<SearchYearDto> Years, bool TotalIsLowerBound);

    /// <param name="Forum">The forum's address.</param>
    public sealed record SearchYearDto(int Year, string Forum, int Count);

    /// <param name="Snippet">Plain text; the matched words are given by <paramref name="Highlights"/>, as UTF-16 offsets into it.</param>
    /// <param name="FoundIn">Where the text was found: title, takeaways, callsToAction, description, sections, report, genderReport, transcript, message or name.</param>
    /// <param name="Language">The language of the text found (BCP 47); <paramref name="Translated"/> when it is a translation.</param>
    public sealed record SearchResultDto(string Kind, string? Forum, int? Year, string Title, string? Url, string FoundIn, string Language,
        bool Translated, string Snippet, IReadOnlyList<SearchMark> Highlights, double Score);

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        // The parameters are declared for the OpenAPI document; they are read from the query string itself, which alone tells a
        // repeated key (refused, but for "has") from one value.
        app.MapGet("/api/search", async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> (string? q, string? forum, string? from, string? to,
            string? type, string? subtheme, string? sdg, string? gdc, string? wsis, string? group, string? region, string? lang, string[]? has, string? page,
            HttpRequest http, SearchQueries search, PlenaryMetrics metrics, CancellationToken cancel) =>
        {
            var (request, refusal) = await search.Read(http.Query, cancel);
            if (request is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad search",
                    detail: refusal!.Message, extensions: new Dictionary<string, object?> { ["field"] = refusal.Field });
            }
            var started = Stopwatch.GetTimestamp();
            var (found, facets) = await search.SearchWithFacetsAsync(request, cancel);
            metrics.SearchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("path", "api"));
            return TypedResults.Ok(new SearchResponse(request.Query, found.Total, request.Page, found.Results.Select(r => new SearchResultDto(
                JsonName(r.Kind.ToString()), r.ForumSlug, r.Year, r.Title, r.Url, JsonName(r.FoundIn.ToString()), r.Language, r.Translated,
                r.Snippet.Text, r.Snippet.Marks, Math.Round(r.Score, 6))).ToList(),
                SearchFacetCounts.Keys.ToDictionary(k => k, k => facets.Facets.FirstOrDefault(f => f.Key == k)?.Values ?? []),
                [.. facets.Years.Select(y => new SearchYearDto(y.Year, y.Forum, y.Count))], found.TotalIsLowerBound));
        }).WithTags("Search").WithName("Search").AllowAnonymous()
          .WithSummary("Searches every forum's sessions (titles, descriptions, record sections, key takeaways, calls to action, reports, gender reports, transcripts), published messages, speakers and organisations, in every language version; ranked by relevance, 20 a page. q is words, not query syntax; forum (a forum's address), from/to (years), type (a session type's code, such as WS), subtheme (its number), sdg (1 to 17), gdc (a Global Digital Compact objective, 1 to 5), wsis (a WSIS action line, C1 to C11), group (the organisers' stakeholder group, such as CivilSociety), region (their regional group, such as AfricanGroup), lang (BCP 47) and has (report or transcript, may repeat) narrow it. The answer counts every facet's values over all the results, and the sessions found per forum edition, year by year. Words that match more than 1,000 parts and passages are ranked and counted over the first 1,000 only: totalIsLowerBound then says that total is \"at least\".");
        return app;
    }

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
