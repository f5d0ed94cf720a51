using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.People;

/// <summary>One of a person's parts in a session, with enough of the session to link and place it.</summary>
public sealed record PersonRole(
    string ForumSlug, string ForumName, string SessionKey, string NumberedName, string Title,
    DateTime? StartsAt, DateTime? EndsAt, string ForumTimeZone, SessionRoleKind Kind, ParticipationMode Mode, SessionStatus Status,
    string? TitleAtSession = null, string? AffiliationAtSession = null, bool ToBeConfirmed = false)
{
    /// <summary>What the person was at that session, when the session recorded it; null when their current title and affiliation stand.</summary>
    public string? BillingAtSession => TitleAtSession is null && AffiliationAtSession is null ? null : Person.BillingOf(TitleAtSession, AffiliationAtSession);
}

public static class PersonQueries
{
    /// <summary>
    /// A person's parts in sessions. <paramref name="published"/> (every public page and the public API) keeps only the
    /// sessions their forum has released, placed where the release put them: an unreleased session or move never shows
    /// through a speaker's page. The person's own data export passes false and sees everything.
    /// </summary>
    public static async Task<List<PersonRole>> RolesOfAsync(this PlenaryDb db, int personId, bool published, CancellationToken cancellationToken = default)
    {
        var rows = await db.SessionRoles
            .Where(r => r.PersonId == personId)
            .Join(db.Sessions, r => r.SessionId, s => s.Id, (r, s) => new
            {
                SessionId = s.Id, s.ForumId, s.RoomId, s.Forum.Slug, ForumName = s.Forum.Name, s.Forum.TimeZoneId, s.Forum.FirstDay, TypeCode = s.Type.Code,
                s.Type.NumberLabel, TypeName = s.Type.Name, s.Number, s.HasNumber, s.Title, s.StartsAt, s.EndsAt, r.Kind, r.Mode, s.Status, r.Position, RoleTitle = r.Title, r.Affiliation, r.ToBeConfirmed,
            })
            .ToListAsync(cancellationToken);
        if (published)
        {
            var timetables = new Dictionary<int, Releases.PublishedTimetable>();
            foreach (var forumId in rows.Select(r => r.ForumId).Distinct())
            {
                timetables[forumId] = await Releases.PublishedTimetable.LoadAsync(db, forumId, cancellationToken);
            }
            rows = rows
                .Select(r => (Row: r, Public: timetables[r.ForumId].Of(r.SessionId, r.StartsAt, r.EndsAt, r.RoomId, r.Status, 0)))
                .Where(x => x.Public is not null)
                .Select(x => x.Row with { StartsAt = x.Public!.Value.StartsAt, EndsAt = x.Public.Value.EndsAt, Status = x.Public.Value.Status })
                .ToList();
        }
        return rows
            .OrderByDescending(r => r.FirstDay).ThenBy(r => r.StartsAt).ThenBy(r => r.Position)
            .Select(r => new PersonRole(r.Slug, r.ForumName, Sessions.SessionKey.Format(r.TypeCode, r.Number), Sessions.Session.NameOf(r.NumberLabel, r.TypeName, r.Number, r.HasNumber),
                r.Title, r.StartsAt, r.EndsAt, r.TimeZoneId, r.Kind, r.Mode, r.Status, r.RoleTitle, r.Affiliation, r.ToBeConfirmed))
            .ToList();
    }
}
