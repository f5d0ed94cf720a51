using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.People;
using Plenary.Features.Sessions;

namespace Plenary.Features.Queue;

/// <summary>
/// One request for the floor, from a phone in the room, a laptop online, or added by a moderator for someone in the
/// room without a phone. The row stays after the person has spoken: it is the session's record of who spoke and how long.
/// </summary>
public sealed class Hand
{
    public const int MaxName = 200;
    public const int MaxTopic = 300;
    public const string OneOpenHandIndex = "IX_Hands_OneOpenHand";

    /// <summary>Enums are stored by name; the same SQL reads alike on SQLite and PostgreSQL.</summary>
    public const string OpenHandFilter = "\"State\" IN ('Waiting', 'Speaking')";

    public int Id { get; set; }
    public int SessionId { get; set; }

    /// <summary>Who raised it; null when a moderator added someone from the room (or the account was deleted since).</summary>
    public int? AccountId { get; set; }

    /// <summary>The account's public profile, read at the time for the aggregate figures (stakeholder group, gender).</summary>
    public int? PersonId { get; set; }

    /// <summary>The name the moderator reads out, copied so the queue does not change when a profile does.</summary>
    public required string Name { get; set; }
    public string? Topic { get; set; }
    public ParticipationMode Mode { get; set; }
    public HandState State { get; set; }

    /// <summary>Place in the queue: lower speaks first. Starts in order of request; moderators swap it to reorder.</summary>
    public int Place { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime? FloorAt { get; set; }
    public DateTime? DoneAt { get; set; }

    /// <summary>How long the intervention lasted, from "give the floor" to "done".</summary>
    public int? SpokeSeconds { get; set; }
}

public enum HandState
{
    Waiting,
    Speaking,
    Spoke,
    Lowered,
    Removed,
}

/// <summary>A question in writing, shown to the room only once a moderator approves it.</summary>
public sealed class Question
{
    public const int MaxText = 500;

    public int Id { get; set; }
    public int SessionId { get; set; }
    public int AccountId { get; set; }
    public required string AskedBy { get; set; }
    public required string Text { get; set; }
    public QuestionState State { get; set; }
    public DateTime AskedAt { get; set; }
    public int Votes { get; set; }
}

public enum QuestionState
{
    Pending,
    Shown,
    Hidden,
    Answered,
}

/// <summary>One person's upvote; the key makes a second vote impossible, even from two tabs at once.</summary>
public sealed class QuestionVote
{
    public int QuestionId { get; set; }
    public int AccountId { get; set; }
}

public sealed class HandConfiguration : IEntityTypeConfiguration<Hand>
{
    public void Configure(EntityTypeBuilder<Hand> hand)
    {
        hand.ToTable("Hands");
        hand.Property(h => h.Name).HasMaxLength(Hand.MaxName);
        hand.Property(h => h.Topic).HasMaxLength(Hand.MaxTopic);
        hand.HasIndex(h => new { h.SessionId, h.State, h.Place });
        // One open hand per person and session, kept by the database itself: two raises at the same instant (two
        // tabs, a double tap on a slow phone) both pass the check in SpeakingQueue, and only this index stops the second.
        // Hands added from the room have no account; NULLs never collide in a unique index, on either provider.
        hand.HasIndex(h => new { h.SessionId, h.AccountId }).IsUnique().HasFilter(Hand.OpenHandFilter).HasDatabaseName(Hand.OneOpenHandIndex);
        hand.HasOne<Session>().WithMany().HasForeignKey(h => h.SessionId).OnDelete(DeleteBehavior.Cascade);
        hand.HasOne<Account>().WithMany().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.SetNull);
        hand.HasOne<Person>().WithMany().HasForeignKey(h => h.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> question)
    {
        question.ToTable("Questions");
        question.Property(q => q.AskedBy).HasMaxLength(Hand.MaxName);
        question.Property(q => q.Text).HasMaxLength(Question.MaxText);
        question.HasIndex(q => new { q.SessionId, q.State });
        question.HasIndex(q => new { q.AccountId, q.AskedAt });
        question.HasOne<Session>().WithMany().HasForeignKey(q => q.SessionId).OnDelete(DeleteBehavior.Cascade);
        question.HasOne<Account>().WithMany().HasForeignKey(q => q.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QuestionVoteConfiguration : IEntityTypeConfiguration<QuestionVote>
{
    public void Configure(EntityTypeBuilder<QuestionVote> vote)
    {
        vote.ToTable("QuestionVotes");
        vote.HasKey(v => new { v.QuestionId, v.AccountId });
        vote.HasIndex(v => v.AccountId);
        vote.HasOne<Question>().WithMany().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
        vote.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
