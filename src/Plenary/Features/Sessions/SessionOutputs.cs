using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Plenary.Features.Sessions;

/// <summary>A key takeaway or a call to action, due two hours after the session ends.</summary>
public sealed class Takeaway
{
    public const int MaxText = 5_000;

    public int Id { get; set; }
    public int SessionId { get; set; }
    public TakeawayKind Kind { get; set; }
    public int Position { get; set; }

    /// <summary>Markdown.</summary>
    public required string Text { get; set; }

    /// <summary>For calls to action: who should act.</summary>
    public CallToActionAddressee? Addressee { get; set; }
}

public enum TakeawayKind
{
    KeyTakeaway,
    CallToAction,
}

public enum CallToActionAddressee
{
    Governments,
    PrivateSector,
    CivilSociety,
    TechnicalCommunity,
    All,
}

public sealed class SessionReport
{
    /// <summary>Key issues, and the way forward.</summary>
    public const int MaxSection = 10_000;
    public const int MaxPresentations = 20_000;
    public const int MaxBody = 50_000;

    public int SessionId { get; set; }

    /// <summary>Markdown: the discussion (reports from before the structured form hold the whole report here).</summary>
    public required string Body { get; set; }
    public DateTime? SubmittedAt { get; set; }

    /// <summary>Markdown: the key issues raised, one sentence each.</summary>
    public string? KeyIssues { get; set; }

    /// <summary>Markdown: a summary of each presentation, if any.</summary>
    public string? Presentations { get; set; }

    /// <summary>Markdown: the way forward and participants' suggestions.</summary>
    public string? WayForward { get; set; }
    public int? OnsiteParticipants { get; set; }
    public int? OnlineParticipants { get; set; }
}

/// <summary>The "Reflection on Gender Issues" every session files with its report.</summary>
public sealed class GenderReport
{
    public int SessionId { get; set; }
    public int? ParticipantCount { get; set; }

    /// <summary>Estimated share of women and gender-diverse people among participants, 0 to 100.</summary>
    public int? WomenAndGenderDiversePercent { get; set; }

    /// <summary>How many of the speakers and of the moderators were women.</summary>
    public int? WomenSpeakers { get; set; }
    public int? WomenModerators { get; set; }

    /// <summary>Whether the session engaged with gender as a topic.</summary>
    public bool? GenderWasTopic { get; set; }

    /// <summary>Markdown.</summary>
    public string? Narrative { get; set; }
}

public sealed class TakeawayConfiguration : IEntityTypeConfiguration<Takeaway>
{
    public void Configure(EntityTypeBuilder<Takeaway> takeaway)
    {
        takeaway.ToTable("Takeaways");
        takeaway.Property(t => t.Text).HasMaxLength(Takeaway.MaxText);
        takeaway.HasIndex(t => new { t.SessionId, t.Kind, t.Position });
    }
}

public sealed class SessionReportConfiguration : IEntityTypeConfiguration<SessionReport>
{
    public void Configure(EntityTypeBuilder<SessionReport> report)
    {
        report.ToTable("SessionReports");
        report.HasKey(r => r.SessionId);
        report.Property(r => r.Body).HasMaxLength(SessionReport.MaxBody);
        report.Property(r => r.KeyIssues).HasMaxLength(SessionReport.MaxSection);
        report.Property(r => r.Presentations).HasMaxLength(SessionReport.MaxPresentations);
        report.Property(r => r.WayForward).HasMaxLength(SessionReport.MaxSection);
    }
}

public sealed class GenderReportConfiguration : IEntityTypeConfiguration<GenderReport>
{
    public void Configure(EntityTypeBuilder<GenderReport> report)
    {
        report.ToTable("GenderReports", t => t.HasCheckConstraint(
            "CK_GenderReports_Percent", "\"WomenAndGenderDiversePercent\" IS NULL OR (\"WomenAndGenderDiversePercent\" BETWEEN 0 AND 100)"));
        report.HasKey(r => r.SessionId);
        report.Property(r => r.Narrative).HasMaxLength(20_000);
    }
}
