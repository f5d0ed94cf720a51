namespace Plenary.Features.Reviews;

/// <summary>A proposal to be reviewed: its subtheme (if any) and the organisations of its proposers.</summary>
public sealed record AssignmentProposal(int Id, int? SubthemeId, IReadOnlyCollection<string> Organisations);

/// <summary>A member of the review group: subthemes they know, organisations they belong to, proposals they declared a conflict with.</summary>
public sealed record AssignmentReviewer(int Id, IReadOnlyCollection<int> ExpertiseSubthemeIds, IReadOnlyCollection<string> Organisations, IReadOnlyCollection<int> ConflictProposalIds);

public sealed record AssignmentPair(int ProposalId, int ReviewerId);

/// <summary>What to assign. <paramref name="Kept"/> are pairs the Secretariat made by hand: they stay whatever the rules say.</summary>
public sealed record AssignmentProblem(IReadOnlyList<AssignmentProposal> Proposals, IReadOnlyList<AssignmentReviewer> Reviewers, int ReviewersPerProposal, IReadOnlyCollection<AssignmentPair> Kept);

/// <summary>A proposal left with <paramref name="Missing"/> reviewers too few, and why, in words the Secretariat can act on.</summary>
public sealed record AssignmentShortfall(int ProposalId, int Missing, string Reason);

/// <summary>Every pair, kept ones included, ordered by proposal then reviewer; proposals that could not get enough reviewers.</summary>
public sealed record AssignmentResult(IReadOnlyList<AssignmentPair> Assignments, IReadOnlyList<AssignmentShortfall> Unfilled);

/// <summary>
/// Automatic reviewer assignment for the advisory group's review. In order of priority:
/// <list type="number">
/// <item>Coverage: every proposal gets <see cref="AssignmentProblem.ReviewersPerProposal"/> distinct reviewers (kept pairs count),
/// or as many as there are reviewers free to review it; the rest is reported as an <see cref="AssignmentShortfall"/>.</item>
/// <item>Never a reviewer on a proposal of one of their own organisations (trimmed, case-insensitive names) or one they declared a
/// conflict with. Kept pairs are the Secretariat's decision and are not second-guessed.</item>
/// <item>Balance: loads (kept pairs included) within one of each other. When that is impossible — a reviewer shares an
/// organisation or a conflict with nearly every proposal and cannot reach the others' load, a few proposals can only go to the
/// same few reviewers, or kept pairs already load someone beyond the rest — the loads are as even as they can be: the highest
/// load is the lowest possible and the lowest load the highest possible.</item>
/// <item>Expertise: as many pairs as possible where the proposal's subtheme is among the reviewer's expertise, without giving
/// up anything above.</item>
/// </list>
/// Deterministic: the input is sorted by id first, and there is no randomness, so one input gives one answer whatever its order.
/// </summary>
public static class ReviewerAssignment
{
    public static AssignmentResult Assign(AssignmentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentOutOfRangeException.ThrowIfNegative(problem.ReviewersPerProposal);
        var network = new Network(problem);
        network.Solve();
        return network.Result();
    }

    /// <summary>
    /// Why a min-cost flow rather than a greedy placement repaired by swaps: the three goals are strictly ordered (coverage, then
    /// balance, then expertise) and a flow reaches the exact optimum of all three at once, where a greedy can stop at a local
    /// optimum when conflicts are dense and gives no guarantee to test against.
    /// <para>
    /// Network: a source feeds each proposal with the reviewers it still needs, each proposal links to every reviewer free to review
    /// it (capacity one; cost 0 on a subtheme match, 1 otherwise), and each reviewer drains into the sink with a convex cost: the
    /// unit that brings their load (kept pairs included) from L to L+1 costs M·(2L+1), so a reviewer's total is M·load². Reviewers
    /// have no capacity, so the maximum flow fills every proposal as far as its free reviewers allow. Among maximum flows, the
    /// least sum of squared loads is the "decreasingly minimal" load vector of an M-convex set, which is at once the one with the
    /// lowest maximum and the highest minimum (Frank and Murota, Discrete decreasing minimization, 2022): within one whenever any
    /// assignment is. M exceeds the number of pairs to place, so one fewer unit of squared load always outweighs every possible
    /// expertise mismatch, and expertise only decides among equally balanced assignments.
    /// </para>
    /// <para>
    /// Solver: primal-dual successive shortest paths. Dijkstra on reduced costs (potentials keep them non-negative) finds the
    /// cheapest way to add a pair, possibly by moving proposals from one reviewer to another; a blocking flow then pushes every
    /// path of that same cost at once, so the IGF case (3,600 pairs) needs 76 Dijkstra runs rather than 3,600. The
    /// sink's reverse arcs and the proposals' arcs back to the source are never useful on a path to the sink, so they are left
    /// out of the search; their reduced costs stay non-negative on their own (the sink's potential grows at least as fast as any
    /// other), so the flow stays optimal for its value after every augmentation.
    /// </para>
    /// </summary>
    private sealed class Network
    {
        private const long Unreached = long.MaxValue;

        private readonly AssignmentProblem _problem;
        private readonly AssignmentProposal[] _proposals;
        private readonly AssignmentReviewer[] _reviewers;
        private readonly List<AssignmentPair> _kept;
        private readonly int _p, _r, _sink;

        // Per proposal: the reviewers free to review it and not kept on it (indexes), whether each matches its subtheme and is
        // assigned now; how many more reviewers it needs beyond its kept pairs, and how many the flow gave it so far.
        private readonly int[][] _free;
        private readonly bool[][] _match;
        private readonly bool[][] _assigned;
        private readonly int[] _need;
        private readonly int[] _filled;

        // Per reviewer: the proposals it is free to review (proposal, slot in that proposal's arrays); kept pairs; flow load.
        private readonly (int Proposal, int Slot)[][] _freeFor;
        private readonly int[] _keptLoad;
        private readonly int[] _load;

        // Why the excluded reviewers are excluded, per proposal, for the shortfall's reason.
        private readonly int[] _keptCount, _ownOrganisation, _declared;

        private readonly long _m;
        private readonly long[] _potential, _distance;
        private readonly int[] _level, _next;
        private readonly PriorityQueue<int, long> _heap = new();
        private readonly Queue<int> _queue = new();

        public Network(AssignmentProblem problem)
        {
            _problem = problem;
            _proposals = [.. problem.Proposals.OrderBy(p => p.Id)];
            _reviewers = [.. problem.Reviewers.OrderBy(r => r.Id)];
            ThrowOnDuplicate(_proposals.Select(p => p.Id), "proposal");
            ThrowOnDuplicate(_reviewers.Select(r => r.Id), "reviewer");
            _kept = [.. problem.Kept.Distinct().OrderBy(k => k.ProposalId).ThenBy(k => k.ReviewerId)];
            _p = _proposals.Length;
            _r = _reviewers.Length;
            _sink = _p + _r;

            var proposalIndex = new Dictionary<int, int>(_p);
            for (var i = 0; i < _p; i++)
            {
                proposalIndex[_proposals[i].Id] = i;
            }
            var reviewerIndex = new Dictionary<int, int>(_r);
            for (var i = 0; i < _r; i++)
            {
                reviewerIndex[_reviewers[i].Id] = i;
            }

            // Kept pairs on proposals or reviewers outside the problem stay in the answer but weigh on nothing here.
            var keptOn = new HashSet<(int, int)>();
            _keptCount = new int[_p];
            _keptLoad = new int[_r];
            foreach (var pair in _kept)
            {
                var known = reviewerIndex.TryGetValue(pair.ReviewerId, out var r);
                if (known)
                {
                    _keptLoad[r]++;
                }
                if (proposalIndex.TryGetValue(pair.ProposalId, out var p))
                {
                    _keptCount[p]++;
                    if (known)
                    {
                        keptOn.Add((p, r));
                    }
                }
            }

            // Organisation names become small integers once, so the 66,000 pair checks of the IGF case compare ints.
            var organisations = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            int[] Organisations(IReadOnlyCollection<string> names) => [.. names
                .Where(n => !string.IsNullOrWhiteSpace(n))
                .Select(n => n.Trim())
                .Select(n => organisations.TryGetValue(n, out var id) ? id : organisations[n] = organisations.Count)
                .Distinct()];
            var proposalOrganisations = _proposals.Select(p => Organisations(p.Organisations)).ToArray();
            var reviewerOrganisations = _reviewers.Select(r => Organisations(r.Organisations)).ToArray();
            var conflicts = _reviewers.Select(r => r.ConflictProposalIds.ToHashSet()).ToArray();
            var expertise = _reviewers.Select(r => r.ExpertiseSubthemeIds.ToHashSet()).ToArray();

            var k = problem.ReviewersPerProposal;
            _free = new int[_p][];
            _match = new bool[_p][];
            _assigned = new bool[_p][];
            _need = new int[_p];
            _filled = new int[_p];
            _ownOrganisation = new int[_p];
            _declared = new int[_p];
            var freeFor = Enumerable.Range(0, _r).Select(_ => new List<(int, int)>()).ToArray();
            var free = new List<int>(_r);
            for (var p = 0; p < _p; p++)
            {
                free.Clear();
                var proposal = _proposals[p];
                for (var r = 0; r < _r; r++)
                {
                    if (keptOn.Contains((p, r)))
                    {
                        continue;
                    }
                    if (Shared(proposalOrganisations[p], reviewerOrganisations[r]))
                    {
                        _ownOrganisation[p]++;
                    }
                    else if (conflicts[r].Contains(proposal.Id))
                    {
                        _declared[p]++;
                    }
                    else
                    {
                        freeFor[r].Add((p, free.Count));
                        free.Add(r);
                    }
                }
                _free[p] = [.. free];
                _match[p] = [.. free.Select(r => proposal.SubthemeId is { } s && expertise[r].Contains(s))];
                _assigned[p] = new bool[free.Count];
                _need[p] = Math.Max(0, k - _keptCount[p]);
            }
            _freeFor = [.. freeFor.Select(l => l.ToArray())];
            _load = new int[_r];
            _m = _need.Sum(n => (long)n) + 1;
            _potential = new long[_sink + 1];
            _distance = new long[_sink + 1];
            _level = new int[_sink + 1];
            _next = new int[_sink + 1];
        }

        /// <summary>Whether two short lists of organisations meet; a loop, as a set per pair would cost more than the check.</summary>
        private static bool Shared(int[] a, int[] b)
        {
            foreach (var x in a)
            {
                if (Array.IndexOf(b, x) >= 0)
                {
                    return true;
                }
            }
            return false;
        }

        private static void ThrowOnDuplicate(IEnumerable<int> ids, string what)
        {
            var seen = new HashSet<int>();
            foreach (var id in ids)
            {
                if (!seen.Add(id))
                {
                    throw new ArgumentException($"The {what} {id} appears twice.", "problem");
                }
            }
        }

        private bool Open(int p) => _filled[p] < _need[p] && _filled[p] < _free[p].Length;

        private int Mismatch(int p, int slot) => _match[p][slot] ? 0 : 1;

        /// <summary>Cost of one more pair for reviewer r: the step of M·load² from its current load.</summary>
        private long NextUnit(int r) => _m * (2L * (_keptLoad[r] + _load[r]) + 1);

        private long Reduced(int from, int to, long cost) => cost + _potential[from] - _potential[to];

        public void Solve()
        {
            while (ShortestPaths())
            {
                BlockingFlow();
            }
        }

        /// <summary>Dijkstra from every proposal still open; updates the potentials. False once no pair can be added.</summary>
        private bool ShortestPaths()
        {
            Array.Fill(_distance, Unreached);
            var queue = _heap;
            queue.Clear();
            for (var p = 0; p < _p; p++)
            {
                if (Open(p))
                {
                    _distance[p] = 0;
                    queue.Enqueue(p, 0);
                }
            }
            while (queue.TryDequeue(out var v, out var d))
            {
                if (d > _distance[v])
                {
                    continue;
                }
                if (v == _sink)
                {
                    break;
                }
                if (v < _p)
                {
                    var free = _free[v];
                    for (var slot = 0; slot < free.Length; slot++)
                    {
                        if (!_assigned[v][slot])
                        {
                            Relax(queue, d, _p + free[slot], Reduced(v, _p + free[slot], Mismatch(v, slot)));
                        }
                    }
                }
                else
                {
                    var r = v - _p;
                    foreach (var (q, slot) in _freeFor[r])
                    {
                        if (_assigned[q][slot])
                        {
                            Relax(queue, d, q, Reduced(v, q, -Mismatch(q, slot)));
                        }
                    }
                    Relax(queue, d, _sink, Reduced(v, _sink, NextUnit(r)));
                }
            }
            var reach = _distance[_sink];
            if (reach == Unreached)
            {
                return false;
            }
            for (var v = 0; v <= _sink; v++)
            {
                _potential[v] += Math.Min(_distance[v], reach);
            }
            return true;
        }

        private void Relax(PriorityQueue<int, long> queue, long d, int to, long reduced)
        {
            var nd = d + reduced;
            if (nd < _distance[to])
            {
                _distance[to] = nd;
                queue.Enqueue(to, nd);
            }
        }

        /// <summary>Pushes pairs along every cheapest path found (reduced cost zero), Dinic style on breadth-first levels.</summary>
        private void BlockingFlow()
        {
            Array.Fill(_level, -1);
            var queue = _queue;
            queue.Clear();
            for (var p = 0; p < _p; p++)
            {
                if (Open(p))
                {
                    _level[p] = 0;
                    queue.Enqueue(p);
                }
            }
            while (queue.TryDequeue(out var v))
            {
                if (v < _p)
                {
                    var free = _free[v];
                    for (var slot = 0; slot < free.Length; slot++)
                    {
                        var to = _p + free[slot];
                        if (!_assigned[v][slot] && _level[to] < 0 && Reduced(v, to, Mismatch(v, slot)) == 0)
                        {
                            _level[to] = _level[v] + 1;
                            queue.Enqueue(to);
                        }
                    }
                }
                else
                {
                    foreach (var (q, slot) in _freeFor[v - _p])
                    {
                        if (_assigned[q][slot] && _level[q] < 0 && Reduced(v, q, -Mismatch(q, slot)) == 0)
                        {
                            _level[q] = _level[v] + 1;
                            queue.Enqueue(q);
                        }
                    }
                }
            }
            Array.Fill(_next, 0);
            for (var p = 0; p < _p; p++)
            {
                while (_level[p] == 0 && Open(p) && Push(p))
                {
                    _filled[p]++;
                }
            }
        }

        /// <summary>One pair more along an admissible path from v to the sink, applied on the way back.</summary>
        private bool Push(int v)
        {
            if (v < _p)
            {
                var free = _free[v];
                for (; _next[v] < free.Length; _next[v]++)
                {
                    var slot = _next[v];
                    var to = _p + free[slot];
                    if (!_assigned[v][slot] && _level[to] == _level[v] + 1 && Reduced(v, to, Mismatch(v, slot)) == 0 && Push(to))
                    {
                        _assigned[v][slot] = true;
                        return true;
                    }
                }
                return false;
            }
            var r = v - _p;
            var freeFor = _freeFor[r];
            for (; _next[v] < freeFor.Length; _next[v]++)
            {
                var (q, slot) = freeFor[_next[v]];
                if (_assigned[q][slot] && _level[q] == _level[v] + 1 && Reduced(v, q, -Mismatch(q, slot)) == 0 && Push(q))
                {
                    // q moves from r to the reviewer further along the path: r's load is unchanged.
                    _assigned[q][slot] = false;
                    return true;
                }
            }
            // The sink closes any path; a reviewer's next unit costs more than this one, so it is admissible once per phase.
            if (Reduced(v, _sink, NextUnit(r)) == 0)
            {
                _load[r]++;
                return true;
            }
            return false;
        }

        public AssignmentResult Result()
        {
            var pairs = new List<AssignmentPair>(_kept);
            var unfilled = new List<AssignmentShortfall>();
            for (var p = 0; p < _p; p++)
            {
                var id = _proposals[p].Id;
                for (var slot = 0; slot < _free[p].Length; slot++)
                {
                    if (_assigned[p][slot])
                    {
                        pairs.Add(new AssignmentPair(id, _reviewers[_free[p][slot]].Id));
                    }
                }
                var missing = _need[p] - _filled[p];
                if (missing > 0)
                {
                    unfilled.Add(new AssignmentShortfall(id, missing, Reason(p)));
                }
            }
            pairs.Sort((a, b) => a.ProposalId != b.ProposalId ? a.ProposalId.CompareTo(b.ProposalId) : a.ReviewerId.CompareTo(b.ReviewerId));
            return new AssignmentResult(pairs, unfilled);
        }

        private string Reason(int p)
        {
            var k = _problem.ReviewersPerProposal;
            if (_r == 0)
            {
                return $"There are no reviewers in the review group, and {Needed(k)} for each proposal.";
            }
            var able = _keptCount[p] + _free[p].Length;
            var why = new List<string>();
            if (_ownOrganisation[p] > 0)
            {
                why.Add($"{Reviewers(_ownOrganisation[p])} {(_ownOrganisation[p] == 1 ? "belongs" : "belong")} to one of its proposers' organisations");
            }
            if (_declared[p] > 0)
            {
                why.Add($"{Reviewers(_declared[p])} declared a conflict with it");
            }
            if (why.Count == 0)
            {
                return $"The review group has only {Reviewers(_r)}, and {Needed(k)} for each proposal.";
            }
            var start = able == 0
                ? _r == 1 ? "The only reviewer cannot review this proposal" : $"None of the {Reviewers(_r)} can review this proposal"
                : $"Only {able} of the {Reviewers(_r)} can review this proposal";
            return $"{start}, and {Needed(k)}: {string.Join(" and ", why)}.";
        }

        private static string Reviewers(int n) => n == 1 ? "1 reviewer" : $"{n} reviewers";

        private static string Needed(int k) => k == 1 ? "1 is needed" : $"{k} are needed";
    }
}
