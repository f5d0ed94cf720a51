using System.Text.RegularExpressions;
using Plenary.Features.Search;

namespace Plenary.Features.Sdgs;

/// <summary>A target the text seems to serve, with the words that say so.</summary>
public sealed record SdgTargetSuggestion(string Code, double Score, IReadOnlyList<string> Matched);

/// <summary>A goal the text seems to serve: its score, its targets, and the words or phrases that matched (the "why").</summary>
public sealed record SdgSuggestion(int Goal, double Score, IReadOnlyList<SdgTargetSuggestion> Targets, IReadOnlyList<string> Matched);

/// <summary>What was suggested and how: "queries" for English, "target texts" for the other languages.</summary>
public sealed record SdgSuggestions(string Language, string Method, IReadOnlyList<SdgSuggestion> Goals);

/// <summary>
/// Suggests goals and targets for a text, offline. English texts are read with the Aurora Universities' queries (each
/// query line that matches adds one to its target, a repeated match a little more); the queries are English only, so a
/// text in another UN language is compared with the targets' official texts in that language instead (weighted words in
/// common, stemmed as search stems them), which finds fewer and cruder matches.
/// </summary>
public sealed partial class SdgSuggester
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Longer texts are refused by the API; a session's whole record is well under it.</summary>
    public const int MaxTextLength = 50_000;

    private const double MinimumGoalScore = 1.0;
    private readonly SdgQuerySet _queries;
    private readonly SdgCatalogue _catalogue;
    private readonly Dictionary<string, TargetTerms> _targetTerms = [];
    private readonly Lock _lock = new();

    public SdgSuggester(SdgQuerySet queries, SdgCatalogue catalogue)
    {
        _queries = queries;
        _catalogue = catalogue;
    }

    public SdgSuggestions Suggest(string text, string? language = null)
    {
        var lang = language ?? GuessLanguage(text);
        return lang == "en"
            ? new SdgSuggestions("en", "queries", FromQueries(text))
            : new SdgSuggestions(lang, "target texts", FromTargetTexts(text, lang));
    }

    private List<SdgSuggestion> FromQueries(string text)
    {
        var read = SdgText.Read(text);
        var context = new SdgQueryContext(read, _queries.Terms);
        var byTarget = new Dictionary<(int Goal, string? Target), (double Score, Dictionary<string, int> Matched)>();
        foreach (var definition in _queries.Definitions)
        {
            foreach (var line in definition.Lines)
            {
                var spans = line.Match(context);
                if (spans.Count == 0) continue;
                // Goal-wide definitions carry a made-up code ("13.0") in a few files: they count for the goal only.
                var key = (definition.Goal, definition.Target is { } t && _catalogue.FindTarget(t) is not null ? t : null);
                if (!byTarget.TryGetValue(key, out var found))
                {
                    found = (0, new Dictionary<string, int>(StringComparer.Ordinal));
                }
                var quotes = 0;
                foreach (var span in spans)
                {
                    var quote = Quote(read, span);
                    if (quote.Length == 0) continue;
                    found.Matched[quote] = found.Matched.GetValueOrDefault(quote) + 1;
                    quotes++;
                }
                // One for the line, and a little for each further occurrence: a text about the topic says it more than once.
                byTarget[key] = (found.Score + 1 + Math.Min(quotes - 1, 4) * 0.25, found.Matched);
            }
        }
        return byTarget.GroupBy(t => t.Key.Goal).Select(g =>
        {
            var targets = g.Where(t => t.Key.Target is not null)
                .Select(t => new SdgTargetSuggestion(t.Key.Target!, t.Value.Score, Ordered(t.Value.Matched)))
                .OrderByDescending(t => t.Score).ToList();
            var matched = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var t in g)
            {
                foreach (var (quote, count) in t.Value.Matched) matched[quote] = matched.GetValueOrDefault(quote) + count;
            }
            return new SdgSuggestion(g.Key, g.Sum(t => t.Value.Score), targets, Ordered(matched));
        }).Where(s => s.Score >= MinimumGoalScore).OrderByDescending(s => s.Score).ThenBy(s => s.Goal).ToList();
    }

    private static IReadOnlyList<string> Ordered(Dictionary<string, int> matched) =>
        matched.OrderByDescending(m => m.Value).ThenBy(m => m.Key.Length).Select(m => m.Key).Take(8).ToList();

    private static string Quote(SdgText text, SdgSpan span)
    {
        // A W/3 match can reach over a few words; a longer stretch would not read as a reason.
        if (span.Last - span.First > 6) return "";
        return Spaces().Replace(text.Quote(span.First, span.Last), " ").ToLowerInvariant();
    }

    private sealed record TargetTerms(Dictionary<string, string[]> ByTarget, Dictionary<string, double> Weights);

    private TargetTerms TermsOf(string language)
    {
        lock (_lock)
        {
            if (_targetTerms.TryGetValue(language, out var cached)) return cached;
            var byTarget = _catalogue.Targets.ToDictionary(t => t.Code,
                t => SearchAnalysis.Tokens(t.Title(language), language).Select(x => x.Term).Where(x => x.Length > 1 && !x.All(char.IsDigit)).Distinct().ToArray());
            var frequency = byTarget.Values.SelectMany(t => t).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
            // Words in many targets ("développement", "pays") say nothing about which one; rare ones say a lot.
            var weights = frequency.Where(f => f.Value <= 12).ToDictionary(f => f.Key, f => Math.Log((double)byTarget.Count / f.Value));
            return _targetTerms[language] = new TargetTerms(byTarget, weights);
        }
    }

    private List<SdgSuggestion> FromTargetTexts(string text, string language)
    {
        var terms = TermsOf(language);
        var tokens = SearchAnalysis.Tokens(text, language);
        var surface = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (term, start, end) in tokens)
        {
            surface.TryAdd(term, text[start..end].ToLowerInvariant());
        }
        var targets = new List<SdgTargetSuggestion>();
        foreach (var (code, words) in terms.ByTarget)
        {
            var hits = words.Where(w => terms.Weights.ContainsKey(w) && surface.ContainsKey(w)).ToList();
            if (hits.Count < 2) continue;
            // Scaled so that two uncommon words in common weigh about one matching query line.
            var score = hits.Sum(h => terms.Weights[h]) / 5;
            targets.Add(new SdgTargetSuggestion(code, Math.Round(score, 2), hits.Select(h => surface[h]).ToList()));
        }
        return targets.GroupBy(t => int.Parse(t.Code[..t.Code.IndexOf('.')], System.Globalization.CultureInfo.InvariantCulture))
            .Select(g => new SdgSuggestion(g.Key, Math.Round(g.Sum(t => t.Score), 2), g.OrderByDescending(t => t.Score).ToList(),
                g.SelectMany(t => t.Matched).GroupBy(m => m).OrderByDescending(m => m.Count()).Select(m => m.Key).Take(8).ToList()))
            .Where(s => s.Score >= MinimumGoalScore).OrderByDescending(s => s.Score).ThenBy(s => s.Goal).ToList();
    }

    private static readonly Dictionary<string, string[]> StopWords = new()
    {
        ["en"] = ["the", "and", "of", "to", "in", "is", "for", "with", "on", "how", "this", "that", "are"],
        ["fr"] = ["le", "la", "les", "des", "et", "du", "est", "pour", "dans", "une", "sur", "comment", "que"],
        ["es"] = ["el", "la", "los", "las", "y", "del", "es", "para", "en", "una", "por", "como", "que"],
    };

    /// <summary>The script tells Arabic, Russian and Chinese apart; among Latin texts the commonest small words tell English, French and Spanish.</summary>
    public static string GuessLanguage(string text)
    {
        int arabic = 0, cyrillic = 0, han = 0, latin = 0;
        foreach (var c in text.Length > 5000 ? text[..5000] : text)
        {
            if (c is >= '\u0600' and <= '\u06FF') arabic++;
            else if (c is >= '\u0400' and <= '\u04FF') cyrillic++;
            else if (c is >= '\u4E00' and <= '\u9FFF') han++;
            else if (char.IsAsciiLetter(c)) latin++;
        }
        var max = Math.Max(Math.Max(arabic, cyrillic), Math.Max(han * 3, latin));
        if (max == 0 || max == latin)
        {
            var words = SdgText.Split(text.Length > 5000 ? text[..5000] : text).Select(w => w.Word).ToList();
            return StopWords.OrderByDescending(s => words.Count(w => s.Value.Contains(w))).ThenBy(s => s.Key != "en").First().Key;
        }
        return max == arabic ? "ar" : max == cyrillic ? "ru" : "zh-Hans";
    }
}
