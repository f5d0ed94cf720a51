using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;

namespace Plenary.Kernel.Access;

/// <summary>The roles an account holds in one forum. Session roles (organiser, speaker, rapporteur) come from the session.</summary>
public enum ForumRole
{
    /// <summary>Runs the forum: its settings, rooms, sessions, people and reports.</summary>
    Secretariat,

    /// <summary>A member of the advisory group that reviews proposals.</summary>
    Reviewer,

    /// <summary>Writes the forum's messages with the Secretariat (Features/Messages), and nothing else of the workspace.</summary>
    MessageEditor,

    /// <summary>
    /// Reads visa invitation requests, passports included, and answers them (Features/VisaLetters): given by the
    /// Secretariat to the few who need passport data, since being Secretariat, or a site administrator, does not open it.
    /// </summary>
    VisaDesk,
}

public sealed class ForumMember
{
    public int Id { get; set; }
    public int ForumId { get; set; }
    public int AccountId { get; set; }
    public ForumRole Role { get; set; }
    public DateTime AddedAt { get; set; }
}

public sealed class ForumMemberConfiguration : IEntityTypeConfiguration<ForumMember>
{
    public void Configure(EntityTypeBuilder<ForumMember> member)
    {
        member.ToTable("ForumMembers");
        member.HasIndex(m => new { m.ForumId, m.AccountId, m.Role }).IsUnique();
        member.HasIndex(m => m.AccountId);
        member.HasOne<Forum>().WithMany().HasForeignKey(m => m.ForumId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
