using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.People;

/// <summary>Everyone with a part in the forum's public sessions, A to Z.</summary>
[AllowAnonymous]
public sealed class IndexModel(PlenaryDb db) : ForumPageModel(db)
{
    public sealed record Entry(int Id, string Name, string? Billing, int Sessions, bool Online);

    public List<Entry> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        var rows = await Db.SessionRoles
            // Only the sessions the public sees (PublishedTimetable): a speaker of a session the forum has not released yet
            // is not announced here before the programme is, as their own page does not list it.
            .Where(r => r.PersonId != null && Releases.PublishedTimetable.PublicSessions(Db, Forum.Id).Any(s => s.Id == r.SessionId))
            .Select(r => new { r.SessionId, r.Mode, r.Kind, Person = r.Person! })
            .ToListAsync(HttpContext.RequestAborted);
        People = rows.GroupBy(r => r.Person.Id)
            .Select(g => new Entry(g.Key, g.First().Person.DisplayName, g.First().Person.Billing,
                g.Select(r => r.SessionId).Distinct().Count(), g.Any(r => r.Kind == SessionRoleKind.Speaker && r.Mode == ParticipationMode.Online)))
            .OrderBy(e => e.Name, StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, true))
            .ToList();
        return Page();
    }
}
