using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Schedule;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Programme;

/// <summary>What is on now and next in each room, by the released timetable and the forum's clock.</summary>
[AllowAnonymous]
public sealed class NowModel(PlenaryDb db, TimeProvider clock) : ForumPageModel(db)
{
    public sealed record RoomNow(Rooms.Room Room, TimetableSlot? Now, TimetableSlot? Next);

    public DateTime At { get; private set; }
    public ForumClock Clock { get; private set; } = null!;
    public bool DuringForum { get; private set; }
    public bool Over { get; private set; }
    public List<RoomNow> Rooms { get; private set; } = [];

    /// <summary>The first session of the forum, for the message outside its days.</summary>
    public TimetableSlot? First { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        Clock = ForumClock.For(Forum.TimeZoneId);
        At = clock.GetUtcNow().UtcDateTime;
        var today = Clock.Day(At);
        DuringForum = today >= Forum.FirstDay && today <= Forum.LastDay;
        Over = today > Forum.LastDay;
        var slots = (await Schedule.ExportedTimetable.LoadAsync(Db, Forum, "", cancel: HttpContext.RequestAborted)).Slots
            .Where(s => s.Status == SessionStatus.Scheduled).ToList();
        First = slots.FirstOrDefault();
        if (DuringForum)
        {
            Rooms = Forum.Rooms.OrderBy(r => r.Position).ThenBy(r => r.Name)
                .Select(r => new RoomNow(r,
                    slots.FirstOrDefault(s => s.RoomId == r.Id && s.StartsAt <= At && At < s.EndsAt),
                    slots.FirstOrDefault(s => s.RoomId == r.Id && s.StartsAt > At && Clock.Day(s.StartsAt) == today)))
                .Where(r => r.Now is not null || r.Next is not null)
                .ToList();
        }
        return Page();
    }
}
