using System.Text.RegularExpressions;
using System.Xml.Linq;
using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;

namespace Plenary.Tests.Infrastructure.Localization;

/// <summary>
/// Every interface language must be complete: every string a page can show, found in the sources, has an entry in each
/// translation that keeps the same placeholders. A new English string without its translations fails here, not in
/// front of a reader.
/// </summary>
public sealed partial class TranslationTests
{
    private static readonly string SourceRoot = Path.Combine(RepositoryRoot(), "src", "Plenary");

    public static TheoryData<string> Translations => [.. LocalizationSetup.UiCultures.Where(c => c != "en")];

    [Fact]
    public void Interface_speaks_the_six_un_languages() =>
        LocalizationSetup.UiCultures.Order().ShouldBe(["ar", "en", "es", "fr", "ru", "zh-Hans"]);

    [Theory]
    [MemberData(nameof(Translations))]
    public void test_every_string_on_a_page_has_a_translation(string culture)
    {
        var translated = Entries(culture);

        var missing = EnglishKeys().Where(k => !translated.ContainsKey(k) || string.IsNullOrWhiteSpace(translated[k])).Order().ToList();

        missing.ShouldBeEmpty($"Add these to Resources/SharedResource.{culture}.resx:\n{string.Join('\n', missing)}");
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void test_translations_keep_the_placeholders_of_the_english(string culture)
    {
        var broken = Entries(culture)
            .Where(e => !Placeholders(e.Key).SetEquals(Placeholders(e.Value)))
            .Select(e => $"{e.Key} → {e.Value}")
            .ToList();

        broken.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void test_translation_holds_no_entry_the_sources_no_longer_use(string culture)
    {
        var used = EnglishKeys();

        var stale = Entries(culture).Keys.Where(k => !used.Contains(k)).Order().ToList();

        stale.ShouldBeEmpty();
    }

    [Fact]
    public void No_two_strings_differ_only_by_case()
    {
        // Resource lookups treat "Rooms" and "rooms" as one key, so one of them would silently stay in English.
        var clashes = EnglishKeys().GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();

        clashes.ShouldBeEmpty();
    }

    [Fact]
    public void Source_scan_finds_the_strings_it_is_meant_to_find()
    {
        // Guards the scan itself: if the patterns stopped matching, the tests above would pass on nothing.
        var keys = EnglishKeys();

        keys.Count.ShouldBeGreaterThan(100);
        keys.ShouldContain("Programme");
        keys.ShouldContain("Give only one value for this filter.");
        keys.ShouldContain("Birds of a Feather");
        keys.ShouldContain("{0} Min");
    }

    private static HashSet<string> EnglishKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(SourceRoot, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in LocalizerKey().Matches(text))
            {
                keys.Add(Regex.Unescape(match.Groups[1].Value));
            }
            foreach (Match match in FilterErrorMessage().Matches(text))
            {
                keys.Add(Regex.Unescape(match.Groups[1].Value));
            }
        }
        Enum[] labelled =
        [
            .. Enum.GetValues<SessionFormat>().Cast<Enum>(), .. Enum.GetValues<RoomLayout>().Cast<Enum>(),
            .. Enum.GetValues<StakeholderGroup>().Cast<Enum>(), .. Enum.GetValues<RegionalGroup>().Cast<Enum>(),
            .. Enum.GetValues<Gender>().Cast<Enum>(), .. Enum.GetValues<SessionStatus>().Cast<Enum>(),
            .. Enum.GetValues<ParticipationMode>().Cast<Enum>(), .. Enum.GetValues<SessionRoleKind>().Cast<Enum>(),
            .. Enum.GetValues<TakeawayKind>().Cast<Enum>(), .. Enum.GetValues<CallToActionAddressee>().Cast<Enum>(),
            .. Enum.GetValues<Plenary.Features.Forums.ForumKind>().Cast<Enum>(),
        ];
        foreach (var value in labelled)
        {
            keys.Add(Labels.English(value));
        }
        // The IGF's record sections are shown in the reader's language (L[t.Title]), which the scan cannot see.
        foreach (var section in IgfSections.All)
        {
            keys.Add(section.Title);
            keys.Add(section.Help);
        }
        // So are the IGF's usual session types while a forum keeps their names (L.TypeName).
        foreach (var type in Plenary.Features.Forums.SessionType.IgfUsual())
        {
            keys.Add(type.Name);
        }
        keys.Add(RequestLimits.TooLongReason);
        keys.Add(RequestLimits.CharsetReason);
        keys.Add(RequestLimits.StaleFormReason);
        return keys;
    }

    private static Dictionary<string, string> Entries(string culture) =>
        XDocument.Load(Path.Combine(SourceRoot, "Resources", $"SharedResource.{culture}.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Plenary.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the Plenary repository.");
    }

    [GeneratedRegex("""\b(?:L|l|localizer)\[\s*"((?:[^"\\]|\\.)*)"\s*[,\]]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex("""new FilterError\([^,]+,\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")]
    private static partial Regex FilterErrorMessage();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
