using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

[AllowAnonymous]
public sealed class ConfirmModel(UserManager<Account> accounts) : PageModel
{
    public bool Confirmed { get; private set; }
    public string? Email { get; private set; }

    /// <summary>Where sign-in leads afterwards, when the account was created on the way somewhere (an invitation).</summary>
    public string? ReturnUrl { get; private set; }

    public async Task OnGetAsync(string? account, string? code, string? returnUrl)
    {
        ReturnUrl = Infrastructure.Web.LocalUrls.IsLocal(returnUrl) ? returnUrl : null;
        var token = Tokens.Decode(code);
        var found = token is not null && int.TryParse(account, out var id) ? await accounts.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        if (found is null || token is null)
        {
            this.ShowRefusalInPlace();
            return;
        }
        Email = found.Email;
        Confirmed = found.EmailConfirmed || (await accounts.ConfirmEmailAsync(found, token)).Succeeded;
        if (!Confirmed)
        {
            this.ShowRefusalInPlace();
        }
    }
}
