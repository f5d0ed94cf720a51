using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;

namespace Plenary.Features.Manage;

/// <summary>
/// Where an invitation's link lands. Anyone holding the link sees what it offers; only the account whose confirmed
/// address the invitation went to can accept it, by pressing the button (a POST, so that mail scanners fetching the
/// link accept nothing). Accepting grants the forum role, or makes the account's own person the one listed on the
/// sessions.
/// </summary>
[EnableRateLimiting(AccountsSetup.RateLimit)]
// The page differs with the link's state and the reader; a shared cached copy would show a spent link as still open.
[AllowAnonymous]
[OutputCache(NoStore = true)]
public sealed class AcceptInvitationModel(PlenaryDb db, UserManager<Account> accounts, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public enum Outcome
    {
        /// <summary>The link cannot be used; <see cref="Refusal"/> says why.</summary>
        Refused,
        SignInNeeded,
        OtherAccount,
        Ready,
        Accepted,
    }

    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public Outcome Result { get; private set; }
    public string? Refusal { get; private set; }
    public Invitation Invitation { get; private set; } = null!;
    public Forum Forum { get; private set; } = null!;
    public string? SignedInAs { get; private set; }
    public int? OwnPersonId { get; private set; }
    public List<(string NumberedName, string Title, SessionRoleKind Kind)> Sessions { get; private set; } = [];

    /// <summary>This page again, code included: where sign-in and sign-up send the person back.</summary>
    public string ReturnUrl => ManageLinks.Invitation(Invitation.Id) + $"?code={Uri.EscapeDataString(Code ?? "")}";

    public async Task<IActionResult> OnGetAsync(string id)
    {
        await DecideAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var account = await DecideAsync(id);
        switch (Result)
        {
            case Outcome.SignInNeeded:
                return Redirect(AccountLinks.SignIn + $"?email={Uri.EscapeDataString(Invitation.Email)}&returnUrl={Uri.EscapeDataString(ReturnUrl)}");
            case Outcome.OtherAccount:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            case Outcome.Accepted:
                // Pressed twice: the first press did it.
                return Redirect(ReturnUrl);
            case Outcome.Refused:
                return Page();
        }

        var cancel = HttpContext.RequestAborted;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        // Taken in one statement, so two presses (or two tabs) cannot both use the link.
        var taken = await db.Invitations
            .Where(i => i.Id == Invitation.Id && i.CodeHash == Invitation.CodeHash && i.AcceptedAt == null && i.WithdrawnAt == null && i.ExpiresAt >= now)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, (DateTime?)now).SetProperty(i => i.AcceptedById, (int?)account!.Id), cancel);
        if (taken == 0)
        {
            await transaction.RollbackAsync(cancel);
            Refuse(StatusCodes.Status410Gone, L["This invitation has already been used."]);
            return Page();
        }
        object after;
        if (Invitation.Role is { } role)
        {
            if (!await db.ForumMembers.AnyAsync(m => m.ForumId == Forum.Id && m.AccountId == account!.Id && m.Role == role, cancel))
            {
                db.ForumMembers.Add(new ForumMember { ForumId = Forum.Id, AccountId = account!.Id, Role = role, AddedAt = now });
            }
            after = new { Invitation.Email, Role = role.ToString() };
        }
        else
        {
            var moved = await MergePersonAsync(Invitation.PersonId!.Value, account!.PersonId, cancel);
            if (moved is null)
            {
                await transaction.RollbackAsync(cancel);
                Refuse(StatusCodes.Status410Gone, L["{0} has since been claimed by another account. Ask the forum's Secretariat if this is wrong.", Invitation.PersonName ?? ""]);
                return Page();
            }
            after = new { Invitation.Email, Invitation.PersonName, FromPersonId = Invitation.PersonId, ToPersonId = account.PersonId, Moved = moved };
        }
        db.Record(User, clock, Forum.Id, "invitation.accept", Invitation.Email, null, after);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return Redirect(ReturnUrl);
    }

    /// <summary>
    /// The listed record is folded into the account's person as the Secretariat's merge does it (<see cref="PersonMerging.FoldAsync"/>):
    /// session roles, availability and everything else that names the record move, its address redirects to the
    /// account's profile, and its public details fill blanks in that profile (the account holder can change them there).
    /// Returns the rows moved by table, or null when another account holds the record.
    /// </summary>
    private async Task<Dictionary<string, int>?> MergePersonAsync(int listed, int own, CancellationToken cancel)
    {
        if (listed == own)
        {
            return [];
        }
        if (await db.Users.AnyAsync(a => a.PersonId == listed, cancel))
        {
            // Claimed by another account between this page and the press: two accounts are never merged.
            return null;
        }
        var from = await db.People.AsTracking().SingleAsync(p => p.Id == listed, cancel);
        var to = await db.People.AsTracking().SingleAsync(p => p.Id == own, cancel);
        to.Honorific ??= from.Honorific;
        to.Title ??= from.Title;
        to.Affiliation ??= from.Affiliation;
        to.StakeholderGroup ??= from.StakeholderGroup;
        to.RegionalGroup ??= from.RegionalGroup;
        to.CountryCode ??= from.CountryCode;
        to.Gender ??= from.Gender;
        to.TimeZoneId ??= from.TimeZoneId;
        // Other invitations offering this record lose it and say it has been claimed, rather than offer this account's person.
        await db.Invitations.Where(i => i.PersonId == listed).ExecuteUpdateAsync(u => u.SetProperty(i => i.PersonId, (int?)null), cancel);
        var (_, moved) = await PersonMerging.FoldAsync(db, clock, from, own, cancel);
        return moved;
    }

    /// <summary>Sets <see cref="Result"/> (and the status for a refusal); returns the signed-in account, if any.</summary>
    private async Task<Account?> DecideAsync(string id)
    {
        var cancel = HttpContext.RequestAborted;
        var found = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await db.Invitations.FirstOrDefaultAsync(i => i.Id == number, cancel)
            : null;
        // An unknown number and a wrong code read the same, so the page tells nothing about other invitations.
        if (found is null || !found.Matches(Code))
        {
            Refuse(StatusCodes.Status400BadRequest, L["This invitation link is not valid. Open the whole link from the message, or ask the forum's Secretariat for a new invitation."]);
            return null;
        }
        Invitation = found;
        Forum = await db.Forums.SingleAsync(f => f.Id == found.ForumId, cancel);
        ViewData[LayoutData.Forum] = Forum;
        var account = User.Identity?.IsAuthenticated == true ? await accounts.GetUserAsync(User) : null;
        SignedInAs = account?.Email;
        OwnPersonId = account?.PersonId;

        switch (found.StateAt(clock.GetUtcNow().UtcDateTime))
        {
            case InvitationState.Withdrawn:
                Refuse(StatusCodes.Status410Gone, L["This invitation has been withdrawn by the forum's Secretariat."]);
                return account;
            case InvitationState.Accepted when account is not null && found.AcceptedById == account.Id:
                Result = Outcome.Accepted;
                return account;
            case InvitationState.Accepted:
                Refuse(StatusCodes.Status410Gone, L["This invitation has already been used."]);
                return account;
            case InvitationState.Expired:
                Refuse(StatusCodes.Status410Gone, L["This invitation has expired. Ask {0} or the forum's Secretariat to send it again.", found.InvitedByName]);
                return account;
        }
        if (found.Role is null)
        {
            if (found.PersonId is not { } person || await db.Users.AnyAsync(a => a.PersonId == person && a.Id != (account == null ? 0 : account.Id), cancel))
            {
                Refuse(StatusCodes.Status410Gone, L["{0} has since been claimed by another account. Ask the forum's Secretariat if this is wrong.", found.PersonName ?? ""]);
                return account;
            }
            Sessions = (await (from r in db.SessionRoles
                               join s in db.Sessions on r.SessionId equals s.Id
                               where r.PersonId == person && s.ForumId == found.ForumId
                               orderby s.StartsAt, s.Number, r.Kind
                               select new { s.Type.NumberLabel, s.Number, s.Title, r.Kind }).ToListAsync(cancel))
                .Select(r => ($"{r.NumberLabel} #{r.Number}", r.Title, r.Kind)).ToList();
        }
        Result = account is null ? Outcome.SignInNeeded
            : account.EmailConfirmed && string.Equals(account.NormalizedEmail, accounts.NormalizeEmail(found.Email), StringComparison.Ordinal) ? Outcome.Ready
            : Outcome.OtherAccount;
        return account;
    }

    private void Refuse(int status, string message)
    {
        Result = Outcome.Refused;
        Refusal = message;
        Response.StatusCode = status;
    }
}
