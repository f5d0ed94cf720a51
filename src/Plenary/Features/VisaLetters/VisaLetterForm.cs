using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Plenary.Features.People;
using Plenary.Kernel.Validation;

namespace Plenary.Features.VisaLetters;

/// <summary>What a registrant gives to ask for an invitation letter, at registration or later. Optional: nothing is asked unless <see cref="Wanted"/>.</summary>
public sealed class VisaLetterForm
{
    public bool Wanted { get; set; }
    public string? PassportName { get; set; }
    public string? Nationality { get; set; }
    public string? PassportNumber { get; set; }

    /// <summary>YYYY-MM-DD, as a date input sends it.</summary>
    public string? BirthDate { get; set; }
    public string? ConsulateCity { get; set; }
    public string? ConsulateCountry { get; set; }

    /// <summary>Passport numbers are typed with spaces or dashes as printed; the letter and the check use the letters and digits.</summary>
    public static string CleanNumber(string? number) => new string((number ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();

    public static DateOnly? ParseBirthDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public PassportDetails Passport() => new(PassportName!.Trim(), CleanNumber(PassportNumber), ParseBirthDate(BirthDate)!.Value);
}

public sealed class VisaLetterFormValidator : AbstractValidator<VisaLetterForm>
{
    public VisaLetterFormValidator(IStringLocalizer<SharedResource> L, TimeProvider clock)
    {
        When(f => f.Wanted, () =>
        {
            RuleFor(f => f.PassportName == null ? "" : f.PassportName.Trim()).Field("visa-name")
                .OnOneLine(L)
                .Must(n => n.Length is > 0 and <= VisaRequest.MaxName)
                .WithMessage(_ => L["Give your name exactly as it is written in your passport, at most {0} characters.", VisaRequest.MaxName]);
            RuleFor(f => f.Nationality).Field("visa-nationality").Must(Country)
                .WithMessage(_ => L["Choose the country that issued your passport from the list."]);
            RuleFor(f => VisaLetterForm.CleanNumber(f.PassportNumber)).Field("visa-number")
                .Must(n => n.Length is >= 5 and <= VisaRequest.MaxPassportNumber)
                .WithMessage(_ => L["Give your passport number as printed in it: 5 to {0} letters and digits.", VisaRequest.MaxPassportNumber]);
            RuleFor(f => f.BirthDate).Field("visa-birth")
                .Must(b => VisaLetterForm.ParseBirthDate(b) is { } day && day.Year >= 1900 && day < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                .WithMessage(_ => L["Give your date of birth as YYYY-MM-DD, for example {0}.", "1990-04-23"]);
            RuleFor(f => f.ConsulateCity == null ? "" : f.ConsulateCity.Trim()).Field("visa-city")
                .OnOneLine(L)
                .Must(c => c.Length is > 0 and <= VisaRequest.MaxCity)
                .WithMessage(_ => L["Name the city of the embassy or consulate where you apply for your visa, at most {0} characters.", VisaRequest.MaxCity]);
            RuleFor(f => f.ConsulateCountry).Field("visa-country").Must(Country)
                .WithMessage(_ => L["Choose the country of the embassy or consulate from the list."]);
        });
    }

    private static bool Country(string? code) => !string.IsNullOrWhiteSpace(code) && Countries.Codes.Contains(code.Trim().ToUpperInvariant());
}
