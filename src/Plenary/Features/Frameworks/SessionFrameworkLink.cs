using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Plenary.Features.Frameworks;

/// <summary>
/// A session linked to a Global Digital Compact objective or a WSIS action line. One table for both frameworks: they
/// are linked, listed and filtered the same way, and a third (say, the Beijing Platform) would need no new table.
/// </summary>
public sealed class SessionFrameworkLink : IFrameworkLink
{
    public const int MaxCode = 4;

    public int SessionId { get; set; }
    public Framework Framework { get; set; }

    /// <summary>The code as the framework writes it: "3" for the Compact's third objective, "C5" for an action line.</summary>
    public required string Code { get; set; }
}

public sealed class SessionFrameworkLinkConfiguration : IEntityTypeConfiguration<SessionFrameworkLink>
{
    public void Configure(EntityTypeBuilder<SessionFrameworkLink> link)
    {
        link.ToTable("SessionFrameworkLinks");
        link.HasKey(l => new { l.SessionId, l.Framework, l.Code });
        link.Property(l => l.Framework).HasConversion<string>().HasMaxLength(8);
        link.Property(l => l.Code).HasMaxLength(SessionFrameworkLink.MaxCode);
        link.HasIndex(l => new { l.Framework, l.Code });
    }
}
