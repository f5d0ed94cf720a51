using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

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

    /// <summary>A <see cref="ForumKind"/> by name; empty for Global.</summary>
    public string? Kind { get; set; }

    /// <summary>The series the forum is an edition of, such as igf or eurodig; empty for a forum of its own.</summary>
    public string? Series { get; set; }

    /// <summary>The ticked UN languages.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Any other BCP 47 codes, separated by commas or spaces.</summary>
    public string? OtherLanguages { get; set; }

    /// <summary>Minutes after a session's end by which key takeaways are due; empty for the IGF's 120.</summary>
    public string? TakeawaysDueMinutes { get; set; }

    /// <summary>The forum-local day by whose end session reports are due; empty for two weeks after the last day.</summary>
    public string? ReportDeadline { get; set; }

    /// <summary>
    /// The frameworks beyond the SDGs the forum links sessions to, by slug (gdc, wsis). Null leaves them as they are (an
    /// API client that does not know the field); the page sends an empty value beside its boxes, so none ticked is none.
    /// </summary>
    public List<string?>? Frameworks { get; set; }

    /// <summary>The settings, checked and ready to store.</summary>
    public sealed record Checked(string Name, string Theme, string HostCity, string Venue, string TimeZone,
        DateOnly FirstDay, DateOnly LastDay, string? Description, List<string> Languages, int? TakeawaysDueMinutes, DateOnly? ReportDeadline,
        ForumKind Kind, string? Series, List<Features.Frameworks.Framework>? Frameworks = null)
    {
        /// <summary>Writes the settings into a (tracked) forum.</summary>
        public void ApplyTo(Forum forum)
        {
            (forum.Name, forum.Theme, forum.HostCity, forum.Venue, forum.TimeZoneId) = (Name, Theme, HostCity, Venue, TimeZone);
            (forum.FirstDay, forum.LastDay, forum.Description, forum.Languages) = (FirstDay, LastDay, Description, Languages);
            (forum.TakeawaysDueMinutes, forum.ReportDeadline) = (TakeawaysDueMinutes, ReportDeadline);
            (forum.Kind, forum.Series) = (Kind, Series);
            if (Frameworks is not null)
            {
                (forum.UsesGdc, forum.UsesWsis) = (Frameworks.Contains(Features.Frameworks.Framework.Gdc), Frameworks.Contains(Features.Frameworks.Framework.Wsis));
            }
        }
    }

    /// <summary>The settings as the audit log keeps them.</summary>
    public static object Snapshot(Forum forum) => new
    {
        forum.Name, forum.Theme, forum.HostCity, forum.Venue, TimeZone = forum.TimeZoneId,
        FirstDay = Day(forum.FirstDay), LastDay = Day(forum.LastDay), Languages = forum.Languages.ToList(), forum.Description,
        forum.TakeawaysDueMinutes, ReportDeadline = forum.ReportDeadline is { } report ? Day(report) : null,
        Kind = forum.Kind.ToString(), forum.Series, Frameworks = FrameworkSlugs(forum),
    };

    private static List<string?> FrameworkSlugs(Forum forum) => forum.UsedFrameworks.Select(f => (string?)Features.Frameworks.FrameworkCatalogue.SlugOf(f)).ToList();

    /// <summary>The frameworks sent, without the form's empty value; null when the field was left out.</summary>
    internal List<string>? FrameworkValues() => Frameworks?.Select(f => f?.Trim() ?? "").Where(f => f.Length > 0).ToList();

    public static ForumForm From(Forum forum) => new()
    {
        Name = forum.Name, Theme = forum.Theme, HostCity = forum.HostCity, Venue = forum.Venue, TimeZone = forum.TimeZoneId,
        FirstDay = Day(forum.FirstDay), LastDay = Day(forum.LastDay), Description = forum.Description,
        Languages = forum.Languages.Where(l => UnLanguages.Contains(l)).ToList(),
        OtherLanguages = string.Join(", ", forum.Languages.Where(l => !UnLanguages.Contains(l))),
        TakeawaysDueMinutes = forum.TakeawaysDueMinutes?.ToString(CultureInfo.InvariantCulture),
        ReportDeadline = forum.ReportDeadline is { } report ? Day(report) : null,
        Kind = forum.Kind.ToString(), Series = forum.Series, Frameworks = FrameworkSlugs(forum),
    };

    /// <summary>The settings once the form's validator passed them, trimmed and ready to store.</summary>
    public Checked Read() => new(Name!.Trim(), Theme!.Trim(), HostCity!.Trim(), Venue!.Trim(), TimeZone!.Trim(), ParseDay(FirstDay)!.Value, ParseDay(LastDay)!.Value,
        string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), ReadLanguages().Codes,
        string.IsNullOrWhiteSpace(TakeawaysDueMinutes) ? null : ParseMinutes(TakeawaysDueMinutes),
        string.IsNullOrWhiteSpace(ReportDeadline) ? null : ParseDay(ReportDeadline),
        ParseKind(Kind)!.Value, string.IsNullOrWhiteSpace(Series) ? null : Series.Trim(),
        FrameworkValues()?.Select(f => Features.Frameworks.FrameworkCatalogue.FromSlug(f)!.Value).Distinct().ToList());

    /// <summary>The kind named exactly (any case), Global for none; null for a name that is not a kind.</summary>
    internal static ForumKind? ParseKind(string? text) =>
        string.IsNullOrWhiteSpace(text) ? ForumKind.Global
            : Enum.TryParse<ForumKind>(text.Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !char.IsAsciiDigit(text.Trim()[0]) ? kind : null;

    /// <summary>The ticked and written languages as codes, and the first problem with them (worded for the reader), if any.</summary>
    internal (List<string> Codes, Func<IStringLocalizer, string>? Problem) ReadLanguages()
    {
        Func<IStringLocalizer, string>? problem = null;
        void Refuse(Func<IStringLocalizer, string> p) => problem ??= p;
        var codes = new List<string>();
        // A checkbox value that is not one of ours was not sent by our form; refused rather than ignored.
        if (Languages.Any(l => !UnLanguages.Contains(l)))
        {
            Refuse(L => L["Choose from the list."]);
        }
        codes.AddRange(UnLanguages.Where(Languages.Contains));
        if (OtherLanguages is { Length: > Forum.MaxLanguages })
        {
            Refuse(L => Rules.TooLong(L, Forum.MaxLanguages));
            return (codes, problem);
        }
        foreach (var code in (OtherLanguages ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Language(code) is { } culture)
            {
                codes.Add(culture.Name);
            }
            else
            {
                Refuse(L => L["“{0}” is not a language code. Use BCP 47 codes such as pt, sw or zh-Hant.", Shorten(code)]);
            }
        }
        codes = codes.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (codes.Count == 0)
        {
            Refuse(L => L["Choose at least one language."]);
        }
        else if (string.Join(',', codes).Length > Forum.MaxLanguages)
        {
            Refuse(L => Rules.TooLong(L, Forum.MaxLanguages));
        }
        return (codes, problem);
    }

    internal static int? ParseMinutes(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 15 and <= 10_080 ? m : null;

    internal static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

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

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? "";
}

public sealed class ForumFormValidator : AbstractValidator<ForumForm>
{
    public ForumFormValidator(IStringLocalizer<SharedResource> L)
    {
        Text(RuleFor(f => Trimmed(f.Name)).Field("name"), Forum.MaxName, L);
        Text(RuleFor(f => Trimmed(f.Theme)).Field("theme"), Forum.MaxTheme, L);
        Text(RuleFor(f => Trimmed(f.HostCity)).Field("city"), Forum.MaxHostCity, L);
        Text(RuleFor(f => Trimmed(f.Venue)).Field("venue"), Forum.MaxVenue, L);
        RuleFor(f => f.TimeZone == null ? "" : f.TimeZone.Trim()).Field("timezone")
            .Must(zone => zone.Length > 0 && ForumClock.TryCreate(zone, out _))
            .WithMessage((_, zone) => L["“{0}” is not a time zone. Use a name such as Africa/Addis_Ababa, Europe/Paris or UTC.", ForumForm.Shorten(zone)]);
        RuleFor(f => f.FirstDay).Field("first").Must(d => ForumForm.ParseDay(d) is not null).WithMessage(_ => DayFormat(L));
        RuleFor(f => f.LastDay).Field("last").Must(d => ForumForm.ParseDay(d) is not null).WithMessage(_ => DayFormat(L))
            .Must((f, d) => ForumForm.ParseDay(f.FirstDay) is not { } first || ForumForm.ParseDay(d) is not { } last
                || (last >= first && last.DayNumber - first.DayNumber <= 30))
            .WithMessage(_ => L["The last day must be on or after the first day, and within 31 days of it."]);
        RuleFor(f => Trimmed(f.Description)).Field("description").AtMost(Forum.MaxDescription, L);
        RuleFor(f => f.Languages).Field("languages").Custom((_, context) =>
        {
            if (context.InstanceToValidate.ReadLanguages().Problem is { } problem)
            {
                context.AddFailure("languages", problem(L));
            }
        });
        RuleFor(f => f.FrameworkValues()).Field("frameworks")
            .Must(values => values is null || values.All(v => Features.Frameworks.FrameworkCatalogue.FromSlug(v) is not null))
            .WithMessage(_ => L["Choose frameworks from the list: gdc (Global Digital Compact), wsis (WSIS action lines)."]);
        RuleFor(f => f.Kind).Field("kind").Must(k => ForumForm.ParseKind(k) is not null)
            .WithMessage(_ => L["Choose a kind of forum from the list."]);
        RuleFor(f => Trimmed(f.Series)).Field("series").Must(s => string.IsNullOrEmpty(s) || Slugs.IsWellFormed(s, Forum.MaxSeries))
            .WithMessage(_ => L["Name the series in at most {0} lowercase letters, digits and dashes, such as igf or eurodig, or leave it empty.", Forum.MaxSeries]);
        RuleFor(f => f.TakeawaysDueMinutes).Field("takeaways-due").Must(m => string.IsNullOrWhiteSpace(m) || ForumForm.ParseMinutes(m) is not null)
            .WithMessage(_ => L["Enter the minutes from {0} to {1}, or leave it empty for {2}.", 15, 10_080, 120]);
        RuleFor(f => f.ReportDeadline).Field("report-deadline")
            .Must(d => ForumForm.ParseDay(d) is not null).WithMessage(_ => DayFormat(L))
            .Must((f, d) => ForumForm.ParseDay(f.LastDay) is not { } last || ForumForm.ParseDay(d) is not { } day
                || (day >= last && day.DayNumber - last.DayNumber <= 366))
            .WithMessage(_ => L["The report deadline must be on or after the last day, and within a year of it."])
            .When(f => !string.IsNullOrWhiteSpace(f.ReportDeadline));
    }

    private static string DayFormat(IStringLocalizer L) => L["Enter a day as YYYY-MM-DD, for example {0}.", "2026-06-23"];

    // Checked trimmed, as stored.
    private static string? Trimmed(string? text) => text?.Trim();

    // On one line, filled in, and short enough.
    private static void Text(IRuleBuilderInitial<ForumForm, string?> rule, int max, IStringLocalizer L) =>
        rule.Must(SingleLine.Holds).WithMessage(_ => SingleLine.Problem(L))
            .Must(text => !string.IsNullOrEmpty(text)).WithMessage(_ => L["Fill in this field."])
            .AtMost(max, L);
}
