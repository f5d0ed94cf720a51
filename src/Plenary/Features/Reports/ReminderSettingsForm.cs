using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reports;

/// <summary>How many hours before the report deadline the automatic reminder goes; empty for the default, 48.</summary>
public sealed class ReminderSettingsForm
{
    public string? ReminderHours { get; set; }

    /// <summary>The hours once the validator passed the form; null for the default.</summary>
    public int? Hours => string.IsNullOrWhiteSpace(ReminderHours) ? null : Parse(ReminderHours);

    internal static int? Parse(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is >= 1 and <= Reminders.MaxReportLeadHours ? h : null;
}

public sealed class ReminderSettingsFormValidator : AbstractValidator<ReminderSettingsForm>
{
    public ReminderSettingsFormValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(f => f.ReminderHours).Field("reminder-hours")
            .Must(text => string.IsNullOrWhiteSpace(text) || ReminderSettingsForm.Parse(text) is not null)
            .WithMessage(_ => L["Hours before the report deadline: enter a whole number from 1 to {0}, or leave it empty for 48.", Reminders.MaxReportLeadHours]);
}
