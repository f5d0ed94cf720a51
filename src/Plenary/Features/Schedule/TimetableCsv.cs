using System.Globalization;
using System.Text;
using Plenary.Features.Sessions;

namespace Plenary.Features.Schedule;

/// <summary>
/// The timetable as CSV (RFC 4180) for spreadsheets: UTF-8 with a byte-order mark, which Excel needs to read
/// accents right. Column names stay in English whatever the page language, so scripts can rely on them.
/// </summary>
public static class TimetableCsv
{
    public const string MediaType = "text/csv; charset=utf-8";

    private static readonly string[] Header =
        ["Session", "Title", "Type", "Subtheme", "Date", "Start", "End", "Starts (ISO 8601)", "Ends (ISO 8601)", "Time zone", "Room", "Status", "People", "URL", "SDGs"];

    /// <summary>After the SDGs, a column per framework the forum uses (and none for one it does not), its codes like the SDGs': "1;3", "C3;C5".</summary>
    public static string ColumnOf(Frameworks.Framework framework) => framework == Frameworks.Framework.Gdc ? "GDC objectives" : "WSIS action lines";

    public static byte[] Write(ExportedTimetable t)
    {
        var csv = new StringBuilder();
        var frameworks = t.Forum.UsedFrameworks.ToList();
        Line(csv, [.. Header, .. frameworks.Select(ColumnOf)]);
        foreach (var slot in t.Slots)
        {
            var (start, end) = (t.Local(slot.StartsAt), t.Local(slot.EndsAt));
            Line(csv, [
                slot.NumberedName, slot.Title, slot.TypeName, slot.SubthemeName ?? "",
                start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start.ToString("HH:mm", CultureInfo.InvariantCulture), end.ToString("HH:mm", CultureInfo.InvariantCulture),
                C3vocSchedule.DateTime(start), C3vocSchedule.DateTime(end), t.Forum.TimeZoneId, slot.RoomName,
                slot.Status == SessionStatus.Cancelled ? "Cancelled" : "Scheduled",
                string.Join("; ", slot.People.Select(slot.Listed)), t.SessionUrl(slot),
                string.Join(';', slot.Sdgs.Select(g => g.ToString(CultureInfo.InvariantCulture))),
                .. frameworks.Select(slot.Codes),
            ]);
        }
        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>
    /// A cell as a spreadsheet will read it: one it would take for a formula starts with an apostrophe instead (the
    /// workspace's CSV rule), so a session title cannot run code.
    /// </summary>
    public static string Cell(string value)
    {
        value = Manage.CsvFiles.Neutralise(value);
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static void Line(StringBuilder csv, IEnumerable<string> cells) =>
        csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
}
