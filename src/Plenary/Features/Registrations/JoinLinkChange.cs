using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Registrations;

/// <summary>A session's or a room's meeting link as its editors send it; an empty address removes the link.</summary>
public sealed class JoinLinkForm
{
    public string? Url { get; set; }
    public string? Passcode { get; set; }
}

public sealed class JoinLinkFormValidator : AbstractValidator<JoinLinkForm>
{
    public JoinLinkFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Url ?? "").Field("joinurl")
            .OnOneLine(L)
            .Must(url => url.Length == 0 || (url.Length <= JoinLink.MaxUrl && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            .WithMessage(_ => L["Enter the meeting's web address, starting with https://, at most {0} characters.", JoinLink.MaxUrl]);
        RuleFor(f => f.Passcode ?? "").Field("passcode")
            .OnOneLine(L)
            .AtMost(JoinLink.MaxPasscode, L);
    }
}

/// <summary>
/// The one way to read and write online join links. A link is shown to the session's own people, the forum's
/// Secretariat and participants whose registration is approved; to nobody else, and never in anything cached or public.
/// </summary>
public sealed class JoinLinkChange(PlenaryDb db, IValidator<JoinLinkForm> validator, TimeProvider clock, ReaderRoles roles)
{
    /// <summary>The Join button becomes active this long before the session starts.</summary>
    public static readonly TimeSpan OpensBefore = TimeSpan.FromMinutes(15);

    public sealed record Join(string Url, string? Passcode, DateTime OpensAt, bool IsOpen, bool FromRoom);

    /// <summary>The way in for this visitor, or null when there is none or they may not see it.</summary>
    public async Task<Join?> ForAsync(ClaimsPrincipal user, Session session, CancellationToken cancel)
    {
        if (user.AccountId() is not { } account || session.StartsAt is not { } startsAt || session.EndsAt is not { } endsAt || session.Status != SessionStatus.Scheduled)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (now > endsAt)
        {
            return null;
        }
        var link = await db.JoinLinks.FirstOrDefaultAsync(l => l.SessionId == session.Id, cancel);
        var fromRoom = false;
        if (link is null && session.RoomId is { } room)
        {
            link = await db.JoinLinks.FirstOrDefaultAsync(l => l.RoomId == room, cancel);
            fromRoom = true;
        }
        if (link is null || !await MaySeeAsync(user, account, session, cancel))
        {
            return null;
        }
        var opensAt = startsAt - OpensBefore;
        return new Join(link.Url, link.Passcode, opensAt, now >= opensAt, fromRoom);
    }

    private async Task<bool> MaySeeAsync(ClaimsPrincipal user, int account, Session session, CancellationToken cancel) =>
        (await roles.InSessionAsync(user, session.Id, cancel)).Count > 0
        || await roles.RunsForumAsync(user, session.ForumId, cancel)
        || await db.Registrations.AnyAsync(r => r.ForumId == session.ForumId && r.AccountId == account && r.Status == RegistrationStatus.Approved, cancel);

    /// <summary>The stored link of a session or a room, for its editors.</summary>
    public Task<JoinLink?> StoredAsync(int? sessionId, int? roomId, CancellationToken cancel) =>
        db.JoinLinks.FirstOrDefaultAsync(l => sessionId != null ? l.SessionId == sessionId : l.RoomId == roomId, cancel);

    /// <summary>
    /// Sets, changes or (with an empty address) removes the link of a session or a room. The audit log records that it
    /// changed, never the address or passcode. The link kept (null when removed), or why not by field.
    /// </summary>
    public async Task<ChangeResult<JoinLink?>> SaveAsync(Forum forum, int? sessionId, int? roomId, string subject, string? url, string? passcode,
        ClaimsPrincipal user, CancellationToken cancel)
    {
        var form = new JoinLinkForm { Url = url?.Trim(), Passcode = string.IsNullOrWhiteSpace(passcode) ? null : passcode.Trim() };
        if (await validator.RefusalAsync(form, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        (url, passcode) = (form.Url, form.Passcode);
        var existing = await db.JoinLinks.AsTracking().FirstOrDefaultAsync(l => sessionId != null ? l.SessionId == sessionId : l.RoomId == roomId, cancel);
        var before = existing is null ? null : new { Link = true, Passcode = existing.Passcode is not null };
        if (string.IsNullOrEmpty(url))
        {
            if (existing is not null)
            {
                db.JoinLinks.Remove(existing);
            }
        }
        else if (existing is null)
        {
            existing = db.JoinLinks.Add(new JoinLink { ForumId = forum.Id, SessionId = sessionId, RoomId = roomId, Url = url, Passcode = passcode }).Entity;
        }
        else
        {
            (existing.Url, existing.Passcode) = (url, passcode);
        }
        var after = string.IsNullOrEmpty(url) ? null : new { Link = true, Passcode = passcode is not null };
        db.Record(user, clock, forum.Id, "join-link.change", subject, before, after);
        await db.SaveChangesAsync(cancel);
        return ChangeResult<JoinLink?>.Done(string.IsNullOrEmpty(url) ? null : existing);
    }
}
