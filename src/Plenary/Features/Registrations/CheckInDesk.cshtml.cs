using Microsoft.AspNetCore.Mvc;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Registrations;

/// <summary>
/// Staff at the door read badges: the code is typed, or (where the phone's browser can) scanned with the camera.
/// Each arrival counts once per day and place.
/// </summary>
[ForumPolicy(Policies.RunForum, KeptForum = true)]
public sealed class CheckInDeskModel(PlenaryDb db, RegistrationChange registrations) : ManagePageModel(db)
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public int? Room { get; set; }

    public RegistrationChange.CheckInOutcome? Outcome { get; private set; }
    public List<RegistrationChange.DayCount> Arrivals { get; private set; } = [];

    /// <summary>The one page allowed the camera, for staff scanning badges with a phone.</summary>
    [Microsoft.AspNetCore.Mvc.RazorPages.NonHandler]
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) =>
        Response.Headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";

    public async Task<IActionResult> OnGetAsync(string forum) => await ShowAsync();

    public async Task<IActionResult> OnPostAsync(string forum)
    {
        Outcome = await registrations.CheckInAsync(Forum, Code, Room, User, HttpContext.RequestAborted);
        if (!Outcome.Arrived)
        {
            Response.StatusCode = Outcome.Registration is null ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
        }
        // The field empties for the next person in the queue.
        Code = null;
        ModelState.Remove(nameof(Code));
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        Arrivals = await registrations.ArrivalsAsync(Forum, HttpContext.RequestAborted);
        return Page();
    }
}
