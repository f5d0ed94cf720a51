using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Rooms;

/// <summary>A room as the Secretariat sends it from the workspace form or the API. The layout arrives as text so a wrong one is named.</summary>
public sealed class RoomForm
{
    public string? Name { get; set; }
    public string? Layout { get; set; }
    public int? Capacity { get; set; }
    public bool HasOnlineEquipment { get; set; }

    /// <summary>The forum whose rooms the name must differ from, and the room changed (0 for a new one).</summary>
    public sealed record In(Forum Forum, int Id);
}

public sealed class RoomFormValidator : AbstractValidator<RoomForm>
{
    public RoomFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Name == null ? "" : f.Name.Trim()).Field("name")
            .OnOneLine(L)
            .Must(name => name.Length is > 0 and <= RoomChange.MaxName).WithMessage(_ => L["Give the room a name of at most {0} characters.", RoomChange.MaxName])
            .Must((_, name, context) => context.Scope<RoomForm.In>() is var scope
                && !scope.Forum.Rooms.Any(r => r.Id != scope.Id && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
            .WithMessage((_, name) => L["This forum already has a room called “{0}”.", name]);
        RuleFor(f => f.Layout).Field("layout").OneOf<RoomForm, RoomLayout>().WithMessage(_ => L["Choose a layout from the list."]);
        RuleFor(f => f.Capacity).Field("capacity").Must(c => c is >= 1 and <= RoomChange.MaxCapacity)
            .WithMessage(_ => L["Enter the number of seats, from 1 to {0}.", RoomChange.MaxCapacity]);
    }
}

public static class RoomEditing
{
    public static WebApplicationBuilder AddRoomEditing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RoomChange>();
        return builder;
    }
}

/// <summary>Adds, changes and removes rooms with one set of rules for pages and API; every change audited and public at once.</summary>
public sealed class RoomChange(PlenaryDb db, IValidator<RoomForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const int MaxCapacity = 100_000;
    public const int MaxName = Room.MaxName;

    /// <summary>Adds a room (<paramref name="id"/> 0) or changes one; the saved room, or why not by field.</summary>
    public async Task<ChangeResult<Room>> SaveAsync(Forum forum, int id, RoomForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        var existing = id == 0 ? null : forum.Rooms.FirstOrDefault(r => r.Id == id);
        if (await validator.CheckAsync(form, new RoomForm.In(forum, id), cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var name = form.Name!.Trim();
        var layout = Enum.Parse<RoomLayout>(form.Layout!);
        var after = new { Name = name, Layout = layout.ToString(), form.Capacity, form.HasOnlineEquipment };
        Room room;
        if (existing is null)
        {
            room = db.Rooms.Add(new Room { ForumId = forum.Id, Name = name!, Layout = layout, Capacity = form.Capacity!.Value, HasOnlineEquipment = form.HasOnlineEquipment, Position = forum.Rooms.Count + 1 }).Entity;
            db.Record(user, clock, forum.Id, "room.add", name!, null, after);
        }
        else
        {
            var before = Describe(existing);
            room = db.Rooms.Attach(new Room { Id = existing.Id, ForumId = forum.Id, Name = existing.Name, Position = existing.Position }).Entity;
            (room.Name, room.Layout, room.Capacity, room.HasOnlineEquipment) = (name!, layout, form.Capacity!.Value, form.HasOnlineEquipment);
            db.Entry(room).State = EntityState.Modified;
            db.Record(user, clock, forum.Id, "room.change", name!, before, after);
        }
        await db.SaveChangesAsync(cancel);
        return ChangeResult<Room>.Done(room);
    }

    /// <summary>Removes a room; null when done, else why not (it still holds sessions, which would silently lose their place).</summary>
    public async Task<string?> RemoveAsync(Forum forum, Room room, ClaimsPrincipal user, CancellationToken cancel)
    {
        var sessions = await db.Sessions.CountAsync(s => s.RoomId == room.Id, cancel);
        if (sessions > 0)
        {
            return L["“{0}” still holds {1} sessions. Move them to other rooms before removing it.", room.Name, sessions];
        }
        // The removal and its audit entry land together, or neither does.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await db.Rooms.Where(r => r.Id == room.Id).ExecuteDeleteAsync(cancel);
        db.Record(user, clock, forum.Id, "room.remove", room.Name, Describe(room), null);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return null;
    }

    private static object Describe(Room r) => new { r.Name, Layout = r.Layout.ToString(), r.Capacity, r.HasOnlineEquipment };
}
