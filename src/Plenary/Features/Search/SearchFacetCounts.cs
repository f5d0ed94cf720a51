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
/// The facets of a search and its sessions year by year, counted in one query over the same hits as the results
/// (<see cref="SearchQueries.Hits"/>), so that a value's count is the number of results its link gives.
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

    // The rows that give how many records found have one combination of facet bits.
    private const string Combination = "bits";

    private sealed class Row
    {
        public required string Facet { get; set; }
        public string? Value { get; set; }
        public string? Label { get; set; }
        public string? Detail { get; set; }
        public int? Number { get; set; }
        public long Count { get; set; }
    }

    public async Task<SearchFacets> CountAsync(SearchRequest request, CancellationToken cancel)
    {
        var (hits, parameters) = SearchQueries.Hits(db, request, SearchQueries.HitScores.None);
        // The facets that are not on the rows' own columns are bits on them (SearchFacetBits): the records found are grouped
        // by their combination of bits, and each value counted from those groups here, where a join into the goals, links,
        // organisers, reports and transcripts probed each table for every record (some 5,000 probes for a search on the
        // archive). One arm, not one per value: with an arm per value (47), SQLite's facets took longer than with the
        // probes, even for a search that found three records (10 ms more at p95, quiet machine).
        // MATERIALIZED (PostgreSQL 12+, SQLite 3.35+): the full-text match runs once, not once per facet.
        var sql = $$"""
            WITH hits AS MATERIALIZED ({{hits}}),
            found AS MATERIALIZED (
              SELECT DISTINCT "Kind", "SessionId", "MessageId", "PersonId", "OrganisationId", "ForumId", "Year", "SessionTypeId", "SubthemeId", "Facets" FROM hits)
            SELECT 'forum' AS "Facet", f."Slug" AS "Value", f."Name" AS "Label", CAST(NULL AS TEXT) AS "Detail", f."Year" AS "Number", COUNT(*) AS "Count"
              FROM found r JOIN "Forums" f ON f."Id" = r."ForumId" GROUP BY f."Slug", f."Name", f."Year"
            UNION ALL SELECT 'year', f."Slug", f."Name", NULL, f."Year", COUNT(*)
              FROM found r JOIN "Forums" f ON f."Id" = r."ForumId" WHERE r."Kind" = '{{nameof(SearchKind.Session)}}' GROUP BY f."Slug", f."Name", f."Year"
            UNION ALL SELECT 'type', t."Code", MAX(t."Name"), NULL, NULL, COUNT(*)
              FROM found r JOIN "SessionTypes" t ON t."Id" = r."SessionTypeId" GROUP BY t."Code"
            UNION ALL SELECT 'subtheme', CAST(s."Id" AS TEXT), s."Name", f."Name", NULL, COUNT(*)
              FROM found r JOIN "Subthemes" s ON s."Id" = r."SubthemeId" JOIN "Forums" f ON f."Id" = s."ForumId" GROUP BY s."Id", s."Name", f."Name"
            UNION ALL SELECT 'lang', "Language", NULL, NULL, NULL, COUNT(*)
              FROM (SELECT DISTINCT "Kind", "SessionId", "MessageId", "PersonId", "OrganisationId", "Language" FROM hits WHERE "Language" <> '{{SearchIndex.NoLanguage}}') l
              GROUP BY "Language"
            UNION ALL SELECT '{{Combination}}', CAST("Facets" AS TEXT), NULL, NULL, NULL, COUNT(*)
              FROM found WHERE "Facets" <> 0 GROUP BY "Facets"
            """;
        var rows = await db.Database.SqlQueryRaw<Row>(sql, [.. parameters]).ToListAsync(cancel);
        var combinations = rows.Where(r => r.Facet == Combination)
            .Select(r => (Bits: long.Parse(r.Value!, CultureInfo.InvariantCulture), r.Count)).ToList();
        var byBits = SearchFacetBits.All.Select(v => new Row
        {
            Facet = v.Key, Value = v.Text, Number = v.Number,
            Count = combinations.Where(c => (c.Bits & v.Bit) != 0).Sum(c => c.Count),
        });
        var byFacet = rows.Where(r => r.Facet != Combination).Concat(byBits).Where(r => r.Count > 0 && r.Value is not null).ToLookup(r => r.Facet);

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
            .Select(r => new SearchFacetValue(r.Value!, r.Label ?? r.Value!, (int)r.Count)));
        Add("type", L["Session type"], byFacet["type"].OrderByDescending(r => r.Count).ThenBy(r => r.Value, StringComparer.Ordinal)
            .Select(r => new SearchFacetValue(r.Value!, L.TypeName(r.Value!, r.Label ?? r.Value!), (int)r.Count)));
        // A subtheme belongs to one forum: over several forums, its forum tells "Access" of 2022 from "Access" of 2023.
        var subthemes = byFacet["subtheme"].ToList();
        var severalForums = subthemes.Select(r => r.Detail).Distinct().Count() > 1;
        Add("subtheme", L["Subtheme"], subthemes.OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Create(culture, true))
            .Select(r => new SearchFacetValue(r.Value!, r.Label ?? r.Value!, (int)r.Count, severalForums ? r.Detail : null)));
        Add("sdg", L["Sustainable Development Goals"], byFacet["sdg"].OrderBy(r => r.Number)
            .Select(r => new SearchFacetValue(r.Value!, GoalName(r.Number ?? 0), (int)r.Count)));
        foreach (var framework in FrameworkCatalogue.All)
        {
            var key = FrameworkCatalogue.SlugOf(framework);
            // Only codes the catalogue has: the filter refuses any other, so a link to one could never give its count.
            Add(key, frameworks[framework].Name(culture.Name), byFacet[key].Where(r => frameworks.Find(framework, r.Value) is not null)
                .OrderBy(r => FrameworkCatalogue.Position(framework, r.Value!))
                .Select(r => new SearchFacetValue(r.Value!, ItemName(framework, r.Value!), (int)r.Count)));
        }
        Add("group", L["Organisers' stakeholder group"], byFacet["group"].Where(r => Enum.TryParse<StakeholderGroup>(r.Value, out _)).OrderByDescending(r => r.Count)
            .Select(r => new SearchFacetValue(r.Value!, L.Label(Enum.Parse<StakeholderGroup>(r.Value!)), (int)r.Count)));
        Add("region", L["Organisers' region"], byFacet["region"].Where(r => Enum.TryParse<RegionalGroup>(r.Value, out _)).OrderByDescending(r => r.Count)
            .Select(r => new SearchFacetValue(r.Value!, L.Label(Enum.Parse<RegionalGroup>(r.Value!)), (int)r.Count)));
        Add("lang", L["Language"], byFacet["lang"].OrderByDescending(r => r.Count).ThenBy(r => r.Value, StringComparer.Ordinal)
            .Select(r => new SearchFacetValue(r.Value!, ContentLanguage.NameIn(r.Value!, culture), (int)r.Count)));
        Add("has", L["Outputs"], byFacet["has"].OrderBy(r => r.Value == "report" ? 0 : 1)
            .Select(r => new SearchFacetValue(r.Value!, HasName(r.Value!), (int)r.Count)));

        var years = byFacet["year"].OrderBy(r => r.Number).ThenBy(r => r.Label, StringComparer.Create(culture, true))
            .Select(r => new SearchYear(r.Number ?? 0, r.Value!, r.Label ?? r.Value!, (int)r.Count)).ToList();
        return new SearchFacets(facets, years);
    }

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
