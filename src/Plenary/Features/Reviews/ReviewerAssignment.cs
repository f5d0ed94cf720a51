namespace Plenary.Features.Reviews;

public sealed record AssignmentProposal(int Id, int? SubthemeId, IReadOnlyCollection<string> Organisations);
public sealed record AssignmentReviewer(int Id, IReadOnlyCollection<int> ExpertiseSubthemeIds, IReadOnlyCollection<string> Organisations, IReadOnlyCollection<int> ConflictProposalIds);
public sealed record AssignmentPair(int ProposalId, int ReviewerId);
public sealed record AssignmentProblem(IReadOnlyList<AssignmentProposal> Proposals, IReadOnlyList<AssignmentReviewer> Reviewers, int ReviewersPerProposal, IReadOnlyCollection<AssignmentPair> Kept);
public sealed record AssignmentShortfall(int ProposalId, int Missing, string Reason);
public sealed record AssignmentResult(IReadOnlyList<AssignmentPair> Assignments, IReadOnlyList<AssignmentShortfall> Unfilled);

/// <summary>
/// A placeholder assignment, greedy: each proposal takes the least-loaded reviewers free of conflicts, preferring
/// expertise in its subtheme. The real algorithm replaces this file.
/// </summary>
public static class ReviewerAssignment
{
    public static AssignmentResult Assign(AssignmentProblem problem)
    {
        static string Key(string organisation) => organisation.Trim().ToUpperInvariant();
        var pairs = new HashSet<AssignmentPair>(problem.Kept);
        var load = problem.Reviewers.ToDictionary(r => r.Id, r => pairs.Count(p => p.ReviewerId == r.Id));
        var unfilled = new List<AssignmentShortfall>();
        foreach (var proposal in problem.Proposals)
        {
            var organisations = proposal.Organisations.Where(o => !string.IsNullOrWhiteSpace(o)).Select(Key).ToHashSet();
            var have = pairs.Count(p => p.ProposalId == proposal.Id);
            var candidates = problem.Reviewers
                .Where(r => !pairs.Contains(new AssignmentPair(proposal.Id, r.Id)) && !r.ConflictProposalIds.Contains(proposal.Id)
                    && !r.Organisations.Any(o => organisations.Contains(Key(o))))
                .OrderBy(r => load[r.Id])
                .ThenByDescending(r => proposal.SubthemeId is { } s && r.ExpertiseSubthemeIds.Contains(s))
                .ThenBy(r => r.Id)
                .Take(Math.Max(0, problem.ReviewersPerProposal - have))
                .ToList();
            foreach (var reviewer in candidates)
            {
                pairs.Add(new AssignmentPair(proposal.Id, reviewer.Id));
                load[reviewer.Id]++;
            }
            var missing = problem.ReviewersPerProposal - have - candidates.Count;
            if (missing > 0)
            {
                unfilled.Add(new AssignmentShortfall(proposal.Id, missing, "Not enough reviewers free of conflicts with this proposal."));
            }
        }
        return new AssignmentResult(pairs.OrderBy(p => p.ProposalId).ThenBy(p => p.ReviewerId).ToList(), unfilled);
    }
}
