using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Plenary.Features.Sdgs;

namespace Plenary.Features.Frameworks;

/// <summary>
/// The frameworks beyond the SDGs that a forum may link its sessions to. The SDGs are not among them: every forum
/// uses those, and they have their own catalogue with targets (<see cref="SdgCatalogue"/>).
/// </summary>
public enum Framework
{
    /// <summary>The Global Digital Compact's five objectives (A/RES/79/1, annex I).</summary>
    Gdc,

    /// <summary>The WSIS action lines C1 to C11 (Geneva Plan of Action, 2003).</summary>
    Wsis,
}

/// <summary>One objective or action line: "3" of the Compact, "C5" of WSIS, with its texts in the UN languages.</summary>
public sealed record FrameworkItem(Framework Framework, string Code, IReadOnlyDictionary<string, string> ShortNames, IReadOnlyDictionary<string, string> Titles)
{
    public string ShortName(string language) => SdgCatalogue.Pick(ShortNames, language);
    public string Title(string language) => SdgCatalogue.Pick(Titles, language);
}

/// <summary>A framework with where its texts come from, and which of its language versions are the official ones.</summary>
public sealed record FrameworkInfo(Framework Framework, IReadOnlyDictionary<string, string> Names, IReadOnlyDictionary<string, string> ItemNames,
    string Source, string SourceUri, IReadOnlyList<string> OfficialLanguages, string Note, IReadOnlyList<FrameworkItem> Items)
{
    /// <summary>"gdc", "wsis": in addresses, query parameters, exports and the API.</summary>
    public string Slug => FrameworkCatalogue.SlugOf(Framework);
    public string Name(string language) => SdgCatalogue.Pick(Names, language);
    public string ItemName(string language) => SdgCatalogue.Pick(ItemNames, language);
}

/// <summary>
/// The Compact's objectives and the WSIS action lines, read once from the JSON embedded in the assembly
/// (<c>Features/Frameworks/Data</c>, each file naming its source). Reference data like the SDGs: the same for every forum,
/// so it lives in memory, and the database keeps only the codes a session links to.
/// </summary>
public sealed class FrameworkCatalogue
{
    public static readonly Framework[] All = [Framework.Gdc, Framework.Wsis];

    private readonly FrozenDictionary<Framework, FrameworkInfo> _frameworks;

    private FrameworkCatalogue(IEnumerable<FrameworkInfo> frameworks) => _frameworks = frameworks.ToFrozenDictionary(f => f.Framework);

    public IEnumerable<FrameworkInfo> Frameworks => All.Select(f => _frameworks[f]);

    public FrameworkInfo this[Framework framework] => _frameworks[framework];

    /// <summary>The item by its code in any case ("c5" is C5); null for a code the framework does not have.</summary>
    public FrameworkItem? Find(Framework framework, string? code) =>
        code is null ? null : _frameworks[framework].Items.FirstOrDefault(i => string.Equals(i.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    private static readonly string[] GdcCodes = ["1", "2", "3", "4", "5"];
    private static readonly string[] WsisCodes = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"];

    /// <summary>
    /// The codes, fixed by the texts themselves (five objectives, eleven action lines): filters that run before any
    /// service is at hand read them here, and loading checks that the data files give exactly these.
    /// </summary>
    public static IReadOnlyList<string> Codes(Framework framework) => framework == Framework.Gdc ? GdcCodes : WsisCodes;

    /// <summary>The code as the framework writes it ("c5" gives "C5"); null for one it does not have.</summary>
    public static string? Canonical(Framework framework, string? code) =>
        Codes(framework).FirstOrDefault(c => string.Equals(c, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string SlugOf(Framework framework) => framework == Framework.Gdc ? "gdc" : "wsis";

    /// <summary>The framework named by its slug in any case; null for any other word.</summary>
    public static Framework? FromSlug(string? slug) => slug?.Trim().ToLowerInvariant() switch
    {
        "gdc" => Framework.Gdc,
        "wsis" => Framework.Wsis,
        _ => null,
    };

    private static readonly Lazy<FrameworkCatalogue> Loaded = new(() => new(All.Select(f => Read(f, SlugOf(f)))));

    /// <summary>The one catalogue of the process: the texts never change while it runs, and the exports and API answers read them without a service at hand.</summary>
    public static FrameworkCatalogue Shared => Loaded.Value;

    public static FrameworkCatalogue Load() => Shared;

    /// <summary>A code's place in its framework's order (C2 before C10); codes it does not have last.</summary>
    public static int Position(Framework framework, string code)
    {
        var index = Array.IndexOf(framework == Framework.Gdc ? GdcCodes : WsisCodes, code);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>Codes of one framework in its own order ("C2;C10", never "C10;C2"), each once: how every export lists them.</summary>
    public static List<string> InOrder(Framework framework, IEnumerable<string> codes) =>
        codes.Distinct(StringComparer.Ordinal).OrderBy(c => Position(framework, c)).ThenBy(c => c, StringComparer.Ordinal).ToList();

    private static FrameworkInfo Read(Framework framework, string slug)
    {
        using var stream = typeof(FrameworkCatalogue).Assembly.GetManifestResourceStream($"Plenary.Features.Frameworks.Data.{slug}.json")
            ?? throw new InvalidOperationException($"The {slug} data is not embedded in the assembly.");
        var file = JsonSerializer.Deserialize<FileShape>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        if (!file.Items.Select(i => i.Code).SequenceEqual(Codes(framework)))
        {
            throw new InvalidOperationException($"The {slug} data must give the codes {string.Join(", ", Codes(framework))}, in that order.");
        }
        foreach (var item in file.Items)
        {
            // A language missing from one item would silently fall back to English on its page; the files give all six.
            if (SdgCatalogue.Languages.Any(l => !item.Short.ContainsKey(l) || !item.Title.ContainsKey(l)))
            {
                throw new InvalidOperationException($"{slug} {item.Code} lacks a text in one of the six UN languages.");
            }
        }
        return new FrameworkInfo(framework, file.Name, file.ItemName, file.Source, file.SourceUri, file.OfficialLanguages, file.Note,
            file.Items.Select(i => new FrameworkItem(framework, i.Code, i.Short, i.Title)).ToList());
    }

    private sealed record FileShape(
        [property: JsonPropertyName("name")] Dictionary<string, string> Name,
        [property: JsonPropertyName("itemName")] Dictionary<string, string> ItemName,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("sourceUri")] string SourceUri,
        [property: JsonPropertyName("officialLanguages")] List<string> OfficialLanguages,
        [property: JsonPropertyName("note")] string Note,
        [property: JsonPropertyName("items")] List<ItemShape> Items);

    private sealed record ItemShape(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("short")] Dictionary<string, string> Short,
        [property: JsonPropertyName("title")] Dictionary<string, string> Title);
}
