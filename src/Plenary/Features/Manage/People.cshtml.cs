using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Features.Manage;

/// <summary>
/// The people listed on the forum's sessions, searchable by name or affiliation, with how many sessions each holds, and
/// the ones who may be recorded twice, for the Secretariat to merge.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class PeopleModel(PlenaryDb db) : ManagePageModel(db)
{
    public const int PageSize = 100;

    /// <summary>The possible duplicates listed; a forum with more has a data problem better solved a hundred at a time.</summary>
    public const int ShownGroups = 100;

    public sealed record Row(int Id, string Name, string? Affiliation, int Sessions, bool HasAccount);

    public List<Row> Rows { get; private set; } = [];
    public string? Query { get; private set; }
    public int Total { get; private set; }
    public List<LookalikeGroup> Lookalikes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum, string? q)
    {
        Query = q?.Trim() is { Length: > 0 and <= 200 } text ? text : null;
        var people = Db.ForumPeople(Forum.Id);
        if (Query is not null)
        {
            var pattern = $"%{Query.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").ToLowerInvariant()}%";
            people = people.Where(p => EF.Functions.Like(p.Name.ToLower(), pattern, "\\") || EF.Functions.Like((p.Affiliation ?? "").ToLower(), pattern, "\\"));
        }
        Total = await people.CountAsync(HttpContext.RequestAborted);
        Rows = await people.OrderBy(p => p.Name).Take(PageSize)
            .Select(p => new Row(p.Id, p.Name, p.Affiliation,
                Db.SessionRoles.Where(r => r.PersonId == p.Id && Db.Sessions.Any(s => s.Id == r.SessionId && s.ForumId == Forum.Id)).Select(r => r.SessionId).Distinct().Count(),
                Db.Users.Any(a => a.PersonId == p.Id)))
            .ToListAsync(HttpContext.RequestAborted);
        Lookalikes = Duplicates.Groups(await Duplicates.ForumPrintsAsync(Db, Forum.Id, HttpContext.RequestAborted));
        return Page();
    }
}

public static class ForumPeopleQuery
{
    /// <summary>Everyone who holds a role in one of the forum's sessions: the people its Secretariat looks after.</summary>
    public static IQueryable<Person> ForumPeople(this PlenaryDb db, int forumId) =>
        db.People.Where(p => db.SessionRoles.Any(r => r.PersonId == p.Id && db.Sessions.Any(s => s.Id == r.SessionId && s.ForumId == forumId)));
}
