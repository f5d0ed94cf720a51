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

    /// <summary>
    /// Null, with each problem added to <paramref name="errors"/> under its field's id, when something is wrong.
    /// Trims the form in place, so a page shows again what was checked. <paramref name="nameMessage"/> is worded for
    /// whoever fills the form in (your name, or the person's).
    /// </summary>
    public Checked? Check(Dictionary<string, string> errors, IStringLocalizer L, string nameMessage)
    {
        Name = Name?.Trim();
        Country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant();
        SingleLine.Check(errors, L, ("name", Name), ("honorific", Honorific?.Trim()), ("title", Title?.Trim()), ("affiliation", Affiliation?.Trim()));
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxName)
        {
            errors.TryAdd("name", nameMessage);
        }
        foreach (var (field, value, max) in new[] { ("honorific", Honorific, Person.MaxHonorific), ("title", Title, Person.MaxTitle), ("affiliation", Affiliation, Person.MaxAffiliation) })
        {
            if (value?.Length > max)
            {
                errors.TryAdd(field, L["Shorten this to at most {0} characters.", max]);
            }
        }
        if (Country is not null && !Countries.Codes.Contains(Country))
        {
            errors.TryAdd("country", L["Choose a country from the list."]);
        }
        var (stakeholderOk, stakeholder) = Parse<StakeholderGroup>(StakeholderGroup);
        var (regionOk, region) = Parse<RegionalGroup>(RegionalGroup);
        if (!stakeholderOk)
        {
            errors.TryAdd("stakeholder", L["Choose from the list."]);
        }
        if (!regionOk)
        {
            errors.TryAdd("region", L["Choose from the list."]);
        }
        return errors.Count > 0 ? null : new Checked(Name!, Blank(Honorific), Blank(Title), Blank(Affiliation), stakeholder, region, Country);
    }

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
