using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;

namespace Plenary.Features.Agenda;

/// <summary>A session someone saved to their personal agenda ("Add to my schedule").</summary>
public sealed class AgendaEntry
{
    public int AccountId { get; set; }
    public int SessionId { get; set; }
    public int ForumId { get; set; }
    public DateTime SavedAt { get; set; }
}

/// <summary>The zone a person reads their agenda in.</summary>
public enum AgendaZone
{
    Forum,
    Utc,
    Own,
}

/// <summary>A person's agenda settings in one forum: the zone they chose, and the hash of their secret calendar link.</summary>
public sealed class AgendaSettings
{
    public int AccountId { get; set; }
    public int ForumId { get; set; }
    public AgendaZone Zone { get; set; }

    /// <summary>SHA-256 of the feed's secret, hex; the secret itself is shown once and never stored.</summary>
    public string? FeedHash { get; set; }
}

public sealed class AgendaEntryConfiguration : IEntityTypeConfiguration<AgendaEntry>
{
    public void Configure(EntityTypeBuilder<AgendaEntry> entry)
    {
        entry.ToTable("AgendaEntries");
        entry.HasKey(e => new { e.AccountId, e.SessionId });
        entry.HasIndex(e => new { e.ForumId, e.AccountId });
        entry.HasIndex(e => e.SessionId);
        entry.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne<Session>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne<Forum>().WithMany().HasForeignKey(e => e.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AgendaSettingsConfiguration : IEntityTypeConfiguration<AgendaSettings>
{
    public void Configure(EntityTypeBuilder<AgendaSettings> settings)
    {
        settings.ToTable("AgendaSettings");
        settings.HasKey(s => new { s.AccountId, s.ForumId });
        settings.Property(s => s.FeedHash).HasMaxLength(64);
        settings.HasIndex(s => s.FeedHash).IsUnique();
        settings.HasIndex(s => s.ForumId);
        settings.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        settings.HasOne<Forum>().WithMany().HasForeignKey(s => s.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}
