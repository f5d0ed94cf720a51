using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Frameworks;
using Plenary.Features.People;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;

namespace Plenary.Features.Search;

/// <summary>One value of a facet: the query-string value its link adds, its name in the reader's language, how many results have it.</summary>
/// <param name="Detail">What tells two like-named values apart: a subtheme's forum.</param>
public sealed record SearchFacetValue(string Value, string Label, int Count, string? Detail = null);

/// <param name="Key">The query-string key: forum, type, subtheme, sdg, gdc, wsis, group, region, lang or has.</param>
public sealed record SearchFacet(string Key, string Name, IReadOnlyList<SearchFacetValue> Values);

/// <summary>How many sessions one forum edition has among the results: a row of the year-by-year chart.</summary>
public sealed record SearchYear(int Year, string Forum, string ForumName, int Count);

/// <summary>A facet value the search is narrowed to, with the name its removal link shows.</summary>
public sealed record SearchChoice(string Key, string Value, string Label);

public sealed record SearchFacets(IReadOnlyList<SearchFacet> Facets, IReadOnlyList<SearchYear> Years)
{
    public static readonly SearchFacets None = new([], []);
}

/// <summary>
/// The facets of a search and its sessions year by year, counted from the same hits as the results
/// (<see cref="SearchQueries.SearchHit"/>), so that a value's count is the number of results its link gives.
/// </summary>
/// <remarks>
/// Counts are drill-down counts: every facet is counted with every selected value applied, its own included. So a facet
/// that has a value selected shows that value only (as a link that removes it), and each value shown adds to the search
/// without replacing anything: its count is exactly what clicking it gives. Only "has" takes several values (report and
/// transcript, both required). A result counts once per value however many of its parts or languages matched: sessions
/// and messages are counted by record, SDGs, Compact objectives, WSIS action lines and organisers' groups and regions by session. People and organisations have
/// no forum, year, type, subtheme, goal or language of their own, so they count in no facet, and choosing any facet leaves
/// them out of the results (as choosing a forum or years always did).
/// </remarks>
public sealed class SearchFacetCounts(PlenaryDb db, IStringLocalizer<SharedResource> L, SdgCatalogue sdgs, FrameworkCatalogue frameworks)
{
    public static readonly string[] Keys = ["forum", "type", "subtheme", "sdg", "gdc", "wsis", "group", "region", "lang", "has"];

    private sealed record Row(string Facet, string Value, string? Label, int Count, string? Detail = null, int? Number = null);

    /// <summary>A forum's, session type's or subtheme's name (<see cref="Of"/> says which), with a forum's slug and year, a type's code and a subtheme's forum.</summary>
    private sealed class Name
    {
        public required string Of { get; set; }
        public int Id { get; set; }
        public string? Code { get; set; }
        public required string Label { get; set; }
        public int? Year { get; set; }
        public string? Detail { get; set; }
    }

    /// <summary>The facets of the records <paramref name="hits"/> holds (<see cref="SearchQueries.SearchHit"/>), as the search read them.</summary>
    internal async Task<SearchFacets> CountAsync(SearchRequest request, IReadOnlyList<SearchQueries.SearchHit> hits, CancellationToken cancel)
    {
        // Counted here from the rows the results were ranked from, not by a query of their own: that query matched the
        // words again, which is most of a search's cost. At most RankedMatches rows, so counting them costs little.
        // A record's forum, year, type, subtheme and bits are the same on all its rows: one of these per record found.
        var found = hits.Select(h => (h.Record, h.ForumId, h.Year, h.SessionTypeId, h.SubthemeId, h.Facets)).Distinct().ToList();
        var forumIds = found.Where(r => r.ForumId is not null).Select(r => r.ForumId!.Value).Distinct().ToList();
        var typeIds = found.Where(r => r.SessionTypeId is not null).Select(r => r.SessionTypeId!.Value).Distinct().ToList();
        var subthemeIds = found.Where(r => r.SubthemeId is not null).Select(r => r.SubthemeId!.Value).Distinct().ToList();
        // The names of the few forums, types and subthemes found, in one query: joined into the hits, they were read once
        // per record. The ids are passed as one array each (a JSON one on SQLite), so the query's text is always the same:
        // written into it as numbers, each search's ids made a new query for EF to compile, which cost more than the query.
        var postgres = db.Database.IsNpgsql();
        string In(int parameter) => postgres ? $"= ANY({{{parameter}}})" : $"IN (SELECT value FROM json_each({{{parameter}}}))";
        object Ids(List<int> ids) => postgres ? ids.ToArray() : "[" + string.Join(",", ids.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]";
        var sql = $"""
            SELECT 'forum' AS "Of", f."Id", f."Slug" AS "Code", f."Name" AS "Label", f."Year", CAST(NULL AS TEXT) AS "Detail" FROM "Forums" f WHERE f."Id" {In(0)}
            UNION ALL SELECT 'type', t."Id", t."Code", t."Name", NULL, NULL FROM "SessionTypes" t WHERE t."Id" {In(1)}
            UNION ALL SELECT 'subtheme', s."Id", NULL, s."Name", NULL, f."Name" FROM "Subthemes" s JOIN "Forums" f ON f."Id" = s."ForumId" WHERE s."Id" {In(2)}
            """;
        var names = forumIds.Count + typeIds.Count + subthemeIds.Count == 0 ? []
            : await NamesAsync(sql, [Ids(forumIds), Ids(typeIds), Ids(subthemeIds)], cancel);
        var forums = names.Where(n => n.Of == "forum").ToDictionary(n => n.Id);
        var types = names.Where(n => n.Of == "type").ToDictionary(n => n.Id);
        var subthemeNames = names.Where(n => n.Of == "subtheme").ToDictionary(n => n.Id);

        IEnumerable<Row> ByForum(string facet, IEnumerable<int?> forumOfEach) => forumOfEach
            .Where(id => id is not null && forums.ContainsKey(id.Value)).GroupBy(id => id!.Value).OrderBy(g => g.Key)
            .Select(g => new Row(facet, forums[g.Key].Code!, forums[g.Key].Label, g.Count(), Number: forums[g.Key].Year));
        var rows = ByForum("forum", found.Select(r => r.ForumId))
            // The chart is of sessions only.
            .Concat(ByForum("year", found.Where(r => r.Record.Kind == nameof(SearchKind.Session)).Select(r => r.ForumId)))
            // A type's code is the same in every forum that runs it: one value for all of them, named as the greatest of their names.
            .Concat(found.Where(r => r.SessionTypeId is { } id && types.ContainsKey(id)).Select(r => types[r.SessionTypeId!.Value])
                .GroupBy(t => t.Code!, StringComparer.Ordinal)
                .Select(g => new Row("type", g.Key, g.Select(t => t.Label).Max(StringComparer.Ordinal), g.Count())))
            .Concat(found.Where(r => r.SubthemeId is { } id && subthemeNames.ContainsKey(id)).GroupBy(r => r.SubthemeId!.Value).OrderBy(g => g.Key)
                .Select(g => new Row("subtheme", g.Key.ToString(CultureInfo.InvariantCulture), subthemeNames[g.Key].Label, g.Count(), subthemeNames[g.Key].Detail)))
            // A record found in two languages counts once in each; names, which have none, in neither.
            .Concat(hits.Where(h => h.Language != SearchIndex.NoLanguage).Select(h => (h.Record, h.Language)).Distinct()
                .GroupBy(r => r.Language, StringComparer.Ordinal)
                .Select(g => new Row("lang", g.Key, null, g.Count())))
            // The facets that are not on the rows' own columns are bits on them (SearchFacetBits).
            .Concat(SearchFacetBits.All.Select(v => new Row(v.Key, v.Text, null, found.Count(r => (r.Facets & v.Bit) != 0), Number: v.Number)));
        var byFacet = rows.Where(r => r.Count > 0).ToLookup(r => r.Facet);

        var facets = new List<SearchFacet>();
        // A facet of one value that is chosen shows that value only: any other would replace it, and give another count.
        var chosen = request.Parameters().Where(p => p.Key != "has").ToLookup(p => p.Key, p => p.Value);
        void Add(string key, string name, IEnumerable<SearchFacetValue> values)
        {
            var list = values.Where(v => !chosen.Contains(key) || chosen[key].Contains(v.Value)).ToList();
            if (list.Count > 0)
            {
                facets.Add(new SearchFacet(key, name, list));
            }
        }
        var culture = CultureInfo.CurrentUICulture;
        Add("forum", L["Forum"], byFacet["forum"].OrderByDescending(r => r.Number).ThenBy(r => r.Label, StringComparer.Create(culture, true))
            .Select(r => new SearchFacetValue(r.Value, r.Label ?? r.Value, r.Count)));
        Add("type", L["Session type"], byFacet["type"].OrderByDescending(r => r.Count).ThenBy(r => r.Value, StringComparer.Ordinal)
            .Select(r => new SearchFacetValue(r.Value, L.TypeName(r.Value, r.Label ?? r.Value), r.Count)));
        // A subtheme belongs to one forum: over several forums, its forum tells "Access" of 2022 from "Access" of 2023.
        var subthemes = byFacet["subtheme"].ToList();
        var severalForums = subthemes.Select(r => r.Detail).Distinct().Count() > 1;
        Add("subtheme", L["Subtheme"], subthemes.OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Create(culture, true))
            .Select(r => new SearchFacetValue(r.Value, r.Label ?? r.Value, r.Count, severalForums ? r.Detail : null)));
        Add("sdg", L["Sustainable Development Goals"], byFacet["sdg"].OrderBy(r => r.Number)
            .Select(r => new SearchFacetValue(r.Value, GoalName(r.Number ?? 0), r.Count)));
        foreach (var framework in FrameworkCatalogue.All)
        {
            var key = FrameworkCatalogue.SlugOf(framework);
            // Only codes the catalogue has: the filter refuses any other, so a link to one could never give its count.
            Add(key, frameworks[framework].Name(culture.Name), byFacet[key].Where(r => frameworks.Find(framework, r.Value) is not null)
                .OrderBy(r => FrameworkCatalogue.Position(framework, r.Value))
                .Select(r => new SearchFacetValue(r.Value, ItemName(framework, r.Value), r.Count)));
        }
        Add("group", L["Organisers' stakeholder group"], byFacet["group"].Where(r => Enum.TryParse<StakeholderGroup>(r.Value, out _)).OrderByDescending(r => r.Count)
            .Select(r => new SearchFacetValue(r.Value, L.Label(Enum.Parse<StakeholderGroup>(r.Value)), r.Count)));
        Add("region", L["Organisers' region"], byFacet["region"].Where(r => Enum.TryParse<RegionalGroup>(r.Value, out _)).OrderByDescending(r => r.Count)
            .Select(r => new SearchFacetValue(r.Value, L.Label(Enum.Parse<RegionalGroup>(r.Value)), r.Count)));
        Add("lang", L["Language"], byFacet["lang"].OrderByDescending(r => r.Count).ThenBy(r => r.Value, StringComparer.Ordinal)
            .Select(r => new SearchFacetValue(r.Value, ContentLanguage.NameIn(r.Value, culture), r.Count)));
        Add("has", L["Outputs"], byFacet["has"].OrderBy(r => r.Value == "report" ? 0 : 1)
            .Select(r => new SearchFacetValue(r.Value, HasName(r.Value), r.Count)));

        var years = byFacet["year"].OrderBy(r => r.Number).ThenBy(r => r.Label, StringComparer.Create(culture, true))
            .Select(r => new SearchYear(r.Number ?? 0, r.Value, r.Label ?? r.Value, r.Count)).ToList();
        return new SearchFacets(facets, years);
    }

    /// <summary>The names' query, read as the hits are (SearchCommand): its text never changes, so it is prepared on PostgreSQL.</summary>
    private Task<List<Name>> NamesAsync(string sql, object[] parameters, CancellationToken cancel) =>
        SearchCommand.ReadAsync(db, sql, parameters, async reader =>
        {
            var names = new List<Name>();
            while (await reader.ReadAsync(cancel))
            {
                names.Add(new Name
                {
                    Of = reader.GetString(0),
                    Id = reader.GetInt32(1),
                    Code = reader.IsDBNull(2) ? null : reader.GetString(2),
                    Label = reader.GetString(3),
                    Year = reader.IsDBNull(4) ? null : reader.GetInt32(4),
                    Detail = reader.IsDBNull(5) ? null : reader.GetString(5),
                });
            }
            return names;
        }, cancel);

    /// <summary>What the search is narrowed to, in the order of the facets, each with the name its removal link shows.</summary>
    public IReadOnlyList<SearchChoice> Chosen(SearchRequest request, SearchFacets facets)
    {
        string Shown(string key, string value) =>
            facets.Facets.FirstOrDefault(f => f.Key == key)?.Values.FirstOrDefault(v => v.Value == value)?.Label ?? value;
        var chosen = new List<SearchChoice>();
        if (request.Forum is { } forum)
        {
            chosen.Add(new("forum", forum.Slug, forum.Name));
        }
        if (request.From is { } from)
        {
            chosen.Add(new("from", from.ToString(CultureInfo.InvariantCulture), L["From {0}", from.ToString(CultureInfo.InvariantCulture)]));
        }
        if (request.To is { } to)
        {
            chosen.Add(new("to", to.ToString(CultureInfo.InvariantCulture), L["To {0}", to.ToString(CultureInfo.InvariantCulture)]));
        }
        if (request.Type is { } type)
        {
            chosen.Add(new("type", type, Shown("type", type)));
        }
        if (request.Subtheme is { } subtheme)
        {
            chosen.Add(new("subtheme", subtheme.Id.ToString(CultureInfo.InvariantCulture), subtheme.Name));
        }
        if (request.Sdg is { } goal)
        {
            chosen.Add(new("sdg", goal.ToString(CultureInfo.InvariantCulture), GoalName(goal)));
        }
        if (request.Gdc is { } objective)
        {
            chosen.Add(new("gdc", objective, ItemName(Framework.Gdc, objective)));
        }
        if (request.Wsis is { } line)
        {
            chosen.Add(new("wsis", line, ItemName(Framework.Wsis, line)));
        }
        if (request.Group is { } group)
        {
            chosen.Add(new("group", group.ToString(), L.Label(group)));
        }
        if (request.Region is { } region)
        {
            chosen.Add(new("region", region.ToString(), L.Label(region)));
        }
        if (request.Language is { } language)
        {
            chosen.Add(new("lang", language, ContentLanguage.NameIn(language, CultureInfo.CurrentUICulture)));
        }
        if (request.HasReport)
        {
            chosen.Add(new("has", "report", HasName("report")));
        }
        if (request.HasTranscript)
        {
            chosen.Add(new("has", "transcript", HasName("transcript")));
        }
        return chosen;
    }

    private string GoalName(int goal) =>
        sdgs.FindGoal(goal) is { } found ? $"{found.Number.ToString(CultureInfo.InvariantCulture)}. {found.ShortName(CultureInfo.CurrentUICulture.Name).Trim()}" : goal.ToString(CultureInfo.InvariantCulture);

    /// <summary>As the sessions' chips write them: "GDC 3 Inclusive data governance", "C5 Building confidence and security".</summary>
    private string ItemName(Framework framework, string code) =>
        frameworks.Find(framework, code) is { } item
            ? $"{(framework == Framework.Gdc ? "GDC " : "")}{item.Code} {item.ShortName(CultureInfo.CurrentUICulture.Name).Trim()}"
            : code;

    private string HasName(string value) => value == "report" ? L["Has a session report"] : L["Has a transcript"];
}
