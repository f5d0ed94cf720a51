using Microsoft.EntityFrameworkCore;
using Plenary.Features.Messages;
using Plenary.Features.People;
using Plenary.Features.Releases;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Search;

/// <summary>What a save changed that the index shows: the records whose rows are written again.</summary>
public sealed class SearchChanges
{
    public HashSet<int> Sessions { get; } = [];

    /// <summary>Sessions whose takeaways and calls to action alone changed: only those rows are written again.</summary>
    public HashSet<int> Takeaways { get; } = [];

    public HashSet<int> Messages { get; } = [];
    public HashSet<int> People { get; } = [];
    public HashSet<int> Organisations { get; } = [];

    /// <summary>Forums whose every session and message is written again (a changed year or language, a section made private).</summary>
    public HashSet<int> Forums { get; } = [];

    /// <summary>Sessions whose facet bits alone are written again (<see cref="SearchEntry.Facets"/>): an SDG or a link, an organiser.</summary>
    public HashSet<int> Facets { get; } = [];

    /// <summary>People and organisations whose group or region changed: the bits of the sessions they organise are written again.</summary>
    public HashSet<int> OrganiserPeople { get; } = [];
    public HashSet<int> OrganiserOrganisations { get; } = [];

    /// <summary>Sessions whose rows' visibility alone is written again (<see cref="SearchEntry.Hidden"/>): cancelled or restored, or released.</summary>
    public HashSet<int> Visibility { get; } = [];

    /// <summary>Forums whose sessions' and messages' visibility is written again: a timetable released, the outcome document or a language version of it published or withdrawn.</summary>
    public HashSet<int> VisibilityForums { get; } = [];

    public bool IsEmpty => Sessions.Count + Takeaways.Count + Messages.Count + People.Count + Organisations.Count + Forums.Count
        + Facets.Count + OrganiserPeople.Count + OrganiserOrganisations.Count + Visibility.Count + VisibilityForums.Count == 0;
}

/// <summary>
/// Writes the index rows (<see cref="SearchEntry"/>) of sessions, messages, people and organisations from what the
/// database holds, in the caller's transaction: called by <see cref="SearchIndexUpdates"/> after every save, by the bulk
/// writers the change tracker does not see, and by <c>search rebuild</c>.
/// </summary>
public static class SearchIndex
{
    /// <summary>Names carry no language of their own: "und", BCP 47's undetermined, analysed without stemming.</summary>
    public const string NoLanguage = "und";

    /// <summary>PostgreSQL's GIN index of the rows' forums and vectors, made by the SearchForumInGin migration.</summary>
    public const string PostgresVectorIndex = "IX_SearchEntries_ForumId_SearchVector";

    private const int Batch = 200;

    public static async Task WriteAsync(PlenaryDb db, SearchChanges changes, CancellationToken cancel)
    {
        foreach (var forum in changes.Forums)
        {
            changes.Sessions.UnionWith(await db.Sessions.Where(s => s.ForumId == forum).Select(s => s.Id).ToListAsync(cancel));
            changes.Messages.UnionWith(await db.ForumMessages.Where(m => m.ForumId == forum).Select(m => m.Id).ToListAsync(cancel));
        }
        var rows = new List<SearchEntry>();
        foreach (var chunk in changes.Sessions.Chunk(Batch))
        {
            await db.SearchEntries.Where(e => e.SessionId != null && chunk.Contains(e.SessionId.Value)).ExecuteDeleteAsync(cancel);
            rows.AddRange(await SessionRowsAsync(db, chunk, cancel));
            await AddAsync(db, rows, cancel);
        }
        changes.Takeaways.ExceptWith(changes.Sessions);
        foreach (var chunk in changes.Takeaways.Chunk(Batch))
        {
            await TakeawayRowsAsync(db, chunk, rows, cancel);
        }
        foreach (var chunk in changes.OrganiserPeople.Chunk(Batch))
        {
            changes.Facets.UnionWith(await db.SessionRoles.Where(r => r.Kind == SessionRoleKind.Organiser && r.PersonId != null && chunk.Contains(r.PersonId.Value))
                .Select(r => r.SessionId).ToListAsync(cancel));
        }
        foreach (var chunk in changes.OrganiserOrganisations.Chunk(Batch))
        {
            changes.Facets.UnionWith(await db.SessionRoles.Where(r => r.Kind == SessionRoleKind.Organiser && r.OrganisationId != null && chunk.Contains(r.OrganisationId.Value))
                .Select(r => r.SessionId).ToListAsync(cancel));
        }
        // The sessions written again above have theirs already. The bits are set in place, the rows' text and terms left
        // alone (SQLite's FTS5 trigger fires on a change of the terms only).
        changes.Facets.ExceptWith(changes.Sessions);
        foreach (var chunk in changes.Facets.Chunk(Batch))
        {
            foreach (var alike in (await SearchFacetBits.OfSessionsAsync(db, chunk, cancel)).GroupBy(s => s.Value, s => s.Key))
            {
                var (bits, sessions) = (alike.Key, alike.ToList());
                await db.SearchEntries.Where(e => e.SessionId != null && sessions.Contains(e.SessionId.Value) && e.Facets != bits)
                    .ExecuteUpdateAsync(u => u.SetProperty(e => e.Facets, bits), cancel);
            }
        }
        foreach (var chunk in changes.Messages.Chunk(Batch))
        {
            await db.SearchEntries.Where(e => e.MessageId != null && chunk.Contains(e.MessageId.Value)).ExecuteDeleteAsync(cancel);
            rows.AddRange(await MessageRowsAsync(db, chunk, cancel));
            await AddAsync(db, rows, cancel);
        }
        foreach (var chunk in changes.People.Chunk(Batch))
        {
            await db.SearchEntries.Where(e => e.PersonId != null && chunk.Contains(e.PersonId.Value)).ExecuteDeleteAsync(cancel);
            // Only people who speak, moderate or organise in a session are public; an account's own person is not.
            var people = await db.People.Where(p => chunk.Contains(p.Id) && db.SessionRoles.Any(r => r.PersonId == p.Id)).ToListAsync(cancel);
            foreach (var person in people)
            {
                rows.Add(NameRow(SearchKind.Person, SearchPart.Name, person.DisplayName, person.Id, null));
                if (person.Billing is { } billing)
                {
                    rows.Add(NameRow(SearchKind.Person, SearchPart.Affiliation, billing, person.Id, null));
                }
            }
            await AddAsync(db, rows, cancel);
        }
        foreach (var chunk in changes.Organisations.Chunk(Batch))
        {
            await db.SearchEntries.Where(e => e.OrganisationId != null && chunk.Contains(e.OrganisationId.Value)).ExecuteDeleteAsync(cancel);
            var organisations = await db.Organisations.Where(o => chunk.Contains(o.Id) && db.SessionRoles.Any(r => r.OrganisationId == o.Id)).ToListAsync(cancel);
            rows.AddRange(organisations.Select(o => NameRow(SearchKind.Organisation, SearchPart.Name, o.Name, null, o.Id)));
            await AddAsync(db, rows, cancel);
        }
        await VisibilityAsync(db, changes, cancel);
    }

    /// <summary>
    /// Sets <see cref="SearchEntry.Hidden"/> in place on the rows of the changes' visibility sessions and forums, and of
    /// the people and organisations written again or with a part in those sessions, from the records: the rows' text and
    /// terms are left alone (SQLite's FTS5 trigger fires on a change of the terms only), and a row already right is not
    /// written. Run last, after any row written again above, so it answers from what they hold.
    /// </summary>
    public static async Task VisibilityAsync(PlenaryDb db, SearchChanges changes, CancellationToken cancel)
    {
        foreach (var forum in changes.VisibilityForums)
        {
            changes.Visibility.UnionWith(await db.Sessions.Where(s => s.ForumId == forum).Select(s => s.Id).ToListAsync(cancel));
            var published = await db.OutcomeDocuments.AnyAsync(d => d.ForumId == forum && d.PublishedAt != null, cancel);
            var languages = await db.OutcomeLanguages.Where(l => l.ForumId == forum).Select(l => l.Language).ToListAsync(cancel);
            var messages = db.SearchEntries.Where(e => e.MessageId != null && e.ForumId == forum);
            await SetHiddenAsync(messages.Where(e => published && (!e.Translated || languages.Contains(e.Language))), false, cancel);
            await SetHiddenAsync(messages.Where(e => !(published && (!e.Translated || languages.Contains(e.Language)))), true, cancel);
        }
        // The people and organisations with a part in a session whose visibility changed: a release makes its speakers
        // public, or not yet. Their rows are set below with those of the people and organisations written again.
        var people = new HashSet<int>(changes.People);
        var organisations = new HashSet<int>(changes.Organisations);
        foreach (var chunk in changes.Visibility.Chunk(Batch))
        {
            var parts = await db.SessionRoles.Where(r => chunk.Contains(r.SessionId)).Select(r => new { r.PersonId, r.OrganisationId }).ToListAsync(cancel);
            people.UnionWith(parts.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value));
            organisations.UnionWith(parts.Where(r => r.OrganisationId is not null).Select(r => r.OrganisationId!.Value));
        }
        changes.Visibility.ExceptWith(changes.Sessions);
        foreach (var chunk in changes.Visibility.Chunk(Batch))
        {
            var hidden = await HiddenSessionsAsync(db, chunk, cancel);
            var shown = chunk.Except(hidden).ToList();
            await SetHiddenAsync(db.SearchEntries.Where(e => e.SessionId != null && hidden.Contains(e.SessionId.Value)), true, cancel);
            await SetHiddenAsync(db.SearchEntries.Where(e => e.SessionId != null && shown.Contains(e.SessionId.Value)), false, cancel);
        }
        // A person or an organisation is found as the forum's people page lists them: with a part in a session the public
        // sees (PublishedTimetable.PublicSessions; a cancelled one counts, as their own page shows it cancelled). Before,
        // the speakers of a programme not yet released could be found by name, and linked to a page that listed nothing.
        var publicSessions = PublishedTimetable.PublicSessions(db);
        foreach (var chunk in people.Chunk(Batch))
        {
            var shown = await db.SessionRoles.Where(r => r.PersonId != null && chunk.Contains(r.PersonId.Value) && publicSessions.Any(s => s.Id == r.SessionId))
                .Select(r => r.PersonId!.Value).Distinct().ToListAsync(cancel);
            var hidden = chunk.Except(shown).ToList();
            await SetHiddenAsync(db.SearchEntries.Where(e => e.PersonId != null && hidden.Contains(e.PersonId.Value)), true, cancel);
            await SetHiddenAsync(db.SearchEntries.Where(e => e.PersonId != null && shown.Contains(e.PersonId.Value)), false, cancel);
        }
        foreach (var chunk in organisations.Chunk(Batch))
        {
            var shown = await db.SessionRoles.Where(r => r.OrganisationId != null && chunk.Contains(r.OrganisationId.Value) && publicSessions.Any(s => s.Id == r.SessionId))
                .Select(r => r.OrganisationId!.Value).Distinct().ToListAsync(cancel);
            var hidden = chunk.Except(shown).ToList();
            await SetHiddenAsync(db.SearchEntries.Where(e => e.OrganisationId != null && hidden.Contains(e.OrganisationId.Value)), true, cancel);
            await SetHiddenAsync(db.SearchEntries.Where(e => e.OrganisationId != null && shown.Contains(e.OrganisationId.Value)), false, cancel);
        }
    }

    /// <summary>Sets these rows' <see cref="SearchEntry.Hidden"/>, writing only those not already right.</summary>
    private static Task<int> SetHiddenAsync(IQueryable<SearchEntry> rows, bool hidden, CancellationToken cancel) =>
        rows.Where(e => e.Hidden != hidden).ExecuteUpdateAsync(u => u.SetProperty(e => e.Hidden, hidden), cancel);

    /// <summary>
    /// Which of these sessions the public may not see: a cancelled one, and before its forum's first release that is all;
    /// after it, those its latest release does not hold or holds as cancelled (<see cref="PublishedTimetable"/>).
    /// </summary>
    private static async Task<List<int>> HiddenSessionsAsync(PlenaryDb db, IReadOnlyCollection<int> ids, CancellationToken cancel)
    {
        var sessions = await db.Sessions.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.ForumId, s.Status }).ToListAsync(cancel);
        var hidden = new List<int>();
        foreach (var forum in sessions.GroupBy(s => s.ForumId))
        {
            var timetable = await PublishedTimetable.LoadForAsync(db, forum.Key, forum.Select(s => s.Id).ToList(), cancel);
            hidden.AddRange(forum.Where(s => timetable.StatusOf(s.Id, s.Status) is null or SessionStatus.Cancelled).Select(s => s.Id));
        }
        return hidden;
    }

    /// <summary>Every row written again from the records: for recovery, and after a bulk import that bypassed the tracker.</summary>
    public static async Task<int> RebuildAsync(PlenaryDb db, CancellationToken cancel)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await db.SearchEntries.ExecuteDeleteAsync(cancel);
        if (db.Database.IsSqlite())
        {
            // The FTS table is rebuilt from its content table too, in case it was the part that broke.
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"SearchTerms\"(\"SearchTerms\") VALUES('rebuild')", cancel);
        }
        var changes = new SearchChanges();
        changes.Sessions.UnionWith(await db.Sessions.Select(s => s.Id).ToListAsync(cancel));
        changes.Messages.UnionWith(await db.ForumMessages.Select(m => m.Id).ToListAsync(cancel));
        changes.People.UnionWith(await db.SessionRoles.Where(r => r.PersonId != null).Select(r => r.PersonId!.Value).Distinct().ToListAsync(cancel));
        changes.Organisations.UnionWith(await db.SessionRoles.Where(r => r.OrganisationId != null).Select(r => r.OrganisationId!.Value).Distinct().ToListAsync(cancel));
        await WriteAsync(db, changes, cancel);
        await transaction.CommitAsync(cancel);
        await MergeAsync(db, cancel);
        return await db.SearchEntries.CountAsync(cancel);
    }

    /// <summary>Pages of FTS5's index one merge step writes (about a tenth of a second): other writers wait no longer than one step.</summary>
    private const int MergeStep = 500;

    /// <summary>
    /// Merges the full-text index after a bulk write: the rebuild, an archive import, the benchmark's seeding. SQLite's FTS5
    /// adds each transaction's terms as a new segment and merges segments only when four of one size have piled up
    /// (its "automerge"), so an archive written forum by forum is left in a dozen segments of every size, and every match
    /// reads its words' posting lists in each: merged into one, the matches of the full-scale archive took 20-30 % less
    /// time (docs/performance.md). Done as FTS5's 'merge' with a negative count, which merges every segment into one as
    /// 'optimize' does, but a step at a time, each in its own short transaction, so that a takeaway saved meanwhile waits
    /// for one step, not for the whole merge (8 s at full scale). Small writes are left to FTS5's own automerge, which
    /// keeps the segments few without rewriting the large one on every save. PostgreSQL: the GIN index's pending list
    /// is merged (<see cref="SearchPendingList"/>). Run outside any transaction of the caller's.
    /// </summary>
    /// <returns>The merge steps that did work.</returns>
    public static async Task<int> MergeAsync(PlenaryDb db, CancellationToken cancel)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.SqlQueryRaw<long>($"""SELECT gin_clean_pending_list('"{PostgresVectorIndex}"'::regclass) AS "Value" """).ToListAsync(cancel);
            return 0;
        }
        // total_changes() is the connection's own count: the steps and the counts on one connection.
        await db.Database.OpenConnectionAsync(cancel);
        try
        {
            Task<long> Changes() => db.Database.SqlQueryRaw<long>("""SELECT total_changes() AS "Value" """).SingleAsync(cancel);
            var steps = 0;
            while (true)
            {
                var before = await Changes();
                await db.Database.ExecuteSqlRawAsync($"""INSERT INTO "SearchTerms"("SearchTerms", rank) VALUES('merge', -{MergeStep})""", cancel);
                // FTS5 says a step found nothing left to merge by changing fewer than two rows.
                if (await Changes() - before < 2)
                {
                    return steps;
                }
                steps++;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task AddAsync(PlenaryDb db, List<SearchEntry> rows, CancellationToken cancel)
    {
        if (rows.Count == 0)
        {
            return;
        }
        db.SearchEntries.AddRange(rows);
        await db.SaveChangesAsync(cancel);
        // The rows are not the caller's: left tracked, they would be saved again or seen by its next save.
        foreach (var row in rows)
        {
            db.Entry(row).State = EntityState.Detached;
        }
        rows.Clear();
    }

    private static async Task<List<SearchEntry>> SessionRowsAsync(PlenaryDb db, int[] ids, CancellationToken cancel)
    {
        var sessions = await db.Sessions.AsNoTracking().AsSplitQuery().Where(s => ids.Contains(s.Id))
            .Include(s => s.Forum).Include(s => s.Takeaways).Include(s => s.Report).Include(s => s.GenderReport)
            .Include(s => s.Sections).ThenInclude(x => x.Section)
            .ToListAsync(cancel);
        var transcripts = await db.Transcripts.Where(t => ids.Contains(t.SessionId)).Select(t => new { t.SessionId, t.SearchText }).ToDictionaryAsync(t => t.SessionId, t => t.SearchText, cancel);
        var translations = (await db.SessionTranslations.Where(t => ids.Contains(t.SessionId)).ToListAsync(cancel)).ToLookup(t => t.SessionId);
        var facets = await SearchFacetBits.OfSessionsAsync(db, ids, cancel);
        var hidden = (await HiddenSessionsAsync(db, ids, cancel)).ToHashSet();
        var rows = new List<SearchEntry>();
        foreach (var session in sessions)
        {
            var original = ContentLanguage.OriginalOf(session, session.Forum);
            var columns = new SessionColumns(session.Id, session.ForumId, session.Forum.Year, session.TypeId, session.SubthemeId,
                facets.GetValueOrDefault(session.Id), hidden.Contains(session.Id));
            void Add(SearchPart part, string? text, string language, bool translated, bool markdown = true) =>
                AddPassages(rows, columns, part, markdown ? SafeMarkdown.ToPlainText(text) : text?.Trim() ?? "", language, translated);
            Add(SearchPart.Title, session.Title, original, false, markdown: false);
            Add(SearchPart.Description, session.Description, original, false);
            Add(SearchPart.Description, session.Approach, original, false);
            var sections = session.Sections.Where(x => x.Section.IsPublic).ToList();
            foreach (var section in sections)
            {
                Add(SearchPart.Sections, section.Text, original, false);
            }
            foreach (var takeaway in InOrder(session.Takeaways))
            {
                Add(PartOf(takeaway.Kind), takeaway.Text, original, false);
            }
            if (session.Report is { } report)
            {
                foreach (var text in new[] { report.KeyIssues, report.Presentations, report.Body, report.WayForward })
                {
                    Add(SearchPart.Report, text, original, false);
                }
            }
            Add(SearchPart.GenderReport, session.GenderReport?.Narrative, original, false);
            Add(SearchPart.Transcript, transcripts.GetValueOrDefault(session.Id), original, false, markdown: false);
            // A translation is searchable while its original is there to be read beside it, as the session page shows it.
            foreach (var t in translations[session.Id].Where(t => !string.Equals(t.Language, original, StringComparison.OrdinalIgnoreCase)))
            {
                SearchPart? part = t.Part switch
                {
                    TranslatedPart.Title => SearchPart.Title,
                    TranslatedPart.Description or TranslatedPart.Approach => SearchPart.Description,
                    TranslatedPart.Section when sections.Any(x => x.SectionId == t.PartId) => SearchPart.Sections,
                    TranslatedPart.Takeaway or TranslatedPart.CallToAction => PartOfTranslated(t, session.Takeaways),
                    TranslatedPart.ReportKeyIssues or TranslatedPart.ReportPresentations or TranslatedPart.ReportBody or TranslatedPart.ReportWayForward
                        when session.Report is not null => SearchPart.Report,
                    _ => null,
                };
                if (part is { } found)
                {
                    Add(found, t.Text, t.Language, true, markdown: found != SearchPart.Title);
                }
            }
        }
        return rows;
    }

    /// <summary>
    /// Writes again only the rows of these sessions' takeaways and calls to action (and of their translations), the rest
    /// of each session's rows left as they are: a rapporteur's submission (300 in the hour after an IGF's sessions end)
    /// changes nothing else, and writing the whole session again read and analysed its title, description, sections,
    /// report and transcript, and its facets and visibility, about a dozen queries inside the submission's transaction.
    /// What every row of a session shares (forum, year, type, subtheme, facets, visibility, original language) is taken
    /// from its title's row, which this index keeps right on every change; a session without one is written whole.
    /// </summary>
    private static async Task TakeawayRowsAsync(PlenaryDb db, int[] ids, List<SearchEntry> rows, CancellationToken cancel)
    {
        var titles = await db.SearchEntries
            .Where(e => e.SessionId != null && ids.Contains(e.SessionId.Value) && e.Part == SearchPart.Title && !e.Translated)
            .Select(e => new { SessionId = e.SessionId!.Value, e.ForumId, e.Year, e.SessionTypeId, e.SubthemeId, e.Facets, e.Hidden, e.Language })
            .ToListAsync(cancel);
        var shared = titles.DistinctBy(t => t.SessionId).ToDictionary(t => t.SessionId);
        var whole = ids.Where(id => !shared.ContainsKey(id)).ToArray();
        if (whole.Length > 0)
        {
            await db.SearchEntries.Where(e => e.SessionId != null && whole.Contains(e.SessionId.Value)).ExecuteDeleteAsync(cancel);
            rows.AddRange(await SessionRowsAsync(db, whole, cancel));
        }
        var parts = ids.Where(shared.ContainsKey).ToArray();
        if (parts.Length > 0)
        {
            await db.SearchEntries.Where(e => e.SessionId != null && parts.Contains(e.SessionId.Value)
                && (e.Part == SearchPart.Takeaways || e.Part == SearchPart.CallsToAction)).ExecuteDeleteAsync(cancel);
            // The takeaways each with the translations at its position, in one statement (a round trip less inside the
            // submission's transaction): a translation is searchable only beside its original, so joining them loses none
            // that counts. Joined on plain equalities (SQLite has no lateral join); whether a translation is of this
            // takeaway's kind is checked here.
            var pieces = await (
                from t in db.Takeaways
                where parts.Contains(t.SessionId)
                join x in db.SessionTranslations.Where(x => x.Part == TranslatedPart.Takeaway || x.Part == TranslatedPart.CallToAction)
                    on new { t.SessionId, Position = t.Position } equals new { x.SessionId, Position = x.PartId } into found
                from translation in found.DefaultIfEmpty()
                select new TakeawayPiece
                {
                    Id = t.Id, SessionId = t.SessionId, Kind = t.Kind, Position = t.Position, Text = t.Text,
                    Language = translation == null ? null : translation.Language, Translated = translation == null ? null : translation.Text,
                    Part = translation == null ? null : translation.Part,
                }).ToListAsync(cancel);
            var takeaways = pieces.DistinctBy(p => p.Id)
                .ToLookup(p => p.SessionId, p => new Takeaway { Id = p.Id, SessionId = p.SessionId, Kind = p.Kind, Position = p.Position, Text = p.Text });
            var translations = pieces.Where(p => p is { Language: not null, Translated: not null, Part: { } part } && part == TranslatedPartOf(p.Kind))
                .DistinctBy(p => (p.SessionId, p.Language, p.Part, p.Position))
                .ToLookup(p => p.SessionId, p => new SessionTranslation
                {
                    SessionId = p.SessionId, Language = p.Language!, Part = p.Part!.Value, PartId = p.Position, Text = p.Translated!, OriginalDigest = "", TranslatedByName = "",
                });
            foreach (var id in parts)
            {
                var session = shared[id];
                var columns = new SessionColumns(id, session.ForumId, session.Year, session.SessionTypeId, session.SubthemeId, session.Facets, session.Hidden);
                foreach (var takeaway in InOrder(takeaways[id]))
                {
                    AddPassages(rows, columns, PartOf(takeaway.Kind), SafeMarkdown.ToPlainText(takeaway.Text), session.Language, false);
                }
                foreach (var t in translations[id].Where(t => !string.Equals(t.Language, session.Language, StringComparison.OrdinalIgnoreCase)))
                {
                    if (PartOfTranslated(t, takeaways[id]) is { } part)
                    {
                        AddPassages(rows, columns, part, SafeMarkdown.ToPlainText(t.Text), t.Language, true);
                    }
                }
            }
        }
        await AddAsync(db, rows, cancel);
    }

    /// <summary>A takeaway with one of its translations (language and text), or none.</summary>
    private sealed class TakeawayPiece
    {
        public int Id { get; init; }
        public int SessionId { get; init; }
        public TakeawayKind Kind { get; init; }
        public int Position { get; init; }
        public required string Text { get; init; }
        public string? Language { get; init; }
        public string? Translated { get; init; }
        public TranslatedPart? Part { get; init; }
    }

    private static TranslatedPart TranslatedPartOf(TakeawayKind kind) => kind == TakeawayKind.KeyTakeaway ? TranslatedPart.Takeaway : TranslatedPart.CallToAction;

    /// <summary>What every row of a session carries beside its text, so that a search can filter and count without joins.</summary>
    private readonly record struct SessionColumns(int SessionId, int? ForumId, int? Year, int? SessionTypeId, int? SubthemeId, long Facets, bool Hidden);

    // The rules below are shared by the whole session written again and its takeaways alone, so that both give the same
    // rows (a test compares them).
    private static void AddPassages(List<SearchEntry> rows, SessionColumns columns, SearchPart part, string plain, string language, bool translated)
    {
        if (plain.Length == 0)
        {
            return;
        }
        foreach (var passage in Passages(plain))
        {
            var row = Row(SearchKind.Session, part, passage, language, translated);
            (row.ForumId, row.Year, row.SessionTypeId, row.SubthemeId, row.SessionId, row.Facets, row.Hidden) =
                (columns.ForumId, columns.Year, columns.SessionTypeId, columns.SubthemeId, columns.SessionId, columns.Facets, columns.Hidden);
            rows.Add(row);
        }
    }

    private static IEnumerable<Takeaway> InOrder(IEnumerable<Takeaway> takeaways) => takeaways.OrderBy(t => t.Kind).ThenBy(t => t.Position);

    private static SearchPart PartOf(TakeawayKind kind) => kind == TakeawayKind.KeyTakeaway ? SearchPart.Takeaways : SearchPart.CallsToAction;

    /// <summary>A takeaway's or call to action's translation is searchable while its original is there; null for any other part.</summary>
    private static SearchPart? PartOfTranslated(SessionTranslation translation, IEnumerable<Takeaway> takeaways)
    {
        TakeawayKind? kind = translation.Part switch
        {
            TranslatedPart.Takeaway => TakeawayKind.KeyTakeaway,
            TranslatedPart.CallToAction => TakeawayKind.CallToAction,
            _ => null,
        };
        return kind is { } k && takeaways.Any(x => x.Kind == k && x.Position == translation.PartId) ? PartOf(k) : null;
    }

    private static async Task<List<SearchEntry>> MessageRowsAsync(PlenaryDb db, int[] ids, CancellationToken cancel)
    {
        // Drafts are never indexed; a message is hidden until the outcome document is public, a translation of it until
        // its language version is (publishing them sets the rows again: VisibilityAsync).
        var messages = await (from m in db.ForumMessages
                              join f in db.Forums on m.ForumId equals f.Id
                              where ids.Contains(m.Id) && m.PublishedAt != null
                              select new { Message = m, Forum = f }).ToListAsync(cancel);
        var forums = messages.Select(m => m.Forum.Id).Distinct().ToList();
        var published = (await db.OutcomeDocuments.Where(d => forums.Contains(d.ForumId) && d.PublishedAt != null).Select(d => d.ForumId).ToListAsync(cancel)).ToHashSet();
        var languages = (await db.OutcomeLanguages.Where(l => forums.Contains(l.ForumId)).Select(l => new { l.ForumId, l.Language }).ToListAsync(cancel))
            .Select(l => (l.ForumId, l.Language)).ToHashSet();
        var translations = (await db.MessageTranslations.Where(t => ids.Contains(t.MessageId)).ToListAsync(cancel)).ToLookup(t => t.MessageId);
        var rows = new List<SearchEntry>();
        foreach (var (message, forum) in messages.Select(m => (m.Message, m.Forum)))
        {
            var original = OutcomeLanguages.OriginalOf(forum);
            void Add(SearchPart part, string text, string language, bool translated)
            {
                var plain = part == SearchPart.Title ? text.Trim() : SafeMarkdown.ToPlainText(text);
                if (plain.Length == 0)
                {
                    return;
                }
                foreach (var passage in Passages(plain))
                {
                    var row = Row(SearchKind.Message, part, passage, language, translated);
                    (row.ForumId, row.Year, row.SubthemeId, row.MessageId) = (forum.Id, forum.Year, message.SubthemeId, message.Id);
                    // Compared as the search compared them, exactly.
                    row.Hidden = !published.Contains(forum.Id) || (translated && !languages.Contains((forum.Id, language)));
                    rows.Add(row);
                }
            }
            Add(SearchPart.Title, message.Title, original, false);
            Add(SearchPart.Message, message.Body, original, false);
            foreach (var t in translations[message.Id].Where(t => !string.Equals(t.Language, original, StringComparison.OrdinalIgnoreCase)))
            {
                Add(SearchPart.Title, t.Title, t.Language, true);
                Add(SearchPart.Message, t.Body, t.Language, true);
            }
        }
        return rows;
    }

    /// <summary>About how many words a row of a long text holds (<see cref="Passages"/>).</summary>
    public const int PassageWords = 500;

    /// <summary>Characters at most in a passage, for scripts written without spaces (Chinese), whose words cannot be counted by them.</summary>
    public const int PassageCharacters = 4_000;

    /// <summary>
    /// A long text (a transcript, a long report or message) cut into passages of about <see cref="PassageWords"/> words,
    /// each an index row of its own, ended at a line (a speaker's turn), else a sentence, else a word. A record is ranked
    /// by its best row, so a transcript is ranked by the passage that says most about the query, on a row as short as a
    /// report's (bm25 and ts_rank both weigh a match by the row's length; on PostgreSQL a short row's tsvector is
    /// stored in the row, where a whole transcript's was read from TOAST and decompressed for every ranking), and its
    /// snippet comes from that passage. A short text is one passage; a last piece of fewer than half the words joins the one before.
    /// </summary>
    public static IEnumerable<string> Passages(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = PassageEnd(text, start, PassageWords);
            if (end < text.Length && PassageEnd(text, end, PassageWords / 2) >= text.Length)
            {
                end = text.Length;
            }
            var passage = text[start..end].Trim();
            if (passage.Length > 0)
            {
                yield return passage;
            }
            start = end;
        }
    }

    /// <summary>Where a passage from <paramref name="start"/> of at most <paramref name="words"/> words (and <see cref="PassageCharacters"/>) ends.</summary>
    private static int PassageEnd(string text, int start, int words)
    {
        var at = start;
        var limit = Math.Min(text.Length, start + PassageCharacters);
        for (var counted = 0; at < limit; at++)
        {
            if (char.IsWhiteSpace(text[at]) && at > start && !char.IsWhiteSpace(text[at - 1]) && ++counted == words)
            {
                break;
            }
        }
        if (at >= text.Length)
        {
            return text.Length;
        }
        // Back to the last line or sentence end in the passage's second half, else the last space; a surrogate pair is never cut.
        var half = start + (at - start) / 2;
        foreach (var ends in new[] { "\n", ". |? |! |。|？|！|؟ ", " " })
        {
            var best = -1;
            foreach (var end in ends.Split('|'))
            {
                var found = text.LastIndexOf(end, at - 1, at - half, StringComparison.Ordinal);
                best = Math.Max(best, found < 0 ? -1 : found + end.Length);
            }
            if (best > half)
            {
                return best;
            }
        }
        return char.IsLowSurrogate(text[at]) ? at + 1 : at;
    }

    private static SearchEntry NameRow(SearchKind kind, SearchPart part, string name, int? person, int? organisation)
    {
        var row = Row(kind, part, name.Trim(), NoLanguage, false);
        (row.PersonId, row.OrganisationId) = (person, organisation);
        return row;
    }

    private static SearchEntry Row(SearchKind kind, SearchPart part, string text, string language, bool translated)
    {
        text = text.Length > SearchEntry.MaxText ? text[..SearchEntry.MaxText] : text;
        var weight = SearchWeights.Of(part);
        return new SearchEntry
        {
            Kind = kind, Part = part, Language = language, Translated = translated, Weight = weight,
            Text = text, Terms = SearchTiers.MarkAll(SearchAnalysis.Terms(text, language), weight),
        };
    }
}
