using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>A person on the forum's sessions as the Secretariat sees them; e-mail and gender are never shown.</summary>
/// <param name="Sessions">How many of this forum's sessions list the person.</param>
/// <param name="HasAccount">The person keeps their own profile, which the Secretariat cannot change.</param>
public sealed record ForumPersonDto(int Id, string Name, string? Honorific, string? Title, string? Affiliation, StakeholderGroup? StakeholderGroup,
    RegionalGroup? RegionalGroup, string? Country, int Sessions, bool HasAccount, string Url);

/// <summary>An invitation as the list shows it; the link's code is never part of it.</summary>
public sealed record InvitationDto(int Id, string Email, ForumRole? Role, int? PersonId, string? PersonName, string InvitedBy, string Language,
    DateTime SentAt, DateTime ExpiresAt, DateTime? AcceptedAt, DateTime? WithdrawnAt, InvitationState State)
{
    public static InvitationDto From(Invitation i, DateTime now) => new(i.Id, i.Email, i.Role, i.PersonId, i.PersonName, i.InvitedByName, i.Language,
        i.SentAt, i.ExpiresAt, i.AcceptedAt, i.WithdrawnAt, i.StateAt(now));
}

public static partial class ManageApi
{
    private static SessionTypeDto Dto(SessionType t) => new(t.Code, t.Name, t.NumberLabel, t.DefaultLengthMinutes);

    private static void MapSessionTypes(RouteGroupBuilder forum)
    {
        var types = forum.MapGroup("/session-types").WithTags("Session types");

        types.MapPost("/", async Task<Results<Created<SessionTypeDto>, ValidationProblem, ProblemHttpResult>> (
            string forum, Granted granted, SessionTypeForm form, PlenaryDb db, SessionTypeChange change, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            var saved = await change.SaveAsync(found, null, form, http.User, cancel);
            return saved.Value is not { } type ? saved.Reasons.ToProblem("The session type cannot be saved as sent")
                : TypedResults.Created(ManageLinks.ApiSessionType(found.Slug, type.Code), Dto(type));
        }).WithName("AddSessionType").WithSummary("Adds a session type (Secretariat).");

        types.MapPut("/{code}", async Task<Results<Ok<SessionTypeDto>, ValidationProblem, ProblemHttpResult>> (
            string forum, Granted granted, string code, SessionTypeForm form, PlenaryDb db, SessionTypeChange change, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            if (found.SessionTypes.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase)) is not { } existing)
            {
                return ApiProblems.NotFound("Session type", code);
            }
            // Left out, the code stays; sent, it renames the type and moves its sessions' addresses, as on the page.
            form.Code ??= existing.Code;
            var saved = await change.SaveAsync(found, existing, form, http.User, cancel);
            return saved.Value is not { } type ? saved.Reasons.ToProblem("The session type cannot be saved as sent") : TypedResults.Ok(Dto(type));
        }).WithName("ChangeSessionType").WithSummary("Changes a session type; without a code, the code stays (Secretariat).");

        types.MapDelete("/{code}", async Task<Results<NoContent, ProblemHttpResult>> (
            string forum, Granted granted, string code, PlenaryDb db, SessionTypeChange change, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            if (found.SessionTypes.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase)) is not { } type)
            {
                return ApiProblems.NotFound("Session type", code);
            }
            return await change.RemoveAsync(found, type, http.User, cancel) is { } refused
                ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The session type stays", detail: refused)
                : TypedResults.NoContent();
        }).WithName("RemoveSessionType").WithSummary("Removes a session type that no session uses (Secretariat).");
    }

    private static void MapSubthemes(RouteGroupBuilder forum)
    {
        var subthemes = forum.MapGroup("/subthemes").WithTags("Subthemes");

        subthemes.MapPost("/", async Task<Results<Created<SubthemeDto>, ValidationProblem, ProblemHttpResult>> (
            string forum, Granted granted, SubthemeForm form, PlenaryDb db, SubthemeChange change, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            var saved = await change.SaveAsync(found, null, form, http.User, cancel);
            return saved.Value is not { } subtheme ? saved.Reasons.ToProblem("The subtheme cannot be saved as sent")
                : TypedResults.Created(ManageLinks.ApiSubtheme(found.Slug, subtheme.Slug), new SubthemeDto(subtheme.Slug, subtheme.Name));
        }).WithName("AddSubtheme").WithSummary("Adds a subtheme; without a slug, one is made from the name (Secretariat).");

        subthemes.MapPut("/{slug}", async Task<Results<Ok<SubthemeDto>, ValidationProblem, ProblemHttpResult>> (
            string forum, Granted granted, string slug, SubthemeForm form, PlenaryDb db, SubthemeChange change, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            if (found.Subthemes.FirstOrDefault(s => s.Slug == slug) is not { } existing)
            {
                return ApiProblems.NotFound("Subtheme", slug);
            }
            // Left out, the slug stays: a renamed subtheme keeps its address unless asked otherwise.
            form.Slug ??= existing.Slug;
            var saved = await change.SaveAsync(found, existing, form, http.User, cancel);
            return saved.Value is not { } subtheme ? saved.Reasons.ToProblem("The subtheme cannot be saved as sent") : TypedResults.Ok(new SubthemeDto(subtheme.Slug, subtheme.Name));
        }).WithName("ChangeSubtheme").WithSummary("Changes a subtheme; without a slug, the slug stays (Secretariat).");

        subthemes.MapDelete("/{slug}", async Task<Results<NoContent, ProblemHttpResult>> (
            string forum, Granted granted, string slug, PlenaryDb db, SubthemeChange change, HttpContext http, CancellationToken cancel, bool confirm = false) =>
        {
            var found = granted.Forum;
            if (found.Subthemes.FirstOrDefault(s => s.Slug == slug) is not { } subtheme)
            {
                return ApiProblems.NotFound("Subtheme", slug);
            }
            var removal = await change.RemoveAsync(found, subtheme, confirm, http.User, cancel);
            return removal.Removed ? TypedResults.NoContent()
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Confirm the removal", detail: removal.Question,
                    extensions: new Dictionary<string, object?> { ["sessions"] = removal.Sessions });
        }).WithName("RemoveSubtheme").WithSummary("Removes a subtheme. One that sessions use answers 409 with their number, unless confirm=true; they are then left without a subtheme (Secretariat).");
    }

    private static void MapPeople(RouteGroupBuilder forum)
    {
        var people = forum.MapGroup("/people").WithTags("People");

        people.MapGet("/", async Task<Results<Ok<List<ForumPersonDto>>, ProblemHttpResult>> (string forum, Granted granted, PlenaryDb db, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            var list = await db.ForumPeople(found.Id).OrderBy(p => p.Name).ThenBy(p => p.Id)
                .Select(p => new ForumPersonDto(p.Id, p.Name, p.Honorific, p.Title, p.Affiliation, p.StakeholderGroup, p.RegionalGroup, p.CountryCode,
                    db.SessionRoles.Where(r => r.PersonId == p.Id && db.Sessions.Any(s => s.Id == r.SessionId && s.ForumId == found.Id)).Select(r => r.SessionId).Distinct().Count(),
                    db.Users.Any(a => a.PersonId == p.Id), PeopleLinks.Person(p.Id)))
                .ToListAsync(cancel);
            return TypedResults.Ok(list);
        }).WithName("ListForumPeople").WithSummary("Everyone listed on the forum's sessions, with ids for changes and invitations; no e-mail, no gender (Secretariat).");

        people.MapPut("/{id:int}", async Task<Results<Ok<ForumPersonDto>, ValidationProblem, ProblemHttpResult>> (
            string forum, Granted granted, int id, PersonForm form, PlenaryDb db, PersonChange change, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            if (await change.FindAsync(found, id, cancel) is not { } person)
            {
                return ApiProblems.NotFound("Person", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var saved = await change.SaveAsync(found, person, form, http.User, cancel);
            if (saved.Reasons.Status == StatusCodes.Status409Conflict)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The person keeps their own profile", detail: saved.Reasons.First(""));
            }
            if (!saved.IsDone)
            {
                return saved.Reasons.ToProblem("The person cannot be saved as sent");
            }
            var sessions = await db.SessionRoles.Where(r => r.PersonId == id && db.Sessions.Any(s => s.Id == r.SessionId && s.ForumId == found.Id))
                .Select(r => r.SessionId).Distinct().CountAsync(cancel);
            return TypedResults.Ok(new ForumPersonDto(person.Id, person.Name, person.Honorific, person.Title, person.Affiliation, person.StakeholderGroup,
                person.RegionalGroup, person.CountryCode, sessions, false, PeopleLinks.Person(person.Id)));
        }).WithName("ChangeForumPerson").WithSummary("Changes how a person without an account is shown; the whole entry is sent, empty fields are cleared (Secretariat).");
    }

    private static void MapInvitations(RouteGroupBuilder forum)
    {
        var invitations = forum.MapGroup("/invitations").WithTags("Invitations");

        invitations.MapGet("/", async Task<Results<Ok<List<InvitationDto>>, ProblemHttpResult>> (
            string forum, Granted granted, PlenaryDb db, TimeProvider clock, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            var now = clock.GetUtcNow().UtcDateTime;
            var list = await db.Invitations.Where(i => i.ForumId == found.Id).OrderByDescending(i => i.SentAt).ThenByDescending(i => i.Id).ToListAsync(cancel);
            return TypedResults.Ok(list.Select(i => InvitationDto.From(i, now)).ToList());
        }).WithName("ListInvitations").WithSummary("The forum's invitations, newest first, with their state (Secretariat).");

        invitations.MapPost("/", async Task<Results<Created<InvitationDto>, ValidationProblem, ProblemHttpResult>> (
            string forum, Granted granted, InvitationForm form, PlenaryDb db, InvitationChange sending, TimeProvider clock, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            if (await sending.SendAsync(found, form, http.User, cancel) is not { } result)
            {
                return ApiProblems.NotFound("Person", form.PersonId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return result.Value is not { } sent ? result.Reasons.ToProblem("The invitation cannot be sent as asked")
                : TypedResults.Created(ManageLinks.ApiInvitation(found.Slug, sent.Id), InvitationDto.From(sent, clock.GetUtcNow().UtcDateTime));
        }).WithName("SendInvitation").WithSummary("Invites an address into a forum role (Reviewer; Secretariat by site administrators only) or, with personId, to claim a person on the forum's sessions (Secretariat).");

        invitations.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (
            string forum, Granted granted, int id, PlenaryDb db, InvitationChange sending, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            if (await sending.FindAsync(found, id, cancel) is not { } invitation)
            {
                return ApiProblems.NotFound("Invitation", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return await sending.WithdrawAsync(found, invitation, http.User, cancel) is { } refused
                ? refused.Status == StatusCodes.Status403Forbidden ? ApiProblems.Forbidden(refused.Message)
                    : TypedResults.Problem(statusCode: refused.Status, title: "The invitation cannot be withdrawn", detail: refused.Message)
                : TypedResults.NoContent();
        }).WithName("WithdrawInvitation").WithSummary("Withdraws an invitation: its link stops working; it stays in the list (Secretariat).");
    }
}
