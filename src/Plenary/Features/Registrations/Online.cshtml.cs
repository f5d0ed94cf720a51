using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;
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
        var saved = await join.SaveAsync(Forum, null, room, found.Name, MeetingUrl, Passcode, User, HttpContext.RequestAborted);
        if (!saved.IsDone)
        {
            // Each room has its own form on the page: the ids carry the room.
            var reasons = new Refusal().WithStatus(saved.Reasons.Status);
            foreach (var (field, message) in saved.Reasons.FirstPerField())
            {
                reasons.Add($"{field}-{room}", message);
            }
            this.ShowRefusal(reasons, Errors);
            FailedRoom = room;
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
