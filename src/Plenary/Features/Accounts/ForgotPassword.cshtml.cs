using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Plenary.Features.Mail;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

[AllowAnonymous]
public sealed class ForgotPasswordModel(PlenaryDb db, UserManager<Account> accounts, Mailer mailer, IOptions<AccountsOptions> options,
    IValidator<ForgotPasswordForm> validator, IStringLocalizer<SharedResource> localizer) : AccountPageModel(localizer)
{
    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Email = Email?.Trim();
        if (await validator.RefusalAsync(new ForgotPasswordForm { Email = Email }, HttpContext.RequestAborted) is { IsEmpty: false } refusal)
        {
            this.ShowRefusal(refusal, Errors);
            return Page();
        }
        // The same answer whether or not the address has an account, so the page tells no one who is registered.
        Sent = true;
        var account = await accounts.FindByEmailAsync(Email!);
        if (account is { EmailConfirmed: true }
            && await mailer.CountRecentAsync(account.Email!, "reset-password", TimeSpan.FromHours(1), HttpContext.RequestAborted) < options.Value.MessagesPerHourPerEmail)
        {
            var link = Link(AccountLinks.ResetPassword, new Dictionary<string, string?>
            {
                ["account"] = account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["code"] = Tokens.Encode(await accounts.GeneratePasswordResetTokenAsync(account)),
            });
            mailer.Queue(account.Email!, account.PreferredLanguage, "reset-password", l => new MailContent(
                l["Choose a new Plenary password"],
                [l["Someone, probably you, asked to reset the password of the Plenary account for this address. Open the link below to choose a new one. The link works for two days and only once."], l["If it was not you, ignore this message: your password stays as it is."]],
                l["Choose a new password"], link));
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            mailer.SendSoon();
        }
        return Page();
    }
}
