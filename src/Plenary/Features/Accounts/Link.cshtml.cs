using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

/// <summary>
/// Where a sign-in link lands. Opening the link shows a button; only pressing it (a POST) signs in, so that mail
/// scanners that fetch every link cannot use it up.
/// </summary>
[AllowAnonymous]
public sealed class LinkModel(UserManager<Account> accounts, AccountSignIn signIn, SignInLink links) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Account { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = int.TryParse(Account, out var id) ? await accounts.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        if (account is null || !account.EmailConfirmed || await accounts.IsLockedOutAsync(account) || !await links.RedeemAsync(account, Code))
        {
            Failed = true;
            this.ShowRefusalInPlace();
            return Page();
        }
        var back = Infrastructure.Web.LocalUrls.IsLocal(ReturnUrl) ? ReturnUrl : null;
        // The link stands in for the password only: with two-factor on, the code is still asked for.
        if ((await signIn.SignInWithLinkAsync(account)).RequiresTwoFactor)
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl = back });
        }
        return LocalRedirect(back ?? AccountLinks.Profile);
    }
}
