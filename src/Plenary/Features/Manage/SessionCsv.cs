using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Manage;

/// <summary>
/// sessions.csv: one session per row, found by type and number (updated) or new (created). Times are on the forum's
/// clock; people are named, or given by their key in the people.csv uploaded with it.
/// </summary>
public static class SessionCsv
{
    public const string FileName = "sessions.csv";

    public static readonly string[] Columns =
    [
        "type", "number", "title", "format", "layout", "length_minutes", "subtheme", "day", "start", "room", "description",
        "sdgs", "sdg_targets", "tags", "organisers", "speakers_onsite", "speakers_online", "moderator_onsite", "moderator_online", "rapporteur",
    ];

    /// <summary>The people columns, in the order their roles are numbered on the session.</summary>
    private static readonly (string Column, SessionRoleKind Kind, ParticipationMode Mode)[] RoleColumns =
    [
        ("organisers", SessionRoleKind.Organiser, ParticipationMode.Onsite),
        ("speakers_onsite", SessionRoleKind.Speaker, ParticipationMode.Onsite),
        ("speakers_online", SessionRoleKind.Speaker, ParticipationMode.Online),
        ("moderator_onsite", SessionRoleKind.OnsiteModerator, ParticipationMode.Onsite),
        ("moderator_online", SessionRoleKind.OnlineModerator, ParticipationMode.Online),
        ("rapporteur", SessionRoleKind.Rapporteur, ParticipationMode.Onsite),
    ];

    private static int ColumnOf(SessionRoleKind kind, ParticipationMode mode) => kind switch
    {
        SessionRoleKind.Organiser => 0,
        SessionRoleKind.Speaker => mode == ParticipationMode.Online ? 2 : 1,
        SessionRoleKind.OnsiteModerator => 3,
        SessionRoleKind.OnlineModerator => 4,
        _ => 5,
    };

    private sealed record Role(int Column, Person? Person, Organisation? Organisation);

    private sealed record Draft(
        CsvCells Cells, SessionType Type, int Number, string Title, SessionFormat Format, RoomLayout? Layout, int? Length, Subtheme? Subtheme,
        LocalDateTime? Start, Room? Room, string? Description, SortedSet<int> Goals, List<string> Targets, List<string> Tags, List<string>[] People);

    public static async Task PlanAsync(ImportPlan plan, PlenaryDb db, Forum forum, SdgCatalogue catalogue, List<CsvRow> rows, IStringLocalizer L, CancellationToken cancel)
    {
        var drafts = new List<Draft>(rows.Count);
        var seen = new Dictionary<(int, int), int>();
        foreach (var row in rows)
        {
            if (Read(forum, catalogue, new CsvCells(FileName, row, plan.Problems, L), L) is { } draft)
            {
                if (seen.TryGetValue((draft.Type.Id, draft.Number), out var first))
                {
                    draft.Cells.Problem("number", L["Row {0} already has {1}. Each session may appear once.", first, draft.Type.Numbered(draft.Number)]);
                    continue;
                }
                seen[(draft.Type.Id, draft.Number)] = draft.Cells.Row;
                drafts.Add(draft);
            }
        }

        var people = await PeopleFinder.CreateAsync(plan, db, drafts.SelectMany(d => d.People.Skip(1).SelectMany(p => p)),
            drafts.SelectMany(d => d.People[0]), cancel);
        var existing = await db.Sessions.AsTracking().Where(s => s.ForumId == forum.Id)
            .Include(s => s.Tags).Include(s => s.Roles).Include(s => s.Sdgs).Include(s => s.SdgTargets)
            .AsSplitQuery().ToListAsync(cancel);
        var byNumber = existing.ToDictionary(s => (s.TypeId, s.Number));
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(forum.TimeZoneId) ?? DateTimeZone.Utc;

        foreach (var draft in drafts)
        {
            var roles = new List<Role>();
            for (var column = 0; column < RoleColumns.Length; column++)
            {
                foreach (var reference in draft.People[column])
                {
                    if (people.Resolve(reference, organiser: column == 0, draft.Cells, RoleColumns[column].Column, L) is { } found)
                    {
                        roles.Add(new Role(column, found.Person, found.Organisation));
                    }
                }
            }
            if (draft.Cells.Failed)
            {
                continue;
            }
            var length = draft.Length ?? draft.Type.DefaultLengthMinutes;
            var layout = draft.Layout ?? draft.Room?.Layout ?? RoomLayout.Theater;
            DateTime? startsAt = draft.Start?.InZoneLeniently(zone).ToDateTimeUtc();
            DateTime? endsAt = startsAt?.AddMinutes(length);
            var key = draft.Type.Numbered(draft.Number);

            if (!byNumber.TryGetValue((draft.Type.Id, draft.Number), out var session))
            {
                session = new Session
                {
                    ForumId = forum.Id, TypeId = draft.Type.Id, Number = draft.Number, Title = draft.Title, Format = draft.Format, Layout = layout,
                    LengthMinutes = length, SubthemeId = draft.Subtheme?.Id, StartsAt = startsAt, EndsAt = endsAt, RoomId = draft.Room?.Id,
                    Description = draft.Description, Status = SessionStatus.Scheduled,
                    Tags = draft.Tags.Select(t => new SessionTag { Tag = t }).ToList(),
                    Sdgs = draft.Goals.Select(g => new SessionSdg { Goal = g }).ToList(),
                    SdgTargets = draft.Targets.Select(t => new SessionSdgTarget { TargetCode = t }).ToList(),
                    Roles = NewRoles(roles),
                };
                plan.Sessions.Add(new PlannedSession(draft.Cells.Row, key, draft.Title, session, Change.Create));
                continue;
            }

            var changed = session.Title != draft.Title || session.Format != draft.Format || session.Layout != layout || session.LengthMinutes != length
                || session.SubthemeId != draft.Subtheme?.Id || session.StartsAt != startsAt || session.EndsAt != endsAt || session.RoomId != draft.Room?.Id
                || !PeopleCsv.Same(session.Description, draft.Description);
            (session.Title, session.Format, session.Layout, session.LengthMinutes) = (draft.Title, draft.Format, layout, length);
            (session.SubthemeId, session.StartsAt, session.EndsAt, session.RoomId, session.Description) = (draft.Subtheme?.Id, startsAt, endsAt, draft.Room?.Id, draft.Description);
            changed |= Replace(session.Tags, draft.Tags, t => t.Tag, t => new SessionTag { Tag = t });
            changed |= Replace(session.Sdgs, draft.Goals.ToList(), s => s.Goal, g => new SessionSdg { Goal = g });
            changed |= Replace(session.SdgTargets, draft.Targets, t => t.TargetCode, t => new SessionSdgTarget { TargetCode = t });
            var current = session.Roles.OrderBy(r => ColumnOf(r.Kind, r.Mode)).ThenBy(r => r.Position).ToList();
            var sameRoles = current.Count == roles.Count && current.Zip(roles).All(pair =>
                ColumnOf(pair.First.Kind, pair.First.Mode) == pair.Second.Column
                && pair.First.PersonId == pair.Second.Person?.Id && pair.First.OrganisationId == pair.Second.Organisation?.Id);
            if (!sameRoles)
            {
                // Removed roles are orphans and deleted; the new ones are numbered in the file's order.
                session.Roles.Clear();
                session.Roles.AddRange(NewRoles(roles));
                changed = true;
            }
            plan.Sessions.Add(new PlannedSession(draft.Cells.Row, key, draft.Title, session, changed ? Change.Update : Change.Unchanged));
        }

        FindClashes(plan, forum, existing, zone, L);
    }

    private static List<SessionRole> NewRoles(List<Role> roles) => roles.Select((r, i) => new SessionRole
    {
        Kind = RoleColumns[r.Column].Kind, Mode = RoleColumns[r.Column].Mode, Position = i + 1,
        Person = r.Person, Organisation = r.Organisation,
    }).ToList();

    /// <summary>Makes a collection hold exactly the wanted values, touching only what differs (a re-added key would clash with its deleted self).</summary>
    private static bool Replace<TItem, TValue>(List<TItem> items, List<TValue> wanted, Func<TItem, TValue> value, Func<TValue, TItem> create)
    {
        var stale = items.Where(i => !wanted.Contains(value(i))).ToList();
        var fresh = wanted.Where(w => !items.Any(i => EqualityComparer<TValue>.Default.Equals(value(i), w))).ToList();
        foreach (var item in stale)
        {
            items.Remove(item);
        }
        items.AddRange(fresh.Select(create));
        return stale.Count > 0 || fresh.Count > 0;
    }

    private static Draft? Read(Forum forum, SdgCatalogue catalogue, CsvCells c, IStringLocalizer L)
    {
        var typeCode = c.Text("type", 10, required: true);
        var type = typeCode is null ? null : forum.SessionTypes.FirstOrDefault(t => string.Equals(t.Code, typeCode, StringComparison.OrdinalIgnoreCase));
        if (typeCode is not null && type is null)
        {
            c.Problem("type", L["This forum has no session type “{0}”. Its types are: {1}.", typeCode, string.Join(", ", forum.SessionTypes.Select(t => t.Code))]);
        }
        var number = c.Number("number", 1, 999_999, required: true);
        var title = c.Text("title", 300, required: true);
        var format = c.Choice<SessionFormat>("format", required: true);
        var layout = c.Choice<RoomLayout>("layout");
        var length = c.Number("length_minutes", 5, 24 * 60);

        var subthemeText = c.Text("subtheme", 200);
        var subtheme = subthemeText is null ? null : forum.Subthemes.FirstOrDefault(s =>
            string.Equals(s.Slug, subthemeText, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Name, subthemeText, StringComparison.OrdinalIgnoreCase));
        if (subthemeText is not null && subtheme is null)
        {
            c.Problem("subtheme", L["This forum has no subtheme “{0}”. Give one of: {1}.", subthemeText, string.Join(", ", forum.Subthemes.Select(s => s.Slug))]);
        }

        var dayText = c.Text("day", 20);
        DateOnly? day = null;
        if (dayText is not null)
        {
            if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                c.Problem("day", L["Enter the day as YYYY-MM-DD, for example {0}.", forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            }
            else if (parsed < forum.FirstDay || parsed > forum.LastDay)
            {
                c.Problem("day", L["{0} is outside the forum, which runs from {1} to {2}.", dayText,
                    forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), forum.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            }
            else
            {
                day = parsed;
            }
        }
        var startText = c.Text("start", 20);
        TimeOnly? start = null;
        if (startText is not null)
        {
            if (TimeOnly.TryParseExact(startText, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                start = parsed;
            }
            else
            {
                c.Problem("start", L["Enter the start as HH:mm on the forum's clock, for example 09:30."]);
            }
        }
        if ((dayText is null) != (startText is null))
        {
            c.Problem(dayText is null ? "day" : "start", L["Give both a day and a start time, or neither for a session not yet in the timetable."]);
        }

        var roomText = c.Text("room", 120);
        var room = roomText is null ? null : forum.Rooms.FirstOrDefault(r => string.Equals(r.Name, roomText, StringComparison.OrdinalIgnoreCase));
        if (roomText is not null && room is null)
        {
            c.Problem("room", L["This forum has no room called “{0}”. Its rooms are: {1}.", roomText, string.Join(", ", forum.Rooms.Select(r => r.Name))]);
        }
        else if (room is not null && startText is null)
        {
            c.Problem("room", L["A session in a room needs a day and a start time."]);
        }

        var description = c.Text("description", 20_000, multiLine: true);

        var goals = new SortedSet<int>();
        foreach (var goal in Items(c.Text("sdgs", 200)))
        {
            if (int.TryParse(goal, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && catalogue.FindGoal(n) is not null)
            {
                goals.Add(n);
            }
            else
            {
                c.Problem("sdgs", L["“{0}” is not a Sustainable Development Goal: give numbers from 1 to 17, such as 9;10;17.", goal]);
            }
        }
        var targets = new List<string>();
        foreach (var code in Items(c.Text("sdg_targets", 2_000)))
        {
            if (catalogue.FindTarget(code) is { } target)
            {
                if (!targets.Contains(target.Code))
                {
                    targets.Add(target.Code);
                }
                goals.Add(target.Goal);
            }
            else
            {
                c.Problem("sdg_targets", L["“{0}” is not an SDG target. Targets are written like 9.c or 17.8.", code]);
            }
        }

        var tags = new List<string>();
        foreach (var tag in c.List("tags", 2_000))
        {
            if (tag.Length > 60)
            {
                c.Problem("tags", L["The tag “{0}” is longer than {1} characters.", tag[..20] + "…", 60]);
            }
            else if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        var people = RoleColumns.Select(r => c.List(r.Column, 20_000)).ToArray();
        if (c.Failed)
        {
            // The people columns are still worth checking, so the preview lists every problem at once.
            return type is null || number is null ? null : new Draft(c, type, number.Value, title ?? "", format ?? SessionFormat.Other, layout, length, subtheme,
                null, room, description, goals, targets, tags, people);
        }
        var local = day is { } d && start is { } s ? new LocalDateTime(d.Year, d.Month, d.Day, s.Hour, s.Minute) : (LocalDateTime?)null;
        return new Draft(c, type!, number!.Value, title!, format!.Value, layout, length, subtheme, local, room, description, goals, targets, tags, people);
    }

    private static string[] Items(string? text) =>
        text?.Split([';', ',', ' '], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>Two sessions may not share a room at the same time: the file's rows against each other and against the sessions it leaves alone.</summary>
    private static void FindClashes(ImportPlan plan, Forum forum, List<Session> existing, DateTimeZone zone, IStringLocalizer L)
    {
        var planned = plan.Sessions.ToDictionary(p => p.Session);
        var slots = existing.Where(s => !planned.ContainsKey(s)).Select(s => (Session: s, Row: (PlannedSession?)null))
            .Concat(plan.Sessions.Select(p => (p.Session, Row: (PlannedSession?)p)))
            .Where(x => x.Session.Status != SessionStatus.Cancelled && x.Session.RoomId is not null && x.Session.StartsAt is not null && x.Session.EndsAt is not null)
            .GroupBy(x => x.Session.RoomId!.Value);
        var types = forum.SessionTypes.ToDictionary(t => t.Id);
        string Name(Session s) => types[s.TypeId].Numbered(s.Number);
        string Time(DateTime utc) => Instant.FromDateTimeUtc(utc).InZone(zone).ToString("HH:mm", CultureInfo.InvariantCulture);
        foreach (var room in slots)
        {
            (Session Session, PlannedSession? Row)? latest = null;
            foreach (var slot in room.OrderBy(x => x.Session.StartsAt).ThenBy(x => x.Row?.Row ?? 0))
            {
                if (latest is { } before && slot.Session.StartsAt < before.Session.EndsAt)
                {
                    var (mine, other) = slot.Row is not null ? (slot, before) : (before, slot);
                    if (mine.Row is not null)
                    {
                        plan.Problems.Add(new CsvProblem(FileName, mine.Row.Row, "start", L["{0} would overlap in {1} with {2}, {3}–{4}.", Name(mine.Session),
                            forum.Rooms.First(r => r.Id == room.Key).Name, Name(other.Session), Time(other.Session.StartsAt!.Value), Time(other.Session.EndsAt!.Value)]));
                    }
                }
                if (latest is null || slot.Session.EndsAt > latest.Value.Session.EndsAt)
                {
                    latest = slot;
                }
            }
        }
    }

    /// <summary>
    /// The forum's sessions as sessions.csv. People are written by name where the name alone finds them in the
    /// people.csv exported with it, otherwise by their key.
    /// </summary>
    public static async Task<byte[]> ExportAsync(PlenaryDb db, Forum forum, CancellationToken cancel)
    {
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.ForumId == forum.Id)
            .Include(s => s.Tags).Include(s => s.Sdgs).Include(s => s.SdgTargets)
            .Include(s => s.Roles).ThenInclude(r => r.Person).Include(s => s.Roles).ThenInclude(r => r.Organisation)
            .AsSplitQuery().ToListAsync(cancel);
        var people = sessions.SelectMany(s => s.Roles).Where(r => r.Person is not null).Select(r => r.Person!).DistinctBy(p => p.Id).ToList();
        var keys = people.Select(PeopleCsv.KeyOf).ToHashSet(StringComparer.Ordinal);
        var byName = people.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        string Reference(SessionRole role) => role.Person is { } p
            ? byName[p.Name] == 1 && !p.Name.Contains(';') && !keys.Contains(p.Name) ? p.Name : PeopleCsv.KeyOf(p)
            : role.Organisation!.Name;

        var types = forum.SessionTypes.ToDictionary(t => t.Id);
        var subthemes = forum.Subthemes.ToDictionary(s => s.Id);
        var rooms = forum.Rooms.ToDictionary(r => r.Id);
        var clock = ForumClock.For(forum.TimeZoneId);
        var rows = sessions.OrderBy(s => types[s.TypeId].Position).ThenBy(s => types[s.TypeId].Code).ThenBy(s => s.Number).Select(s =>
        {
            var cells = new List<string?>
            {
                types[s.TypeId].Code, s.Number.ToString(CultureInfo.InvariantCulture), s.Title, s.Format.ToString(), s.Layout.ToString(),
                s.LengthMinutes.ToString(CultureInfo.InvariantCulture), s.SubthemeId is { } st ? subthemes[st].Slug : null,
                s.StartsAt is { } at ? clock.Local(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                s.StartsAt is { } at2 ? clock.Time(at2) : null,
                s.RoomId is { } r ? rooms[r].Name : null, s.Description,
                string.Join(';', s.Sdgs.Select(g => g.Goal).Order()),
                string.Join(';', s.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal)),
                string.Join(';', s.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal)),
            };
            for (var column = 0; column < RoleColumns.Length; column++)
            {
                cells.Add(string.Join(';', s.Roles.Where(r => ColumnOf(r.Kind, r.Mode) == column).OrderBy(r => r.Position).Select(Reference)));
            }
            return (IReadOnlyList<string?>)cells;
        });
        return CsvFiles.Write(Columns, rows);
    }

    public static byte[] Template(Forum forum)
    {
        var type = forum.SessionTypes.FirstOrDefault();
        var room = forum.Rooms.FirstOrDefault();
        return CsvFiles.Write(Columns,
        [
            [
                type?.Code ?? "WS", "1", "Connecting the next billion", "Panel", "Theater", (type?.DefaultLengthMinutes ?? 60).ToString(CultureInfo.InvariantCulture),
                forum.Subthemes.FirstOrDefault()?.Slug, forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "10:00", room?.Name,
                "How community networks bring people online.", "9;17", "9.c;17.8", "connectivity;community networks", "Amina Diallo", "amina", "", "Amina Diallo", "", "",
            ],
        ]);
    }
}
