using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Plenary.Features.Forums;

/// <summary>One edition of a forum, such as "IGF 2022". Dates are local to <see cref="TimeZoneId"/>.</summary>
public sealed class Forum
{
    public const int MaxSlug = 60;
    public const int MaxName = 200;
    public const int MaxHostCity = 120;
    public const int MaxVenue = 200;
    public const int MaxTheme = 500;
    public const int MaxDescription = 20_000;
    public const int MaxSeries = 60;
    
    /// <summary>The language codes joined by commas, as stored.</summary>
    public const int MaxLanguages = 200;

    public int Id { get; set; }

    /// <summary>The URL name, e.g. "igf2022".</summary>
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int Year { get; set; }
    public required string HostCity { get; set; }
    public required string Venue { get; set; }

    /// <summary>Whose forum this is: the global IGF, or a regional, national or youth initiative; the archive groups by it.</summary>
    public ForumKind Kind { get; set; }

    /// <summary>
    /// The forum this is an edition of, as a short slug ("igf", "eurodig", "igf-kenya"): forums of one series are linked as
    /// previous and next editions, and screening reads the previous one's reports. Null for a forum that is a series of its own.
    /// </summary>
    public string? Series { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code of the host country.</summary>
    public string? CountryCode { get; set; }

    /// <summary>IANA time zone, e.g. "Africa/Addis_Ababa".</summary>
    public required string TimeZoneId { get; set; }
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }

    /// <summary>The overarching theme, plain text.</summary>
    public required string Theme { get; set; }

    /// <summary>Markdown.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// BCP 47 codes of the languages the forum works in: offered in the room (interpretation, captioning) and its content
    /// languages, in which a session's record may be given (<see cref="Sessions.SessionTranslation"/>). The first is a
    /// session's original language unless it says otherwise.
    /// </summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Minutes after a session's end by which its key takeaways are due; null for the IGF's two hours.</summary>
    public int? TakeawaysDueMinutes { get; set; }

    /// <summary>Forum-local day by whose end session and gender reports are due; null for two weeks after the last day.</summary>
    public DateOnly? ReportDeadline { get; set; }

    /// <summary>Hours before the report deadline at which writers who have not filed are reminded; null for 48.</summary>
    public int? ReportReminderHours { get; set; }

    /// <summary>Demo content is invented and labelled as such on every page.</summary>
    public bool IsDemo { get; set; }

    /// <summary>Sessions may be linked to the Global Digital Compact's objectives (every forum links to the SDGs).</summary>
    public bool UsesGdc { get; set; }

    /// <summary>Sessions may be linked to the WSIS action lines.</summary>
    public bool UsesWsis { get; set; }

    public bool Uses(Frameworks.Framework framework) => framework == Frameworks.Framework.Gdc ? UsesGdc : UsesWsis;

    /// <summary>The frameworks beyond the SDGs the forum links its sessions to, in the catalogue's order.</summary>
    public IEnumerable<Frameworks.Framework> UsedFrameworks => Frameworks.FrameworkCatalogue.All.Where(Uses);

    public List<Subtheme> Subthemes { get; set; } = [];
    public List<SessionType> SessionTypes { get; set; } = [];
    public List<Rooms.Room> Rooms { get; set; } = [];
    public List<Sessions.RecordSection> RecordSections { get; set; } = [];

    public IEnumerable<DateOnly> Days()
    {
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}

/// <summary>Stored by name, so a reader of the database or the forum document sees the word.</summary>
public enum ForumKind
{
    Global,
    Regional,
    National,
    Youth,
}

/// <summary>A track of the forum's programme, such as "Connecting All People and Safeguarding Human Rights".</summary>
public sealed class Subtheme
{
    public int Id { get; set; }
    public int ForumId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
}

/// <summary>
/// A kind of session the forum runs, configured per forum. Sessions are numbered within their type and shown
/// the IGF way: <see cref="NumberLabel"/> "Open Forum" gives "Open Forum #56", "WS" gives "WS #175".
/// </summary>
public sealed class SessionType
{
    public int Id { get; set; }
    public int ForumId { get; set; }

    /// <summary>Short code, unique in the forum, used in URLs: "WS", "OF", "TH", "LT", "NS", "DAY0".</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NumberLabel { get; set; }
    public int DefaultLengthMinutes { get; set; }
    public int Position { get; set; }

    public string Numbered(int number) => $"{NumberLabel} #{number}";

    /// <summary>
    /// The session types the IGF runs, with its labels and usual lengths. A new forum starts with them so its
    /// programme and call for proposals work at once; the Secretariat then adds, changes or removes types.
    /// </summary>
    public static List<SessionType> IgfUsual() =>
    [
        Usual("WS", "Workshop", "WS", 90, 1),
        Usual("OF", "Open Forum", "Open Forum", 60, 2),
        Usual("TH", "Town Hall", "Town Hall", 60, 3),
        Usual("LT", "Lightning Talk", "Lightning Talk", 20, 4),
        Usual("NS", "Networking Session", "Networking Session", 60, 5),
        Usual("DAY0", "Day 0 Event", "Day 0 Event", 90, 6),
        Usual("MAIN", "Main Session", "Main Session", 90, 7),
        Usual("NRI", "NRI Collaborative Session", "NRI Collaborative Session", 90, 8),
        Usual("LA", "Launch & Award", "Launch & Award Event", 30, 9),
        Usual("DC", "Dynamic Coalition / Best Practice Forum session", "DC/BPF Session", 60, 10),
    ];

    private static SessionType Usual(string code, string name, string label, int minutes, int position) =>
        new() { Code = code, Name = name, NumberLabel = label, DefaultLengthMinutes = minutes, Position = position };

    private static readonly Dictionary<string, string> UsualNames = IgfUsual().ToDictionary(t => t.Code, t => t.Name, StringComparer.Ordinal);

    /// <summary>
    /// Whether this type still carries the IGF's own name for its code: then the interface can show the name in the reader's
    /// language. A name the Secretariat chose is the forum's text and is shown as written.
    /// </summary>
    public static bool HasUsualName(string code, string name) =>
        UsualNames.TryGetValue(code, out var usual) && string.Equals(usual, name, StringComparison.Ordinal);
}

public sealed class ForumConfiguration : IEntityTypeConfiguration<Forum>
{
    public void Configure(EntityTypeBuilder<Forum> forum)
    {
        forum.ToTable("Forums");
        forum.Property(f => f.Slug).HasMaxLength(Forum.MaxSlug);
        forum.HasIndex(f => f.Slug).IsUnique();
        forum.Property(f => f.Name).HasMaxLength(Forum.MaxName);
        forum.Property(f => f.HostCity).HasMaxLength(Forum.MaxHostCity);
        forum.Property(f => f.Venue).HasMaxLength(Forum.MaxVenue);
        forum.Property(f => f.CountryCode).HasMaxLength(2);
        forum.Property(f => f.TimeZoneId).HasMaxLength(64);
        forum.Property(f => f.Theme).HasMaxLength(Forum.MaxTheme);
        forum.Property(f => f.Description).HasMaxLength(Forum.MaxDescription);
        forum.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        forum.Property(f => f.Series).HasMaxLength(Forum.MaxSeries);
        // Forums from before the frameworks existed link to the SDGs only.
        forum.Property(f => f.UsesGdc).HasDefaultValue(false);
        forum.Property(f => f.UsesWsis).HasDefaultValue(false);
        forum.Ignore(f => f.UsedFrameworks);
        forum.HasIndex(f => f.Series);
        forum.Property(f => f.Languages)
            .HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()))
            .HasMaxLength(Forum.MaxLanguages);
        forum.HasMany(f => f.Subthemes).WithOne().HasForeignKey(s => s.ForumId);
        forum.HasMany(f => f.SessionTypes).WithOne().HasForeignKey(t => t.ForumId);
        forum.HasMany(f => f.Rooms).WithOne().HasForeignKey(r => r.ForumId);
    }
}

public sealed class SubthemeConfiguration : IEntityTypeConfiguration<Subtheme>
{
    public void Configure(EntityTypeBuilder<Subtheme> subtheme)
    {
        subtheme.ToTable("Subthemes");
        subtheme.Property(s => s.Slug).HasMaxLength(80);
        subtheme.Property(s => s.Name).HasMaxLength(200);
        subtheme.HasIndex(s => new { s.ForumId, s.Slug }).IsUnique();
    }
}

public sealed class SessionTypeConfiguration : IEntityTypeConfiguration<SessionType>
{
    public void Configure(EntityTypeBuilder<SessionType> type)
    {
        type.ToTable("SessionTypes");
        type.Property(t => t.Code).HasMaxLength(10);
        type.Property(t => t.Name).HasMaxLength(100);
        type.Property(t => t.NumberLabel).HasMaxLength(60);
        type.HasIndex(t => new { t.ForumId, t.Code }).IsUnique();
    }
}
