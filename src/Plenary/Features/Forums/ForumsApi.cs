using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Accounts;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Forums;

public sealed record ForumSummary(
    string Slug, string Name, int Year, string HostCity, string Venue, string? CountryCode, string TimeZone,
    DateOnly FirstDay, DateOnly LastDay, string Theme, IReadOnlyList<string> Languages, bool IsDemo, string Url, ForumKind Kind, string? Series)
{
    public static ForumSummary From(Forum f) => new(f.Slug, f.Name, f.Year, f.HostCity, f.Venue, f.CountryCode, f.TimeZoneId,
        f.FirstDay, f.LastDay, f.Theme, f.Languages, f.IsDemo, ForumLinks.Home(f.Slug), f.Kind, f.Series);
}

public sealed record SubthemeDto(string Slug, string Name);
public sealed record SessionTypeDto(string Code, string Name, string NumberLabel, int DefaultLengthMinutes);
public sealed record ForumDetails(ForumSummary Forum, string? Description, IReadOnlyList<SubthemeDto> Subthemes,
    IReadOnlyList<SessionTypeDto> SessionTypes, IReadOnlyList<Rooms.RoomDto> Rooms, ForumFigures Figures);

public static class ForumsApi
{
    public static IEndpointRouteBuilder MapForumsApi(this IEndpointRouteBuilder app)
    {
        var forums = app.MapGroup("/api/forums").WithTags("Forums").CacheOutput().AllowAnonymous();

        forums.MapGet("/", async (PlenaryDb db, CancellationToken cancel) =>
            TypedResults.Ok((await db.Forums.OrderByDescending(f => f.FirstDay).ToListAsync(cancel)).Select(ForumSummary.From).ToList()))
            .WithName("ListForums").WithSummary("All forums, newest first.");

        forums.MapGet("/{forum}", async Task<Results<Ok<ForumDetails>, ProblemHttpResult>> (string forum, PlenaryDb db, CancellationToken cancel) =>
        {
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            var figures = await ForumFigures.ComputeAsync(db, found.Id, cancel);
            return TypedResults.Ok(new ForumDetails(ForumSummary.From(found), found.Description,
                found.Subthemes.Select(s => new SubthemeDto(s.Slug, s.Name)).ToList(),
                found.SessionTypes.Select(t => new SessionTypeDto(t.Code, t.Name, t.NumberLabel, t.DefaultLengthMinutes)).ToList(),
                found.Rooms.Select(Rooms.RoomDto.From).ToList(), figures));
        }).WithName("GetForum").WithSummary("One forum with its subthemes, session types, rooms and figures.");

        // Not cached, and signed in by personal API token only, like the rest of the write API.
        app.MapPost("/api/forums", async Task<Results<Created<ForumSummary>, ValidationProblem, ProblemHttpResult>> (
            NewForumForm form, ForumChange creation, HttpContext http, CancellationToken cancel) =>
        {
            var result = await creation.CreateAsync(form, http.User, cancel);
            return result.Value is not { } created
                ? result.Reasons.ToProblem("The forum cannot be created as sent")
                : TypedResults.Created(ForumLinks.Api(created.Slug), ForumSummary.From(created));
        }).RequireAuthorization(AccountsSetup.ApiPolicy).RequireSite(Policies.Administer, "Only site administrators can create forums.").WithTags("Forums").WithName("CreateForum")
            .WithSummary("Creates a forum with the IGF's usual session types and, optionally, the first member of its Secretariat (site administrators). Settings are those of PUT /api/forums/{forum}.");

        return app;
    }
}
