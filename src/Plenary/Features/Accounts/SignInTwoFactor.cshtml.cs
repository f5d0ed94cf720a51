using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Plenary.Features.Accounts;

/// <summary>
/// The second step of signing in, after a right password or a sign-in link, for accounts with two-factor sign-in on:
/// a code from the authenticator app, or a recovery code. Identity's short-lived two-factor cookie says whose step it is.
/// </summary>
[AllowAnonymous]
public sealed class SignInTwoFactorModel(SignInManager<Account> signIn, UserManager<Account> accounts,
    IStringLocalizer<SharedResource> localizer) : AccountPageModel(localizer)
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(SupportsGet = true)] public bool Remember { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? RecoveryCode { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? BackToSignIn() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return BackToSignIn();
        }
        if (TwoFactorCodes.Authenticator(Code) is not { } code)
        {
            Fail("code", L["Enter the 6-digit code your authenticator app shows for Plenary."]);
            return Invalid(StatusCodes.Status400BadRequest);
        }
        // Identity counts a wrong code toward the account's lockout, like a wrong password.
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, Remember, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(LocalOrNull(ReturnUrl) ?? AccountLinks.Profile);
        }
        if (result.IsLockedOut)
        {
            return LockedOut();
        }
        Fail("code", L["That code is not right. Enter the code your app shows now: it changes every 30 seconds."]);
        return Invalid(StatusCodes.Status400BadRequest);
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } account)
        {
            return BackToSignIn();
        }
        if (TwoFactorCodes.Recovery(RecoveryCode) is not { } code)
        {
            Fail("recovery", L["Enter one of your recovery codes: ten letters and digits, such as BCDFG-23467."]);
            return Invalid(StatusCodes.Status400BadRequest);
        }
        // Identity neither checks the lockout nor counts a wrong recovery code, so both are done here: otherwise a
        // locked account could still be guessed at through this form.
        if (await accounts.IsLockedOutAsync(account))
        {
            return LockedOut();
        }
        // Identity keeps a recovery-code sign-in to this browser session only, whatever Remember says: someone
        // without their app should not stay signed in for two weeks.
        if ((await signIn.TwoFactorRecoveryCodeSignInAsync(code)).Succeeded)
        {
            return LocalRedirect(LocalOrNull(ReturnUrl) ?? AccountLinks.Profile);
        }
        await accounts.AccessFailedAsync(account);
        if (await accounts.IsLockedOutAsync(account))
        {
            return LockedOut();
        }
        Fail("recovery", L["That recovery code is not right, or it has already been used."]);
        return Invalid(StatusCodes.Status400BadRequest);
    }

    /// <summary>No right password in the last few minutes (or it was another browser's): the first step again.</summary>
    private RedirectToPageResult BackToSignIn() => RedirectToPage("SignIn", new { ReturnUrl = LocalOrNull(ReturnUrl) });

    private PageResult LockedOut()
    {
        Fail("", L["Too many wrong codes for this account. Try again in 15 minutes."]);
        return Invalid(StatusCodes.Status429TooManyRequests);
    }

    private PageResult Invalid(int status)
    {
        Response.StatusCode = status;
        (Code, RecoveryCode) = (null, null);
        return Page();
    }
}
