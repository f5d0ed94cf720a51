using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Localization;
using NodaTime;
using Plenary.Features.Forums;
using Plenary.Features.Frameworks;
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

    /// <summary>The columns a header must hold; any other may be left out, and then leaves its field as it is recorded.</summary>
    public static readonly string[] Required = ["type", "title", "format"];

    public static readonly string[] Columns =
    [
        "type", "number", "title", "format", "layout", "length_minutes", "subtheme", "day", "start", "room", "description",
        "sdgs", "sdg_targets", "tags", "organisers", "speakers_onsite", "speakers_online", "moderator_onsite", "moderator_online", "rapporteur",
        "presenters_onsite", "presenters_online", "moderator_main", "moderator_floor", "timekeeper", "co_rapporteur",
    ];

    /// <summary>
    /// The codes of the frameworks beyond the SDGs, like "sdgs": "1;3" of the Global Digital Compact, "C3;C5" of the
    /// WSIS action lines. An export writes only the columns of the frameworks its forum uses.
    /// </summary>
    public static string FrameworkColumn(Framework framework) => framework == Framework.Gdc ? "gdc_objectives" : "wsis_action_lines";

    /// <summary>Every name sessions.csv gives a column of its own, which a record section's slug may therefore not take.</summary>
    public static readonly string[] Reserved = [.. Columns, .. FrameworkCatalogue.All.Select(FrameworkColumn)];

    /// <summary>
    /// The columns an export writes: the fixed ones, a column per framework the forum uses, then a column per record
    /// section of the forum, named by its slug (policy_questions...), in the forum's order.
    /// </summary>
    public static string[] ColumnsOf(Forum forum) => [.. Columns, .. forum.UsedFrameworks.Select(FrameworkColumn), .. Sections(forum).Select(s => s.Slug)];

    /// <summary>
    /// The columns an import reads: those of <see cref="ColumnsOf"/> and the columns of the frameworks the forum does not
    /// use, so that a file from another forum gets a problem on each row that names codes there, not a refused header.
    /// </summary>
    public static string[] ReadableOf(Forum forum) => [.. Reserved, .. Sections(forum).Select(s => s.Slug)];

    private static IEnumerable<RecordSection> Sections(Forum forum) => forum.RecordSections.OrderBy(s => s.Position).ThenBy(s => s.Id);

    /// <summary>The people columns, in the order their roles are numbered on the session.</summary>
    private static readonly (string Column, SessionRoleKind Kind, ParticipationMode Mode)[] RoleColumns =
    [
        ("organisers", SessionRoleKind.Organiser, ParticipationMode.Onsite),
        ("speakers_onsite", SessionRoleKind.Speaker, ParticipationMode.Onsite),
        ("speakers_online", SessionRoleKind.Speaker, ParticipationMode.Online),
        ("moderator_onsite", SessionRoleKind.OnsiteModerator, ParticipationMode.Onsite),
        ("moderator_online", SessionRoleKind.OnlineModerator, ParticipationMode.Online),
        ("rapporteur", SessionRoleKind.Rapporteur, ParticipationMode.Onsite),
        ("presenters_onsite", SessionRoleKind.Presenter, ParticipationMode.Onsite),
        ("presenters_online", SessionRoleKind.Presenter, ParticipationMode.Online),
        ("moderator_main", SessionRoleKind.Moderator, ParticipationMode.Onsite),
        ("moderator_floor", SessionRoleKind.FloorModerator, ParticipationMode.Onsite),
        ("timekeeper", SessionRoleKind.Timekeeper, ParticipationMode.Onsite),
        ("co_rapporteur", SessionRoleKind.CoRapporteur, ParticipationMode.Onsite),
    ];

    /// <summary>The column of a role: its kind's, and for speakers and presenters its mode's too.</summary>
    private static int ColumnOf(SessionRoleKind kind, ParticipationMode mode)
    {
        var exact = Array.FindIndex(RoleColumns, r => r.Kind == kind && r.Mode == mode);
        return exact >= 0 ? exact : Array.FindIndex(RoleColumns, r => r.Kind == kind);
    }

    private sealed record Role(int Column, Person? Person, Organisation? Organisation, RoleCell Cell);

    /// <summary>
    /// One name in a people column, with what the session recorded of the person then: "Name [Title | Affiliation]"
    /// for their title and affiliation as at the session, "(TBC)" at the end when they are to be confirmed.
    /// </summary>
    private sealed record RoleCell(string Reference, string? Title, string? Affiliation, bool ToBeConfirmed)
    {
        private const string Tbc = "(TBC)";

        public static RoleCell Read(string cell)
        {
            var text = cell.Trim();
            var tbc = text.EndsWith(Tbc, StringComparison.OrdinalIgnoreCase) && text.Length > Tbc.Length;
            if (tbc)
            {
                text = text[..^Tbc.Length].TrimEnd();
            }
            var open = text.LastIndexOf('[');
            if (text.EndsWith(']') && open > 0)
            {
                var then = text[(open + 1)..^1].Split('|', 2, StringSplitOptions.TrimEntries);
                return new(text[..open].TrimEnd(), Empty(then[0]), then.Length > 1 ? Empty(then[1]) : null, tbc);
            }
            return new(text, null, null, tbc);
        }

        private static string? Empty(string text) => text.Length == 0 ? null : text;

        /// <summary>The cell as <see cref="Read"/> reads it back.</summary>
        public static string Write(string reference, SessionRole role) =>
            reference + (role.HasOwnBilling ? $" [{role.Title} | {role.Affiliation}]" : "") + (role.ToBeConfirmed ? " " + Tbc : "");
    }

    /// <summary>A row read: the session's fields as the session form takes them (checked by the same validator as the pages and the API), and its people.</summary>
    private sealed record Draft(CsvCells Cells, SessionType Type, int? Number, SessionForm Form, List<RoleCell>[] People);

    /// <summary>The fields of sessions.csv that the session validator names, by the column that holds them.</summary>
    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["type"] = "type", ["number"] = "number", ["title"] = "title", ["format"] = "format", ["layout"] = "layout", ["length"] = "length_minutes",
        ["subtheme"] = "subtheme", ["day"] = "day", ["start"] = "start", ["room"] = "room", ["description"] = "description",
        ["sdgs"] = "sdgs", ["sdgtargets"] = "sdg_targets", ["tags"] = "tags",
        ["gdc"] = FrameworkColumn(Framework.Gdc), ["wsis"] = FrameworkColumn(Framework.Wsis),
    };

    public static async Task PlanAsync(ImportPlan plan, PlenaryDb db, Forum forum, SdgCatalogue catalogue, SessionChange change, List<CsvRow> rows, IStringLocalizer L, CancellationToken cancel)
    {
        var existing = await db.Sessions.AsTracking().Where(s => s.ForumId == forum.Id)
            .Include(s => s.Tags).Include(s => s.Sdgs).Include(s => s.SdgTargets).Include(s => s.FrameworkLinks).Include(s => s.Sections)
            .Include(s => s.Roles).ThenInclude(r => r.Person).Include(s => s.Roles).ThenInclude(r => r.Organisation)
            .AsSplitQuery().ToListAsync(cancel);
        var types = forum.SessionTypes.ToDictionary(t => t.Id);
        var byNumber = existing.Where(s => s.HasNumber).ToDictionary(s => (s.TypeId, s.Number));
        var taken = existing.Select(s => (s.TypeId, s.Number)).ToHashSet();
        var clock = ForumClock.For(forum.TimeZoneId);

        var drafts = new List<(Draft Draft, Session? Session)>(rows.Count);
        var seen = new Dictionary<(int, int), int>();
        var seenUnnumbered = new Dictionary<(int, string), int>();
        foreach (var row in rows)
        {
            var cells = new CsvCells(FileName, row, plan.Problems, L);
            if (Read(forum, catalogue, clock, cells, L) is not { } draft)
            {
                continue;
            }
            Session? session = null;
            if (draft.Number is { } number)
            {
                if (seen.TryGetValue((draft.Type.Id, number), out var first))
                {
                    cells.Problem("number", L["Row {0} already has {1}. Each session may appear once.", first, draft.Type.Numbered(number)]);
                    continue;
                }
                seen[(draft.Type.Id, number)] = cells.Row;
                session = byNumber.GetValueOrDefault((draft.Type.Id, number));
                if (session is null && taken.Contains((draft.Type.Id, number)))
                {
                    // The number is the address of a session recorded without one.
                    cells.Problem("number", L["{0} already exists. Choose another number, or leave it empty for a session without a number.", draft.Type.Numbered(number)]);
                    continue;
                }
            }
            else if (draft.Form.Title is { } title)
            {
                // A session without a number is found by its type and title, as an export writes it.
                if (seenUnnumbered.TryGetValue((draft.Type.Id, title), out var first))
                {
                    cells.Problem("title", L["Row {0} already has {1}. Each session may appear once.", first, $"{draft.Type.Name}: {title}"]);
                    continue;
                }
                seenUnnumbered[(draft.Type.Id, title)] = cells.Row;
                session = existing.FirstOrDefault(s => !s.HasNumber && s.TypeId == draft.Type.Id && s.Title == title);
            }
            var form = session is null ? draft.Form : Merge(SessionForm.From(session, forum), draft.Form, cells);
            if (session is null)
            {
                form.Status = nameof(SessionStatus.Scheduled);
            }
            if (!cells.Failed)
            {
                // The rules of a session are the pages' and the API's; the import checks clashes against its whole file instead (FindClashes).
                foreach (var (field, message) in (await change.CheckAsync(forum, session, form, timetable: true, cancel, clashes: false)).FirstPerField())
                {
                    // A record section's problem is its own column's (the validator names it "section-policy_questions").
                    cells.Problem(field.StartsWith("section-", StringComparison.Ordinal) ? field["section-".Length..] : ColumnOfField.GetValueOrDefault(field), message);
                }
            }
            drafts.Add((draft with { Form = form }, session));
        }

        var people = await PeopleFinder.CreateAsync(plan, db, drafts.SelectMany(d => d.Draft.People.Skip(1).SelectMany(p => p).Select(p => p.Reference)),
            drafts.SelectMany(d => d.Draft.People[0].Select(p => p.Reference)), cancel);
        var next = forum.SessionTypes.ToDictionary(t => t.Id, t => existing.Where(s => s.TypeId == t.Id).Select(s => s.Number)
            .Concat(drafts.Where(d => d.Draft.Type.Id == t.Id && d.Draft.Number is not null).Select(d => d.Draft.Number!.Value)).DefaultIfEmpty(0).Max() + 1);

        foreach (var (draft, found) in drafts)
        {
            var roles = new List<Role>();
            for (var column = 0; column < RoleColumns.Length; column++)
            {
                foreach (var cell in draft.People[column])
                {
                    if (people.Resolve(cell.Reference, organiser: column == 0, draft.Cells, RoleColumns[column].Column, L) is { } person)
                    {
                        roles.Add(new Role(column, person.Person, person.Organisation, cell));
                    }
                }
            }
            if (draft.Cells.Failed)
            {
                continue;
            }
            var session = found;
            if (session is null)
            {
                var number = draft.Number ?? next[draft.Type.Id]++;
                session = new Session
                {
                    ForumId = forum.Id, TypeId = draft.Type.Id, Number = number, HasNumber = draft.Number is not null, Title = draft.Form.Title!,
                    Roles = NewRoles(roles),
                };
                change.Apply(forum, session, draft.Form, timetable: true);
                plan.Sessions.Add(new PlannedSession(draft.Cells.Row, Name(session, draft.Type), session.Title, session, Change.Create, RoomName(forum, session)));
                continue;
            }

            var before = JsonSerializer.Serialize(SessionChange.Snapshot(session));
            var cellsBefore = Cells(forum, clock, session);
            change.Apply(forum, session, draft.Form, timetable: true);
            var changed = before != JsonSerializer.Serialize(SessionChange.Snapshot(session));
            if (AnyPeopleColumn(draft.Cells))
            {
                var current = session.Roles.OrderBy(r => ColumnOf(r.Kind, r.Mode)).ThenBy(r => r.Position).ToList();
                var sameRoles = current.Count == roles.Count && current.Zip(roles).All(pair =>
                    ColumnOf(pair.First.Kind, pair.First.Mode) == pair.Second.Column
                    && pair.First.PersonId == pair.Second.Person?.Id && pair.First.OrganisationId == pair.Second.Organisation?.Id
                    && pair.First.Title == (pair.Second.Person is null ? null : pair.Second.Cell.Title)
                    && pair.First.Affiliation == (pair.Second.Person is null ? null : pair.Second.Cell.Affiliation)
                    && pair.First.ToBeConfirmed == pair.Second.Cell.ToBeConfirmed);
                if (!sameRoles)
                {
                    // Removed roles are orphans and deleted; the new ones are numbered in the file's order.
                    session.Roles.Clear();
                    session.Roles.AddRange(NewRoles(roles));
                    changed = true;
                }
            }
            var cellsAfter = Cells(forum, clock, session);
            var diff = cellsBefore.Select((cell, i) => new FieldChange(cell.Column, cell.Value, cellsAfter[i].Value))
                .Where(d => !string.Equals(d.Before, d.After, StringComparison.Ordinal)).ToList();
            plan.Sessions.Add(new PlannedSession(draft.Cells.Row, Name(session, draft.Type), session.Title, session, changed ? Change.Update : Change.Unchanged,
                RoomName(forum, session), changed ? diff : null));
        }

        FindClashes(plan, forum, existing, DateTimeZoneProviders.Tzdb.GetZoneOrNull(forum.TimeZoneId) ?? DateTimeZone.Utc, L);
        // Problems are found column by column, then across rows (people, clashes): listed by row, as the file reads.
        var byRow = plan.Problems.Where(p => p.File == FileName).OrderBy(p => p.Row).ToList();
        plan.Problems.RemoveAll(p => p.File == FileName);
        plan.Problems.AddRange(byRow);
    }

    /// <summary>
    /// A session's fields as sessions.csv writes them, column by column, for the preview's "before → after" of an update:
    /// in the file's own terms (a room by name, a time on the forum's clock), so the Secretariat compares like with like.
    /// </summary>
    private static List<(string Column, string? Value)> Cells(Forum forum, ForumClock clock, Session s)
    {
        static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
        var cells = new List<(string Column, string? Value)>
        {
            ("title", s.Title), ("format", s.FormatLine ?? s.Format.ToString()), ("layout", s.Layout?.ToString()),
            ("length_minutes", s.LengthMinutes.ToString(CultureInfo.InvariantCulture)),
            ("subtheme", forum.Subthemes.FirstOrDefault(t => t.Id == s.SubthemeId)?.Slug),
            ("day", s.StartsAt is { } at ? clock.Local(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : s.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("start", s.StartsAt is { } at2 ? clock.Time(at2) : null),
            ("room", RoomName(forum, s)), ("description", Empty(s.Description)),
            ("sdgs", Empty(string.Join(';', s.Sdgs.Select(g => g.Goal).Order()))),
            ("sdg_targets", Empty(string.Join(';', s.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal)))),
            ("tags", Empty(string.Join(';', s.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal)))),
        };
        foreach (var framework in forum.UsedFrameworks)
        {
            cells.Add((FrameworkColumn(framework), Empty(FrameworkCodes(s, framework))));
        }
        for (var column = 0; column < RoleColumns.Length; column++)
        {
            cells.Add((RoleColumns[column].Column, Empty(string.Join(';', s.Roles.Where(r => ColumnOf(r.Kind, r.Mode) == column).OrderBy(r => r.Position)
                .Select(r => r.Person?.Name ?? r.Organisation?.Name)))));
        }
        foreach (var section in Sections(forum))
        {
            cells.Add((section.Slug, Empty(s.Sections.FirstOrDefault(t => t.SectionId == section.Id)?.Text)));
        }
        return cells;
    }

    /// <summary>The session's name as its page gives it; the forum's types are not tracked, so the session is not linked to one.</summary>
    private static string Name(Session session, SessionType type) => session.HasNumber ? type.Numbered(session.Number) : type.Name;

    private static string? RoomName(Forum forum, Session session) => forum.Rooms.FirstOrDefault(r => r.Id == session.RoomId)?.Name;

    private static bool AnyPeopleColumn(CsvCells cells) => RoleColumns.Any(r => cells.Has(r.Column));

    /// <summary>A session on record with the columns the file has put over it: a column left out keeps what is recorded.</summary>
    private static SessionForm Merge(SessionForm recorded, SessionForm file, CsvCells c)
    {
        recorded.Title = file.Title;
        // The line on record, given again, keeps the format recorded with it ("Birds of a Feather" written over Other stays Other).
        if (c.Has("format") && (file.FormatLine is null || file.FormatLine != recorded.FormatLine))
        {
            (recorded.Format, recorded.FormatLine) = (file.Format, file.FormatLine);
        }
        if (c.Has("layout"))
        {
            recorded.Layout = file.Layout;
        }
        if (c.Has("length_minutes"))
        {
            recorded.LengthMinutes = file.LengthMinutes;
        }
        if (c.Has("subtheme"))
        {
            recorded.Subtheme = file.Subtheme;
        }
        if (c.Has("day") || c.Has("start"))
        {
            (recorded.Day, recorded.Start) = (file.Day, file.Start);
        }
        if (c.Has("room"))
        {
            recorded.RoomId = file.RoomId;
        }
        if (c.Has("description"))
        {
            recorded.Description = file.Description;
        }
        if (c.Has("sdgs") || c.Has("sdg_targets"))
        {
            (recorded.Sdgs, recorded.SdgTargets) = (file.Sdgs, file.SdgTargets);
        }
        if (c.Has("tags"))
        {
            recorded.Tags = file.Tags;
        }
        if (c.Has(FrameworkColumn(Framework.Gdc)))
        {
            recorded.Gdc = file.Gdc;
        }
        if (c.Has(FrameworkColumn(Framework.Wsis)))
        {
            recorded.Wsis = file.Wsis;
        }
        foreach (var (slug, text) in file.Sections ?? [])
        {
            (recorded.Sections ??= [])[slug] = text;
        }
        return recorded;
    }

    private static List<SessionRole> NewRoles(List<Role> roles) => roles.Select((r, i) => new SessionRole
    {
        Kind = RoleColumns[r.Column].Kind, Mode = RoleColumns[r.Column].Mode, Position = i + 1,
        Person = r.Person, Organisation = r.Organisation,
        // An organisation has no title or affiliation of its own.
        Title = r.Person is null ? null : r.Cell.Title, Affiliation = r.Person is null ? null : r.Cell.Affiliation, ToBeConfirmed = r.Cell.ToBeConfirmed,
    }).ToList();

    /// <summary>An ISO 8601 date-time with its offset: 2022-11-29T06:30Z, 2023-10-10T01:30+03:00.</summary>
    private static readonly System.Text.RegularExpressions.Regex Instant8601 =
        new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Reads a row's cells into a session form, naming what cannot be read in the file's own terms (a room by name, a
    /// format by its label, a start in UTC); what the values must then be is the session validator's to say.
    /// </summary>
    private static Draft? Read(Forum forum, SdgCatalogue catalogue, ForumClock clock, CsvCells c, IStringLocalizer L)
    {
        var typeCode = c.Text("type", 10, required: true);
        var type = typeCode is null ? null : forum.SessionTypes.FirstOrDefault(t => string.Equals(t.Code, typeCode, StringComparison.OrdinalIgnoreCase));
        if (typeCode is not null && type is null)
        {
            c.Problem("type", L["This forum has no session type “{0}”. Its types are: {1}.", typeCode, L.List(forum.SessionTypes.Select(t => t.Code))]);
        }
        var number = c.Number("number", 1, 999_999);
        var title = c.Text("title", 300, required: true);
        var formatText = c.Text("format", Session.MaxFormatLine, required: true);
        var format = formatText is null ? null : c.Choice<SessionFormat>("format", quiet: true);
        var layout = c.Choice<RoomLayout>("layout");
        var length = c.Has("length_minutes") ? c.Number("length_minutes", 5, 24 * 60) : null;

        var subthemeText = c.Text("subtheme", 200);
        var subtheme = subthemeText is null ? null : forum.Subthemes.FirstOrDefault(s =>
            string.Equals(s.Slug, subthemeText, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Name, subthemeText, StringComparison.OrdinalIgnoreCase));
        if (subthemeText is not null && subtheme is null)
        {
            c.Problem("subtheme", L["This forum has no subtheme “{0}”. Give one of: {1}.", subthemeText, L.List(forum.Subthemes.Select(s => s.Slug))]);
        }

        var dayText = c.Text("day", 20);
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
        }
        var startText = c.Text("start", 40);
        string? start = null;
        if (startText is not null)
        {
            if (SessionForm.TryStart(startText, out var parsed))
            {
                start = parsed.ToString("HH:mm", CultureInfo.InvariantCulture);
            }
            else if (Instant8601.IsMatch(startText) && DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                // The IGF publishes UTC times: the instant is put on the forum's clock, its day with it.
                var local = clock.Local(instant.UtcDateTime);
                var localDay = local.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (dayText is not null && dayText != localDay)
                {
                    c.Problem("day", L["{0} is on {1} on the forum's clock ({2}), not on {3}. Leave the day empty, or correct it.", startText, localDay, forum.TimeZoneId, dayText]);
                }
                (dayText, start) = (localDay, local.ToString("HH:mm", CultureInfo.InvariantCulture));
            }
            else
            {
                c.Problem("start", L["Enter the start as HH:mm on the forum's clock, for example 09:30, or as a date and time with its offset, for example {0}T06:30Z.",
                    forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            }
        }

        var roomText = c.Text("room", 120);
        var room = roomText is null ? null : forum.Rooms.FirstOrDefault(r => string.Equals(r.Name, roomText, StringComparison.OrdinalIgnoreCase));
        if (roomText is not null && room is null)
        {
            c.Problem("room", L["This forum has no room called “{0}”. Its rooms are: {1}.", roomText, L.List(forum.Rooms.Select(r => r.Name))]);
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

        // Codes are checked by the session validator, as on the form and in the API: an unknown code, or one of a framework
        // the forum does not use, is a problem of its row and column. An empty cell removes the links only where the
        // forum uses the framework; where it does not, the links it once had stay hidden, as on the session form.
        List<string>? Codes(Framework framework)
        {
            var codes = Items(c.Text(FrameworkColumn(framework), 200));
            return codes.Length > 0 || (c.Has(FrameworkColumn(framework)) && forum.Uses(framework)) ? [.. codes] : null;
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

        // Only the sections whose column the file has: a column left out leaves the section as it is recorded.
        var sections = Sections(forum).Where(s => c.Has(s.Slug))
            .ToDictionary(s => s.Slug, s => c.Text(s.Slug, SessionSection.MaxText, multiLine: true), StringComparer.Ordinal);

        var people = RoleColumns.Select(r => c.List(r.Column, 20_000).Select(RoleCell.Read).ToList()).ToArray();
        foreach (var (cell, column) in people.SelectMany((cells, i) => cells.Select(cell => (cell, RoleColumns[i].Column))))
        {
            if (cell.Title?.Length > Person.MaxTitle || cell.Affiliation?.Length > Person.MaxAffiliation)
            {
                c.Problem(column, Kernel.Validation.Rules.TooLong(L, Person.MaxTitle, Math.Max(cell.Title?.Length ?? 0, cell.Affiliation?.Length ?? 0)));
            }
        }
        if (type is null)
        {
            return null;
        }
        var form = new SessionForm
        {
            Type = type.Code, Number = number, Title = title,
            // A format's name, as the export writes a session without a line ("BirdsOfAFeather"), is that format. Any other
            // text is a format line kept as written: one the list lacks ("Fishbowl", "Panel - Auditorium - 60 Min"), and a
            // label too ("Birds of a Feather"), which a session may hold as its line and must get back from its own export.
            Format = (format ?? SessionFormat.Other).ToString(),
            FormatLine = format is { } named && string.Equals(formatText, named.ToString(), StringComparison.OrdinalIgnoreCase) ? null : formatText,
            Layout = layout?.ToString(), LengthMinutes = length ?? type.DefaultLengthMinutes, Subtheme = subtheme?.Slug,
            Day = dayText, Start = start, RoomId = room?.Id, Description = description,
            Sdgs = goals.ToList(), SdgTargets = targets, Tags = tags, Sections = sections.Count > 0 ? sections : null,
            Gdc = Codes(Framework.Gdc), Wsis = Codes(Framework.Wsis),
        };
        return new Draft(c, type, number, form, people);
    }
    /// <summary>A session's codes of one framework as its column writes them: "C3;C5", in the framework's order (C2 before C10).</summary>
    private static string FrameworkCodes(Session s, Framework framework) =>
        string.Join(';', FrameworkCatalogue.InOrder(framework, s.FrameworkLinks.Where(l => l.Framework == framework).Select(l => l.Code)));

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
        string Name(Session s) => SessionCsv.Name(s, types[s.TypeId]);
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
            .Include(s => s.Tags).Include(s => s.Sdgs).Include(s => s.SdgTargets).Include(s => s.FrameworkLinks).Include(s => s.Sections)
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
                types[s.TypeId].Code, s.HasNumber ? s.Number.ToString(CultureInfo.InvariantCulture) : null, s.Title, s.FormatLine ?? s.Format.ToString(), s.Layout?.ToString(),
                s.LengthMinutes.ToString(CultureInfo.InvariantCulture), s.SubthemeId is { } st ? subthemes[st].Slug : null,
                s.StartsAt is { } at ? clock.Local(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : s.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                s.StartsAt is { } at2 ? clock.Time(at2) : null,
                s.RoomId is { } r ? rooms[r].Name : null, s.Description,
                string.Join(';', s.Sdgs.Select(g => g.Goal).Order()),
                string.Join(';', s.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal)),
                string.Join(';', s.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal)),
            };
            for (var column = 0; column < RoleColumns.Length; column++)
            {
                cells.Add(string.Join(';', s.Roles.Where(r => ColumnOf(r.Kind, r.Mode) == column).OrderBy(r => r.Position).Select(r => RoleCell.Write(Reference(r), r))));
            }
            cells.AddRange(forum.UsedFrameworks.Select(framework => FrameworkCodes(s, framework)));
            foreach (var section in Sections(forum))
            {
                cells.Add(s.Sections.FirstOrDefault(t => t.SectionId == section.Id)?.Text);
            }
            return (IReadOnlyList<string?>)cells;
        });
        return CsvFiles.Write(ColumnsOf(forum), rows);
    }

    public static byte[] Template(Forum forum)
    {
        var type = forum.SessionTypes.FirstOrDefault();
        var room = forum.Rooms.FirstOrDefault();
        // Community networks close the digital divides (the Compact's first objective) with infrastructure (action line C2).
        return CsvFiles.Write([.. Columns, .. forum.UsedFrameworks.Select(FrameworkColumn)],
        [
            [
                type?.Code ?? "WS", "1", "Connecting the next billion", "Panel", "Theater", (type?.DefaultLengthMinutes ?? 60).ToString(CultureInfo.InvariantCulture),
                forum.Subthemes.FirstOrDefault()?.Slug, forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "10:00", room?.Name,
                "How community networks bring people online.", "9;17", "9.c;17.8", "connectivity;community networks", "Amina Diallo", "amina", "", "Amina Diallo", "", "",
                "", "", "", "", "", "",
                .. forum.UsedFrameworks.Select(f => f == Framework.Gdc ? "1" : "C2"),
            ],
        ]);
    }
}
