using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Manage;
using Plenary.Features.Messages;
using Plenary.Features.Sdgs;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Statistics;

/// <param name="SmallGroupThreshold">Groups of fewer people than this are merged under "other"; a null value in a row is a withheld count of 1 to this less one.</param>
/// <param name="ProgrammeSessions">The sessions of the public programme, cancelled ones included: the programme's own count.</param>
/// <param name="CancelledSessions">Those of them cancelled; the programme's tables count the others.</param>
public sealed record StatisticsDto(string Forum, string ForumName, DateTime? PublishedAt, int SmallGroupThreshold, int ProgrammeSessions, int CancelledSessions,
    OutcomeFigures Summary, IReadOnlyList<Figure> Figures);

/// <summary>The statistics as files and data: one CSV per figure, and the whole in the API, under the page's rule of who reads them.</summary>
public static class StatisticsApi
{
    public static WebApplicationBuilder AddStatistics(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<StatisticsAccess>();
        return builder;
    }

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{forum}/statistics/{figure}.csv", async (string forum, string figure, HttpContext http, PlenaryDb db, StatisticsAccess access,
            IStringLocalizer<SharedResource> l, SdgCatalogue sdgs) =>
        {
            if (await db.FindForumAsync(forum, http.RequestAborted) is not { } found
                || await access.ReadableAsync(found, http.User, http.RequestAborted) is not { } readable
                || readable.Statistics.Find(figure) is not { } table)
            {
                return Results.NotFound();
            }
            var columns = new[] { l["Group"].Value, "key" }.Concat(table.Columns.Select(c => FigureLabels.Column(c, l))).ToList();
            var rows = table.Rows.Select(r => (IReadOnlyList<string?>)new[] { FigureLabels.Row(table, r, found, readable.Statistics.EditionNames, sdgs, l), r.Key }
                .Concat(r.Values.Select((v, i) => FigureLabels.Cell(v, table.Columns[i], l))).ToList());
            return Results.File(CsvFiles.Write(columns, rows), "text/csv; charset=utf-8", $"{found.Slug}-{table.Id}.csv");
        }).ExcludeFromDescription().AllowAnonymous().WithMetadata(new Kernel.Caching.ShowsRegistrationFiguresAttribute());

        app.MapGet("/api/forums/{forum}/statistics", async Task<Results<Ok<StatisticsDto>, ProblemHttpResult>> (string forum, HttpContext http, PlenaryDb db,
            StatisticsAccess access) =>
        {
            if (await db.FindForumAsync(forum, http.RequestAborted) is not { } found)
            {
                return Infrastructure.Web.ApiProblems.NotFound("Forum", forum);
            }
            if (await access.ReadableAsync(found, http.User, http.RequestAborted) is not { } readable)
            {
                return http.User.Identity?.IsAuthenticated == true
                    ? Infrastructure.Web.ApiProblems.Forbidden("The forum's statistics are not published yet; until then only its Secretariat reads them.")
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Statistics not published",
                        detail: $"The forum '{found.Slug}' has not published its statistics.");
            }
            var (statistics, published, _) = readable;
            return TypedResults.Ok(new StatisticsDto(found.Slug, found.Name, published, SmallGroups.Threshold, statistics.ProgrammeSessions, statistics.CancelledSessions, statistics.Summary,
                statistics.All.ToList()));
        }).WithTags("Statistics").AllowAnonymous().WithName("GetForumStatistics").WithMetadata(new Kernel.Caching.ShowsRegistrationFiguresAttribute())
            .WithSummary("The forum's participation and programme statistics, each table by its keys (groups of fewer than 5 people merged under \"other\", a withheld count is null); 404 until the Secretariat publishes them, but for its Secretariat.");
        return app;
    }
}
