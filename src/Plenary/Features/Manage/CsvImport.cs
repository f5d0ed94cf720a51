using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

public enum Change
{
    Create,
    Update,
    Unchanged,
}

public sealed record PlannedPerson(int Row, string Key, Person Person, Change Change);

/// <param name="Key">The session's name, as its page gives it ("Open Forum #56", or the type's name for one without a number).</param>
/// <param name="Session">As it will be once imported, its people linked, for the preview to show.</param>
/// <param name="Room">The room's name, when it is in one.</param>
/// <param name="Changes">For a session on record, each column whose value the row changes, as sessions.csv writes it.</param>
public sealed record PlannedSession(int Row, string Key, string Title, Session Session, Change Change, string? Room = null, IReadOnlyList<FieldChange>? Changes = null);

/// <summary>One field of a session on record that an import changes: its sessions.csv column, the value on record and the new one (null: empty).</summary>
public sealed record FieldChange(string Column, string? Before, string? After);

/// <summary>
/// What an import would do, worked out without writing anything: every problem, and every person, organisation
/// and session it would create or update. The changes sit in the context's change tracker until
/// <see cref="CsvImport.ApplyAsync"/> saves them, all at once, or never.
/// </summary>
public sealed class ImportPlan
{
    public List<CsvProblem> Problems { get; } = [];
    public List<PlannedPerson> People { get; } = [];
    public List<PlannedSession> Sessions { get; } = [];
    public List<Organisation> NewOrganisations { get; } = [];

    /// <summary>Keys and names of people.csv rows with problems of their own.</summary>
    public HashSet<string> Unusable { get; } = new(StringComparer.Ordinal);

    /// <summary>No problem, and something to change: a file identical to what is on record has nothing to import.</summary>
    public bool CanImport => Problems.Count == 0 && Count(Change.Create) + Count(Change.Update) > 0;

    public int Count(Change change) => People.Count(p => p.Change == change) + Sessions.Count(s => s.Change == change);
}

/// <summary>The summary kept in the audit log and shown after an import.</summary>
public sealed record ImportSummary(string Files, int PeopleCreated, int PeopleUpdated, int PeopleUnchanged, int SessionsCreated, int SessionsUpdated,
    int SessionsUnchanged, List<string> NewOrganisations);

public static class CsvImport
{
    public const string AuditAction = "import";
    public const string AuditRowsAction = "import.rows";

    /// <summary>Audit entries hold at most 100,000 characters; the changed rows' keys are spread over as many as needed.</summary>
    private const int AuditChunkCharacters = 60_000;

    public static async Task<ImportPlan> PlanAsync(PlenaryDb db, Forum forum, SdgCatalogue sdgs, SessionChange change, byte[]? people, byte[]? sessions,
        IStringLocalizer L, CancellationToken cancel)
    {
        var plan = new ImportPlan();
        var peopleRows = people is null ? null : Read(plan, PeopleCsv.FileName, people, PeopleCsv.Columns, L);
        var sessionRows = sessions is null ? null : Read(plan, SessionCsv.FileName, sessions, SessionCsv.ReadableOf(forum), L, SessionCsv.Required);
        if (plan.Problems.Count > 0)
        {
            // A file that cannot be read would only bury its own message under a row-by-row echo of it.
            return plan;
        }
        if (peopleRows is not null)
        {
            await PeopleCsv.PlanAsync(plan, db, peopleRows, L, cancel);
        }
        if (sessionRows is not null)
        {
            await SessionCsv.PlanAsync(plan, db, forum, sdgs, change, sessionRows, L, cancel);
        }
        return plan;
    }

    /// <summary>An uploaded file's bytes: null when none was sent, or when it is too large, which is added to <paramref name="plan"/>'s problems.</summary>
    public static async Task<byte[]?> ReadUploadAsync(IFormFile? file, string name, ImportPlan plan, IStringLocalizer L, CancellationToken cancel)
    {
        if (file is null || file.Length == 0)
        {
            return null;
        }
        if (file.Length > CsvFiles.MaxBytes)
        {
            plan.Problems.Add(new CsvProblem(name, 0, null, L["The file is larger than {0} MB. Split it into several files.", CsvFiles.MaxBytes / 1024 / 1024]));
            return null;
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancel);
        return buffer.ToArray();
    }

    private static List<CsvRow> Read(ImportPlan plan, string file, byte[] bytes, string[] columns, IStringLocalizer L, IReadOnlyCollection<string>? required = null)
    {
        var (rows, problems) = CsvFiles.Read(file, bytes, columns, L, required);
        plan.Problems.AddRange(problems);
        return rows;
    }

    /// <summary>Writes the whole plan in one transaction, with its audit entries; returns the summary entry's id.</summary>
    public static async Task<long> ApplyAsync(PlenaryDb db, ClaimsPrincipal user, TimeProvider clock, Forum forum, ImportPlan plan, string files, CancellationToken cancel)
    {
        if (!plan.CanImport)
        {
            throw new InvalidOperationException("A plan with problems is never written.");
        }
        db.People.AddRange(plan.People.Where(p => p.Change == Change.Create).Select(p => p.Person));
        db.Organisations.AddRange(plan.NewOrganisations);
        db.Sessions.AddRange(plan.Sessions.Where(s => s.Change == Change.Create).Select(s => s.Session));

        db.Record(user, clock, forum.Id, AuditAction, files, null, Summarise(plan, files));
        var changed = plan.People.Where(p => p.Change != Change.Unchanged).Select(p => (File: PeopleCsv.FileName, p.Row, p.Key, p.Change))
            .Concat(plan.Sessions.Where(s => s.Change != Change.Unchanged).Select(s => (File: SessionCsv.FileName, s.Row, s.Key, s.Change)));
        var chunk = new List<object>();
        var size = 0;
        foreach (var (file, row, key, change) in changed)
        {
            chunk.Add(new { file, row, key, change = change.ToString() });
            size += key.Length + file.Length + 50;
            if (size > AuditChunkCharacters)
            {
                db.Record(user, clock, forum.Id, AuditRowsAction, files, null, chunk);
                (chunk, size) = ([], 0);
            }
        }
        if (chunk.Count > 0)
        {
            db.Record(user, clock, forum.Id, AuditRowsAction, files, null, chunk);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return db.AuditLog.Local.Where(e => e.Action == AuditAction).Max(e => e.Id);
    }

    /// <summary>
    /// What each row of a plan does, as a short digest per file and row: the preview seals them, and the import compares
    /// them with a plan made again at write time, so that what is written is what the Secretariat saw (a session a
    /// colleague added since under the same number would otherwise be overwritten instead of added).
    /// </summary>
    public static Dictionary<(string File, int Row), int> RowDigests(ImportPlan plan)
    {
        static int Digest(string text) => BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)), 0);
        var digests = new Dictionary<(string File, int Row), int>();
        foreach (var p in plan.People)
        {
            digests[(PeopleCsv.FileName, p.Row)] = Digest(string.Join('\u001f', p.Key, p.Change, p.Person.Id, p.Person.Name, p.Person.Affiliation));
        }
        foreach (var s in plan.Sessions)
        {
            digests[(SessionCsv.FileName, s.Row)] = Digest(string.Join('\u001f', new object?[] { s.Key, s.Change, s.Session.Id }
                .Concat((s.Changes ?? []).SelectMany(c => new[] { c.Column, c.Before, c.After }))));
        }
        return digests;
    }

    /// <summary>The rows whose digest differs between the preview and now, or that only one of them has, in file and row order.</summary>
    public static List<(string File, int Row)> ChangedSince(IReadOnlyDictionary<(string File, int Row), int> previewed, ImportPlan now)
    {
        var current = RowDigests(now);
        return previewed.Keys.Union(current.Keys)
            .Where(k => !previewed.TryGetValue(k, out var before) || !current.TryGetValue(k, out var after) || before != after)
            .OrderBy(k => k.File == PeopleCsv.FileName ? 0 : 1).ThenBy(k => k.Row).ToList();
    }

    /// <summary>The counts of a plan, as the audit log keeps them and the page and API show them.</summary>
    public static ImportSummary Summarise(ImportPlan plan, string files) => new(files,
        plan.People.Count(p => p.Change == Change.Create), plan.People.Count(p => p.Change == Change.Update), plan.People.Count(p => p.Change == Change.Unchanged),
        plan.Sessions.Count(s => s.Change == Change.Create), plan.Sessions.Count(s => s.Change == Change.Update), plan.Sessions.Count(s => s.Change == Change.Unchanged),
        plan.NewOrganisations.Select(o => o.Name).ToList());

    public static async Task<ImportSummary?> SummaryAsync(PlenaryDb db, Forum forum, long entry, CancellationToken cancel)
    {
        var after = await db.AuditLog.Where(e => e.Id == entry && e.ForumId == forum.Id && e.Action == AuditAction).Select(e => e.After).FirstOrDefaultAsync(cancel);
        return after is null ? null : JsonSerializer.Deserialize<ImportSummary>(after, new JsonSerializerOptions(JsonSerializerDefaults.Web));
    }
}

/// <summary>
/// Finds the people and organisations a sessions.csv names: by key or name in the people.csv of the same import,
/// then (organisers) organisations on record, then people on record. An organiser found nowhere is a new organisation.
/// </summary>
internal sealed class PeopleFinder
{
    private readonly ImportPlan plan;
    private readonly Dictionary<string, Person> fileKeys;
    private readonly Dictionary<string, List<Person>> fileNames;
    private readonly Dictionary<string, Organisation> organisations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Person>> onRecord = new(StringComparer.Ordinal);

    private PeopleFinder(ImportPlan plan)
    {
        this.plan = plan;
        fileKeys = plan.People.ToDictionary(p => p.Key, p => p.Person, StringComparer.Ordinal);
        fileNames = plan.People.GroupBy(p => p.Person.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Person).Distinct().ToList(), StringComparer.Ordinal);
    }

    public static async Task<PeopleFinder> CreateAsync(ImportPlan plan, PlenaryDb db, IEnumerable<string> people, IEnumerable<string> organisers, CancellationToken cancel)
    {
        var finder = new PeopleFinder(plan);
        var organiserNames = organisers.Where(finder.NotInFile).ToHashSet(StringComparer.Ordinal);
        foreach (var slice in organiserNames.Chunk(PeopleCsv.LookupSlice))
        {
            foreach (var organisation in await db.Organisations.AsTracking().Where(o => EF.Parameter(slice).Contains(o.Name)).ToListAsync(cancel))
            {
                finder.organisations[organisation.Name] = organisation;
            }
        }
        var names = people.Where(finder.NotInFile).Concat(organiserNames.Where(n => !finder.organisations.ContainsKey(n))).ToHashSet(StringComparer.Ordinal);
        foreach (var group in (await PeopleCsv.FindByNameAsync(db, names, cancel)).GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            finder.onRecord[group.Key] = group.ToList();
        }
        return finder;
    }

    private bool NotInFile(string reference) => !fileKeys.ContainsKey(reference) && !fileNames.ContainsKey(reference);

    public (Person? Person, Organisation? Organisation)? Resolve(string reference, bool organiser, CsvCells cells, string column, IStringLocalizer L)
    {
        if (fileKeys.TryGetValue(reference, out var keyed))
        {
            return (keyed, null);
        }
        if (fileNames.TryGetValue(reference, out var named))
        {
            if (named.Count == 1)
            {
                return (named[0], null);
            }
            cells.Problem(column, L["Several rows of people.csv are called “{0}”. Give the key of the one you mean.", reference]);
            return null;
        }
        if (plan.Unusable.Contains(reference))
        {
            cells.Problem(column, L["“{0}” is a row of people.csv that has problems of its own; correct that row first.", reference]);
            return null;
        }
        if (organiser && organisations.TryGetValue(reference, out var organisation))
        {
            return (null, organisation);
        }
        if (onRecord.TryGetValue(reference, out var found))
        {
            if (found.Count == 1)
            {
                return (found[0], null);
            }
            cells.Problem(column, L["{0} people on record are called “{1}”. Add the one you mean to people.csv with a key, and give the key here.", found.Count, reference]);
            return null;
        }
        if (organiser)
        {
            if (reference.Length > Organisation.MaxName)
            {
                cells.Problem(column, Rules.TooLong(L, Organisation.MaxName, reference.Length));
                return null;
            }
            // Organisers may be organisations; one not on record yet is added, and the preview says so.
            var created = new Organisation { Name = reference };
            organisations[reference] = created;
            plan.NewOrganisations.Add(created);
            return (null, created);
        }
        cells.Problem(column, L["No one called “{0}” is in people.csv or on record. Add the person to people.csv, or check the spelling.", reference]);
        return null;
    }
}
