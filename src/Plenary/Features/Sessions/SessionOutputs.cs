namespace Plenary.Features.Sessions;

/// <summary>A key takeaway or a call to action, due two hours after the session ends.</summary>
public sealed class Takeaway
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public TakeawayKind Kind { get; set; }
    public int Position { get; set; }

    /// <summary>Markdown.</summary>
    public required string Text { get; set; }

    /// <summary>For calls to action: who should act.</summary>
    public CallToActionAddressee? Addressee { get; set; }
}

public enum TakeawayKind
{
    KeyTakeaway,
    CallToAction,
}

public enum CallToActionAddressee
{
    Governments,
    PrivateSector,
    CivilSociety,
    TechnicalCommunity,
    All,
}

public sealed class SessionReport
{
    public int SessionId { get; set; }

    /// <summary>Markdown: the discussion (reports from before the structured form hold the whole report here).</summary>
    public required string Body { get; set; }
    public DateTime? SubmittedAt { get; set; }

    /// <summary>Markdown: the key issues raised, one sentence each.</summary>
    public string? KeyIssues { get; set; }

    /// <summary>Markdown: a summary of each presentation, if any.</summary>
    public string? Presentations { get; set; }

    /// <summary>Markdown: the way forward and participants' suggestions.</summary>
    public string? WayForward { get; set; }
    public int? OnsiteParticipants { get; set; }
    public int? OnlineParticipants { get; set; }
}

/// <summary>The "Reflection on Gender Issues" every session files with its report.</summary>
public sealed class GenderReport
{
    public int SessionId { get; set; }
    public int? ParticipantCount { get; set; }

    /// <summary>Estimated share of women and gender-diverse people among participants, 0 to 100.</summary>
    public int? WomenAndGenderDiversePercent { get; set; }

    /// <summary>How many of the speakers and of the moderators were women.</summary>
    public int? WomenSpeakers { get; set; }
    public int? WomenModerators { get; set; }

    /// <summary>Whether the session engaged with gender as a topic.</summary>
    public bool? GenderWasTopic { get; set; }

    /// <summary>Markdown.</summary>
    public string? Narrative { get; set; }
}
