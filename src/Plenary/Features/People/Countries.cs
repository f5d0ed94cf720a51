using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Plenary.Features.People;

/// <summary>
/// The countries a person or a forum can be from: the ISO 3166-1 codes, named in the reader's language. The names
/// come from CLDR (through i18n-iso-countries, see Data/LICENSE) rather than .NET's RegionInfo, which names each country
/// in its own language ("Shqipëri" on an English page) and cannot name some codes it lists (DG, EA, IC), so the lists
/// had blank entries.
/// </summary>
public static class Countries
{
    private const string Fallback = "en";

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> NamesByLanguage = Load();

    /// <summary>Every ISO 3166-1 alpha-2 code, in code order.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. NamesByLanguage[Fallback].Keys.Order(StringComparer.Ordinal)];

    /// <summary>The country's name in the reader's language (English where the language has no list); null for an unknown code.</summary>
    public static string? Name(string code, CultureInfo culture) =>
        (NamesIn(culture).TryGetValue(code, out var name) || NamesByLanguage[Fallback].TryGetValue(code, out name)) ? name : null;

    /// <summary>Every country as a form offers it: by name, in the reader's language and its alphabetical order.</summary>
    public static IEnumerable<(string Code, string Name)> Choices(CultureInfo culture)
    {
        var names = NamesIn(culture);
        return Codes.Select(code => (code, names.GetValueOrDefault(code) ?? NamesByLanguage[Fallback][code]))
            .OrderBy(c => c.Item2, StringComparer.Create(culture, ignoreCase: true));
    }

    private static FrozenDictionary<string, string> NamesIn(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (NamesByLanguage.TryGetValue(c.TwoLetterISOLanguageName, out var names))
            {
                return names;
            }
        }
        return NamesByLanguage[Fallback];
    }

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream("Plenary.Features.People.Data.countries.json")
            ?? throw new InvalidOperationException("The country names are missing from the build.");
        var languages = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)!;
        return languages.ToFrozenDictionary(l => l.Key, l => l.Value.ToFrozenDictionary());
    }
}
