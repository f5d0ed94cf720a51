using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>An invitation as the Secretariat sends it from the workspace form or the API: a forum role, or the claim of a listed person.</summary>
public sealed class InvitationForm
{
    public string? Email { get; set; }

    /// <summary>The forum role offered, by name; ignored when <see cref="PersonId"/> is set.</summary>
    public string? Role { get; set; }

    /// <summary>A person on the forum's sessions, offered to whoever owns the address.</summary>
    public int? PersonId { get; set; }

    /// <summary>Language of the message when the address has no account yet (an account's own language wins).</summary>
    public string? Language { get; set; }

    /// <summary>The forum invited into, the listed person offered (or null for a role), and who invites.</summary>
    public sealed record In(Forum Forum, InvitationChange.ListedPerson? Person, ClaimsPrincipal User);
}

public sealed class InvitationFormValidator : AbstractValidator<InvitationForm>
{
    public InvitationFormValidator(PlenaryDb db, UserManager<Account> accounts, IStringLocalizer<SharedResource> L)
    {
        // A claimed person's account is told first: whatever the address, there is nothing to claim.
        RuleFor(f => f.Email).Field("email")
            .MustAsync(async (_, _, context, cancel) =>
            {
                if (context.Scope<InvitationForm.In>().Person is not { } person || !await db.Users.AnyAsync(a => a.PersonId == person.Id, cancel))
                {
                    return true;
                }
                context.MessageFormatter.AppendArgument("Claimed", L["{0} already has an account: there is nothing to claim.", person.Name].Value);
                return false;
            })
            .WithMessage("{Claimed}")
            .Must(AccountPageModel.LooksLikeEmail).WithMessage(_ => L["Enter an e-mail address such as name@example.org."])
            .MustAsync(async (f, email, context, cancel) =>
                context.Scope<InvitationForm.In>() is not { Person: null } scope || !RoleAllowed(f, scope)
                || await accounts.FindByEmailAsync(email!) is not { } existing
                || !await db.ForumMembers.AnyAsync(m => m.ForumId == scope.Forum.Id && m.AccountId == existing.Id && m.Role == Enum.Parse<ForumRole>(f.Role!), cancel))
            .WithMessage(_ => L["This person already holds this role in the forum."]);
        RuleFor(f => f.Role).Field("role")
            .OneOf<InvitationForm, ForumRole>().WithMessage(_ => L["Choose a role from the list."])
            .Must((f, _, context) => RoleAllowed(f, context.Scope<InvitationForm.In>()))
            .WithMessage(_ => L["Only a site administrator can appoint members of the Secretariat."])
            .When((_, context) => context.Scope<InvitationForm.In>().Person is null);
        RuleFor(f => f.Language).Field("language").Must(l => l is null || LocalizationSetup.UiCultures.Contains(l))
            .WithMessage(_ => L["Choose a language from the list."]);
    }

    private static bool RoleAllowed(InvitationForm form, InvitationForm.In scope) =>
        EnumValue.TryParse<ForumRole>(form.Role, out var role) && (role != ForumRole.Secretariat || scope.User.IsAdministrator());
}

/// <summary>Why an invitation cannot be sent again or withdrawn, with the status code that says it.</summary>
public sealed record InvitationRefusal(int Status, string Message);

/// <summary>
/// Sends, sends again and withdraws invitations with one set of rules for page and API: only an administrator invites
/// into the Secretariat; every message counts against the address's hourly cap; the link's code is stored only hashed
/// and is never shown to the inviter. Audited.
/// </summary>
public sealed class InvitationChange(PlenaryDb db, UserManager<Account> accounts, IValidator<InvitationForm> validator, Mailer mailer, TimeProvider clock, IOptions<AccountsOptions> options,
    IStringLocalizer<SharedResource> L)
{
    public const string Purpose = "invitation";

    public sealed record ListedPerson(int Id, string Name, List<(string NumberedName, string Title, SessionRoleKind Kind)> Sessions);

    /// <summary>A person on this forum's sessions; null when there is no such person here.</summary>
    public async Task<ListedPerson?> ListedPersonAsync(Forum forum, int id, CancellationToken cancel)
    {
        var name = await db.People.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(cancel);
        var sessions = await SessionsOfAsync(id, forum.Id, cancel);
        return name is null || sessions.Count == 0 ? null : new ListedPerson(id, name, sessions);
    }

    public Task<bool> HasAccountAsync(int personId, CancellationToken cancel) => db.Users.AnyAsync(a => a.PersonId == personId, cancel);

    /// <summary>Tracked (queries are not, by default), as resend and withdraw change it.</summary>
    public Task<Invitation?> FindAsync(Forum forum, int id, CancellationToken cancel) =>
        db.Invitations.AsTracking().FirstOrDefaultAsync(i => i.Id == id && i.ForumId == forum.Id, cancel);

    /// <summary>
    /// Sends an invitation; the invitation, or why not by field, or null when the person is not on this forum's
    /// sessions. Trims the form in place, so a page shows what was checked.
    /// </summary>
    public async Task<ChangeResult<Invitation>?> SendAsync(Forum forum, InvitationForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        var email = form.Email = form.Email?.Trim();
        ListedPerson? person = null;
        if (form.PersonId is { } id && (person = await ListedPersonAsync(forum, id, cancel)) is null)
        {
            return null;
        }
        if (await validator.CheckAsync(form, new InvitationForm.In(forum, person, user), cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var role = person is null ? Enum.Parse<ForumRole>(form.Role!) : (ForumRole?)null;
        var personId = person?.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Invitations.AnyAsync(i => i.ForumId == forum.Id && i.Email.ToLower() == email!.ToLower() && i.Role == role && i.PersonId == personId
                && i.AcceptedAt == null && i.WithdrawnAt == null && i.ExpiresAt >= now, cancel))
        {
            return Refusal.Of("email", L["An invitation for this is already waiting at this address. Send it again from the list below if it went astray."]);
        }
        if (await TooManyAsync(email!, cancel))
        {
            return Refusal.Of("email", L["We have already written to this address several times in the last hour. Please wait before trying again."])
                .WithStatus(StatusCodes.Status429TooManyRequests);
        }

        var existing = await accounts.FindByEmailAsync(email!);
        var invitation = new Invitation
        {
            ForumId = forum.Id, Email = email!, Role = role, PersonId = person?.Id, PersonName = person?.Name,
            Language = existing?.PreferredLanguage ?? form.Language ?? "en",
            InvitedById = user.AccountId(), InvitedByName = await InviterNameAsync(user, cancel), CodeHash = "",
        };
        var code = invitation.Renew(clock.GetUtcNow().UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancel);
        await QueueAsync(forum, invitation, code, cancel);
        db.Record(user, clock, forum.Id, "invitation.send", invitation.Email, null, Describe(invitation));
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        mailer.SendSoon();
        return ChangeResult<Invitation>.Done(invitation);
    }

    /// <summary>Sends a (tracked) invitation again with a new link, the old one dying; null when done.</summary>
    public async Task<InvitationRefusal?> ResendAsync(Forum forum, Invitation found, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (SecretariatOnly(found, user) is { } refused)
        {
            return refused;
        }
        var state = found.StateAt(clock.GetUtcNow().UtcDateTime);
        if (state is InvitationState.Accepted or InvitationState.Withdrawn)
        {
            return new(StatusCodes.Status409Conflict, state == InvitationState.Accepted
                ? L["The invitation to {0} has already been accepted.", found.Email]
                : L["The invitation to {0} was withdrawn. Send a new one instead.", found.Email]);
        }
        if (found.Role is null && found.PersonId is null)
        {
            return new(StatusCodes.Status409Conflict, L["The person record offered to {0} has since been claimed or removed.", found.Email]);
        }
        if (await TooManyAsync(found.Email, cancel))
        {
            return new(StatusCodes.Status429TooManyRequests, L["We have already written to this address several times in the last hour. Please wait before trying again."]);
        }
        var before = Describe(found);
        var code = found.Renew(clock.GetUtcNow().UtcDateTime);
        await QueueAsync(forum, found, code, cancel);
        db.Record(user, clock, forum.Id, "invitation.resend", found.Email, before, Describe(found));
        await db.SaveChangesAsync(cancel);
        mailer.SendSoon();
        return null;
    }

    /// <summary>Withdraws a (tracked) invitation so its link no longer works; null when done.</summary>
    public async Task<InvitationRefusal?> WithdrawAsync(Forum forum, Invitation found, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (SecretariatOnly(found, user) is { } refused)
        {
            return refused;
        }
        if (found.AcceptedAt is not null || found.WithdrawnAt is not null)
        {
            return new(StatusCodes.Status409Conflict, found.AcceptedAt is not null
                ? L["The invitation to {0} has already been accepted.", found.Email]
                : L["The invitation to {0} is already withdrawn.", found.Email]);
        }
        var before = Describe(found);
        found.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        db.Record(user, clock, forum.Id, "invitation.withdraw", found.Email, before, Describe(found));
        await db.SaveChangesAsync(cancel);
        return null;
    }

    /// <summary>Invitations into the Secretariat are the administrators' to handle, as only they send them.</summary>
    private InvitationRefusal? SecretariatOnly(Invitation found, ClaimsPrincipal user) =>
        found.Role == ForumRole.Secretariat && !user.IsAdministrator()
            ? new(StatusCodes.Status403Forbidden, L["Only a site administrator can appoint members of the Secretariat."])
            : null;

    /// <summary>The per-address cap of the account messages, so that invitations cannot be used to flood someone either.</summary>
    private async Task<bool> TooManyAsync(string email, CancellationToken cancel) =>
        await mailer.CountRecentAsync(email, Purpose, TimeSpan.FromHours(1), cancel) >= options.Value.MessagesPerHourPerEmail;

    private async Task<string> InviterNameAsync(ClaimsPrincipal user, CancellationToken cancel)
    {
        var id = user.AccountId();
        return await (from a in db.Users join p in db.People on a.PersonId equals p.Id where a.Id == id select p.Name).FirstOrDefaultAsync(cancel) ?? "?";
    }

    private async Task<List<(string, string, SessionRoleKind)>> SessionsOfAsync(int personId, int forumId, CancellationToken cancel)
    {
        var rows = await (from r in db.SessionRoles
                          join s in db.Sessions on r.SessionId equals s.Id
                          where r.PersonId == personId && s.ForumId == forumId
                          orderby s.StartsAt, s.Type.Position, s.Number, r.Kind
                          select new { s.Type.NumberLabel, s.Number, s.Title, r.Kind }).ToListAsync(cancel);
        return rows.Select(r => ($"{r.NumberLabel} #{r.Number}", r.Title, r.Kind)).ToList();
    }

    /// <summary>Writes the message with a fresh link; the caller saves it with the invitation.</summary>
    private async Task QueueAsync(Forum forum, Invitation invitation, string code, CancellationToken cancel)
    {
        var link = ManageLinks.Invitation(invitation.Id) + $"?code={code}";
        var sessions = invitation.PersonId is { } person ? await SessionsOfAsync(person, forum.Id, cancel) : [];
        var (forumName, inviter, expires) = (forum.Name, invitation.InvitedByName, invitation.ExpiresAt);
        mailer.Queue(invitation.Email, invitation.Language, Purpose, l =>
        {
            List<string> paragraphs = [l["Hello,"]];
            paragraphs.Add(invitation.Role switch
            {
                ForumRole.Secretariat => l["{0} invites you to join the Secretariat of {1} on Plenary.", inviter, forumName],
                ForumRole.Reviewer => l["{0} invites you to join the reviewers of {1} on Plenary, who assess the session proposals.", inviter, forumName],
                ForumRole.MessageEditor => l["{0} invites you to write the messages of {1} on Plenary, from what its sessions concluded.", inviter, forumName],
                ForumRole.VisaDesk => l["{0} invites you to join the visa desk of {1} on Plenary, which answers requests for visa invitation letters and reads the passport details they hold.", inviter, forumName],
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
}
