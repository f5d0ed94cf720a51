using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Schedule;

/// <summary>
/// The timetable in the c3voc schedule formats (https://c3voc.de/wiki/schedule) that conference apps such as Giggity,
/// EventFahrplan and info-beamer read: <c>schedule.xml</c> and <c>schedule.json</c>, filled the way pretalx fills them.
/// Times are the forum's wall-clock times with the offset in force at each instant, so a session across a
/// daylight-saving change starts at "02:00+02:00" and ends at "04:00+01:00", three hours later.
/// </summary>
public static partial class C3vocSchedule
{
    /// <summary>RFC 4122's namespace for URLs, from which every guid here is derived (UUID version 5).</summary>
    public static readonly Guid UrlNamespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    public static string Acronym(ExportedTimetable t)
    {
        var acronym = NotAcronym().Replace(t.Forum.Slug.ToLowerInvariant(), "_");
        return acronym.PadRight(4, '_');
    }

    /// <summary>Stable for a forum and session key, whatever the host name, so apps keep a person's favourites across updates.</summary>
    public static Guid SessionGuid(ExportedTimetable t, TimetableSlot slot) => Uuid5(UrlNamespace, $"plenary:{t.Forum.Slug}/sessions/{slot.Key}");

    public static Guid RoomGuid(ExportedTimetable t, int roomId) => Uuid5(UrlNamespace, $"plenary:{t.Forum.Slug}/rooms/{roomId.ToString(CultureInfo.InvariantCulture)}");

    public static Guid PersonGuid(int personId) => Uuid5(UrlNamespace, $"plenary:people/{personId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>"igf2022-of-56-our-digital-future": the acronym, the key, and the title in URL letters.</summary>
    public static string Slug(ExportedTimetable t, TimetableSlot slot)
    {
        var title = SlugText(slot.Title);
        var rest = title.Length > 0 ? $"{slot.Key}-{title}" : slot.Key;
        // The XML schema wants four characters after the acronym's dash.
        return $"{Acronym(t)}-{(rest.Length >= 4 ? rest : rest + "-session")}";
    }

    /// <summary>Changes whenever a session is added, moved, changed or cancelled; releases will give it a name.</summary>
    public static string Version(ExportedTimetable t)
    {
        var state = string.Join(';', t.Slots.Select(s => $"{s.Id}:{s.Sequence}:{s.Status}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)))[..12];
    }

    public sealed record Day(int Index, DateOnly Date, DateTimeOffset Start, DateTimeOffset End, List<TimetableSlot> Slots);

    /// <summary>The forum's days (and any day a session sits on outside them), each with its sessions.</summary>
    public static List<Day> Days(ExportedTimetable t)
    {
        var byDay = t.Slots.GroupBy(s => t.Clock.Day(s.StartsAt)).ToDictionary(g => g.Key, g => g.ToList());
        return t.Forum.Days().Union(byDay.Keys).Order()
            .Select((date, i) =>
            {
                var (start, end) = t.Clock.DayBounds(date);
                return new Day(i + 1, date, t.Local(start), t.Local(end), byDay.GetValueOrDefault(date) ?? []);
            })
            .ToList();
    }

    public static string Language(ExportedTimetable t) => t.Forum.Languages.FirstOrDefault() ?? "en";

    public static string Title(TimetableSlot slot) => slot.Status == SessionStatus.Cancelled ? $"Cancelled: {slot.Title}" : slot.Title;

    public static string Abstract(TimetableSlot slot) => SafeMarkdown.ToPlainText(slot.Description).Trim();

    public static string DateTime(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Duration(TimetableSlot slot)
    {
        // Elapsed time, not the difference of wall-clock times: 02:00 to 04:00 on the night clocks go back is three hours.
        var length = slot.EndsAt - slot.StartsAt;
        return $"{(int)length.TotalHours:00}:{length.Minutes:00}";
    }

    /// <summary>The zone name where the JSON schema's pattern accepts it; it is optional, and apps fall back to the offsets.</summary>
    private static string? ZoneName(ExportedTimetable t) => ZonePattern().IsMatch(t.Forum.TimeZoneId) ? t.Forum.TimeZoneId : null;

    public static string Xml(ExportedTimetable t, string selfUrl)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var stream = new MemoryStream();
        using (var x = XmlWriter.Create(stream, settings))
        {
            x.WriteStartDocument();
            x.WriteStartElement("schedule");
            x.WriteStartElement("generator");
            x.WriteAttributeString("name", "Plenary");
            x.WriteEndElement();
            x.WriteElementString("url", selfUrl);
            x.WriteElementString("version", Version(t));
            var days = Days(t);
            x.WriteStartElement("conference");
            x.WriteElementString("acronym", Acronym(t));
            x.WriteElementString("title", t.Forum.Name);
            x.WriteElementString("start", t.Forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            x.WriteElementString("end", t.Forum.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            x.WriteElementString("days", days.Count.ToString(CultureInfo.InvariantCulture));
            x.WriteElementString("timeslot_duration", "00:05");
            x.WriteElementString("base_url", t.ForumUrl + "/");
            x.WriteElementString("url", t.ForumUrl);
            x.WriteElementString("time_zone_name", t.Forum.TimeZoneId);
            foreach (var subtheme in t.Forum.Subthemes)
            {
                x.WriteStartElement("track");
                x.WriteAttributeString("name", subtheme.Name);
                x.WriteEndElement();
            }
            x.WriteEndElement();
            foreach (var day in days)
            {
                x.WriteStartElement("day");
                x.WriteAttributeString("index", day.Index.ToString(CultureInfo.InvariantCulture));
                x.WriteAttributeString("date", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                x.WriteAttributeString("start", DateTime(day.Start));
                x.WriteAttributeString("end", DateTime(day.End));
                foreach (var room in t.Forum.Rooms)
                {
                    x.WriteStartElement("room");
                    x.WriteAttributeString("name", room.Name);
                    x.WriteAttributeString("guid", RoomGuid(t, room.Id).ToString());
                    foreach (var slot in day.Slots.Where(s => s.RoomId == room.Id))
                    {
                        WriteEvent(x, t, slot);
                    }
                    x.WriteEndElement();
                }
                x.WriteEndElement();
            }
            x.WriteEndElement();
            x.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteEvent(XmlWriter x, ExportedTimetable t, TimetableSlot slot)
    {
        var start = t.Local(slot.StartsAt);
        x.WriteStartElement("event");
        x.WriteAttributeString("guid", SessionGuid(t, slot).ToString());
        x.WriteAttributeString("id", slot.Id.ToString(CultureInfo.InvariantCulture));
        x.WriteElementString("date", DateTime(start));
        x.WriteElementString("start", start.ToString("HH:mm", CultureInfo.InvariantCulture));
        x.WriteElementString("duration", Duration(slot));
        x.WriteElementString("room", slot.RoomName);
        x.WriteElementString("slug", Slug(t, slot));
        x.WriteElementString("url", t.SessionUrl(slot));
        x.WriteElementString("title", Title(slot));
        x.WriteElementString("subtitle", slot.NumberedName);
        x.WriteElementString("track", slot.SubthemeName ?? "");
        x.WriteElementString("type", slot.TypeName);
        x.WriteElementString("language", Language(t));
        x.WriteElementString("abstract", Abstract(slot));
        x.WriteStartElement("persons");
        foreach (var (id, name) in slot.People)
        {
            x.WriteStartElement("person");
            x.WriteAttributeString("id", id.ToString(CultureInfo.InvariantCulture));
            x.WriteAttributeString("guid", PersonGuid(id).ToString());
            x.WriteString(name);
            x.WriteEndElement();
        }
        x.WriteEndElement();
        x.WriteStartElement("links");
        foreach (var (label, url) in t.Topics(slot))
        {
            x.WriteStartElement("link");
            x.WriteAttributeString("href", url);
            x.WriteAttributeString("type", "related");
            x.WriteString(label);
            x.WriteEndElement();
        }
        x.WriteEndElement();
        x.WriteEndElement();
    }

    public static string Json(ExportedTimetable t, string selfUrl)
    {
        var days = Days(t);
        var conference = new JsonObject
        {
            ["acronym"] = Acronym(t),
            ["title"] = t.Forum.Name,
            ["start"] = t.Forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["end"] = t.Forum.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["daysCount"] = days.Count,
            ["timeslot_duration"] = "00:05",
            ["url"] = t.ForumUrl,
        };
        if (ZoneName(t) is { } zone)
        {
            conference["time_zone_name"] = zone;
        }
        conference["tracks"] = new JsonArray(t.Forum.Subthemes.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name }).ToArray());
        conference["rooms"] = new JsonArray(t.Forum.Rooms.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name, ["guid"] = RoomGuid(t, r.Id).ToString(), ["capacity"] = r.Capacity, ["url"] = t.BaseUrl + RoomLinks.Room(t.Forum.Slug, r.Id),
        }).ToArray());
        conference["days"] = new JsonArray(days.Select(day =>
        {
            var rooms = new JsonObject();
            foreach (var room in t.Forum.Rooms)
            {
                rooms[room.Name] = new JsonArray(day.Slots.Where(s => s.RoomId == room.Id).Select(s => (JsonNode)Event(t, s)).ToArray());
            }
            return (JsonNode)new JsonObject
            {
                ["index"] = day.Index,
                ["date"] = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["day_start"] = DateTime(day.Start),
                ["day_end"] = DateTime(day.End),
                ["rooms"] = rooms,
            };
        }).ToArray());
        var document = new JsonObject
        {
            ["$schema"] = "https://c3voc.de/schedule/schema.json",
            ["generator"] = new JsonObject { ["name"] = "Plenary" },
            ["schedule"] = new JsonObject
            {
                ["url"] = selfUrl,
                ["version"] = Version(t),
                ["base_url"] = t.ForumUrl + "/",
                ["conference"] = conference,
            },
        };
        return document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonObject Event(ExportedTimetable t, TimetableSlot slot)
    {
        var start = t.Local(slot.StartsAt);
        return new JsonObject
        {
            ["guid"] = SessionGuid(t, slot).ToString(),
            ["id"] = slot.Id,
            ["date"] = DateTime(start),
            ["start"] = start.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["end"] = DateTime(t.Local(slot.EndsAt)),
            ["duration"] = Duration(slot),
            ["room"] = slot.RoomName,
            ["slug"] = Slug(t, slot),
            ["url"] = t.SessionUrl(slot),
            ["title"] = Title(slot),
            ["subtitle"] = slot.NumberedName,
            ["track"] = slot.SubthemeName,
            ["type"] = slot.TypeName,
            ["language"] = Language(t),
            ["abstract"] = Abstract(slot),
            // Public names only, in the pretalx shape (name), plus the older frab name apps still read.
            ["persons"] = new JsonArray(slot.People.Select(p => (JsonNode)new JsonObject
            {
                ["guid"] = PersonGuid(p.Id).ToString(), ["name"] = p.Name, ["public_name"] = p.Name, ["url"] = t.BaseUrl + PeopleLinks.Person(p.Id),
            }).ToArray()),
            ["links"] = Links(t, slot),
        };
    }

    /// <summary>
    /// The session's goals, Compact objectives and WSIS action lines, as links to their pages in the forum: an event of
    /// the c3voc formats has no field for topics or tags (both schemas close it to any other), and a related link is
    /// what apps show beside a talk.
    /// </summary>
    private static JsonArray Links(ExportedTimetable t, TimetableSlot slot) =>
        new(t.Topics(slot).Select(topic => (JsonNode)new JsonObject { ["type"] = "related", ["url"] = topic.Url, ["title"] = topic.Label }).ToArray());

    private static string SlugText(string title)
    {
        var letters = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            letters.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }
        var slug = Dashes().Replace(letters.ToString(), "-").Trim('-');
        return slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }

    /// <summary>A name-based UUID, version 5 (RFC 9562 §5.5): SHA-1 of the namespace and the name.</summary>
    public static Guid Uuid5(Guid ns, string name)
    {
        var bytes = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        ns.TryWriteBytes(bytes, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(16));
        var hash = SHA1.HashData(bytes);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NotAcronym();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();

    [GeneratedRegex("^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")]
    private static partial Regex ZonePattern();
}
