using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Plenary.Features.Reports;

/// <summary>
/// Draft takeaways: ROUGE-1 and ROUGE-2 (recall, F1) of the drafted sentences against takeaways and calls to action
/// written by hand for the transcripts in DraftCorpus.json, beside a lead baseline; then the time to draft from an
/// 8,000-word transcript. See docs/draft-takeaways.md.
/// </summary>
public static partial class DraftsBench
{
    public sealed record Case(string Title, string Language, string Description, string Transcript, string[] Takeaways, string[] Actions);

    public static List<Case> Corpus() => JsonSerializer.Deserialize<List<Case>>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DraftCorpus.json")), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public static void Run(string[] args)
    {
        var corpus = Corpus().Select(c => (Case: c, Turns: TranscriptParser.Parse(c.Transcript, Instance.L).Parsed!.Turns)).ToList();
        Console.WriteLine($"Corpus: {corpus.Count} transcripts, {corpus.Sum(c => Words(c.Case.Transcript).Count):N0} words, {corpus.Sum(c => c.Case.Takeaways.Length + c.Case.Actions.Length)} hand-written takeaways and calls to action");
        var methods = new (string Name, Func<Case, List<TranscriptTurn>, (List<string> Takeaways, List<string> Actions)> Draft)[]
        {
            ("Lead: first 3 sentences, then first 2 with a cue", (c, turns) => Lead(turns, c.Language)),
            ("TextRank, no query, no MMR", (c, turns) => Of(TakeawayDraft.Draft(turns, null, c.Language, biased: false, diverse: false))),
            ("TextRank, no query, MMR", (c, turns) => Of(TakeawayDraft.Draft(turns, null, c.Language, biased: false))),
            ("TextRank biased to the record, MMR (the app)", (c, turns) => Of(TakeawayDraft.Draft(turns, Record(c), c.Language))),
        };
        Console.WriteLine();
        Console.WriteLine("All five drafted sentences against all hand-written ones (macro average over transcripts):");
        Console.WriteLine("| Method | R-1 recall | R-1 F1 | R-2 recall | R-2 F1 | Calls to action: R-1 recall | R-1 F1 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, draft) in methods)
        {
            var scores = corpus.Select(c =>
            {
                var (takeaways, actions) = draft(c.Case, c.Turns);
                var reference = string.Join(" ", c.Case.Takeaways.Concat(c.Case.Actions));
                var all = string.Join(" ", takeaways.Concat(actions));
                return (R1: Rouge(all, reference, 1), R2: Rouge(all, reference, 2), A1: Rouge(string.Join(" ", actions), string.Join(" ", c.Case.Actions), 1));
            }).ToList();
            Console.WriteLine($"| {name} | {scores.Average(s => s.R1.Recall):F3} | {scores.Average(s => s.R1.F1):F3} | {scores.Average(s => s.R2.Recall):F3} | {scores.Average(s => s.R2.F1):F3} | {scores.Average(s => s.A1.Recall):F3} | {scores.Average(s => s.A1.F1):F3} |");
        }
        if (args.Contains("--show"))
        {
            foreach (var (c, turns) in corpus)
            {
                var d = TakeawayDraft.Draft(turns, Record(c), c.Language);
                Console.WriteLine($"\n{c.Title}");
                foreach (var t in d.Takeaways) Console.WriteLine($"  T [{t.Speaker}] {t.Text}");
                foreach (var t in d.Actions) Console.WriteLine($"  A [{t.Speaker}] {t.Text}");
            }
        }
        Timing(corpus.Select(c => c.Turns).ToList(), corpus.Select(c => c.Case).ToList());
    }

    private static string Record(Case c) => c.Title + "\n" + c.Description;

    private static (List<string>, List<string>) Of(TakeawayDraft.Result r) =>
        (r.Takeaways.Select(t => t.Text).ToList(), r.Actions.Select(t => t.Text).ToList());

    /// <summary>The baseline: the first eligible sentences, as a rapporteur skimming the start would take them.</summary>
    private static (List<string>, List<string>) Lead(List<TranscriptTurn> turns, string language)
    {
        var eligible = TakeawayDraft.Sentences(turns, language).Where(s => s.Eligible).ToList();
        var takeaways = eligible.Take(TakeawayDraft.MaxTakeaways).ToList();
        var actions = eligible.Except(takeaways).Where(s => s.IsAction).Take(TakeawayDraft.MaxActions).ToList();
        return (takeaways.Select(s => s.Text).ToList(), actions.Select(s => s.Text).ToList());
    }

    /// <summary>ROUGE-N with clipped n-gram counts, lowercase words, no stemming and no stop words removed (as ROUGE's defaults).</summary>
    public static (double Recall, double Precision, double F1) Rouge(string candidate, string reference, int n)
    {
        var c = Grams(Words(candidate), n);
        var r = Grams(Words(reference), n);
        var overlap = r.Sum(g => Math.Min(g.Value, c.GetValueOrDefault(g.Key)));
        double rTotal = r.Values.Sum(), cTotal = c.Values.Sum();
        var recall = rTotal == 0 ? 0 : overlap / rTotal;
        var precision = cTotal == 0 ? 0 : overlap / cTotal;
        return (recall, precision, recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision));
    }

    private static Dictionary<string, int> Grams(List<string> words, int n)
    {
        var grams = new Dictionary<string, int>();
        for (var i = 0; i + n <= words.Count; i++)
        {
            var g = string.Join(' ', words.Skip(i).Take(n));
            grams[g] = grams.GetValueOrDefault(g) + 1;
        }
        return grams;
    }

    private static List<string> Words(string text) => WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    /// <summary>An 8,000-word transcript: the corpus's turns, each session's in turn, until 8,000 words are reached.</summary>
    private static void Timing(List<List<TranscriptTurn>> transcripts, List<Case> cases)
    {
        var turns = new List<TranscriptTurn>();
        var words = 0;
        for (var i = 0; words < 8_000; i++)
        {
            foreach (var t in transcripts[i % transcripts.Count])
            {
                turns.Add(t);
                words += t.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            }
        }
        var record = Record(cases[0]);
        var sentences = TakeawayDraft.Sentences(turns, "en").Count;
        for (var i = 0; i < 5; i++)
        {
            TakeawayDraft.Draft(turns, record, "en");
        }
        var times = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var watch = Stopwatch.StartNew();
            TakeawayDraft.Draft(turns, record, "en");
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine();
        Console.WriteLine($"Time to draft from a {words:N0}-word transcript ({turns.Count} turns, {sentences} sentences), 30 runs after 5 warm-ups: median {times[times.Count / 2]:N1} ms, fastest {times[0]:N1} ms, slowest {times[^1]:N1} ms");
    }
}
