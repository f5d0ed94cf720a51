using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

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

public static class TranscriptQueries
{
    /// <summary>The session's transcript turns as JSON (<see cref="Transcript.Turns"/>), null when it has none: what its page shows.</summary>
    public static Task<string?> TurnsAsync(this PlenaryDb db, int sessionId, CancellationToken cancel = default) => db switch
    {
        // Compiled once per provider: the session page reads it each time it is rendered, transcript or not.
        SqlitePlenaryDb sqlite => Compiled<SqlitePlenaryDb>.Turns(sqlite, sessionId, cancel),
        PostgresPlenaryDb postgres => Compiled<PostgresPlenaryDb>.Turns(postgres, sessionId, cancel),
        _ => db.Transcripts.Where(t => t.SessionId == sessionId).Select(t => t.Turns).FirstOrDefaultAsync(cancel),
    };

    private static class Compiled<TDb> where TDb : PlenaryDb
    {
        public static readonly Func<TDb, int, CancellationToken, Task<string?>> Turns = EF.CompileAsyncQuery((TDb db, int sessionId, CancellationToken cancel) =>
            db.Transcripts.Where(t => t.SessionId == sessionId).Select(t => t.Turns).FirstOrDefault());
    }
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
