using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Sessions;

namespace Plenary.Features.Reports;

/// <summary>
/// A session's transcript, as pasted or uploaded (captioners' text with ">> NAME:" turns, SRT or WebVTT), with its
/// speaker turns and a plain text kept for search.
/// </summary>
public sealed class Transcript
{
    public const int MaxSource = 400_000;

    public int SessionId { get; set; }
    public TranscriptFormat Format { get; set; }

    /// <summary>Exactly what was given, so a better parser later can read it again.</summary>
    public required string Source { get; set; }

    /// <summary>The turns as JSON (<see cref="TranscriptTurn"/>).</summary>
    public required string Turns { get; set; }

    /// <summary>Every turn as "Speaker: words", one per line: what search reads.</summary>
    public required string SearchText { get; set; }
    public DateTime SavedAt { get; set; }
    public int? SavedBy { get; set; }
}

public enum TranscriptFormat
{
    Captions,
    Srt,
    WebVtt,
}

/// <summary>One speaker's turn; Speaker is null when the captions did not say who spoke; Start is from the cues, if any.</summary>
public sealed record TranscriptTurn(string? Speaker, string Text, TimeSpan? Start = null);

public sealed class TranscriptConfiguration : IEntityTypeConfiguration<Transcript>
{
    public void Configure(EntityTypeBuilder<Transcript> transcript)
    {
        transcript.ToTable("Transcripts");
        transcript.HasKey(t => t.SessionId);
        transcript.HasOne<Session>().WithOne().HasForeignKey<Transcript>(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        transcript.HasOne<Account>().WithMany().HasForeignKey(t => t.SavedBy).OnDelete(DeleteBehavior.SetNull);
        transcript.Property(t => t.Source).HasMaxLength(Transcript.MaxSource);
        transcript.Property(t => t.Turns).HasMaxLength(1_000_000);
        transcript.Property(t => t.SearchText).HasMaxLength(Transcript.MaxSource);
    }
}
