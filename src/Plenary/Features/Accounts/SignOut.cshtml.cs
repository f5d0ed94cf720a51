using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Plenary.Features.Accounts;

/// <summary>Sign-out is a POST with an antiforgery token, so no link or image elsewhere can sign someone out.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<Account> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
