using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;

namespace Plenary.Features.Manage;

/// <summary>The roles an account holds in one forum. Session roles (organiser, speaker, rapporteur) come from the session.</summary>
public enum ForumRole
{
    /// <summary>Runs the forum: its settings, rooms, sessions, people and reports.</summary>
    Secretariat,

    /// <summary>A member of the advisory group that reviews proposals.</summary>
    Reviewer,

    /// <summary>Writes the forum's messages with the Secretariat (Features/Messages), and nothing else of the workspace.</summary>
    MessageEditor,
}

public sealed class ForumMember
{
    public int Id { get; set; }
    public int ForumId { get; set; }
    public int AccountId { get; set; }
    public ForumRole Role { get; set; }
    public DateTime AddedAt { get; set; }
}

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

public sealed class ForumMemberConfiguration : IEntityTypeConfiguration<ForumMember>
{
    public void Configure(EntityTypeBuilder<ForumMember> member)
    {
        member.ToTable("ForumMembers");
        member.HasIndex(m => new { m.ForumId, m.AccountId, m.Role }).IsUnique();
        member.HasIndex(m => m.AccountId);
        member.HasOne<Forum>().WithMany().HasForeignKey(m => m.ForumId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
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
