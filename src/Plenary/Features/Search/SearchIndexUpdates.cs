using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Plenary.Features.Forums;
using Plenary.Features.Frameworks;
using Plenary.Features.Messages;
using Plenary.Features.People;
using Plenary.Features.Releases;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Search;

/// <summary>
/// Keeps the search index in step with every save, whoever writes (the forms, the APIs, the report page, the import,
/// the demo), in the same transaction as the change: no nightly rebuild, and no moment when a takeaway is saved but not
/// found. The records a save touches are noted before it (<see cref="SavingChangesAsync"/>); their rows are written
/// after it (<see cref="SavedChangesAsync"/>), when new sessions have their ids and the database shows the change, and
/// before the transaction commits: a save without a transaction of its own is given one here for that. A failed save
/// rolls it back with the rest. Bulk ExecuteUpdate/ExecuteDelete writers call <see cref="SearchIndex.WriteAsync"/> themselves.
/// </summary>
public sealed class SearchIndexUpdates(SearchPendingList pendingList) : SaveChangesInterceptor
{
    private sealed class Pending
    {
        public readonly List<object> Changed = [];
        public IDbContextTransaction? Transaction;
        public bool Writing;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    /// <summary>A change to what the public may see of a session or a message (<see cref="SearchEntry.Hidden"/>), not to its text.</summary>
    private sealed record VisibilitySource(object Entity);

    /// <summary>A change to one of a session's facets kept as bits on its rows (<see cref="SearchEntry.Facets"/>), not to its text.</summary>
    private sealed record FacetSource(object Entity);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await Note(eventData.Context, sync: false, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Write(eventData.Context, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await Write(eventData.Context, sync: false, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    private async Task Note(DbContext? context, bool sync, CancellationToken cancel)
    {
        if (context is not PlenaryDb || pending.GetOrCreateValue(context) is not { Writing: false } state)
        {
            return;
        }
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (Searchable(entry))
            {
                state.Changed.Add(entry.Entity);
                if (entry is { State: EntityState.Modified, Entity: SessionRole })
                {
                    // A role handed to someone else: whoever held it may no longer be public.
                    state.Changed.Add(new SessionRole { PersonId = entry.Property(nameof(SessionRole.PersonId)).OriginalValue as int?,
                        OrganisationId = entry.Property(nameof(SessionRole.OrganisationId)).OriginalValue as int? });
                }
            }
            if (ChangesFacets(entry))
            {
                state.Changed.Add(new FacetSource(entry.Entity));
            }
            if (ChangesVisibility(entry))
            {
                state.Changed.Add(new VisibilitySource(entry.Entity));
            }
        }
        if (state.Changed.Count > 0 && state.Transaction is null && context.Database.CurrentTransaction is null)
        {
            state.Transaction = sync ? context.Database.BeginTransaction() : await context.Database.BeginTransactionAsync(cancel);
        }
    }

    /// <summary>
    /// The properties each record's index rows are made of (<see cref="SearchIndex"/>). A save that changes none of them
    /// leaves the index alone: moving a session in the agenda, checking someone in, a registration or a raised hand are
    /// the forum's busiest writes, and rewriting a session's rows (its transcript too) on each would slow every one.
    /// </summary>
    private static readonly Dictionary<Type, string[]> IndexedProperties = new()
    {
        [typeof(Session)] = [nameof(Session.Title), nameof(Session.Description), nameof(Session.Approach), nameof(Session.OriginalLanguage),
            nameof(Session.ForumId), nameof(Session.TypeId), nameof(Session.SubthemeId)],
        [typeof(ForumMessage)] = [nameof(ForumMessage.Title), nameof(ForumMessage.Body), nameof(ForumMessage.PublishedAt), nameof(ForumMessage.SubthemeId), nameof(ForumMessage.ForumId)],
        [typeof(Person)] = [nameof(Person.Name), nameof(Person.Honorific), nameof(Person.Title), nameof(Person.Affiliation)],
        [typeof(Organisation)] = [nameof(Organisation.Name)],
        [typeof(SessionRole)] = [nameof(SessionRole.PersonId), nameof(SessionRole.OrganisationId)],
        [typeof(Forum)] = [nameof(Forum.Year), nameof(Forum.Languages)],
        [typeof(RecordSection)] = [nameof(RecordSection.IsPublic)],
        [typeof(GenderReport)] = [nameof(GenderReport.Narrative)],
        [typeof(Transcript)] = [nameof(Transcript.SearchText)],
    };

    private static bool Searchable(EntityEntry entry) => (entry.State, entry.Entity) switch
    {
        (not (EntityState.Added or EntityState.Modified or EntityState.Deleted), _) => false,
        // Their rows go with them by the foreign keys' cascade; new ones are public only once a session role names them
        // (a role added in the same save brings them), and a new forum or subtheme has nothing indexed yet.
        (EntityState.Deleted, Session or ForumMessage or Person or Organisation or Forum) => false,
        (EntityState.Added, Person or Organisation or Forum or Subtheme or RecordSection) => false,
        (EntityState.Modified, Subtheme) => false,
        (EntityState.Modified, var entity) when IndexedProperties.TryGetValue(entity.GetType(), out var properties) =>
            properties.Any(p => entry.Property(p).IsModified),
        (_, Session or Takeaway or SessionReport or GenderReport or Transcript or SessionSection or SessionTranslation
            or ForumMessage or MessageTranslation or Person or Organisation or SessionRole or Forum or RecordSection or Subtheme) => true,
        _ => false,
    };

    /// <summary>
    /// Whether the save changes a session's facet bits other than through its own rows (a report or a transcript added or
    /// removed, a type or subtheme changed, rewrite those): an SDG or a Compact or WSIS link, an organiser added, removed
    /// or replaced, an organiser's stakeholder group or region.
    /// </summary>
    private static bool ChangesFacets(EntityEntry entry)
    {
        static bool Organiser(object? kind) => kind is SessionRoleKind.Organiser;
        bool Modified(params string[] properties) => properties.Any(p => entry.Property(p).IsModified);
        return (entry.State, entry.Entity) switch
        {
            (EntityState.Added or EntityState.Deleted, SessionSdg or SessionFrameworkLink) => true,
            (EntityState.Modified, SessionFrameworkLink) => true,
            (EntityState.Added or EntityState.Deleted, SessionRole role) => role.Kind == SessionRoleKind.Organiser,
            (EntityState.Modified, SessionRole role) =>
                (Modified(nameof(SessionRole.Kind)) && (Organiser(entry.Property(nameof(SessionRole.Kind)).OriginalValue) || role.Kind == SessionRoleKind.Organiser))
                || (role.Kind == SessionRoleKind.Organiser && Modified(nameof(SessionRole.PersonId), nameof(SessionRole.OrganisationId))),
            (EntityState.Modified, Person or Organisation) => Modified(nameof(Person.StakeholderGroup), nameof(Person.RegionalGroup)),
            _ => false,
        };
    }

    /// <summary>
    /// Whether the save changes what the public may see of sessions or messages already indexed: a session cancelled or
    /// restored, a timetable released (its release, then its sessions, as ReleaseChange saves them), the outcome document
    /// or a language version of it published or withdrawn. A missed one would show an unreleased or cancelled session in
    /// public search, or hide a released one: any change to those rows counts, whatever its property.
    /// </summary>
    private static bool ChangesVisibility(EntityEntry entry) => (entry.State, entry.Entity) switch
    {
        (EntityState.Modified, Session) => entry.Property(nameof(Session.Status)).IsModified,
        (EntityState.Added or EntityState.Modified or EntityState.Deleted, TimetableRelease or ReleasedSession or OutcomeDocument or OutcomeLanguage) => true,
        _ => false,
    };

    private async Task Write(DbContext? context, bool sync, CancellationToken cancel)
    {
        if (context is not PlenaryDb db || !pending.TryGetValue(context, out var state) || state.Writing || state.Changed.Count == 0)
        {
            return;
        }
        var changes = new SearchChanges();
        foreach (var entity in state.Changed)
        {
            switch (entity)
            {
                case Session s: changes.Sessions.Add(s.Id); break;
                // Written alone: the session's other rows do not change with its takeaways.
                case Takeaway t: changes.Takeaways.Add(t.SessionId); break;
                case SessionReport r: changes.Sessions.Add(r.SessionId); break;
                case GenderReport g: changes.Sessions.Add(g.SessionId); break;
                case Transcript t: changes.Sessions.Add(t.SessionId); break;
                case SessionSection x: changes.Sessions.Add(x.SessionId); break;
                case SessionTranslation t: changes.Sessions.Add(t.SessionId); break;
                case ForumMessage m: changes.Messages.Add(m.Id); break;
                case MessageTranslation t: changes.Messages.Add(t.MessageId); break;
                case Person p: changes.People.Add(p.Id); break;
                case Organisation o: changes.Organisations.Add(o.Id); break;
                case SessionRole { PersonId: { } person }: changes.People.Add(person); break;
                case SessionRole { OrganisationId: { } organisation }: changes.Organisations.Add(organisation); break;
                case Forum f: changes.Forums.Add(f.Id); break;
                case RecordSection r: changes.Forums.Add(r.ForumId); break;
                // A removed subtheme leaves its sessions without one (in bulk): the rows' subtheme, kept for facets, follows.
                case Subtheme t: changes.Forums.Add(t.ForumId); break;
                case FacetSource { Entity: SessionSdg g }: changes.Facets.Add(g.SessionId); break;
                case FacetSource { Entity: SessionFrameworkLink k }: changes.Facets.Add(k.SessionId); break;
                case FacetSource { Entity: SessionRole r }: changes.Facets.Add(r.SessionId); break;
                case FacetSource { Entity: Person p }: changes.OrganiserPeople.Add(p.Id); break;
                case FacetSource { Entity: Organisation o }: changes.OrganiserOrganisations.Add(o.Id); break;
                case VisibilitySource { Entity: Session s }: changes.Visibility.Add(s.Id); break;
                case VisibilitySource { Entity: ReleasedSession p }: changes.Visibility.Add(p.SessionId); break;
                case VisibilitySource { Entity: TimetableRelease r }: changes.VisibilityForums.Add(r.ForumId); break;
                case VisibilitySource { Entity: OutcomeDocument d }: changes.VisibilityForums.Add(d.ForumId); break;
                case VisibilitySource { Entity: OutcomeLanguage l }: changes.VisibilityForums.Add(l.ForumId); break;
            }
        }
        state.Changed.Clear();
        state.Writing = true;
        var transaction = state.Transaction;
        state.Transaction = null;
        try
        {
            if (sync)
            {
                // The synchronous saves are the seeding's and the tests'; the index writes the same rows either way.
                Task.Run(() => SearchIndex.WriteAsync(db, changes, CancellationToken.None)).GetAwaiter().GetResult();
            }
            else
            {
                await SearchIndex.WriteAsync(db, changes, cancel);
            }
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancel);
            }
            if (db.Database.IsNpgsql())
            {
                pendingList.Written();
            }
        }
        finally
        {
            state.Writing = false;
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    private void Abandon(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.Writing)
        {
            return;
        }
        state.Changed.Clear();
        // Disposed without a commit: what the failed save wrote is rolled back, as EF's own transaction would have been.
        state.Transaction?.Dispose();
        state.Transaction = null;
    }
}
