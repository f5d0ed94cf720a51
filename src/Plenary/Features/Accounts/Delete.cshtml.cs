using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Mail;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

/// <summary>
/// Deleting an account removes the sign-in, the messages sent to it and everything in the profile but the name.
/// Sessions the person spoke at keep that name, as published; a person with no session role is removed entirely.
/// </summary>
[Authorize]
public sealed class DeleteModel(PlenaryDb db, UserManager<Account> accounts, SignInManager<Account> signIn,
    IStringLocalizer<SharedResource> localizer) : AccountPageModel(localizer)
{
    [BindProperty] public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var cancel = HttpContext.RequestAborted;
        var account = await accounts.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in person without an account.");
        if (string.IsNullOrEmpty(Password) || !await accounts.CheckPasswordAsync(account, Password))
        {
            this.ShowRefusal(Refusal.Of("password", L["The current password is wrong."]), Errors);
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await db.Outbox.Where(m => m.To == account.Email).ExecuteDeleteAsync(cancel);
        var result = await accounts.DeleteAsync(account);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        if (await db.SessionRoles.AnyAsync(r => r.PersonId == account.PersonId, cancel))
        {
            await db.People.Where(p => p.Id == account.PersonId).ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Honorific, (string?)null).SetProperty(p => p.Title, (string?)null)
                .SetProperty(p => p.Affiliation, (string?)null).SetProperty(p => p.StakeholderGroup, (People.StakeholderGroup?)null)
                .SetProperty(p => p.RegionalGroup, (People.RegionalGroup?)null).SetProperty(p => p.CountryCode, (string?)null)
                .SetProperty(p => p.Gender, (People.Gender?)null), cancel);
        }
        else
        {
            await db.People.Where(p => p.Id == account.PersonId).ExecuteDeleteAsync(cancel);
        }
        await transaction.CommitAsync(cancel);
        await signIn.SignOutAsync();
        return RedirectToPage("Deleted");
    }
}
