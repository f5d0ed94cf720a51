using Microsoft.AspNetCore.Http.HttpResults;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Registrations;

/// <summary>One's own registration, as the registration page keeps it; the badge code is the caller's own and so returned.</summary>
public sealed record RegistrationDto(int Id, string Forum, AttendanceMode Mode, string? HubName, int? HubHeadcount, StakeholderGroup? StakeholderGroup,
    RegionalGroup? RegionalGroup, string? Country, IReadOnlyList<string> Languages, RegistrationStatus Status, string? DecisionReason, string? BadgeCode)
{
    public static RegistrationDto From(Forum forum, Registration r) => new(r.Id, forum.Slug, r.Mode, r.HubName, r.HubHeadcount, r.StakeholderGroup, r.RegionalGroup,
        r.CountryCode, (r.Languages ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), r.Status, r.DecisionReason,
        r.Status == RegistrationStatus.Approved && r.Mode != AttendanceMode.Online ? r.BadgeCode : null);
}

/// <summary>Registering through the API with a personal token: the page's rules, for apps that register people in bulk at their own desks.</summary>
public static class RegistrationApi
{
    public static IEndpointRouteBuilder MapRegistrationApi(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup("/api/forums/{forum}/registration").WithTags("Registration").RequireAuthorization(AccountsSetup.ApiPolicy);

        own.MapGet("/", async Task<Results<Ok<RegistrationDto>, ProblemHttpResult>> (string forum, PlenaryDb db, RegistrationChange registrations, HttpContext http, CancellationToken cancel) =>
        {
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            return await registrations.OfAsync(found.Id, http.User.AccountId()!.Value, cancel) is { } registration
                ? TypedResults.Ok(RegistrationDto.From(found, registration))
                : ApiProblems.NotFound("Registration", forum);
        }).WithName("GetMyRegistration").WithSummary("The caller's registration for the forum.");

        own.MapPut("/", async Task<Results<Ok<RegistrationDto>, ValidationProblem, ProblemHttpResult>> (
            string forum, RegistrationForm form, PlenaryDb db, KeptForums forums, RegistrationChange registrations, HttpContext http, CancellationToken cancel) =>
        {
            // From memory, as the check-in desk takes it: registering reads the forum and never changes it.
            if (await forums.FindAsync(db, forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            var registered = await registrations.RegisterAsync(found, http.User, form, cancel);
            if (registered.Value is not { } saved)
            {
                return registered.Reasons.First("") is { } closed
                    ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Registration is closed", detail: closed)
                    : registered.Reasons.ToProblem("The registration cannot be saved as sent");
            }
            return TypedResults.Ok(RegistrationDto.From(found, saved));
        }).WithName("Register").WithSummary("Registers the caller for the forum, or changes their registration (one per person and forum).");

        return app;
    }
}
