using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Registrations;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Certificates;

/// <summary>Where an online presence was seen: Plenary's own pages, or the meeting platform's report the Secretariat uploaded.</summary>
public enum PresenceSource
{
    LivePage,
    JoinLink,
    PlatformReport,
}

/// <summary>
/// A registrant seen following one session online (or from a remote hub). Check-ins say who came to the venue; nothing
/// else said who followed online, and the certificate of attendance needs both. One row per registration and session:
/// the first sighting is what counts.
/// </summary>
public sealed class OnlinePresence
{
    public long Id { get; set; }
    public int ForumId { get; set; }
    public int RegistrationId { get; set; }
    public int SessionId { get; set; }
    public DateTime SeenAt { get; set; }
    public PresenceSource Source { get; set; }
}

/// <summary>
/// A certificate of attendance, issued once per registration: automatically when the participant first asks for it and
/// their attendance is on record, or by the Secretariat by hand. The code is what the verification link and QR code carry.
/// </summary>
public sealed class Certificate
{
    public const int MaxText = 500;
    public const int CodeLength = 26;

    public int Id { get; set; }
    public int ForumId { get; set; }
    public int RegistrationId { get; set; }

    /// <summary>26 characters of Crockford's base 32: 130 random bits, so codes cannot be guessed or walked through.</summary>
    public required string Code { get; set; }

    /// <summary>The name as printed, kept so that the verification page confirms what the paper says even after a profile changes.</summary>
    public required string Name { get; set; }
    public DateTime IssuedAt { get; set; }

    /// <summary>The Secretariat member who issued it by hand; null when issued on the participant's own request.</summary>
    public int? IssuedBy { get; set; }

    /// <summary>Why it was issued by hand (for example, presence not captured); shown to the Secretariat only.</summary>
    public string? Note { get; set; }
    public DateTime? RevokedAt { get; set; }
    public int? RevokedBy { get; set; }
    public string? RevokedReason { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    public static string NewCode() => TypedCodes.New(CodeLength, "0123456789ABCDEFGHJKMNPQRSTVWXYZ");

    /// <summary>A code as typed or scanned, in the stored form; null when it cannot be one (so the database is not asked).</summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 60)
        {
            return null;
        }
        var clean = new string(code.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        return clean.Length == CodeLength ? clean : null;
    }
}

public sealed class OnlinePresenceConfiguration : IEntityTypeConfiguration<OnlinePresence>
{
    public void Configure(EntityTypeBuilder<OnlinePresence> presence)
    {
        presence.ToTable("OnlinePresences");
        presence.HasIndex(p => new { p.RegistrationId, p.SessionId }).IsUnique();
        presence.HasIndex(p => new { p.ForumId, p.SessionId });
        presence.HasOne<Forum>().WithMany().HasForeignKey(p => p.ForumId).OnDelete(DeleteBehavior.Cascade);
        presence.HasOne<Registration>().WithMany().HasForeignKey(p => p.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        presence.HasOne<Session>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> certificate)
    {
        certificate.ToTable("Certificates");
        certificate.Property(c => c.Code).HasMaxLength(Certificate.CodeLength);
        certificate.Property(c => c.Name).HasMaxLength(300);
        certificate.Property(c => c.Note).HasMaxLength(Certificate.MaxText);
        certificate.Property(c => c.RevokedReason).HasMaxLength(Certificate.MaxText);
        certificate.Ignore(c => c.IsRevoked);
        certificate.HasIndex(c => c.Code).IsUnique();
        certificate.HasIndex(c => c.RegistrationId).IsUnique();
        certificate.HasIndex(c => new { c.ForumId, c.IssuedAt });
        certificate.HasOne<Forum>().WithMany().HasForeignKey(c => c.ForumId).OnDelete(DeleteBehavior.Cascade);
        certificate.HasOne<Registration>().WithMany().HasForeignKey(c => c.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        certificate.HasOne<Account>().WithMany().HasForeignKey(c => c.IssuedBy).OnDelete(DeleteBehavior.SetNull);
        certificate.HasOne<Account>().WithMany().HasForeignKey(c => c.RevokedBy).OnDelete(DeleteBehavior.SetNull);
    }
}
