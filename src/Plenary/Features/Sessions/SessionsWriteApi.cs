using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Sdgs;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sessions;

/// <summary>
/// The workspace's session changes as an API, for programs that carry a forum's programme from elsewhere. Signed in by
/// a personal API token only (never the browser's cookie), with the same rights and rules as the pages.
/// </summary>
public static class SessionsWriteApi
{
    public sealed record RoleCandidate(int Id, string Name, string? Affiliation);

    public static IEndpointRouteBuilder MapSessionsWriteApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/forums/{forum}/sessions").WithTags("Sessions").RequireAuthorization(AccountsSetup.ApiPolicy);

        sessions.MapPost("/", async Task<Results<Created<SessionDetails>, ValidationProblem, ProblemHttpResult>> (
            string forum, Granted granted, SessionForm form, PlenaryDb db, SessionChange change, SdgCatalogue sdgs, HttpContext http, CancellationToken cancel) =>
        {
            var found = granted.Forum;
            var result = await change.CreateAsync(found, form, http.User, cancel);
            if (result is not { IsDone: true, Value: { } key })
            {
                return result.Reasons.ToProblem(InvalidTitle);
            }
            return TypedResults.Created(SessionLinks.Api(found.Slug, key), await AnswerAsync(db, found, key, sdgs, cancel));
        }).RequireForum(Policies.RunForum, "Only the forum's Secretariat can add sessions.").WithName("CreateSession").WithSummary("Adds a session (Secretariat). Day and start are in the forum's time zone; an empty number takes the next free one; originalLanguage, one of the forum's languages, says which language its texts are written in.");

        sessions.MapPut("/{key}", async Task<Results<Ok<SessionDetails>, ValidationProblem, ProblemHttpResult>> (
            string forum, string key, SessionForm form, PlenaryDb db, SessionChange change, SdgCatalogue sdgs, Granted granted,
            HttpContext http, CancellationToken cancel) =>
        {
            var (found, session) = (granted.Forum, granted.Session);
            if (await change.ChangeAsync(found, session, form, await db.RunsForumAsync(http.User, found.Id, cancel), http.User, cancel) is { IsDone: false } refused)
            {
                if (refused.Reasons.Stale)
                {
                    // The version now stored, so that a program can read the session again and decide what to send.
                    var current = await db.Sessions.Where(s => s.Id == session.Id).Select(s => s.Version).FirstAsync(cancel);
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The session was changed meanwhile",
                        detail: refused.Reasons.First(""), extensions: new Dictionary<string, object?> { ["version"] = current });
                }
                return refused.Reasons.ToProblem(InvalidTitle);
            }
            return TypedResults.Ok(await AnswerAsync(db, found, key, sdgs, cancel));
        }).RequireSession(Policies.EditSession, "Only the session's organisers and the forum's Secretariat can change it.").WithName("ChangeSession").WithSummary("Changes a session. Organisers change text, SDGs, tags and the original language (originalLanguage, one of the forum's languages); type, length, status, day, start and room are the Secretariat's and ignored for others. With the version last read (`version`), a change over a newer one is refused: 409 problem details with the version now stored.");

        sessions.MapPost("/{key}/roles", async Task<Results<Created<SessionRoleDto>, ValidationProblem, ProblemHttpResult>> (
            string forum, string key, SessionRoleForm form, PlenaryDb db, SessionRoleChange people, Granted granted,
            HttpContext http, CancellationToken cancel) =>
        {
            var (found, session) = (granted.Forum, granted.Session);
            var outcome = await people.AddAsync(session, form, http.User, cancel);
            if (outcome.Added is not { } role)
            {
                var extensions = new Dictionary<string, object?>();
                if (outcome.Candidates.Count > 0)
                {
                    // Namesakes: the caller repeats the request with the chosen one's personId.
                    extensions["candidates"] = outcome.Candidates.Select(p => new RoleCandidate(p.Id, p.Name, p.Affiliation)).ToList();
                }
                return outcome.Reasons.ToProblem("The person cannot be added", extensions);
            }
            var added = (await db.FindSessionAsync(found.Id, key, cancel))!.Roles.Single(r => r.Id == role.Id);
            return TypedResults.Created(SessionLinks.ApiRole(found.Slug, key, role.Id), SessionRoleDto.From(added));
        }).RequireSession(Policies.EditSession, "Only the session's organisers and the forum's Secretariat can change its people.").WithName("AddSessionRole").WithSummary("Adds a person (by personId, or by name: matched, or new) or an organising organisation to a session.");

        sessions.MapDelete("/{key}/roles/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (
            string forum, string key, int id, PlenaryDb db, SessionRoleChange people, Granted granted, HttpContext http, CancellationToken cancel) =>
        {
            var (found, session) = (granted.Forum, granted.Session);
            if (session.Roles.FirstOrDefault(r => r.Id == id) is not { } role)
            {
                return ApiProblems.NotFound("Role", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            if (await people.RemoveAsync(session, role, await db.RunsForumAsync(http.User, found.Id, cancel), http.User, cancel) is { } refused)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The role stays", detail: refused);
            }
            return TypedResults.NoContent();
        }).RequireSession(Policies.EditSession, "Only the session's organisers and the forum's Secretariat can change its people.").WithName("RemoveSessionRole").WithSummary("Removes a person or organisation from a session.");

        return app;
    }

    /// <summary>The session as its editors now have it, in its original texts, with the language they are written in (<c>languages.original</c>).</summary>
    private static async Task<SessionDetails> AnswerAsync(PlenaryDb db, Forum forum, string key, SdgCatalogue sdgs, CancellationToken cancel)
    {
        var session = (await db.FindSessionAsync(forum.Id, key, cancel))!;
        var translations = await db.SessionTranslations.Where(t => t.SessionId == session.Id).ToListAsync(cancel);
        return SessionsApi.Details(forum, session, sdgs, allSections: true, content: SessionContent.Of(forum, session, translations, null));
    }

    private const string InvalidTitle = "The session cannot be saved as sent";
}
