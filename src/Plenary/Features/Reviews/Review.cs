using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Proposals;
using Plenary.Features.Sessions;

namespace Plenary.Features.Reviews;

/// <summary>
/// The review phase of a forum's call, as the Secretariat switches it: whether reviewers may score, see each other's
/// scores, and see who proposed (off: anonymous review). One row per forum, made with the IGF defaults when first read.
/// </summary>
public sealed class ReviewSettings
{
    public int ForumId { get; set; }
    public bool ReviewersCanScore { get; set; }
    public bool ReviewersSeeOtherScores { get; set; }

    /// <summary>Off by default: reviewers read proposals without the names, addresses and organisations of the people on them.</summary>
    public bool ReviewersSeeNames { get; set; }

    public int ReviewersPerProposal { get; set; } = 3;

    /// <summary>Reviewers' totals this far apart (highest minus lowest, on the 1–5 scale) flag a proposal for a second look.</summary>
    public double DivergenceThreshold { get; set; } = 2;
}

/// <summary>A criterion reviewers score from 1 to 5; its weight counts in the proposal's mean.</summary>
public sealed class ReviewCriterion
{
    public const int MaxName = 200;

    public int Id { get; set; }
    public int ForumId { get; set; }
    public required string Name { get; set; }
    public int Weight { get; set; } = 1;
    public int Position { get; set; }

    /// <summary>The IGF's criteria, given to a forum when its review is first set up.</summary>
    public static readonly string[] IgfDefaults =
    [
        "Relevance to the subtheme",
        "Content and policy questions",
        "Diversity (gender, geography, stakeholder group, age, policy perspective)",
        "Format and hybrid engagement",
    ];
}

/// <summary>One reviewer's assessment of one proposal: a score per criterion and comments.</summary>
public sealed class Review
{
    public const int MaxComment = 5_000;

    public int Id { get; set; }
    public int ProposalId { get; set; }

    /// <summary>The reviewer's account.</summary>
    public int ReviewerId { get; set; }
    public string? CommentToSecretariat { get; set; }

    /// <summary>Shown to the proposer on their proposal's page once it is decided.</summary>
    public string? CommentToProposer { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ReviewScore> Scores { get; set; } = [];
}

public sealed class ReviewScore
{
    public int ReviewId { get; set; }
    public int CriterionId { get; set; }
    public int Score { get; set; }
}

/// <summary>A proposal given to a reviewer, by hand or by the automatic assignment.</summary>
public sealed class ReviewAssignment
{
    public int Id { get; set; }
    public int ProposalId { get; set; }
    public int ReviewerId { get; set; }
    public int? AssignedById { get; set; }
    public DateTime AssignedAt { get; set; }
}

/// <summary>A subtheme a reviewer says they know well; the assignment matches proposals to it where it can.</summary>
public sealed class ReviewerExpertise
{
    public int AccountId { get; set; }
    public int SubthemeId { get; set; }
}

/// <summary>A proposal a reviewer declares they should not review (a friend's, a competitor's, their own work).</summary>
public sealed class ReviewerConflict
{
    public int AccountId { get; set; }
    public int ProposalId { get; set; }
    public DateTime DeclaredAt { get; set; }
}

/// <summary>The session an accepted proposal became; one at most, which keeps accepting idempotent.</summary>
public sealed class ProposalSession
{
    public int ProposalId { get; set; }
    public int SessionId { get; set; }
    public Sessions.Session? Session { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum MergeAnswer
{
    Pending,
    Accepted,
    Declined,
}

/// <summary>The Secretariat's suggestion that two similar proposals become one session; each side answers.</summary>
public sealed class MergeSuggestion
{
    public const int MaxNote = 2_000;

    public int Id { get; set; }
    public int ForumId { get; set; }
    public int ProposalId { get; set; }
    public int OtherProposalId { get; set; }
    public string? Note { get; set; }
    public DateTime SuggestedAt { get; set; }
    public int? SuggestedById { get; set; }
    public MergeAnswer ProposalAnswer { get; set; }
    public MergeAnswer OtherAnswer { get; set; }
}

public sealed class ReviewSettingsConfiguration : IEntityTypeConfiguration<ReviewSettings>
{
    public void Configure(EntityTypeBuilder<ReviewSettings> settings)
    {
        settings.ToTable("ReviewSettings");
        settings.HasKey(s => s.ForumId);
        settings.HasOne<Forum>().WithOne().HasForeignKey<ReviewSettings>(s => s.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReviewCriterionConfiguration : IEntityTypeConfiguration<ReviewCriterion>
{
    public void Configure(EntityTypeBuilder<ReviewCriterion> criterion)
    {
        criterion.ToTable("ReviewCriteria");
        criterion.Property(c => c.Name).HasMaxLength(ReviewCriterion.MaxName);
        criterion.HasIndex(c => new { c.ForumId, c.Position });
        criterion.HasOne<Forum>().WithMany().HasForeignKey(c => c.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> review)
    {
        review.ToTable("Reviews");
        review.Property(r => r.CommentToSecretariat).HasMaxLength(Review.MaxComment);
        review.Property(r => r.CommentToProposer).HasMaxLength(Review.MaxComment);
        review.HasIndex(r => new { r.ProposalId, r.ReviewerId }).IsUnique();
        review.HasIndex(r => r.ReviewerId);
        review.HasOne<Proposal>().WithMany().HasForeignKey(r => r.ProposalId).OnDelete(DeleteBehavior.Cascade);
        review.HasOne<Account>().WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Cascade);
        review.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReviewScoreConfiguration : IEntityTypeConfiguration<ReviewScore>
{
    public void Configure(EntityTypeBuilder<ReviewScore> score)
    {
        score.ToTable("ReviewScores");
        score.HasKey(s => new { s.ReviewId, s.CriterionId });
        score.HasIndex(s => s.CriterionId);
        score.HasOne<ReviewCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReviewAssignmentConfiguration : IEntityTypeConfiguration<ReviewAssignment>
{
    public void Configure(EntityTypeBuilder<ReviewAssignment> assignment)
    {
        assignment.ToTable("ReviewAssignments");
        assignment.HasIndex(a => new { a.ProposalId, a.ReviewerId }).IsUnique();
        assignment.HasIndex(a => a.ReviewerId);
        assignment.HasIndex(a => a.AssignedById);
        assignment.HasOne<Proposal>().WithMany().HasForeignKey(a => a.ProposalId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne<Account>().WithMany().HasForeignKey(a => a.ReviewerId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne<Account>().WithMany().HasForeignKey(a => a.AssignedById).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class ReviewerExpertiseConfiguration : IEntityTypeConfiguration<ReviewerExpertise>
{
    public void Configure(EntityTypeBuilder<ReviewerExpertise> expertise)
    {
        expertise.ToTable("ReviewerExpertise");
        expertise.HasKey(e => new { e.AccountId, e.SubthemeId });
        expertise.HasIndex(e => e.SubthemeId);
        expertise.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Cascade);
        expertise.HasOne<Subtheme>().WithMany().HasForeignKey(e => e.SubthemeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReviewerConflictConfiguration : IEntityTypeConfiguration<ReviewerConflict>
{
    public void Configure(EntityTypeBuilder<ReviewerConflict> conflict)
    {
        conflict.ToTable("ReviewerConflicts");
        conflict.HasKey(c => new { c.AccountId, c.ProposalId });
        conflict.HasIndex(c => c.ProposalId);
        conflict.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        conflict.HasOne<Proposal>().WithMany().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProposalSessionConfiguration : IEntityTypeConfiguration<ProposalSession>
{
    public void Configure(EntityTypeBuilder<ProposalSession> link)
    {
        link.ToTable("ProposalSessions");
        link.HasKey(l => l.ProposalId);
        link.HasIndex(l => l.SessionId).IsUnique();
        link.HasOne<Proposal>().WithOne().HasForeignKey<ProposalSession>(l => l.ProposalId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne(l => l.Session).WithOne().HasForeignKey<ProposalSession>(l => l.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MergeSuggestionConfiguration : IEntityTypeConfiguration<MergeSuggestion>
{
    public void Configure(EntityTypeBuilder<MergeSuggestion> merge)
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
    }
}
