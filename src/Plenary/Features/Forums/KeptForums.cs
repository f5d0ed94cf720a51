using System.Collections.Concurrent;
using System.Diagnostics;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Caching;

namespace Plenary.Features.Forums;

/// <summary>
/// The forum with its subthemes, types, rooms and sections, kept in memory per slug for the signed-in pages whose
/// page is kept whole (<see cref="KeptPages"/>): reading it was five queries and 15% of such a page's CPU, while the
/// page needs it only for its layout, its filters and the released timetable. It lives exactly as long as the shared
/// parts can: dropped on every whole eviction of this instance's public cache (<see cref="PublicCache.Evictions"/>), for
/// its own writes or, heard by NOTIFY, another instance's, and after the same 60 seconds in any case.
/// Kept whole rather than reading a few of its columns: the filters and the timetable need the lists, and the same
/// graph is what every page already gets, untracked (the context tracks nothing unless asked), so no change tracker ever
/// holds it. Only pages that read the forum take it from here; one that changes a forum loads its own.
/// </summary>
public sealed class KeptForums(PublicCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private sealed record Kept(Forum Forum, long Evictions, long ReadAt);

    private readonly ConcurrentDictionary<string, Kept> kept = new(StringComparer.Ordinal);

    /// <summary>The forum, to be read and never changed: every request with a kept shared part of it is handed the same objects.</summary>
    public async Task<Forum?> FindAsync(PlenaryDb db, string? slug, CancellationToken cancel)
    {
        // Taken before the read, so a change committed during it leaves what it read out of date at once.
        var evictions = cache.Evictions;
        if (slug is not null && kept.TryGetValue(slug, out var known) && known.Evictions == evictions && Stopwatch.GetElapsedTime(known.ReadAt) < Lifetime)
        {
            return known.Forum;
        }
        var forum = await db.FindForumAsync(slug, cancel);
        if (forum is null)
        {
            if (slug is not null)
            {
                kept.TryRemove(slug, out _);
            }
            return null;
        }
        kept[slug!] = new Kept(forum, evictions, Stopwatch.GetTimestamp());
        return forum;
    }
}
