using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Plenary.Features.Mail;

/// <summary>
/// An e-mail waiting to leave. Written in the same transaction as the change that causes it, so a message is never
/// lost and never sent for a change that rolled back; <see cref="OutboxSender"/> delivers it.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;

    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }

    /// <summary>What the message is about, e.g. "confirm-email": lets a page limit how often one address is written to.</summary>
    public required string Purpose { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Set by the instance that took the message; another instance leaves it alone until the claim runs out.</summary>
    public Guid? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public string? LastError { get; set; }

    public bool GaveUp => SentAt is null && Attempts >= MaxAttempts;

    /// <summary>1, 2, 4 ... minutes, at most an hour between tries.</summary>
    public static TimeSpan BackOff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("Outbox");
        message.Property(m => m.To).HasMaxLength(256);
        message.Property(m => m.Subject).HasMaxLength(300);
        message.Property(m => m.TextBody).HasMaxLength(100_000);
        message.Property(m => m.HtmlBody).HasMaxLength(200_000);
        message.Property(m => m.Purpose).HasMaxLength(60);
        message.Property(m => m.LastError).HasMaxLength(2_000);
        message.Ignore(m => m.GaveUp);
        // The sender's query: unsent, due, not claimed.
        message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        message.HasIndex(m => new { m.To, m.Purpose, m.CreatedAt });
    }
}
