using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Registrations;

/// <summary>How a registered participant takes part.</summary>
public enum AttendanceMode
{
    Onsite,
    Online,

    /// <summary>A group following together from one place (a university, a community centre), counted by headcount.</summary>
    RemoteHub,
}

public enum RegistrationStatus
{
    /// <summary>Waiting for the Secretariat, when the forum approves registrations (as UN meetings require).</summary>
    Pending,
    Approved,
    Declined,
}

/// <summary>
/// One person's registration for one forum. The answers are kept as given for this forum (a profile changes; the
/// forum's figures must not), and gender, optional and self-described, is only ever counted.
/// </summary>
public sealed class Registration
{
    public const int MaxHubName = 200;
    public const int MaxText = 1_000;

    public int Id { get; set; }
    public int ForumId { get; set; }
    public int AccountId { get; set; }
    public int PersonId { get; set; }
    public AttendanceMode Mode { get; set; }
    public string? HubName { get; set; }
    public int? HubHeadcount { get; set; }
    public StakeholderGroup? StakeholderGroup { get; set; }
    public RegionalGroup? RegionalGroup { get; set; }
    public string? CountryCode { get; set; }
    public Gender? Gender { get; set; }
    public string? AccessibilityNeeds { get; set; }

    /// <summary>BCP 47 codes of the languages the person follows, comma-separated.</summary>
    public string? Languages { get; set; }
    public RegistrationStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public DateTime? DecidedAt { get; set; }
    public int? DecidedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The random part of the badge code; the badge carries it with the registration's number.</summary>
    public required string BadgeSecret { get; set; }

    /// <summary>The code printed and encoded on the badge: "R{id}-XXXX-XXXX-XXXX", typed or scanned at the door.</summary>
    public string BadgeCode => $"R{Id}-{BadgeSecret[..4]}-{BadgeSecret[4..8]}-{BadgeSecret[8..]}";

    /// <summary>Twelve characters from an alphabet without look-alikes (no 0/O, 1/I/L): about 60 random bits.</summary>
    public static string NewBadgeSecret() => TypedCodes.New(12);

    /// <summary>
    /// Splits a typed or scanned badge code into its registration number and secret; false for anything else.
    /// Case, spaces and dashes are forgiven: people type what they read.
    /// </summary>
    public static bool TryParseBadge(string? code, out int id, out string secret)
    {
        id = 0;
        secret = "";
        if (string.IsNullOrWhiteSpace(code) || code.Length > 60)
        {
            return false;
        }
        var clean = new string(code.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        if (clean.Length < 14 || clean[0] != 'R')
        {
            return false;
        }
        var digits = clean.AsSpan(1, clean.Length - 13);
        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, null, out id) || id <= 0)
        {
            return false;
        }
        secret = clean[^12..];
        return true;
    }
}

/// <summary>An arrival at the venue, read from a badge: counts per day and per room feed the forum's participant figures.</summary>
public sealed class CheckIn
{
    public long Id { get; set; }
    public int RegistrationId { get; set; }
    public int ForumId { get; set; }

    /// <summary>The forum-local day, so a day's count is the venue's day.</summary>
    public DateOnly Day { get; set; }
    public DateTime At { get; set; }

    /// <summary>Set when staff check people into a session room rather than at the entrance.</summary>
    public int? RoomId { get; set; }
    public int? ByAccountId { get; set; }
}

/// <summary>The forum's registration: whether the Secretariat approves each one, and when registration closes.</summary>
public sealed class RegistrationSettings
{
    public int ForumId { get; set; }
    public bool NeedsApproval { get; set; }

    /// <summary>UTC; null while registration stays open.</summary>
    public DateTime? ClosesAt { get; set; }
}

/// <summary>
/// The way into a session or a room online: the meeting link and its passcode. Kept in a table of their own, read by
/// one code path (<see cref="JoinLinkChange"/>) that shows them only to approved participants, speakers, moderators and
/// the Secretariat, so no page, feed, export or API that maps a session or a room can carry them by accident.
/// </summary>
public sealed class JoinLink
{
    public const int MaxUrl = 500;
    public const int MaxPasscode = 100;

    public int Id { get; set; }
    public int ForumId { get; set; }

    /// <summary>Exactly one of session or room: a session's own link wins over its room's.</summary>
    public int? SessionId { get; set; }
    public int? RoomId { get; set; }
    public required string Url { get; set; }
    public string? Passcode { get; set; }
}

public sealed class RegistrationSettingsConfiguration : IEntityTypeConfiguration<RegistrationSettings>
{
    public void Configure(EntityTypeBuilder<RegistrationSettings> settings)
    {
        settings.ToTable("RegistrationSettings");
        settings.HasKey(x => x.ForumId);
        settings.HasOne<Forum>().WithOne().HasForeignKey<RegistrationSettings>(x => x.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> registration)
    {
        registration.ToTable("Registrations");
        registration.Property(r => r.HubName).HasMaxLength(Registration.MaxHubName);
        registration.Property(r => r.CountryCode).HasMaxLength(2);
        registration.Property(r => r.AccessibilityNeeds).HasMaxLength(Registration.MaxText);
        registration.Property(r => r.Languages).HasMaxLength(200);
        registration.Property(r => r.DecisionReason).HasMaxLength(Registration.MaxText);
        registration.Property(r => r.BadgeSecret).HasMaxLength(12);
        registration.Ignore(r => r.BadgeCode);
        registration.HasIndex(r => new { r.ForumId, r.AccountId }).IsUnique();
        registration.HasIndex(r => new { r.ForumId, r.Status });
        registration.HasOne<Forum>().WithMany().HasForeignKey(r => r.ForumId).OnDelete(DeleteBehavior.Cascade);
        registration.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        registration.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> checkIn)
    {
        checkIn.ToTable("CheckIns");
        checkIn.HasIndex(c => new { c.ForumId, c.Day });
        checkIn.HasOne<Registration>().WithMany().HasForeignKey(c => c.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        checkIn.HasOne<Room>().WithMany().HasForeignKey(c => c.RoomId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class JoinLinkConfiguration : IEntityTypeConfiguration<JoinLink>
{
    public void Configure(EntityTypeBuilder<JoinLink> link)
    {
        link.ToTable("JoinLinks", t => t.HasCheckConstraint("CK_JoinLinks_SessionOrRoom", "(\"SessionId\" IS NULL) <> (\"RoomId\" IS NULL)"));
        link.Property(l => l.Url).HasMaxLength(JoinLink.MaxUrl);
        link.Property(l => l.Passcode).HasMaxLength(JoinLink.MaxPasscode);
        link.HasIndex(l => l.SessionId).IsUnique();
        link.HasIndex(l => l.RoomId).IsUnique();
        link.HasOne<Forum>().WithMany().HasForeignKey(l => l.ForumId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Session>().WithMany().HasForeignKey(l => l.SessionId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Room>().WithMany().HasForeignKey(l => l.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}
