using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.People;

/// <summary>
/// A person merged into another: the merged record is gone, and its addresses (a speaker page linked from an old
/// programme, an API client's stored id) lead to the one that holds its roles now.
/// </summary>
public sealed class PersonMerge
{
    public int MergedId { get; set; }
    public int SurvivorId { get; set; }
    public DateTime MergedAt { get; set; }
}

public sealed class PersonMergeConfiguration : IEntityTypeConfiguration<PersonMerge>
{
    public void Configure(EntityTypeBuilder<PersonMerge> merge)
    {
        merge.ToTable("PersonMerges");
        merge.HasKey(m => m.MergedId);
        merge.Property(m => m.MergedId).ValueGeneratedNever();
        // A survivor removed later (an account deleted with its person) takes its old addresses with it: they answer 404.
        merge.HasOne<Person>().WithMany().HasForeignKey(m => m.SurvivorId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The parts of a person the Secretariat keeps from one record or the other when merging two.</summary>
public enum PersonField
{
    Honorific,
    Name,
    Title,
    Affiliation,
    StakeholderGroup,
    RegionalGroup,
    Country,
}

/// <summary>
/// Merges two records of one person, for the Secretariat: everything that refers to the merged record (session roles,
/// an account with its proposals and registrations, invitations, availability, hands raised) moves to the survivor,
/// in one transaction with an audit entry, and the merged record's addresses lead to the survivor from then on.
/// </summary>
public static class PersonMerging
{
    public const string AuditAction = "person.merge";

    /// <summary>The value of a field in a person, as the merge page shows and copies it.</summary>
    public static string? Value(Person p, PersonField field) => field switch
    {
        PersonField.Honorific => p.Honorific,
        PersonField.Name => p.Name,
        PersonField.Title => p.Title,
        PersonField.Affiliation => p.Affiliation,
        PersonField.StakeholderGroup => p.StakeholderGroup?.ToString(),
        PersonField.RegionalGroup => p.RegionalGroup?.ToString(),
        _ => p.CountryCode,
    };

    private static void Copy(Person from, Person to, PersonField field)
    {
        switch (field)
        {
            case PersonField.Honorific: to.Honorific = from.Honorific; break;
            case PersonField.Name: to.Name = from.Name; break;
            case PersonField.Title: to.Title = from.Title; break;
            case PersonField.Affiliation: to.Affiliation = from.Affiliation; break;
            case PersonField.StakeholderGroup: to.StakeholderGroup = from.StakeholderGroup; break;
            case PersonField.RegionalGroup: to.RegionalGroup = from.RegionalGroup; break;
            default: to.CountryCode = from.CountryCode; break;
        }
    }

    /// <summary>Which record each field is taken from unless the Secretariat says otherwise: the survivor's, or the other's where the survivor's is empty.</summary>
    public static int DefaultSource(Person survivor, Person merged, PersonField field) =>
        string.IsNullOrEmpty(Value(survivor, field)) && !string.IsNullOrEmpty(Value(merged, field)) ? merged.Id : survivor.Id;

    /// <summary>Where the address of a merged person leads now, if it was merged.</summary>
    public static Task<int?> SurvivorOfAsync(PlenaryDb db, int personId, CancellationToken cancel) =>
        db.Set<PersonMerge>().Where(m => m.MergedId == personId).Select(m => (int?)m.SurvivorId).FirstOrDefaultAsync(cancel);

    /// <summary>
    /// Merges <paramref name="merged"/> into <paramref name="survivor"/> (both tracked, both people of the forum's
    /// sessions), each field taken from the record <paramref name="sources"/> names (by person id; a field not named
    /// takes <see cref="DefaultSource"/>). A person with an account keeps their own profile, whichever record survives;
    /// two accounts are never merged here.
    /// </summary>
    public static async Task<ChangeResult<Person>> MergeAsync(PlenaryDb db, TimeProvider clock, IStringLocalizer L, Forum forum, ClaimsPrincipal user,
        Person merged, Person survivor, IReadOnlyDictionary<PersonField, int> sources, CancellationToken cancel)
    {
        if (merged.Id == survivor.Id)
        {
            return Refusal.Of("", L["Choose two different people to merge."]);
        }
        var holders = await db.Users.Where(a => a.PersonId == merged.Id || a.PersonId == survivor.Id).Select(a => a.PersonId).ToListAsync(cancel);
        if (holders.Count > 1)
        {
            return Refusal.Of("", L["{0} and {1} both have an account, and each account keeps its own record: they cannot be merged. If they are one person, they can delete one of the two accounts first.", merged.Name, survivor.Name])
                .WithStatus(StatusCodes.Status409Conflict);
        }
        var refusal = new Refusal();
        foreach (var (field, source) in sources)
        {
            if (source != merged.Id && source != survivor.Id)
            {
                refusal.Add("from-" + field.ToString().ToLowerInvariant(), L["Choose from the list."]);
            }
        }
        if (!refusal.IsEmpty)
        {
            return refusal;
        }

        var before = new { Merged = Describe(merged), Survivor = Describe(survivor) };
        // Someone with an account writes their own profile; the Secretariat's choice does not reach it.
        var holder = holders.Count == 1 ? (holders[0] == merged.Id ? merged : survivor) : null;
        foreach (var field in Enum.GetValues<PersonField>())
        {
            var source = holder?.Id ?? (sources.TryGetValue(field, out var chosen) ? chosen : DefaultSource(survivor, merged, field));
            if (source == merged.Id)
            {
                Copy(merged, survivor, field);
            }
        }
        // Not on the form: filled where the survivor says nothing, never overwritten.
        survivor.Gender ??= merged.Gender;
        survivor.TimeZoneId ??= merged.TimeZoneId;

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var (doubled, moved) = await FoldAsync(db, clock, merged, survivor.Id, cancel);
            var subject = $"{merged.Id} {merged.Name} → {survivor.Id} {survivor.Name}";
            db.Record(user, clock, forum.Id, AuditAction, subject.Length <= 200 ? subject : subject[..199] + "…", before,
                new { Survivor = Describe(survivor), Moved = moved, DoubledRolesDropped = doubled });
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
        }
        catch (DbUpdateException)
        {
            // A colleague merged or removed one of the two meanwhile: the transaction is rolled back whole.
            return Refusal.Meanwhile(L["One of the two records changed while they were being merged, so nothing was written. Look at them again."]);
        }
        return ChangeResult<Person>.Done(survivor);
    }

    /// <summary>
    /// Folds one record into another inside the caller's transaction: every reference moves to the survivor (a role both
    /// hold in one session stays once, the survivor's), the merged record goes, and its address redirects to the
    /// survivor's. Shared by the Secretariat's merge and by a listed person claiming their record with an account, so
    /// that neither loses what a feature added later keeps about a person. Returns the doubled roles dropped and the rows
    /// moved by table.
    /// </summary>
    public static async Task<(int Doubled, Dictionary<string, int> Moved)> FoldAsync(PlenaryDb db, TimeProvider clock, Person merged, int survivorId, CancellationToken cancel)
    {
        // Addresses that already led to the merged record lead to the survivor, so a redirect is never two hops.
        await db.Set<PersonMerge>().Where(m => m.SurvivorId == merged.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.SurvivorId, survivorId), cancel);
        var doubled = await db.SessionRoles
            .Where(r => r.PersonId == merged.Id && db.SessionRoles.Any(o => o.PersonId == survivorId && o.SessionId == r.SessionId && o.Kind == r.Kind))
            .ExecuteDeleteAsync(cancel);
        var moved = await MoveReferencesAsync(db, merged.Id, survivorId, cancel);
        // The roles moved in bulk, past the search index's interceptor: the sessions the survivor now organises keep the
        // survivor's group and region on their index rows, not the merged record's.
        var changes = new Search.SearchChanges();
        changes.OrganiserPeople.Add(survivorId);
        await Search.SearchIndex.WriteAsync(db, changes, cancel);
        db.People.Remove(merged);
        db.Set<PersonMerge>().Add(new PersonMerge { MergedId = merged.Id, SurvivorId = survivorId, MergedAt = clock.GetUtcNow().UtcDateTime });
        return (doubled, moved);
    }

    /// <summary>
    /// Every foreign key to a person in the model, whatever feature owns it, is pointed at the survivor: a table added
    /// later is moved too, and the merged record can go. Returns the rows moved, by table.
    /// </summary>
    private static async Task<Dictionary<string, int>> MoveReferencesAsync(PlenaryDb db, int from, int to, CancellationToken cancel)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var moved = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys()).Where(k => k.PrincipalEntityType.ClrType == typeof(Person)))
        {
            if (key.DeclaringEntityType.ClrType == typeof(PersonMerge))
            {
                continue;
            }
            var table = key.DeclaringEntityType.GetTableName()!;
            var schema = key.DeclaringEntityType.GetSchema();
            var column = key.Properties.Single().GetColumnName(StoreObjectIdentifier.Table(table, schema))!;
            // Only the model's own names, quoted by the provider, go into the text; the ids are parameters.
            var statement = $"UPDATE {sql.DelimitIdentifier(table, schema)} SET {sql.DelimitIdentifier(column)} = {{0}} WHERE {sql.DelimitIdentifier(column)} = {{1}}";
            var count = await db.Database.ExecuteSqlRawAsync(statement, [to, from], cancel);
            if (count > 0)
            {
                moved[table] = moved.GetValueOrDefault(table) + count;
            }
        }
        return moved;
    }

    private static object Describe(Person p) => new
    {
        p.Id, p.Name, p.Honorific, p.Title, p.Affiliation, StakeholderGroup = p.StakeholderGroup?.ToString(), RegionalGroup = p.RegionalGroup?.ToString(),
        Country = p.CountryCode,
    };
}
