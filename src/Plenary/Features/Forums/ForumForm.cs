using System.Globalization;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Forums;

/// <summary>
/// The settings a forum's form edits, on the administrator's creation page and in the Secretariat's workspace, with
/// one set of rules. Pages bind it without a prefix, so both forms post the same field names (Name, Theme, ...).
/// </summary>
public sealed class ForumForm
{
    /// <summary>
    /// The six official languages of the United Nations, offered as checkboxes. The UN writes Chinese in simplified
    /// characters, so its code is zh-Hans, as in the SDG texts.
    /// </summary>
    public static readonly string[] UnLanguages = ["ar", "en", "es", "fr", "ru", "zh-Hans"];

    public string? Name { get; set; }
    public string? Theme { get; set; }
    public string? HostCity { get; set; }
    public string? Venue { get; set; }
    public string? TimeZone { get; set; }
    public string? FirstDay { get; set; }
    public string? LastDay { get; set; }
    public string? Description { get; set; }

    /// <summary>The ticked UN languages.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Any other BCP 47 codes, separated by commas or spaces.</summary>
    public string? OtherLanguages { get; set; }

    /// <summary>Minutes after a session's end by which key takeaways are due; empty for the IGF's 120.</summary>
    public string? TakeawaysDueMinutes { get; set; }

    /// <summary>The forum-local day by whose end session reports are due; empty for two weeks after the last day.</summary>
    public string? ReportDeadline { get; set; }

    /// <summary>The settings, checked and ready to store.</summary>
    public sealed record Checked(string Name, string Theme, string HostCity, string Venue, string TimeZone,
        DateOnly FirstDay, DateOnly LastDay, string? Description, List<string> Languages, int? TakeawaysDueMinutes, DateOnly? ReportDeadline)
    {
        /// <summary>Writes the settings into a (tracked) forum.</summary>
        public void ApplyTo(Forum forum)
        {
            (forum.Name, forum.Theme, forum.HostCity, forum.Venue, forum.TimeZoneId) = (Name, Theme, HostCity, Venue, TimeZone);
            (forum.FirstDay, forum.LastDay, forum.Description, forum.Languages) = (FirstDay, LastDay, Description, Languages);
            (forum.TakeawaysDueMinutes, forum.ReportDeadline) = (TakeawaysDueMinutes, ReportDeadline);
        }
    }

    /// <summary>The settings as the audit log keeps them.</summary>
    public static object Snapshot(Forum forum) => new
    {
        forum.Name, forum.Theme, forum.HostCity, forum.Venue, TimeZone = forum.TimeZoneId,
        FirstDay = Day(forum.FirstDay), LastDay = Day(forum.LastDay), Languages = forum.Languages.ToList(), forum.Description,
        forum.TakeawaysDueMinutes, ReportDeadline = forum.ReportDeadline is { } report ? Day(report) : null,
    };

    public static ForumForm From(Forum forum) => new()
    {
        Name = forum.Name, Theme = forum.Theme, HostCity = forum.HostCity, Venue = forum.Venue, TimeZone = forum.TimeZoneId,
        FirstDay = Day(forum.FirstDay), LastDay = Day(forum.LastDay), Description = forum.Description,
        Languages = forum.Languages.Where(l => UnLanguages.Contains(l)).ToList(),
        OtherLanguages = string.Join(", ", forum.Languages.Where(l => !UnLanguages.Contains(l))),
        TakeawaysDueMinutes = forum.TakeawaysDueMinutes?.ToString(CultureInfo.InvariantCulture),
        ReportDeadline = forum.ReportDeadline is { } report ? Day(report) : null,
    };

    /// <summary>Null, with every problem added to <paramref name="errors"/> under its field's id, when something is wrong.</summary>
    public Checked? Check(Dictionary<string, string> errors, IStringLocalizer L)
    {
        var name = Name?.Trim();
        var theme = Theme?.Trim();
        var city = HostCity?.Trim();
        var venue = Venue?.Trim();
        var zone = TimeZone?.Trim();
        var description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        SingleLine.Check(errors, L, ("name", name), ("theme", theme), ("city", city), ("venue", venue));
        foreach (var (field, value, max) in new[] { ("name", name, Forum.MaxName), ("theme", theme, Forum.MaxTheme), ("city", city, Forum.MaxHostCity), ("venue", venue, Forum.MaxVenue) })
        {
            if (string.IsNullOrEmpty(value))
            {
                errors.TryAdd(field, L["Fill in this field."]);
            }
            else if (value.Length > max)
            {
                errors.TryAdd(field, L["Shorten this to at most {0} characters.", max]);
            }
        }
        if (string.IsNullOrEmpty(zone) || !ForumClock.TryCreate(zone, out _))
        {
            errors.TryAdd("timezone", L["“{0}” is not a time zone. Use a name such as Africa/Addis_Ababa, Europe/Paris or UTC.", Shorten(zone)]);
        }
        var first = ParseDay(FirstDay, "first", errors, L);
        var last = ParseDay(LastDay, "last", errors, L);
        if (first is not null && last is not null && (last < first || last.Value.DayNumber - first.Value.DayNumber > 30))
        {
            errors.TryAdd("last", L["The last day must be on or after the first day, and within 31 days of it."]);
        }
        if (description is { Length: > Forum.MaxDescription })
        {
            errors.TryAdd("description", L["Shorten this to at most {0} characters.", Forum.MaxDescription]);
        }
        var languages = CheckLanguages(errors, L);
        int? minutes = null;
        if (!string.IsNullOrWhiteSpace(TakeawaysDueMinutes))
        {
            if (int.TryParse(TakeawaysDueMinutes.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 15 and <= 10_080)
            {
                minutes = m;
            }
            else
            {
                errors.TryAdd("takeaways-due", L["Enter the minutes from {0} to {1}, or leave it empty for {2}.", 15, 10_080, 120]);
            }
        }
        DateOnly? reportDay = null;
        if (!string.IsNullOrWhiteSpace(ReportDeadline))
        {
            reportDay = ParseDay(ReportDeadline, "report-deadline", errors, L);
            if (reportDay is { } d && last is { } l && (d < l || d.DayNumber - l.DayNumber > 366))
            {
                errors.TryAdd("report-deadline", L["The report deadline must be on or after the last day, and within a year of it."]);
            }
        }
        return errors.Count > 0 ? null : new Checked(name!, theme!, city!, venue!, zone!, first!.Value, last!.Value, description, languages, minutes, reportDay);
    }

    private List<string> CheckLanguages(Dictionary<string, string> errors, IStringLocalizer L)
    {
        var codes = new List<string>();
        // A checkbox value that is not one of ours was not sent by our form; refused rather than ignored.
        if (Languages.Any(l => !UnLanguages.Contains(l)))
        {
            errors.TryAdd("languages", L["Choose from the list."]);
        }
        codes.AddRange(UnLanguages.Where(Languages.Contains));
        if (OtherLanguages is { Length: > Forum.MaxLanguages })
        {
            errors.TryAdd("languages", L["Shorten this to at most {0} characters.", Forum.MaxLanguages]);
            return codes;
        }
        foreach (var code in (OtherLanguages ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Language(code) is { } culture)
            {
                codes.Add(culture.Name);
            }
            else
            {
                errors.TryAdd("languages", L["“{0}” is not a language code. Use BCP 47 codes such as pt, sw or zh-Hant.", Shorten(code)]);
            }
        }
        codes = codes.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (codes.Count == 0)
        {
            errors.TryAdd("languages", L["Choose at least one language."]);
        }
        else if (string.Join(',', codes).Length > Forum.MaxLanguages)
        {
            errors.TryAdd("languages", L["Shorten this to at most {0} characters.", Forum.MaxLanguages]);
        }
        return codes;
    }

    /// <summary>The culture .NET knows for a BCP 47 code, spelled its canonical way ("zh-hant" gives "zh-Hant"); null otherwise.</summary>
    private static CultureInfo? Language(string code)
    {
        if (code.Length > 35 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }
        try
        {
            var culture = CultureInfo.GetCultureInfo(code, predefinedOnly: true);
            return culture.Name.Length == 0 ? null : culture;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    private static DateOnly? ParseDay(string? text, string field, Dictionary<string, string> errors, IStringLocalizer L)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors.TryAdd(field, L["Enter a day as YYYY-MM-DD, for example {0}.", "2026-06-23"]);
        return null;
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? "";
}
