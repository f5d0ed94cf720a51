using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Plenary.Features.Sessions;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reports;

/// <summary>
/// Everything the report page holds, as typed: numbers stay text until checked, so a mistyped count comes back to the
/// writer as they wrote it. The same shape is the draft and the content of each version.
/// </summary>
public sealed class ReportForm
{
    public const int MaxTakeaway = 1_500;
    public const int MaxSection = SessionReport.MaxSection;
    public const int MaxPresentations = SessionReport.MaxPresentations;
    public const int MaxNarrative = 10_000;
    public const int MaxCount = 1_000_000;

    public string? Takeaway1 { get; set; }
    public string? Takeaway2 { get; set; }
    public string? Takeaway3 { get; set; }
    public string? Action1 { get; set; }
    public string? Action1For { get; set; }
    public string? Action2 { get; set; }
    public string? Action2For { get; set; }

    public string? KeyIssues { get; set; }
    public string? Presentations { get; set; }
    public string? Discussion { get; set; }
    public string? WayForward { get; set; }
    public string? Onsite { get; set; }
    public string? Online { get; set; }

    public string? Participants { get; set; }
    public string? WomenPercent { get; set; }
    public string? WomenSpeakers { get; set; }
    public string? WomenModerators { get; set; }

    /// <summary>"yes", "no" or empty.</summary>
    public string? GenderTopic { get; set; }
    public string? GenderNarrative { get; set; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportForm FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new();
        }
        try
        {
            return JsonSerializer.Deserialize<ReportForm>(json, Json) ?? new();
        }
        catch (JsonException)
        {
            return new();
        }
    }

    /// <summary>Only one part's fields, for a version of that part.</summary>
    public ReportForm Only(OutputPart part) => part == OutputPart.Takeaways
        ? new() { Takeaway1 = Takeaway1, Takeaway2 = Takeaway2, Takeaway3 = Takeaway3, Action1 = Action1, Action1For = Action1For, Action2 = Action2, Action2For = Action2For }
        : new()
        {
            KeyIssues = KeyIssues, Presentations = Presentations, Discussion = Discussion, WayForward = WayForward, Onsite = Onsite, Online = Online,
            Participants = Participants, WomenPercent = WomenPercent, WomenSpeakers = WomenSpeakers, WomenModerators = WomenModerators,
            GenderTopic = GenderTopic, GenderNarrative = GenderNarrative,
        };

    /// <summary>The published outputs, as the form shows them for an edit.</summary>
    public static ReportForm From(Session session)
    {
        var takeaways = session.Takeaways.Where(t => t.Kind == TakeawayKind.KeyTakeaway).OrderBy(t => t.Position).Select(t => t.Text).ToList();
        var actions = session.Takeaways.Where(t => t.Kind == TakeawayKind.CallToAction).OrderBy(t => t.Position).ToList();
        var report = session.Report;
        var gender = session.GenderReport;
        return new()
        {
            Takeaway1 = takeaways.ElementAtOrDefault(0), Takeaway2 = takeaways.ElementAtOrDefault(1), Takeaway3 = takeaways.ElementAtOrDefault(2),
            Action1 = actions.ElementAtOrDefault(0)?.Text, Action1For = actions.ElementAtOrDefault(0)?.Addressee?.ToString(),
            Action2 = actions.ElementAtOrDefault(1)?.Text, Action2For = actions.ElementAtOrDefault(1)?.Addressee?.ToString(),
            KeyIssues = report?.KeyIssues, Presentations = report?.Presentations, Discussion = report?.Body, WayForward = report?.WayForward,
            Onsite = Number(report?.OnsiteParticipants), Online = Number(report?.OnlineParticipants),
            Participants = Number(gender?.ParticipantCount), WomenPercent = Number(gender?.WomenAndGenderDiversePercent),
            WomenSpeakers = Number(gender?.WomenSpeakers), WomenModerators = Number(gender?.WomenModerators),
            GenderTopic = gender?.GenderWasTopic switch { true => "yes", false => "no", null => null }, GenderNarrative = gender?.Narrative,
        };
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>Length of everything typed: a draft beyond what any report needs is refused.</summary>
    public int TotalLength() => ToJson().Length;

    public sealed record CheckedTakeaways(List<string> Takeaways, List<(string Text, CallToActionAddressee Addressee)> Actions);

    /// <summary>The takeaways and calls to action once the form's validator passed them.</summary>
    public CheckedTakeaways ReadTakeaways() => new(
        new[] { Takeaway1, Takeaway2, Takeaway3 }.Select(Clean).OfType<string>().ToList(),
        new[] { (Action1, Action1For), (Action2, Action2For) }.Where(a => Clean(a.Item1) is not null)
            .Select(a => (Clean(a.Item1)!, EnumValue.Parse<CallToActionAddressee>(a.Item2!.Trim())!.Value)).ToList());

    public sealed record CheckedReport(string? KeyIssues, string? Presentations, string Discussion, string? WayForward, int? Onsite, int? Online,
        int? Participants, int? WomenPercent, int? WomenSpeakers, int? WomenModerators, bool? GenderTopic, string? GenderNarrative);

    /// <summary>The report and gender report once the form's validator passed them.</summary>
    public CheckedReport ReadReport() => new(Clean(KeyIssues), Clean(Presentations), Clean(Discussion)!, Clean(WayForward),
        CountOf(Onsite, MaxCount), CountOf(Online, MaxCount), CountOf(Participants, MaxCount), CountOf(WomenPercent, 100),
        CountOf(WomenSpeakers, MaxCount), CountOf(WomenModerators, MaxCount), Topic(GenderTopic), Clean(GenderNarrative));

    /// <summary>The part submitted, and the speakers and moderators listed for the session: no count of participants may be smaller.</summary>
    public sealed record In(OutputPart Part, int Speakers, int Moderators);

    /// <summary>Text as kept: trimmed, one kind of line ending; null when nothing is written.</summary>
    internal static string? Clean(string? value) => value?.Trim().ReplaceLineEndings("\n") is { Length: > 0 } text ? text : null;

    /// <summary>A count as typed (a share may end in %), without its sign; null when empty.</summary>
    internal static string? CountText(string? value) => value?.Trim().TrimEnd('%').Trim() is { Length: > 0 } text ? text : null;

    internal static int? Whole(string? value) =>
        int.TryParse(CountText(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The count when it is one from 0 to <paramref name="max"/>; null when empty or wrong.</summary>
    internal static int? CountOf(string? value, int max) => Whole(value) is { } n && n >= 0 && n <= max ? n : null;

    internal static bool? Topic(string? value) => value?.Trim() switch { "yes" => true, "no" => false, _ => null };
}

public sealed class ReportFormValidator : AbstractValidator<ReportForm>
{
    public ReportFormValidator(IStringLocalizer<SharedResource> L)
    {
        When((_, context) => context.Scope<ReportForm.In>().Part == OutputPart.Takeaways, () =>
        {
            Text(RuleFor(f => f.Takeaway1).Field("takeaway1"), ReportForm.MaxTakeaway, L)
                .Must((f, _) => new[] { f.Takeaway1, f.Takeaway2, f.Takeaway3 }.Any(t => ReportForm.Clean(t) is { Length: <= ReportForm.MaxTakeaway }))
                .WithMessage(_ => L["Write at least one key takeaway before submitting."]);
            Text(RuleFor(f => f.Takeaway2).Field("takeaway2"), ReportForm.MaxTakeaway, L);
            Text(RuleFor(f => f.Takeaway3).Field("takeaway3"), ReportForm.MaxTakeaway, L);
            Action(RuleFor(f => f.Action1).Field("action1"), RuleFor(f => f.Action1For).Field("action1-for"), f => f.Action1, L);
            Action(RuleFor(f => f.Action2).Field("action2"), RuleFor(f => f.Action2For).Field("action2-for"), f => f.Action2, L);
        }).Otherwise(() =>
        {
            Text(RuleFor(f => f.KeyIssues).Field("key-issues"), ReportForm.MaxSection, L)
                .Must(text => ReportForm.Clean(text) is not null).WithMessage(_ => L["Write the key issues raised before submitting the report."]);
            Text(RuleFor(f => f.Presentations).Field("presentations"), ReportForm.MaxPresentations, L);
            Text(RuleFor(f => f.Discussion).Field("discussion"), ReportForm.MaxSection, L)
                .Must(text => ReportForm.Clean(text) is not null).WithMessage(_ => L["Write a summary of the discussion before submitting the report."]);
            Text(RuleFor(f => f.WayForward).Field("way-forward"), ReportForm.MaxSection, L);
            Count(RuleFor(f => f.Onsite).Field("onsite"), ReportForm.MaxCount, L)
                .Must((f, onsite, context) => !(ReportForm.CountOf(onsite, ReportForm.MaxCount) is { } a && ReportForm.CountOf(f.Online, ReportForm.MaxCount) is { } b
                    && a + b < Listed(context, "Speakers")))
                .WithMessage(_ => L["The session lists {0} speakers: participants onsite and online together cannot be fewer.", "{Speakers}"]);
            Count(RuleFor(f => f.Online).Field("online"), ReportForm.MaxCount, L);
            Count(RuleFor(f => f.Participants).Field("participants"), ReportForm.MaxCount, L)
                .Must((_, participants, context) => !(ReportForm.CountOf(participants, ReportForm.MaxCount) < Listed(context, "Speakers")))
                .WithMessage(_ => L["The session lists {0} speakers: the number of participants cannot be smaller.", "{Speakers}"]);
            Count(RuleFor(f => f.WomenPercent).Field("women-percent"), 100, L, percent: true);
            Count(RuleFor(f => f.WomenSpeakers).Field("women-speakers"), ReportForm.MaxCount, L)
                .Must((_, women, context) => Listed(context, "Speakers") is var speakers
                    && !(ReportForm.CountOf(women, ReportForm.MaxCount) > speakers && speakers > 0))
                .WithMessage(_ => L["The session lists {0} speakers: enter at most that many.", "{Speakers}"]);
            Count(RuleFor(f => f.WomenModerators).Field("women-moderators"), ReportForm.MaxCount, L)
                .Must((_, women, context) => Listed(context, "Moderators") is var moderators
                    && !(ReportForm.CountOf(women, ReportForm.MaxCount) > moderators && moderators > 0))
                .WithMessage(_ => L["The session lists {0} moderators: enter at most that many.", "{Moderators}"]);
            RuleFor(f => f.GenderTopic).Field("gender-topic").Must(t => string.IsNullOrEmpty(t?.Trim()) || ReportForm.Topic(t) is not null)
                .WithMessage(_ => L["Choose yes or no."]);
            Text(RuleFor(f => f.GenderNarrative).Field("gender-narrative"), ReportForm.MaxNarrative, L);
        });
    }

    // The session's own figures are in the rule's scope, not the form: they reach the message ({Speakers}) through the formatter.
    private static int Listed(ValidationContext<ReportForm> context, string kind)
    {
        var scope = context.Scope<ReportForm.In>();
        var listed = kind == "Speakers" ? scope.Speakers : scope.Moderators;
        context.MessageFormatter.AppendArgument(kind, listed);
        return listed;
    }

    private static IRuleBuilderOptions<ReportForm, string?> Text(IRuleBuilderInitial<ReportForm, string?> rule, int max, IStringLocalizer L) =>
        rule.Must(text => ReportForm.Clean(text) is not { } t || t.Length <= max)
            .WithMessage((_, text) => L["This text has {0} characters: shorten it to at most {1}.", ReportForm.Clean(text)!.Length, max]);

    private static IRuleBuilderOptions<ReportForm, string?> Count(IRuleBuilderInitial<ReportForm, string?> rule, int max, IStringLocalizer L, bool percent = false) =>
        rule.Must(value => ReportForm.CountText(value) is null || ReportForm.Whole(value) is not null)
            .WithMessage((_, value) => L["“{0}” is not a whole number.", value!.Length > 20 ? value[..20] + "…" : value])
            .Must(value => !(ReportForm.Whole(value) < 0)).WithMessage(_ => L["A count cannot be negative."])
            .Must(value => !(ReportForm.Whole(value) > max)).WithMessage(_ => percent ? L["A share cannot be more than 100 %."] : L["Enter at most {0}.", max]);

    private static void Action(IRuleBuilderInitial<ReportForm, string?> text, IRuleBuilderInitial<ReportForm, string?> who, Func<ReportForm, string?> of, IStringLocalizer L)
    {
        Text(text, ReportForm.MaxTakeaway, L);
        who.Must(w => string.IsNullOrWhiteSpace(w) || EnumValue.TryParse<CallToActionAddressee>(w.Trim(), out _))
            .WithMessage(_ => L["Choose who should act from the list."])
            .Must((f, w) => ReportForm.Clean(of(f)) is not { Length: <= ReportForm.MaxTakeaway } || !string.IsNullOrWhiteSpace(w))
            .WithMessage(_ => L["Choose who should act on this call to action."]);
    }
}
