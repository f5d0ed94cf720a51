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
        if (!int.TryParse(id, System.Globalization.NumberStyles.None, null, out var personId))
        {
            return NotFound();
        }
        if (await db.People.FirstOrDefaultAsync(p => p.Id == personId, HttpContext.RequestAborted) is not { } person)
        {
            // A record merged into another: links to it (an old programme, a search engine) lead to the one that holds its roles.
            return await PersonMerging.SurvivorOfAsync(db, personId, HttpContext.RequestAborted) is { } survivor
                ? RedirectPermanent(PeopleLinks.Person(survivor))
                : NotFound();
        }
        Person = person;
        Roles = await db.RolesOfAsync(personId, published: true, HttpContext.RequestAborted);
        return Page();
    }
}
