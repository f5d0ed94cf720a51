using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Kernel.Audit;
using Plenary.Features.People;
using Plenary.Features.Proposals;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Reviews;

/// <summary>
/// The Secretariat's decisions, many at once, through the proposals' state machine; an accepted proposal becomes a
/// session numbered in its type with every role, SDG and tag carried over. All of a batch is written, or none of it.
/// </summary>
public sealed class Decisions(PlenaryDb db, ProposalStates states, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public sealed record Outcome(List<string> Refusals, int Decided, List<string> Sessions);

    public async Task<Outcome> DecideAsync(Forum forum, IReadOnlyCollection<int> ids, ProposalState decision, string reason, ClaimsPrincipal user, CancellationToken cancel)
    {
        var proposals = await db.Proposals.AsTracking().Include(p => p.People).Include(p => p.Sdgs).Include(p => p.FrameworkLinks).Include(p => p.Sections).AsSplitQuery()
            .Where(p => p.ForumId == forum.Id && ids.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(cancel);
        var refusals = new List<string>();
        if (proposals.Count != ids.Distinct().Count())
        {
            refusals.Add(L["Some of the chosen proposals are not proposals of this forum."]);
        }
        foreach (var p in proposals.Where(p => !ProposalStates.Allowed[p.State].Contains(decision)))
        {
            refusals.Add(p.State == decision
                ? L["“{0}” is already {1}.", p.Title, ProposalStates.StateLabel(L, p.State)]
                : L["“{0}” is {1} and cannot become {2}.", p.Title, ProposalStates.StateLabel(L, p.State), ProposalStates.StateLabel(L, decision)]);
        }
        if (refusals.Count > 0)
        {
            return new(refusals, 0, []);
        }
        var sessions = new List<string>();
        var numbers = new Dictionary<int, int>();
        // New people are saved before their roles; the transaction keeps the batch whole all the same.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        try
        {
            foreach (var proposal in proposals)
            {
                await states.DecideAsync(forum, proposal, decision, user, reason, cancel);
                if (decision == ProposalState.Accepted && await SessionFromAsync(forum, proposal, numbers, cancel) is { } name)
                {
                    sessions.Add(name);
                }
            }
            db.Record(user, clock, forum.Id, "proposal.decide", forum.Slug, null,
                new { Decision = decision.ToString(), Reason = reason, Proposals = proposals.Select(p => p.Id).ToList(), Sessions = sessions });
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
        }
        catch (DbUpdateException)
        {
            // A proposal changed meanwhile (its version), or a session number was just taken: nothing of the batch is kept.
            await transaction.RollbackAsync(cancel);
            db.ChangeTracker.Clear();
            return new([L["Some of these proposals changed while you were deciding. Nothing is saved: look at the list again and decide anew."]], 0, []);
        }
        return new([], proposals.Count, sessions);
    }

    /// <summary>
    /// The session an accepted proposal becomes, numbered after the last of its type in the forum. Null when the proposal
    /// already has one: accepting again (after a waitlist, say) never makes a second.
    /// </summary>
    private async Task<string?> SessionFromAsync(Forum forum, Proposal proposal, Dictionary<int, int> numbers, CancellationToken cancel)
    {
        if (await db.ProposalSessions.AnyAsync(l => l.ProposalId == proposal.Id, cancel))
        {
            return null;
        }
        var type = forum.SessionTypes.Single(t => t.Id == proposal.TypeId);
        if (!numbers.TryGetValue(type.Id, out var last))
        {
            last = await db.Sessions.Where(s => s.ForumId == forum.Id && s.TypeId == type.Id).MaxAsync(s => (int?)s.Number, cancel) ?? 0;
        }
        numbers[type.Id] = ++last;
        var session = new Session
        {
            ForumId = forum.Id, TypeId = type.Id, Number = last, Title = proposal.Title, Format = proposal.Format, Layout = proposal.Layout,
            LengthMinutes = proposal.LengthMinutes, Description = proposal.Description, Approach = proposal.PolicyQuestions, SubthemeId = proposal.SubthemeId,
            SdgText = SdgText(proposal),
        };
        foreach (var tag in (proposal.Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                     .Select(t => t.Length > SessionTag.MaxTag ? t[..SessionTag.MaxTag] : t).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            session.Tags.Add(new SessionTag { Tag = tag });
        }
        foreach (var sdg in proposal.Sdgs)
        {
            var dot = sdg.Code.IndexOf('.');
            if (int.TryParse(dot < 0 ? sdg.Code : sdg.Code[..dot], out var goal))
            {
                session.LinkSdg(goal);
                if (dot > 0 && session.SdgTargets.All(t => t.TargetCode != sdg.Code))
                {
                    session.SdgTargets.Add(new SessionSdgTarget { TargetCode = sdg.Code });
                }
            }
        }
        // Every link the proposal keeps, the forum's present frameworks or not: the session shows them as the proposal did, only while the forum uses them.
        foreach (var link in proposal.FrameworkLinks)
        {
            session.FrameworkLinks.Add(new Frameworks.SessionFrameworkLink { Framework = link.Framework, Code = link.Code });
        }
        // The proposer's text per record section becomes the session's, in the sections the forum still has.
        foreach (var text in proposal.Sections)
        {
            session.Sections.Add(new SessionSection { SectionId = text.SectionId, Text = text.Text });
        }
        var position = 0;
        foreach (var (personId, kind, mode, pending) in await RolesAsync(proposal, cancel))
        {
            session.Roles.Add(new SessionRole { PersonId = personId, Kind = kind, Mode = mode, Position = ++position, ToBeConfirmed = pending });
        }
        db.Sessions.Add(session);
        db.ProposalSessions.Add(new ProposalSession { ProposalId = proposal.Id, Session = session, CreatedAt = clock.GetUtcNow().UtcDateTime });
        return type.Numbered(last);
    }

    /// <summary>
    /// Every role of the proposal as a person of the forum: the proposer first among the organisers, then the people named
    /// on it, each the person of their Plenary account when they have one, else a new person with what they stated.
    /// Speakers who declined stay off the session; those who have not answered yet are on it as to be confirmed.
    /// </summary>
    private async Task<List<(int? PersonId, SessionRoleKind Kind, ParticipationMode Mode, bool Pending)>> RolesAsync(Proposal proposal, CancellationToken cancel)
    {
        var emails = proposal.People.Select(p => p.Email.ToUpperInvariant()).Distinct().ToList();
        var accounts = await db.Users.Where(a => a.EmailConfirmed && emails.Contains(a.NormalizedEmail!))
            .Select(a => new { a.NormalizedEmail, a.PersonId }).ToDictionaryAsync(a => a.NormalizedEmail!, a => a.PersonId, cancel);
        var proposer = proposal.ProposerId is { } id ? await db.Users.Where(a => a.Id == id).Select(a => (int?)a.PersonId).FirstOrDefaultAsync(cancel) : null;
        var created = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        var roles = new List<(int? PersonId, Person? New, SessionRoleKind Kind, ParticipationMode Mode, bool Pending)>();
        if (proposer is not null)
        {
            roles.Add((proposer, null, SessionRoleKind.Organiser, ParticipationMode.Onsite, false));
        }
        foreach (var x in proposal.People.OrderBy(x => x.Kind).ThenBy(x => x.Position))
        {
            if (x.Kind == SessionRoleKind.Speaker && x.Answer == SpeakerAnswer.Declined)
            {
                continue;
            }
            if (accounts.TryGetValue(x.Email.ToUpperInvariant(), out var personId))
            {
                if (!roles.Any(r => r.PersonId == personId && r.Kind == x.Kind))
                {
                    roles.Add((personId, null, x.Kind, x.Mode, Pending(x)));
                }
                continue;
            }
            if (!created.TryGetValue(x.Email, out var person))
            {
                person = created[x.Email] = new Person { Name = x.Name, Gender = x.Gender, StakeholderGroup = x.StakeholderGroup, RegionalGroup = x.RegionalGroup };
                db.People.Add(person);
            }
            roles.Add((null, person, x.Kind, x.Mode, Pending(x)));
        }
        if (created.Count > 0)
        {
            // The new people need their numbers before the roles can name them.
            await db.SaveChangesAsync(cancel);
        }
        return roles.Select(r => ((int?)(r.PersonId ?? r.New!.Id), r.Kind, r.Mode, r.Pending)).ToList();
    }

    private static bool Pending(ProposalPerson person) => person.Kind == SessionRoleKind.Speaker && person.Answer == SpeakerAnswer.Pending;

    private static string? SdgText(Proposal proposal)
    {
        if (proposal.Sdgs.Count == 0)
        {
            return null;
        }
        var text = new StringBuilder();
        foreach (var sdg in proposal.Sdgs.OrderBy(s => s.Code, SdgOrder.Instance))
        {
            text.Append("- **").Append(sdg.Code).Append("**: ").AppendLine(sdg.Reason.ReplaceLineEndings(" "));
        }
        return text.ToString();
    }
}
