using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Features.Accounts;

/// <summary>
/// Checks the sign-in cookie against its account: a deleted account, a password reset, "sign out everywhere" or
/// two-factor turned off elsewhere signs this device out. Identity's own validator, asked to check every request,
/// loads the whole account, rebuilds the principal and re-issues the cookie each time: a Set-Cookie on every signed-in
/// response and several reads. This reads three columns by primary key, and rebuilds the principal only when what the
/// cookie says about the account is no longer true (its administrator standing changed).
/// Reading them on every request was 8% of a signed-in page's CPU, so what the row said is remembered for a minute per
/// instance (<see cref="SignInChecks"/>). This instance forgets it whenever the row changes through EF, so here a change
/// counts on the very next request; another instance sees it within the minute, where Identity's own
/// SecurityStampValidator waits up to 30.
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
        if (id is not { } accountId || stamp is null)
        {
            await RejectAsync(context);
            return;
        }
        var checks = services.GetRequiredService<SignInChecks>();
        var known = checks.Find(accountId);
        if (known is null || known.Stamp != stamp)
        {
            // Read even when a different stamp is remembered: this cookie may come from a sign-in on another instance.
            var generation = checks.Generation;
            var account = await services.GetRequiredService<PlenaryDb>().Users.AsNoTracking()
                .Where(a => a.Id == accountId)
                .Select(a => new { a.SecurityStamp, a.IsAdministrator, a.Email })
                .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
            if (account is null)
            {
                await RejectAsync(context);
                return;
            }
            var administrators = services.GetRequiredService<IOptions<AccountsOptions>>().Value.Administrators;
            known = new SignInChecks.Check(account.SecurityStamp ?? "",
                account.IsAdministrator || administrators.Contains(account.Email ?? "", StringComparer.OrdinalIgnoreCase));
            checks.Remember(accountId, known, generation);
            if (known.Stamp != stamp)
            {
                await RejectAsync(context);
                return;
            }
        }
        if (known.Administrator != principal!.IsAdministrator())
        {
            var signIn = services.GetRequiredService<SignInManager<Account>>();
            var current = await signIn.UserManager.FindByIdAsync(accountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (current is null)
            {
                context.RejectPrincipal();
                return;
            }
            context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(current));
            context.ShouldRenew = true;
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}

/// <summary>
/// What each account's row said at its last check (<see cref="SignInStamp"/>), for a minute, on this instance; forgotten
/// as soon as an account row is written through EF here: tracked changes (the account managers' SaveChanges: password
/// reset, sign out everywhere, deletion) forget their accounts, a bulk ExecuteUpdate/ExecuteDelete of the accounts table
/// (the demo accounts) forgets them all. Any change of the row counts, not only the stamp and administrator columns: a
/// re-read costs one query, a missed column a signed-in device that should not be. Inside a transaction the accounts are
/// forgotten again at the commit, since a request in between still reads, and would remember, the old row.
/// </summary>
public sealed class SignInChecks : DbTransactionInterceptor, ISaveChangesInterceptor, IDbCommandInterceptor, IDisposable
{
    public sealed record Check(string Stamp, bool Administrator);

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly MemoryCache remembered = new(new MemoryCacheOptions());
    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];
    private long generation;

    private sealed class Pending
    {
        public List<int> Saving = [];
        public List<int> Committing = [];
        public bool CommittingAll;
    }

    /// <summary>Changes with every forgetting; a check read before one is not remembered (it may be the old row).</summary>
    public long Generation => Interlocked.Read(ref generation);

    public Check? Find(int account) => remembered.TryGetValue(account, out Check? check) ? check : null;

    public void Remember(int account, Check check, long readAt)
    {
        if (Generation == readAt)
        {
            remembered.Set(account, check, Lifetime);
        }
    }

    public void Forget(IEnumerable<int> accounts)
    {
        Interlocked.Increment(ref generation);
        foreach (var account in accounts)
        {
            remembered.Remove(account);
        }
    }

    public void ForgetAll()
    {
        Interlocked.Increment(ref generation);
        remembered.Clear();
    }

    public void Dispose() => remembered.Dispose();

    ValueTask<InterceptionResult<int>> ISaveChangesInterceptor.SavingChangesAsync(DbContextEventData data, InterceptionResult<int> result, CancellationToken cancel)
    {
        Note(data.Context);
        return ValueTask.FromResult(result);
    }

    InterceptionResult<int> ISaveChangesInterceptor.SavingChanges(DbContextEventData data, InterceptionResult<int> result)
    {
        Note(data.Context);
        return result;
    }

    ValueTask<int> ISaveChangesInterceptor.SavedChangesAsync(SaveChangesCompletedEventData data, int result, CancellationToken cancel)
    {
        Saved(data.Context);
        return ValueTask.FromResult(result);
    }

    int ISaveChangesInterceptor.SavedChanges(SaveChangesCompletedEventData data, int result)
    {
        Saved(data.Context);
        return result;
    }

    ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData data, int result, CancellationToken cancel)
    {
        Bulk(command, data, result);
        return ValueTask.FromResult(result);
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData data, int result)
    {
        Bulk(command, data, result);
        return result;
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData data, CancellationToken cancel)
    {
        Committed(data.Context);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData data) => Committed(data.Context);

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var accounts = context.ChangeTracker.Entries<Account>()
            .Where(e => e.State is EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.Id)
            .ToList();
        if (accounts.Count > 0 || pending.TryGetValue(context, out _))
        {
            pending.GetOrCreateValue(context).Saving = accounts;
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.Saving.Count == 0)
        {
            return;
        }
        Forget(state.Saving);
        if (context.Database.CurrentTransaction is not null)
        {
            state.Committing.AddRange(state.Saving);
        }
        state.Saving = [];
    }

    private void Bulk(DbCommand command, CommandExecutedEventData data, int rows)
    {
        if (data.Context is not { } context || !BulkWrites.Wrote(data, rows)
            || BulkWrites.Table(command) is not { } table || table != context.Model.FindEntityType(typeof(Account))?.GetTableName())
        {
            return;
        }
        ForgetAll();
        if (context.Database.CurrentTransaction is not null)
        {
            pending.GetOrCreateValue(context).CommittingAll = true;
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state))
        {
            return;
        }
        if (state.CommittingAll)
        {
            ForgetAll();
        }
        else if (state.Committing.Count > 0)
        {
            Forget(state.Committing);
        }
        state.CommittingAll = false;
        state.Committing = [];
    }
}
