using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Plenary.Features.Mail;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Accounts;

[AllowAnonymous]
public sealed class SignInModel(PlenaryDb db, SignInManager<Account> signIn, UserManager<Account> accounts, Mailer mailer, SignInLink links,
    IOptions<AccountsOptions> options, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(localizer)
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public bool Remember { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Set when the address is not yet confirmed: the page then offers a new confirmation link.</summary>
    public bool OfferConfirmation { get; private set; }
    public bool ConfirmationSent { get; private set; }
    public bool LinkSent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Email = Email?.Trim();
        var account = LooksLikeEmail(Email) ? await accounts.FindByEmailAsync(Email!) : null;
        if (account is null || string.IsNullOrEmpty(Password))
        {
            return Wrong();
        }
        var result = await signIn.PasswordSignInAsync(account, Password, Remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(LocalOrNull(ReturnUrl) ?? AccountLinks.Profile);
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl = LocalOrNull(ReturnUrl), Remember = Remember ? "true" : null });
        }
        if (result.IsLockedOut)
        {
            Fail("", L["Too many wrong passwords for this account. Try again in 15 minutes, or reset your password."]);
            return Invalid(StatusCodes.Status429TooManyRequests);
        }
        if (result.IsNotAllowed && !account.EmailConfirmed && await accounts.CheckPasswordAsync(account, Password))
        {
            OfferConfirmation = true;
            Fail("email", L["Your e-mail address is not confirmed yet. Open the link we sent you, or ask for a new one below."]);
            return Invalid(StatusCodes.Status400BadRequest);
        }
        return Wrong();
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        Email = Email?.Trim();
        var account = LooksLikeEmail(Email) ? await accounts.FindByEmailAsync(Email!) : null;
        // The same answer whether or not the address has an account, so the page tells no one who is registered.
        ConfirmationSent = true;
        if (account is { EmailConfirmed: false }
            && await mailer.CountRecentAsync(account.Email!, "confirm-email", TimeSpan.FromHours(1), HttpContext.RequestAborted) < options.Value.MessagesPerHourPerEmail)
        {
            var name = await db.People.Where(p => p.Id == account.PersonId).Select(p => p.Name).SingleAsync(HttpContext.RequestAborted);
            await QueueConfirmationAsync(mailer, accounts, account, name);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            mailer.SendSoon();
        }
        return Page();
    }

    /// <summary>"E-mail me a sign-in link": for a confirmed account, a one-time link instead of the password.</summary>
    public async Task<IActionResult> OnPostLinkAsync()
    {
        Email = Email?.Trim();
        if (!LooksLikeEmail(Email))
        {
            Fail("email", L["Enter an e-mail address such as name@example.org."]);
            return Invalid(StatusCodes.Status400BadRequest);
        }
        // The same answer whether or not the address has an account, so the page tells no one who is registered.
        LinkSent = true;
        var account = await accounts.FindByEmailAsync(Email!);
        if (account is { EmailConfirmed: true }
            && await mailer.CountRecentAsync(account.Email!, "sign-in-link", TimeSpan.FromHours(1), HttpContext.RequestAborted) < options.Value.MessagesPerHourPerEmail)
        {
            var query = new Dictionary<string, string?>
            {
                ["account"] = account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["code"] = await links.IssueAsync(account),
            };
            if (LocalOrNull(ReturnUrl) is { } back)
            {
                query["returnUrl"] = back;
            }
            var link = Link(AccountLinks.EmailLink, query);
            mailer.Queue(account.Email!, account.PreferredLanguage, "sign-in-link", l => new MailContent(
                l["Your Plenary sign-in link"],
                [l["Open the link below to sign in to Plenary. It works once, within 15 minutes."], l["If you did not ask for it, ignore this message: nobody can use it without access to your e-mail."]],
                l["Sign me in"], link));
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            mailer.SendSoon();
        }
        return Page();
    }

    private PageResult Wrong()
    {
        Fail("", L["The e-mail address or the password is wrong."]);
        return Invalid(StatusCodes.Status400BadRequest);
    }

    private PageResult Invalid(int status)
    {
        Response.StatusCode = status;
        Password = null;
        return Page();
    }
}
