namespace Plenary.Features.Archive;

public static class ArchiveLinks
{
    /// <summary>Every forum on the site, by year.</summary>
    public const string Page = "/archive";

    /// <summary>"/archive?kind=national": the forums of one kind.</summary>
    public static string OfKind(Forums.ForumKind kind) => $"{Page}?kind={kind.ToString().ToLowerInvariant()}";
}
