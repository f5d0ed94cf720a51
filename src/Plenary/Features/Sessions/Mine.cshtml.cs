using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Sessions;

/// <summary>The sessions a person takes part in, across forums, with the way to change those they organise.</summary>
[Authorize]
public sealed class MineModel(PlenaryDb db) : PageModel
{
    public sealed record Row(string ForumSlug, string ForumName, string Key, string NumberedName, string Title, DateTime? StartsAt, string TimeZone, List<SessionRoleKind> Roles)
    {
        public bool MayEdit => Roles.Contains(SessionRoleKind.Organiser);
    }

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var account = User.AccountId();
        var roles = await (from r in db.SessionRoles
                           join a in db.Users on r.PersonId equals a.PersonId
                           join s in db.Sessions on r.SessionId equals s.Id
                           where a.Id == account
                           select new
                           {
                               r.Kind, r.SessionId, s.Title, s.Number, s.Type.Code, s.Type.NumberLabel, s.StartsAt,
                               ForumSlug = s.Forum.Slug, ForumName = s.Forum.Name, s.Forum.TimeZoneId,
                           }).ToListAsync(HttpContext.RequestAborted);
        Rows = roles.GroupBy(r => r.SessionId).Select(g =>
            {
                var s = g.First();
                return new Row(s.ForumSlug, s.ForumName, SessionKey.Format(s.Code, s.Number), $"{s.NumberLabel} #{s.Number}", s.Title, s.StartsAt, s.TimeZoneId,
                    g.Select(r => r.Kind).Distinct().Order().ToList());
            })
            .OrderByDescending(r => r.StartsAt ?? DateTime.MaxValue).ThenBy(r => r.NumberedName).ToList();
    }
}
