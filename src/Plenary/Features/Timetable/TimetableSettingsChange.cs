using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Timetable;

/// <summary>The forum's time grid and the rules' severities as the settings page posts them, times as HH:MM.</summary>
public sealed class TimetableSettingsForm
{
    public string? DayStart { get; set; }
    public string? DayEnd { get; set; }
    public string? Slot { get; set; }

    /// <summary>Breaks as HH:MM-HH:MM, separated by commas.</summary>
    public string? Breaks { get; set; }

    /// <summary>Each rule's severity by the rule's name.</summary>
    public IReadOnlyDictionary<string, string> Severities { get; set; } = new Dictionary<string, string>();

    /// <summary>Minutes since midnight of a time written HH:MM (24:00 is the end of the day); null otherwise.</summary>
    public static int? Minutes(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.Hour * 60 + time.Minute
        : text?.Trim() == "24:00" ? 24 * 60 : null;

    public static int? SlotMinutes(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var slot) && slot is >= 5 and <= 240 ? slot : null;

    /// <summary>The breaks written, up to the first that is not one; with that one, if any.</summary>
    public (List<Window> Breaks, string? Wrong) ReadBreaks()
    {
        var breaks = new List<Window>();
        foreach (var part in (Breaks ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || Minutes(ends[0]) is not { } from || Minutes(ends[1]) is not { } to || to <= from)
            {
                return (breaks, part);
            }
            breaks.Add(new Window(from, to));
        }
        return (breaks, null);
    }

    public Severity? SeverityOf(TimetableRule rule) =>
        Severities.TryGetValue(rule.ToString(), out var text) && EnumValue.TryParse<Severity>(text, out var severity) ? severity : null;
}

public sealed class TimetableSettingsFormValidator : AbstractValidator<TimetableSettingsForm>
{
    public TimetableSettingsFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.DayStart).Field("daystart").Must(t => TimetableSettingsForm.Minutes(t) is not null)
            .WithMessage(_ => L["Enter the start of the day as HH:MM, for example 09:00."]);
        RuleFor(f => f.DayEnd).Field("dayend").Must(t => TimetableSettingsForm.Minutes(t) is not null)
            .WithMessage(_ => L["Enter the end of the day as HH:MM, for example 19:00."])
            .Must((f, t) => TimetableSettingsForm.Minutes(f.DayStart) is not { } start || TimetableSettingsForm.Minutes(t) > start)
            .WithMessage(_ => L["The day must end after it starts."]);
        RuleFor(f => f.Slot).Field("slot").Must(s => TimetableSettingsForm.SlotMinutes(s) is not null)
            .WithMessage(_ => L["Enter the slot length in minutes, from {0} to {1}.", 5, 240]);
        RuleFor(f => f.Breaks).Field("breaks").Must((f, _) => f.ReadBreaks().Wrong is null)
            .WithMessage((f, _) => f.ReadBreaks().Wrong is var part && part!.Length > 20 ? Break(L, part[..20]) : Break(L, part!));
        foreach (var rule in Enum.GetValues<TimetableRule>())
        {
            RuleFor(f => f.SeverityOf(rule)).Field($"severity-{rule}").NotNull()
                .WithMessage(_ => L["Choose block, warn or ignore for “{0}”.", TimetableRules.Name(L, rule)]);
        }
    }

    private static string Break(IStringLocalizer L, string part) =>
        L["“{0}” is not a break. Write breaks as HH:MM-HH:MM separated by commas, for example 12:30-14:00.", part];
}

/// <summary>Saves the forum's time grid and severities, audited; the page holds no rule of its own.</summary>
public sealed class TimetableSettingsChange(PlenaryDb db, IValidator<TimetableSettingsForm> validator, TimeProvider clock)
{
    public async Task<ChangeResult<TimetableSettings>> SaveAsync(Forum forum, TimetableSettingsForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (await validator.RefusalAsync(form, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var settings = await db.TimetableSettings.AsTracking().Include(t => t.Breaks).Include(t => t.Severities).AsSplitQuery().FirstOrDefaultAsync(t => t.ForumId == forum.Id, cancel);
        var before = settings is null ? null : Audited(settings);
        if (settings is null)
        {
            settings = new TimetableSettings { ForumId = forum.Id };
            db.TimetableSettings.Add(settings);
        }
        (settings.DayStartMinutes, settings.DayEndMinutes, settings.SlotMinutes) =
            (TimetableSettingsForm.Minutes(form.DayStart)!.Value, TimetableSettingsForm.Minutes(form.DayEnd)!.Value, TimetableSettingsForm.SlotMinutes(form.Slot)!.Value);
        settings.Breaks.Clear();
        settings.Breaks.AddRange(form.ReadBreaks().Breaks.Select(w => new TimetableBreak { ForumId = forum.Id, StartMinutes = w.Start, EndMinutes = w.End }));
        foreach (var rule in Enum.GetValues<TimetableRule>())
        {
            var severity = form.SeverityOf(rule)!.Value;
            if (settings.Severities.FirstOrDefault(s => s.Rule == rule) is { } row)
            {
                row.Severity = severity;
            }
            else
            {
                settings.Severities.Add(new RuleSeverity { ForumId = forum.Id, Rule = rule, Severity = severity });
            }
        }
        db.Record(user, clock, forum.Id, "timetable.settings", forum.Slug, before, Audited(settings));
        await db.SaveChangesAsync(cancel);
        return ChangeResult<TimetableSettings>.Done(settings);
    }

    private static object Audited(TimetableSettings s) => new
    {
        s.DayStartMinutes, s.DayEndMinutes, s.SlotMinutes,
        Breaks = s.Breaks.Select(b => $"{b.StartMinutes}-{b.EndMinutes}").ToList(),
        Severities = s.Severities.OrderBy(r => r.Rule).ToDictionary(r => r.Rule.ToString(), r => r.Severity.ToString()),
    };
}
