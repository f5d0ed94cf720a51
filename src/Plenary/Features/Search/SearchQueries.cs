using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Plenary.Features.Forums;
using Plenary.Features.Frameworks;
using Plenary.Features.Messages;
using Plenary.Features.People;
using Plenary.Features.Programme;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Search;

/// <summary>A search as asked (page and API alike), read and checked by <see cref="SearchQueries.Read"/>.</summary>
public sealed record SearchRequest(string Query, IReadOnlyList<string[]> Alternatives, Forum? Forum, int? From, int? To, int Page)
{
    /// <summary>A session type's code ("WS"), the same in every forum that runs the type.</summary>
    public string? Type { get; init; }
    public Subtheme? Subtheme { get; init; }
    public int? Sdg { get; init; }

    /// <summary>A Global Digital Compact objective ("3"), as the catalogue writes it.</summary>
    public string? Gdc { get; init; }

    /// <summary>A WSIS action line ("C5"), as the catalogue writes it.</summary>
    public string? Wsis { get; init; }
    public StakeholderGroup? Group { get; init; }
    public RegionalGroup? Region { get; init; }

    /// <summary>BCP 47: only text found in this language (names, which have none, drop out).</summary>
    public string? Language { get; init; }
    public bool HasReport { get; init; }
    public bool HasTranscript { get; init; }
}

/// <summary>Why a search cannot run, in the reader's language, and which parameter was wrong.</summary>
public sealed record SearchRefusal(string Field, string Message);

/// <summary>A result: one session, message, person or organisation, with the best-matching part of it.</summary>
/// <param name="Language">The language of the part found (BCP 47), or <see cref="SearchIndex.NoLanguage"/> for a name.</param>
/// <param name="TitleLanguage">The title's language: the translation's where the title is translated too; null for a name.</param>
public sealed record SearchResult(SearchKind Kind, string? ForumSlug, string? ForumName, int? Year, string Title, string? Url,
    SearchPart FoundIn, string Language, bool Translated, SearchSnippet Snippet, double Score, string? TitleLanguage = null);

/// <param name="TotalIsLowerBound">The search matched more than <see cref="SearchQueries.RankedMatches"/> parts and passages: only
/// those were ranked and counted, so <paramref name="Total"/> (and every facet's count) is of their records, and there are more.</param>
public sealed record SearchResults(SearchRequest Request, int Total, IReadOnlyList<SearchResult> Results, bool TotalIsLowerBound = false)
{
    public int Pages => Math.Max(1, (Total + SearchQueries.PageSize - 1) / SearchQueries.PageSize);
}

/// <summary>
/// Searches the index (<see cref="SearchEntry"/>) on either engine: SQLite's FTS5 ranked by bm25, PostgreSQL's tsvector
/// ranked by ts_rank, each times the part's weight. The user's words never reach the engine as query syntax: they are
/// analysed into terms (<see cref="SearchAnalysis.QueryAlternatives"/>), and each term is quoted, so quotes, brackets,
/// operators, stars and SQL are read as the words they contain or dropped. A record found in several parts or
/// languages is one result, ranked by its best part, whose snippet is shown.
/// </summary>
public sealed partial class SearchQueries(PlenaryDb db, IStringLocalizer<SharedResource> L, SearchFacetCounts counts)
{
    public const int PageSize = 20;
    public const int MaxQuery = 500;
    public const int MaxPage = 500;

    /// <summary>
    /// The most index rows (parts and passages) one search ranks and counts. Past it the total and the facets' counts
    /// are of these rows' records only, and say so (<see cref="SearchResults.TotalIsLowerBound"/>).
    /// </summary>
    public const int RankedMatches = 1_000;

    /// <summary>The query-string keys of a search, page and API alike, in the order its links write them.</summary>
    public static readonly string[] Keys = ["q", "forum", "from", "to", "type", "subtheme", "sdg", "gdc", "wsis", "group", "region", "lang", "has", "page"];

    /// <summary>The search asked in a query string (<see cref="Keys"/>), or why it cannot run: the first wrong value, in words a reader can act on.</summary>
    public async Task<(SearchRequest? Request, SearchRefusal? Refusal)> Read(IQueryCollection parameters, CancellationToken cancel)
    {
        // Every key but "has" takes one value: a second one would be silently dropped, or joined with a comma into a value nobody asked for.
        foreach (var key in Keys.Where(k => k != "has"))
        {
            if (parameters.TryGetValue(key, out var values) && values.Count > 1)
            {
                return (null, new SearchRefusal(key, L["Give only one value for “{0}”.", key]));
            }
        }
        string? One(string key) => parameters.TryGetValue(key, out var values) ? values.ToString() : null;
        var (request, refusal) = await Read(One("q"), One("forum"), One("from"), One("to"), One("page"), cancel);
        return request is null ? (null, refusal) : await ReadFacets(request, parameters, One, cancel);
    }

    private async Task<(SearchRequest? Request, SearchRefusal? Refusal)> ReadFacets(SearchRequest request, IQueryCollection parameters, Func<string, string?> one, CancellationToken cancel)
    {
        string? Given(string key) => one(key) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

        if (Given("type") is { } typeText)
        {
            var upper = typeText.ToUpperInvariant();
            var code = typeText.Length <= 40 ? await db.SessionTypes.Where(t => t.Code.ToUpper() == upper).Select(t => t.Code).FirstOrDefaultAsync(cancel) : null;
            if (code is null)
            {
                return (null, new SearchRefusal("type", L["No forum has a session type with the code “{0}”.", Shorten(typeText)]));
            }
            request = request with { Type = code };
        }
        if (Given("subtheme") is { } subthemeText)
        {
            var subtheme = int.TryParse(subthemeText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await db.Subthemes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancel) : null;
            if (subtheme is null)
            {
                return (null, new SearchRefusal("subtheme", L["There is no subtheme number “{0}”.", Shorten(subthemeText)]));
            }
            request = request with { Subtheme = subtheme };
        }
        if (Given("sdg") is { } sdgText)
        {
            if (!int.TryParse(sdgText, NumberStyles.None, CultureInfo.InvariantCulture, out var goal) || goal is < 1 or > 17)
            {
                return (null, new SearchRefusal("sdg", L["“{0}” is not a Sustainable Development Goal. Choose a goal from 1 to 17.", Shorten(sdgText)]));
            }
            request = request with { Sdg = goal };
        }
        // Any forum's links count: a search runs over the archive, where one forum may have used a framework that another did not.
        if (Given("gdc") is { } gdcText)
        {
            if (FrameworkCatalogue.Canonical(Framework.Gdc, gdcText) is not { } objective)
            {
                return (null, new SearchRefusal("gdc", L["“{0}” is not a Global Digital Compact objective. Choose an objective from 1 to 5.", Shorten(gdcText)]));
            }
            request = request with { Gdc = objective };
        }
        if (Given("wsis") is { } wsisText)
        {
            if (FrameworkCatalogue.Canonical(Framework.Wsis, wsisText) is not { } line)
            {
                return (null, new SearchRefusal("wsis", L["“{0}” is not a WSIS action line. Choose one from C1 to C11.", Shorten(wsisText)]));
            }
            request = request with { Wsis = line };
        }
        if (Given("group") is { } groupText)
        {
            // By name only: Enum.TryParse would also take "3", or "Government,Academia".
            var name = Enum.GetNames<StakeholderGroup>().FirstOrDefault(n => string.Equals(n, groupText, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                return (null, new SearchRefusal("group", L["“{0}” is not a stakeholder group. Choose one of: {1}.", Shorten(groupText), string.Join(", ", Enum.GetNames<StakeholderGroup>())]));
            }
            request = request with { Group = Enum.Parse<StakeholderGroup>(name) };
        }
        if (Given("region") is { } regionText)
        {
            var name = Enum.GetNames<RegionalGroup>().FirstOrDefault(n => string.Equals(n, regionText, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                return (null, new SearchRefusal("region", L["“{0}” is not a regional group. Choose one of: {1}.", Shorten(regionText), string.Join(", ", Enum.GetNames<RegionalGroup>())]));
            }
            request = request with { Region = Enum.Parse<RegionalGroup>(name) };
        }
        if (Given("lang") is { } languageText)
        {
            if (ContentLanguage.Normalise(languageText) is not { } language)
            {
                return (null, new SearchRefusal("lang", L["“{0}” is not a language code such as en, fr or zh-Hans.", Shorten(languageText)]));
            }
            request = request with { Language = language };
        }
        foreach (var has in parameters.TryGetValue("has", out var values) ? values : StringValues.Empty)
        {
            switch (has?.Trim().ToLowerInvariant())
            {
                case "report":
                    request = request with { HasReport = true };
                    break;
                case "transcript":
                    request = request with { HasTranscript = true };
                    break;
                case null or "":
                    break;
                default:
                    return (null, new SearchRefusal("has", L["“has” can be report or transcript, not “{0}”.", Shorten(has)]));
            }
        }
        return (request, null);
    }

    private async Task<(SearchRequest? Request, SearchRefusal? Refusal)> Read(string? q, string? forum, string? from, string? to, string? page, CancellationToken cancel)
    {
        var query = (q ?? "").Trim();
        if (query.Length == 0)
        {
            return (null, new SearchRefusal("q", L["Type one or more words to search for."]));
        }
        if (query.Length > MaxQuery)
        {
            return (null, new SearchRefusal("q", L["A search can be {0} characters long at most.", MaxQuery]));
        }
        var alternatives = SearchAnalysis.QueryAlternatives(query);
        if (alternatives.Count == 0)
        {
            return (null, new SearchRefusal("q", L["Type words to search for: signs such as quotes, brackets or * are not needed and are left out."]));
        }
        Forum? found = null;
        if (!string.IsNullOrWhiteSpace(forum))
        {
            var slug = forum.Trim();
            found = slug.Length <= Forum.MaxSlug ? await db.Forums.FirstOrDefaultAsync(f => f.Slug == slug, cancel) : null;
            if (found is null)
            {
                return (null, new SearchRefusal("forum", L["No forum has the address “{0}”.", slug.Length > Forum.MaxSlug ? slug[..Forum.MaxSlug] + "…" : slug]));
            }
        }
        if (!Year(from, out var first))
        {
            return (null, new SearchRefusal("from", L["“From” must be a year, such as 2006."]));
        }
        if (!Year(to, out var last))
        {
            return (null, new SearchRefusal("to", L["“To” must be a year, such as 2006."]));
        }
        if (first is not null && last is not null && first > last)
        {
            return (null, new SearchRefusal("to", L["“To” must not be before “from”."]));
        }
        var number = 1;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1 || number > MaxPage))
        {
            return (null, new SearchRefusal("page", L["The page must be a number from 1 to {0}.", MaxPage]));
        }
        return (new SearchRequest(query, alternatives, found, first, last, number), null);
    }

    private static bool Year(string? text, out int? year)
    {
        year = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1900 and <= 2200)
        {
            year = value;
            return true;
        }
        return false;
    }

    /// <summary>
    /// A hit of <see cref="HitsAsync"/>: a record found in one language, with its best index row's id and score and the
    /// record's forum, year, type, subtheme and facet bits. Kind is the stored name: the raw query maps no enums.
    /// </summary>
    internal sealed class SearchHit
    {
        public long Id { get; set; }
        public required string Kind { get; set; }
        public int? SessionId { get; set; }
        public int? MessageId { get; set; }
        public int? PersonId { get; set; }
        public int? OrganisationId { get; set; }
        public int? ForumId { get; set; }
        public int? Year { get; set; }
        public int? SessionTypeId { get; set; }
        public int? SubthemeId { get; set; }
        public long Facets { get; set; }
        public required string Language { get; set; }
        public bool Translated { get; set; }
        public long Matched { get; set; }
        public double Score { get; set; }

        /// <summary>What makes one result: a record found in several languages is one.</summary>
        public (string Kind, int? Session, int? Message, int? Person, int? Organisation) Record => (Kind, SessionId, MessageId, PersonId, OrganisationId);
    }

    /// <summary>
    /// The index rows that match, with the filters on the rows' own columns applied, each with its record, whether it is
    /// hidden and its score; its parameters start at {0}. HitsAsync keeps what the public may see and the facets chosen
    /// (<c>Bits</c>, each required) and makes of them one <see cref="SearchHit"/> per record and language. The results
    /// and the facets (<see cref="SearchFacetCounts"/>) are taken from the same hits, so a facet's count is the number
    /// of results its link gives.
    /// </summary>
    private static (string Sql, List<object> Parameters, List<long> Bits) Hits(PlenaryDb db, SearchRequest request)
    {
        var postgres = db.Database.IsNpgsql();
        // {0} to {3}: the query in each tier's marked terms.
        var parameters = Enumerable.Range(0, SearchTiers.Count)
            .Select(tier => (object)(postgres ? TsQuery(request.Alternatives, tier) : Fts5Query(request.Alternatives, tier))).ToList();
        // Two kinds of filter: those on the index row's own columns narrow the matches before they are capped (so that
        // narrowing a common word to a forum or years ranks that forum's best matches, not what is left of the whole
        // archive's); those on the record's facet bits are tested after the cap, in HitsAsync, as the hidden rows are.
        var rowFilters = new StringBuilder();
        var bits = new List<long>();
        void Filter(StringBuilder to, string sql, object value)
        {
            to.Append(" AND ").Append(sql.Replace("{p}", "{" + parameters.Count + "}", StringComparison.Ordinal));
            parameters.Add(value);
        }
        // On SQLite, a forum's or some years' index rows lie between the first and the last of their ids, read from the
        // forum-and-year index (which holds the rowid): FTS5 then seeks its posting lists to that stretch instead of reading
        // every match in the archive to keep a forum's. The rows are written together when a forum is imported or built,
        // so the stretch is short. The bounds are sought per forum: a forum's rows all carry its year (SearchIndex), so
        // with both named the index's next column is the rowid and the first and last are one seek each, where a range of
        // years read every entry of those years (60,000 for five, 3 ms, for each of the eight bounds of a search).
        // On PostgreSQL the forum is a column of the GIN index with the vector (btree_gin, migration SearchForumInGin), so
        // a forum's matches are found inside the index: anding the whole archive's bitmap of a common word with the forum
        // index's (9,000 entries) cost 1-7 ms per tier. Years are asked as the forums of those years, for the same index:
        // a range of years in GIN reads every entry of the range (half the archive, lossy bitmaps: 100 ms), and with the
        // rows' own years named the planner went back to the forum-and-year btree.
        var stretch = new StringBuilder();
        if (request.Forum is { } forum)
        {
            Filter(rowFilters, "e.\"ForumId\" = {p}", forum.Id);
            stretch.Append(" AND f.\"Id\" = {" + (parameters.Count - 1) + "}");
        }
        var years = new StringBuilder();
        if (request.From is { } from)
        {
            Filter(postgres ? years : rowFilters, postgres ? "f.\"Year\" >= {p}" : "e.\"Year\" >= {p}", from);
            stretch.Append(" AND f.\"Year\" >= {" + (parameters.Count - 1) + "}");
        }
        if (request.To is { } to)
        {
            Filter(postgres ? years : rowFilters, postgres ? "f.\"Year\" <= {p}" : "e.\"Year\" <= {p}", to);
            stretch.Append(" AND f.\"Year\" <= {" + (parameters.Count - 1) + "}");
        }
        if (years.Length > 0)
        {
            // The same rows as the rows' own years give: a forum's rows carry its year (SearchIndex, rewritten with the
            // forum's year by SearchIndexUpdates), and rows of no forum (people, organisations) have none.
            rowFilters.Append($" AND e.\"ForumId\" = ANY(ARRAY(SELECT f.\"Id\" FROM \"Forums\" f WHERE TRUE{years}))");
        }
        if (stretch.Length > 0 && !postgres)
        {
            string Bound(string end) =>
                $"(SELECT {end}((SELECT {end}(x.\"Id\") FROM \"SearchEntries\" x WHERE x.\"ForumId\" = f.\"Id\" AND x.\"Year\" = f.\"Year\")) FROM \"Forums\" f WHERE TRUE{stretch})";
            rowFilters.Append($" AND \"SearchTerms\".rowid BETWEEN {Bound("MIN")} AND {Bound("MAX")}");
        }
        if (request.Type is { } type)
        {
            Filter(rowFilters, "e.\"SessionTypeId\" IN (SELECT t.\"Id\" FROM \"SessionTypes\" t WHERE t.\"Code\" = {p})", type);
        }
        if (request.Subtheme is { } subtheme)
        {
            Filter(rowFilters, "e.\"SubthemeId\" = {p}", subtheme.Id);
        }
        if (request.Language is { } language)
        {
            Filter(rowFilters, "e.\"Language\" = {p}", language);
        }
        // The session's other facets are bits on its rows (SearchFacetBits), tested in HitsAsync.
        if (request.Sdg is { } goal)
        {
            bits.Add(SearchFacetBits.Sdg(goal));
        }
        if (request.Gdc is { } objective)
        {
            bits.Add(SearchFacetBits.Link(Framework.Gdc, objective));
        }
        if (request.Wsis is { } line)
        {
            bits.Add(SearchFacetBits.Link(Framework.Wsis, line));
        }
        if (request.Group is { } group)
        {
            bits.Add(SearchFacetBits.Group(group));
        }
        if (request.Region is { } region)
        {
            bits.Add(SearchFacetBits.Region(region));
        }
        if (request.HasReport)
        {
            bits.Add(SearchFacetBits.Report);
        }
        if (request.HasTranscript)
        {
            bits.Add(SearchFacetBits.Transcript);
        }
        // Cancelled sessions stay in the index but not in the results, nor sessions the forum's released timetable does not
        // hold yet (as on every public page, PublishedTimetable); a message counts once the outcome document is public, a
        // translation of it once its language version is. Each row says so itself (SearchEntry.Hidden, kept by
        // SearchIndexUpdates): looking it up from the sessions and releases was a probe per record found, 6-9 ms of a search
        // on PostgreSQL. The rows are dropped after the cap (in HitsAsync), as the records they stand for were before: the
        // same rows are ranked and counted ("Matched") as when the records were looked up.
        var weight = SearchWeights.RankSql(request.Alternatives);
        const string columns = """
            e."Kind", e."SessionId", e."MessageId", e."PersonId", e."OrganisationId",
                     e."ForumId", e."Year", e."SessionTypeId", e."SubthemeId", e."Facets", e."Language", e."Translated"
            """;
        // At most RankedMatches rows are ranked, grouped and counted: a word the forums use often matches a passage of
        // nearly every transcript, and ranking them all is what made such a search slow (docs/performance.md). They are
        // taken tier by tier (SearchTiers), weightiest first, each tier from its own terms, until RankedMatches are
        // taken: the later tiers' arms of the UNION ALL are not run once the LIMIT is reached. Within the ranked tiers
        // SQLite takes FTS5's best by bm25, computed inside its index ("ORDER BY rank LIMIT"); the others, and every tier
        // on PostgreSQL (whose ranking reads each row), are taken in the index's order, so that no more matches are read
        // than are kept. On SQLite only the ids are chosen, then the rows read, so the text of a row left out is not
        // read. CROSS JOIN keeps SQLite from driving the match from SearchEntries' forum index, one full-text probe
        // per row.
        var cap = RankedMatches.ToString(CultureInfo.InvariantCulture);
        // On PostgreSQL each tier's arm reads the columns and ranks its rows itself, against its own tier's terms: the
        // bitmap scan has the row in hand already, where reading it again by id (as SQLite must, whose FTS5 table holds
        // only the terms) cost a thousand index probes per search. The arm's LIMIT and the one over the UNION ALL stop the
        // scan when enough rows are taken, so no row left out is ranked, nor its vector read.
        string Tier(int tier) => postgres
            ? $$"""
              SELECT * FROM (SELECT e."Id", {{columns}}, e."Hidden", ts_rank(e."SearchVector", to_tsquery('simple', {{{tier}}}), 33) * {{weight}} AS "Score"
                FROM "SearchEntries" e WHERE e."SearchVector" @@ to_tsquery('simple', {{{tier}}}) {{rowFilters}} LIMIT {{cap}}) t{{tier}}
              """
            : $$"""
              SELECT * FROM (SELECT "SearchTerms".rowid AS "Id", "SearchTerms".rank AS "Rank"
                FROM "SearchTerms" {{(rowFilters.Length == 0 ? "" : "CROSS JOIN \"SearchEntries\" e ON e.\"Id\" = \"SearchTerms\".rowid")}}
                WHERE "SearchTerms" MATCH {{{tier}}} {{rowFilters}}
                ORDER BY {{(tier < SearchTiers.RankedTiers ? "\"SearchTerms\".rank" : "\"SearchTerms\".rowid")}} LIMIT {{cap}}) t{{tier}}
              """;
        var chosen = string.Join("\nUNION ALL\n", Enumerable.Range(0, SearchTiers.Count).Select(Tier)) + $"\nLIMIT {cap}";
        // FTS5's rank is bm25, lower for a better match. On PostgreSQL the arms ranked their rows (ts_rank, by how often
        // and where the words occur, as bm25 does: ts_rank_cd's cover density took three times as long per row). The rows
        // are grouped per record and language in HitsAsync, not here: SQLite's GROUP BY of the thousand rows (a sort on a
        // dozen columns) was a fifth of the statement's time, and PostgreSQL's array_agg had to sort each group.
        var rows = postgres
            ? chosen
            : $$"""
              SELECT e."Id", {{columns}}, e."Hidden", -m."Rank" * {{weight}} AS "Score"
              FROM ({{chosen}}) m
              CROSS JOIN "SearchEntries" e ON e."Id" = m."Id"
              """;
        return (rows, parameters, bits);
    }

    /// <summary>
    /// The page of results and the facets (<see cref="SearchFacetCounts"/>), both taken from one reading of the hits: the
    /// full-text match is most of a search's cost, and when the facets read the hits again (even at the same time, on a
    /// context of their own) it ran twice. A search without results has no facets.
    /// </summary>
    public async Task<(SearchResults Found, SearchFacets Facets)> SearchWithFacetsAsync(SearchRequest request, CancellationToken cancel)
    {
        var hits = await HitsAsync(request, cancel);
        var found = await PageAsync(request, hits, cancel);
        return (found, found.Total > 0 ? await counts.CountAsync(request, hits, cancel) : SearchFacets.None);
    }

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancel) =>
        await PageAsync(request, await HitsAsync(request, cancel), cancel);

    /// <summary>
    /// Every record found, at most <see cref="RankedMatches"/> rows: ranking, paging and counting them here, rather than
    /// in a query of their own each, lets the results and the facets share one full-text match.
    /// </summary>
    private async Task<List<SearchHit>> HitsAsync(SearchRequest request, CancellationToken cancel)
    {
        var (sql, parameters, bits) = Hits(db, request);
        // Every row is read here, not by EF: a search reads up to a thousand of them (SearchCommand).
        return await SearchCommand.ReadAsync(db, sql, parameters, async reader =>
        {
            // One hit per record and language, from its best row: the best score, the lower id on a tie (as PageAsync ranks).
            var best = new Dictionary<HitKey, SearchHit>();
            var matched = 0L;
            // Every facet chosen must be among the record's bits; a value without a bit (none the filters let through) finds nothing.
            var required = bits.Aggregate(0L, (all, bit) => all | bit);
            var none = bits.Contains(0);
            {
                int? Int(int column) => reader.IsDBNull(column) ? null : reader.GetInt32(column);
                while (await reader.ReadAsync(cancel))
                {
                    // Every row under the cap counts, the hidden ones and those the facets leave out too.
                    matched++;
                    // In the order Hits selects them: the id, the record's columns, whether it is hidden, the score.
                    var facets = reader.GetInt64(10);
                    if (reader.GetBoolean(13) || none || (facets & required) != required)
                    {
                        continue;
                    }
                    var row = new SearchHit
                    {
                        Id = reader.GetInt64(0),
                        Kind = reader.GetString(1),
                        SessionId = Int(2),
                        MessageId = Int(3),
                        PersonId = Int(4),
                        OrganisationId = Int(5),
                        ForumId = Int(6),
                        Year = Int(7),
                        SessionTypeId = Int(8),
                        SubthemeId = Int(9),
                        Facets = facets,
                        Language = reader.GetString(11),
                        Translated = reader.GetBoolean(12),
                        Score = reader.GetDouble(14),
                    };
                    var key = new HitKey(row.Record, row.ForumId, row.Year, row.SessionTypeId, row.SubthemeId, row.Facets, row.Language, row.Translated);
                    if (!best.TryGetValue(key, out var kept) || ByRank.Compare(row, kept) < 0)
                    {
                        best[key] = row;
                    }
                }
            }
            var hits = best.Values.ToList();
            foreach (var hit in hits)
            {
                hit.Matched = matched;
            }
            return hits;
        }, cancel);
    }

    /// <summary>
    /// What one hit stands for: a record in one language. The forum, year, type, subtheme and facet bits are the record's,
    /// so they split no group; they are in the key as they were in the GROUP BY this grouping replaced.
    /// </summary>
    private readonly record struct HitKey((string Kind, int? Session, int? Message, int? Person, int? Organisation) Record,
        int? Forum, int? Year, int? Type, int? Subtheme, long Facets, string Language, bool Translated);

    /// <summary>
    /// Best score first, the lower index row's id first on a tie: the order the engines gave when they ranked, which the
    /// page and the tests rely on being the same on both.
    /// </summary>
    private static readonly Comparer<SearchHit> ByRank = Comparer<SearchHit>.Create((a, b) =>
        b.Score.CompareTo(a.Score) is var byScore and not 0 ? byScore : a.Id.CompareTo(b.Id));

    private async Task<SearchResults> PageAsync(SearchRequest request, List<SearchHit> hits, CancellationToken cancel)
    {
        // A record found in several languages is one result, ranked by its best row.
        var ranked = hits.GroupBy(h => h.Record).Select(g => g.Min(ByRank)!).ToList();
        ranked.Sort(ByRank);
        // Past the last page the total is still known, so the page can say how many there are.
        var page = ranked.Skip((request.Page - 1) * PageSize).Take(PageSize).ToList();
        var matched = hits.Count == 0 ? 0 : hits.Max(h => h.Matched);
        return new SearchResults(request, ranked.Count, page.Count == 0 ? [] : await DescribeAsync(request, page, cancel), matched >= RankedMatches);
    }

    /// <summary>A lookup for one kind of record on the page, asked only when the page has one: a page of sessions asks nothing about messages or people.</summary>
    private static async Task<T> When<T>(bool any, Func<Task<T>> read) where T : new() => any ? await read() : new T();

    /// <summary>
    /// The records behind the hits, each shown as found: a hit in a translation gives the title in that language where
    /// it is translated too, and links to the page in that language (<c>?lang=</c>), so a reader who searched in Spanish
    /// reads on in Spanish. An organisation, which has no page of its own, links to the programme of the latest forum it
    /// took part in, filtered by its name: the sessions it organised or spoke in.
    /// </summary>
    private async Task<List<SearchResult>> DescribeAsync(SearchRequest request, List<SearchHit> hits, CancellationToken cancel)
    {
        var ids = hits.Select(h => h.Id).ToList();
        // Not the analysed terms: a transcript's are nearly as long as its text, and a page of 20 would read them for nothing.
        var entries = await db.SearchEntries.Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Kind, e.SessionId, e.MessageId, e.PersonId, e.OrganisationId, e.Part, e.Language, e.Translated, e.Text })
            .ToDictionaryAsync(e => e.Id, cancel);
        var sessionIds = entries.Values.Where(e => e.SessionId != null).Select(e => e.SessionId!.Value).ToList();
        var sessions = await When(sessionIds.Count > 0, () => db.Sessions.Where(s => sessionIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Title, s.Number, s.HasNumber, s.Type.Code, s.Type.NumberLabel, TypeName = s.Type.Name, s.Forum.Slug, ForumName = s.Forum.Name, s.Forum.Year, s.OriginalLanguage, s.Forum.Languages })
            .ToDictionaryAsync(s => s.Id, cancel));
        var translatedSessions = entries.Values.Where(e => e.Translated && e.SessionId != null).Select(e => e.SessionId!.Value).ToList();
        var sessionTitles = (await When(translatedSessions.Count > 0, () => db.SessionTranslations.Where(t => t.Part == TranslatedPart.Title && translatedSessions.Contains(t.SessionId))
            .Select(t => new { t.SessionId, t.Language, t.Text }).ToListAsync(cancel)))
            .DistinctBy(t => (t.SessionId, t.Language.ToLowerInvariant())).ToDictionary(t => (t.SessionId, t.Language.ToLowerInvariant()), t => t.Text);
        var messageIds = entries.Values.Where(e => e.MessageId != null).Select(e => e.MessageId!.Value).ToList();
        var messages = await When(messageIds.Count > 0, () => (from m in db.ForumMessages
                              join f in db.Forums on m.ForumId equals f.Id
                              where messageIds.Contains(m.Id)
                              select new { m.Id, m.Title, f.Slug, ForumName = f.Name, f.Year, f.Languages }).ToDictionaryAsync(m => m.Id, cancel));
        var translatedMessages = entries.Values.Where(e => e.Translated && e.MessageId != null).Select(e => e.MessageId!.Value).ToList();
        var messageTitles = (await When(translatedMessages.Count > 0, () => db.MessageTranslations.Where(t => translatedMessages.Contains(t.MessageId))
            .Select(t => new { t.MessageId, t.Language, t.Title }).ToListAsync(cancel)))
            .DistinctBy(t => (t.MessageId, t.Language.ToLowerInvariant())).ToDictionary(t => (t.MessageId, t.Language.ToLowerInvariant()), t => t.Title);
        var personIds = entries.Values.Where(e => e.PersonId != null).Select(e => e.PersonId!.Value).ToList();
        var people = await When(personIds.Count > 0, () => db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancel));
        var organisationIds = entries.Values.Where(e => e.OrganisationId != null).Select(e => e.OrganisationId!.Value).ToList();
        var organisations = await When(organisationIds.Count > 0, () => db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, p => p.Name, cancel));
        var organisationForums = (await When(organisationIds.Count > 0, () => (from r in db.SessionRoles
                                         join s in db.Sessions on r.SessionId equals s.Id
                                         where r.OrganisationId != null && organisationIds.Contains(r.OrganisationId.Value)
                                         select new { Organisation = r.OrganisationId!.Value, s.Forum.Id, s.Forum.Slug, s.Forum.Name, s.Forum.Year }).ToListAsync(cancel)))
            .GroupBy(x => x.Organisation).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Year).ThenByDescending(x => x.Id).First());
        var terms = request.Alternatives.SelectMany(a => a).ToHashSet(StringComparer.Ordinal);

        // The page in the language the words were found in; the original's page needs no parameter.
        static string InLanguage(string url, bool translated, string language) => translated ? url + "?lang=" + Uri.EscapeDataString(language) : url;

        var results = new List<SearchResult>();
        foreach (var hit in hits)
        {
            if (!entries.TryGetValue(hit.Id, out var e))
            {
                continue;
            }
            var snippet = SearchSnippet.Of(e.Text, e.Language, terms);
            var result = e.Kind switch
            {
                SearchKind.Session when e.SessionId is { } id && sessions.TryGetValue(id, out var s) =>
                    e.Translated && sessionTitles.TryGetValue((id, e.Language.ToLowerInvariant()), out var translated)
                        ? Record(s.Slug, s.ForumName, s.Year, $"{Session.NameOf(s.NumberLabel, s.TypeName, s.Number, s.HasNumber)}: {translated}", e.Language,
                            SessionLinks.Page(s.Slug, SessionKey.Format(s.Code, s.Number)))
                        : Record(s.Slug, s.ForumName, s.Year, $"{Session.NameOf(s.NumberLabel, s.TypeName, s.Number, s.HasNumber)}: {s.Title}",
                            s.OriginalLanguage ?? s.Languages.FirstOrDefault() ?? "en", SessionLinks.Page(s.Slug, SessionKey.Format(s.Code, s.Number))),
                SearchKind.Message when e.MessageId is { } id && messages.TryGetValue(id, out var m) =>
                    e.Translated && messageTitles.TryGetValue((id, e.Language.ToLowerInvariant()), out var translated)
                        ? Record(m.Slug, m.ForumName, m.Year, translated, e.Language, MessageLinks.Outcome(m.Slug))
                        : Record(m.Slug, m.ForumName, m.Year, m.Title, m.Languages.FirstOrDefault() ?? "en", MessageLinks.Outcome(m.Slug)),
                SearchKind.Person when e.PersonId is { } id && people.TryGetValue(id, out var p) =>
                    new SearchResult(e.Kind, null, null, null, p.DisplayName, PeopleLinks.Person(p.Id), e.Part, e.Language, e.Translated, snippet, hit.Score),
                SearchKind.Organisation when e.OrganisationId is { } id && organisations.TryGetValue(id, out var name) =>
                    organisationForums.TryGetValue(id, out var forum)
                        ? new SearchResult(e.Kind, forum.Slug, forum.Name, forum.Year, name,
                            name.Length <= SessionFilter.MaxTextLength ? ProgrammeLinks.Page(forum.Slug) + QueryString.Create("q", name).ToUriComponent() : null,
                            e.Part, e.Language, e.Translated, snippet, hit.Score)
                        : new SearchResult(e.Kind, null, null, null, name, null, e.Part, e.Language, e.Translated, snippet, hit.Score),
                _ => null,
            };
            if (result is not null)
            {
                results.Add(result);
            }

            SearchResult Record(string slug, string forumName, int year, string title, string titleLanguage, string url) =>
                new(e.Kind, slug, forumName, year, title, InLanguage(url, e.Translated, e.Language), e.Part, e.Language, e.Translated, snippet, hit.Score, titleLanguage);
        }
        return results;
    }

    /// <summary>FTS5: every term quoted (a quote inside doubled), the terms of one alternative all required.</summary>
    private static string Fts5Query(IEnumerable<string[]> alternatives, int tier) =>
        string.Join(" OR ", alternatives.Select(a => "(" + string.Join(" AND ", a.Select(t => "\"" + SearchTiers.Mark(t, tier).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + ")"));

    /// <summary>tsquery text for to_tsquery('simple', …): every term a quoted lexeme, "&amp;" within an alternative, "|" between them.</summary>
    private static string TsQuery(IEnumerable<string[]> alternatives, int tier) =>
        string.Join(" | ", alternatives.Select(a => "(" + string.Join(" & ", a.Select(t => "'" + SearchTiers.Mark(t, tier).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'")) + ")"));
}
