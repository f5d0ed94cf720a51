using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Schedule;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Programme;

/// <summary>The released timetable of one day as a table: rooms as columns, start times as rows. Plain HTML, no script.</summary>
[AllowAnonymous]
public sealed class GridModel(PlenaryDb db, TimeProvider clock) : ForumPageModel(db)
{
    public DateOnly Day { get; private set; }
    public ForumClock Clock { get; private set; } = null!;
    public List<TimetableSlot> Slots { get; private set; } = [];
    public string? DayError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string? day)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        Clock = ForumClock.For(Forum.TimeZoneId);
        var today = Clock.Day(clock.GetUtcNow().UtcDateTime);
        Day = today >= Forum.FirstDay && today <= Forum.LastDay ? today : Forum.FirstDay;
        if (!string.IsNullOrWhiteSpace(day))
        {
            if (DateOnly.TryParseExact(day.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) && asked >= Forum.FirstDay && asked <= Forum.LastDay)
            {
                Day = asked;
            }
            else
            {
                DayError = day.Length > 20 ? day[..20] + "…" : day;
                this.ShowRefusalInPlace();
            }
        }
        var timetable = await Schedule.ExportedTimetable.LoadAsync(Db, Forum, "", cancel: HttpContext.RequestAborted);
        Slots = timetable.Slots.Where(s => Clock.Day(s.StartsAt) == Day).ToList();
        return Page();
    }
}
