using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Manage;

/// <summary>
/// people.csv: one person per row. The key is the file's own reference for the person, used by sessions.csv
/// uploaded with it; a person already on record is found by exact name and affiliation and updated.
/// Gender and e-mail are never part of it.
/// </summary>
public static class PeopleCsv
{
    public const string FileName = "people.csv";

    public static readonly string[] Columns = ["key", "honorific", "name", "title", "affiliation", "stakeholder_group", "regional_group", "country"];

    private static readonly HashSet<string> CountryCodes = [.. Countries.Codes];

    /// <summary>Name lookups go to the database in slices, so a 20,000-row file is a handful of queries, not 20,000.</summary>
    internal const int LookupSlice = 1_000;

    public static async Task PlanAsync(ImportPlan plan, PlenaryDb db, List<CsvRow> rows, IStringLocalizer L, CancellationToken cancel)
    {
        var problems = plan.Problems;
        var read = new List<(CsvCells Cells, string Key, Person Values)>(rows.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var cells = new CsvCells(FileName, row, problems, L);
            var key = cells.Text("key", 200, required: true);
            var person = new Person
            {
                Honorific = cells.Text("honorific", 20),
                Name = cells.Text("name", 200, required: true) ?? "",
                Title = cells.Text("title", 300),
                Affiliation = cells.Text("affiliation", 300),
                StakeholderGroup = cells.Choice<StakeholderGroup>("stakeholder_group"),
                RegionalGroup = cells.Choice<RegionalGroup>("regional_group"),
                CountryCode = cells.Text("country", 80)?.ToUpperInvariant(),
            };
            if (person.CountryCode is { } country && !CountryCodes.Contains(country))
            {
                cells.Problem("country", L["“{0}” is not an ISO 3166 country code. Use two letters, such as KE, FR or BR.", country]);
            }
            if (key is not null && !keys.Add(key))
            {
                cells.Problem("key", L["The key “{0}” is already used by another row of this file. Give each person their own key.", key]);
            }
            if (!cells.Failed && key is not null)
            {
                read.Add((cells, key, person));
            }
            else
            {
                // sessions.csv may name this person: that row is already reported, so say nothing more there.
                plan.Unusable.UnionWith(new[] { key, person.Name }.OfType<string>());
            }
        }

        // Existing people with those names, oldest first. A row keeps the person its exported key names, if the name and
        // affiliation still match; otherwise it takes the first person of its name and affiliation not taken yet.
        var names = read.Select(r => r.Values.Name).Distinct().ToList();
        var existing = await FindByNameAsync(db, names, cancel);
        var byId = existing.ToDictionary(p => p.Id);
        var claimed = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var (_, key, values) in read)
        {
            if (IdOf(key) is { } id && byId.TryGetValue(id, out var keyed) && Matches(keyed, values) && !claimed.ContainsValue(keyed))
            {
                claimed[key] = keyed;
            }
        }
        var taken = claimed.Values.ToHashSet();
        var candidates = existing.Where(p => !taken.Contains(p)).GroupBy(p => (p.Name, p.Affiliation ?? "")).ToDictionary(g => g.Key, g => new Queue<Person>(g));
        foreach (var (cells, key, values) in read)
        {
            Change change;
            Person person;
            if (claimed.TryGetValue(key, out var found)
                || (candidates.TryGetValue((values.Name, values.Affiliation ?? ""), out var queue) && queue.TryDequeue(out found)))
            {
                person = found;
                change = Same(found.Honorific, values.Honorific) && Same(found.Title, values.Title) && found.StakeholderGroup == values.StakeholderGroup
                    && found.RegionalGroup == values.RegionalGroup && Same(found.CountryCode, values.CountryCode) ? Change.Unchanged : Change.Update;
                if (change == Change.Update)
                {
                    (found.Honorific, found.Title, found.StakeholderGroup, found.RegionalGroup, found.CountryCode) =
                        (values.Honorific, values.Title, values.StakeholderGroup, values.RegionalGroup, values.CountryCode);
                }
            }
            else
            {
                person = values;
                change = Change.Create;
            }
            plan.People.Add(new PlannedPerson(cells.Row, key, person, change));
        }
    }

    /// <summary>
    /// For the preview: the people on record whom a row the import would add looks like (same folded name, same e-mail as
    /// its key, a similar name), by row. The Secretariat may link the row to one of them instead (<see cref="LinkChosenAsync"/>).
    /// </summary>
    public static async Task<Dictionary<int, List<Lookalike>>> LookalikesAsync(PlenaryDb db, ImportPlan plan, CancellationToken cancel)
    {
        var added = plan.People.Where(p => p.Change == Change.Create).ToList();
        if (added.Count == 0)
        {
            return [];
        }
        var everyone = await Duplicates.EveryoneAsync(db, cancel);
        return added.Select(p => (p.Row, Like: Duplicates.Of(Print(p), everyone))).Where(x => x.Like.Count > 0).ToDictionary(x => x.Row, x => x.Like);
    }

    /// <summary>The form field that carries the choice for a row: the id of the person on record to link it to.</summary>
    public static string LinkField(int row) => "link-" + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Before writing, rows the Secretariat chose to link to a person on record (one the preview offered, nobody else)
    /// become that person: the sessions naming the row name them, nobody is added, their record stays as it is. The
    /// links are kept in the audit log with the import.
    /// </summary>
    public static async Task LinkChosenAsync(PlenaryDb db, ImportPlan plan, IFormCollection form, System.Security.Claims.ClaimsPrincipal user, TimeProvider clock,
        int forumId, CancellationToken cancel)
    {
        var chosen = plan.People.Select((p, i) => (Planned: p, Index: i, Target: int.TryParse(form[LinkField(p.Row)], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0))
            .Where(x => x.Planned.Change == Change.Create && x.Target > 0).ToList();
        if (chosen.Count == 0)
        {
            return;
        }
        var offered = await LookalikesAsync(db, plan, cancel);
        var linked = new List<object>();
        foreach (var (planned, index, target) in chosen)
        {
            if (!(offered.GetValueOrDefault(planned.Row)?.Any(l => l.Person.Id == target) ?? false)
                || await db.People.AsTracking().FirstOrDefaultAsync(p => p.Id == target, cancel) is not { } existing)
            {
                continue;
            }
            foreach (var role in plan.Sessions.SelectMany(s => s.Session.Roles).Where(r => ReferenceEquals(r.Person, planned.Person)))
            {
                role.Person = existing;
                role.PersonId = existing.Id;
            }
            if (db.ChangeTracker.Entries<Person>().FirstOrDefault(e => ReferenceEquals(e.Entity, planned.Person)) is { } entry)
            {
                entry.State = EntityState.Detached;
            }
            plan.People[index] = planned with { Person = existing, Change = Change.Unchanged };
            linked.Add(new { row = planned.Row, key = planned.Key, name = planned.Person.Name, person = existing.Id, onRecord = existing.Name });
        }
        if (linked.Count > 0)
        {
            Kernel.Audit.Audit.Record(db, user, clock, forumId, "import.link", FileName, null, linked);
        }
    }

    // A key that is an e-mail address (the column's help suggests one) is compared with the addresses people are known by.
    private static PersonPrint Print(PlannedPerson p) =>
        new(0, p.Person.Name, p.Person.Affiliation, p.Key.Contains('@', StringComparison.Ordinal) ? [p.Key] : []);

    internal static async Task<List<Person>> FindByNameAsync(PlenaryDb db, IReadOnlyCollection<string> names, CancellationToken cancel)
    {
        var found = new List<Person>();
        foreach (var slice in names.Chunk(LookupSlice))
        {
            found.AddRange(await db.People.AsTracking().Where(p => EF.Parameter(slice).Contains(p.Name)).ToListAsync(cancel));
        }
        return found.OrderBy(p => p.Id).ToList();
    }

    private static bool Matches(Person a, Person b) => a.Name == b.Name && Same(a.Affiliation, b.Affiliation);

    private static int? IdOf(string key) =>
        key.StartsWith(KeyPrefix, StringComparison.Ordinal) && int.TryParse(key.AsSpan(KeyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    internal static bool Same(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.Ordinal);

    /// <summary>The key an export gives a person already on record: stable, and never mistaken for a name.</summary>
    public static string KeyOf(Person person) => KeyPrefix + person.Id.ToString(CultureInfo.InvariantCulture);

    private const string KeyPrefix = "person-";

    /// <summary>The people of a forum's sessions, as people.csv: the file sessions.csv refers to.</summary>
    public static async Task<byte[]> ExportAsync(PlenaryDb db, Forums.Forum forum, CancellationToken cancel)
    {
        var people = await db.People.AsNoTracking()
            .Where(p => db.SessionRoles.Any(r => r.PersonId == p.Id && db.Sessions.Any(s => s.Id == r.SessionId && s.ForumId == forum.Id)))
            .OrderBy(p => p.Id).ToListAsync(cancel);
        return Export(people);
    }

    private static byte[] Export(IEnumerable<Person> people) =>
        CsvFiles.Write(Columns, people.Select(p => (IReadOnlyList<string?>)
        [
            KeyOf(p), p.Honorific, p.Name, p.Title, p.Affiliation, p.StakeholderGroup?.ToString(), p.RegionalGroup?.ToString(), p.CountryCode,
        ]));

    public static byte[] Template() =>
        CsvFiles.Write(Columns, [["amina", "Dr.", "Amina Diallo", "Director of Research", "University of Dakar", "Academia", "AfricanGroup", "SN"]]);
}
