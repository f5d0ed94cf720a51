using System.Text.RegularExpressions;
using Plenary.Features.Search;

namespace Plenary.Features.Reports;

/// <summary>
/// Drafts a session's key takeaways and calls to action from its transcript, for the rapporteur to edit: only sentences
/// someone said, lightly trimmed of openings such as "So," or "I think that", each with the turn it came from.
/// </summary>
/// <remarks>
/// TextRank over sentences (Mihalcea and Tarau, 2004): sentences are nodes, linked by the terms they share (stemmed, stop
/// words out, as search analyses them) over the log of their lengths, and ranked by PageRank. The random jump is biased
/// toward the sentences that share terms with the session's own record (title, description, sections), so what the
/// session set out to discuss outweighs a long aside. Sentences are then picked by maximal marginal relevance, each one
/// judged by its rank less its likeness to those already picked, so three takeaways are not one point said three times.
/// Calls to action are picked first, among sentences with a modal or appeal ("should", "must", "we urge", "il faut",
/// "debemos"); a transcript with none gets none: nothing is invented.
/// </remarks>
public static partial class TakeawayDraft
{
    public const int MaxTakeaways = 3;
    public const int MaxActions = 2;

    /// <summary>Shorter sentences rarely carry a point; longer ones are run-ons the captioner did not stop.</summary>
    public const int MinWords = 8;
    public const int MaxWords = 45;

    private const double Damping = 0.85;
    private const int Iterations = 40;

    /// <summary>The share of the random jump spread evenly, so sentences the record never mentions still count.</summary>
    private const double EvenJump = 0.2;

    /// <summary>Rank against redundancy when picking; 0.7 is the weight usual in summarisation.</summary>
    private const double Lambda = 0.7;

    /// <summary>A sentence of the draft: its text as offered, its turn (from 0), where the text stands in that turn, and who said it.</summary>
    /// <remarks>The offered text may begin with a capital where the turn has a small letter: it starts a sentence now.</remarks>
    public sealed record Drafted(string Text, int Turn, string? Speaker, int Start, int Length, double Score);

    public sealed record Result(IReadOnlyList<Drafted> Takeaways, IReadOnlyList<Drafted> Actions)
    {
        public bool IsEmpty => Takeaways.Count == 0 && Actions.Count == 0;
    }

    /// <summary>A sentence that could be drafted, with its analysed terms.</summary>
    public sealed record Candidate(string Text, int Turn, string? Speaker, int Start, int Length, int[] Terms, bool IsAction, bool Eligible);

    /// <summary>
    /// The draft for a transcript; <paramref name="record"/> is the session's own text (title, description, sections), the
    /// "query" the ranking leans toward; empty, it is plain TextRank. <paramref name="language"/> chooses stemmer and stop words.
    /// </summary>
    public static Result Draft(IReadOnlyList<TranscriptTurn> turns, string? record, string language, bool biased = true, bool diverse = true)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var sentences = Sentences(turns, language, vocabulary);
        if (sentences.Count == 0)
        {
            return new([], []);
        }
        var query = biased && !string.IsNullOrWhiteSpace(record) ? TermsOf(record, language, vocabulary) : [];
        var rank = Rank(sentences, query);
        var chosen = new List<int>();
        var actions = Pick(sentences, rank, chosen, MaxActions, i => sentences[i].IsAction, diverse);
        var takeaways = Pick(sentences, rank, chosen, MaxTakeaways, _ => true, diverse);
        return new(takeaways.Select(i => Offer(sentences[i], rank[i])).ToList(), actions.Select(i => Offer(sentences[i], rank[i])).ToList());
    }

    /// <summary>Every sentence of the transcript in order, those fit to offer marked <see cref="Candidate.Eligible"/>.</summary>
    public static List<Candidate> Sentences(IReadOnlyList<TranscriptTurn> turns, string language, Dictionary<string, int>? vocabulary = null)
    {
        vocabulary ??= new(StringComparer.Ordinal);
        var sentences = new List<Candidate>();
        for (var turn = 0; turn < turns.Count; turn++)
        {
            var text = turns[turn].Text;
            var bounds = Split(text).ToList();
            // A turn mostly of courtesies is the chair's ("Welcome. Let me introduce our panel. First, ..."): its other
            // sentences introduce people and topics rather than say anything about them.
            var chair = bounds.Count(b => Procedural().IsMatch(text.AsSpan(b.Start, b.Length))) * 2 >= bounds.Count;
            foreach (var (start, length) in bounds)
            {
                var (s, n) = Trim(text, start, length);
                if (n <= 0)
                {
                    continue;
                }
                var sentence = text.Substring(s, n);
                var terms = TermsOf(sentence, language, vocabulary);
                if (terms.Length == 0)
                {
                    continue;
                }
                var words = WordCount(sentence);
                var eligible = !chair && words is >= MinWords and <= MaxWords && !sentence.EndsWith('?') && !Procedural().IsMatch(sentence);
                sentences.Add(new Candidate(sentence, turn, turns[turn].Speaker, s, n, terms, ActionCue().IsMatch(sentence), eligible));
            }
        }
        return sentences;
    }

    /// <summary>The text offered in a field: the sentence, starting with a capital.</summary>
    public static string Offered(string sentence) =>
        sentence.Length > 0 && char.IsLower(sentence[0]) ? char.ToUpperInvariant(sentence[0]) + sentence[1..] : sentence;

    private static Drafted Offer(Candidate c, double score) => new(Offered(c.Text), c.Turn, c.Speaker, c.Start, c.Length, score);

    /// <summary>Biased PageRank over the sentence graph (power iteration; a sentence linked to none returns its share to the jump).</summary>
    private static double[] Rank(List<Candidate> sentences, int[] query)
    {
        var n = sentences.Count;
        var edges = new List<(int To, double Weight)>[n];
        var outWeight = new double[n];
        for (var i = 0; i < n; i++)
        {
            edges[i] = [];
        }
        // Postings: each term's sentences, so only pairs that share a term are compared.
        var postings = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            foreach (var t in sentences[i].Terms)
            {
                if (!postings.TryGetValue(t, out var list))
                {
                    postings[t] = list = [];
                }
                list.Add(i);
            }
        }
        var overlap = new int[n];
        var touched = new List<int>();
        for (var i = 0; i < n; i++)
        {
            foreach (var t in sentences[i].Terms)
            {
                foreach (var j in postings[t])
                {
                    if (j > i)
                    {
                        if (overlap[j]++ == 0)
                        {
                            touched.Add(j);
                        }
                    }
                }
            }
            foreach (var j in touched)
            {
                var w = overlap[j] / (Math.Log(1 + sentences[i].Terms.Length) + Math.Log(1 + sentences[j].Terms.Length));
                edges[i].Add((j, w));
                edges[j].Add((i, w));
                outWeight[i] += w;
                outWeight[j] += w;
                overlap[j] = 0;
            }
            touched.Clear();
        }

        var jump = new double[n];
        var relevance = new double[n];
        var total = 0.0;
        if (query.Length > 0)
        {
            for (var i = 0; i < n; i++)
            {
                relevance[i] = Shared(sentences[i].Terms, query) / (Math.Log(1 + sentences[i].Terms.Length) + Math.Log(1 + query.Length));
                total += relevance[i];
            }
        }
        for (var i = 0; i < n; i++)
        {
            jump[i] = total > 0 ? EvenJump / n + (1 - EvenJump) * relevance[i] / total : 1.0 / n;
        }

        var rank = (double[])jump.Clone();
        var next = new double[n];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var dangling = 0.0;
            Array.Clear(next);
            for (var j = 0; j < n; j++)
            {
                if (outWeight[j] == 0)
                {
                    dangling += rank[j];
                    continue;
                }
                var share = rank[j] / outWeight[j];
                foreach (var (to, w) in edges[j])
                {
                    next[to] += share * w;
                }
            }
            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                var value = (1 - Damping) * jump[i] + Damping * (next[i] + dangling * jump[i]);
                change += Math.Abs(value - rank[i]);
                rank[i] = value;
            }
            if (change < 1e-9)
            {
                break;
            }
        }
        return rank;
    }

    /// <summary>Maximal marginal relevance among eligible sentences that pass <paramref name="fits"/> and are not chosen yet.</summary>
    private static List<int> Pick(List<Candidate> sentences, double[] rank, List<int> chosen, int count, Func<int, bool> fits, bool diverse)
    {
        var pool = Enumerable.Range(0, sentences.Count).Where(i => sentences[i].Eligible && fits(i) && !chosen.Contains(i)).ToList();
        var picked = new List<int>();
        if (pool.Count == 0)
        {
            return picked;
        }
        var top = pool.Max(i => rank[i]);
        while (picked.Count < count && pool.Count > 0)
        {
            var best = -1;
            var bestScore = double.NegativeInfinity;
            foreach (var i in pool)
            {
                var redundancy = diverse ? chosen.Select(j => Cosine(sentences[i].Terms, sentences[j].Terms)).DefaultIfEmpty(0).Max() : 0;
                // The same sentence said twice (a speaker repeating it) is never offered twice.
                if (chosen.Any(j => sentences[j].Text.Equals(sentences[i].Text, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }
                var score = diverse ? Lambda * rank[i] / top - (1 - Lambda) * redundancy : rank[i];
                if (score > bestScore)
                {
                    (best, bestScore) = (i, score);
                }
            }
            if (best < 0)
            {
                break;
            }
            picked.Add(best);
            chosen.Add(best);
            pool.Remove(best);
        }
        return picked;
    }

    private static int Shared(int[] a, int[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                (shared, i, j) = (shared + 1, i + 1, j + 1);
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return shared;
    }

    private static double Cosine(int[] a, int[] b) => a.Length == 0 || b.Length == 0 ? 0 : Shared(a, b) / Math.Sqrt((double)a.Length * b.Length);

    /// <summary>The distinct analysed terms of a text as sorted ids, less the words of speech that carry no topic.</summary>
    private static int[] TermsOf(string text, string language, Dictionary<string, int> vocabulary)
    {
        var ids = new SortedSet<int>();
        foreach (var (term, _, _) in SearchAnalysis.Tokens(text, language))
        {
            if (SpokenStopWords.Contains(term) || term.Length < 2 && !char.IsLetter(term, 0))
            {
                continue;
            }
            if (!vocabulary.TryGetValue(term, out var id))
            {
                vocabulary[term] = id = vocabulary.Count;
            }
            ids.Add(id);
        }
        return [.. ids];
    }

    /// <summary>Words frequent in any talk and about nothing in particular (as the analysers leave them: lowercase, stemmed).</summary>
    private static readonly HashSet<string> SpokenStopWords = new(StringComparer.Ordinal)
    {
        "i", "we", "you", "our", "us", "my", "me", "your", "he", "she", "his", "her", "them", "its", "it's", "i'm", "we're", "don't",
        "have", "has", "had", "do", "does", "did", "so", "very", "also", "just", "really", "think", "know", "would", "could", "can",
        "what", "which", "who", "about", "more", "all", "some", "one", "go", "going", "get", "lot", "thing", "yes", "okay", "well",
        "like", "because", "from", "been", "were", "here", "how", "when", "where", "why", "than", "other", "those", "want", "say",
        "said", "make", "now", "actually", "much", "many", "way", "kind", "sort", "see", "mean", "right", "good", "let", "very",
        "people", "need", "should", "must", "thank", "question", "yeah", "um", "uh", "sure", "come", "take", "give", "even",
        "still", "already", "maybe", "quite", "each", "every", "any", "only", "again", "same", "most", "own", "over", "out", "up",
    };

    /// <summary>Sentence bounds in a turn: after . ! ? … (and closing quotes) followed by space and no small letter, not after "Mr." and the like.</summary>
    private static IEnumerable<(int Start, int Length)> Split(string text)
    {
        var start = 0;
        foreach (Match end in SentenceEnd().Matches(text))
        {
            var stop = end.Index + end.Length;
            var after = stop < text.Length ? text[stop] : ' ';
            if (char.IsLower(after) || Abbreviation().IsMatch(text.AsSpan(start, end.Index + 1 - start)))
            {
                continue;
            }
            yield return Bounds(text, start, end.Index + end.Groups[1].Length);
            start = stop;
        }
        if (start < text.Length)
        {
            yield return Bounds(text, start, text.Length);
        }
    }

    private static (int, int) Bounds(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        return (start, end - start);
    }

    /// <summary>Takes the openings of speech off the start of a sentence ("So, and I think that ..."), never a word inside it.</summary>
    private static (int Start, int Length) Trim(string text, int start, int length)
    {
        var sentence = text.Substring(start, length);
        var filler = Filler().Match(sentence);
        var cut = filler.Success ? filler.Length : 0;
        return (start + cut, length - cut);
    }

    private static int WordCount(string text) => Words().Count(text);

    [GeneratedRegex(@"([.!?…。！？]+[""”’)\]]*)\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Art|Sr|Sra|Mme|Mlle|M|e\.g|i\.e|etc|vs|cf)\.|\b[A-Z]\.)$")]
    private static partial Regex Abbreviation();

    [GeneratedRegex(@"\S+")]
    private static partial Regex Words();

    /// <summary>
    /// Openings to cut, repeated: "So," "Well," "Okay," "Yes," "Now," (with their comma: "So many" is not "So,"), "and", "but",
    /// "I think (that)", "I believe that", "you know,", and the French and Spanish of them.
    /// </summary>
    [GeneratedRegex(@"\A(?:(?:(?:so|well|okay|ok|yes|yeah|now|um+|uh+|actually|basically|of course|you know|I mean|alors|donc|bon|eh bien|en fait|oui|pues|bueno|entonces|sí|claro)\s*,|and|but|et|mais|y|pero|I think(?: that)?|I believe that|I would say(?: that)?|I'd say(?: that)?|in my view,|je pense que|je crois que|creo que|pienso que)\s+)+", RegexOptions.IgnoreCase)]
    private static partial Regex Filler();

    /// <summary>The chair's words and courtesies: they run a session, they are not its outcome.</summary>
    [GeneratedRegex(@"\b(?:thank|thanks|welcome|the floor|my name|hear me|next speaker|introduce|microphone|unmute|minutes left|last question|over to you|hand over|let me|our (?:first|next|last) speaker|panel(?:ists|lists)?\b|merci|bienvenue|la parole|gracias|bienvenid|la palabra)", RegexOptions.IgnoreCase)]
    private static partial Regex Procedural();

    /// <summary>Modals and appeals: the sentence asks someone to act ("has to" is left out: speakers use it to describe, "a network has to pay").</summary>
    [GeneratedRegex(@"\b(?:should|must|need to|needs to|we need|ought to|call on|calls on|calling on|urge|we ask|let us|let's|it is (?:essential|crucial|vital|important|urgent) (?:to|that)|doit|doivent|devons|devez|devrait|devraient|devrions|il faut|il faudrait|appelons|exhortons|il est (?:essentiel|crucial|indispensable|urgent)|debe|deben|debemos|debería|deberían|deberíamos|hay que|tenemos que|instamos|exhortamos|pedimos|es (?:esencial|fundamental|crucial|urgente))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ActionCue();
}
