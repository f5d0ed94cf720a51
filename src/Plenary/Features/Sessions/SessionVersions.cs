using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Sessions;

/// <summary>
/// Raises a session's <see cref="Session.Version"/> whenever a save changes the session or its tags, SDGs, targets,
/// record sections, people or translations, whoever writes it: the edit page and the API, the timetable's moves, the CSV import, the
/// people added on the page. Raised here, in one place, so a writer added later cannot forget it, and a form opened
/// before any such change is refused as stale (<see cref="SessionChange"/>) instead of silently putting back what the
/// other writer changed. Bulk ExecuteUpdate/ExecuteDelete commands bypass the tracker and call <see cref="RaiseAsync"/>.
/// </summary>
public sealed class SessionVersions : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Raise(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Raise(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>For a write the change tracker does not see (a bulk delete of a role): one more version, in the caller's transaction.</summary>
    public static Task RaiseAsync(PlenaryDb db, int sessionId, CancellationToken cancel) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, s => s.Version + 1), cancel);

    private static void Raise(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        // SaveChanges detects changes only after its interceptors have run: detected here so that what was changed is seen.
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }
        var sessions = context.ChangeTracker.Entries<Session>().Where(e => e.State is EntityState.Unchanged or EntityState.Modified).ToList();
        if (sessions.Count == 0)
        {
            return;
        }
        var changed = sessions.Where(e => e.State == EntityState.Modified && e.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(Session.Version)))
            .Select(e => e.Entity.Id).ToHashSet();
        foreach (var part in context.ChangeTracker.Entries())
        {
            if (part.State is EntityState.Added or EntityState.Deleted or EntityState.Modified
                && part.Entity is SessionTag or SessionSdg or SessionSdgTarget or Frameworks.SessionFrameworkLink or SessionSection or SessionRole or SessionTranslation
                && part.Property(nameof(SessionTag.SessionId)).CurrentValue is int owner)
            {
                changed.Add(owner);
            }
        }
        foreach (var entry in sessions.Where(e => changed.Contains(e.Entity.Id)))
        {
            var version = entry.Property(s => s.Version);
            // Raised once a save, from the version read (or the one the form was opened on, which the change set as original).
            if (!version.IsModified)
            {
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}
