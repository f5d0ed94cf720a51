namespace Plenary.Infrastructure.Web;

public static class LocalUrls
{
    /// <summary>
    /// A path on this site, safe to redirect to after sign-in or a language switch: "/x" but not "//evil.example"
    /// or "/\\evil.example", which browsers treat as another host, nor anything holding a control character: browsers
    /// drop tabs and line breaks from an address, so "/\t/evil.example" is "//evil.example" to them (and ASP.NET
    /// Core's own redirect refuses it with an exception).
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length < 2048 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
