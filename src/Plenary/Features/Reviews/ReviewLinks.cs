using Plenary.Features.Proposals;
using Plenary.Kernel.Links;

namespace Plenary.Features.Reviews;

public static class ReviewLinks
{
    /// <summary>"/igf2022/reviews": the reviewer's own page.</summary>
    public static string Mine(string forumSlug) => LinkPath.InForum(forumSlug, "reviews");

    /// <summary>"/igf2022/reviews/12": the review form of a proposal.</summary>
    public static string Score(string forumSlug, int proposalId) => Mine(forumSlug) + "/" + LinkPath.Segment(proposalId);

    /// <summary>The phase switches and criteria.</summary>
    public static string Settings(string forumSlug) => LinkPath.InForum(forumSlug, "manage/reviews");

    public static string Assignments(string forumSlug) => Settings(forumSlug) + "/assignments";

    public static string Ranking(string forumSlug) => Settings(forumSlug) + "/ranking";

    /// <summary>The Secretariat's view of one proposal's reviews.</summary>
    public static string ProposalReviews(string forumSlug, int proposalId) => Settings(forumSlug) + "/proposals/" + LinkPath.Segment(proposalId);

    /// <summary>Where a proposer answers a merge suggestion.</summary>
    public static string Merge(string forumSlug, int proposalId) => ProposalLinks.Proposal(forumSlug, proposalId) + "/merge";
}
