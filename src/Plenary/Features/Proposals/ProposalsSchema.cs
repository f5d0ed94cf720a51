using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;

namespace Plenary.Features.Proposals;

/// <summary>The tables of the call for proposals, configured beside the feature and applied by <c>PlenaryDb</c>.</summary>
public static class ProposalsSchema
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Call>(call =>
        {
            call.ToTable("Calls");
            call.HasIndex(c => c.ForumId).IsUnique();
            call.HasOne<Forum>().WithMany().HasForeignKey(c => c.ForumId).OnDelete(DeleteBehavior.Cascade);
            call.Property(c => c.SessionTypes)
                .HasConversion(
                    v => string.Join(',', v),
                    v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                    new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()))
                .HasMaxLength(500);
        });

        model.Entity<Proposal>(proposal =>
        {
            proposal.ToTable("Proposals");
            proposal.Property(p => p.ProposerName).HasMaxLength(200);
            proposal.Property(p => p.Title).HasMaxLength(Proposal.MaxTitle);
            proposal.Property(p => p.Tags).HasMaxLength(1_000);
            proposal.Property(p => p.Description).HasMaxLength(Proposal.MaxText);
            proposal.Property(p => p.PolicyQuestions).HasMaxLength(Proposal.MaxText);
            proposal.Property(p => p.ExpectedOutcomes).HasMaxLength(Proposal.MaxText);
            proposal.Property(p => p.OnlineEngagement).HasMaxLength(Proposal.MaxText);
            proposal.Property(p => p.Version).IsConcurrencyToken();
            proposal.HasIndex(p => new { p.ForumId, p.State });
            proposal.HasIndex(p => p.ProposerId);
            proposal.HasOne<Forum>().WithMany().HasForeignKey(p => p.ForumId).OnDelete(DeleteBehavior.Cascade);
            proposal.HasOne<Account>().WithMany().HasForeignKey(p => p.ProposerId).OnDelete(DeleteBehavior.SetNull);
            proposal.HasOne<SessionType>().WithMany().HasForeignKey(p => p.TypeId).OnDelete(DeleteBehavior.Restrict);
            proposal.HasOne<Subtheme>().WithMany().HasForeignKey(p => p.SubthemeId).OnDelete(DeleteBehavior.SetNull);
            proposal.HasMany(p => p.People).WithOne().HasForeignKey(p => p.ProposalId).OnDelete(DeleteBehavior.Cascade);
            proposal.HasMany(p => p.Sdgs).WithOne().HasForeignKey(s => s.ProposalId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ProposalPerson>(person =>
        {
            person.ToTable("ProposalPeople");
            person.Property(p => p.Name).HasMaxLength(200);
            person.Property(p => p.Email).HasMaxLength(256);
            person.Property(p => p.CodeHash).HasMaxLength(64);
            person.HasIndex(p => new { p.ProposalId, p.Kind, p.Position });
            // The screening counts a speaker's proposals across the forum by address.
            person.HasIndex(p => p.Email);
        });

        model.Entity<ProposalSdg>(sdg =>
        {
            sdg.ToTable("ProposalSdgs");
            sdg.HasKey(s => new { s.ProposalId, s.Code });
            sdg.Property(s => s.Code).HasMaxLength(8);
            sdg.Property(s => s.Reason).HasMaxLength(2_000);
        });

        model.Entity<ProposalEvent>(e =>
        {
            e.ToTable("ProposalHistory");
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(10_000);
            e.HasIndex(x => new { x.ProposalId, x.At });
            e.HasIndex(x => x.AccountId);
            e.HasOne<Proposal>().WithMany().HasForeignKey(x => x.ProposalId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
