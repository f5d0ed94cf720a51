using System.Globalization;
using System.Text.Json;
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

    public CheckedTakeaways? CheckTakeaways(Dictionary<string, string> errors, IStringLocalizer L)
    {
        var takeaways = new List<string>();
        foreach (var (id, value) in new[] { ("takeaway1", Takeaway1), ("takeaway2", Takeaway2), ("takeaway3", Takeaway3) })
        {
            if (Text(value, id, MaxTakeaway, errors, L) is { } text)
            {
                takeaways.Add(text);
            }
        }
        if (takeaways.Count == 0 && !errors.ContainsKey("takeaway1"))
        {
            errors.TryAdd("takeaway1", L["Write at least one key takeaway before submitting."]);
        }
        var actions = new List<(string, CallToActionAddressee)>();
        foreach (var (id, value, who) in new[] { ("action1", Action1, Action1For), ("action2", Action2, Action2For) })
        {
            var text = Text(value, id, MaxTakeaway, errors, L);
            CallToActionAddressee? addressee = null;
            if (!string.IsNullOrWhiteSpace(who))
            {
                if (EnumValue.TryParse<CallToActionAddressee>(who.Trim(), out var chosen))
                {
                    addressee = chosen;
                }
                else
                {
                    errors.TryAdd(id + "-for", L["Choose who should act from the list."]);
                }
            }
            if (text is not null && addressee is null)
            {
                errors.TryAdd(id + "-for", L["Choose who should act on this call to action."]);
            }
            else if (text is not null && addressee is { } a)
            {
                actions.Add((text, a));
            }
        }
        return errors.Count > 0 ? null : new CheckedTakeaways(takeaways, actions);
    }

    public sealed record CheckedReport(string? KeyIssues, string? Presentations, string Discussion, string? WayForward, int? Onsite, int? Online,
        int? Participants, int? WomenPercent, int? WomenSpeakers, int? WomenModerators, bool? GenderTopic, string? GenderNarrative);

    /// <param name="speakers">Speakers listed for the session: no count of participants may be smaller.</param>
    /// <param name="moderators">Moderators listed for the session.</param>
    public CheckedReport? CheckReport(int speakers, int moderators, Dictionary<string, string> errors, IStringLocalizer L)
    {
        var keyIssues = Text(KeyIssues, "key-issues", MaxSection, errors, L);
        var presentations = Text(Presentations, "presentations", MaxPresentations, errors, L);
        var discussion = Text(Discussion, "discussion", MaxSection, errors, L);
        var wayForward = Text(WayForward, "way-forward", MaxSection, errors, L);
        if (keyIssues is null && !errors.ContainsKey("key-issues"))
        {
            errors.TryAdd("key-issues", L["Write the key issues raised before submitting the report."]);
        }
        if (discussion is null && !errors.ContainsKey("discussion"))
        {
            errors.TryAdd("discussion", L["Write a summary of the discussion before submitting the report."]);
        }
        var onsite = Count(Onsite, "onsite", MaxCount, errors, L);
        var online = Count(Online, "online", MaxCount, errors, L);
        if (onsite is { } a && online is { } b && a + b < speakers)
        {
            errors.TryAdd("onsite", L["The session lists {0} speakers: participants onsite and online together cannot be fewer.", speakers]);
        }
        var participants = Count(Participants, "participants", MaxCount, errors, L);
        if (participants < speakers)
        {
            errors.TryAdd("participants", L["The session lists {0} speakers: the number of participants cannot be smaller.", speakers]);
        }
        var percent = Count(WomenPercent, "women-percent", 100, errors, L, percent: true);
        var womenSpeakers = Count(WomenSpeakers, "women-speakers", MaxCount, errors, L);
        if (womenSpeakers > speakers && speakers > 0)
        {
            errors.TryAdd("women-speakers", L["The session lists {0} speakers: enter at most that many.", speakers]);
        }
        var womenModerators = Count(WomenModerators, "women-moderators", MaxCount, errors, L);
        if (womenModerators > moderators && moderators > 0)
        {
            errors.TryAdd("women-moderators", L["The session lists {0} moderators: enter at most that many.", moderators]);
        }
        bool? topic = GenderTopic?.Trim() switch
        {
            null or "" => null,
            "yes" => true,
            "no" => false,
            _ => Refuse(errors, "gender-topic", L["Choose yes or no."]),
        };
        var narrative = Text(GenderNarrative, "gender-narrative", MaxNarrative, errors, L);
        return errors.Count > 0 ? null
            : new CheckedReport(keyIssues, presentations, discussion!, wayForward, onsite, online, participants, percent, womenSpeakers, womenModerators, topic, narrative);
    }

    private static bool? Refuse(Dictionary<string, string> errors, string id, string message)
    {
        errors.TryAdd(id, message);
        return null;
    }

    private static string? Text(string? value, string id, int max, Dictionary<string, string> errors, IStringLocalizer L)
    {
        var text = value?.Trim().ReplaceLineEndings("\n");
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Length > max)
        {
            errors.TryAdd(id, L["This text has {0} characters: shorten it to at most {1}.", text.Length, max]);
            return null;
        }
        return text;
    }

    private static int? Count(string? value, string id, int max, Dictionary<string, string> errors, IStringLocalizer L, bool percent = false)
    {
        var text = value?.Trim().TrimEnd('%').Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            errors.TryAdd(id, L["“{0}” is not a whole number.", value!.Length > 20 ? value[..20] + "…" : value]);
            return null;
        }
        if (number < 0)
        {
            errors.TryAdd(id, L["A count cannot be negative."]);
            return null;
        }
        if (number > max)
        {
            errors.TryAdd(id, percent ? L["A share cannot be more than 100 %."] : L["Enter at most {0}.", max]);
            return null;
        }
        return number;
    }
}
