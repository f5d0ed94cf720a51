using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Plenary.Features.Forums;

/// <summary>URL names of forums and subthemes: lowercase letters and digits, words joined by single dashes.</summary>
public static partial class Slugs
{
    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Shape();

    public static bool IsWellFormed(string? slug, int maxLength) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= maxLength && Shape().IsMatch(slug);

    /// <summary>"Governing Data & Privacy" gives "governing-data-privacy"; accents are dropped, other scripts leave nothing.</summary>
    public static string From(string? name, int maxLength)
    {
        var slug = new StringBuilder();
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var text = slug.ToString();
        return (text.Length > maxLength ? text[..maxLength] : text).Trim('-');
    }

    /// <summary>
    /// First path segments the app answers itself (account, api, admin, people, css, health, openapi...), read from
    /// its own routes: a forum with such a slug could never be reached, since those routes win over a forum's.
    /// </summary>
    public static SortedSet<string> Reserved(EndpointDataSource endpoints)
    {
        var reserved = new SortedSet<string>(KeptForLater, StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.RoutePattern.PathSegments is [{ Parts: [RoutePatternLiteralPart literal] }, ..])
            {
                reserved.Add(literal.Content.ToLowerInvariant());
            }
        }
        return reserved;
    }

    /// <summary>First segments of pages being built (invitations to the team), kept free before their routes exist.</summary>
    private static readonly string[] KeptForLater = ["invitations"];
}
