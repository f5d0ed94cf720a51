using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Plenary.Features.Sdgs;

/// <summary>
/// SDG suggestions: how often the first 3 and first 6 goals suggested are among those the organisers chose (precision)
/// and how many of theirs they find (recall), on the corpus in SdgCorpus.json; then the time to suggest for a
/// 1,000-word text with all 17 goals' queries.
/// </summary>
[MemoryDiagnoser]
public class SdgSuggestBench
{
    private SdgSuggester _suggester = null!;
    private string _text = "";

    public static void Run(string[] args)
    {
        var watch = Stopwatch.StartNew();
        var suggester = new SdgSuggester(SdgQuerySet.Load(), SdgCatalogue.Load());
        Console.WriteLine($"Queries parsed and compiled in {watch.ElapsedMilliseconds} ms");
        if (args.FirstOrDefault() == "try")
        {
            var text = Console.In.ReadToEnd();
            foreach (var g in suggester.Suggest(text).Goals)
            {
                Console.WriteLine($"{g.Goal,2} {g.Score,6:N2}  {string.Join(", ", g.Matched.Select(m => $"'{m}'"))}   [{string.Join(" ", g.Targets.Select(t => t.Code))}]");
            }
            return;
        }
        if (args.FirstOrDefault() == "review")
        {
            Review(suggester);
            return;
        }
        Console.WriteLine("Aurora queries with Plenary's digital lines (as the app runs):");
        Quality(suggester);
        Console.WriteLine("Aurora queries alone:");
        Quality(new SdgSuggester(SdgQuerySet.Load(withPlenaryLines: false), SdgCatalogue.Load()));
        if (args.Contains("--quality-only"))
        {
            return;
        }
        BenchmarkRunner.Run<SdgSuggestBench>(DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator), args);
    }

    /// <summary>
    /// The review list's work over a 300-session demo forum: each session's whole text (as
    /// <see cref="SessionSdgSuggestions.TextOf"/> reads it in the app) suggested for, less nothing linked. Once to warm up,
    /// then five timed passes; the database reads before it are not counted (a few queries, the page's own figure shows both).
    /// </summary>
    private static void Review(SdgSuggester suggester)
    {
        var demo = Plenary.Features.Demo.DemoForum.Build(SdgCatalogue.Load(), new Plenary.Features.Demo.DemoOptions { Sessions = 300, Rooms = 12, People = 300, RandomSeed = 2022 });
        var texts = demo.Sessions.Select(s => SessionSdgSuggestions.TextOf(s.Title, s.Description, s.Approach,
            s.Sections.Select(x => (string?)x.Text).Concat(s.Takeaways.Select(t => t.Text)).Concat(SessionSdgSuggestions.ReportTexts(s.Report)))).ToList();
        var words = texts.Sum(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
        var rows = texts.Sum(t => suggester.Suggest(t).Goals.Sum(g => 1 + Math.Min(g.Targets.Count, SessionSdgSuggestions.TargetsPerGoal)));
        var times = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var text in texts)
            {
                suggester.Suggest(text);
            }
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Review list: {texts.Count} sessions ({words:N0} words, {rows:N0} goal and target rows) suggested for in {times[0]:N0} ms best, {times[2]:N0} ms median of 5"));
    }

    public sealed record Case(string Title, string Text, int[] Goals, string? Source = null);

    public static List<Case> Corpus()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "SdgCorpus.json");
        return JsonSerializer.Deserialize<List<Case>>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    private static void Quality(SdgSuggester suggester)
    {
        var groups = Corpus().GroupBy(c => c.Source ?? "corpus").ToList();
        Console.WriteLine("| Texts | n | P@3 | R@3 | P@6 | R@6 | no suggestion |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var group in groups.Append(Corpus().GroupBy(_ => "all").Single()))
        {
            double p3 = 0, r3 = 0, p6 = 0, r6 = 0;
            var none = 0;
            foreach (var c in group)
            {
                var suggested = suggester.Suggest(c.Text).Goals.Select(g => g.Goal).ToList();
                if (suggested.Count == 0) none++;
                (var a, var b) = At(suggested, c.Goals, 3);
                p3 += a; r3 += b;
                (a, b) = At(suggested, c.Goals, 6);
                p6 += a; r6 += b;
            }
            var n = group.Count();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {n} | {p3 / n:P0} | {r3 / n:P0} | {p6 / n:P0} | {r6 / n:P0} | {none} |"));
        }
    }

    /// <summary>Precision over what was suggested (a text with fewer than k suggestions is not punished for the ones it held back), recall over the organisers' goals.</summary>
    private static (double Precision, double Recall) At(List<int> suggested, int[] chosen, int k)
    {
        var first = suggested.Take(k).ToList();
        var hits = first.Count(chosen.Contains);
        return (first.Count == 0 ? 0 : (double)hits / first.Count, (double)hits / chosen.Length);
    }

    [GlobalSetup]
    public void Setup()
    {
        _suggester = new SdgSuggester(SdgQuerySet.Load(), SdgCatalogue.Load());
        // 1,000 words made of the corpus's own session texts, the kind of text the suggestions are for.
        var words = string.Join(' ', Corpus().Select(c => c.Text)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _text = string.Join(' ', Enumerable.Range(0, 1000).Select(i => words[i % words.Length]));
    }

    [Benchmark(Description = "Suggest for a 1,000-word English text (17 goals)")]
    public int Suggest1000Words() => _suggester.Suggest(_text, "en").Goals.Count;
}
