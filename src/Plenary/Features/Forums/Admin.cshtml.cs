using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Forums;

/// <summary>Every forum on the site, for its administrators: where to see each one and where to run it.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class AdminModel(PlenaryDb db) : PageModel
{
    public sealed record Row(string Slug, string Name, int Year, string HostCity, DateOnly FirstDay, DateOnly LastDay, bool IsDemo, int Sessions);

    public List<Row> Forums { get; private set; } = [];

    public async Task OnGetAsync() =>
        Forums = await db.Forums.OrderByDescending(f => f.FirstDay).ThenBy(f => f.Name)
            .Select(f => new Row(f.Slug, f.Name, f.Year, f.HostCity, f.FirstDay, f.LastDay, f.IsDemo, db.Sessions.Count(s => s.ForumId == f.Id)))
            .ToListAsync(HttpContext.RequestAborted);
}
