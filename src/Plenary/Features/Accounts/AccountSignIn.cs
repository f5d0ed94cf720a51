using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Plenary.Features.Accounts;

/// <summary>
/// Identity's sign-in, opening one door it keeps protected: a one-time link proves the address, like a password,
/// but must still lead to the second step when the account has two-factor sign-in on.
/// </summary>
public sealed class AccountSignIn(UserManager<Account> accounts, IHttpContextAccessor context, IUserClaimsPrincipalFactory<Account> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<Account>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<Account> confirmation)
    : SignInManager<Account>(accounts, context, claims, options, logger, schemes, confirmation)
{
    /// <summary>Signs in, or, with two-factor on, starts the second step (<see cref="SignInResult.RequiresTwoFactor"/>).</summary>
    public Task<SignInResult> SignInWithLinkAsync(Account account) => SignInOrTwoFactorAsync(account, isPersistent: false);
}
