using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Frameworks;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Schedule;

/// <summary>A placed session as the exports publish it: public fields only, never an e-mail address or a private note.</summary>
public sealed record TimetableSlot
{
    public int Id { get; init; }
    public required string Key { get; init; }
    public required string NumberedName { get; init; }
    public required string Title { get; init; }
    public required string TypeName { get; init; }

    /// <summary>Markdown, as the organisers wrote it.</summary>
    public string? Description { get; init; }
    public string? SubthemeName { get; init; }
    public string? SubthemeSlug { get; init; }
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    public int RoomId { get; init; }
    public required string RoomName { get; init; }
    public SessionStatus Status { get; init; }
    public int Sequence { get; init; }

    /// <summary>Public names in the session's order: organisers, speakers and moderators (never their contact details).</summary>
    public required List<(int Id, string Name)> People { get; init; }

    /// <summary>Its Sustainable Development Goals by number, in order.</summary>
    public IReadOnlyList<int> Sdgs { get; init; } = [];

    /// <summary>Its Compact objectives, then its WSIS action lines, each in its framework's order; only of the frameworks the forum uses.</summary>
    public IReadOnlyList<(Framework Framework, string Code)> Frameworks { get; init; } = [];

    /// <summary>Its codes of one framework: "1;3" of the Compact, "C3;C5" of the action lines.</summary>
    public string Codes(Framework framework) => string.Join(';', Frameworks.Where(f => f.Framework == framework).Select(f => f.Code));

    /// <summary>The people listed as to be confirmed ("TBC") in every part they hold: the texts that list names say so.</summary>
    public IReadOnlySet<int> ToBeConfirmed { get; init; } = new HashSet<int>();

    /// <summary>A person's name as the texts that list them write it: "(TBC)" after one to be confirmed.</summary>
    public string Listed((int Id, string Name) person) => ToBeConfirmed.Contains(person.Id) ? $"{person.Name} (TBC)" : person.Name;
}

/// <summary>What every export is made from: the forum, its clock, where its pages live and its placed sessions in timetable order.</summary>
public sealed record ExportedTimetable(Forum Forum, ForumClock Clock, string BaseUrl, List<TimetableSlot> Slots)
{
    public string ForumUrl => BaseUrl + ForumLinks.Home(Forum.Slug);

    public string SessionUrl(TimetableSlot slot) => BaseUrl + SessionLinks.Page(Forum.Slug, slot.Key);

    /// <summary>
    /// The goals, objectives and action lines a session is linked to, as the exports label them ("SDG 9", "GDC 1",
    /// "WSIS C5": short, and the same in every language), each with its page in the forum listing the other sessions.
    /// </summary>
    public IEnumerable<(string Label, string Url)> Topics(TimetableSlot slot) =>
        slot.Sdgs.Select(g => ($"SDG {g.ToString(System.Globalization.CultureInfo.InvariantCulture)}", BaseUrl + SdgLinks.Goal(Forum.Slug, g)))
            .Concat(slot.Frameworks.Select(f => ($"{FrameworkCatalogue.SlugOf(f.Framework).ToUpperInvariant()} {f.Code}", BaseUrl + FrameworkLinks.Item(Forum.Slug, f.Framework, f.Code))));

    /// <summary>An instant as the forum's wall clock shows it, with the offset in force then (which changes across a daylight-saving change).</summary>
    public DateTimeOffset Local(DateTime utc) =>
        NodaTime.Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(NodaTime.DateTimeZoneProviders.Tzdb[Forum.TimeZoneId]).ToDateTimeOffset();

    /// <summary>
    /// The placed sessions of a forum (optionally of one room or one session) as last released. Sessions not yet in the
    /// released timetable are left out; cancelled ones stay, marked, so that calendars and apps drop them.
    /// </summary>
    public static async Task<ExportedTimetable> LoadAsync(PlenaryDb db, Forum forum, string baseUrl, int? roomId = null, int? sessionId = null, CancellationToken cancel = default)
    {
        // The public timetable is the latest release: sessions are filtered on their released placement, after reading.
        var published = await Releases.PublishedTimetable.LoadAsync(db, forum.Id, cancel);
        var sessions = db.Sessions.Where(s => s.ForumId == forum.Id);
        if (published.Release is null)
        {
            sessions = sessions.Where(s => s.StartsAt != null && s.EndsAt != null && s.RoomId != null);
        }
        if (sessionId is { } id)
        {
            sessions = sessions.Where(s => s.Id == id);
        }
        var rooms = forum.Rooms.ToDictionary(r => r.Id, r => r.Name);
        var rows = (await sessions
            .Select(s => new
            {
                s.Id, s.Type.Code, s.Type.Name, s.Type.NumberLabel, s.Number, s.HasNumber, s.Title, s.Description,
                Subtheme = s.Subtheme != null ? s.Subtheme.Name : null, SubthemeSlug = s.Subtheme != null ? s.Subtheme.Slug : null,
                s.StartsAt, s.EndsAt, s.RoomId, s.Status, s.ScheduleSequence,
                Sdgs = s.Sdgs.Select(g => g.Goal).ToList(),
                Frameworks = s.FrameworkLinks.Select(l => new { l.Framework, l.Code }).ToList(),
                People = s.Roles.Where(r => r.PersonId != null).OrderBy(r => r.Position).Select(r => new { r.Kind, r.PersonId, r.Person!.Name, r.ToBeConfirmed }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancel))
            .Select(s => (Row: s, Public: published.Of(s.Id, s.StartsAt, s.EndsAt, s.RoomId, s.Status, s.ScheduleSequence)))
            .Where(x => x.Public is { StartsAt: not null, EndsAt: not null, RoomId: { } r } && rooms.ContainsKey(r) && (roomId is null || r == roomId))
            .Select(x => new
            {
                x.Row.Id, x.Row.Code, x.Row.Name, x.Row.NumberLabel, x.Row.Number, x.Row.HasNumber, x.Row.Title, x.Row.Description, x.Row.Subtheme, x.Row.SubthemeSlug,
                x.Public!.Value.StartsAt, x.Public.Value.EndsAt, x.Public.Value.RoomId, Room = rooms[x.Public.Value.RoomId!.Value],
                x.Public.Value.Status, ScheduleSequence = x.Public.Value.Sequence, x.Row.People, x.Row.Sdgs, x.Row.Frameworks,
            })
            .ToList();

        var roomOrder = forum.Rooms.ToDictionary(r => r.Id, r => r.Position);
        var slots = rows
            .Select(s => new TimetableSlot
            {
                Id = s.Id, Key = SessionKey.Format(s.Code, s.Number), NumberedName = Session.NameOf(s.NumberLabel, s.Name, s.Number, s.HasNumber), Title = s.Title,
                TypeName = s.Name, Description = s.Description, SubthemeName = s.Subtheme, SubthemeSlug = s.SubthemeSlug,
                StartsAt = s.StartsAt!.Value, EndsAt = s.EndsAt!.Value, RoomId = s.RoomId!.Value, RoomName = s.Room,
                Status = s.Status, Sequence = s.ScheduleSequence,
                Sdgs = s.Sdgs.Order().ToList(),
                // A framework the forum has stopped using keeps its links in the database, but no page or export shows them.
                Frameworks = forum.UsedFrameworks
                    .SelectMany(f => FrameworkCatalogue.InOrder(f, s.Frameworks.Where(l => l.Framework == f).Select(l => l.Code)).Select(code => (f, code)))
                    .ToList(),
                // Organisers first, then the others in the session page's order.
                People = s.People.Where(p => CalendarSequence.Lists(p.Kind))
                    .OrderBy(p => SessionRoleHeadings.Rank(p.Kind))
                    .Select(p => (p.PersonId!.Value, p.Name)).DistinctBy(p => p.Value).ToList(),
                ToBeConfirmed = s.People.GroupBy(p => p.PersonId!.Value).Where(g => g.All(p => p.ToBeConfirmed)).Select(g => g.Key).ToHashSet(),
            })
            .OrderBy(s => s.StartsAt)
            .ThenBy(s => roomOrder.GetValueOrDefault(s.RoomId))
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
        return new ExportedTimetable(forum, ForumClock.For(forum.TimeZoneId), baseUrl.TrimEnd('/'), slots);
    }
}
