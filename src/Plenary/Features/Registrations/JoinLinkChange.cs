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
    public async Task<Join?> ForAsync(ClaimsPrincipal user, Session session, CancellationToken cancel) =>
        (await ForAsync(user, [session], cancel)).GetValueOrDefault(session.Id);

    /// <summary>
    /// The ways in for this visitor to several sessions, by session id: only the sessions with one they may see. The one
    /// place of the rule, for one session (its page) as for many (an agenda): a fixed number of queries, whatever the
    /// number of sessions. Reads each session's working placement, not a released one.
    /// </summary>
    public async Task<Dictionary<int, Join>> ForAsync(ClaimsPrincipal user, IReadOnlyCollection<Session> sessions, CancellationToken cancel)
    {
        var ways = new Dictionary<int, Join>();
        if (user.AccountId() is not { } account)
        {
            return ways;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var coming = sessions.Where(s => s.StartsAt is not null && s.EndsAt is { } endsAt && s.Status == SessionStatus.Scheduled && now <= endsAt).ToList();
        if (coming.Count == 0)
        {
            return ways;
        }
        // A link is a session's or a room's, never both (a check constraint), and at most one each (unique indexes); the
        // session's own comes before its room's.
        var sessionIds = coming.Select(s => (int?)s.Id).ToList();
        var roomIds = coming.Where(s => s.RoomId is not null).Select(s => s.RoomId).Distinct().ToList();
        var links = await db.JoinLinks.Where(l => sessionIds.Contains(l.SessionId) || roomIds.Contains(l.RoomId)).ToListAsync(cancel);
        var ofSession = links.Where(l => l.SessionId is not null).ToDictionary(l => l.SessionId!.Value);
        var ofRoom = links.Where(l => l.RoomId is not null).ToDictionary(l => l.RoomId!.Value);
        var linked = new List<(Session Session, JoinLink Link, bool FromRoom)>();
        foreach (var s in coming)
        {
            if (ofSession.TryGetValue(s.Id, out var own))
            {
                linked.Add((s, own, false));
            }
            else if (s.RoomId is { } room && ofRoom.TryGetValue(room, out var rooms))
            {
                linked.Add((s, rooms, true));
            }
        }
        var seen = await MaySeeAsync(user, account, linked.Select(l => l.Session).ToList(), cancel);
        foreach (var (s, link, fromRoom) in linked.Where(l => seen.Contains(l.Session.Id)))
        {
            var opensAt = s.StartsAt!.Value - OpensBefore;
            ways[s.Id] = new Join(link.Url, link.Passcode, opensAt, now >= opensAt, fromRoom);
        }
        return ways;
    }

    /// <summary>
    /// Of these sessions, those whose way in the reader may see: the session's own people, those who run its forum, and
    /// participants whose registration in its forum is approved. Each fact read once for all the sessions, and only when
    /// the ones before did not settle it.
    /// </summary>
    private async Task<HashSet<int>> MaySeeAsync(ClaimsPrincipal user, int account, List<Session> sessions, CancellationToken cancel)
    {
        var seen = new HashSet<int>();
        if (sessions.Count == 0)
        {
            return seen;
        }
        var held = await roles.InSessionsAsync(user, sessions.Select(s => s.Id).Distinct().ToList(), cancel);
        var rest = sessions.Where(s => held[s.Id].Count == 0).ToList();
        seen.UnionWith(sessions.Where(s => held[s.Id].Count > 0).Select(s => s.Id));
        var allowed = new HashSet<int>();
        foreach (var forumId in rest.Select(s => s.ForumId).Distinct())
        {
            if (await roles.RunsForumAsync(user, forumId, cancel))
            {
                allowed.Add(forumId);
            }
        }
        var unsettled = rest.Select(s => s.ForumId).Where(f => !allowed.Contains(f)).Distinct().ToList();
        if (unsettled.Count > 0)
        {
            allowed.UnionWith(await db.Registrations.Where(r => unsettled.Contains(r.ForumId) && r.AccountId == account && r.Status == RegistrationStatus.Approved)
                .Select(r => r.ForumId).ToListAsync(cancel));
        }
        seen.UnionWith(rest.Where(s => allowed.Contains(s.ForumId)).Select(s => s.Id));
        return seen;
    }

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
