using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Messages;

/// <summary>The outcome document's web page: public once published; before, only the forum's message editors read it.</summary>
[AllowAnonymous]
public sealed class OutcomeModel(PlenaryDb db, OutcomeQueries queries, IAuthorizationService authorization) : ForumPageModel(db)
{
    public Outcome Outcome { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (await OutcomeFiles.ReadableAsync(forum, HttpContext, Db, queries, authorization) is not { } outcome)
        {
            return NotFound();
        }
        Outcome = outcome;
        ViewData[LayoutData.Forum] = outcome.Forum;
        return Page();
    }
}
