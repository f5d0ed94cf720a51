using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Queue;

/// <summary>Settings of the speaking queue, under <c>Plenary:Queue</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Plenary:Queue";

    /// <summary>Raises and lowers of one person's hand per minute, in all sessions together.</summary>
    public int HandChangesPerMinute { get; set; } = 10;

    /// <summary>Questions sent by one person per minute, counting those refused; <see cref="SpeakingQueue.QuestionsPerMinute"/> counts those asked.</summary>
    public int QuestionPostsPerMinute { get; set; } = 6;
}

/// <summary>
/// Holds back floods of hands and questions from one account before they cost any work: every raise or lower reaches
/// every open page of the session, so a script toggling a hand would otherwise make thousands of pages fetch themselves.
/// Partitioned by account (people in one room share an IP address behind the venue's network), per instance; the
/// question rule in <see cref="SpeakingQueue"/> is counted in the database and holds across instances.
/// </summary>
public sealed class QueueFloodLimit(IOptions<QueueOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "queue-floods";

    public RateLimitPartition<string> GetPartition(HttpContext context) =>
        Kind(context) is { } kind && context.User.AccountId() is { } account
            ? RateLimitPartition.GetFixedWindowLimiter($"{kind}:{account.ToString(CultureInfo.InvariantCulture)}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = kind == Hands ? options.Value.HandChangesPerMinute : options.Value.QuestionPostsPerMinute,
                Window = TimeSpan.FromMinutes(1),
            })
            : RateLimitPartition.GetNoLimiter("");

    /// <summary>A 429 with Retry-After, and the error page saying what was refused and for how long.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected => (rejected, _) =>
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var L = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        // Worded here, in the visitor's language; the error page shows it under its own "Too many requests".
        context.Items[RequestLimits.ReasonKey] = Kind(context) == Hands
            ? L["You have raised or lowered your hand too often. Wait {0} seconds, then try again.", seconds].Value
            : L["You have sent too many questions in a short time. Wait {0} seconds, then try again.", seconds].Value;
        return ValueTask.CompletedTask;
    };

    private const string Hands = "hands";

    /// <summary>Which flood a post of the live page could belong to; null for everything else (reading, votes).</summary>
    private static string? Kind(HttpContext context) => !HttpMethods.IsPost(context.Request.Method) ? null : context.Request.Query["handler"].ToString() switch
    {
        "Raise" or "Lower" => Hands,
        "Ask" => "questions",
        _ => null,
    };
}
