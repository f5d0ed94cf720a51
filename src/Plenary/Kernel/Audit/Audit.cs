using System.Security.Claims;
using System.Text.Json;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Kernel.Audit;

public static class Audit
{
    // Names in Arabic, Chinese or with an apostrophe stay readable in the log; the page encodes them when it shows them.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Adds an entry to the log; saved with the change it records.</summary>
    public static void Record(this PlenaryDb db, ClaimsPrincipal user, TimeProvider clock, int? forumId, string action, string subject, object? before, object? after) =>
        db.AuditLog.Add(new AuditEntry
        {
            ForumId = forumId, AccountId = user.AccountId(), Actor = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "?",
            At = clock.GetUtcNow().UtcDateTime, Action = action, Subject = subject,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
}
