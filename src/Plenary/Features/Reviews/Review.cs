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
