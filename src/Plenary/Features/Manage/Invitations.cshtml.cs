using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>
/// The Secretariat invites people by e-mail: into a forum role (only an administrator into the Secretariat), or to
/// claim a person already listed on the forum's sessions. The list shows every invitation with resend and withdraw.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class InvitationsModel(PlenaryDb db, InvitationChange sending, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public const string Purpose = InvitationChange.Purpose;

    public sealed record Row(int Id, string Email, ForumRole? Role, string? PersonName, int? PersonId, string InvitedBy, DateTime SentAt,
        DateTime ExpiresAt, DateTime? AcceptedAt, InvitationState State);

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public ForumRole Role { get; set; } = ForumRole.Reviewer;

    /// <summary>Set when the invitation is to claim a listed person rather than to a forum role.</summary>
    [BindProperty(Name = "person", SupportsGet = true)] public int? PersonId { get; set; }
    [BindProperty] public string? Language { get; set; }

    public InvitationChange.ListedPerson? Person { get; private set; }

    /// <summary>The person already belongs to an account: there is nothing to claim.</summary>
    public bool PersonHasAccount { get; private set; }
    public List<Row> Invitations { get; private set; } = [];
    public bool MayInviteSecretariat => User.IsAdministrator();
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string? email, string? role, string? done)
    {
        Email = email is { Length: <= 256 } ? email.Trim() : null;
        if (EnumValue.TryParse<ForumRole>(role, out var offered))
        {
            Role = offered;
        }
        Language = LocalizationSetup.CurrentUiCulture;
        Done = done switch
        {
            "sent" => L["The invitation is sent."].Value,
            "resent" => L["The invitation is sent again; the earlier link no longer works."].Value,
            "withdrawn" => L["The invitation is withdrawn; its link no longer works."].Value,
            _ => null,
        };
        if (PersonId is { } id && !await LoadPersonAsync(id))
        {
            return NotFound();
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSendAsync(string forum)
    {
        var form = new InvitationForm
        {
            Email = Email, PersonId = PersonId, Language = Language,
            // A role that is not one of ours fails binding and would otherwise fall back to the default silently.
            Role = ModelState.GetFieldValidationState(nameof(Role)) == ModelValidationState.Invalid ? Request.Form[nameof(Role)].ToString() : Role.ToString(),
        };
        var sent = await sending.SendAsync(Forum, form, User, HttpContext.RequestAborted);
        Email = form.Email;
        if (sent is null)
        {
            return NotFound();
        }
        if (!sent.IsDone)
        {
            if (PersonId is { } id)
            {
                await LoadPersonAsync(id);
            }
            this.ShowRefusal(sent.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(ManageLinks.Invitations(Forum.Slug) + "?done=sent");
    }

    public async Task<IActionResult> OnPostResendAsync(string forum, int invitation)
    {
        if (await sending.FindAsync(Forum, invitation, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }
        if (await sending.ResendAsync(Forum, found, User, HttpContext.RequestAborted) is { } refused)
        {
            return await RefusedAsync(refused);
        }
        return Redirect(ManageLinks.Invitations(Forum.Slug) + "?done=resent");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string forum, int invitation)
    {
        if (await sending.FindAsync(Forum, invitation, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }
        if (await sending.WithdrawAsync(Forum, found, User, HttpContext.RequestAborted) is { } refused)
        {
            return await RefusedAsync(refused);
        }
        return Redirect(ManageLinks.Invitations(Forum.Slug) + "?done=withdrawn");
    }

    public string StateLabel(InvitationState state) => state switch
    {
        InvitationState.Pending => L["Waiting"],
        InvitationState.Accepted => L["Accepted"],
        InvitationState.Expired => L["Expired"],
        _ => L["Withdrawn"],
    };

    private async Task<IActionResult> RefusedAsync(InvitationRefusal refused)
    {
        if (refused.Status == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }
        this.ShowRefusal(Refusal.Of("", refused.Message).WithStatus(refused.Status), Errors);
        return await ShowAsync();
    }

    /// <summary>A person on this forum's sessions; false when there is no such person here.</summary>
    private async Task<bool> LoadPersonAsync(int id)
    {
        Person = await sending.ListedPersonAsync(Forum, id, HttpContext.RequestAborted);
        PersonHasAccount = Person is not null && await sending.HasAccountAsync(id, HttpContext.RequestAborted);
        return Person is not null;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await Db.Invitations.Where(i => i.ForumId == Forum.Id).OrderByDescending(i => i.SentAt).Take(500)
            .ToListAsync(HttpContext.RequestAborted);
        Invitations = rows.Select(i => new Row(i.Id, i.Email, i.Role, i.PersonName, i.PersonId, i.InvitedByName, i.SentAt, i.ExpiresAt, i.AcceptedAt, i.StateAt(now))).ToList();
        Language ??= LocalizationSetup.CurrentUiCulture;
        return Page();
    }
}
