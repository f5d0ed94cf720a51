using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Plenary.Features.People;

public sealed class Person
{
    public const int MaxHonorific = 20;
    public const int MaxName = 200;
    public const int MaxTitle = 300;
    public const int MaxAffiliation = 300;

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
    public string? Billing => BillingOf(Title, Affiliation);

    /// <summary>The line under a name from a title and an affiliation: the person's current ones, or a session's own.</summary>
    public static string? BillingOf(string? title, string? affiliation) => (title, affiliation) switch
    {
        (null or "", null or "") => null,
        (null or "", _) => affiliation,
        (_, null or "") => title,
        _ when title!.Contains(affiliation!, StringComparison.OrdinalIgnoreCase) => title,
        _ => $"{title}, {affiliation}",
    };
}

public sealed class Organisation
{
    public const int MaxName = 300;

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

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("People");
        person.Property(p => p.Honorific).HasMaxLength(Person.MaxHonorific);
        person.Property(p => p.Name).HasMaxLength(Person.MaxName);
        person.Property(p => p.Title).HasMaxLength(Person.MaxTitle);
        person.Property(p => p.Affiliation).HasMaxLength(Person.MaxAffiliation);
        person.Property(p => p.CountryCode).HasMaxLength(2);
        person.Property(p => p.TimeZoneId).HasMaxLength(64);
        person.Ignore(p => p.DisplayName);
        person.Ignore(p => p.Billing);
    }
}

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.ToTable("Organisations");
        organisation.Property(o => o.Name).HasMaxLength(Organisation.MaxName);
        organisation.Property(o => o.CountryCode).HasMaxLength(2);
        organisation.HasIndex(o => o.Name).IsUnique();
    }
}
