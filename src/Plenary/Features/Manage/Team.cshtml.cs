using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Accounts;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>
/// Who runs and advises the forum. The Secretariat adds and removes reviewers; only an administrator appoints or
/// removes members of the Secretariat.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class TeamModel(PlenaryDb db, UserManager<Account> accounts, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public sealed record Member(int Id, string Email, string Name, ForumRole Role, DateTime AddedAt);

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public ForumRole Role { get; set; } = ForumRole.Reviewer;

    public List<Member> Members { get; private set; } = [];
    public bool MayAppointSecretariat => User.IsAdministrator();

    /// <summary>Set when the address has no account: the page offers to invite it instead.</summary>
    public string? InviteInstead { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum) => await ShowAsync();

    public async Task<IActionResult> OnPostAddAsync(string forum)
    {
        Email = Email?.Trim();
        var account = string.IsNullOrEmpty(Email) || Email.Length > 256 ? null : await accounts.FindByEmailAsync(Email);
        Refusal? refusal = null;
        if (!Enum.IsDefined(Role) || ModelState.GetFieldValidationState(nameof(Role)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            refusal = Refusal.Of("role", L["Choose a role from the list."]);
        }
        else if (Role == ForumRole.Secretariat && !MayAppointSecretariat)
        {
            refusal = Refusal.Of("role", L["Only a site administrator can appoint members of the Secretariat."]);
        }
        else if (account is null)
        {
            refusal = Refusal.Of("email", L["No account uses this address yet. Invite the person by e-mail instead: they create an account and accept the role."]);
            InviteInstead = Email is { Length: > 0 and <= 256 } ? Email : null;
        }
        else if (await Db.ForumMembers.AnyAsync(m => m.ForumId == Forum.Id && m.AccountId == account.Id && m.Role == Role))
        {
            refusal = Refusal.Of("email", L["This person already holds this role in the forum."]);
        }
        if (refusal is not null)
        {
            this.ShowRefusal(refusal, Errors);
            return await ShowAsync();
        }
        Db.ForumMembers.Add(new ForumMember { ForumId = Forum.Id, AccountId = account!.Id, Role = Role, AddedAt = clock.GetUtcNow().UtcDateTime });
        Db.Record(User, clock, Forum.Id, "team.add", account.Email!, null, new { account.Email, Role = Role.ToString() });
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(ManageLinks.Team(Forum.Slug));
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, int member)
    {
        var found = await Db.ForumMembers.FirstOrDefaultAsync(m => m.Id == member && m.ForumId == Forum.Id, HttpContext.RequestAborted);
        if (found is null)
        {
            return NotFound();
        }
        if (found.Role == ForumRole.Secretariat && !MayAppointSecretariat)
        {
            return Forbid();
        }
        var email = await Db.Users.Where(a => a.Id == found.AccountId).Select(a => a.Email).SingleAsync(HttpContext.RequestAborted);
        await Db.ForumMembers.Where(m => m.Id == found.Id).ExecuteDeleteAsync(HttpContext.RequestAborted);
        Db.Record(User, clock, Forum.Id, "team.remove", email ?? "?", new { Email = email, Role = found.Role.ToString() }, null);
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(ManageLinks.Team(Forum.Slug));
    }

    private async Task<IActionResult> ShowAsync()
    {
        Members = await (from m in Db.ForumMembers
                         join a in Db.Users on m.AccountId equals a.Id
                         join p in Db.People on a.PersonId equals p.Id
                         where m.ForumId == Forum.Id
                         orderby m.Role, p.Name
                         select new Member(m.Id, a.Email!, p.Name, m.Role, m.AddedAt)).ToListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
