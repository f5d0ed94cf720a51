using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Rooms;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>The Secretariat's list of rooms: add, change and remove, each change audited and public at once.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class RoomsModel(PlenaryDb db, RoomChange change) : ManagePageModel(db)
{
    public const int MaxCapacity = RoomChange.MaxCapacity;

    /// <summary>The room being added (Id 0) or changed.</summary>
    [BindProperty] public int Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public RoomLayout Layout { get; set; } = RoomLayout.Theater;
    [BindProperty] public int? Capacity { get; set; }
    [BindProperty] public bool HasOnlineEquipment { get; set; }

    public List<Room> Rooms { get; private set; } = [];
    public Dictionary<int, int> SessionsPerRoom { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum, int? edit)
    {
        if (edit is { } id && Forum.Rooms.FirstOrDefault(r => r.Id == id) is { } room)
        {
            (Id, Name, Layout, Capacity, HasOnlineEquipment) = (room.Id, room.Name, room.Layout, room.Capacity, room.HasOnlineEquipment);
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum)
    {
        if (Id != 0 && Forum.Rooms.All(r => r.Id != Id))
        {
            return NotFound();
        }
        // A layout that is not one of ours fails binding and would otherwise fall back to the default silently.
        var layout = ModelState.GetFieldValidationState(nameof(Layout)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            ? Request.Form[nameof(Layout)].ToString() : Layout.ToString();
        var saved = await change.SaveAsync(Forum, Id, new RoomForm { Name = Name, Layout = layout, Capacity = Capacity, HasOnlineEquipment = HasOnlineEquipment },
            User, HttpContext.RequestAborted);
        if (!saved.IsDone)
        {
            this.ShowRefusal(saved.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(ManageLinks.Rooms(Forum.Slug));
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, int room)
    {
        if (Forum.Rooms.FirstOrDefault(r => r.Id == room) is not { } found)
        {
            return NotFound();
        }
        if (await change.RemoveAsync(Forum, found, User, HttpContext.RequestAborted) is { } refused)
        {
            this.ShowRefusal(Refusal.Of("", refused).WithStatus(StatusCodes.Status409Conflict), Errors);
            return await ShowAsync();
        }
        return Redirect(ManageLinks.Rooms(Forum.Slug));
    }

    private async Task<IActionResult> ShowAsync()
    {
        Rooms = await Db.Rooms.Where(r => r.ForumId == Forum.Id).OrderBy(r => r.Position).ThenBy(r => r.Name).ToListAsync(HttpContext.RequestAborted);
        SessionsPerRoom = await Db.Sessions.Where(s => s.ForumId == Forum.Id && s.RoomId != null).GroupBy(s => s.RoomId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, HttpContext.RequestAborted);
        return Page();
    }
}
