using Microsoft.EntityFrameworkCore;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Forums.Archive;

/// <summary>
/// A forum's whole record as a <see cref="ForumDocument"/>. Everything is ordered by what the forum itself orders it by
/// (types, subthemes and rooms by their position, sessions by type and number, roles and outputs by position, tags and
/// SDGs by value), people and organisations numbered by their first appearance in that order: the document depends on
/// the record only, never on database ids, so another installation holding the same record writes the same bytes.
/// Left out on purpose: accounts, e-mail addresses, gender, the team, invitations, API tokens, join links and passcodes,
/// proposals and reviews, registrations and check-ins, drafts, the speaking queue, agendas, timetable releases and
/// settings, messages and the audit log.
/// </summary>
public static class ForumExport
{
    public static async Task<ForumDocument> DocumentAsync(PlenaryDb db, Forum forum, CancellationToken cancel)
    {
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.ForumId == forum.Id)
            .Include(s => s.Type).Include(s => s.Subtheme).Include(s => s.Room)
            .Include(s => s.Tags).Include(s => s.Sdgs).Include(s => s.SdgTargets).Include(s => s.FrameworkLinks)
            .Include(s => s.Roles).ThenInclude(r => r.Person)
            .Include(s => s.Roles).ThenInclude(r => r.Organisation)
            .Include(s => s.Takeaways).Include(s => s.Report).Include(s => s.GenderReport).Include(s => s.Sections)
            .AsSplitQuery().ToListAsync(cancel);
        var ids = sessions.Select(s => s.Id).ToList();
        var reporting = await db.SessionReporting.AsNoTracking().Where(r => ids.Contains(r.SessionId)).ToDictionaryAsync(r => r.SessionId, cancel);
        var transcripts = await db.Transcripts.AsNoTracking().Where(t => ids.Contains(t.SessionId)).ToDictionaryAsync(t => t.SessionId, cancel);
        var translations = (await db.SessionTranslations.AsNoTracking().Where(t => db.Sessions.Any(s => s.Id == t.SessionId && s.ForumId == forum.Id))
            .ToListAsync(cancel)).ToLookup(t => t.SessionId);

        // Read here rather than from the forum given, which callers load without its sections. Ties of position (older data)
        // go by slug, never by id, so another installation writes the same order.
        var sections = await db.RecordSections.AsNoTracking().Where(s => s.ForumId == forum.Id).ToListAsync(cancel);
        sections = [.. sections.OrderBy(s => s.Position).ThenBy(s => s.Slug, StringComparer.Ordinal)];

        var ordered = sessions.OrderBy(s => s.Type.Position).ThenBy(s => s.Type.Code, StringComparer.Ordinal).ThenBy(s => s.Number).ToList();
        var people = new References<Person>("p");
        var organisations = new References<Organisation>("o");
        var records = ordered.Select(s => Session(forum, s, sections, people, organisations, reporting.GetValueOrDefault(s.Id), transcripts.GetValueOrDefault(s.Id))
            with { Translations = Translations(forum, s, sections, translations[s.Id]) }).ToList();

        return new ForumDocument
        {
            Format = ForumDocument.FormatName,
            Version = ForumDocument.CurrentVersion,
            Forum = new ForumRecord
            {
                Slug = forum.Slug, Name = forum.Name, Year = forum.Year,
                Kind = forum.Kind == ForumKind.Global ? null : forum.Kind, Series = forum.Series, Theme = forum.Theme, HostCity = forum.HostCity, Venue = forum.Venue,
                Country = forum.CountryCode, TimeZone = forum.TimeZoneId, FirstDay = forum.FirstDay, LastDay = forum.LastDay,
                Languages = NullIfEmpty(forum.Languages), Description = forum.Description, TakeawaysDueMinutes = forum.TakeawaysDueMinutes,
                ReportDeadline = forum.ReportDeadline, ReportReminderHours = forum.ReportReminderHours, IsDemo = forum.IsDemo ? true : null,
                UsesGdc = forum.UsesGdc ? true : null, UsesWsis = forum.UsesWsis ? true : null,
            },
            SessionTypes = forum.SessionTypes.OrderBy(t => t.Position).ThenBy(t => t.Code, StringComparer.Ordinal)
                .Select(t => new SessionTypeRecord { Code = t.Code, Name = t.Name, NumberLabel = t.NumberLabel, DefaultLengthMinutes = t.DefaultLengthMinutes })
                .ToList(),
            Subthemes = NullIfEmpty(forum.Subthemes.OrderBy(s => s.Position).ThenBy(s => s.Slug, StringComparer.Ordinal)
                .Select(s => new SubthemeRecord { Slug = s.Slug, Name = s.Name }).ToList()),
            Sections = NullIfEmpty(sections.Select(s => new RecordSectionRecord
            {
                Slug = s.Slug, Title = s.Title, Help = s.HelpText, InProposalForm = s.InProposalForm, IsPublic = s.IsPublic,
            }).ToList()),
            Rooms = NullIfEmpty(forum.Rooms.OrderBy(r => r.Position).ThenBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => new RoomRecord { Name = r.Name, Layout = r.Layout, Capacity = r.Capacity, HasOnlineEquipment = r.HasOnlineEquipment })
                .ToList()),
            Organisations = NullIfEmpty(organisations.InOrder.Select(o => new OrganisationRecord
            {
                Id = organisations.IdOf(o), Name = o.Name, StakeholderGroup = o.StakeholderGroup, RegionalGroup = o.RegionalGroup, Country = o.CountryCode,
            }).ToList()),
            People = NullIfEmpty(people.InOrder.Select(p => new PersonRecord
            {
                Id = people.IdOf(p), Honorific = p.Honorific, Name = p.Name, Title = p.Title, Affiliation = p.Affiliation,
                StakeholderGroup = p.StakeholderGroup, RegionalGroup = p.RegionalGroup, Country = p.CountryCode, TimeZone = p.TimeZoneId,
            }).ToList()),
            Sessions = NullIfEmpty(records),
        };
    }

    public static async Task<byte[]> BytesAsync(PlenaryDb db, Forum forum, CancellationToken cancel) =>
        ForumDocumentJson.Write(await DocumentAsync(db, forum, cancel));

    /// <summary>"igf2022-forum.json".</summary>
    public static string FileName(string forumSlug) => $"{forumSlug}-forum.json";

    private static List<string>? Codes(Session s, Frameworks.Framework framework) =>
        NullIfEmpty(s.FrameworkLinks.Where(l => l.Framework == framework).Select(l => l.Code)
            .OrderBy(c => Frameworks.FrameworkCatalogue.Position(framework, c)).ThenBy(c => c, StringComparer.Ordinal).ToList());

    private static SessionRecord Session(Forum forum, Session s, List<RecordSection> sections, References<Person> people, References<Organisation> organisations,
        Reports.SessionReporting? reporting, Reports.Transcript? transcript) => new()
    {
        Type = s.Type.Code, Number = s.Number, HasNumber = s.HasNumber ? null : false, Title = s.Title, OriginalLanguage = OriginalLanguage(forum, s),
        Format = s.Format, FormatLine = s.FormatLine,
        Layout = s.Layout, LengthMinutes = s.LengthMinutes, Subtheme = s.Subtheme?.Slug, Day = s.Day, StartsAt = Instant(s.StartsAt), EndsAt = Instant(s.EndsAt),
        Room = s.Room?.Name, Status = s.Status == SessionStatus.Scheduled ? null : s.Status, ScheduleSequence = s.ScheduleSequence == 0 ? null : s.ScheduleSequence,
        ExpectedAttendance = s.ExpectedAttendance, Description = s.Description, Approach = s.Approach,
        Sections = Texts(s, sections),
        Sdgs = NullIfEmpty(s.Sdgs.Select(g => g.Goal).Order().ToList()),
        SdgTargets = NullIfEmpty(s.SdgTargets.Select(t => t.TargetCode).Order(TargetOrder.Instance).ToList()),
        SdgText = s.SdgText,
        Gdc = Codes(s, Frameworks.Framework.Gdc),
        Wsis = Codes(s, Frameworks.Framework.Wsis),
        Tags = NullIfEmpty(s.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList()),
        Roles = NullIfEmpty(s.Roles.OrderBy(r => r.Position).ThenBy(r => r.Id).Select(r => new RoleRecord
        {
            Kind = r.Kind,
            Mode = r.Mode,
            Person = r.Person is { } person ? people.IdOf(person) : null,
            Organisation = r.Organisation is { } organisation ? organisations.IdOf(organisation) : null,
            Title = r.Title,
            Affiliation = r.Affiliation,
            ToBeConfirmed = r.ToBeConfirmed ? true : null,
        }).ToList()),
        Takeaways = Outputs(s, TakeawayKind.KeyTakeaway),
        CallsToAction = Outputs(s, TakeawayKind.CallToAction),
        Report = s.Report is not { } report ? null : new ReportRecord
        {
            Body = report.Body, KeyIssues = report.KeyIssues, Presentations = report.Presentations, WayForward = report.WayForward,
            OnsiteParticipants = report.OnsiteParticipants, OnlineParticipants = report.OnlineParticipants, SubmittedAt = Instant(report.SubmittedAt),
        },
        GenderReport = s.GenderReport is not { } gender ? null : new GenderReportRecord
        {
            ParticipantCount = gender.ParticipantCount, WomenAndGenderDiversePercent = gender.WomenAndGenderDiversePercent, WomenSpeakers = gender.WomenSpeakers,
            WomenModerators = gender.WomenModerators, GenderWasTopic = gender.GenderWasTopic, Narrative = gender.Narrative,
        },
        Reporting = Reporting(reporting),
        Transcript = transcript is null ? null : new TranscriptRecord { Format = transcript.Format, Source = transcript.Source, SavedAt = Instant(transcript.SavedAt) },
    };

    /// <summary>In the forum's order of sections, which a dictionary keeps as it is filled: the bytes do not depend on the rows' order.</summary>
    private static Dictionary<string, string>? Texts(Session s, List<RecordSection> sections)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            if (s.Sections.FirstOrDefault(t => t.SectionId == section.Id) is { } text)
            {
                texts.Add(section.Slug, text.Text);
            }
        }
        return texts.Count == 0 ? null : texts;
    }

    private static List<TakeawayRecord>? Outputs(Session s, TakeawayKind kind) =>
        NullIfEmpty(s.Takeaways.Where(t => t.Kind == kind).OrderBy(t => t.Position).ThenBy(t => t.Id)
            .Select(t => new TakeawayRecord { Text = t.Text, Addressee = t.Addressee }).ToList());

    /// <summary>
    /// The session's own language when the forum still has it. One the forum has since dropped is left out, the session then
    /// read as in the forum's first, as the import would otherwise refuse the document that carries it.
    /// </summary>
    private static string? OriginalLanguage(Forum forum, Session s) =>
        s.OriginalLanguage is null ? null : forum.Languages.FirstOrDefault(l => string.Equals(l, s.OriginalLanguage, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The translations the session shows in the forum's languages, referring to their parts as the document does: a section by its slug, an output
    /// by its place in the list written above (its position in the database may have gaps, which the import closes). By
    /// language in the forum's order, then part and place, never by row: another installation writes the same order.
    /// </summary>
    private static List<TranslationRecord>? Translations(Forum forum, Session s, List<RecordSection> sections, IEnumerable<SessionTranslation> translations)
    {
        var original = OriginalLanguage(forum, s) ?? forum.Languages.FirstOrDefault() ?? "en";
        var languages = forum.Languages.Select((l, i) => (l, i)).DistinctBy(x => x.l, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(x => x.l, x => x.i, StringComparer.OrdinalIgnoreCase);
        var places = new Dictionary<(TranslatedPart, int), int>();
        foreach (var (part, kind) in new[] { (TranslatedPart.Takeaway, TakeawayKind.KeyTakeaway), (TranslatedPart.CallToAction, TakeawayKind.CallToAction) })
        {
            var listed = s.Takeaways.Where(t => t.Kind == kind).OrderBy(t => t.Position).ThenBy(t => t.Id).ToList();
            for (var i = 0; i < listed.Count; i++)
            {
                places.TryAdd((part, listed[i].Position), i + 1);
            }
        }
        var records = new List<(int Language, int Place, TranslationRecord Record)>();
        foreach (var t in translations)
        {
            // A language the forum has since dropped would make the document one its own import refuses.
            if (string.Equals(t.Language, original, StringComparison.OrdinalIgnoreCase) || !languages.TryGetValue(t.Language, out var order)
                || SessionContent.OriginalText(s, t.Part, t.PartId) is null)
            {
                continue;
            }
            var (section, position, place) = t.Part switch
            {
                TranslatedPart.Section => (sections.Find(x => x.Id == t.PartId)?.Slug, (int?)null, sections.FindIndex(x => x.Id == t.PartId)),
                TranslatedPart.Takeaway or TranslatedPart.CallToAction => (null, places[(t.Part, t.PartId)], places[(t.Part, t.PartId)]),
                _ => (null, null, 0),
            };
            records.Add((order, place, new TranslationRecord
            {
                Language = t.Language, Part = t.Part, Section = section, Position = position, Text = t.Text, OriginalDigest = t.OriginalDigest,
                TranslatedBy = t.TranslatedByName, TranslatedAt = Instant(t.TranslatedAt),
            }));
        }
        return NullIfEmpty(records.OrderBy(x => x.Language).ThenBy(x => x.Record.Language, StringComparer.Ordinal).ThenBy(x => x.Record.Part)
            .ThenBy(x => x.Place).Select(x => x.Record).ToList());
    }

    /// <summary>Only what was submitted and when; a row holding nothing but a draft is private to its writers and gives nothing.</summary>
    private static ReportingRecord? Reporting(Reports.SessionReporting? r)
    {
        if (r is null)
        {
            return null;
        }
        var record = new ReportingRecord
        {
            TakeawaysSubmittedAt = Instant(r.TakeawaysSubmittedAt), TakeawaysDueAt = Instant(r.TakeawaysDueAt), TakeawaysExtendedTo = Instant(r.TakeawaysExtendedTo),
            ReportSubmittedAt = Instant(r.ReportSubmittedAt), ReportDueAt = Instant(r.ReportDueAt), ReportExtendedTo = Instant(r.ReportExtendedTo),
        };
        return record == new ReportingRecord() ? null : record;
    }

    /// <summary>
    /// To the microsecond, which both databases keep: a forum moved from SQLite (ticks) to PostgreSQL (microseconds)
    /// then writes the same instants.
    /// </summary>
    internal static DateTime? Instant(DateTime? value) =>
        value is not { } v ? null : DateTime.SpecifyKind(new DateTime(v.Ticks - v.Ticks % 10), DateTimeKind.Utc);

    private static List<T>? NullIfEmpty<T>(List<T> list) => list.Count == 0 ? null : list;

    /// <summary>Document-local ids in order of first appearance: p1, p2...</summary>
    private sealed class References<T>(string prefix) where T : class
    {
        private readonly Dictionary<int, (string Id, T Item)> byKey = [];
        private readonly List<T> order = [];

        public IReadOnlyList<T> InOrder => order;

        public string IdOf(T item)
        {
            var key = item switch { Person p => p.Id, Organisation o => o.Id, _ => throw new ArgumentException("Only people and organisations are referenced.", nameof(item)) };
            if (!byKey.TryGetValue(key, out var found))
            {
                order.Add(item);
                found = ($"{prefix}{order.Count}", item);
                byKey[key] = found;
            }
            return found.Id;
        }
    }

    /// <summary>"9.1" before "9.c" before "10.1": goal by number, then the target as the UN orders it (digits before letters).</summary>
    private sealed class TargetOrder : IComparer<string>
    {
        public static readonly TargetOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (xGoal, xTarget) = Split(x ?? "");
            var (yGoal, yTarget) = Split(y ?? "");
            var byGoal = xGoal.CompareTo(yGoal);
            if (byGoal != 0)
            {
                return byGoal;
            }
            var (xNumber, yNumber) = (int.TryParse(xTarget, out var a) ? a : int.MaxValue, int.TryParse(yTarget, out var b) ? b : int.MaxValue);
            return xNumber != yNumber ? xNumber.CompareTo(yNumber) : string.CompareOrdinal(xTarget, yTarget);
        }

        private static (int Goal, string Target) Split(string code)
        {
            var dot = code.IndexOf('.');
            return dot < 0 ? (int.TryParse(code, out var g) ? g : 0, "") : (int.TryParse(code[..dot], out var goal) ? goal : 0, code[(dot + 1)..]);
        }
    }
}
