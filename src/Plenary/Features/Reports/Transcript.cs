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
