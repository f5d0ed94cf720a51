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

    /// <summary>
    /// The edition of the forum's series just before it: editions are in order of year, then first day (then creation, for
    /// two that share both). Null for the first edition and for a forum with no series, which is a series of its own.
    /// Screening reads this for its rule on the previous edition's reports, so the forum's home page and the rule agree.
    /// </summary>
    public static Task<Forum?> PreviousEditionAsync(this PlenaryDb db, Forum forum, CancellationToken cancellationToken = default)
    {
        if (forum.Series is not { } series)
        {
            return Task.FromResult<Forum?>(null);
        }
        var (year, first, id) = (forum.Year, forum.FirstDay, forum.Id);
        return db.Forums.Where(f => f.Series == series && f.Id != id
                && (f.Year < year || (f.Year == year && (f.FirstDay < first || (f.FirstDay == first && f.Id < id)))))
            .OrderByDescending(f => f.Year).ThenByDescending(f => f.FirstDay).ThenByDescending(f => f.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The edition of the forum's series just after it, in the order of <see cref="PreviousEditionAsync"/>.</summary>
    public static Task<Forum?> NextEditionAsync(this PlenaryDb db, Forum forum, CancellationToken cancellationToken = default)
    {
        if (forum.Series is not { } series)
        {
            return Task.FromResult<Forum?>(null);
        }
        var (year, first, id) = (forum.Year, forum.FirstDay, forum.Id);
        return db.Forums.Where(f => f.Series == series && f.Id != id
                && (f.Year > year || (f.Year == year && (f.FirstDay > first || (f.FirstDay == first && f.Id > id)))))
            .OrderBy(f => f.Year).ThenBy(f => f.FirstDay).ThenBy(f => f.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
