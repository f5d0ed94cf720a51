using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Frameworks;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Search;

/// <summary>
/// A session's values of the facets that are not on its index rows' own columns (its SDGs, Compact objectives and WSIS
/// action lines, its organisers' stakeholder groups and regions, whether it has a report or a transcript), as the bits of
/// one number kept on every index row of the session (<see cref="SearchEntry.Facets"/>). Counting them was a probe into
/// five tables per record found (some 5,000 for a search, docs/performance.md); with the bits on the rows the search
/// already reads, the facets are counted in one pass over its records and the filters test a bit.
/// </summary>
/// <remarks>
/// The positions are stored: each facet has a stretch of its own with room to grow, and a value added to an enum or a
/// catalogue goes after the last one of its stretch (or the rows are written again, <c>search rebuild</c>). The
/// FacetsOnIndexRows migrations write the same positions in their own SQL.
/// </remarks>
public static class SearchFacetBits
{
    private const int SdgAt = 0;       // goals 1 to 17
    private const int GdcAt = 20;      // objectives 1 to 5, room for 8
    private const int WsisAt = 28;     // action lines C1 to C11, room for 16
    private const int GroupAt = 44;    // stakeholder groups, room for 8
    private const int RegionAt = 52;   // regional groups, room for 8
    private const int ReportAt = 60;
    private const int TranscriptAt = 61;

    public static long Sdg(int goal) => goal is >= 1 and <= 17 ? 1L << (SdgAt + goal - 1) : 0;

    /// <summary>Only the catalogue's codes have a bit: the filter refuses any other, so a link to one could never give its count.</summary>
    public static long Link(Framework framework, string code) =>
        FrameworkCatalogue.Canonical(framework, code) is { } canonical
            ? 1L << ((framework == Framework.Gdc ? GdcAt : WsisAt) + FrameworkCatalogue.Position(framework, canonical))
            : 0;

    public static long Group(StakeholderGroup group) => 1L << (GroupAt + (int)group);

    public static long Region(RegionalGroup region) => 1L << (RegionAt + (int)region);

    public const long Report = 1L << ReportAt;
    public const long Transcript = 1L << TranscriptAt;

    /// <summary>One facet value and its bit: the key and value its link adds, and the number it sorts by (an SDG's goal).</summary>
    public sealed record Value(string Key, string Text, int? Number, long Bit);

    /// <summary>Every value a bit stands for, in the order <see cref="SearchFacetCounts"/> lists them.</summary>
    public static readonly IReadOnlyList<Value> All =
    [
        .. Enumerable.Range(1, 17).Select(g => new Value("sdg", g.ToString(CultureInfo.InvariantCulture), g, Sdg(g))),
        .. FrameworkCatalogue.All.SelectMany(f => FrameworkCatalogue.Codes(f).Select(c => new Value(FrameworkCatalogue.SlugOf(f), c, null, Link(f, c)))),
        .. Enum.GetValues<StakeholderGroup>().Select(g => new Value("group", g.ToString(), null, Group(g))),
        .. Enum.GetValues<RegionalGroup>().Select(r => new Value("region", r.ToString(), null, Region(r))),
        new Value("has", "report", null, Report),
        new Value("has", "transcript", null, Transcript),
    ];

    /// <summary>SQL: whether the index row <c>e</c> has <paramref name="bit"/>.</summary>
    public static string Has(long bit) => string.Create(CultureInfo.InvariantCulture, $"""(e."Facets" & {bit}) <> 0""");

    /// <summary>The bits of each of these sessions, read from the records: what their index rows are to hold.</summary>
    public static async Task<Dictionary<int, long>> OfSessionsAsync(PlenaryDb db, IReadOnlyCollection<int> ids, CancellationToken cancel)
    {
        var bits = ids.ToDictionary(id => id, _ => 0L);
        void Set(int session, long bit) => bits[session] = bits.GetValueOrDefault(session) | bit;
        foreach (var g in await db.SessionSdgs.Where(g => ids.Contains(g.SessionId)).Select(g => new { g.SessionId, g.Goal }).ToListAsync(cancel))
        {
            Set(g.SessionId, Sdg(g.Goal));
        }
        foreach (var k in await db.SessionFrameworkLinks.Where(k => ids.Contains(k.SessionId)).Select(k => new { k.SessionId, k.Framework, k.Code }).ToListAsync(cancel))
        {
            Set(k.SessionId, Link(k.Framework, k.Code));
        }
        // An organiser is a person or an organisation, each with a group and region of its own; the organisation's counts.
        var organisers = await db.SessionRoles.Where(r => ids.Contains(r.SessionId) && r.Kind == SessionRoleKind.Organiser)
            .Select(r => new
            {
                r.SessionId,
                Group = r.Organisation != null && r.Organisation.StakeholderGroup != null ? r.Organisation.StakeholderGroup : r.Person != null ? r.Person.StakeholderGroup : null,
                Region = r.Organisation != null && r.Organisation.RegionalGroup != null ? r.Organisation.RegionalGroup : r.Person != null ? r.Person.RegionalGroup : null,
            }).ToListAsync(cancel);
        foreach (var o in organisers)
        {
            Set(o.SessionId, (o.Group is { } group ? Group(group) : 0) | (o.Region is { } region ? Region(region) : 0));
        }
        foreach (var id in await db.SessionReports.Where(r => ids.Contains(r.SessionId)).Select(r => r.SessionId).ToListAsync(cancel))
        {
            Set(id, Report);
        }
        foreach (var id in await db.Transcripts.Where(t => ids.Contains(t.SessionId)).Select(t => t.SessionId).ToListAsync(cancel))
        {
            Set(id, Transcript);
        }
        return bits;
    }
}
