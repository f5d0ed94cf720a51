using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Timetable;

/// <summary>
/// Room availability, people's stated availability and online speakers' time zones, edited by the Secretariat as one line
/// per window ("Room | 2022-11-29 | 09:00-13:00", "person id | day | from-to", "person id | Zone/Name").
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class AvailabilityModel(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L)
    : ManagePageModel(db)
{
    [BindProperty] public string? RoomLines { get; set; }
    [BindProperty] public string? PersonLines { get; set; }
    [BindProperty] public string? ZoneLines { get; set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, bool saved)
    {
        var cancel = HttpContext.RequestAborted;
        var rooms = Forum.Rooms.ToDictionary(r => r.Id, r => r.Name);
        var roomIds = rooms.Keys.ToList();
        RoomLines = string.Join("\n", (await Db.RoomAvailabilities.Where(a => roomIds.Contains(a.RoomId)).ToListAsync(cancel))
            .OrderBy(a => rooms[a.RoomId]).ThenBy(a => a.Day).ThenBy(a => a.StartMinutes).Select(a => $"{rooms[a.RoomId]} | {Day(a.Day)} | {Window(a.StartMinutes, a.EndMinutes)}"));
        PersonLines = string.Join("\n", (await Db.PersonAvailabilities.Where(a => a.ForumId == Forum.Id).OrderBy(a => a.PersonId).ThenBy(a => a.Day).ThenBy(a => a.StartMinutes).ToListAsync(cancel))
            .Select(a => $"{a.PersonId} | {Day(a.Day)} | {Window(a.StartMinutes, a.EndMinutes)}"));
        ZoneLines = string.Join("\n", (await ForumPeople().Where(p => p.TimeZoneId != null).OrderBy(p => p.Id).Select(p => new { p.Id, p.TimeZoneId }).ToListAsync(cancel))
            .Select(p => $"{p.Id} | {p.TimeZoneId}"));
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum)
    {
        if (!Request.HasFormContentType || !Request.Form.ContainsKey(nameof(RoomLines)) || !Request.Form.ContainsKey(nameof(PersonLines)) || !Request.Form.ContainsKey(nameof(ZoneLines)))
        {
            // Saving replaces every window: a form without the three lists would wipe them, so it is refused.
            this.ShowRefusal(Refusal.Of("", L["Send the three lists (rooms, people, time zones), even when empty."]), Errors);
            return Page();
        }
        var cancel = HttpContext.RequestAborted;
        var roomsByName = Forum.Rooms.ToDictionary(r => r.Name, r => r.Id, StringComparer.OrdinalIgnoreCase);
        var personIds = (await ForumPeople().Select(p => p.Id).ToListAsync(cancel)).ToHashSet();
        // Each list is read to its first wrong line, which is named beside the list.
        var refusal = new Refusal();
        var roomWindows = new List<RoomAvailability>();
        foreach (var (line, number) in Lines(RoomLines))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length != 3 || !roomsByName.TryGetValue(cells[0], out var roomId))
            {
                refusal.Add("rooms", L["Room availability, line {0}: write a room of the forum, a day and a time range, such as “Room 1 | 2022-11-29 | 09:00-13:00”.", number]);
                break;
            }
            if (DayAndWindow(cells[1], cells[2], refusal, "rooms", number) is not { } w)
            {
                break;
            }
            roomWindows.Add(new RoomAvailability { RoomId = roomId, Day = w.Day, StartMinutes = w.Start, EndMinutes = w.End });
        }
        var personWindows = new List<PersonAvailability>();
        foreach (var (line, number) in Lines(PersonLines))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length != 3 || !int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out var personId) || !personIds.Contains(personId))
            {
                refusal.Add("people", L["People's availability, line {0}: write the number of a person on the forum's sessions, a day and a time range, such as “42 | 2022-11-29 | 09:00-13:00”.", number]);
                break;
            }
            if (DayAndWindow(cells[1], cells[2], refusal, "people", number) is not { } w)
            {
                break;
            }
            personWindows.Add(new PersonAvailability { ForumId = Forum.Id, PersonId = personId, Day = w.Day, StartMinutes = w.Start, EndMinutes = w.End });
        }
        var zones = new Dictionary<int, string>();
        foreach (var (line, number) in Lines(ZoneLines))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length != 2 || !int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out var personId) || !personIds.Contains(personId))
            {
                refusal.Add("zones", L["Time zones, line {0}: write the number of a person on the forum's sessions and a time zone, such as “42 | America/Bogota”.", number]);
                break;
            }
            if (!ForumClock.Exists(cells[1]))
            {
                refusal.Add("zones", L["Time zones, line {0}: “{1}” is not a time zone. Use a name from the time zone database, such as Europe/Paris.", number, cells[1].Length > 40 ? cells[1][..40] : cells[1]]);
                break;
            }
            zones[personId] = cells[1];
        }
        if (!refusal.IsEmpty)
        {
            this.ShowRefusal(refusal, Errors);
            return Page();
        }
        var roomIds = Forum.Rooms.Select(r => r.Id).ToList();
        Db.RoomAvailabilities.RemoveRange(await Db.RoomAvailabilities.AsTracking().Where(a => roomIds.Contains(a.RoomId)).ToListAsync(cancel));
        Db.PersonAvailabilities.RemoveRange(await Db.PersonAvailabilities.AsTracking().Where(a => a.ForumId == Forum.Id).ToListAsync(cancel));
        Db.RoomAvailabilities.AddRange(roomWindows);
        Db.PersonAvailabilities.AddRange(personWindows);
        foreach (var person in await ForumPeople().AsTracking().Where(p => p.TimeZoneId != null || zones.Keys.Contains(p.Id)).ToListAsync(cancel))
        {
            person.TimeZoneId = zones.GetValueOrDefault(person.Id);
        }
        Db.Record(User, clock, Forum.Id, "timetable.availability", Forum.Slug, null,
            new { Rooms = roomWindows.Count, People = personWindows.Count, Zones = zones.Count });
        await Db.SaveChangesAsync(cancel);
        return Redirect(TimetableLinks.Availability(Forum.Slug) + "?saved=true");
    }

    /// <summary>People on this forum's sessions: the Secretariat edits no one else.</summary>
    private IQueryable<People.Person> ForumPeople() =>
        Db.People.Where(p => Db.SessionRoles.Any(r => r.PersonId == p.Id && Db.Sessions.Any(s => s.Id == r.SessionId && s.ForumId == Forum.Id)));

    private (DateOnly Day, int Start, int End)? DayAndWindow(string day, string window, Refusal refusal, string field, int number)
    {
        var ends = window.Split('-', StringSplitOptions.TrimEntries);
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d < Forum.FirstDay || d > Forum.LastDay)
        {
            refusal.Add(field, L["Line {0}: “{1}” is not a day of the forum; write it as yyyy-MM-dd, from {2} to {3}.", number, day.Length > 20 ? day[..20] : day, Day(Forum.FirstDay), Day(Forum.LastDay)]);
            return null;
        }
        if (ends.Length != 2 || SettingsModel.Parse(ends[0]) is not { } from || SettingsModel.Parse(ends[1]) is not { } to || to <= from)
        {
            refusal.Add(field, L["Line {0}: write the time range as HH:MM-HH:MM, for example 09:00-13:00.", number]);
            return null;
        }
        return (d, from, to);
    }

    private static IEnumerable<(string Line, int Number)> Lines(string? text) =>
        (text ?? "").Split('\n').Select((l, i) => (Line: l.Trim(), Number: i + 1)).Where(x => x.Line.Length > 0);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Window(int start, int end) => $"{IndexModel.Time(start)}-{IndexModel.Time(end)}";
}
