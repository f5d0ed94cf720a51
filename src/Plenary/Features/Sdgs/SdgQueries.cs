using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Plenary.Features.Sdgs;

/// <summary>
/// A text cut into words the way the queries are read: lower-cased, accents folded, split at anything that is not a
/// letter or digit (so "well-being" is "well being", as Scopus reads a quoted phrase loosely). Each word keeps where it
/// is in the original text, so that what matched can be quoted back as the reader wrote it.
/// </summary>
public sealed class SdgText
{
    public string Original { get; }
    internal readonly string[] Words;
    internal readonly int[] Starts;
    internal readonly int[] Ends;
    private readonly Dictionary<string, List<int>> _positions = new(StringComparer.Ordinal);
    private readonly string[] _distinct;

    private SdgText(string original, List<(string Word, int Start, int End)> words)
    {
        Original = original;
        Words = new string[words.Count];
        Starts = new int[words.Count];
        Ends = new int[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            (Words[i], Starts[i], Ends[i]) = words[i];
            (_positions.TryGetValue(Words[i], out var list) ? list : _positions[Words[i]] = []).Add(i);
        }
        _distinct = [.. _positions.Keys];
        Array.Sort(_distinct, StringComparer.Ordinal);
    }

    public int Count => Words.Length;

    public static SdgText Read(string text) => new(text, Split(text));

    internal IReadOnlyList<int> Positions(string word) => _positions.TryGetValue(word, out var list) ? list : [];

    /// <summary>The distinct words starting with a prefix, found by binary search in the sorted vocabulary.</summary>
    internal IEnumerable<string> WordsStartingWith(string prefix)
    {
        var lo = 0;
        var hi = _distinct.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(_distinct[mid], prefix) < 0) lo = mid + 1; else hi = mid;
        }
        for (var i = lo; i < _distinct.Length && _distinct[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return _distinct[i];
        }
    }

    internal string Quote(int first, int last) => Original[Starts[first]..Ends[last]];

    internal static List<(string Word, int Start, int End)> Split(string text)
    {
        var words = new List<(string, int, int)>();
        var builder = new StringBuilder();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c) || (start >= 0 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0)
            {
                words.Add((Fold(text.AsSpan(start, i - start), builder), start, i));
                start = -1;
            }
        }
        return words;
    }

    /// <summary>Lower case without accents: "Développement" and "developpement" are one word.</summary>
    internal static string Fold(ReadOnlySpan<char> word, StringBuilder builder)
    {
        var ascii = true;
        foreach (var c in word)
        {
            if (c > 127) { ascii = false; break; }
        }
        if (ascii)
        {
            return string.Create(word.Length, word.ToString(), (span, w) => { for (var i = 0; i < w.Length; i++) span[i] = char.ToLowerInvariant(w[i]); });
        }
        builder.Clear();
        foreach (var c in word.ToString().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}

/// <summary>Where a query matched: words <c>First</c> to <c>Last</c> of the text.</summary>
internal readonly record struct SdgSpan(int First, int Last)
{
    /// <summary>
    /// Matches kept per node: the score counts only a few repeats, and a long text repeating a word hundreds of times
    /// would otherwise make W/n compare every pair (the time per text is bounded by it).
    /// </summary>
    public const int Kept = 32;
}

/// <summary>
/// One query line compiled once: a tree of the Scopus operators the Aurora queries use. Operators bind as in Scopus:
/// OR tightest, then W/n and PRE/n, then AND, then AND NOT; brackets as written.
/// </summary>
public abstract class SdgQueryNode
{
    internal abstract List<SdgSpan> Match(SdgQueryContext context);

    /// <summary>Parses one Scopus-style query line; throws <see cref="FormatException"/> naming the place it could not read.</summary>
    public static SdgQueryNode Parse(string query, SdgQueryTerms? terms = null) => new SdgQueryParser(query, terms ?? new SdgQueryTerms()).ParseAll();

    /// <summary>Whether the query matches a text, and where (for tests and the hand-made cases in the docs).</summary>
    public IReadOnlyList<string> Evidence(SdgText text, SdgQueryTerms terms)
    {
        var spans = Match(new SdgQueryContext(text, terms));
        return spans.Select(s => text.Quote(s.First, s.Last)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}

/// <summary>A quoted word or phrase; a word ending in <c>*</c> matches every word starting so.</summary>
internal sealed class SdgTermNode(int id, string[] words, bool[] prefix) : SdgQueryNode
{
    public int Id => id;
    public string[] Words => words;

    internal override List<SdgSpan> Match(SdgQueryContext context) => context.Term(this);

    internal List<SdgSpan> Find(SdgText text)
    {
        var found = new List<SdgSpan>();
        if (words.Length == 0) return found;
        if (prefix[0])
        {
            foreach (var word in text.WordsStartingWith(words[0]))
            {
                foreach (var p in text.Positions(word)) Extend(text, p, found);
            }
            if (found.Count > 1) found.Sort((a, b) => a.First.CompareTo(b.First));
        }
        else
        {
            foreach (var p in text.Positions(words[0])) Extend(text, p, found);
        }
        return found;
    }

    private void Extend(SdgText text, int p, List<SdgSpan> found)
    {
        if (p + words.Length > text.Count || found.Count >= SdgSpan.Kept) return;
        for (var k = 1; k < words.Length; k++)
        {
            var w = text.Words[p + k];
            if (prefix[k] ? !w.StartsWith(words[k], StringComparison.Ordinal) : !string.Equals(w, words[k], StringComparison.Ordinal)) return;
        }
        found.Add(new SdgSpan(p, p + words.Length - 1));
    }
}

internal sealed class SdgOrNode(SdgQueryNode[] parts) : SdgQueryNode
{
    internal override List<SdgSpan> Match(SdgQueryContext context)
    {
        List<SdgSpan>? all = null;
        foreach (var part in parts)
        {
            var spans = part.Match(context);
            if (spans.Count == 0) continue;
            if (all is null) all = [.. spans]; else all.AddRange(spans);
            if (all.Count >= SdgSpan.Kept) break;
        }
        return all ?? [];
    }
}

/// <summary>Both sides somewhere in the text; the evidence is what each side matched.</summary>
internal sealed class SdgAndNode(SdgQueryNode left, SdgQueryNode right) : SdgQueryNode
{
    internal override List<SdgSpan> Match(SdgQueryContext context)
    {
        var l = left.Match(context);
        if (l.Count == 0) return l;
        var r = right.Match(context);
        if (r.Count == 0) return r;
        return [.. l, .. r];
    }
}

internal sealed class SdgAndNotNode(SdgQueryNode left, SdgQueryNode right) : SdgQueryNode
{
    internal override List<SdgSpan> Match(SdgQueryContext context)
    {
        var l = left.Match(context);
        return l.Count == 0 || right.Match(context).Count == 0 ? l : [];
    }
}

/// <summary>
/// W/n: the two sides with at most n words between them, in either order; PRE/n: the left one first. The evidence is
/// the stretch of text from one to the other ("resilient digital infrastructure"), so a nested W/n measures from it.
/// </summary>
internal sealed class SdgNearNode(SdgQueryNode left, SdgQueryNode right, int distance, bool ordered) : SdgQueryNode
{
    internal override List<SdgSpan> Match(SdgQueryContext context)
    {
        var l = left.Match(context);
        if (l.Count == 0) return l;
        var r = right.Match(context);
        if (r.Count == 0) return r;
        var found = new List<SdgSpan>();
        foreach (var a in l)
        {
            foreach (var b in r)
            {
                var gap = b.First > a.Last ? b.First - a.Last - 1 : a.First > b.Last ? (ordered ? int.MaxValue : a.First - b.Last - 1) : 0;
                if (gap <= distance)
                {
                    var span = new SdgSpan(Math.Min(a.First, b.First), Math.Max(a.Last, b.Last));
                    if (!found.Contains(span)) found.Add(span);
                    if (found.Count >= SdgSpan.Kept) return found;
                }
            }
        }
        return found;
    }
}

/// <summary>The distinct quoted terms of all queries, so a word or phrase that appears in many queries is looked up once per text.</summary>
public sealed class SdgQueryTerms
{
    private readonly Dictionary<string, SdgTermNode> _byText = new(StringComparer.Ordinal);
    internal int Count => _byText.Count;

    internal SdgTermNode Get(string quoted)
    {
        // Words cut as a text's are ("well-being" is two words); a star marks the word before it as a prefix ("develop* countr*").
        var texts = new List<string>();
        var prefixes = new List<bool>();
        var builder = new StringBuilder();
        var start = -1;
        for (var i = 0; i <= quoted.Length; i++)
        {
            var c = i < quoted.Length ? quoted[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0)
            {
                texts.Add(SdgText.Fold(quoted.AsSpan(start, i - start), builder));
                prefixes.Add(false);
                start = -1;
            }
            if (c == '*' && prefixes.Count > 0)
            {
                prefixes[^1] = true;
            }
        }
        var key = string.Join(' ', texts.Select((t, i) => prefixes[i] ? t + "*" : t));
        if (!_byText.TryGetValue(key, out var node))
        {
            node = new SdgTermNode(_byText.Count, [.. texts], [.. prefixes]);
            _byText[key] = node;
        }
        return node;
    }
}

/// <summary>Per-text memory of each term's matches, so shared terms are found once.</summary>
internal sealed class SdgQueryContext(SdgText text, SdgQueryTerms terms)
{
    private readonly List<SdgSpan>?[] _terms = new List<SdgSpan>?[terms.Count + 1];
    public SdgText Text => text;

    public List<SdgSpan> Term(SdgTermNode term)
    {
        if (term.Id >= _terms.Length) return term.Find(text);
        return _terms[term.Id] ??= term.Find(text);
    }
}

internal sealed class SdgQueryParser(string query, SdgQueryTerms terms)
{
    private int _at;

    public SdgQueryNode ParseAll()
    {
        var node = ParseAndNot();
        Skip();
        if (_at < query.Length) throw Error($"unexpected '{query[_at]}'");
        return node;
    }

    private SdgQueryNode ParseAndNot()
    {
        var node = ParseAnd();
        while (TryKeyword("AND", alsoNot: true))
        {
            node = new SdgAndNotNode(node, ParseAnd());
        }
        return node;
    }

    private SdgQueryNode ParseAnd()
    {
        var node = ParseNear();
        while (true)
        {
            var save = _at;
            if (TryKeyword("AND", alsoNot: false))
            {
                node = new SdgAndNode(node, ParseNear());
                continue;
            }
            _at = save;
            Skip();
            // Scopus reads two terms side by side as AND.
            if (_at < query.Length && query[_at] is '"' or '{' or '(')
            {
                node = new SdgAndNode(node, ParseNear());
                continue;
            }
            return node;
        }
    }

    private SdgQueryNode ParseNear()
    {
        var node = ParseOr();
        while (true)
        {
            Skip();
            var rest = query.AsSpan(_at);
            bool ordered;
            if (rest.StartsWith("W/", StringComparison.OrdinalIgnoreCase)) { ordered = false; _at += 2; }
            else if (rest.StartsWith("PRE/", StringComparison.OrdinalIgnoreCase)) { ordered = true; _at += 4; }
            else return node;
            var start = _at;
            while (_at < query.Length && char.IsAsciiDigit(query[_at])) _at++;
            if (start == _at) throw Error("a distance after W/ or PRE/");
            var distance = int.Parse(query.AsSpan(start, _at - start), CultureInfo.InvariantCulture);
            node = new SdgNearNode(node, ParseOr(), distance, ordered);
        }
    }

    private SdgQueryNode ParseOr()
    {
        var parts = new List<SdgQueryNode> { ParsePrimary() };
        while (TryKeyword("OR", alsoNot: false))
        {
            parts.Add(ParsePrimary());
        }
        return parts.Count == 1 ? parts[0] : new SdgOrNode([.. parts]);
    }

    private SdgQueryNode ParsePrimary()
    {
        Skip();
        if (_at >= query.Length) throw Error("a term or '(' before the end");
        var c = query[_at];
        if (c == '(')
        {
            _at++;
            var inner = ParseAndNot();
            Skip();
            if (_at >= query.Length || query[_at] != ')') throw Error("')'");
            _at++;
            return inner;
        }
        if (c is '"' or '{')
        {
            var close = c == '"' ? '"' : '}';
            var end = query.IndexOf(close, _at + 1);
            if (end < 0) throw Error($"a closing {close}");
            var text = query[(_at + 1)..end];
            _at = end + 1;
            return terms.Get(text);
        }
        // A field name around a bracket, as Scopus writes TITLE-ABS-KEY(...): the whole text is searched anyway.
        var word = _at;
        while (_at < query.Length && (char.IsLetterOrDigit(query[_at]) || query[_at] is '-' or '*')) _at++;
        if (_at == word) throw Error($"a term, not '{c}'");
        var bare = query[word.._at];
        Skip();
        if (bare.All(ch => char.IsUpper(ch) || ch == '-') && _at < query.Length && query[_at] == '(')
        {
            return ParsePrimary();
        }
        return terms.Get(bare);
    }

    private bool TryKeyword(string keyword, bool alsoNot)
    {
        Skip();
        var save = _at;
        if (!IsWord(keyword)) return false;
        if (keyword == "AND")
        {
            var afterAnd = _at;
            Skip();
            var isNot = IsWord("NOT");
            if (isNot != alsoNot) { _at = save; return false; }
            if (!isNot) _at = afterAnd;
        }
        return true;
    }

    private bool IsWord(string word)
    {
        if (_at + word.Length <= query.Length && string.CompareOrdinal(query, _at, word, 0, word.Length) == 0
            && (_at + word.Length == query.Length || !char.IsLetterOrDigit(query[_at + word.Length])))
        {
            _at += word.Length;
            return true;
        }
        return false;
    }

    private void Skip()
    {
        while (_at < query.Length && char.IsWhiteSpace(query[_at])) _at++;
    }

    private FormatException Error(string expected) =>
        new($"Expected {expected} at character {_at} of the query: {query.Trim()[..Math.Min(query.Trim().Length, 200)]}");
}

/// <summary>A query definition of the Aurora set: the lines that find one target (or the goal as a whole).</summary>
public sealed record SdgQueryDefinition(int Goal, string? Target, IReadOnlyList<SdgQueryNode> Lines, bool Aurora = true);

/// <summary>
/// The Aurora Universities' SDG queries (v5.0, CC BY 4.0, see Data/queries), parsed once at start-up. They are written
/// in English for titles, abstracts and keywords of research papers, so they read English texts only.
/// </summary>
public sealed class SdgQuerySet
{
    private static readonly XNamespace Aqd = "http://aurora-network.global/queries/namespace/";
    private static readonly XNamespace Dc = "http://dublincore.org/documents/dcmi-namespace/";

    public SdgQueryTerms Terms { get; }
    public IReadOnlyList<SdgQueryDefinition> Definitions { get; }

    private SdgQuerySet(SdgQueryTerms terms, IReadOnlyList<SdgQueryDefinition> definitions)
    {
        Terms = terms;
        Definitions = definitions;
    }

    /// <param name="withPlenaryLines">Also Plenary's own lines for the digital side of the targets (plenary_ict.xml); off only to measure what they add.</param>
    public static SdgQuerySet Load(bool withPlenaryLines = true)
    {
        var assembly = typeof(SdgQuerySet).Assembly;
        var terms = new SdgQueryTerms();
        var definitions = new List<SdgQueryDefinition>();
        for (var goal = 1; goal <= 17; goal++)
        {
            var suffix = $".Data.queries.query_SDG{goal}.xml";
            var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(suffix, StringComparison.Ordinal));
            using var stream = assembly.GetManifestResourceStream(name)!;
            definitions.AddRange(Read(XDocument.Load(stream), goal, terms));
        }
        if (withPlenaryLines)
        {
            var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Data.queries.plenary_ict.xml", StringComparison.Ordinal));
            using var stream = assembly.GetManifestResourceStream(name)!;
            definitions.AddRange(Read(XDocument.Load(stream), null, terms).Select(d => d with { Aurora = false }));
        }
        return new SdgQuerySet(terms, definitions);
    }

    internal static IEnumerable<SdgQueryDefinition> Read(XDocument document, int? goal, SdgQueryTerms terms)
    {
        foreach (var definition in document.Descendants(Aqd + "query-definition"))
        {
            var uri = definition.Elements(Dc + "identifier").FirstOrDefault(e => (string?)e.Attribute("type") == "uri")?.Value.Trim();
            var code = uri?[(uri.LastIndexOf('/') + 1)..];
            var target = code is not null && code.Contains('.', StringComparison.Ordinal) ? code : null;
            var lines = definition.Descendants(Aqd + "query-line")
                .Where(l => !string.IsNullOrWhiteSpace(l.Value))
                .Select(l => SdgQueryNode.Parse(l.Value, terms))
                .ToList();
            if (lines.Count > 0)
            {
                yield return new SdgQueryDefinition(goal ?? int.Parse(target![..target!.IndexOf('.')], CultureInfo.InvariantCulture), target, lines);
            }
        }
    }
}
