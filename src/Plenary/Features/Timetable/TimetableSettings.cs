using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Rooms;

namespace Plenary.Features.Timetable;

/// <summary>
/// A forum's time grid: the daily window sessions sit in, the slot length starts snap to, and the breaks. Times are
/// minutes after local midnight in the forum's zone. A forum without a row uses <see cref="Usual"/>.
/// </summary>
public sealed class TimetableSettings
{
    public int ForumId { get; set; }
    public int DayStartMinutes { get; set; } = 9 * 60;
    public int DayEndMinutes { get; set; } = 19 * 60;
    public int SlotMinutes { get; set; } = 15;
    public List<TimetableBreak> Breaks { get; set; } = [];
    public List<RuleSeverity> Severities { get; set; } = [];

    public static TimetableSettings Usual(int forumId) => new() { ForumId = forumId };

    public Severity SeverityOf(TimetableRule rule) =>
        Severities.FirstOrDefault(s => s.Rule == rule)?.Severity ?? RuleDefaults.Of(rule);
}

/// <summary>A pause every day of the forum (lunch, coffee), during which no session runs.</summary>
public sealed class TimetableBreak
{
    public int Id { get; set; }
    public int ForumId { get; set; }
    public int StartMinutes { get; set; }
    public int EndMinutes { get; set; }
}

/// <summary>How much a forum cares about one rule; rules without a row keep their default.</summary>
public sealed class RuleSeverity
{
    public int ForumId { get; set; }
    public TimetableRule Rule { get; set; }
    public Severity Severity { get; set; }
}

/// <summary>When a room can be used on one day of the forum. A room without windows on a day is open for the whole daily window.</summary>
public sealed class RoomAvailability
{
    public int Id { get; set; }
    public int RoomId { get; set; }
    public DateOnly Day { get; set; }
    public int StartMinutes { get; set; }
    public int EndMinutes { get; set; }
}

/// <summary>
/// When a person said they can take part, in the forum's local time. A person without windows is taken to be available
/// throughout; one with windows only within them.
/// </summary>
public sealed class PersonAvailability
{
    public int Id { get; set; }
    public int ForumId { get; set; }
    public int PersonId { get; set; }
    public DateOnly Day { get; set; }
    public int StartMinutes { get; set; }
    public int EndMinutes { get; set; }
}

public enum Severity
{
    Block,
    Warn,
    Ignore,
}

public enum TimetableRule
{
    RoomClash,
    PersonClash,
    PersonUnavailable,
    HybridWithoutEquipment,
    OverCapacity,
    OutsideGrid,
    RoomUnavailable,
    OnlineAtNight,
}

public static class RuleDefaults
{
    public static Severity Of(TimetableRule rule) => rule switch
    {
        TimetableRule.RoomClash or TimetableRule.HybridWithoutEquipment or TimetableRule.RoomUnavailable => Severity.Block,
        _ => Severity.Warn,
    };
}

public sealed class TimetableSettingsConfiguration : IEntityTypeConfiguration<TimetableSettings>
{
    public void Configure(EntityTypeBuilder<TimetableSettings> settings)
    {
        settings.ToTable("TimetableSettings");
        settings.HasKey(t => t.ForumId);
        settings.HasOne<Forum>().WithMany().HasForeignKey(t => t.ForumId).OnDelete(DeleteBehavior.Cascade);
        settings.HasMany(t => t.Breaks).WithOne().HasForeignKey(b => b.ForumId).HasPrincipalKey(t => t.ForumId);
        settings.HasMany(t => t.Severities).WithOne().HasForeignKey(b => b.ForumId).HasPrincipalKey(t => t.ForumId);
    }
}

public sealed class TimetableBreakConfiguration : IEntityTypeConfiguration<TimetableBreak>
{
    public void Configure(EntityTypeBuilder<TimetableBreak> timetableBreak)
    {
        timetableBreak.ToTable("TimetableBreaks");
    }
}

public sealed class RuleSeverityConfiguration : IEntityTypeConfiguration<RuleSeverity>
{
    public void Configure(EntityTypeBuilder<RuleSeverity> severity)
    {
        severity.ToTable("RuleSeverities");
        severity.HasKey(r => new { r.ForumId, r.Rule });
    }
}

public sealed class RoomAvailabilityConfiguration : IEntityTypeConfiguration<RoomAvailability>
{
    public void Configure(EntityTypeBuilder<RoomAvailability> window)
    {
        window.ToTable("RoomAvailabilities");
        window.HasOne<Room>().WithMany().HasForeignKey(w => w.RoomId).OnDelete(DeleteBehavior.Cascade);
        window.HasIndex(w => new { w.RoomId, w.Day });
    }
}

public sealed class PersonAvailabilityConfiguration : IEntityTypeConfiguration<PersonAvailability>
{
    public void Configure(EntityTypeBuilder<PersonAvailability> window)
    {
        window.ToTable("PersonAvailabilities");
        window.HasOne<Forum>().WithMany().HasForeignKey(w => w.ForumId).OnDelete(DeleteBehavior.Cascade);
        window.HasOne<Person>().WithMany().HasForeignKey(w => w.PersonId).OnDelete(DeleteBehavior.Cascade);
        window.HasIndex(w => new { w.ForumId, w.PersonId });
        window.HasIndex(w => w.PersonId);
    }
}
