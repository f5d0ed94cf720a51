using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<Account> accounts, IValidator<ResetPasswordForm> validator, IStringLocalizer<SharedResource> localizer)
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
        Refusal refusal;
        if (found is null || token is null)
        {
            refusal = Refusal.Of("", L["This link has expired or has already been used. Ask for a new one."]);
        }
        else if ((refusal = await validator.RefusalAsync(new ResetPasswordForm { Password = Password }, HttpContext.RequestAborted)).IsEmpty)
        {
            var result = await accounts.ResetPasswordAsync(found, token!, Password!);
            // Identity's own rules (the password's length), in its localized words.
            refusal = Refusal.From(result.Errors.Select(error => new KeyValuePair<string, string>(
                error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "", error.Description)));
            if (result.Succeeded)
            {
                // A reset also ends a lockout: the person has just proved they hold the address.
                await accounts.SetLockoutEndDateAsync(found, null);
                await accounts.ResetAccessFailedCountAsync(found);
                Done = true;
                return Page();
            }
        }
        this.ShowRefusal(refusal, Errors);
        Password = null;
        return Page();
    }
}
