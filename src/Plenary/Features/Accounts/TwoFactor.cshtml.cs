using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Mail;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

/// <summary>
/// Turning two-factor sign-in on and off, and making new recovery codes. The authenticator key and the recovery codes
/// are Identity's, kept in the account's tokens; every change is told to the account's address, in case it was not them.
/// </summary>
[Authorize]
public sealed class TwoFactorModel(PlenaryDb db, UserManager<Account> accounts, SignInManager<Account> signIn, Mailer mailer,
    IStringLocalizer<SharedResource> localizer) : AccountPageModel(localizer)
{
    [BindProperty] public string? Code { get; set; }

    public bool Enabled { get; private set; }
    public bool TurnedOn { get; private set; }
    public bool TurnedOff { get; private set; }
    public int RecoveryCodesLeft { get; private set; }

    /// <summary>New recovery codes, shown once, in the answer to the form that made them.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    /// <summary>The key in groups of four, and its QR code as inline SVG, while two-factor is off.</summary>
    public string? SharedKey { get; private set; }
    public string? QrCode { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await CurrentAsync();
        TurnedOff = !account.TwoFactorEnabled && Request.Query.ContainsKey("off");
        await ShowAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostOnAsync()
    {
        var account = await CurrentAsync();
        if (account.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        var code = TwoFactorCodes.Authenticator(Code);
        if (code is null)
        {
            return await InvalidAsync(account, L["Enter the 6-digit code your authenticator app shows for Plenary."]);
        }
        if (!await accounts.VerifyTwoFactorTokenAsync(account, accounts.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            // Not counted toward lockout: the key is not in use yet, and a first code is easily mistyped.
            return await InvalidAsync(account, L["That code is not right. Check that you added the key shown here, then enter the code your app shows now."]);
        }
        await accounts.SetTwoFactorEnabledAsync(account, true);
        RecoveryCodes = [.. await accounts.GenerateNewTwoFactorRecoveryCodesAsync(account, TwoFactorCodes.RecoveryCodeCount) ?? []];
        // Turning it on changes the account's security stamp, which would otherwise sign this browser out at its next check.
        await signIn.RefreshSignInAsync(account);
        await NotifyAsync(account, "two-factor-on", l => (
            l["Two-factor sign-in was turned on for your Plenary account"],
            l["Two-factor sign-in was turned on for your account. From now on, signing in also asks for a code from your authenticator app."]));
        TurnedOn = true;
        await ShowAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var account = await CurrentAsync();
        if (!account.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        RecoveryCodes = [.. await accounts.GenerateNewTwoFactorRecoveryCodesAsync(account, TwoFactorCodes.RecoveryCodeCount) ?? []];
        await NotifyAsync(account, "two-factor-codes", l => (
            l["New recovery codes for your Plenary account"],
            l["New recovery codes were made for your account. The old ones no longer work."]));
        await ShowAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostOffAsync()
    {
        var account = await CurrentAsync();
        if (!account.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        if (await accounts.IsLockedOutAsync(account))
        {
            this.ShowRefusal(Refusal.Of("", L["Too many wrong codes for this account. Try again in 15 minutes."]).WithStatus(StatusCodes.Status429TooManyRequests), Errors);
            await ShowAsync(account);
            return Page();
        }
        var right = TwoFactorCodes.Authenticator(Code) is { } code
            ? await accounts.VerifyTwoFactorTokenAsync(account, accounts.Options.Tokens.AuthenticatorTokenProvider, code)
            : TwoFactorCodes.Recovery(Code) is { } recovery && (await accounts.RedeemTwoFactorRecoveryCodeAsync(account, recovery)).Succeeded;
        if (!right)
        {
            if (!string.IsNullOrWhiteSpace(Code))
            {
                // Wrong codes here count toward lockout too, or a borrowed session could guess its way to turning it off.
                await accounts.AccessFailedAsync(account);
            }
            return await InvalidAsync(account, L["Enter a code your authenticator app shows now, or one of your unused recovery codes."]);
        }
        await accounts.SetTwoFactorEnabledAsync(account, false);
        // A new key, so the entry left in the app is useless and turning it on again means scanning afresh.
        await accounts.ResetAuthenticatorKeyAsync(account);
        await accounts.ResetAccessFailedCountAsync(account);
        await signIn.RefreshSignInAsync(account);
        await NotifyAsync(account, "two-factor-off", l => (
            l["Two-factor sign-in was turned off for your Plenary account"],
            l["Two-factor sign-in was turned off for your account. Signing in now needs only your password or a sign-in link."]));
        return RedirectToPage(null, null, new { off = 1 }, null);
    }

    private async Task<Account> CurrentAsync() =>
        await accounts.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in person without an account.");

    private async Task ShowAsync(Account account)
    {
        Enabled = account.TwoFactorEnabled;
        Response.Headers.CacheControl = "no-store";
        if (Enabled)
        {
            RecoveryCodesLeft = await accounts.CountRecoveryCodesAsync(account);
            return;
        }
        var key = await accounts.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            // The key is made when first shown and kept until two-factor is turned off, so the page can be reloaded
            // while the app is being set up.
            await accounts.ResetAuthenticatorKeyAsync(account);
            await signIn.RefreshSignInAsync(account);
            key = (await accounts.GetAuthenticatorKeyAsync(account))!;
        }
        SharedKey = TwoFactorKey.Grouped(key);
        QrCode = TwoFactorKey.QrSvg(TwoFactorKey.Uri(account.Email!, key), L["QR code of the key, for your authenticator app"]);
    }

    /// <summary>The page again with the code refused; the code is not shown back.</summary>
    private async Task<PageResult> InvalidAsync(Account account, string problem)
    {
        this.ShowRefusal(Refusal.Of("code", problem), Errors);
        Code = null;
        await ShowAsync(account);
        return Page();
    }

    /// <summary>A short notice to the account's address, in its language; a change the owner did not make should not go unseen.</summary>
    private async Task NotifyAsync(Account account, string purpose, Func<IStringLocalizer, (string Subject, string What)> compose)
    {
        var cancel = HttpContext.RequestAborted;
        var name = await db.People.Where(p => p.Id == account.PersonId).Select(p => p.Name).SingleAsync(cancel);
        var reset = Link(AccountLinks.ForgotPassword, new Dictionary<string, string?>());
        mailer.Queue(account.Email!, account.PreferredLanguage, purpose, l =>
        {
            var (subject, what) = compose(l);
            return new MailContent(subject,
                [l["Hello {0},", name], what, l["If this was not you, someone else can sign in to your account: choose a new password at once."]],
                l["Choose a new password"], reset);
        });
        await db.SaveChangesAsync(cancel);
        mailer.SendSoon();
    }
}
