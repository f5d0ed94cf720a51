using FluentValidation;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.People;

/// <summary>
/// How a person is shown on session pages, as a form sends it: from their own profile, the Secretariat's person page
/// or the API. The groups arrive as text so a wrong one is named rather than read as "not stated".
/// </summary>
public sealed class PersonForm
{
    public const int MaxName = Person.MaxName;

    public string? Name { get; set; }
    public string? Honorific { get; set; }
    public string? Title { get; set; }
    public string? Affiliation { get; set; }
    public string? StakeholderGroup { get; set; }
    public string? RegionalGroup { get; set; }
    public string? Country { get; set; }

    /// <summary>The form, checked and ready to write into a person.</summary>
    public sealed record Checked(string Name, string? Honorific, string? Title, string? Affiliation, StakeholderGroup? StakeholderGroup,
        RegionalGroup? RegionalGroup, string? Country)
    {
        public void ApplyTo(Person person)
        {
            (person.Name, person.Honorific, person.Title, person.Affiliation) = (Name, Honorific, Title, Affiliation);
            (person.StakeholderGroup, person.RegionalGroup, person.CountryCode) = (StakeholderGroup, RegionalGroup, Country);
        }
    }

    /// <summary>Trims the form in place, so a page shows again what was checked.</summary>
    public PersonForm Trimmed()
    {
        Name = Name?.Trim();
        Country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant();
        return this;
    }

    /// <summary>The form once its validator passed it, ready to write into a person.</summary>
    public Checked Read() => new(Name!, Blank(Honorific), Blank(Title), Blank(Affiliation), Parse<StakeholderGroup>(StakeholderGroup).Value,
        Parse<RegionalGroup>(RegionalGroup).Value, Country);

    /// <summary>The message for a missing or long name, worded for whoever fills the form in (your name, or the person's).</summary>
    public sealed record In(string NameMessage);

    /// <summary>Empty is "not stated"; anything else must be one of ours by name.</summary>
    public static (bool Ok, T? Value) Parse<T>(string? text) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (true, null);
        }
        return EnumValue.TryParse<T>(text, out var value) ? (true, value) : (false, null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed class PersonFormValidator : AbstractValidator<PersonForm>
{
    public PersonFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Name ?? "").Field("name")
            .OnOneLine(L)
            .Must((_, name, context) =>
            {
                context.MessageFormatter.AppendArgument(nameof(PersonForm.In.NameMessage), context.Scope<PersonForm.In>().NameMessage);
                return !string.IsNullOrWhiteSpace(name) && name.Length <= PersonForm.MaxName;
            })
            .WithMessage("{NameMessage}");
        Shorter(RuleFor(f => f.Honorific).Field("honorific"), Person.MaxHonorific, L);
        Shorter(RuleFor(f => f.Title).Field("title"), Person.MaxTitle, L);
        Shorter(RuleFor(f => f.Affiliation).Field("affiliation"), Person.MaxAffiliation, L);
        RuleFor(f => f.Country).Field("country").Must(c => c is null || Countries.Codes.Contains(c)).WithMessage(_ => L["Choose a country from the list."]);
        RuleFor(f => f.StakeholderGroup).Field("stakeholder").Must(g => PersonForm.Parse<StakeholderGroup>(g).Ok).WithMessage(_ => L["Choose from the list."]);
        RuleFor(f => f.RegionalGroup).Field("region").Must(g => PersonForm.Parse<RegionalGroup>(g).Ok).WithMessage(_ => L["Choose from the list."]);
    }

    // On one line once trimmed (a trailing line break from a paste is dropped on saving), then short enough as sent.
    private static void Shorter(IRuleBuilder<PersonForm, string?> rule, int max, IStringLocalizer L) =>
        rule.Must(text => SingleLine.Holds(text?.Trim())).WithMessage(_ => SingleLine.Problem(L))
            .AtMost(max, L);
}
