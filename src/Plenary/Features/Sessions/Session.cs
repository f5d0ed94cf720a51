using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Forums;
using Plenary.Features.Rooms;

namespace Plenary.Features.Sessions;

public sealed class Session
{
    public const int MaxTitle = 300;
    
    /// <summary>The description, and the approach and policy questions.</summary>
    public const int MaxText = 20_000;
    public const int MaxSdgText = 10_000;

    public int Id { get; set; }
    public int ForumId { get; set; }
    public Forum Forum { get; set; } = null!;

    public int TypeId { get; set; }
    public SessionType Type { get; set; } = null!;

    public const int MaxFormatLine = 200;

    /// <summary>
    /// Number within its type: the 56 of "Open Forum #56". A session recorded without one (a main session, an NRI
    /// coordination session) still has one here, the next free of its type, for its address only: it is never shown
    /// (<see cref="HasNumber"/>).
    /// </summary>
    public int Number { get; set; }

    /// <summary>False for a session recorded without a number: it is named by its type alone, never "#1".</summary>
    public bool HasNumber { get; set; } = true;
    public required string Title { get; set; }

    public SessionFormat Format { get; set; }

    /// <summary>
    /// The format line as recorded when the forum's list of formats lacks it ("Fishbowl", an old "Panel - Auditorium -
    /// 60 Min"): shown as written, in place of the line made of format, layout and length.
    /// </summary>
    public string? FormatLine { get; set; }

    /// <summary>The seating the organisers asked for, which need not be the room's usual one; null when nobody gave one.</summary>
    public RoomLayout? Layout { get; set; }
    public int LengthMinutes { get; set; }

    /// <summary>Markdown.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// BCP 47 code of the language the session's record and outputs are written in, one of its forum's languages; null for
    /// the forum's first (<see cref="ContentLanguage.OriginalOf"/>), so a forum that changes the order of its languages
    /// does not relabel every session written before. Other languages are given as <see cref="SessionTranslation"/>s.
    /// </summary>
    public string? OriginalLanguage { get; set; }

    /// <summary>Markdown: the approach and policy questions.</summary>
    public string? Approach { get; set; }

    public int? SubthemeId { get; set; }
    public Subtheme? Subtheme { get; set; }

    /// <summary>UTC instant; null until the session is placed in the timetable.</summary>
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }

    /// <summary>
    /// The day, on the forum's clock, of a session dated but not yet timed ("Day 2" of a raw transcript); null once it
    /// has a start, whose day is the day.
    /// </summary>
    public DateOnly? Day { get; set; }

    public int? RoomId { get; set; }
    public Room? Room { get; set; }

    public SessionStatus Status { get; set; }

    /// <summary>
    /// Counts the changes calendar subscribers must see (whatever the VEVENT shows, <see cref="Schedule.CalendarSequence"/>):
    /// the iCalendar SEQUENCE, which tells a calendar app that a newer copy of the event replaces the one it holds.
    /// </summary>
    public int ScheduleSequence { get; set; }

    /// <summary>
    /// Raised by every write of the session or of its tags, SDGs, sections and people (<see cref="SessionVersions"/>) and
    /// checked by it (a concurrency token): of two people saving the session from the same version, the second is told
    /// instead of silently overwriting the first.
    /// </summary>
    public int Version { get; set; }
    /// <summary>How many people the Secretariat expects in the room; compared with its seats.</summary>
    public int? ExpectedAttendance { get; set; }

    /// <summary>Markdown: how the session serves the goals and targets it links to.</summary>
    public string? SdgText { get; set; }

    public List<SessionTag> Tags { get; set; } = [];
    public List<SessionRole> Roles { get; set; } = [];
    public List<SessionSdg> Sdgs { get; set; } = [];
    public List<SessionSdgTarget> SdgTargets { get; set; } = [];

    /// <summary>Global Digital Compact objectives and WSIS action lines, for a forum that uses them.</summary>
    public List<Frameworks.SessionFrameworkLink> FrameworkLinks { get; set; } = [];
    public List<Takeaway> Takeaways { get; set; } = [];

    /// <summary>The text of each of the forum's record sections that has any.</summary>
    public List<SessionSection> Sections { get; set; } = [];
    public SessionReport? Report { get; set; }
    public GenderReport? GenderReport { get; set; }

    /// <summary>"Open Forum #56"; the type's name alone for a session recorded without a number.</summary>
    public string NumberedName => NameOf(Type.NumberLabel, Type.Name, Number, HasNumber);

    /// <summary>The session's name from the columns a query reads: never an invented "#1" for a session recorded without a number.</summary>
    public static string NameOf(string numberLabel, string typeName, int number, bool hasNumber) =>
        hasNumber ? $"{numberLabel} #{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : typeName;

    /// <summary>The key used in URLs, e.g. "of-56".</summary>
    public string Key => SessionKey.Format(Type.Code, Number);

    /// <summary>Links the session to a target and, through it, to the target's goal.</summary>
    public void LinkSdgTarget(Sdgs.SdgTarget target)
    {
        LinkSdg(target.Goal);
        if (SdgTargets.All(t => t.TargetCode != target.Code))
        {
            SdgTargets.Add(new SessionSdgTarget { TargetCode = target.Code });
        }
    }

    /// <summary>Links the session to an objective or action line once, however often it is asked.</summary>
    public void LinkFramework(Frameworks.FrameworkItem item)
    {
        if (FrameworkLinks.All(l => l.Framework != item.Framework || l.Code != item.Code))
        {
            FrameworkLinks.Add(new Frameworks.SessionFrameworkLink { Framework = item.Framework, Code = item.Code });
        }
    }

    public void LinkSdg(int goal)
    {
        if (Sdgs.All(s => s.Goal != goal))
        {
            Sdgs.Add(new SessionSdg { Goal = goal });
        }
    }
}

public enum SessionStatus
{
    Scheduled,
    Cancelled,
}

public enum SessionFormat
{
    Panel,
    RoundTable,
    Debate,
    BirdsOfAFeather,
    Tutorial,
    Other,
}

public enum ParticipationMode
{
    Onsite,
    Online,
}

/// <summary>
/// The parts the IGF's session pages have recorded over the years. New kinds go at the end: the names are stored, and
/// exports that sort by kind keep the order they had.
/// </summary>
public enum SessionRoleKind
{
    Organiser,
    Speaker,
    OnsiteModerator,
    OnlineModerator,
    Rapporteur,

    /// <summary>The main moderator of a main session or an older workshop ("Moderator"), beside any onsite and online ones.</summary>
    Moderator,

    /// <summary>Takes the questions from the room in a main session.</summary>
    FloorModerator,
    Timekeeper,
    CoRapporteur,

    /// <summary>A lightning talk's or a main session's presenter; online, the IGF's "Remote Presenter".</summary>
    Presenter,
}

/// <summary>
/// A person's or organisation's part in a session. One person can hold several roles (a speaker who also
/// moderates), each its own row.
/// </summary>
public sealed class SessionRole
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public SessionRoleKind Kind { get; set; }

    /// <summary>Set for everyone but organising organisations.</summary>
    public int? PersonId { get; set; }
    public People.Person? Person { get; set; }

    /// <summary>Only organisers may be organisations.</summary>
    public int? OrganisationId { get; set; }
    public People.Organisation? Organisation { get; set; }

    public ParticipationMode Mode { get; set; }
    public int Position { get; set; }

    /// <summary>Listed as to be confirmed ("TBC"): shown as such wherever the role is.</summary>
    public bool ToBeConfirmed { get; set; }

    /// <summary>
    /// The person's title as at this session ("Minister of X" in 2016, though "Ambassador" since). With
    /// <see cref="Affiliation"/>, null for both means the session recorded nothing of its own and the person's current
    /// ones are shown; when either is set, the two are this session's, together.
    /// </summary>
    public string? Title { get; set; }

    /// <summary>The person's affiliation as at this session; see <see cref="Title"/>.</summary>
    public string? Affiliation { get; set; }

    /// <summary>True when the session recorded the person's title or affiliation of its own.</summary>
    public bool HasOwnBilling => Title is not null || Affiliation is not null;

    /// <summary>The line under the name on this session: this session's title and affiliation, else the person's current ones.</summary>
    public string? Billing => HasOwnBilling ? People.Person.BillingOf(Title, Affiliation) : Person?.Billing;
}

public sealed class SessionTag
{
    public const int MaxTag = 60;

    public int SessionId { get; set; }
    public required string Tag { get; set; }
}

public sealed class SessionSdg
{
    public int SessionId { get; set; }
    public int Goal { get; set; }
}

public sealed class SessionSdgTarget
{
    public int SessionId { get; set; }

    /// <summary>Official identifier, e.g. "9.c".</summary>
    public required string TargetCode { get; set; }
}

public static class SessionKey
{
    public static string Format(string typeCode, int number) => $"{typeCode.ToLowerInvariant()}-{number}";

    /// <summary>Splits "of-56" into its type code and number; false for anything else.</summary>
    public static bool TryParse(string? key, out string typeCode, out int number)
    {
        typeCode = "";
        number = 0;
        if (string.IsNullOrEmpty(key) || key.Length > 40)
        {
            return false;
        }
        var dash = key.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(key.AsSpan(dash + 1), System.Globalization.NumberStyles.None, null, out number) || number <= 0)
        {
            return false;
        }
        typeCode = key[..dash].ToUpperInvariant();
        return !typeCode.EndsWith('-');
    }
}

public sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> session)
    {
        session.ToTable("Sessions");
        session.Property(s => s.Title).HasMaxLength(Session.MaxTitle);
        session.Property(s => s.Description).HasMaxLength(Session.MaxText);
        session.Property(s => s.Approach).HasMaxLength(Session.MaxText);
        session.Property(s => s.SdgText).HasMaxLength(Session.MaxSdgText);
        session.Property(s => s.FormatLine).HasMaxLength(Session.MaxFormatLine);
        session.Property(s => s.OriginalLanguage).HasMaxLength(SessionTranslation.MaxLanguage);
        // Rows from before the column existed were all numbered.
        session.Property(s => s.HasNumber).HasDefaultValue(true).HasSentinel(true);
        // Rows from before the column existed start at 0, as new ones do.
        session.Property(s => s.ScheduleSequence).HasDefaultValue(0);
        // Rows from before the column existed start at 0, as new ones do.
        session.Property(s => s.Version).IsConcurrencyToken().HasDefaultValue(0);
        session.HasIndex(s => new { s.ForumId, s.TypeId, s.Number }).IsUnique();
        session.HasIndex(s => new { s.ForumId, s.StartsAt });
        session.HasOne(s => s.Forum).WithMany().HasForeignKey(s => s.ForumId);
        session.HasOne(s => s.Type).WithMany().HasForeignKey(s => s.TypeId).OnDelete(DeleteBehavior.Restrict);
        session.HasOne(s => s.Subtheme).WithMany().HasForeignKey(s => s.SubthemeId).OnDelete(DeleteBehavior.SetNull);
        session.HasOne(s => s.Room).WithMany().HasForeignKey(s => s.RoomId).OnDelete(DeleteBehavior.SetNull);
        session.HasMany(s => s.Tags).WithOne().HasForeignKey(t => t.SessionId);
        session.HasMany(s => s.Roles).WithOne().HasForeignKey(r => r.SessionId);
        session.HasMany(s => s.Sdgs).WithOne().HasForeignKey(s => s.SessionId);
        session.HasMany(s => s.SdgTargets).WithOne().HasForeignKey(s => s.SessionId);
        session.HasMany(s => s.FrameworkLinks).WithOne().HasForeignKey(l => l.SessionId);
        session.HasMany(s => s.Takeaways).WithOne().HasForeignKey(t => t.SessionId);
        session.HasMany(s => s.Sections).WithOne().HasForeignKey(t => t.SessionId);
        session.HasOne(s => s.Report).WithOne().HasForeignKey<SessionReport>(r => r.SessionId);
        session.HasOne(s => s.GenderReport).WithOne().HasForeignKey<GenderReport>(r => r.SessionId);
        session.Ignore(s => s.NumberedName);
        session.Ignore(s => s.Key);
    }
}

public sealed class SessionRoleConfiguration : IEntityTypeConfiguration<SessionRole>
{
    public void Configure(EntityTypeBuilder<SessionRole> role)
    {
        role.ToTable("SessionRoles", t => t.HasCheckConstraint(
            "CK_SessionRoles_PersonOrOrganisation",
            "(\"PersonId\" IS NOT NULL AND \"OrganisationId\" IS NULL) OR (\"PersonId\" IS NULL AND \"OrganisationId\" IS NOT NULL AND \"Kind\" = 'Organiser')"));
        role.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        role.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        role.HasIndex(r => new { r.SessionId, r.Kind, r.Position });
        role.Property(r => r.Title).HasMaxLength(People.Person.MaxTitle);
        role.Property(r => r.Affiliation).HasMaxLength(People.Person.MaxAffiliation);
        // Rows from before the column existed were all confirmed.
        role.Property(r => r.ToBeConfirmed).HasDefaultValue(false);
        role.Ignore(r => r.HasOwnBilling);
        role.Ignore(r => r.Billing);
    }
}

public sealed class SessionTagConfiguration : IEntityTypeConfiguration<SessionTag>
{
    public void Configure(EntityTypeBuilder<SessionTag> tag)
    {
        tag.ToTable("SessionTags");
        tag.HasKey(t => new { t.SessionId, t.Tag });
        tag.Property(t => t.Tag).HasMaxLength(SessionTag.MaxTag);
        tag.HasIndex(t => t.Tag);
    }
}

public sealed class SessionSdgConfiguration : IEntityTypeConfiguration<SessionSdg>
{
    public void Configure(EntityTypeBuilder<SessionSdg> sdg)
    {
        sdg.ToTable("SessionSdgs");
        sdg.HasKey(s => new { s.SessionId, s.Goal });
        sdg.HasIndex(s => s.Goal);
    }
}

public sealed class SessionSdgTargetConfiguration : IEntityTypeConfiguration<SessionSdgTarget>
{
    public void Configure(EntityTypeBuilder<SessionSdgTarget> target)
    {
        target.ToTable("SessionSdgTargets");
        target.HasKey(t => new { t.SessionId, t.TargetCode });
        target.Property(t => t.TargetCode).HasMaxLength(8);
        target.HasIndex(t => t.TargetCode);
    }
}
