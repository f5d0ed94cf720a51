using Microsoft.AspNetCore.OutputCaching;

namespace Plenary.Kernel.Caching;

/// <summary>What of the sessions' outputs (takeaways, session and gender reports) a page or endpoint shows.</summary>
public enum SessionOutputs
{
    /// <summary>None of any session's: the programme.</summary>
    None,

    /// <summary>Only those of the one session it is about, named by the page with <see cref="SessionOutputsShownAttribute.Of"/>.</summary>
    OfItsSession,
}

/// <summary>
/// Marks a page that shows no session's outputs, or only its own session's. A write of a session's outputs alone (a
/// takeaway submitted, a report filed: at an IGF 300 takeaways in the hour after sessions end) then keeps its cached
/// copies (<see cref="PublicCache"/>), or evicts only those of that session's page. Every page without the mark is taken
/// to show them (a listing, a feed, search, the statistics, the exports, the API) and is evicted by every such write:
/// a page forgotten here is evicted too often, never shown stale.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SessionOutputsShownAttribute(SessionOutputs shown) : Attribute
{
    public SessionOutputs Shown { get; } = shown;

    /// <summary>On every cached copy of a page that may show any session's outputs.</summary>
    public const string Tag = "session-outputs";

    /// <summary>On the cached copies of a page that shows this session's outputs alone.</summary>
    public static string TagOf(int sessionId) => "session-outputs:" + sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The page marked <see cref="SessionOutputs.OfItsSession"/> names its session, once it has found it.</summary>
    public static void Of(HttpContext context, int sessionId) => context.Items[typeof(SessionOutputsShownAttribute)] = sessionId;

    /// <summary>The tag this request's copy carries, from the endpoint's mark: none, its session's, or the one every
    /// other page carries (also when a page marked as showing its session's never named it).</summary>
    public static string? TagFor(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<SessionOutputsShownAttribute>()?.Shown switch
        {
            SessionOutputs.None => null,
            SessionOutputs.OfItsSession when context.Items[typeof(SessionOutputsShownAttribute)] is int session => TagOf(session),
            _ => Tag,
        };
}

/// <summary>The output cache's side of <see cref="SessionOutputsShownAttribute"/>: one base policy, read when the response is stored.</summary>
public sealed class SessionOutputsPolicy : IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancel) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancel) => ValueTask.CompletedTask;

    // Run once the page has run (it names its session then), before the response is stored with its tags.
    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancel)
    {
        if (SessionOutputsShownAttribute.TagFor(context.HttpContext) is { } tag)
        {
            context.Tags.Add(tag);
        }
        return ValueTask.CompletedTask;
    }
}
