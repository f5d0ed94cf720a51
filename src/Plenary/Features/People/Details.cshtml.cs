using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.People;

[AllowAnonymous]
public sealed class DetailsModel(PlenaryDb db) : PageModel
{
    public Person Person { get; private set; } = null!;
    public List<PersonRole> Roles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!int.TryParse(id, System.Globalization.NumberStyles.None, null, out var personId)
            || await db.People.FirstOrDefaultAsync(p => p.Id == personId, HttpContext.RequestAborted) is not { } person)
        {
            return NotFound();
        }
        Person = person;
        Roles = await db.RolesOfAsync(personId, published: true, HttpContext.RequestAborted);
        return Page();
    }
}
