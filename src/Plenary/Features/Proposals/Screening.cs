using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;

namespace Plenary.Features.Proposals;

/// <summary>
/// What a failed rule tells the proposer: the rule, what was found, how to fix it. A flag is shown and recorded but
/// does not screen the proposal out.
/// </summary>
public sealed record Finding(string Rule, string Found, string Fix, bool Blocks)
{
    public override string ToString() => $"{Rule}: {Found} {Fix}";
}

/// <summary>A rule in force, as the public call page states it; a rule that does not block only flags.</summary>
public sealed record RuleInWords(string Text, bool Blocks);

/// <summary>One person on a proposal as the rules see them: stated details first, then their Plenary profile.</summary>
public sealed record Participant(string Name, string Email, SessionRoleKind Kind, ParticipationMode Mode, SpeakerAnswer Answer,
    Gender? Gender, StakeholderGroup? StakeholderGroup, RegionalGroup? RegionalGroup);

/// <summary>Everything the rules read, gathered in a few queries so each rule is a plain function of it.</summary>
public sealed record ScreeningFacts(
    Proposal Proposal, Call Call, string TypeCode, bool ForumHasSubthemes,
    IReadOnlyList<Participant> Organisers, IReadOnlyList<Participant> Speakers, IReadOnlyList<Participant> Others,
    IReadOnlyDictionary<string, int> ProposalsPerSpeaker, IReadOnlyList<string> ReviewersAmongOrganisers,
    string? PreviousForum, IReadOnlyList<string> PreviousSessionsWithoutReport)
{
    /// <summary>The session type some rules hold to more: the IGF's workshops.</summary>
    public const string WorkshopCode = "WS";

    public bool IsWorkshop => string.Equals(TypeCode, WorkshopCode, StringComparison.OrdinalIgnoreCase);

    /// <summary>Speakers who have not declined: those the session would have.</summary>
    public IEnumerable<Participant> ListedSpeakers => Speakers.Where(s => s.Answer != SpeakerAnswer.Declined);
}

/// <summary>
/// A screening rule of the call: in force or not per forum, a finding when the proposal fails it, and what it asks in
/// words. The words are built from the same settings the check reads, so the public call page cannot promise one
/// thing while the screening enforces another.
/// </summary>
public abstract class ScreeningRule
{
    public abstract bool InForce(Call call);

    /// <summary>False for a rule that only flags the proposal to the Secretariat and never screens it out.</summary>
    public virtual bool Blocks => true;

    public abstract Finding? Check(ScreeningFacts facts, IStringLocalizer L);

    /// <summary>What the rule asks of a proposal under this call; null when it cannot apply to any proposal the call accepts.</summary>
    public abstract string? Describe(Call call, Forum forum, IStringLocalizer L);
}

public sealed class CompleteFieldsRule : ScreeningRule
{
    private sealed record Required(Func<IStringLocalizer, string> Name, Func<ScreeningFacts, bool> Present);

    /// <summary>The parts of the form a complete proposal fills in; the check and the call page both read this list.</summary>
    private static IEnumerable<Required> Fields(bool forumHasSubthemes)
    {
        yield return new(L => L["Description"], f => !string.IsNullOrWhiteSpace(f.Proposal.Description));
        yield return new(L => L["Policy questions"], f => !string.IsNullOrWhiteSpace(f.Proposal.PolicyQuestions));
        yield return new(L => L["Expected outcomes"], f => !string.IsNullOrWhiteSpace(f.Proposal.ExpectedOutcomes));
        yield return new(L => L["How online participants will be engaged"], f => !string.IsNullOrWhiteSpace(f.Proposal.OnlineEngagement));
        if (forumHasSubthemes)
        {
            yield return new(L => L["Subtheme"], f => f.Proposal.SubthemeId is not null);
        }
        yield return new(L => L["Sustainable Development Goals"], f => f.Proposal.Sdgs.Count > 0);
        yield return new(L => L["Speakers"], f => f.Speakers.Count > 0);
        foreach (var kind in new[] { SessionRoleKind.OnsiteModerator, SessionRoleKind.OnlineModerator, SessionRoleKind.Rapporteur })
        {
            yield return new(L => L.Label(kind), f => f.Others.Any(o => o.Kind == kind));
        }
    }

    public override bool InForce(Call call) => call.RequireCompleteFields;

    public override Finding? Check(ScreeningFacts f, IStringLocalizer L)
    {
        var missing = Fields(f.ForumHasSubthemes).Where(r => !r.Present(f)).Select(r => r.Name(L)).ToList();
        return missing.Count == 0 ? null : new Finding(L["All required fields complete"],
            L["Not filled in: {0}.", L.List(missing)], L["Fill in these fields and save."], Blocks);
    }

    public override string? Describe(Call call, Forum forum, IStringLocalizer L) =>
        L["Every required part filled in: {0}.", L.List(Fields(forum.Subthemes.Count > 0).Select(r => r.Name(L)))];
}

public sealed class ConfirmedSpeakersRule : ScreeningRule
{
    public override bool InForce(Call call) => call.MinConfirmedSpeakers is > 0;

    public override Finding? Check(ScreeningFacts f, IStringLocalizer L)
    {
        var needed = f.Call.MinConfirmedSpeakers!.Value;
        var confirmed = f.Speakers.Count(s => s.Answer == SpeakerAnswer.Confirmed);
        return confirmed >= needed ? null : new Finding(L["Confirmed speakers"],
            L["{0} of the speakers have confirmed; at least {1} are needed.", confirmed, needed],
            L["Ask the speakers to answer the e-mail Plenary sent them, or add speakers: each gets an e-mail to confirm."], Blocks);
    }

    public override string? Describe(Call call, Forum forum, IStringLocalizer L) => call.MinConfirmedSpeakers == 1
        ? L["At least one speaker who has confirmed: each speaker named is asked by e-mail to confirm."]
        : L["At least {0} speakers who have confirmed: each speaker named is asked by e-mail to confirm.", call.MinConfirmedSpeakers!.Value];
}

public sealed class GenderDiversityRule : ScreeningRule
{
    public override bool InForce(Call call) => call.RequireGenderDiversity;

    public override Finding? Check(ScreeningFacts f, IStringLocalizer L)
    {
        var known = f.ListedSpeakers.Where(s => s.Gender is not null and not Gender.PrefersNotToSay).ToList();
        if (known.Select(s => s.Gender).Distinct().Count() >= 2)
        {
            return null;
        }
        var found = known.Count == 0
            ? L["No speaker has stated a gender."].Value
            : L["The {0} speakers who stated a gender all stated the same one.", known.Count].Value;
        return new Finding(L["Gender diversity among speakers"], found,
            L["Include at least one speaker of a different gender from the rest; speakers state their gender when they confirm, or in their Plenary profile."], Blocks);
    }

    public override string? Describe(Call call, Forum forum, IStringLocalizer L) =>
        L["At least one speaker of a different gender from the rest: speakers state their gender when they confirm, or in their Plenary profile."];
}

public sealed class OnsiteSpeakersRule : ScreeningRule
{
    public override bool InForce(Call call) => call.MinOnsiteSpeakers is > 0;

    public override Finding? Check(ScreeningFacts f, IStringLocalizer L)
    {
        var needed = f.Call.MinOnsiteSpeakers!.Value;
        var onsite = f.ListedSpeakers.Count(s => s.Mode == ParticipationMode.Onsite);
        return onsite >= needed ? null : new Finding(L["Speakers present onsite"],
            L["{0} speakers will be onsite; at least {1} are needed.", onsite, needed],
            L["Invite speakers who can travel to the venue, or ask a speaker to change their mode to onsite."], Blocks);
    }

    public override string? Describe(Call call, Forum forum, IStringLocalizer L) => call.MinOnsiteSpeakers == 1
        ? L["At least one speaker present onsite, at the venue."]
        : L["At least {0} speakers present onsite, at the venue.", call.MinOnsiteSpeakers!.Value];
}

public sealed class OnsiteModeratorRule : ScreeningRule
{
    public override bool InForce(Call call) => call.RequireOnsiteModerator;

    public override Finding? Check(ScreeningFacts f, IStringLocalizer L) =>
        f.Others.Any(o => o.Kind == SessionRoleKind.OnsiteModerator && o.Mode == ParticipationMode.Onsite) ? null
            : new Finding(L.Label(SessionRoleKind.OnsiteModerator), L["No moderator is named as present onsite."],
                L["Name an onsite moderator who will be in the room."], Blocks);

    public override string? Describe(Call call, Forum forum, IStringLocalizer L) => L["A moderator present onsite, in the room."];
}

public sealed class GroupDiversityRule : ScreeningRule
{
    public override bool InForce(Call call) => call.RequireGroupDiversity;

    public override Finding? Check(ScreeningFacts f, IStringLocalizer L)
    {
        if (!f.IsWorkshop)
        {
            return null;
        }
        var people = f.Organisers.Concat(f.ListedSpeakers).ToList();
        var stakeholders = people.Select(p => p.StakeholderGroup).OfType<StakeholderGroup>().Distinct().Count();
        var regions = people.Select(p => p.RegionalGroup).OfType<RegionalGroup>().Distinct().Count();
        return stakeholders >= 2 && regions >= 2 ? null : new Finding(L["Stakeholder and regional diversity"],
            L["Organisers and speakers come from {0} stakeholder groups and {1} regional groups; a workshop needs at least two of each.", stakeholders, regions],
            L["Add organisers or speakers from other stakeholder groups or regions; people state their groups in their Plenary profile or when they confirm."], Blocks);
    }

    public override string? Describe(Call call, Forum forum, IStringLocalizer L) => call.Accepts(ScreeningFacts.WorkshopCode)
        ? L["Workshops: organisers and speakers from at least two stakeholder groups and at least two regional groups."].Value
        : null;
}

public sealed class SpeakerLimitRule : ScreeningRule
{
    public override bool InForce(Call call) => call.MaxProposalsPerSpeaker is > 0;

    public override Finding? Check(ScreeningFacts f, IStringLocalizer L)
    {
        var limit = f.Call.MaxProposalsPerSpeaker!.Value;
        var over = f.ListedSpeakers.Where(s => f.ProposalsPerSpeaker.GetValueOrDefault(s.Email.ToLowerInvariant()) + 1 > limit)
            .Select(s => $"{s.Name} ({f.ProposalsPerSpeaker[s.Email.ToLowerInvariant()] + 1})").ToList();
        return over.Count == 0 ? null : new Finding(L["Proposals per speaker"],
            L["These speakers would appear in more than {0} proposals: {1}.", limit, L.List(over)],
            L["Replace them with other speakers, or they withdraw from another proposal."], Blocks);
    }

    public override string? Describe(Call call, Forum forum, IStringLocalizer L) => call.MaxProposalsPerSpeaker == 1
        ? L["No speaker in more than one proposal handed in to this forum."]
        : L["No speaker in more than {0} proposals handed in to this forum.", call.MaxProposalsPerSpeaker!.Value];
}

public sealed class ReviewerWorkshopRule : ScreeningRule
{
    public override bool InForce(Call call) => call.ReviewersMayNotProposeWorkshops;

    public override Finding? Check(ScreeningFacts f, IStringLocalizer L) =>
        !f.IsWorkshop || f.ReviewersAmongOrganisers.Count == 0 ? null
            : new Finding(L["Reviewers may not propose workshops"],
                L["These organisers review proposals for this forum: {0}.", L.List(f.ReviewersAmongOrganisers)],
                L["Propose another session type, or let organisers who are not reviewers lead the workshop."], Blocks);

    public override string? Describe(Call call, Forum forum, IStringLocalizer L) => call.Accepts(ScreeningFacts.WorkshopCode)
        ? L["Workshops: none of the organisers may be a reviewer of this forum's proposals."].Value
        : null;
}

public sealed class PreviousReportRule : ScreeningRule
{
    public override bool Blocks => false;

    public override bool InForce(Call call) => call.FlagMissingReports;

    public override Finding? Check(ScreeningFacts f, IStringLocalizer L) =>
        f.PreviousSessionsWithoutReport.Count == 0 ? null
            : new Finding(L["Reports of the previous edition"],
                L["The organisers' sessions at {0} never filed their report: {1}.", f.PreviousForum ?? "", L.List(f.PreviousSessionsWithoutReport)],
                L["File the missing reports; the Secretariat sees this flag when it decides."], Blocks);

    public override string? Describe(Call call, Forum forum, IStringLocalizer L) =>
        L["Organisers whose session at the previous edition never filed its report are flagged to the Secretariat, who sees the flag when deciding."];
}

/// <summary>Gathers the facts about a proposal and runs the call's rules over them.</summary>
public sealed class Screening(PlenaryDb db, IStringLocalizer<SharedResource> L, TimeProvider clock)
{
    /// <summary>Every rule, in the order the proposer reads the findings.</summary>
    public static readonly IReadOnlyList<ScreeningRule> Rules =
    [
        new CompleteFieldsRule(), new ConfirmedSpeakersRule(), new GenderDiversityRule(), new OnsiteSpeakersRule(), new OnsiteModeratorRule(),
        new GroupDiversityRule(), new SpeakerLimitRule(), new ReviewerWorkshopRule(), new PreviousReportRule(),
    ];

    /// <summary>The rules in force under a call as the public reads them, in the order of the findings.</summary>
    public static List<RuleInWords> InWords(Call call, Forum forum, IStringLocalizer L) =>
        Rules.Where(r => r.InForce(call)).Select(r => (Rule: r, Text: r.Describe(call, forum, L)))
            .Where(x => x.Text is not null).Select(x => new RuleInWords(x.Text!, x.Rule.Blocks)).ToList();

    /// <summary>States in which a proposal counts towards a speaker's limit: handed in and not out of the running.</summary>
    private static readonly ProposalState[] Counting = [ProposalState.Submitted, ProposalState.InReview, ProposalState.Accepted, ProposalState.Waitlisted];

    public async Task<List<Finding>> CheckAsync(Forum forum, Call call, Proposal proposal, CancellationToken cancel) =>
        Check(await FactsAsync(forum, call, proposal, cancel));

    public List<Finding> Check(ScreeningFacts facts) =>
        Rules.Where(r => r.InForce(facts.Call)).Select(r => r.Check(facts, L)).OfType<Finding>().ToList();

    /// <param name="proposal">With its people and SDGs loaded.</param>
    public async Task<ScreeningFacts> FactsAsync(Forum forum, Call call, Proposal proposal, CancellationToken cancel)
    {
        var emails = proposal.People.Select(p => p.Email.ToUpperInvariant()).Distinct().ToList();
        // Profiles of the people named, by their confirmed account's address.
        var profiles = await (from a in db.Users
                              join p in db.People on a.PersonId equals p.Id
                              where a.EmailConfirmed && emails.Contains(a.NormalizedEmail!)
                              select new { AccountId = a.Id, a.NormalizedEmail, PersonId = p.Id, p.Name, p.Gender, p.StakeholderGroup, p.RegionalGroup })
            .ToListAsync(cancel);
        var byEmail = profiles.GroupBy(p => p.NormalizedEmail!).ToDictionary(g => g.Key, g => g.First());
        var proposer = proposal.ProposerId is { } proposerId
            ? await (from a in db.Users join p in db.People on a.PersonId equals p.Id where a.Id == proposerId
                     select new { AccountId = a.Id, PersonId = p.Id, p.Name, p.Gender, p.StakeholderGroup, p.RegionalGroup, a.NormalizedEmail }).FirstOrDefaultAsync(cancel)
            : null;

        Participant Describe(ProposalPerson person)
        {
            var profile = byEmail.GetValueOrDefault(person.Email.ToUpperInvariant());
            return new Participant(person.Name, person.Email, person.Kind, person.Mode, person.Answer,
                person.Gender ?? profile?.Gender, person.StakeholderGroup ?? profile?.StakeholderGroup, person.RegionalGroup ?? profile?.RegionalGroup);
        }

        var organisers = proposal.People.Where(p => p.Kind == SessionRoleKind.Organiser).Select(Describe).ToList();
        if (proposer is not null && organisers.All(o => !string.Equals(o.Email, proposer.NormalizedEmail, StringComparison.OrdinalIgnoreCase)))
        {
            organisers.Insert(0, new Participant(proposer.Name, proposer.NormalizedEmail ?? "", SessionRoleKind.Organiser, ParticipationMode.Onsite,
                SpeakerAnswer.Confirmed, proposer.Gender, proposer.StakeholderGroup, proposer.RegionalGroup));
        }
        var speakers = proposal.People.Where(p => p.Kind == SessionRoleKind.Speaker).OrderBy(p => p.Position).Select(Describe).ToList();
        var others = proposal.People.Where(p => p.Kind is not (SessionRoleKind.Organiser or SessionRoleKind.Speaker)).Select(Describe).ToList();

        var speakerEmails = speakers.Where(s => s.Answer != SpeakerAnswer.Declined).Select(s => s.Email.ToLowerInvariant()).Distinct().ToList();
        var counts = speakerEmails.Count == 0 ? [] : await (
                from person in db.ProposalPeople
                join p in db.Proposals on person.ProposalId equals p.Id
                where p.ForumId == forum.Id && p.Id != proposal.Id && Counting.Contains(p.State)
                      && person.Kind == SessionRoleKind.Speaker && person.Answer != SpeakerAnswer.Declined
                      && speakerEmails.Contains(person.Email.ToLower())
                select new { Email = person.Email.ToLower(), p.Id })
            .Distinct().GroupBy(x => x.Email).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancel);
        foreach (var email in speakerEmails)
        {
            counts.TryAdd(email, 0);
        }

        // The accounts behind the organisers: the proposer's and the co-organisers' by their address.
        var organiserAccounts = organisers.Select(o => byEmail.GetValueOrDefault(o.Email.ToUpperInvariant())).Where(p => p is not null)
            .Select(p => (p!.AccountId, p.PersonId, p.Name)).ToList();
        if (proposer is not null)
        {
            organiserAccounts.Add((proposer.AccountId, proposer.PersonId, proposer.Name));
        }
        var accountIds = organiserAccounts.Select(o => o.AccountId).Distinct().ToList();
        var reviewerIds = await db.ForumMembers.Where(m => m.ForumId == forum.Id && m.Role == ForumRole.Reviewer && accountIds.Contains(m.AccountId))
            .Select(m => m.AccountId).ToListAsync(cancel);
        var reviewers = organiserAccounts.Where(o => reviewerIds.Contains(o.AccountId)).Select(o => o.Name).Distinct().ToList();

        var previous = await db.PreviousEditionAsync(forum, cancel);
        List<string> unreported = [];
        if (previous is not null)
        {
            var personIds = organiserAccounts.Select(o => o.PersonId).Distinct().ToList();
            // The same "missing" as the Secretariat's compliance dashboard of that edition.
            var missing = Reports.ReportCompliance.NeverFiledReport(db, previous, clock.GetUtcNow().UtcDateTime);
            unreported = (await (from r in db.SessionRoles
                                 join s in missing on r.SessionId equals s.Id
                                 where r.Kind == SessionRoleKind.Organiser && r.PersonId != null && personIds.Contains(r.PersonId.Value)
                                 select new { s.Type.Position, s.Type.NumberLabel, s.Number }).Distinct().ToListAsync(cancel))
                .OrderBy(s => s.Position).ThenBy(s => s.Number).Select(s => $"{s.NumberLabel} #{s.Number}").ToList();
        }
        var typeCode = forum.SessionTypes.FirstOrDefault(t => t.Id == proposal.TypeId)?.Code ?? "";
        return new ScreeningFacts(proposal, call, typeCode, forum.Subthemes.Count > 0, organisers, speakers, others, counts, reviewers,
            previous?.Name, unreported);
    }
}
