using Microsoft.AspNetCore.Http.HttpResults;
using Plenary.Features.Forums;
using Plenary.Features.Programme;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Rooms;

public sealed record RoomDto(int Id, string Name, RoomLayout Layout, int Capacity, bool HasOnlineEquipment)
{
    public static RoomDto From(Room r) => new(r.Id, r.Name, r.Layout, r.Capacity, r.HasOnlineEquipment);
}

public sealed record RoomDetails(RoomDto Room, IReadOnlyList<SessionSummary> Sessions);

public static class RoomsApi
{
    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup("/api/forums/{forum}/rooms").WithTags("Rooms").CacheOutput().AllowAnonymous();

        rooms.MapGet("/", async Task<Results<Ok<List<RoomDto>>, ProblemHttpResult>> (string forum, PlenaryDb db, CancellationToken cancel) =>
            await db.FindForumAsync(forum, cancel) is { } found
                ? TypedResults.Ok(found.Rooms.Select(RoomDto.From).ToList())
                : ApiProblems.NotFound("Forum", forum))
            .WithName("ListRooms").WithSummary("The forum's rooms.");

        rooms.MapGet("/{id:int}", async Task<Results<Ok<RoomDetails>, ProblemHttpResult>> (string forum, int id, PlenaryDb db, CancellationToken cancel) =>
        {
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            if (found.Rooms.FirstOrDefault(r => r.Id == id) is not { } room)
            {
                return ApiProblems.NotFound("Room", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var filter = SessionFilter.Parse(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["room"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }), found);
            var entries = await ProgrammeQuery.LoadAsync(db, found, filter, cancel);
            return TypedResults.Ok(new RoomDetails(RoomDto.From(room), entries.Select(e => SessionSummary.From(found, e)).ToList()));
        }).WithName("GetRoom").WithSummary("One room and its sessions.");

        return app;
    }
}
