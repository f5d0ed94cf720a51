namespace Plenary.Kernel.Audit;

/// <summary>One change made through the workspace: who, when, what, and the record before and after (JSON).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public int? ForumId { get; set; }
    public int? AccountId { get; set; }

    /// <summary>The e-mail of the account at the time, kept so the log stays readable after an account is deleted.</summary>
    public required string Actor { get; set; }
    public DateTime At { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
