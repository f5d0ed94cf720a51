using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.VisaLetters;

/// <summary>
/// The address printed on a letter, for a consulate to check it: public, and saying only whether the letter is genuine
/// (see <see cref="VisaLetterChange.VerifyAsync"/> for what it shows and why). Unknown codes are 404.
/// </summary>
[AllowAnonymous]
// A revocation must show at once: no copy in the output cache may keep saying "genuine".
[OutputCache(NoStore = true)]
public sealed class VerifyModel(PlenaryDb db, VisaLetterChange visas) : ForumPageModel(db)
{
    public VisaVerification Letter { get; private set; } = null!;
    public string Code { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string forum, string code)
    {
        if (!await LoadForumAsync(forum) || code.Length > 40 || await visas.VerifyAsync(Forum, code, User, HttpContext.RequestAborted) is not { } letter)
        {
            return NotFound();
        }
        (Letter, Code) = (letter, code.Trim().ToUpperInvariant());
        // Not cached by any shared cache: a revocation must show at once, and the name is no one's business but the reader's.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
