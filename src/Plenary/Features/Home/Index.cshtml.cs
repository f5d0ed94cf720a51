using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Home;

[AllowAnonymous]
public sealed class IndexModel(PlenaryDb db) : PageModel
{
    public List<Forum> Forums { get; private set; } = [];

    public async Task OnGetAsync() =>
        Forums = await db.Forums.OrderByDescending(f => f.FirstDay).ToListAsync(HttpContext.RequestAborted);
}
