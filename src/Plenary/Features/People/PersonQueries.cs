using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.People;

/// <summary>One of a person's parts in a session, with enough of the session to link and place it.</summary>
public sealed record PersonRole(
    string ForumSlug, string ForumName, string SessionKey, string NumberedName, string Title,
    DateTime? StartsAt, DateTime? EndsAt, string ForumTimeZone, SessionRoleKind Kind, ParticipationMode Mode, SessionStatus Status);

public static class PersonQueries
{
    public static async Task<List<PersonRole>> RolesOfAsync(this PlenaryDb db, int personId, CancellationToken cancellationToken = default)
    {
        var rows = await db.SessionRoles
            .Where(r => r.PersonId == personId)
            .Join(db.Sessions, r => r.SessionId, s => s.Id, (r, s) => new
            {
                s.Forum.Slug, ForumName = s.Forum.Name, s.Forum.TimeZoneId, s.Forum.FirstDay, TypeCode = s.Type.Code,
                s.Type.NumberLabel, s.Number, s.Title, s.StartsAt, s.EndsAt, r.Kind, r.Mode, s.Status, r.Position,
            })
            .ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(r => r.FirstDay).ThenBy(r => r.StartsAt).ThenBy(r => r.Position)
            .Select(r => new PersonRole(r.Slug, r.ForumName, Sessions.SessionKey.Format(r.TypeCode, r.Number), $"{r.NumberLabel} #{r.Number}",
                r.Title, r.StartsAt, r.EndsAt, r.TimeZoneId, r.Kind, r.Mode, r.Status))
            .ToList();
    }
}
