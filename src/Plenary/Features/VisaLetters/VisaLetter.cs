using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Registrations;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.VisaLetters;

public enum VisaRequestStatus
{
    Waiting,
    Approved,
    Refused,

    /// <summary>An issued letter the visa desk withdrew: its verification page says so, for a consulate that asks.</summary>
    Revoked,
}

/// <summary>
/// A registrant's request for a visa invitation letter, and the letter once issued. The passport fields are sealed
/// (<see cref="PassportSeal"/>): the database, its backups and its dumps hold them only encrypted, and only the visa
/// desk's pages open them. They are emptied a set time after the forum ends (<see cref="VisaRetention"/>); the row stays,
/// so the verification page still answers for the letter and the forum's figures still count the request.
/// </summary>
public sealed class VisaRequest
{
    public const int MaxName = 200;
    public const int MaxPassportNumber = 20;
    public const int MaxCity = 100;
    public const int MaxReason = 1_000;

    public int Id { get; set; }
    public int ForumId { get; set; }
    public int RegistrationId { get; set; }
    public int AccountId { get; set; }

    /// <summary>
    /// ISO country code of the passport, kept readable: the visa desk sorts and filters its queue by it, and alone it
    /// names nobody (the registration already records a country).
    /// </summary>
    public required string Nationality { get; set; }

    /// <summary>Where the registrant applies for the visa: the letter is addressed to that consulate.</summary>
    public required string ConsulateCity { get; set; }
    public required string ConsulateCountry { get; set; }

    /// <summary>Name as in the passport, passport number and date of birth, one sealed text; null once deleted.</summary>
    public string? SealedPassport { get; set; }

    public VisaRequestStatus Status { get; set; }
    public string? RefusalReason { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public int? DecidedBy { get; set; }

    /// <summary>The letter's reference, printed on it and in its verification link; set when it is issued.</summary>
    public string? LetterCode { get; set; }

    /// <summary>The language of the letter's second part (the reader's interface language when they asked).</summary>
    public required string Language { get; set; }
    public DateTime? PassportDeletedAt { get; set; }

    /// <summary>Sixteen characters from an alphabet without look-alikes: about 80 random bits, so codes cannot be guessed.</summary>
    public static string NewLetterCode()
    {
        var code = TypedCodes.New(16);
        return $"{code[..4]}-{code[4..8]}-{code[8..12]}-{code[12..]}";
    }
}

/// <summary>What the passport says, sealed together so that one decryption reads them and one purge deletes them.</summary>
public sealed record PassportDetails(string Name, string Number, DateOnly BirthDate)
{
    /// <summary>The last four characters of the number, all a verification page or a list needs to tell passports apart.</summary>
    public string NumberEnd => Number.Length <= 4 ? Number : Number[^4..];
}

/// <summary>A forum's letters: the letterhead they are printed on, who signs them, and how long passport data is kept.</summary>
public sealed class VisaLetterSettings
{
    public const int DefaultRetentionDays = 90;
    public const int MaxLetterhead = 1_000;
    public const int MaxSignatory = 200;

    public int ForumId { get; set; }

    /// <summary>The lines at the top of each letter: the organiser's name, address, telephone.</summary>
    public string? Letterhead { get; set; }
    public string? SignatoryName { get; set; }
    public string? SignatoryTitle { get; set; }

    /// <summary>Days after the forum's last day before the passport fields are deleted.</summary>
    public int RetentionDays { get; set; } = DefaultRetentionDays;

    public IEnumerable<string> LetterheadLines => (Letterhead ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}

public sealed class VisaRequestConfiguration : IEntityTypeConfiguration<VisaRequest>
{
    public void Configure(EntityTypeBuilder<VisaRequest> request)
    {
        request.ToTable("VisaRequests");
        request.Property(r => r.Nationality).HasMaxLength(2);
        request.Property(r => r.ConsulateCity).HasMaxLength(VisaRequest.MaxCity);
        request.Property(r => r.ConsulateCountry).HasMaxLength(2);
        request.Property(r => r.SealedPassport).HasMaxLength(4_000);
        request.Property(r => r.RefusalReason).HasMaxLength(VisaRequest.MaxReason);
        request.Property(r => r.LetterCode).HasMaxLength(19);
        request.Property(r => r.Language).HasMaxLength(20);
        request.HasIndex(r => r.RegistrationId).IsUnique();
        request.HasIndex(r => r.LetterCode).IsUnique();
        request.HasIndex(r => new { r.ForumId, r.Status, r.RequestedAt });
        request.HasOne<Forum>().WithMany().HasForeignKey(r => r.ForumId).OnDelete(DeleteBehavior.Cascade);
        request.HasOne<Registration>().WithMany().HasForeignKey(r => r.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        request.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VisaLetterSettingsConfiguration : IEntityTypeConfiguration<VisaLetterSettings>
{
    public void Configure(EntityTypeBuilder<VisaLetterSettings> settings)
    {
        settings.ToTable("VisaLetterSettings");
        settings.HasKey(s => s.ForumId);
        settings.Property(s => s.Letterhead).HasMaxLength(VisaLetterSettings.MaxLetterhead);
        settings.Property(s => s.SignatoryName).HasMaxLength(VisaLetterSettings.MaxSignatory);
        settings.Property(s => s.SignatoryTitle).HasMaxLength(VisaLetterSettings.MaxSignatory);
        settings.Ignore(s => s.LetterheadLines);
        settings.HasOne<Forum>().WithOne().HasForeignKey<VisaLetterSettings>(s => s.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}
