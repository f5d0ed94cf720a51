using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Accounts;

/// <summary>
/// Identity's store, with tokens read tracked. The context reads untracked by default (nearly every page only reads),
/// and Identity changes a stored token (authenticator key, recovery codes, sign-in link) by editing the entity it
/// found: untracked, that edit would silently never reach the database.
/// </summary>
public sealed class AccountStore(PlenaryDb db, IdentityErrorDescriber? describer = null) : UserOnlyStore<Account, PlenaryDb, int>(db, describer)
{
    protected override Task<IdentityUserToken<int>?> FindTokenAsync(Account user, string loginProvider, string name, CancellationToken cancellationToken) =>
        Context.Set<IdentityUserToken<int>>().AsTracking()
            .SingleOrDefaultAsync(t => t.UserId == user.Id && t.LoginProvider == loginProvider && t.Name == name, cancellationToken);
}
