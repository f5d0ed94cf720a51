using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Sessions;

namespace Plenary.Features.Reports;

/// <summary>
/// Where one session stands in the reporting cycle: the Secretariat's extensions of its deadlines, when each part was
/// first submitted against the deadline then in force, and the draft being written. The public outputs themselves stay in
/// <see cref="Sessions.Takeaway"/>, <see cref="Sessions.SessionReport"/> and <see cref="Sessions.GenderReport"/>; the draft
/// never reaches them until it is submitted.
/// </summary>
public sealed class SessionReporting
{
    public int SessionId { get; set; }

    /// <summary>UTC; set by the Secretariat for this session only, replacing the forum's rule.</summary>
    public DateTime? TakeawaysExtendedTo { get; set; }
    public DateTime? ReportExtendedTo { get; set; }

    /// <summary>First submission of takeaways and calls to action, and the deadline in force at that moment (UTC).</summary>
    public DateTime? TakeawaysSubmittedAt { get; set; }
    public DateTime? TakeawaysDueAt { get; set; }

    /// <summary>First submission of the session and gender reports, and the deadline in force at that moment (UTC).</summary>
    public DateTime? ReportSubmittedAt { get; set; }
    public DateTime? ReportDueAt { get; set; }

    /// <summary>Everything typed in the form, as JSON, saved as the writer goes: private to the writers.</summary>
    public string? Draft { get; set; }
    public DateTime? DraftSavedAt { get; set; }
    public int? DraftSavedBy { get; set; }

    public bool TakeawaysLate => TakeawaysSubmittedAt > TakeawaysDueAt;
    public bool ReportLate => ReportSubmittedAt > ReportDueAt;
}

public enum OutputPart
{
    /// <summary>Key takeaways and calls to action.</summary>
    Takeaways,

    /// <summary>Session report with its gender report.</summary>
    Report,
}

/// <summary>One submission of a part of a session's outputs, kept whole: a later edit adds a version, never rewrites one.</summary>
public sealed class OutputVersion
{
    public const int MaxSubmittedBy = 200;

    public int Id { get; set; }
    public int SessionId { get; set; }
    public OutputPart Part { get; set; }

    /// <summary>1 for the first submission of the part, then 2, 3...</summary>
    public int Number { get; set; }
    public DateTime SubmittedAt { get; set; }

    /// <summary>The deadline in force when this version was submitted; null for an unscheduled session.</summary>
    public DateTime? DueAt { get; set; }
    public int? AccountId { get; set; }

    /// <summary>Who submitted, as named at the time (the account may later be deleted).</summary>
    public required string SubmittedBy { get; set; }

    /// <summary>The submitted fields as JSON (<see cref="ReportForm"/>).</summary>
    public required string Content { get; set; }

    public bool Late => SubmittedAt > DueAt;
}

public sealed class SessionReportingConfiguration : IEntityTypeConfiguration<SessionReporting>
{
    public void Configure(EntityTypeBuilder<SessionReporting> reporting)
    {
        reporting.ToTable("SessionReporting");
        reporting.HasKey(r => r.SessionId);
        reporting.HasOne<Session>().WithOne().HasForeignKey<SessionReporting>(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        reporting.HasOne<Account>().WithMany().HasForeignKey(r => r.DraftSavedBy).OnDelete(DeleteBehavior.SetNull);
        reporting.Property(r => r.Draft).HasMaxLength(200_000);
        reporting.Ignore(r => r.TakeawaysLate);
        reporting.Ignore(r => r.ReportLate);
    }
}

public sealed class OutputVersionConfiguration : IEntityTypeConfiguration<OutputVersion>
{
    public void Configure(EntityTypeBuilder<OutputVersion> version)
    {
        version.ToTable("OutputVersions");
        version.HasOne<Session>().WithMany().HasForeignKey(v => v.SessionId).OnDelete(DeleteBehavior.Cascade);
        version.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.SetNull);
        version.Property(v => v.SubmittedBy).HasMaxLength(OutputVersion.MaxSubmittedBy);
        version.Property(v => v.Content).HasMaxLength(200_000);
        version.HasIndex(v => new { v.SessionId, v.Part, v.Number }).IsUnique();
        version.HasIndex(v => v.SubmittedAt);
        version.Ignore(v => v.Late);
    }
}
