using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Registrations;

/// <summary>Each room's online meeting link and passcode, used by its sessions unless a session has its own.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class OnlineModel(PlenaryDb db, JoinLinkChange join) : ManagePageModel(db)
{
    public Dictionary<int, JoinLink> Links { get; private set; } = [];

    [BindProperty] public string? MeetingUrl { get; set; }
    [BindProperty] public string? Passcode { get; set; }
    public int? FailedRoom { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum) => await ShowAsync();

    public async Task<IActionResult> OnPostAsync(string forum, int room)
    {
        if (Forum.Rooms.FirstOrDefault(r => r.Id == room) is not { } found)
        {
            return NotFound();
        }
        var errors = await join.SaveAsync(Forum, null, room, found.Name, MeetingUrl, Passcode, User, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                Errors[$"{field}-{room}"] = message;
            }
            FailedRoom = room;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        return Redirect(RegistrationLinks.Online(Forum.Slug));
    }

    private async Task<IActionResult> ShowAsync()
    {
        Links = await Db.JoinLinks.Where(l => l.ForumId == Forum.Id && l.RoomId != null).ToDictionaryAsync(l => l.RoomId!.Value, HttpContext.RequestAborted);
        return Page();
    }
}
