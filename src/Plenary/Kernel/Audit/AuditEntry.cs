using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;

namespace Plenary.Kernel.Audit;

/// <summary>One change made through the workspace: who, when, what, and the record before and after (JSON).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public int? ForumId { get; set; }
    public int? AccountId { get; set; }

    /// <summary>The e-mail of the account at the time, kept so the log stays readable after an account is deleted.</summary>
    public required string Actor { get; set; }
    public DateTime At { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditLog");
        entry.Property(e => e.Actor).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(60);
        entry.Property(e => e.Subject).HasMaxLength(200);
        entry.Property(e => e.Before).HasMaxLength(100_000);
        entry.Property(e => e.After).HasMaxLength(100_000);
        entry.HasIndex(e => new { e.ForumId, e.At });
        entry.HasOne<Forum>().WithMany().HasForeignKey(e => e.ForumId).OnDelete(DeleteBehavior.SetNull);
        entry.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.SetNull);
    }
}
