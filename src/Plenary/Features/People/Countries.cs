using System.Globalization;

namespace Plenary.Features.People;

public static class Countries
{
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
