using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Proposals;

/// <summary>
/// The call's settings as the Secretariat's form sends them: the session types ticked, when it opens and closes (a day and
/// a time in the forum's zone), and the counts of the screening rules, each empty to switch its rule off.
/// </summary>
public sealed class CallForm
{
    public const int MaxMinSpeakers = 20;
    public const int MaxProposalsPerSpeaker = 50;

    public List<string> Types { get; set; } = [];
    public string? OpensDay { get; set; }
    public string? OpensTime { get; set; }
    public string? ClosesDay { get; set; }
    public string? ClosesTime { get; set; }
    public string? MinConfirmedSpeakers { get; set; }
    public string? MinOnsiteSpeakers { get; set; }
    public string? MaxPerSpeaker { get; set; }

    /// <summary>The types ticked, once each, as the page shows them again.</summary>
    public List<string> TickedTypes => Types.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The settings once the form's validator passed them, the types spelled as the forum does.</summary>
    public sealed record Checked(List<string> Types, DateTime OpensAt, DateTime ClosesAt, int? MinConfirmedSpeakers, int? MinOnsiteSpeakers, int? MaxProposalsPerSpeaker);

    public Checked Read(Forum forum)
    {
        var zone = ForumClock.For(forum.TimeZoneId);
        return new(TickedTypes.Select(t => forum.SessionTypes.First(s => string.Equals(s.Code, t, StringComparison.OrdinalIgnoreCase)).Code).ToList(),
            Instant(zone, OpensDay, OpensTime)!.Value, Instant(zone, ClosesDay, ClosesTime)!.Value,
            Count(MinConfirmedSpeakers, MaxMinSpeakers).Value, Count(MinOnsiteSpeakers, MaxMinSpeakers).Value, Count(MaxPerSpeaker, MaxProposalsPerSpeaker).Value);
    }

    internal static DateTime? Instant(ForumClock zone, string? day, string? time) =>
        DateOnly.TryParseExact(day?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
        && TimeOnly.TryParseExact(time?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? zone.ToUtc(d, t) : null;

    /// <summary>An empty field switches the rule off (no value, but fine).</summary>
    internal static (bool Ok, int? Value) Count(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (true, null);
        }
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max ? (true, n) : (false, null);
    }
}

/// <summary>Checks a call's form against its forum (its session types and time zone), handed as the validation scope.</summary>
public sealed class CallFormValidator : AbstractValidator<CallForm>
{
    public CallFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.TickedTypes).Field("types").Custom((types, context) =>
        {
            var forum = context.Scope<Forum>();
            if (types.Count == 0)
            {
                context.AddFailure("types", L["Tick at least one session type the call accepts."]);
            }
            else if (types.FirstOrDefault(t => forum.SessionTypes.All(s => !string.Equals(s.Code, t, StringComparison.OrdinalIgnoreCase))) is { } unknown)
            {
                context.AddFailure("types", L["“{0}” is not a session type of this forum. Choose from the list.", unknown.Length > 20 ? unknown[..20] : unknown]);
            }
        });
        RuleFor(f => f).Custom((f, context) =>
        {
            // A moment typed in the hour the clocks skip or repeat names no moment, or two: refused as the session form does.
            var zone = ForumClock.For(context.Scope<Forum>().TimeZoneId);
            foreach (var (field, day, time) in new[] { ("opens", f.OpensDay, f.OpensTime), ("closes", f.ClosesDay, f.ClosesTime) })
            {
                if (DateOnly.TryParseExact(day?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    && TimeOnly.TryParseExact(time?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                    && zone.Unclear(d, t, L) is { } unclear)
                {
                    context.AddFailure(field, unclear);
                }
            }
        });
        RuleFor(f => f.OpensDay).Field("opens").Must((f, _, context) => Opens(f, context) is not null)
            .WithMessage(_ => L["Enter when the call opens: a date and a time."]);
        RuleFor(f => f.ClosesDay).Field("closes").Must((f, _, context) => Closes(f, context) is not null)
            .WithMessage(_ => L["Enter when the call closes: a date and a time."])
            .Must((f, _, context) => Opens(f, context) is not { } opens || Closes(f, context) > opens)
            .WithMessage(_ => L["The call must close after it opens."]);
        Count(RuleFor(f => f.MinConfirmedSpeakers).Field("minconfirmed"), CallForm.MaxMinSpeakers, L);
        Count(RuleFor(f => f.MinOnsiteSpeakers).Field("minonsite"), CallForm.MaxMinSpeakers, L);
        Count(RuleFor(f => f.MaxPerSpeaker).Field("maxperspeaker"), CallForm.MaxProposalsPerSpeaker, L);
    }

    private static DateTime? Opens(CallForm form, ValidationContext<CallForm> context) =>
        CallForm.Instant(ForumClock.For(context.Scope<Forum>().TimeZoneId), form.OpensDay, form.OpensTime);

    private static DateTime? Closes(CallForm form, ValidationContext<CallForm> context) =>
        CallForm.Instant(ForumClock.For(context.Scope<Forum>().TimeZoneId), form.ClosesDay, form.ClosesTime);

    private static void Count(IRuleBuilderInitial<CallForm, string?> rule, int max, IStringLocalizer L) =>
        rule.Must(text => CallForm.Count(text, max).Ok).WithMessage(_ => L["Enter a number from 1 to {0}, or leave the field empty to switch the rule off.", max]);
}
