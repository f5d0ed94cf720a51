using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Sessions;

namespace Plenary.Features.Reports;

/// <summary>
/// A reminder that went (or is going) to one writer of one session. The unique index over session, account, kind and
/// instant is what makes a reminder leave once: every sweep, on every instance, tries to insert the row and only the one
/// that gets it in writes the message, in the same transaction. An extension moves the deadline, so it makes a new
/// instant and a new reminder; a repeat of the same one never does.
/// </summary>
public sealed class ReminderSent
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public int AccountId { get; set; }
    public ReminderKind Kind { get; set; }

    /// <summary>
    /// UTC. The deadline the reminder is about; for the Secretariat's nudge about an overdue output, the start of the
    /// forum-local day it was sent on, so a second click the same day finds the row there already.
    /// </summary>
    public DateTime Instant { get; set; }
    public DateTime SentAt { get; set; }
}

public enum ReminderKind
{
    /// <summary>The session has ended: takeaways are due in two hours.</summary>
    SessionEnded,

    /// <summary>Takeaways are due in 30 minutes.</summary>
    TakeawaysSoon,

    /// <summary>The session and gender reports are due soon (48 hours by default).</summary>
    ReportSoon,

    /// <summary>The Secretariat's one-click reminder: the takeaways are overdue.</summary>
    TakeawaysOverdue,

    /// <summary>The Secretariat's one-click reminder: the reports are overdue.</summary>
    ReportOverdue,
}

public sealed class ReminderSentConfiguration : IEntityTypeConfiguration<ReminderSent>
{
    public void Configure(EntityTypeBuilder<ReminderSent> sent)
    {
        sent.ToTable("ReminderSent");
        sent.HasOne<Session>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        sent.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        sent.HasIndex(r => new { r.SessionId, r.AccountId, r.Kind, r.Instant }).IsUnique();
    }
}
