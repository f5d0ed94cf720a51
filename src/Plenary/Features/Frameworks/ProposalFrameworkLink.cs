using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Plenary.Features.Frameworks;

/// <summary>
/// An objective or action line a proposal says it serves, ticked on the proposal form as the SDGs are given; carried
/// onto the session when the proposal is accepted. Kept when the forum stops using the framework, shown only while it
/// uses it, as for sessions.
/// </summary>
public sealed class ProposalFrameworkLink : IFrameworkLink
{
    public int ProposalId { get; set; }
    public Framework Framework { get; set; }

    /// <summary>The code as the framework writes it: "3" for the Compact's third objective, "C5" for an action line.</summary>
    public required string Code { get; set; }
}

public sealed class ProposalFrameworkLinkConfiguration : IEntityTypeConfiguration<ProposalFrameworkLink>
{
    public void Configure(EntityTypeBuilder<ProposalFrameworkLink> link)
    {
        link.ToTable("ProposalFrameworkLinks");
        link.HasKey(l => new { l.ProposalId, l.Framework, l.Code });
        link.Property(l => l.Framework).HasConversion<string>().HasMaxLength(8);
        link.Property(l => l.Code).HasMaxLength(SessionFrameworkLink.MaxCode);
        link.HasOne<Proposals.Proposal>().WithMany(p => p.FrameworkLinks).HasForeignKey(l => l.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}
