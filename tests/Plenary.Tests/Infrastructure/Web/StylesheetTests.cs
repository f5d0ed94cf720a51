using System.Text.RegularExpressions;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// The stylesheet mirrors for right-to-left pages because it names no physical side: margins, paddings, borders, insets,
/// floats and alignment are written with logical properties (inline start and end, block start and end).
/// </summary>
public sealed partial class StylesheetTests
{
    [Fact]
    public void Stylesheet_uses_logical_properties_only_so_arabic_pages_mirror()
    {
        var css = Comment().Replace(File.ReadAllText(SiteCss()), "");

        var physical = Physical().Matches(css).Select(m => m.Value).ToList();

        physical.ShouldBeEmpty();
    }

    private static string SiteCss()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Plenary.slnx")))
        {
            directory = directory.Parent;
        }
        return Path.Combine(directory!.FullName, "src", "Plenary", "wwwroot", "css", "site.css");
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"(?<![\w-])((margin|padding|border|inset)-(left|right|top|bottom)[\w-]*|(left|right|top|bottom)\s*:|(float|clear|text-align)\s*:\s*(left|right))")]
    private static partial Regex Physical();
}
