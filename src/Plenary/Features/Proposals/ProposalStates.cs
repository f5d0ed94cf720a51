using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Kernel.Access;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Proposals;

/// <summary>
/// The life of a proposal. Every change of state goes through <see cref="MoveAsync"/>, which records who, when and
/// why and queues the notification; the public methods are the transitions the pages offer. The caller saves.
/// </summary>
public sealed class ProposalStates(PlenaryDb db, Mailer mailer, Screening screening, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const string Purpose = "proposal";

    /// <summary>Where each state may lead. Review and decisions (in review → accepted, waitlisted, rejected) use the same path.</summary>
    public static readonly IReadOnlyDictionary<ProposalState, ProposalState[]> Allowed = new Dictionary<ProposalState, ProposalState[]>
    {
        [ProposalState.Draft] = [ProposalState.Submitted, ProposalState.Withdrawn],
        [ProposalState.Submitted] = [ProposalState.ScreenedOut, ProposalState.InReview, ProposalState.Withdrawn],
        // Mended while the call is open, a screened-out proposal is handed in again.
        [ProposalState.ScreenedOut] = [ProposalState.Submitted, ProposalState.Withdrawn],
        [ProposalState.InReview] = [ProposalState.Accepted, ProposalState.Waitlisted, ProposalState.Rejected, ProposalState.Withdrawn],
        [ProposalState.Waitlisted] = [ProposalState.Accepted, ProposalState.Rejected, ProposalState.Withdrawn],
        [ProposalState.Accepted] = [ProposalState.Withdrawn],
        [ProposalState.Rejected] = [],
        [ProposalState.Withdrawn] = [],
    };

    /// <summary>Proposers and co-organisers may change the proposal only in these states, and only while the call is open.</summary>
    public static bool Editable(ProposalState state) => state is ProposalState.Draft or ProposalState.Submitted or ProposalState.ScreenedOut;

    public sealed record Outcome(string? Refusal, List<Finding> Findings);

    /// <summary>Hands the proposal in and screens it at once: failing a blocking rule screens it out, with the reasons.</summary>
    public async Task<Outcome> SubmitAsync(Forum forum, Call call, Proposal proposal, ClaimsPrincipal user, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!call.IsOpenAt(now))
        {
            return new(await CallClosedAsync(forum, call, user, now, cancel), []);
        }
        if (proposal.State is not (ProposalState.Draft or ProposalState.ScreenedOut))
        {
            return new(L["This proposal is already {0}.", StateLabel(L, proposal.State)], []);
        }
        var findings = await screening.CheckAsync(forum, call, proposal, cancel);
        proposal.SubmittedAt = now;
        var flags = findings.Where(f => !f.Blocks).Select(f => f.ToString()).ToList();
        // Screened out at once, the proposer gets one message (the screening's), not two.
        await MoveAsync(forum, proposal, ProposalState.Submitted, user, flags.Count == 0 ? null : string.Join("\n", flags), cancel,
            notify: !findings.Any(f => f.Blocks));
        await ScreenAsync(forum, proposal, findings, atClosing: false, cancel);
        return new(null, findings);
    }

    /// <summary>Screens every handed-in proposal once the call has closed: out with reasons, or on to review.</summary>
    public async Task<(int ScreenedOut, int InReview)> ScreenAtClosingAsync(Forum forum, Call call, CancellationToken cancel)
    {
        var submitted = await db.Proposals.AsTracking().Include(p => p.People).Include(p => p.Sdgs).AsSplitQuery()
            .Where(p => p.ForumId == forum.Id && p.State == ProposalState.Submitted).OrderBy(p => p.Id).ToListAsync(cancel);
        var (outCount, inCount) = (0, 0);
        foreach (var proposal in submitted)
        {
            var findings = await screening.CheckAsync(forum, call, proposal, cancel);
            if (await ScreenAsync(forum, proposal, findings, atClosing: true, cancel))
            {
                outCount++;
            }
            else
            {
                inCount++;
            }
        }
        return (outCount, inCount);
    }

    public Task WithdrawAsync(Forum forum, Proposal proposal, ClaimsPrincipal user, string? reason, CancellationToken cancel) =>
        MoveAsync(forum, proposal, ProposalState.Withdrawn, user, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), cancel);

    /// <summary>The Secretariat's decision after review (accepted, waitlisted, rejected): the hook the review pages will call.</summary>
    public Task DecideAsync(Forum forum, Proposal proposal, ProposalState decision, ClaimsPrincipal user, string reason, CancellationToken cancel) =>
        decision is ProposalState.Accepted or ProposalState.Waitlisted or ProposalState.Rejected
            ? MoveAsync(forum, proposal, decision, user, reason, cancel)
            : throw new ArgumentOutOfRangeException(nameof(decision), decision, "Not a decision.");

    /// <returns>True when the proposal was screened out.</returns>
    private async Task<bool> ScreenAsync(Forum forum, Proposal proposal, List<Finding> findings, bool atClosing, CancellationToken cancel)
    {
        var blocking = findings.Where(f => f.Blocks).Select(f => f.ToString()).ToList();
        if (blocking.Count > 0)
        {
            await MoveAsync(forum, proposal, ProposalState.ScreenedOut, null, string.Join("\n", blocking), cancel);
            return true;
        }
        if (atClosing)
        {
            var flags = findings.Select(f => f.ToString()).ToList();
            await MoveAsync(forum, proposal, ProposalState.InReview, null, flags.Count == 0 ? null : string.Join("\n", flags), cancel);
        }
        return false;
    }

    /// <summary>
    /// The one way a proposal changes state: refuses a move the flow does not allow, records it in the history, raises
    /// the version (a form opened before is then told) and writes to the proposer and co-organisers in their language.
    /// </summary>
    /// <param name="user">Null for Plenary's own screening.</param>
    /// <param name="notify">False only when a second move follows at once and its message says it all.</param>
    public async Task MoveAsync(Forum forum, Proposal proposal, ProposalState to, ClaimsPrincipal? user, string? reason, CancellationToken cancel, bool notify = true)
    {
        if (!Allowed[proposal.State].Contains(to))
        {
            throw new InvalidOperationException($"A proposal cannot go from {proposal.State} to {to}.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.ProposalHistory.Add(new ProposalEvent
        {
            ProposalId = proposal.Id, From = proposal.State, To = to, At = now, AccountId = user?.AccountId(),
            Actor = user is null ? "Plenary" : user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "?", Reason = reason,
        });
        proposal.State = to;
        proposal.Version++;
        if (!notify)
        {
            return;
        }
        foreach (var (email, language) in await RecipientsAsync(proposal, cancel))
        {
            var (title, forumName, id, slug) = (proposal.Title, forum.Name, proposal.Id, forum.Slug);
            mailer.Queue(email, language, Purpose, l =>
            {
                List<string> paragraphs = [l["Hello,"], l["Your proposal “{0}” for {1} is now: {2}.", title, forumName, StateLabel(l, to)]];
                if (!string.IsNullOrEmpty(reason))
                {
                    paragraphs.Add(l["Reasons:"]);
                    paragraphs.AddRange(reason.Split('\n'));
                }
                return new MailContent(l["Proposal “{0}”: {1}", title, StateLabel(l, to)], paragraphs, l["See the proposal"], ProposalLinks.Proposal(slug, id));
            });
        }
    }

    /// <summary>The proposer and the co-organisers with a Plenary account get the news, each in their own language.</summary>
    private async Task<List<(string Email, string Language)>> RecipientsAsync(Proposal proposal, CancellationToken cancel)
    {
        var organisers = proposal.People.Where(p => p.Kind == SessionRoleKind.Organiser).Select(p => p.Email.ToUpperInvariant()).ToList();
        var accounts = await db.Users.Where(a => a.Id == proposal.ProposerId || (a.EmailConfirmed && organisers.Contains(a.NormalizedEmail!)))
            .Select(a => new { a.Email, a.PreferredLanguage }).ToListAsync(cancel);
        var list = accounts.Select(a => (a.Email!, a.PreferredLanguage)).ToList();
        // Co-organisers without an account still hear of it, in the forum's working language.
        list.AddRange(proposal.People.Where(p => p.Kind == SessionRoleKind.Organiser
                && !accounts.Any(a => string.Equals(a.Email, p.Email, StringComparison.OrdinalIgnoreCase)))
            .Select(p => (p.Email, "en")));
        return list.DistinctBy(r => r.Item1.ToLowerInvariant()).ToList();
    }

    /// <summary>"The call closed on …", in the proposer's time zone when their profile has one.</summary>
    public async Task<string> CallClosedAsync(Forum forum, Call call, ClaimsPrincipal user, DateTime now, CancellationToken cancel)
    {
        var zone = await ZoneOfAsync(user, forum, cancel);
        return now < call.OpensAt
            ? L["The call for proposals opens on {0}.", When(call.OpensAt, zone)]
            : L["The call for proposals closed on {0}; proposals can no longer be handed in or changed.", When(call.ClosesAt, zone)];
    }

    /// <summary>The visitor's own zone from their profile, else the forum's.</summary>
    public async Task<ForumClock> ZoneOfAsync(ClaimsPrincipal user, Forum forum, CancellationToken cancel)
    {
        var id = user.AccountId();
        var zone = id is null ? null : await db.Users.Where(a => a.Id == id).Select(a => a.TimeZoneId).FirstOrDefaultAsync(cancel);
        return ForumClock.TryCreate(zone, out var own) ? own : ForumClock.For(forum.TimeZoneId);
    }

    /// <summary>"1 March 2026 23:59, Africa/Addis Ababa (UTC+3)".</summary>
    public static string When(DateTime utc, ForumClock zone) =>
        $"{zone.Local(utc).ToDateTimeUnspecified().ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture)}, {zone.ZoneName(utc)}";

    public static string StateLabel(IStringLocalizer L, ProposalState state) => state switch
    {
        ProposalState.Draft => L["Draft"],
        ProposalState.Submitted => L["Submitted"],
        ProposalState.ScreenedOut => L["Screened out"],
        ProposalState.InReview => L["In review"],
        ProposalState.Accepted => L["Accepted"],
        ProposalState.Waitlisted => L["Waitlisted"],
        ProposalState.Rejected => L["Rejected"],
        _ => L["Withdrawn"],
    };
}
