using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.People;

/// <param name="TitleAtSession">The person's title as that session recorded it; null, with <paramref name="AffiliationAtSession"/>, when it recorded none of its own.</param>
/// <param name="ToBeConfirmed">Listed as to be confirmed ("TBC").</param>
public sealed record PersonRoleDto(string Forum, string Session, string NumberedName, string Title, SessionRoleKind Role,
    ParticipationMode Mode, DateTime? StartsAt, DateTime? EndsAt, SessionStatus Status, string Url,
    string? TitleAtSession, string? AffiliationAtSession, bool ToBeConfirmed);
public sealed record PersonDetails(PersonDto Person, IReadOnlyList<PersonRoleDto> Roles);

public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/people").WithTags("People").CacheOutput().AllowAnonymous();

        people.MapGet("/{id:int}", async Task<Results<Ok<PersonDetails>, RedirectHttpResult, ProblemHttpResult>> (int id, PlenaryDb db, CancellationToken cancel) =>
        {
            if (await db.People.FirstOrDefaultAsync(p => p.Id == id, cancel) is not { } person)
            {
                // A merged record's id, kept by a client, leads to the record that holds its roles now.
                return await PersonMerging.SurvivorOfAsync(db, id, cancel) is { } survivor
                    ? TypedResults.Redirect("/api/people/" + survivor.ToString(System.Globalization.CultureInfo.InvariantCulture), permanent: true)
                    : ApiProblems.NotFound("Person", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var roles = await db.RolesOfAsync(id, published: true, cancel);
            return TypedResults.Ok(new PersonDetails(PersonDto.From(person), roles.Select(r => new PersonRoleDto(
                r.ForumSlug, r.SessionKey, r.NumberedName, r.Title, r.Kind, r.Mode, r.StartsAt, r.EndsAt, r.Status,
                SessionLinks.Page(r.ForumSlug, r.SessionKey), r.TitleAtSession, r.AffiliationAtSession, r.ToBeConfirmed)).ToList()));
        }).WithName("GetPerson").WithSummary("A person's public profile and session roles in every forum; the id of a person merged into another redirects (301) to that one.");

        return app;
    }
}
