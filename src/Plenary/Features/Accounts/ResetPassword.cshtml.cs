using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Plenary.Features.Accounts;

[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<Account> accounts, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(localizer)
{
    [BindProperty(SupportsGet = true)] public string? Account { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = Tokens.Decode(Code);
        var found = token is not null && int.TryParse(Account, out var id) ? await accounts.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        if (found is null || token is null)
        {
            Fail("", L["This link has expired or has already been used. Ask for a new one."]);
        }
        else if (string.IsNullOrEmpty(Password))
        {
            Fail("password", L["Choose a password of at least {0} characters. A few words strung together work well.", 10]);
        }
        else
        {
            var result = await accounts.ResetPasswordAsync(found, token!, Password);
            foreach (var error in result.Errors)
            {
                Fail(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "", error.Description);
            }
            if (result.Succeeded)
            {
                // A reset also ends a lockout: the person has just proved they hold the address.
                await accounts.SetLockoutEndDateAsync(found, null);
                await accounts.ResetAccessFailedCountAsync(found);
                Done = true;
                return Page();
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Password = null;
        return Page();
    }
}
