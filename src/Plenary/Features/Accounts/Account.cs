using Microsoft.AspNetCore.Identity;
using Plenary.Features.People;

namespace Plenary.Features.Accounts;

/// <summary>
/// A person's sign-in. The public profile (name, affiliation, groups, country, gender) is the <see cref="Person"/>
/// it owns, so the same record serves session pages and prefills every later form.
/// </summary>
public sealed class Account : IdentityUser<int>
{
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;

    /// <summary>Interface and e-mail language: one of the cultures the interface is complete in.</summary>
    public string PreferredLanguage { get; set; } = "en";

    /// <summary>IANA zone for showing times; null means the forum's own.</summary>
    public string? TimeZoneId { get; set; }

    /// <summary>Creates forums and appoints their Secretariats.</summary>
    public bool IsAdministrator { get; set; }

    public DateTime CreatedAt { get; set; }
}
