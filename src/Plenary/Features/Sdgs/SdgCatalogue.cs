using System.Text;
using System.Collections.Frozen;
using System.Globalization;
using YamlDotNet.Serialization;

namespace Plenary.Features.Sdgs;

/// <summary>A Sustainable Development Goal, 1 to 17, with its name in each UN language.</summary>
public sealed record SdgGoal(int Number, IReadOnlyDictionary<string, string> ShortNames, IReadOnlyDictionary<string, string> Titles)
{
    public IReadOnlyList<SdgTarget> Targets { get; init; } = [];

    public string Code => Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The UN's persistent identifier for the goal.</summary>
    public string MetadataUri => $"http://metadata.un.org/sdg/{Number}";

    public string ShortName(string language) => SdgCatalogue.Pick(ShortNames, language);
    public string Title(string language) => SdgCatalogue.Pick(Titles, language);
}

/// <summary>One of the 169 targets, identified the official way: "9.c", "16.10".</summary>
public sealed record SdgTarget(string Code, int Goal, IReadOnlyDictionary<string, string> Titles)
{
    public string MetadataUri => $"http://metadata.un.org/sdg/{Code}";
    public string Title(string language) => SdgCatalogue.Pick(Titles, language);
}

/// <summary>
/// The goals and targets in the six UN languages, read once from the Open SDG data embedded in the assembly
/// (MIT licence beside the data). Reference data that never changes with a forum, so it lives in memory
/// rather than in every database.
/// </summary>
public sealed class SdgCatalogue
{
    public static readonly string[] Languages = ["en", "fr", "es", "ar", "ru", "zh-Hans"];

    private readonly FrozenDictionary<int, SdgGoal> _goals;
    private readonly FrozenDictionary<string, SdgTarget> _targets;

    private SdgCatalogue(IEnumerable<SdgGoal> goals)
    {
        _goals = goals.ToFrozenDictionary(g => g.Number);
        _targets = _goals.Values.SelectMany(g => g.Targets).ToFrozenDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);
    }

    public IEnumerable<SdgGoal> Goals => _goals.Values.OrderBy(g => g.Number);
    public IEnumerable<SdgTarget> Targets => Goals.SelectMany(g => g.Targets);

    public SdgGoal? FindGoal(int number) => _goals.GetValueOrDefault(number);
    public SdgTarget? FindTarget(string code) => _targets.GetValueOrDefault(code);

    /// <summary>The best text for a language: the exact one, then its parent ("fr" for "fr-CA"), then English.</summary>
    internal static string Pick(IReadOnlyDictionary<string, string> texts, string language)
    {
        if (texts.TryGetValue(language, out var text))
        {
            return text;
        }
        var dash = language.IndexOf('-');
        if (dash > 0 && texts.TryGetValue(language[..dash], out text))
        {
            return text;
        }
        if (language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) && texts.TryGetValue("zh-Hans", out text))
        {
            return text;
        }
        return texts["en"];
    }

    public static SdgCatalogue Load()
    {
        var deserializer = new DeserializerBuilder().Build();
        var goalTexts = new Dictionary<string, Dictionary<string, string>>();
        var targetTexts = new Dictionary<string, Dictionary<string, string>>();
        foreach (var language in Languages)
        {
            goalTexts[language] = deserializer.Deserialize<Dictionary<string, string>>(ReadResource(language, "global_goals.yml"));
            targetTexts[language] = deserializer.Deserialize<Dictionary<string, string>>(ReadResource(language, "global_targets.yml"));
        }

        var targetsByGoal = new Dictionary<int, List<SdgTarget>>();
        foreach (var key in targetTexts["en"].Keys)
        {
            // Keys look like "9-c-title": goal, target, field.
            var parts = key.Split('-');
            if (parts.Length != 3 || parts[2] != "title")
            {
                continue;
            }
            var goal = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var code = $"{goal}.{parts[1]}";
            var titles = Languages.Where(l => targetTexts[l].ContainsKey(key)).ToDictionary(l => l, l => Clean(targetTexts[l][key]));
            (targetsByGoal.TryGetValue(goal, out var list) ? list : targetsByGoal[goal] = []).Add(new SdgTarget(code, goal, titles));
        }

        var goals = new List<SdgGoal>();
        for (var number = 1; number <= 17; number++)
        {
            var n = number.ToString(CultureInfo.InvariantCulture);
            var shortNames = Languages.Where(l => goalTexts[l].ContainsKey($"{n}-short")).ToDictionary(l => l, l => Clean(goalTexts[l][$"{n}-short"]));
            var titles = Languages.Where(l => goalTexts[l].ContainsKey($"{n}-title")).ToDictionary(l => l, l => Clean(goalTexts[l][$"{n}-title"]));
            var targets = targetsByGoal.GetValueOrDefault(number, []).OrderBy(t => TargetOrder(t.Code)).ToList();
            goals.Add(new SdgGoal(number, shortNames, titles) { Targets = targets });
        }
        return new SdgCatalogue(goals);
    }

    /// <summary>Numbered targets first in numeric order (9.1 … 9.5), then the lettered means of implementation (9.a …).</summary>
    private static (int, int, string) TargetOrder(string code)
    {
        var suffix = code[(code.IndexOf('.') + 1)..];
        return int.TryParse(suffix, CultureInfo.InvariantCulture, out var n) ? (0, n, "") : (1, 0, suffix);
    }

    /// <remarks>
    /// Open SDG's French, Spanish and Russian files spell accented letters as a base letter and a combining mark ("e" + "\u0301"):
    /// composed here, they look the same but compare equal to what a reader types, so a search for "éducation" finds them.
    /// </remarks>
    private static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Normalize(NormalizationForm.FormC);

    private static string ReadResource(string language, string file)
    {
        var assembly = typeof(SdgCatalogue).Assembly;
        // The SDK names embedded resources after their folder, with '-' in folder names turned into '_'.
        var suffix = $".Data.{language.Replace('-', '_')}.{file}";
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(suffix, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
