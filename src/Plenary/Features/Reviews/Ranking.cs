using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Proposals;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reviews;

/// <summary>One proposal's standing: its reviewers' weighted means summed up, and whether they disagree strongly.</summary>
public sealed record RankedProposal(
    int Id, string Title, string Type, string? Subtheme, string ProposerName, ProposalState State, int Assigned, int Reviews,
    double? Mean, double? StandardDeviation, double? Spread, bool Diverging, string? Session);

/// <summary>The ranking per subtheme, computed from the scores on each request (a forum has a few hundred proposals).</summary>
public static class Ranking
{
    public static readonly string[] Sorts = ["mean", "spread", "reviews", "title"];

    public static async Task<List<RankedProposal>> ComputeAsync(PlenaryDb db, Forum forum, ReviewSettings settings, CancellationToken cancel)
    {
        var weights = (await db.CriteriaAsync(forum.Id, cancel)).ToDictionary(c => c.Id, c => c.Weight);
        var proposals = await db.Proposals.Where(p => p.ForumId == forum.Id
                && (p.State == ProposalState.InReview || p.State == ProposalState.Accepted || p.State == ProposalState.Waitlisted || p.State == ProposalState.Rejected))
            .Select(p => new { p.Id, p.Title, p.TypeId, p.SubthemeId, p.ProposerName, p.State }).ToListAsync(cancel);
        var ids = proposals.Select(p => p.Id).ToList();
        var reviews = (await db.Reviews.Include(r => r.Scores).Where(r => ids.Contains(r.ProposalId)).ToListAsync(cancel)).ToLookup(r => r.ProposalId);
        var assigned = (await db.ReviewAssignments.Where(a => ids.Contains(a.ProposalId)).Select(a => a.ProposalId).ToListAsync(cancel)).CountBy(x => x).ToDictionary();
        var sessions = (await (from l in db.ProposalSessions join s in db.Sessions on l.SessionId equals s.Id where ids.Contains(l.ProposalId)
                               select new { l.ProposalId, s.TypeId, s.Number }).ToListAsync(cancel))
            .ToDictionary(x => x.ProposalId, x => forum.SessionTypes.FirstOrDefault(t => t.Id == x.TypeId)?.Numbered(x.Number));
        return proposals.Select(p =>
        {
            var means = reviews[p.Id].Select(r => Reviewing.WeightedMean(r.Scores, weights)).OfType<double>().ToList();
            double? mean = means.Count == 0 ? null : means.Average();
            double? deviation = means.Count == 0 ? null : Math.Sqrt(means.Sum(m => (m - mean!.Value) * (m - mean.Value)) / means.Count);
            double? spread = means.Count == 0 ? null : means.Max() - means.Min();
            return new RankedProposal(p.Id, p.Title, forum.SessionTypes.FirstOrDefault(t => t.Id == p.TypeId)?.Code ?? "",
                forum.Subthemes.FirstOrDefault(s => s.Id == p.SubthemeId)?.Name, p.ProposerName, p.State, assigned.GetValueOrDefault(p.Id), means.Count,
                mean, deviation, spread, spread >= settings.DivergenceThreshold - 1e-9, sessions.GetValueOrDefault(p.Id));
        }).ToList();
    }

    /// <summary>Grouped by subtheme in the forum's order (none last), sorted within each.</summary>
    public static List<IGrouping<string?, RankedProposal>> BySubtheme(IEnumerable<RankedProposal> rows, Forum forum, string sort)
    {
        IEnumerable<RankedProposal> Sorted(IEnumerable<RankedProposal> g) => sort switch
        {
            "spread" => g.OrderByDescending(r => r.Spread ?? -1).ThenBy(r => r.Id),
            "reviews" => g.OrderBy(r => r.Reviews).ThenBy(r => r.Id),
            "title" => g.OrderBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Id),
            _ => g.OrderByDescending(r => r.Mean ?? -1).ThenBy(r => r.Id),
        };
        // By name, as the rows carry it; two subthemes may share one (only slugs are unique), and then they show as one group.
        var order = forum.Subthemes.Select((s, i) => (s.Name, i)).GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.Min(x => x.i));
        return rows.GroupBy(r => r.Subtheme).OrderBy(g => g.Key is null ? int.MaxValue : order.GetValueOrDefault(g.Key, int.MaxValue - 1))
            .Select(g => Sorted(g).GroupBy(_ => g.Key).Single()).ToList();
    }
}
