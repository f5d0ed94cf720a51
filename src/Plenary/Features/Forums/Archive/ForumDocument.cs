using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Plenary.Features.People;
using Plenary.Features.Reports;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;

namespace Plenary.Features.Forums.Archive;

/// <summary>
/// One forum's whole record as a file: how an archive of past editions moves in and how a forum moves between
/// installations. Written by <see cref="ForumExport"/> and read by <see cref="ForumImport"/>; the same forum always gives
/// the same bytes (natural keys, stable order, document-local ids for people), so export → import → export is identical.
/// Absent or null properties mean "not recorded"; nothing secret or personal beyond the public record is in it.
/// </summary>
public sealed record ForumDocument
{
    public const string FormatName = "plenary-forum";

    /// <summary>
    /// 2 added the role kinds beyond the first five, and a role's own title, affiliation and "to be confirmed"; 3 a
    /// session's original language and its translations, and the forum's kind and series; 4 the frameworks beyond the SDGs
    /// the forum uses (the Global Digital Compact, the WSIS action lines) and each session's links to them. An older document is a newer one without what came later, so all
    /// are read; exports write 4, which a Plenary of before the frameworks refuses by its version rather than by a property
    /// it does not know.
    /// </summary>
    public const int CurrentVersion = 4;
    public const int OldestVersion = 1;

    public string? Format { get; init; }
    public int? Version { get; init; }
    public ForumRecord? Forum { get; init; }
    public List<SessionTypeRecord>? SessionTypes { get; init; }
    public List<SubthemeRecord>? Subthemes { get; init; }
    public List<RecordSectionRecord>? Sections { get; init; }
    public List<RoomRecord>? Rooms { get; init; }
    public List<OrganisationRecord>? Organisations { get; init; }
    public List<PersonRecord>? People { get; init; }
    public List<SessionRecord>? Sessions { get; init; }
}

public sealed record ForumRecord
{
    public string? Slug { get; init; }
    public string? Name { get; init; }
    public int? Year { get; init; }

    /// <summary>Written only when not Global, which an absent kind means.</summary>
    public ForumKind? Kind { get; init; }

    /// <summary>The series the forum is an edition of, such as "igf"; absent for a forum of its own.</summary>
    public string? Series { get; init; }
    public string? Theme { get; init; }
    public string? HostCity { get; init; }
    public string? Venue { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; init; }

    /// <summary>IANA zone; every day below is on this clock.</summary>
    public string? TimeZone { get; init; }
    public DateOnly? FirstDay { get; init; }
    public DateOnly? LastDay { get; init; }
    public List<string>? Languages { get; init; }
    public string? Description { get; init; }
    public int? TakeawaysDueMinutes { get; init; }
    public DateOnly? ReportDeadline { get; init; }
    public int? ReportReminderHours { get; init; }

    /// <summary>Written only when true: demo content is labelled as invented on every page.</summary>
    public bool? IsDemo { get; init; }

    /// <summary>Written only when true: the forum links its sessions to the Global Digital Compact's objectives.</summary>
    public bool? UsesGdc { get; init; }

    /// <summary>Written only when true: the forum links its sessions to the WSIS action lines.</summary>
    public bool? UsesWsis { get; init; }
}

/// <summary>In the forum's order; sessions name their type by <see cref="Code"/>.</summary>
public sealed record SessionTypeRecord
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? NumberLabel { get; init; }
    public int? DefaultLengthMinutes { get; init; }
}

/// <summary>In the forum's order; sessions name their subtheme by <see cref="Slug"/>.</summary>
public sealed record SubthemeRecord
{
    public string? Slug { get; init; }
    public string? Name { get; init; }
}

/// <summary>
/// A part of the forum's session record beyond the fixed fields, in the forum's order; sessions key their text by
/// <see cref="Slug"/>. Both flags are always written, so a reader need not know their defaults.
/// </summary>
public sealed record RecordSectionRecord
{
    public string? Slug { get; init; }
    public string? Title { get; init; }
    public string? Help { get; init; }
    public bool? InProposalForm { get; init; }
    public bool? IsPublic { get; init; }
}

/// <summary>In the forum's order; sessions name their room by <see cref="Name"/>. Join links and passcodes are never written.</summary>
public sealed record RoomRecord
{
    public string? Name { get; init; }
    public RoomLayout? Layout { get; init; }
    public int? Capacity { get; init; }
    public bool? HasOnlineEquipment { get; init; }
}

/// <summary>An organisation organising sessions; <see cref="Id"/> is the document's own reference ("o1").</summary>
public sealed record OrganisationRecord
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public StakeholderGroup? StakeholderGroup { get; init; }
    public RegionalGroup? RegionalGroup { get; init; }
    public string? Country { get; init; }
}

/// <summary>
/// A person appearing in the forum's sessions, as the public session page shows them, plus the zone the timetable's
/// night-hours rule reads. <see cref="Id"/> is the document's own reference ("p1"). Never their e-mail address, account
/// or self-described gender.
/// </summary>
public sealed record PersonRecord
{
    public string? Id { get; init; }
    public string? Honorific { get; init; }
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Affiliation { get; init; }
    public StakeholderGroup? StakeholderGroup { get; init; }
    public RegionalGroup? RegionalGroup { get; init; }
    public string? Country { get; init; }
    public string? TimeZone { get; init; }
}

/// <summary>
/// A session with its whole record. Its key is <see cref="Type"/> and <see cref="Number"/>; a session recorded without a
/// number keeps one for its address, with <see cref="HasNumber"/> false. Instants are UTC; <see cref="Day"/> dates a
/// session not yet timed, on the forum's clock.
/// </summary>
public sealed record SessionRecord
{
    public string? Type { get; init; }
    public int? Number { get; init; }

    /// <summary>Written only when false.</summary>
    public bool? HasNumber { get; init; }
    public string? Title { get; init; }

    /// <summary>
    /// One of the forum's languages, written only when the session names its own (version 3); absent, the session is in
    /// the forum's first language, whatever that is later.
    /// </summary>
    public string? OriginalLanguage { get; init; }
    public SessionFormat? Format { get; init; }
    public string? FormatLine { get; init; }
    public RoomLayout? Layout { get; init; }
    public int? LengthMinutes { get; init; }
    public string? Subtheme { get; init; }
    public DateOnly? Day { get; init; }
    public DateTime? StartsAt { get; init; }
    public DateTime? EndsAt { get; init; }
    public string? Room { get; init; }

    /// <summary>Written only for a cancelled session.</summary>
    public SessionStatus? Status { get; init; }

    /// <summary>The iCalendar SEQUENCE reached, so calendars subscribed before the move still take the next change; written only when above 0.</summary>
    public int? ScheduleSequence { get; init; }
    public int? ExpectedAttendance { get; init; }
    public string? Description { get; init; }
    public string? Approach { get; init; }

    /// <summary>Markdown by section slug, in the forum's order of sections; a section the session left empty is absent.</summary>
    public Dictionary<string, string>? Sections { get; init; }
    public List<int>? Sdgs { get; init; }
    public List<string>? SdgTargets { get; init; }
    public string? SdgText { get; init; }

    /// <summary>The Global Digital Compact objectives ("3"), in the Compact's order; only in a forum that <see cref="ForumRecord.UsesGdc"/>.</summary>
    public List<string>? Gdc { get; init; }

    /// <summary>The WSIS action lines ("C5"), in their order; only in a forum that <see cref="ForumRecord.UsesWsis"/>.</summary>
    public List<string>? Wsis { get; init; }
    public List<string>? Tags { get; init; }

    /// <summary>In the session's order; each names a person or, for an organiser, an organisation by the document's id.</summary>
    public List<RoleRecord>? Roles { get; init; }
    public List<TakeawayRecord>? Takeaways { get; init; }
    public List<TakeawayRecord>? CallsToAction { get; init; }
    public ReportRecord? Report { get; init; }
    public GenderReportRecord? GenderReport { get; init; }
    public ReportingRecord? Reporting { get; init; }
    public TranscriptRecord? Transcript { get; init; }

    /// <summary>
    /// Its texts in the forum's other languages (version 3): by language in the forum's order, then as the session shows its
    /// parts. Only what the document's own import takes: one whose original is gone, in the session's own language or in a
    /// language the forum has since dropped, is left out.
    /// </summary>
    public List<TranslationRecord>? Translations { get; init; }
}

public sealed record RoleRecord
{
    public SessionRoleKind? Kind { get; init; }
    public ParticipationMode? Mode { get; init; }
    public string? Person { get; init; }
    public string? Organisation { get; init; }

    /// <summary>The person's title as at this session, when the session recorded its own (version 2).</summary>
    public string? Title { get; init; }

    /// <summary>The person's affiliation as at this session, when the session recorded its own (version 2).</summary>
    public string? Affiliation { get; init; }

    /// <summary>Written only when true: listed as to be confirmed (version 2).</summary>
    public bool? ToBeConfirmed { get; init; }
}

/// <summary>A key takeaway, or a call to action with who should act.</summary>
public sealed record TakeawayRecord
{
    public string? Text { get; init; }
    public CallToActionAddressee? Addressee { get; init; }
}

/// <summary>
/// One part of a session in another language. The part is referred to as the document itself has it, never by a row:
/// a record section by the slug of <see cref="ForumDocument.Sections"/>, a takeaway or call to action by its place in the
/// session's list (1 the first); the other parts are one per session. The translator is named as the session page names
/// them, never by their account.
/// </summary>
public sealed record TranslationRecord
{
    public string? Language { get; init; }
    public TranslatedPart? Part { get; init; }

    /// <summary>For <see cref="TranslatedPart.Section"/> only: the section's slug.</summary>
    public string? Section { get; init; }

    /// <summary>For <see cref="TranslatedPart.Takeaway"/> and <see cref="TranslatedPart.CallToAction"/> only: 1 for the first.</summary>
    public int? Position { get; init; }
    public string? Text { get; init; }

    /// <summary>
    /// The digest of the original the translation was made from (<see cref="SessionTranslation.DigestOf"/>): one that no
    /// longer matches the original's text is shown as "the original has changed since", as it was before the move.
    /// </summary>
    public string? OriginalDigest { get; init; }
    public string? TranslatedBy { get; init; }
    public DateTime? TranslatedAt { get; init; }
}

public sealed record ReportRecord
{
    public string? Body { get; init; }
    public string? KeyIssues { get; init; }
    public string? Presentations { get; init; }
    public string? WayForward { get; init; }
    public int? OnsiteParticipants { get; init; }
    public int? OnlineParticipants { get; init; }
    public DateTime? SubmittedAt { get; init; }
}

public sealed record GenderReportRecord
{
    public int? ParticipantCount { get; init; }
    public int? WomenAndGenderDiversePercent { get; init; }
    public int? WomenSpeakers { get; init; }
    public int? WomenModerators { get; init; }
    public bool? GenderWasTopic { get; init; }
    public string? Narrative { get; init; }
}

/// <summary>When the outputs were first submitted, against which deadline, and the Secretariat's extensions. Never the writers' draft.</summary>
public sealed record ReportingRecord
{
    public DateTime? TakeawaysSubmittedAt { get; init; }
    public DateTime? TakeawaysDueAt { get; init; }
    public DateTime? TakeawaysExtendedTo { get; init; }
    public DateTime? ReportSubmittedAt { get; init; }
    public DateTime? ReportDueAt { get; init; }
    public DateTime? ReportExtendedTo { get; init; }
}

/// <summary>The transcript exactly as given; its speaker turns are read again from it on import.</summary>
public sealed record TranscriptRecord
{
    public TranscriptFormat? Format { get; init; }
    public string? Source { get; init; }
    public DateTime? SavedAt { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict, AllowTrailingCommas = false, ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ForumDocument))]
internal sealed partial class ForumDocumentContext : JsonSerializerContext;

public static class ForumDocumentJson
{
    /// <summary>
    /// Names in other scripts stay readable in the file (it is a download, never put into a page); line ends are "\n" on
    /// every system, so the bytes do not depend on where the file was written.
    /// </summary>
    private static readonly JsonSerializerOptions Options = new(ForumDocumentContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
        TypeInfoResolver = ForumDocumentContext.Default,
    };

    public const string MediaType = "application/json";

    public static byte[] Write(ForumDocument document)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ForumDocument>)Options.GetTypeInfo(typeof(ForumDocument)));
        // A final line end, as text files have.
        return [.. bytes, (byte)'\n'];
    }

    public static ForumDocument? Read(JsonElement json) =>
        json.Deserialize((System.Text.Json.Serialization.Metadata.JsonTypeInfo<ForumDocument>)Options.GetTypeInfo(typeof(ForumDocument)));
}
