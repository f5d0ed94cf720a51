namespace Plenary.Infrastructure.Web;

public static class LocalUrls
{
    /// <summary>
    /// A path on this site, safe to redirect to after sign-in or a language switch: "/x" but not "//evil.example"
    /// or "/\\evil.example", which browsers treat as another host.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length < 2048 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
