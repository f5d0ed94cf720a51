using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.People;

namespace Plenary.Features.Accounts;

/// <summary>
/// A person's sign-in. The public profile (name, affiliation, groups, country, gender) is the <see cref="Person"/>
/// it owns, so the same record serves session pages and prefills every later form.
/// </summary>
public sealed class Account : IdentityUser<int>
{
    public const int MaxLanguage = 10;
    public const int MaxTimeZoneId = 64;

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

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account)
    {
        account.ToTable("Accounts");
        account.Property(a => a.PreferredLanguage).HasMaxLength(Account.MaxLanguage);
        account.Property(a => a.TimeZoneId).HasMaxLength(Account.MaxTimeZoneId);
        account.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        account.HasIndex(a => a.PersonId).IsUnique();
    }
}
