namespace Plenary.Features.People;

public sealed class Person
{
    public int Id { get; set; }

    /// <summary>"Ms.", "Prof.", "H.E.": as the person wants to be announced.</summary>
    public string? Honorific { get; set; }
    public required string Name { get; set; }

    /// <summary>Position, e.g. "Associate Professor" or "President of IPv6 Forum".</summary>
    public string? Title { get; set; }
    public string? Affiliation { get; set; }
    public StakeholderGroup? StakeholderGroup { get; set; }
    public RegionalGroup? RegionalGroup { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? CountryCode { get; set; }

    /// <summary>Self-described and optional: null means the person said nothing.</summary>
    public Gender? Gender { get; set; }

    /// <summary>IANA zone of an online speaker, for the timetable's night-hours rule; null falls back to a zone of the country.</summary>
    public string? TimeZoneId { get; set; }

    public string DisplayName => Honorific is null ? Name : $"{Honorific} {Name}";

    /// <summary>
    /// The line under a name on a session page. A title that already names the affiliation
    /// ("President of IPv6 Forum") is not followed by it a second time.
    /// </summary>
    public string? Billing => (Title, Affiliation) switch
    {
        (null or "", null or "") => null,
        (null or "", _) => Affiliation,
        (_, null or "") => Title,
        _ when Title!.Contains(Affiliation!, StringComparison.OrdinalIgnoreCase) => Title,
        _ => $"{Title}, {Affiliation}",
    };
}

public sealed class Organisation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public StakeholderGroup? StakeholderGroup { get; set; }
    public RegionalGroup? RegionalGroup { get; set; }
    public string? CountryCode { get; set; }
}

public enum StakeholderGroup
{
    Government,
    CivilSociety,
    PrivateSector,
    TechnicalCommunity,
    IntergovernmentalOrganization,
    Academia,
}

/// <summary>The UN's regional groups; intergovernmental bodies sit outside them.</summary>
public enum RegionalGroup
{
    AfricanGroup,
    AsiaPacificGroup,
    EasternEuropeanGroup,
    Grulac,
    Weog,
    IntergovernmentalOrganization,
}

public enum Gender
{
    Woman,
    Man,
    NonBinaryOrGenderDiverse,
    PrefersNotToSay,
}
