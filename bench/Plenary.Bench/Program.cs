using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Plenary;
using Plenary.Features.Timetable;

if (args.FirstOrDefault() == "links")
{
    LinksBench.Run(args[1..]);
    return;
}
if (args.FirstOrDefault() == "search")
{
    await SearchBench.RunAsync(args[1..]);
    return;
}
if (args.FirstOrDefault() == "sdgs")
{
    SdgSuggestBench.Run(args[1..]);
    return;
}
if (args.FirstOrDefault() == "drafts")
{
    DraftsBench.Run(args[1..]);
    return;
}
if (args.FirstOrDefault() == "assignment")
{
    AssignmentBench.Run(args[1..]);
    return;
}

// The scheduler and the warnings on an IGF-scale forum (300 sessions, 12 rooms, 5 days, 1,500 people, 8 subthemes, a
// third of speakers online across 14 zones). First the plan's quality beside a greedy first-fit baseline, then timings.
var forum = RandomTimetable.Generate(Instance.Seed);
var watch = Stopwatch.StartNew();
var plan = new Scheduler(forum).Plan(replanAll: true, Instance.Seed);
var once = watch.Elapsed;
var firstFit = new Scheduler(forum).FirstFit(replanAll: true);
var warnings = TimetableRules.Check(forum.With(plan.Placements), Instance.L);
var baselineWarnings = TimetableRules.Check(forum.With(firstFit.Placements), Instance.L);
Console.WriteLine($"Instance: {forum.Sessions.Count} sessions, {forum.Rooms.Count} rooms, {forum.Days().Count()} days, {forum.People.Count} people");
Console.WriteLine($"Scheduler:  placed {plan.Placements.Count}, unplaced {plan.Unplaced.Count}, blocking {warnings.Count(w => w.Severity == Severity.Block)}, warnings {warnings.Count}, soft cost {plan.Cost:N1} (first run {once.TotalMilliseconds:N0} ms)");
Console.WriteLine($"First fit:  placed {firstFit.Placements.Count}, unplaced {firstFit.Unplaced.Count}, blocking {baselineWarnings.Count(w => w.Severity == Severity.Block)}, warnings {baselineWarnings.Count}, soft cost {firstFit.Cost:N1}");
if (args.Contains("--quality-only"))
{
    return;
}
BenchmarkRunner.Run<TimetableBenchmarks>(DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator));

public static class Instance
{
    public const int Seed = 2022;

    public static readonly IStringLocalizer L = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));
}

[MemoryDiagnoser]
public class TimetableBenchmarks
{
    private TimetableSnapshot _forum = null!;
    private TimetableSnapshot _planned = null!;

    [GlobalSetup]
    public void Setup()
    {
        _forum = RandomTimetable.Generate(Instance.Seed);
        _planned = _forum.With(new Scheduler(_forum).Plan(true, Instance.Seed).Placements);
    }

    [Benchmark(Description = "Scheduler, re-plan all 300 sessions")]
    public SchedulePlan Schedule() => new Scheduler(_forum).Plan(true, Instance.Seed);

    [Benchmark(Description = "Greedy first fit (baseline)")]
    public SchedulePlan FirstFit() => new Scheduler(_forum).FirstFit(true);

    [Benchmark(Description = "All warnings, whole timetable")]
    public List<Warning> Warnings() => TimetableRules.Check(_planned, Instance.L);
}
