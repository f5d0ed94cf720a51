using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Sessions;

namespace Plenary.Features.Sdgs;

/// <summary>
/// A goal or target the Secretariat judged a session does not serve, though its text suggested it: the review list
/// offers it no more. The session's organisers still choose freely on their own form.
/// </summary>
public sealed class SdgSuggestionDismissal
{
    public int Id { get; set; }
    public int SessionId { get; set; }

    /// <summary>A goal ("9") or a target ("9.c"), as the catalogue writes them.</summary>
    public required string Code { get; set; }

    /// <summary>Null once the account is deleted; the audit log still names who.</summary>
    public int? DismissedBy { get; set; }
    public DateTime DismissedAt { get; set; }

    public const int MaxCode = 8;
}

public sealed class SdgSuggestionDismissalConfiguration : IEntityTypeConfiguration<SdgSuggestionDismissal>
{
    public void Configure(EntityTypeBuilder<SdgSuggestionDismissal> dismissal)
    {
        dismissal.ToTable("SdgSuggestionDismissals");
        dismissal.Property(d => d.Code).HasMaxLength(SdgSuggestionDismissal.MaxCode);
        dismissal.HasIndex(d => new { d.SessionId, d.Code }).IsUnique();
        dismissal.HasOne<Session>().WithMany().HasForeignKey(d => d.SessionId).OnDelete(DeleteBehavior.Cascade);
        dismissal.HasOne<Account>().WithMany().HasForeignKey(d => d.DismissedBy).OnDelete(DeleteBehavior.SetNull);
    }
}
