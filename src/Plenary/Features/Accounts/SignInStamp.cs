using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Features.Accounts;

/// <summary>
/// Checks the sign-in cookie against its account on every request: a deleted account, a password reset or two-factor
/// turned off elsewhere signs this device out on its next request. Identity's own validator, asked to check every
/// request, loads the whole account, rebuilds the principal and re-issues the cookie each time: a Set-Cookie on every
/// signed-in response and several reads. This reads three columns by primary key, and rebuilds the principal only when
/// what the cookie says about the account is no longer true (its administrator standing changed).
/// </summary>
public static class SignInStamp
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = principal?.AccountId();
        var stamp = principal?.FindFirstValue(stampClaim);
        var account = id is null ? null : await services.GetRequiredService<PlenaryDb>().Users.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new { a.SecurityStamp, a.IsAdministrator, a.Email })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is null || stamp is null || account.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        var administrators = services.GetRequiredService<IOptions<AccountsOptions>>().Value.Administrators;
        var administrator = account.IsAdministrator || administrators.Contains(account.Email ?? "", StringComparer.OrdinalIgnoreCase);
        if (administrator != principal!.IsAdministrator())
        {
            var signIn = services.GetRequiredService<SignInManager<Account>>();
            var current = await signIn.UserManager.FindByIdAsync(id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (current is null)
            {
                context.RejectPrincipal();
                return;
            }
            context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(current));
            context.ShouldRenew = true;
        }
    }
}
