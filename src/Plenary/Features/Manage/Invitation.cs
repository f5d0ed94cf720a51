using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Kernel.Access;

namespace Plenary.Features.Manage;

/// <summary>
/// An e-mail asking someone into a forum: either into a forum role (Reviewer, Secretariat), or to claim a person
/// already listed on the forum's sessions ("you are the Amina Diallo speaking at Open Forum #56"). Nobody is put
/// in a role without knowing: the role is only granted when the person, signed in with the invited address, accepts.
/// Only a hash of the link's code is stored; sending it again makes a new code and the old link dies.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public int Id { get; set; }
    public int ForumId { get; set; }
    public required string Email { get; set; }

    /// <summary>The forum role offered; null for the claim of a person.</summary>
    public ForumRole? Role { get; set; }

    /// <summary>The person offered; becomes null if that record is later merged into an account's own or removed.</summary>
    public int? PersonId { get; set; }

    /// <summary>The name of the person offered, kept so the list stays readable once the record is merged away.</summary>
    public string? PersonName { get; set; }

    /// <summary>Language of the message: the existing account's, or the one the inviter chose.</summary>
    public string Language { get; set; } = "en";

    public int? InvitedById { get; set; }

    /// <summary>The inviter's name at the time, shown on the accept page and kept if their account is deleted.</summary>
    public required string InvitedByName { get; set; }

    public DateTime SentAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>SHA-256 of the code in the link, hexadecimal.</summary>
    public required string CodeHash { get; set; }

    public DateTime? AcceptedAt { get; set; }
    public int? AcceptedById { get; set; }
    public DateTime? WithdrawnAt { get; set; }

    public InvitationState StateAt(DateTime now) =>
        WithdrawnAt is not null ? InvitationState.Withdrawn
        : AcceptedAt is not null ? InvitationState.Accepted
        : now > ExpiresAt ? InvitationState.Expired
        : InvitationState.Pending;

    /// <summary>A new code for the link: sets its hash and the expiry, and returns the code, which is stored nowhere.</summary>
    public string Renew(DateTime now)
    {
        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        CodeHash = Hash(code);
        SentAt = now;
        ExpiresAt = now + Lifetime;
        return code;
    }

    public bool Matches(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= 100
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeHash), Encoding.ASCII.GetBytes(Hash(code)));

    public static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}

public enum InvitationState
{
    Pending,
    Accepted,
    Expired,
    Withdrawn,
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.ToTable("Invitations", t => t.HasCheckConstraint(
            "CK_Invitations_RoleOrPerson",
            "(\"Role\" IS NOT NULL AND \"PersonName\" IS NULL) OR (\"Role\" IS NULL AND \"PersonName\" IS NOT NULL)"));
        invitation.Property(i => i.Email).HasMaxLength(256);
        invitation.Property(i => i.PersonName).HasMaxLength(200);
        invitation.Property(i => i.Language).HasMaxLength(10);
        invitation.Property(i => i.InvitedByName).HasMaxLength(200);
        invitation.Property(i => i.CodeHash).HasMaxLength(64);
        invitation.HasIndex(i => new { i.ForumId, i.Email });
        invitation.HasOne<Forum>().WithMany().HasForeignKey(i => i.ForumId).OnDelete(DeleteBehavior.Cascade);
        // The invitation outlives the person record (merged on acceptance) and the accounts (deleted by their owners).
        invitation.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.SetNull);
        invitation.HasOne<Account>().WithMany().HasForeignKey(i => i.InvitedById).OnDelete(DeleteBehavior.SetNull);
        invitation.HasOne<Account>().WithMany().HasForeignKey(i => i.AcceptedById).OnDelete(DeleteBehavior.SetNull);
    }
}
