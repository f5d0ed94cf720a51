using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Rooms;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Manage;

/// <summary>The Secretariat's list of rooms: add, change and remove, each change audited and public at once.</summary>
public sealed class RoomsModel(PlenaryDb db, IAuthorizationService authorization, IOutputCacheStore cache, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db, authorization)
{
    public const int MaxCapacity = 100_000;

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
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        if (edit is { } id && Forum.Rooms.FirstOrDefault(r => r.Id == id) is { } room)
        {
            (Id, Name, Layout, Capacity, HasOnlineEquipment) = (room.Id, room.Name, room.Layout, room.Capacity, room.HasOnlineEquipment);
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        Name = Name?.Trim();
        var existing = Id == 0 ? null : Forum.Rooms.FirstOrDefault(r => r.Id == Id);
        if (Id != 0 && existing is null)
        {
            return NotFound();
        }
        if (string.IsNullOrEmpty(Name) || Name.Length > 120)
        {
            Errors["name"] = L["Give the room a name of at most {0} characters.", 120];
        }
        else if (Forum.Rooms.Any(r => r.Id != Id && string.Equals(r.Name, Name, StringComparison.OrdinalIgnoreCase)))
        {
            Errors["name"] = L["This forum already has a room called “{0}”.", Name];
        }
        // A layout that is not one of ours fails binding and would otherwise fall back to the default silently.
        if (!Enum.IsDefined(Layout) || ModelState.GetFieldValidationState(nameof(Layout)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            Errors["layout"] = L["Choose a layout from the list."];
        }
        if (Capacity is not (>= 1 and <= MaxCapacity))
        {
            Errors["capacity"] = L["Enter the number of seats, from 1 to {0}.", MaxCapacity];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }

        var after = new { Name, Layout = Layout.ToString(), Capacity, HasOnlineEquipment };
        if (existing is null)
        {
            Db.Rooms.Add(new Room { ForumId = Forum.Id, Name = Name!, Layout = Layout, Capacity = Capacity!.Value, HasOnlineEquipment = HasOnlineEquipment, Position = Forum.Rooms.Count + 1 });
            Db.Record(User, clock, Forum.Id, "room.add", Name!, null, after);
        }
        else
        {
            var before = new { existing.Name, Layout = existing.Layout.ToString(), existing.Capacity, existing.HasOnlineEquipment };
            await Db.Rooms.Where(r => r.Id == existing.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Name, Name!).SetProperty(r => r.Layout, Layout)
                .SetProperty(r => r.Capacity, Capacity!.Value).SetProperty(r => r.HasOnlineEquipment, HasOnlineEquipment), HttpContext.RequestAborted);
            Db.Record(User, clock, Forum.Id, "room.change", Name!, before, after);
        }
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, HttpContext.RequestAborted);
        return Redirect($"/{Forum.Slug}/manage/rooms");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, int room)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        if (Forum.Rooms.FirstOrDefault(r => r.Id == room) is not { } found)
        {
            return NotFound();
        }
        var sessions = await Db.Sessions.CountAsync(s => s.RoomId == room, HttpContext.RequestAborted);
        if (sessions > 0)
        {
            // Removing it would silently unschedule sessions; the Secretariat moves them first.
            Errors[""] = L["“{0}” still holds {1} sessions. Move them to other rooms before removing it.", found.Name, sessions];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync();
        }
        await Db.Rooms.Where(r => r.Id == room).ExecuteDeleteAsync(HttpContext.RequestAborted);
        Db.Record(User, clock, Forum.Id, "room.remove", found.Name, new { found.Name, Layout = found.Layout.ToString(), found.Capacity, found.HasOnlineEquipment }, null);
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, HttpContext.RequestAborted);
        return Redirect($"/{Forum.Slug}/manage/rooms");
    }

    private async Task<IActionResult> ShowAsync()
    {
        Rooms = await Db.Rooms.Where(r => r.ForumId == Forum.Id).OrderBy(r => r.Position).ThenBy(r => r.Name).ToListAsync(HttpContext.RequestAborted);
        SessionsPerRoom = await Db.Sessions.Where(s => s.ForumId == Forum.Id && s.RoomId != null).GroupBy(s => s.RoomId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, HttpContext.RequestAborted);
        return Page();
    }
}
