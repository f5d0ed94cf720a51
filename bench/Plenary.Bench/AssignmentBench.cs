using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Plenary.Features.Reviews;

/// <summary>
/// Reviewer assignment at IGF scale: 1,200 proposals, 55 reviewers (the IGF 2023 advisory group), three reviewers each,
/// 8 subthemes, 200 organisations of very different sizes, each reviewer in 1 to 3 organisations with 1 to 3 subthemes of
/// expertise and about 5 declared conflicts. Prints the answer's quality, then BenchmarkDotNet's timings.
/// </summary>
public static class AssignmentBench
{
    public const int Seed = 2023;

    public static void Run(string[] args)
    {
        var problem = IgfInstance(Seed);
        // Processor time beside wall time: on a machine shared with other work the wall clock also counts the waits for a core.
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = ReviewerAssignment.Assign(problem);
        var cold = watch.Elapsed;
        process.Refresh();
        var coldCpu = process.TotalProcessorTime - cpu;
        var warm = new List<double>();
        cpu = process.TotalProcessorTime;
        for (var i = 0; i < 10; i++)
        {
            watch.Restart();
            ReviewerAssignment.Assign(problem);
            warm.Add(watch.Elapsed.TotalMilliseconds);
        }
        process.Refresh();
        var warmCpu = (process.TotalProcessorTime - cpu) / 10;
        warm.Sort();

        var reviewers = problem.Reviewers.ToDictionary(r => r.Id);
        var proposals = problem.Proposals.ToDictionary(p => p.Id);
        var loads = problem.Reviewers.ToDictionary(r => r.Id, _ => 0);
        foreach (var pair in result.Assignments)
        {
            loads[pair.ReviewerId]++;
        }
        var conflicts = result.Assignments.Count(p => !Free(proposals[p.ProposalId], reviewers[p.ReviewerId]));
        var perProposal = result.Assignments.GroupBy(p => p.ProposalId).ToDictionary(g => g.Key, g => g.Select(p => p.ReviewerId).Distinct().Count());
        var covered = problem.Proposals.Count(p => perProposal.GetValueOrDefault(p.Id) == problem.ReviewersPerProposal);
        var baseline = RoundRobin(problem);
        var baselineLoads = baseline.GroupBy(p => p.ReviewerId).Select(g => g.Count()).ToList();

        Console.WriteLine($"Instance: {problem.Proposals.Count} proposals, {problem.Reviewers.Count} reviewers, {problem.ReviewersPerProposal} each, 8 subthemes, "
            + $"{problem.Proposals.SelectMany(p => p.Organisations).Distinct().Count()} organisations, "
            + $"{problem.Reviewers.Sum(r => r.ConflictProposalIds.Count)} declared conflicts, "
            + $"{problem.Proposals.Sum(p => problem.Reviewers.Count(r => !Free(p, r)))} proposal-reviewer pairs excluded (organisation or conflict)");
        Console.WriteLine($"Time: cold {cold.TotalMilliseconds:N0} ms wall, {coldCpu.TotalMilliseconds:N0} ms processor (first call, JIT included); "
            + $"warm median {warm[warm.Count / 2]:N1} ms wall, best {warm[0]:N1} ms, {warmCpu.TotalMilliseconds:N1} ms processor on average (10 runs)");
        Console.WriteLine($"Coverage: {covered} of {problem.Proposals.Count} proposals with {problem.ReviewersPerProposal} distinct reviewers, {result.Assignments.Count} pairs, {result.Unfilled.Count} shortfalls");
        Console.WriteLine($"Balance: load min {loads.Values.Min()}, max {loads.Values.Max()}");
        Console.WriteLine($"Conflicts found (own organisation or declared): {conflicts}");
        Console.WriteLine($"Expertise match: {MatchRate(problem, result.Assignments):P1} of pairs; naive round-robin {MatchRate(problem, baseline):P1} (its loads {baselineLoads.Min()} to {baselineLoads.Max()})");
        if (args.Contains("--quality-only"))
        {
            return;
        }
        BenchmarkRunner.Run<AssignmentBenchmarks>(DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator));
    }

    public static AssignmentProblem IgfInstance(int seed)
    {
        var random = new Random(seed);
        // A few organisations propose a lot (squared draw): a reviewer from one of them is kept off many proposals.
        string Organisation() => $"Organisation {(int)(200 * Math.Pow(random.NextDouble(), 2)) + 1}";
        var subthemes = Enumerable.Range(1, 8).ToArray();
        // Subthemes are not equally popular, as in a real call.
        int Subtheme() => subthemes[(int)(subthemes.Length * Math.Pow(random.NextDouble(), 1.5))];
        var proposals = Enumerable.Range(1, 1200)
            .Select(id => new AssignmentProposal(id, Subtheme(), Enumerable.Range(0, random.Next(1, 4)).Select(_ => Organisation()).Distinct().ToList()))
            .ToList();
        var reviewers = Enumerable.Range(1, 55)
            .Select(id => new AssignmentReviewer(id,
                Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(1, 9)).Distinct().ToList(),
                Enumerable.Range(0, random.Next(1, 4)).Select(_ => Organisation()).Distinct().ToList(),
                Enumerable.Range(0, random.Next(3, 8)).Select(_ => random.Next(1, 1201)).Distinct().ToList()))
            .ToList();
        return new AssignmentProblem(proposals, reviewers, 3, []);
    }

    private static bool Free(AssignmentProposal p, AssignmentReviewer r) =>
        !r.ConflictProposalIds.Contains(p.Id)
        && !p.Organisations.Any(o => r.Organisations.Any(x => string.Equals(o.Trim(), x.Trim(), StringComparison.OrdinalIgnoreCase)));

    private static double MatchRate(AssignmentProblem problem, IReadOnlyCollection<AssignmentPair> pairs)
    {
        var proposals = problem.Proposals.ToDictionary(p => p.Id);
        var reviewers = problem.Reviewers.ToDictionary(r => r.Id);
        return (double)pairs.Count(p => proposals[p.ProposalId].SubthemeId is { } s && reviewers[p.ReviewerId].ExpertiseSubthemeIds.Contains(s)) / pairs.Count;
    }

    /// <summary>The naive way: reviewers in turn, skipping those not free to review the proposal.</summary>
    private static List<AssignmentPair> RoundRobin(AssignmentProblem problem)
    {
        var pairs = new List<AssignmentPair>();
        var turn = 0;
        foreach (var proposal in problem.Proposals)
        {
            var taken = 0;
            for (var tried = 0; tried < problem.Reviewers.Count && taken < problem.ReviewersPerProposal; tried++)
            {
                var reviewer = problem.Reviewers[turn++ % problem.Reviewers.Count];
                if (Free(proposal, reviewer))
                {
                    pairs.Add(new AssignmentPair(proposal.Id, reviewer.Id));
                    taken++;
                }
            }
        }
        return pairs;
    }
}

[MemoryDiagnoser]
public class AssignmentBenchmarks
{
    private AssignmentProblem _problem = null!;

    [GlobalSetup]
    public void Setup() => _problem = AssignmentBench.IgfInstance(AssignmentBench.Seed);

    [Benchmark(Description = "Assign 1,200 proposals to 55 reviewers, 3 each")]
    public AssignmentResult Assign() => ReviewerAssignment.Assign(_problem);
}
