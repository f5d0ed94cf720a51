using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Plenary.Features.Accounts;
using Plenary.Features.Mail;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;

namespace Plenary.Features.Manage;

/// <summary>
/// The Secretariat invites people by e-mail: into a forum role (only an administrator into the Secretariat), or to
/// claim a person already listed on the forum's sessions. The list shows every invitation with resend and withdraw.
/// </summary>
public sealed class InvitationsModel(PlenaryDb db, UserManager<Account> accounts, Mailer mailer, IAuthorizationService authorization,
    TimeProvider clock, IOptions<AccountsOptions> options, IOptions<MailOptions> mail, IStringLocalizer<SharedResource> L)
    : ManagePageModel(db, authorization)
{
    public const string Purpose = "invitation";

    public sealed record Row(int Id, string Email, ForumRole? Role, string? PersonName, int? PersonId, string InvitedBy, DateTime SentAt,
        DateTime ExpiresAt, DateTime? AcceptedAt, InvitationState State);

    public sealed record ListedPerson(int Id, string Name, List<(string NumberedName, string Title, SessionRoleKind Kind)> Sessions);

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public ForumRole Role { get; set; } = ForumRole.Reviewer;

    /// <summary>Set when the invitation is to claim a listed person rather than to a forum role.</summary>
    [BindProperty(Name = "person", SupportsGet = true)] public int? PersonId { get; set; }
    [BindProperty] public string? Language { get; set; }

    public ListedPerson? Person { get; private set; }

    /// <summary>The person already belongs to an account: there is nothing to claim.</summary>
    public bool PersonHasAccount { get; private set; }
    public List<Row> Invitations { get; private set; } = [];
    public bool MayInviteSecretariat => User.IsAdministrator();
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string? email, string? role, string? done)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        Email = email is { Length: <= 256 } ? email.Trim() : null;
        if (Enum.TryParse<ForumRole>(role, out var offered) && Enum.IsDefined(offered))
        {
            Role = offered;
        }
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
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
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        var cancel = HttpContext.RequestAborted;
        Email = Email?.Trim();
        if (PersonId is { } id && !await LoadPersonAsync(id))
        {
            return NotFound();
        }
        var existing = AccountPageModel.LooksLikeEmail(Email) ? await accounts.FindByEmailAsync(Email!) : null;
        if (!AccountPageModel.LooksLikeEmail(Email))
        {
            Errors["email"] = L["Enter an e-mail address such as name@example.org."];
        }
        if (Person is null)
        {
            if (!Enum.IsDefined(Role) || ModelState.GetFieldValidationState(nameof(Role)) == ModelValidationState.Invalid)
            {
                Errors["role"] = L["Choose a role from the list."];
            }
            else if (Role == ForumRole.Secretariat && !MayInviteSecretariat)
            {
                Errors["role"] = L["Only a site administrator can appoint members of the Secretariat."];
            }
            else if (existing is not null && await Db.ForumMembers.AnyAsync(m => m.ForumId == Forum.Id && m.AccountId == existing.Id && m.Role == Role, cancel))
            {
                Errors["email"] = L["This person already holds this role in the forum."];
            }
        }
        else if (PersonHasAccount)
        {
            Errors["email"] = L["{0} already has an account: there is nothing to claim.", Person.Name];
        }
        if (Language is not null && !LocalizationSetup.UiCultures.Contains(Language))
        {
            Errors["language"] = L["Choose a language from the list."];
        }
        if (Errors.Count == 0)
        {
            var role = Person is null ? Role : (ForumRole?)null;
            var personId = Person?.Id;
            var now = clock.GetUtcNow().UtcDateTime;
            if (await Db.Invitations.AnyAsync(i => i.ForumId == Forum.Id && i.Email.ToLower() == Email!.ToLower() && i.Role == role && i.PersonId == personId
                    && i.AcceptedAt == null && i.WithdrawnAt == null && i.ExpiresAt >= now, cancel))
            {
                Errors["email"] = L["An invitation for this is already waiting at this address. Send it again from the list below if it went astray."];
            }
            else if (await TooManyAsync(Email!))
            {
                Errors["email"] = L["We have already written to this address several times in the last hour. Please wait before trying again."];
            }
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }

        var invitation = new Invitation
        {
            ForumId = Forum.Id, Email = Email!, Role = Person is null ? Role : null, PersonId = Person?.Id, PersonName = Person?.Name,
            Language = existing?.PreferredLanguage ?? Language ?? "en",
            InvitedById = User.AccountId(), InvitedByName = await InviterNameAsync(), CodeHash = "",
        };
        var code = invitation.Renew(clock.GetUtcNow().UtcDateTime);
        await using var transaction = await Db.Database.BeginTransactionAsync(cancel);
        Db.Invitations.Add(invitation);
        await Db.SaveChangesAsync(cancel);
        await QueueAsync(invitation, code);
        Db.Record(User, clock, Forum.Id, "invitation.send", invitation.Email, null, Describe(invitation));
        await Db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        mailer.SendSoon();
        return Redirect($"/{Forum.Slug}/manage/invitations?done=sent");
    }

    public async Task<IActionResult> OnPostResendAsync(string forum, int invitation)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        if (await FindAsync(invitation) is not { } found)
        {
            return NotFound();
        }
        if (found.Role == ForumRole.Secretariat && !MayInviteSecretariat)
        {
            return Forbid();
        }
        var state = found.StateAt(clock.GetUtcNow().UtcDateTime);
        if (state is InvitationState.Accepted or InvitationState.Withdrawn)
        {
            Errors[""] = state == InvitationState.Accepted
                ? L["The invitation to {0} has already been accepted.", found.Email]
                : L["The invitation to {0} was withdrawn. Send a new one instead.", found.Email];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync();
        }
        if (found.Role is null && found.PersonId is null)
        {
            Errors[""] = L["The person record offered to {0} has since been claimed or removed.", found.Email];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync();
        }
        if (await TooManyAsync(found.Email))
        {
            Errors[""] = L["We have already written to this address several times in the last hour. Please wait before trying again."];
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return await ShowAsync();
        }
        var before = Describe(found);
        var code = found.Renew(clock.GetUtcNow().UtcDateTime);
        await QueueAsync(found, code);
        Db.Record(User, clock, Forum.Id, "invitation.resend", found.Email, before, Describe(found));
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        mailer.SendSoon();
        return Redirect($"/{Forum.Slug}/manage/invitations?done=resent");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string forum, int invitation)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        if (await FindAsync(invitation) is not { } found)
        {
            return NotFound();
        }
        if (found.Role == ForumRole.Secretariat && !MayInviteSecretariat)
        {
            return Forbid();
        }
        if (found.AcceptedAt is not null || found.WithdrawnAt is not null)
        {
            Errors[""] = found.AcceptedAt is not null
                ? L["The invitation to {0} has already been accepted.", found.Email]
                : L["The invitation to {0} is already withdrawn.", found.Email];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync();
        }
        var before = Describe(found);
        found.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        Db.Record(User, clock, Forum.Id, "invitation.withdraw", found.Email, before, Describe(found));
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"/{Forum.Slug}/manage/invitations?done=withdrawn");
    }

    public string StateLabel(InvitationState state) => state switch
    {
        InvitationState.Pending => L["Waiting"],
        InvitationState.Accepted => L["Accepted"],
        InvitationState.Expired => L["Expired"],
        _ => L["Withdrawn"],
    };

    /// <summary>The per-address cap of the account messages, so that invitations cannot be used to flood someone either.</summary>
    private async Task<bool> TooManyAsync(string email) =>
        await mailer.CountRecentAsync(email, Purpose, TimeSpan.FromHours(1), HttpContext.RequestAborted) >= options.Value.MessagesPerHourPerEmail;

    /// <summary>Tracked (queries are not, by default), as resend and withdraw change it.</summary>
    private Task<Invitation?> FindAsync(int id) =>
        Db.Invitations.AsTracking().FirstOrDefaultAsync(i => i.Id == id && i.ForumId == Forum.Id, HttpContext.RequestAborted);

    private async Task<string> InviterNameAsync()
    {
        var id = User.AccountId();
        return await (from a in Db.Users join p in Db.People on a.PersonId equals p.Id where a.Id == id select p.Name)
            .FirstOrDefaultAsync(HttpContext.RequestAborted) ?? "?";
    }

    /// <summary>A person on this forum's sessions; false when there is no such person here.</summary>
    private async Task<bool> LoadPersonAsync(int id)
    {
        var cancel = HttpContext.RequestAborted;
        var name = await Db.People.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(cancel);
        var sessions = await SessionsOfAsync(id, Forum.Id);
        if (name is null || sessions.Count == 0)
        {
            return false;
        }
        Person = new ListedPerson(id, name, sessions);
        PersonHasAccount = await Db.Users.AnyAsync(a => a.PersonId == id, cancel);
        return true;
    }

    private async Task<List<(string, string, SessionRoleKind)>> SessionsOfAsync(int personId, int forumId)
    {
        var rows = await (from r in Db.SessionRoles
                          join s in Db.Sessions on r.SessionId equals s.Id
                          where r.PersonId == personId && s.ForumId == forumId
                          orderby s.StartsAt, s.Type.Position, s.Number, r.Kind
                          select new { s.Type.NumberLabel, s.Number, s.Title, r.Kind }).ToListAsync(HttpContext.RequestAborted);
        return rows.Select(r => ($"{r.NumberLabel} #{r.Number}", r.Title, r.Kind)).ToList();
    }

    /// <summary>Writes the message with a fresh link; the caller saves it with the invitation.</summary>
    private async Task QueueAsync(Invitation invitation, string code)
    {
        var origin = mail.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        var link = $"{origin}/invitations/{invitation.Id.ToString(CultureInfo.InvariantCulture)}?code={code}";
        var sessions = invitation.PersonId is { } person ? await SessionsOfAsync(person, Forum.Id) : [];
        var (forumName, inviter, expires) = (Forum.Name, invitation.InvitedByName, invitation.ExpiresAt);
        mailer.Queue(invitation.Email, invitation.Language, Purpose, l =>
        {
            List<string> paragraphs = [l["Hello,"]];
            paragraphs.Add(invitation.Role switch
            {
                ForumRole.Secretariat => l["{0} invites you to join the Secretariat of {1} on Plenary.", inviter, forumName],
                ForumRole.Reviewer => l["{0} invites you to join the reviewers of {1} on Plenary, who assess the session proposals.", inviter, forumName],
                _ => l["{0} invites you to take charge of your entry in {1} on Plenary: you are listed as {2} on these sessions.", inviter, forumName, invitation.PersonName ?? ""],
            });
            paragraphs.AddRange(sessions.Select(s => $"- {s.Item1}: {s.Item2} ({l.Label(s.Item3)})"));
            paragraphs.Add(l["Open the link below to accept. If you have no Plenary account yet, create one with this address on the way. The link works until {0}.",
                expires.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)]);
            paragraphs.Add(l["If you were not expecting this message, ignore it: nothing changes unless you accept."]);
            return new MailContent(l["Invitation to {0}", forumName], paragraphs, l["See the invitation"], link);
        });
    }

    private static object Describe(Invitation i) => new
    {
        i.Email, Role = i.Role?.ToString(), i.PersonId, i.PersonName, i.Language, i.SentAt, i.ExpiresAt, i.WithdrawnAt,
    };

    private async Task<IActionResult> ShowAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await Db.Invitations.Where(i => i.ForumId == Forum.Id).OrderByDescending(i => i.SentAt).Take(500)
            .ToListAsync(HttpContext.RequestAborted);
        Invitations = rows.Select(i => new Row(i.Id, i.Email, i.Role, i.PersonName, i.PersonId, i.InvitedByName, i.SentAt, i.ExpiresAt, i.AcceptedAt, i.StateAt(now))).ToList();
        Language ??= CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return Page();
    }
}
