using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Plenary.Features.Search;

/// <summary>
/// Turns text into the terms the index holds, the same way for SQLite and PostgreSQL: the engines only match and rank
/// terms already analysed here, so that "registry" finds "registries" on both, and a search behaves the same whichever
/// database an installation chose. Lucene's analysers are used as a library only (no Lucene index).
/// </summary>
/// <remarks>
/// Per language: lowercase, stop words and a stemmer: KStem for English (lighter than Porter, which merges "governance"
/// and "government"), Snowball for French, Spanish, Portuguese and Russian,
/// then accents folded (after stemming, as the stemmers expect the accents: "développement" and "developpement" both end
/// as "developp"); Arabic normalised (alef forms, teh marbuta, diacritics) and light-stemmed (prefixes such as "ال" and
/// common suffixes); Chinese as overlapping character bigrams ("数据治理" gives 数据 据治 治理), because it is written
/// without spaces and a dictionary segmenter would need ICU or a large dictionary, while bigrams find any two-character
/// word or longer with good precision. Any other language: lowercase and folded only.
/// </remarks>
public static class SearchAnalysis
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>The languages a query is analysed in (see <see cref="QueryAlternatives"/>): the UN's six and Portuguese.</summary>
    public static readonly IReadOnlyList<string> QueryLanguages = ["en", "fr", "es", "ar", "ru", "zh", "pt"];

    private static readonly ConcurrentDictionary<string, Analyzer> Analyzers = new();

    /// <summary>The analysed terms of <paramref name="text"/> written in <paramref name="language"/> (BCP 47), space-separated.</summary>
    public static string Terms(string text, string language) => string.Join(' ', Tokens(text, language).Select(t => t.Term));

    /// <summary>Each term with where it stands in the text (UTF-16 offsets), for the snippets' highlights.</summary>
    public static List<(string Term, int Start, int End)> Tokens(string text, string language)
    {
        var tokens = new List<(string, int, int)>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return tokens;
        }
        var analyzer = Analyzers.GetOrAdd(Family(language), Build);
        using var stream = analyzer.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return tokens;
    }

    /// <summary>
    /// Where the first term of <paramref name="terms"/> starts in <paramref name="text"/> (a UTF-16 offset), or -1: the
    /// analysis stops there, and no term's string is made on the way, so a snippet of a passage whose match comes early
    /// does not pay for analysing the whole passage.
    /// </summary>
    public static int FirstMatch(string text, string language, IReadOnlySet<string> terms)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return -1;
        }
        var analyzer = Analyzers.GetOrAdd(Family(language), Build);
        var lookup = terms is HashSet<string> set && set.TryGetAlternateLookup<ReadOnlySpan<char>>(out var spans) ? spans : (HashSet<string>.AlternateLookup<ReadOnlySpan<char>>?)null;
        using var stream = analyzer.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var first = -1;
        while (first < 0 && stream.IncrementToken())
        {
            var found = lookup is { } l ? l.Contains(term.Buffer.AsSpan(0, term.Length)) : terms.Contains(term.ToString());
            if (found)
            {
                first = offset.StartOffset;
            }
        }
        stream.End();
        return first;
    }

    /// <summary>
    /// The query's terms in each of <see cref="QueryLanguages"/>, without repeats or empty ones: an entry matches when it holds
    /// every term of one alternative. The reader's language alone would miss a Spanish reader looking for an English
    /// session's words, and the text's language is not known from a few words; each analyser also leaves most words of
    /// other scripts as they are, so the alternatives stay few.
    /// </summary>
    public static List<string[]> QueryAlternatives(string query) =>
        QueryLanguages.Select(l => Tokens(query, l).Select(t => t.Term).Distinct().ToArray())
            .Where(a => a.Length > 0)
            .DistinctBy(a => string.Join(' ', a.Order(StringComparer.Ordinal)))
            .ToList();

    /// <summary>Which analyser serves a language: "zh-Hans" and "zh-TW" the Chinese one, "pt-BR" the Portuguese.</summary>
    private static string Family(string? language)
    {
        var primary = (language ?? "").Split('-', 2)[0].ToLowerInvariant();
        return primary is "en" or "fr" or "es" or "pt" or "ru" or "ar" or "zh" or "ja" or "ko" ? primary : "";
    }

    private static Analyzer Build(string family) => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = family switch
        {
            "ar" => Arabic(source),
            "zh" or "ja" or "ko" => new ASCIIFoldingFilter(new CJKBigramFilter(new LowerCaseFilter(Version, new CJKWidthFilter(source)))),
            // KStem rather than Snowball's Porter for English: Porter makes "governance" and "government" one term, so
            // "data governance", the very topic the forums track, would rank "open government data" first.
            "en" => new ASCIIFoldingFilter(new KStemFilter(new StopFilter(Version, new EnglishPossessiveFilter(Version, new LowerCaseFilter(Version, source)), EnglishAnalyzer.DefaultStopSet))),
            "fr" => Snowball(new ElisionFilter(new LowerCaseFilter(Version, source), FrenchAnalyzer.DEFAULT_ARTICLES), FrenchAnalyzer.DefaultStopSet, "French"),
            "es" => Snowball(new LowerCaseFilter(Version, source), SpanishAnalyzer.DefaultStopSet, "Spanish"),
            "pt" => Snowball(new LowerCaseFilter(Version, source), PortugueseAnalyzer.DefaultStopSet, "Portuguese"),
            "ru" => Snowball(new LowerCaseFilter(Version, source), RussianAnalyzer.DefaultStopSet, "Russian"),
            // Han characters in a text of another language still pair up, so a Chinese name in an English text is found.
            _ => new ASCIIFoldingFilter(new CJKBigramFilter(new LowerCaseFilter(Version, source))),
        };
        return new TokenStreamComponents(source, stream);
    });

    private static TokenStream Snowball(TokenStream lowered, CharArraySet stopWords, string stemmer) =>
        new ASCIIFoldingFilter(new SnowballFilter(new StopFilter(Version, lowered, stopWords), stemmer));

    private static TokenStream Arabic(Tokenizer source) =>
        new ASCIIFoldingFilter(new ArabicStemFilter(new ArabicNormalizationFilter(new StopFilter(Version, new LowerCaseFilter(Version, source), ArabicAnalyzer.DefaultStopSet))));
}
