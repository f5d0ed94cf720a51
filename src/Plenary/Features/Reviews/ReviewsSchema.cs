using Microsoft.EntityFrameworkCore;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Proposals;
using Plenary.Features.Sessions;

namespace Plenary.Features.Reviews;

/// <summary>The tables of the advisory group's review, configured beside the feature and applied by <c>PlenaryDb</c>.</summary>
public static class ReviewsSchema
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ReviewSettings>(settings =>
        {
            settings.ToTable("ReviewSettings");
            settings.HasKey(s => s.ForumId);
            settings.HasOne<Forum>().WithOne().HasForeignKey<ReviewSettings>(s => s.ForumId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ReviewCriterion>(criterion =>
        {
            criterion.ToTable("ReviewCriteria");
            criterion.Property(c => c.Name).HasMaxLength(ReviewCriterion.MaxName);
            criterion.HasIndex(c => new { c.ForumId, c.Position });
            criterion.HasOne<Forum>().WithMany().HasForeignKey(c => c.ForumId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Review>(review =>
        {
            review.ToTable("Reviews");
            review.Property(r => r.CommentToSecretariat).HasMaxLength(Review.MaxComment);
            review.Property(r => r.CommentToProposer).HasMaxLength(Review.MaxComment);
            review.HasIndex(r => new { r.ProposalId, r.ReviewerId }).IsUnique();
            review.HasIndex(r => r.ReviewerId);
            review.HasOne<Proposal>().WithMany().HasForeignKey(r => r.ProposalId).OnDelete(DeleteBehavior.Cascade);
            review.HasOne<Account>().WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Cascade);
            review.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ReviewScore>(score =>
        {
            score.ToTable("ReviewScores");
            score.HasKey(s => new { s.ReviewId, s.CriterionId });
            score.HasIndex(s => s.CriterionId);
            score.HasOne<ReviewCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ReviewAssignment>(assignment =>
        {
            assignment.ToTable("ReviewAssignments");
            assignment.HasIndex(a => new { a.ProposalId, a.ReviewerId }).IsUnique();
            assignment.HasIndex(a => a.ReviewerId);
            assignment.HasIndex(a => a.AssignedById);
            assignment.HasOne<Proposal>().WithMany().HasForeignKey(a => a.ProposalId).OnDelete(DeleteBehavior.Cascade);
            assignment.HasOne<Account>().WithMany().HasForeignKey(a => a.ReviewerId).OnDelete(DeleteBehavior.Cascade);
            assignment.HasOne<Account>().WithMany().HasForeignKey(a => a.AssignedById).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<ReviewerExpertise>(expertise =>
        {
            expertise.ToTable("ReviewerExpertise");
            expertise.HasKey(e => new { e.AccountId, e.SubthemeId });
            expertise.HasIndex(e => e.SubthemeId);
            expertise.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Cascade);
            expertise.HasOne<Subtheme>().WithMany().HasForeignKey(e => e.SubthemeId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ReviewerConflict>(conflict =>
        {
            conflict.ToTable("ReviewerConflicts");
            conflict.HasKey(c => new { c.AccountId, c.ProposalId });
            conflict.HasIndex(c => c.ProposalId);
            conflict.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
            conflict.HasOne<Proposal>().WithMany().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ProposalSession>(link =>
        {
            link.ToTable("ProposalSessions");
            link.HasKey(l => l.ProposalId);
            link.HasIndex(l => l.SessionId).IsUnique();
            link.HasOne<Proposal>().WithOne().HasForeignKey<ProposalSession>(l => l.ProposalId).OnDelete(DeleteBehavior.Cascade);
            link.HasOne(l => l.Session).WithOne().HasForeignKey<ProposalSession>(l => l.SessionId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<MergeSuggestion>(merge =>
        {
            merge.ToTable("MergeSuggestions");
            merge.Property(m => m.Note).HasMaxLength(MergeSuggestion.MaxNote);
            merge.HasIndex(m => m.ForumId);
            merge.HasIndex(m => m.ProposalId);
            merge.HasIndex(m => m.OtherProposalId);
            merge.HasIndex(m => m.SuggestedById);
            merge.HasOne<Forum>().WithMany().HasForeignKey(m => m.ForumId).OnDelete(DeleteBehavior.Cascade);
            // The suggestion goes with either proposal.
            merge.HasOne<Proposal>().WithMany().HasForeignKey(m => m.ProposalId).OnDelete(DeleteBehavior.Cascade);
            merge.HasOne<Proposal>().WithMany().HasForeignKey(m => m.OtherProposalId).OnDelete(DeleteBehavior.Cascade);
            merge.HasOne<Account>().WithMany().HasForeignKey(m => m.SuggestedById).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
