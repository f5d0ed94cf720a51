using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Sessions;

namespace Plenary.Features.Proposals;

/// <summary>
/// A forum's call for session proposals: the types it accepts, when it is open, and the screening rules in force.
/// Each rule can be switched off (a null number, a false switch) or tuned; the defaults are the IGF 2023 rules.
/// </summary>
public sealed class Call
{
    public int Id { get; set; }
    public int ForumId { get; set; }

    /// <summary>Codes of the accepted session types, e.g. "WS", "OF".</summary>
    public List<string> SessionTypes { get; set; } = [];

    /// <summary>UTC instants; entered and shown in the forum's time zone.</summary>
    public DateTime OpensAt { get; set; }
    public DateTime ClosesAt { get; set; }

    public bool RequireCompleteFields { get; set; } = true;
    public int? MinConfirmedSpeakers { get; set; } = 3;
    public bool RequireGenderDiversity { get; set; } = true;
    public int? MinOnsiteSpeakers { get; set; } = 2;
    public bool RequireOnsiteModerator { get; set; } = true;

    /// <summary>At least two stakeholder groups and two regional groups among organisers and speakers, for workshops.</summary>
    public bool RequireGroupDiversity { get; set; } = true;
    public int? MaxProposalsPerSpeaker { get; set; } = 3;
    public bool ReviewersMayNotProposeWorkshops { get; set; } = true;

    /// <summary>Flags (does not block) organisers whose session in the previous edition never filed its report.</summary>
    public bool FlagMissingReports { get; set; } = true;

    public bool IsOpenAt(DateTime now) => now >= OpensAt && now < ClosesAt;

    public bool Accepts(string typeCode) => SessionTypes.Contains(typeCode, StringComparer.OrdinalIgnoreCase);
}

public enum ProposalState
{
    Draft,
    Submitted,
    ScreenedOut,
    InReview,
    Accepted,
    Waitlisted,
    Rejected,
    Withdrawn,
}

/// <summary>
/// A session proposal: everything the session will need once accepted, so acceptance can copy it into a session
/// with every role carried over. The review (scores, assignments) will hang off <see cref="Id"/> in tables of its own.
/// </summary>
public sealed class Proposal
{
    public const int MaxTitle = 300;
    public const int MaxText = 20_000;

    public int Id { get; set; }
    public int ForumId { get; set; }

    /// <summary>The account that made the proposal; null once that account is deleted (the co-organisers carry on).</summary>
    public int? ProposerId { get; set; }

    /// <summary>The proposer's name at creation, kept readable if the account goes.</summary>
    public required string ProposerName { get; set; }

    public required string Title { get; set; }
    public int TypeId { get; set; }
    public SessionFormat Format { get; set; }
    public Rooms.RoomLayout Layout { get; set; }
    public int LengthMinutes { get; set; }
    public int? SubthemeId { get; set; }

    /// <summary>Comma-separated, as typed.</summary>
    public string? Tags { get; set; }
    public string? Description { get; set; }
    public string? PolicyQuestions { get; set; }
    public string? ExpectedOutcomes { get; set; }
    public string? OnlineEngagement { get; set; }

    public ProposalState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }

    /// <summary>
    /// Raised by every save and checked by it (a concurrency token), so that of two co-organisers saving the same
    /// version, the second is told instead of silently overwriting the first.
    /// </summary>
    public int Version { get; set; }

    public List<ProposalPerson> People { get; set; } = [];
    public List<ProposalSdg> Sdgs { get; set; } = [];

    /// <summary>The Global Digital Compact objectives and WSIS action lines ticked on the form; carried onto the session when accepted.</summary>
    public List<Frameworks.ProposalFrameworkLink> FrameworkLinks { get; set; } = [];

    /// <summary>The proposer's text for the forum's record sections that are in the proposal form; carried onto the session when accepted.</summary>
    public List<ProposalSection> Sections { get; set; } = [];
}

/// <summary>A proposal's text for one of its forum's record sections in the proposal form; no row when it is empty.</summary>
public sealed class ProposalSection
{
    public int ProposalId { get; set; }
    public int SectionId { get; set; }

    /// <summary>Markdown, at most <see cref="SessionSection.MaxText"/>: it becomes the session's text as it is.</summary>
    public required string Text { get; set; }
}

public sealed class ProposalSectionConfiguration : IEntityTypeConfiguration<ProposalSection>
{
    public void Configure(EntityTypeBuilder<ProposalSection> section)
    {
        section.ToTable("ProposalSections");
        section.HasKey(s => new { s.ProposalId, s.SectionId });
        section.Property(s => s.Text).HasMaxLength(SessionSection.MaxText);
        // A section the Secretariat removes takes the proposals' texts in it along, as it does the sessions'.
        section.HasOne<RecordSection>().WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public enum SpeakerAnswer
{
    Pending,
    Confirmed,
    Declined,
}

/// <summary>
/// Someone named on a proposal: a co-organiser (who may edit it), a speaker (asked by e-mail to confirm), a moderator
/// or the rapporteur. People are named by e-mail, since most do not have a Plenary account yet.
/// </summary>
public sealed class ProposalPerson
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(60);

    public int Id { get; set; }
    public int ProposalId { get; set; }
    public SessionRoleKind Kind { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public ParticipationMode Mode { get; set; }
    public int Position { get; set; }

    /// <summary>Speakers only: their answer to the invitation.</summary>
    public SpeakerAnswer Answer { get; set; }
    public DateTime? InvitedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }

    /// <summary>SHA-256 of the code in the speaker's link. The link answers once: it is spent once <see cref="AnsweredAt"/> is set.</summary>
    public string? CodeHash { get; set; }

    /// <summary>As the speaker described themselves when answering; the screening falls back on their profile.</summary>
    public Gender? Gender { get; set; }
    public StakeholderGroup? StakeholderGroup { get; set; }
    public RegionalGroup? RegionalGroup { get; set; }

    /// <summary>A new code for the speaker's link; only its hash is kept.</summary>
    public string NewCode(DateTime now)
    {
        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        CodeHash = Hash(code);
        InvitedAt = now;
        return code;
    }

    /// <summary>Answered since the last invitation: the link has been used.</summary>
    public bool LinkUsed => AnsweredAt is not null;

    public bool Matches(string? code) =>
        CodeHash is not null && !string.IsNullOrEmpty(code) && code.Length <= 100
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeHash), Encoding.ASCII.GetBytes(Hash(code)));

    public static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}

/// <summary>A goal ("9") or target ("9.c") the proposal serves, with the proposer's reason.</summary>
public sealed class ProposalSdg
{
    public int ProposalId { get; set; }
    public required string Code { get; set; }
    public required string Reason { get; set; }
}

/// <summary>One change of state: who, when, why. The proposer reads the reasons; the review will add its decisions here.</summary>
public sealed class ProposalEvent
{
    public long Id { get; set; }
    public int ProposalId { get; set; }
    public ProposalState From { get; set; }
    public ProposalState To { get; set; }
    public DateTime At { get; set; }
    public int? AccountId { get; set; }

    /// <summary>Who, readable after an account is deleted; "Plenary" for the automatic screening.</summary>
    public required string Actor { get; set; }
    public string? Reason { get; set; }
}

public sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> call)
    {
        call.ToTable("Calls");
        call.HasIndex(c => c.ForumId).IsUnique();
        call.HasOne<Forum>().WithMany().HasForeignKey(c => c.ForumId).OnDelete(DeleteBehavior.Cascade);
        call.Property(c => c.SessionTypes)
            .HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()))
            .HasMaxLength(500);
    }
}

public sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> proposal)
    {
        proposal.ToTable("Proposals");
        proposal.Property(p => p.ProposerName).HasMaxLength(200);
        proposal.Property(p => p.Title).HasMaxLength(Proposal.MaxTitle);
        proposal.Property(p => p.Tags).HasMaxLength(1_000);
        proposal.Property(p => p.Description).HasMaxLength(Proposal.MaxText);
        proposal.Property(p => p.PolicyQuestions).HasMaxLength(Proposal.MaxText);
        proposal.Property(p => p.ExpectedOutcomes).HasMaxLength(Proposal.MaxText);
        proposal.Property(p => p.OnlineEngagement).HasMaxLength(Proposal.MaxText);
        proposal.Property(p => p.Version).IsConcurrencyToken();
        proposal.HasIndex(p => new { p.ForumId, p.State });
        proposal.HasIndex(p => p.ProposerId);
        proposal.HasOne<Forum>().WithMany().HasForeignKey(p => p.ForumId).OnDelete(DeleteBehavior.Cascade);
        proposal.HasOne<Account>().WithMany().HasForeignKey(p => p.ProposerId).OnDelete(DeleteBehavior.SetNull);
        proposal.HasOne<SessionType>().WithMany().HasForeignKey(p => p.TypeId).OnDelete(DeleteBehavior.Restrict);
        proposal.HasOne<Subtheme>().WithMany().HasForeignKey(p => p.SubthemeId).OnDelete(DeleteBehavior.SetNull);
        proposal.HasMany(p => p.People).WithOne().HasForeignKey(p => p.ProposalId).OnDelete(DeleteBehavior.Cascade);
        proposal.HasMany(p => p.Sdgs).WithOne().HasForeignKey(s => s.ProposalId).OnDelete(DeleteBehavior.Cascade);
        proposal.HasMany(p => p.Sections).WithOne().HasForeignKey(s => s.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProposalPersonConfiguration : IEntityTypeConfiguration<ProposalPerson>
{
    public void Configure(EntityTypeBuilder<ProposalPerson> person)
    {
        person.ToTable("ProposalPeople");
        person.Property(p => p.Name).HasMaxLength(200);
        person.Property(p => p.Email).HasMaxLength(256);
        person.Property(p => p.CodeHash).HasMaxLength(64);
        person.HasIndex(p => new { p.ProposalId, p.Kind, p.Position });
        // The screening counts a speaker's proposals across the forum by address.
        person.HasIndex(p => p.Email);
    }
}

public sealed class ProposalSdgConfiguration : IEntityTypeConfiguration<ProposalSdg>
{
    public void Configure(EntityTypeBuilder<ProposalSdg> sdg)
    {
        sdg.ToTable("ProposalSdgs");
        sdg.HasKey(s => new { s.ProposalId, s.Code });
        sdg.Property(s => s.Code).HasMaxLength(8);
        sdg.Property(s => s.Reason).HasMaxLength(2_000);
    }
}

public sealed class ProposalEventConfiguration : IEntityTypeConfiguration<ProposalEvent>
{
    public void Configure(EntityTypeBuilder<ProposalEvent> history)
    {
        history.ToTable("ProposalHistory");
        history.Property(x => x.Actor).HasMaxLength(256);
        history.Property(x => x.Reason).HasMaxLength(10_000);
        history.HasIndex(x => new { x.ProposalId, x.At });
        history.HasIndex(x => x.AccountId);
        history.HasOne<Proposal>().WithMany().HasForeignKey(x => x.ProposalId).OnDelete(DeleteBehavior.Cascade);
        history.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.SetNull);
    }
}
