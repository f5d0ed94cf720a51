using Plenary.Features.Sessions;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Schedule;

/// <summary>
/// The timetable as an iCalendar feed (RFC 5545), one VEVENT per placed session.
/// Times are written in UTC ("Z") rather than as forum-local times with a VTIMEZONE: every calendar app reads UTC
/// the same way and shows it in the reader's own zone, while local times with TZID depend on each app matching
/// the zone definition, and cannot name the second 02:30 of a night when clocks go back (RFC 5545 makes such a
/// time mean its first occurrence). No X-WR-TIMEZONE either: some apps apply it to times it should not touch.
/// Each description names the forum's local time and zone for the reader.
/// </summary>
public static class CalendarEvent
{
    public const string MediaType = "text/calendar; charset=utf-8";

    /// <summary>Stable across exports and renames: the forum's slug and the session's key.</summary>
    public static string Uid(ExportedTimetable timetable, TimetableSlot slot) => $"{timetable.Forum.Slug}-{slot.Key}@plenary";

    public static string Write(ExportedTimetable timetable, string calendarName, DateTime now)
    {
        var ics = new ICalendarWriter()
            .Begin("VCALENDAR")
            .Raw("VERSION", "2.0")
            .Text("PRODID", "-//Plenary//Schedule//EN")
            .Raw("CALSCALE", "GREGORIAN")
            .Raw("METHOD", "PUBLISH")
            .Text("X-WR-CALNAME", calendarName)
            // Suggests how often subscribing apps look again (RFC 7986 and the older Microsoft name).
            .Raw("REFRESH-INTERVAL;VALUE=DURATION", "PT6H")
            .Raw("X-PUBLISHED-TTL", "PT6H");
        foreach (var slot in timetable.Slots)
        {
            var url = timetable.SessionUrl(slot);
            ics.Begin("VEVENT")
                .Text("UID", Uid(timetable, slot))
                .Utc("DTSTAMP", now)
                .Raw("SEQUENCE", slot.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Utc("DTSTART", slot.StartsAt)
                .Utc("DTEND", slot.EndsAt)
                .Text("SUMMARY", $"{slot.NumberedName}: {slot.Title}")
                .Text("DESCRIPTION", Description(timetable, slot, url))
                .Text("LOCATION", $"{slot.RoomName}, {timetable.Forum.Venue}")
                .Raw("URL", url)
                // A list: each value escaped, the separating commas not. The goals and framework items follow the type and
                // subtheme, so a calendar app can show or filter on "SDG 9" or "WSIS C5".
                .Raw("CATEGORIES", string.Join(',', new[] { slot.TypeName, slot.SubthemeName }.OfType<string>()
                    .Concat(timetable.Topics(slot).Select(topic => topic.Label)).Select(ICalendarWriter.Escape)))
                .Raw("STATUS", slot.Status == SessionStatus.Cancelled ? "CANCELLED" : "CONFIRMED")
                .Raw("TRANSP", "OPAQUE")
                .End("VEVENT");
        }
        return ics.End("VCALENDAR").ToString();
    }

    private static string Description(ExportedTimetable timetable, TimetableSlot slot, string url)
    {
        var lines = new List<string> { slot.NumberedName, $"{timetable.Clock.Time(slot.StartsAt)}–{timetable.Clock.Time(slot.EndsAt)} {timetable.Clock.ZoneName(slot.StartsAt)}" };
        if (slot.People.Count > 0)
        {
            lines.Add(string.Join(", ", slot.People.Select(slot.Listed)));
        }
        if (SafeMarkdown.ToPlainText(slot.Description) is { Length: > 0 } text)
        {
            lines.Add("");
            lines.Add(text.Trim());
        }
        lines.Add("");
        lines.Add(url);
        return string.Join('\n', lines);
    }
}
