using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Mail;
using Plenary.Features.Queue;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

/// <summary>
/// Deleting an account removes the sign-in, the messages sent to it and everything in the profile but the name.
/// Sessions the person spoke at keep that name, as published; a person with no session role is removed entirely.
/// With the account go, by the database's cascades, its registrations and check-ins, API tokens, stored sign-in link,
/// agenda and its secret feed, team roles, reviews (a reviewer's own judgement, not the forum's decision, which the
/// proposal's history keeps) and written questions. The forum's record keeps, without the account: proposals it
/// submitted (the call's record, and their co-organisers' too) with the sessions they became, and the hands that had
/// the floor (who spoke, how long). Hands not yet given the floor go, so no moderator calls someone who has left. The
/// audit log and the proposals' history keep their entries, the address replaced by "deleted account #id" wherever
/// it was written. Other devices signed in as the account are signed out on their next request: the security stamp is
/// checked on every request (<see cref="AccountsSetup"/>) and finds no account.
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
        await db.Hands.Where(h => h.AccountId == account.Id && h.State != HandState.Spoke && h.State != HandState.Speaking).ExecuteDeleteAsync(cancel);
        await ForgetAddressInLogsAsync(account, cancel);
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
            // The bulk update bypasses the tracker, and so the search index's interceptor: the name's billing goes from the index too.
            var changes = new Search.SearchChanges();
            changes.People.Add(account.PersonId);
            // So do the group and region of the sessions the person organises, kept on those sessions' index rows.
            changes.OrganiserPeople.Add(account.PersonId);
            await Search.SearchIndex.WriteAsync(db, changes, cancel);
        }
        else
        {
            await db.People.Where(p => p.Id == account.PersonId).ExecuteDeleteAsync(cancel);
        }
        await transaction.CommitAsync(cancel);
        await signIn.SignOutAsync();
        return RedirectToPage("Deleted");
    }

    /// <summary>
    /// The address goes from every audit entry and proposal event, whoever made them (a Secretariat adding the person
    /// to its team wrote it as the subject), in any letter case; the entries stay, so the log still says what was done.
    /// </summary>
    private async Task ForgetAddressInLogsAsync(Account account, CancellationToken cancel)
    {
        var email = account.Email!;
        var lower = email.ToLowerInvariant();
        var gone = DeletedActor(account.Id);
        var address = new Regex(Regex.Escape(email), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        // A full scan, rare as deletions are: the address may sit in any entry's subject or recorded JSON.
        var entries = await db.AuditLog.AsTracking().Where(e => e.AccountId == account.Id || e.Actor.ToLower().Contains(lower) || e.Subject.ToLower().Contains(lower)
            || (e.Before != null && e.Before.ToLower().Contains(lower)) || (e.After != null && e.After.ToLower().Contains(lower))).ToListAsync(cancel);
        foreach (var entry in entries)
        {
            entry.Actor = entry.AccountId == account.Id ? gone : Truncate(address.Replace(entry.Actor, gone), 256);
            entry.Subject = Truncate(address.Replace(entry.Subject, gone), 200);
            entry.Before = entry.Before is null ? null : address.Replace(entry.Before, gone);
            entry.After = entry.After is null ? null : address.Replace(entry.After, gone);
        }
        await db.SaveChangesAsync(cancel);
        await db.ProposalHistory.Where(e => e.AccountId == account.Id || e.Actor.ToLower() == lower).ExecuteUpdateAsync(u => u.SetProperty(e => e.Actor, gone), cancel);
    }

    /// <summary>Entries by the same deleted account stay recognisable as one actor's, and name no one.</summary>
    public static string DeletedActor(int accountId) => $"deleted account #{accountId.ToString(CultureInfo.InvariantCulture)}";

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
