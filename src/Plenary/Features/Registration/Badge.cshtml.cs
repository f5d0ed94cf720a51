using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Manage;
using Plenary.Features.People;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Registration;

/// <summary>The printable badge of an approved, onsite (or hub) registration: name, affiliation and the code the door reads.</summary>
[Authorize]
public sealed class BadgeModel(PlenaryDb db, RegistrationChange registrations) : ForumPageModel(db)
{
    public Registration Registration { get; private set; } = null!;
    public Person Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        var registration = await registrations.OfAsync(Forum.Id, User.AccountId()!.Value, HttpContext.RequestAborted);
        if (registration is null || registration.Status != RegistrationStatus.Approved || registration.Mode == AttendanceMode.Online)
        {
            // No badge to show: the registration page says why and what to do.
            return Redirect($"/{Forum.Slug}/register");
        }
        Registration = registration;
        Person = await Db.People.SingleAsync(p => p.Id == registration.PersonId, HttpContext.RequestAborted);
        // A badge is a credential: not kept by shared caches or the browser's history cache.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
