using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

public sealed record AuditEntryDto(long Id, DateTime At, string Actor, string Action, string Subject, JsonElement? Before, JsonElement? After);

/// <summary>
/// The Secretariat's workspace as an API: forum settings, rooms, session types, subthemes, people, invitations, CSV
/// import and the audit log, with the pages' rules. Signed in by personal API token only; the group lets
/// through only a token whose account runs this forum.
/// </summary>
public static partial class ManageApi
{
    public const int MaxAuditEntries = 500;

    public static IEndpointRouteBuilder MapManageApi(this IEndpointRouteBuilder app)
    {
        var forum = app.MapGroup("/api/forums/{forum}").RequireAuthorization(AccountsSetup.ApiPolicy)
            .RequireForum(Policies.RunForum, "Only the forum's Secretariat and site administrators can do this.");

        forum.MapPut("/", async Task<Results<Ok<ForumSummary>, ValidationProblem, ProblemHttpResult>> (
            string forum, Granted granted, ForumForm form, ForumChange change, HttpContext http, CancellationToken cancel) =>
        {
            var saved = await change.SaveSettingsAsync(granted.Forum, form, http.User, cancel);
            if (saved.Value is not { } found)
            {
                return saved.Reasons.ToProblem("The settings cannot be saved as sent");
            }
            return TypedResults.Ok(ForumSummary.From(found));
        }).WithTags("Forums").WithName("ChangeForumSettings").WithSummary("Changes the forum's settings (Secretariat). Days are yyyy-MM-dd in the forum's time zone.");

        forum.MapGet("/audit", async Task<Results<Ok<List<AuditEntryDto>>, ProblemHttpResult>> (
            string forum, Granted granted, PlenaryDb db, HttpContext http, CancellationToken cancel, string? action = null, long? before = null) =>
        {
            var found = granted.Forum;
            var entries = db.AuditLog.Where(e => e.ForumId == found.Id);
            if (!string.IsNullOrEmpty(action))
            {
                entries = entries.Where(e => e.Action == action);
            }
            if (before is { } id)
            {
                entries = entries.Where(e => e.Id < id);
            }
            var page = await entries.OrderByDescending(e => e.Id).Take(MaxAuditEntries).ToListAsync(cancel);
            return TypedResults.Ok(page.Select(e => new AuditEntryDto(e.Id, e.At, e.Actor, e.Action, e.Subject, Parse(e.Before), Parse(e.After))).ToList());
        }).WithTags("Audit").WithName("ListAuditEntries").WithSummary($"The forum's audit log, newest first, at most 500 a call; pass the last id as `before` for older ones (Secretariat).");

        var rooms = forum.MapGroup("/rooms").WithTags("Rooms");

        rooms.MapPost("/", async Task<Results<Created<RoomDto>, ValidationProblem, ProblemHttpResult>> (
            string forum, Granted granted, RoomForm form, PlenaryDb db, RoomChange change, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            var saved = await change.SaveAsync(found, 0, form, http.User, cancel);
            return saved.Value is not { } room ? saved.Reasons.ToProblem("The room cannot be saved as sent")
                : TypedResults.Created(ManageLinks.ApiRoom(found.Slug, room.Id), RoomDto.From(room));
        }).WithName("AddRoom").WithSummary("Adds a room (Secretariat).");

        rooms.MapPut("/{id:int}", async Task<Results<Ok<RoomDto>, ValidationProblem, ProblemHttpResult>> (
            string forum, Granted granted, int id, RoomForm form, PlenaryDb db, RoomChange change, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            if (found.Rooms.All(r => r.Id != id))
            {
                return ApiProblems.NotFound("Room", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var saved = await change.SaveAsync(found, id, form, http.User, cancel);
            return saved.Value is not { } room ? saved.Reasons.ToProblem("The room cannot be saved as sent") : TypedResults.Ok(RoomDto.From(room));
        }).WithName("ChangeRoom").WithSummary("Changes a room (Secretariat).");

        rooms.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (
            string forum, Granted granted, int id, PlenaryDb db, RoomChange change, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            if (found.Rooms.FirstOrDefault(r => r.Id == id) is not { } room)
            {
                return ApiProblems.NotFound("Room", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return await change.RemoveAsync(found, room, http.User, cancel) is { } refused
                ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The room stays", detail: refused)
                : TypedResults.NoContent();
        }).WithName("RemoveRoom").WithSummary("Removes a room that holds no session (Secretariat).");

        MapSessionTypes(forum);
        MapSubthemes(forum);
        MapPeople(forum);
        MapInvitations(forum);
        MapImport(forum);
        return app;
    }

    private static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string>> errors, string title) => Refusal.From(errors).ToProblem(title);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
