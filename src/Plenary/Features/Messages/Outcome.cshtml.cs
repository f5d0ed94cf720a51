using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Messages;

/// <summary>The outcome document's web page: public once published; before, only the forum's message editors read it.</summary>
[AllowAnonymous]
[Kernel.Caching.ShowsRegistrationFigures]
public sealed class OutcomeModel(PlenaryDb db, OutcomeQueries queries, IAuthorizationService authorization) : ForumPageModel(db)
{
    public Outcome Outcome { get; private set; } = null!;

    /// <summary>A language asked for (?lang=) in which the document cannot be read: the original is shown, and the page says so.</summary>
    public string? Missing { get; private set; }

    /// <param name="lang">A version of the document (a shareable link to it); without it, the reader's language where published. The interface stays the reader's.</param>
    public async Task<IActionResult> OnGetAsync(string forum, string? lang)
    {
        if (await OutcomeFiles.ReadableAsync(forum, HttpContext, Db, queries, authorization, lang) is not { } outcome)
        {
            return NotFound();
        }
        Outcome = outcome;
        if (!string.IsNullOrWhiteSpace(lang) && ContentLanguage.Serving(lang, [outcome.Version]) is null)
        {
            Missing = ContentLanguage.Normalise(lang) ?? lang.Trim();
        }
        ViewData[LayoutData.Forum] = outcome.Forum;
        return Page();
    }
}
