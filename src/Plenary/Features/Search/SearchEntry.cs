using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Forums;
using Plenary.Features.Messages;
using Plenary.Features.People;
using Plenary.Features.Sessions;

namespace Plenary.Features.Search;

/// <summary>
/// One searchable part of a session, message, person or organisation in one language, or one passage of a long part
/// (<see cref="SearchIndex.Passages"/>): what the search index holds.
/// Written only by <see cref="SearchIndex"/>, from the records it stands for, in the transaction that changes them. The
/// engines match <see cref="Terms"/> (SQLite through the FTS5 table SearchTerms, PostgreSQL through the generated
/// tsvector column SearchVector, both made by the migrations' own SQL); <see cref="Text"/> gives the snippet.
/// </summary>
/// <remarks>
/// The forum, year, session type, subtheme and language are kept on each row so that facets and the year-by-year chart
/// can count hits without joining back to the records; so are the session's other facets, as bits (<see cref="Facets"/>).
/// </remarks>
public sealed class SearchEntry
{
    public const int MaxText = 400_000;

    public long Id { get; set; }
    public SearchKind Kind { get; set; }

    /// <summary>Null for people and organisations, who belong to no one forum.</summary>
    public int? ForumId { get; set; }
    public int? Year { get; set; }
    public int? SessionTypeId { get; set; }
    public int? SubthemeId { get; set; }
    public int? SessionId { get; set; }
    public int? MessageId { get; set; }
    public int? PersonId { get; set; }
    public int? OrganisationId { get; set; }
    public SearchPart Part { get; set; }

    /// <summary>
    /// The session's SDGs, Compact objectives, WSIS action lines, organisers' groups and regions, report and transcript,
    /// as <see cref="SearchFacetBits"/>; the same on every row of a session, 0 for other records. Written with the rows,
    /// and again whenever one of those changes (<see cref="SearchIndexUpdates"/>).
    /// </summary>
    public long Facets { get; set; }

    /// <summary>
    /// True while the public may not see the record in this language: a cancelled session, or one the forum's latest
    /// released timetable does not hold (<see cref="Releases.PublishedTimetable"/>); a message before the outcome document
    /// is published, or a translation of it before its language version is; a person or an organisation with no part in a
    /// session the public sees. Kept on the rows, as <see cref="Facets"/> are,
    /// so that a search tests a column instead of probing the sessions and releases once per record found; written with the
    /// rows, and again whenever one of those changes (<see cref="SearchIndexUpdates"/>, <see cref="SearchIndex.VisibilityAsync"/>).
    /// </summary>
    public bool Hidden { get; set; }

    /// <summary>BCP 47: the original's language, or the translation's.</summary>
    public required string Language { get; set; }

    /// <summary>True for a row made from a translation, not the original.</summary>
    public bool Translated { get; set; }

    /// <summary>How much a match here counts (<see cref="SearchWeights"/>), kept on the row so both engines rank alike.</summary>
    public double Weight { get; set; }

    /// <summary>The part's text as read (Markdown made plain), for snippets.</summary>
    public required string Text { get; set; }

    /// <summary>
    /// The analysed terms of <see cref="Text"/> (<see cref="SearchAnalysis.Terms"/>), space-separated, each with its
    /// tier's mark (<see cref="SearchTiers"/>); no limit, as Chinese bigrams make it longer than the text.
    /// </summary>
    public required string Terms { get; set; }
}

public enum SearchKind
{
    Session,
    Message,
    Person,
    Organisation,
}

/// <summary>Where in a record a text was found. Stored by name; new ones go at the end.</summary>
public enum SearchPart
{
    Title,
    Takeaways,
    CallsToAction,
    Description,
    Sections,
    Report,
    GenderReport,
    Transcript,
    Message,
    Name,

    /// <summary>A person's job title and affiliation, apart from the name so that a name is matched as the whole of it.</summary>
    Affiliation,
}

/// <summary>
/// How much a match in each part counts, in one place. A search is mostly for sessions and what came out of them: a
/// title says what a session is about (10); key takeaways, calls to action and the forum's messages are its outputs, the
/// things the community says are hard to find (6, 5, 5); a description or the record's sections were written before the
/// session (3, 2), a report restates the takeaways at length (2), a gender report is about the room more than the topic
/// (1), and a word in a transcript may be said in passing (0.5). The engines' relevance (bm25, ts_rank) already
/// favours short texts, where a word found is more of the text, so these only order the parts, they do not have to
/// make up for length. A person or an organisation comes first only when the query is (nearly) their name
/// (<see cref="WholeName"/>, see <see cref="RankSql"/>); a name that merely contains the words, and a person's job title
/// or affiliation, count little, so that "community networks" finds sessions before the "… Community Networks Alliance".
/// </summary>
public static class SearchWeights
{
    /// <summary>The query is the name, or all of it but one word of a name of three or more ("Yik Chan Chin" for "Ms. Yik Chan Chin").</summary>
    public const double WholeName = 12;

    /// <summary>The query's words are only part of a longer name.</summary>
    public const double PartOfName = 1;

    public static double Of(SearchPart part) => part switch
    {
        SearchPart.Title => 10,
        SearchPart.Name => WholeName,
        SearchPart.Takeaways => 6,
        SearchPart.CallsToAction => 5,
        SearchPart.Message => 5,
        SearchPart.Description => 3,
        SearchPart.Sections => 2,
        SearchPart.Report => 2,
        SearchPart.GenderReport => 1,
        SearchPart.Affiliation => 1,
        _ => 0.5,
    };

    /// <summary>
    /// The weight a hit on the index row <c>e</c> counts with, as SQL both engines run: the row's own weight, except for a
    /// name holding more words than the query gave (an entry matches only when it holds every word of the query, so a
    /// name of no more words than the query is the query). Words are counted in the row's analysed terms, one space
    /// between each; the query's in its longest alternative, the one that keeps the words names keep (no stop words dropped).
    /// </summary>
    public static string RankSql(IReadOnlyList<string[]> alternatives)
    {
        var words = alternatives.Count == 0 ? 0 : alternatives.Max(a => a.Length);
        const string nameWords = """(LENGTH(e."Terms") - LENGTH(REPLACE(e."Terms", ' ', '')) + 1)""";
        return string.Create(CultureInfo.InvariantCulture, $"""
            (CASE WHEN e."Part" = '{nameof(SearchPart.Name)}' AND NOT ({nameWords} <= {words} OR ({nameWords} >= 3 AND {nameWords} <= {words + 1})) THEN {PartOfName:0.0###} ELSE e."Weight" END)
            """);
    }
}

/// <summary>
/// The index in tiers, by weight: names and titles; takeaways, calls to action and messages; descriptions, records,
/// reports and affiliations; transcripts. A common word matches a passage of nearly every transcript, and neither engine
/// can give the best of 100,000 matches without reading them all (FTS5's bm25 visits each match's size, PostgreSQL each
/// match's row), so a search takes its matches tier by tier, weightiest first, and stops when
/// <see cref="SearchQueries.RankedMatches"/> are taken: a word found in a thousand titles never reads a transcript. To
/// let each engine match one tier alone, from its own index, every term is stored with its tier's mark before it
/// ("1data" in a title, "4data" in a transcript): one posting list per term and tier, in the FTS5 table and in the
/// GIN index alike, and no second index to keep in step.
/// </summary>
public static class SearchTiers
{
    /// <summary>The lowest weight in each tier, weightiest tier first; <see cref="SearchWeights.Of"/> gives the weights.</summary>
    private static readonly double[] Floors = [10, 5, 1, 0];

    public static int Count => Floors.Length;

    /// <summary>
    /// Tiers whose matches are taken best first (SQLite: FTS5's bm25 order; affordable, as names, titles and outputs are
    /// short and few). The others are taken in the index's order, oldest first, on both engines: ranking every passage
    /// that holds a common word is the cost the tiers avoid.
    /// </summary>
    public const int RankedTiers = 2;

    public static int Of(double weight)
    {
        for (var tier = 0; tier < Floors.Length; tier++)
        {
            if (weight >= Floors[tier])
            {
                return tier;
            }
        }
        return Floors.Length - 1;
    }

    /// <summary>A term as stored in <paramref name="tier"/>.</summary>
    public static string Mark(string term, int tier) => (char)('1' + tier) + term;

    /// <summary>Space-separated analysed terms as stored for a row of this weight: every term marked.</summary>
    public static string MarkAll(string terms, double weight)
    {
        if (terms.Length == 0)
        {
            return terms;
        }
        var mark = Mark("", Of(weight));
        return mark + terms.Replace(" ", " " + mark, StringComparison.Ordinal);
    }
}

public sealed class SearchEntryConfiguration : IEntityTypeConfiguration<SearchEntry>
{
    public void Configure(EntityTypeBuilder<SearchEntry> entry)
    {
        entry.ToTable("SearchEntries");
        entry.Property(e => e.Language).HasMaxLength(SessionTranslation.MaxLanguage);
        entry.Property(e => e.Text).HasMaxLength(SearchEntry.MaxText);
        // The rows already there when the column came got 0 (no facet) before the migration filled their bits.
        entry.Property(e => e.Facets).HasDefaultValue(0L);
        // The rows already there when the column came are visible (false) until the migration hides the ones it must.
        entry.Property(e => e.Hidden).HasDefaultValue(false);
        // Rows go with what they index, also when a forum or session is removed in bulk, without the app's help.
        entry.HasOne<Forum>().WithMany().HasForeignKey(e => e.ForumId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne<Session>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne<ForumMessage>().WithMany().HasForeignKey(e => e.MessageId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => new { e.ForumId, e.Year });
    }
}
