using System.Xml.Linq;
using AngleSharp.Dom;

namespace Plenary.Tests.Infrastructure.Localization;

/// <summary>
/// Finds interface text a page left in English (or a key shown instead of its text, which is the English itself).
/// </summary>
public static class EnglishLeft
{
    /// <summary>
    /// The page's text nodes that are an interface string left in English: any English string of the interface (the
    /// keys of the French file, which holds them all) except those the language writes the same ("Panel" in Spanish).
    /// Text marked as English (<c>lang="en"</c>: people's own words, names of languages) is not the interface's.
    /// </summary>
    public static List<string> On(IDocument page, string culture)
    {
        var sameInTranslation = Translations(culture).Where(t => t.Key == t.Value).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var translated = Translations("fr").Keys.Where(k => !sameInTranslation.Contains(k)).ToHashSet(StringComparer.Ordinal);
        var texts = page.Body!.Descendants<IText>()
            .Where(t => t.ParentElement is not null && t.ParentElement.Closest("script, style, [lang='en'], nav.lang") is null)
            .Select(t => t.Data.Trim());
        // What a reader meets outside the text too: labels read out by screen readers, placeholders and buttons' values.
        var attributes = page.Body!.QuerySelectorAll("[aria-label], [placeholder], [title], input[type=submit][value], input[type=button][value]")
            .Where(e => e.Closest("[lang='en'], nav.lang") is null)
            .SelectMany(e => new[] { e.GetAttribute("aria-label"), e.GetAttribute("placeholder"), e.GetAttribute("title"), e.LocalName == "input" ? e.GetAttribute("value") : null })
            .OfType<string>().Select(a => a.Trim());
        return texts.Concat(attributes)
            .Where(text => text.Length > 1 && translated.Contains(text))
            .Distinct().ToList();
    }

    public static Dictionary<string, string> Translations(string culture)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Plenary.slnx")))
        {
            directory = directory.Parent;
        }
        return XDocument.Load(Path.Combine(directory.FullName, "src", "Plenary", "Resources", $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
    }
}
