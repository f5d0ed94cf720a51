using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Forums;

public static class ForumQueries
{
    /// <summary>The forum with what every page of it needs to label sessions: subthemes, types and rooms, in order.</summary>
    public static Task<Forum?> FindForumAsync(this PlenaryDb db, string? slug, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(slug) || slug.Length > Forum.MaxSlug)
        {
            return Task.FromResult<Forum?>(null);
        }
        return db.Forums
            .Include(f => f.Subthemes.OrderBy(s => s.Position))
            .Include(f => f.SessionTypes.OrderBy(t => t.Position))
            .Include(f => f.Rooms.OrderBy(r => r.Position))
            .Include(f => f.RecordSections.OrderBy(s => s.Position))
            .AsSplitQuery()
            .FirstOrDefaultAsync(f => f.Slug == slug, cancellationToken);
    }
}
