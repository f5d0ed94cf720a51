using System.Globalization;

namespace Plenary.Features.People;

public static class Countries
{
    /// <summary>Every ISO 3166-1 alpha-2 code .NET knows a region for, computed once.</summary>
    public static IReadOnlyList<string> Codes { get; } = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).TwoLetterISORegionName; } catch (ArgumentException) { return null; } })
        .OfType<string>().Where(c => c.Length == 2 && char.IsAsciiLetterUpper(c[0]) && char.IsAsciiLetterUpper(c[1])).Distinct().Order().ToList();

    /// <summary>The country's name in the reader's language, from .NET's region data; null for an unknown code.</summary>
    public static string? Name(string code, CultureInfo culture)
    {
        try
        {
            var region = new RegionInfo(code);
            // With ICU, DisplayName follows the current UI culture; English is the fallback for anything else.
            return CultureInfo.CurrentUICulture.Name == culture.Name ? region.DisplayName : region.EnglishName;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
