using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Accounts;
using Plenary.Features.Agenda;
using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.People;
using Plenary.Features.Proposals;
using Plenary.Features.Queue;
using Plenary.Features.Registrations;
using Plenary.Features.Reports;
using Plenary.Features.Reviews;
using Plenary.Features.Sessions;
using Plenary.Features.Timetable;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Demo;

/// <summary>A clock the seeding sets to each moment of the live demo's past, so the app's own services date what they do as they would have.</summary>
internal sealed class DemoClock(DateTime now) : TimeProvider
{
    public DateTime Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
}

/// <summary>
/// Plays the live demo forum's year, once it is saved, through the app's own services and state machines: proposals are
/// submitted and screened by <see cref="ProposalStates"/> under the call's rules, decided through <see cref="Decisions"/> (the
/// accepted ones become sessions) and placed with <see cref="TimetableMoveChange"/>; reviewers are assigned by
/// <see cref="ReviewerAssignment"/>; people register and are decided on through <see cref="RegistrationChange"/>; rapporteurs submit
/// through <see cref="ReportChange"/>; hands and questions go through <see cref="SpeakingQueue"/>. Each step happens at its moment
/// before the anchor, on a <see cref="DemoClock"/>, so histories, audit entries and deadlines read as they would in a real forum.
/// Nobody is told: the messages those services queue are history, not news, and are removed at the end.
/// </summary>
public static class LiveDemo
{

    public static async Task SeedAsync(IServiceProvider services, LiveDemoContent live, string? passwordHash, CancellationToken cancel)
    {
        var culture = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        // The reasons the services write (screening findings, decisions) are stored as text: in English, whatever the server's locale.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            await new Seeding(services, live, passwordHash, cancel).RunAsync();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = culture;
        }
    }

    private sealed class Seeding(IServiceProvider services, LiveDemoContent live, string? passwordHash, CancellationToken cancel)
    {
        private readonly PlenaryDb db = services.GetRequiredService<PlenaryDb>();
        private readonly DemoClock clock = new(live.Anchor);
        private readonly ForumClock zone = ForumClock.For(live.Content.Forum.TimeZoneId);
        private readonly Dictionary<int, (int Id, string Email)> accountOfPerson = [];
        private readonly HashSet<string> emails = new(StringComparer.OrdinalIgnoreCase);
        private Forum forum = null!;
        private DateTime Anchor => live.Anchor;

        private TService Service<TService>(params object[] more) where TService : class => ActivatorUtilities.CreateInstance<TService>(services, [clock, .. more]);

        private ClaimsPrincipal As(DemoAccount account) => As(accountOfPerson[account.Person.Id].Id, account.Email);

        private static ClaimsPrincipal As(int id, string email) => new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Email, email), new Claim(ClaimTypes.Name, email)],
            "demo"));

        private int Id(DemoAccount account) => accountOfPerson[account.Person.Id].Id;

        private ClaimsPrincipal Secretariat => As(live.Account(DemoRole.Secretariat));

        public async Task RunAsync()
        {
            var outboxBefore = await db.Outbox.MaxAsync(m => (long?)m.Id, cancel) ?? 0;
            forum = await db.Forums.Include(f => f.SessionTypes).Include(f => f.Subthemes).Include(f => f.Rooms).AsSplitQuery()
                .SingleAsync(f => f.Id == live.Content.Forum.Id, cancel);
            await AccountsAsync();
            await ProposalsAndReviewAsync();
            await RegistrationsAsync();
            await ReleaseAsync();
            await OutputsAsync();
            await QueueAsync();
            await AgendaAsync();
            await PastEditionAttendanceAsync();
            // What the services queued was written as history: nobody is to hear of it now.
            await db.Outbox.Where(m => m.Id > outboxBefore).ExecuteDeleteAsync(cancel);
            db.ChangeTracker.Clear();
        }

        /// <summary>The demo accounts (with the demo password when the configuration allows it) and accounts without a password for the other people of the story.</summary>
        private async Task AccountsAsync()
        {
            clock.Now = Anchor.AddDays(-120);
            var users = services.GetRequiredService<UserManager<Account>>();
            foreach (var account in live.RoleAccounts)
            {
                await CreateAsync(users, account.Email, account.Person.Id, account.Role is null ? null : passwordHash);
            }
            foreach (var account in live.Reviewers.Concat(live.Proposers).Concat(live.Participants))
            {
                await CreateAsync(users, account.Email, account.Person.Id, null);
            }
            clock.Now = Anchor.AddDays(-90);
            var igf2022 = await db.Forums.Where(f => f.Slug == DemoForum.Slug).Select(f => (int?)f.Id).FirstOrDefaultAsync(cancel);
            void Member(int forumId, DemoAccount account, ForumRole role) =>
                db.ForumMembers.Add(new ForumMember { ForumId = forumId, AccountId = Id(account), Role = role, AddedAt = clock.Now });
            Member(forum.Id, live.Account(DemoRole.Secretariat), ForumRole.Secretariat);
            if (igf2022 is { } past)
            {
                // The Secretariat of the last edition too, where the outcome document and the compliance of a finished forum are to be seen.
                Member(past, live.Account(DemoRole.Secretariat), ForumRole.Secretariat);
            }
            Member(forum.Id, live.Account(DemoRole.Reviewer), ForumRole.Reviewer);
            foreach (var reviewer in live.Reviewers)
            {
                Member(forum.Id, reviewer, ForumRole.Reviewer);
            }
            Member(forum.Id, live.Account(DemoRole.MessageEditor), ForumRole.MessageEditor);
            await db.SaveChangesAsync(cancel);
        }

        private async Task<int> CreateAsync(UserManager<Account> users, string email, int personId, string? hash)
        {
            var account = new Account
            {
                UserName = email, Email = email, EmailConfirmed = true, PersonId = personId, PreferredLanguage = "en", CreatedAt = clock.Now, PasswordHash = hash,
            };
            var created = await users.CreateAsync(account);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"The demo account {email} could not be made: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
            accountOfPerson[personId] = (account.Id, email);
            emails.Add(email);
            return account.Id;
        }

        /// <summary>An account for a person of the forum who acts in the story (a rapporteur submitting), made once.</summary>
        private async Task<(int Id, string Email)> AccountOfAsync(Person person)
        {
            if (accountOfPerson.TryGetValue(person.Id, out var known))
            {
                return known;
            }
            var at = clock.Now;
            clock.Now = Anchor.AddDays(-60);
            var email = DemoForum.EmailOf(person.Name, emails);
            await CreateAsync(services.GetRequiredService<UserManager<Account>>(), email, person.Id, null);
            clock.Now = at;
            return accountOfPerson[person.Id];
        }

        // The call, the proposals and their review.

        private enum Fault
        {
            None,
            OneConfirmed,
            OneGender,
        }

        /// <param name="Owner">-1 for the demo proposer, else one of the invented proposers.</param>
        /// <param name="Round">1 for the call that closed weeks ago, 2 for the reopened call.</param>
        private sealed record Plan(int Owner, int Round, string Type, string Title, string Subtheme, int[] Goals, ProposalState Outcome, Fault Fault = Fault.None);

        private static readonly Plan[] Plans =
        [
            new(-1, 1, "WS", "Community-led connectivity on remote islands: licences, spectrum and money", "connecting-all-people", [9, 10], ProposalState.InReview),
            new(-1, 1, "OF", "An open data portal for the region's coastal observatories", "governing-data", [14, 17], ProposalState.Accepted),
            new(-1, 1, "TH", "Town hall on the online harassment of women journalists", "safety-security", [5, 16], ProposalState.Waitlisted),
            new(-1, 1, "WS", "Content moderation in small languages: who trains the machines?", "advanced-technologies", [10, 16], ProposalState.Rejected),
            new(-1, 1, "NS", "A networking session for digital rights defenders", "connecting-all-people", [16], ProposalState.Withdrawn),
            new(0, 1, "WS", "Cross-border data flows between the islands and the mainland", "governing-data", [8, 17], ProposalState.InReview),
            new(0, 1, "OF", "Incident response for small national CERTs", "safety-security", [9, 16], ProposalState.Accepted),
            new(1, 1, "WS", "AI in public services: procurement rules that protect rights", "advanced-technologies", [16, 9], ProposalState.InReview),
            new(1, 1, "TH", "Keeping the Internet whole when a cable is cut", "avoiding-fragmentation", [9, 17], ProposalState.Rejected),
            new(2, 1, "WS", "Digital identity for fishers and seasonal workers", "governing-data", [1, 8, 16], ProposalState.Waitlisted),
            new(2, 1, "NS", "Women in network operations: a mentoring circle", "connecting-all-people", [5, 9], ProposalState.InReview),
            new(-1, 2, "LT", "Ten minutes on solar-powered base stations", "advanced-technologies", [7, 9, 13], ProposalState.Draft),
            new(-1, 2, "NS", "Meet the region's Youth IGF coordinators", "connecting-all-people", [4, 17], ProposalState.Submitted),
            new(-1, 2, "LT", "Spam calls and SIM-swap fraud in five minutes", "safety-security", [16], ProposalState.ScreenedOut, Fault.OneConfirmed),
            new(0, 2, "LT", "Measuring latency from every island", "avoiding-fragmentation", [9], ProposalState.Submitted),
            new(1, 2, "LT", "Privacy notices people can actually read", "governing-data", [16], ProposalState.ScreenedOut, Fault.OneGender),
        ];

        /// <summary>Family names for the people named on proposals: in none of the other lists, so an accepted proposal's new people are nobody else.</summary>
        private static readonly string[] ProposalFamilyNames =
        [
            "Asante", "Lindgren", "Moreira", "Ochieng", "Salazar", "Nakamura", "Kovalenko", "Bianchi", "Farouk", "Okoro", "Varga", "Delgado",
            "Sato", "Hakimi", "Nyambura", "Eriksen", "Fonseca", "Rahimi", "Kamau", "Zuberi", "Pires", "Haidari", "Lindholm", "Anand",
        ];

        private async Task ProposalsAndReviewAsync()
        {
            var random = new Random(7_2022);
            var proposerOf = (int owner) => owner < 0 ? live.Account(DemoRole.Proposer) : live.Proposers[owner];
            var states = Service<ProposalStates>();

            // The call as first opened, with the IGF's rules.
            clock.Now = Anchor.AddDays(-80);
            var call = new Call
            {
                ForumId = forum.Id, SessionTypes = ["WS", "OF", "TH", "LT", "NS"],
                OpensAt = zone.ToUtc(zone.Day(Anchor.AddDays(-75)), new TimeOnly(0, 0)), ClosesAt = zone.ToUtc(zone.Day(Anchor.AddDays(-45)), new TimeOnly(23, 59)),
            };
            db.Calls.Add(call);
            db.Record(Secretariat, clock, forum.Id, "call.open", forum.Slug, null, new { SessionTypes = string.Join(',', call.SessionTypes), call.OpensAt, call.ClosesAt });
            await db.SaveChangesAsync(cancel);

            var proposals = new List<(Plan Plan, Proposal Proposal)>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Plans.Length; i++)
            {
                var plan = Plans[i];
                if (plan.Round != 1)
                {
                    continue;
                }
                clock.Now = Anchor.AddDays(-72 + i * 2);
                var proposal = await DraftAsync(plan, proposerOf(plan.Owner), random, names);
                clock.Now = clock.Now.AddHours(26);
                await HandInAsync(states, call, proposal, proposerOf(plan.Owner), plan);
                proposals.Add((plan, proposal));
            }

            // The call closed; the Secretariat screened what was handed in, and the review opened.
            clock.Now = call.ClosesAt.AddHours(10);
            var (screenedOut, inReview) = await states.ScreenAtClosingAsync(forum, call, cancel);
            db.Record(Secretariat, clock, forum.Id, "call.screen", forum.Slug, null, new { ScreenedOut = screenedOut, InReview = inReview });
            await db.SaveChangesAsync(cancel);
            if (proposals.Any(p => p.Proposal.State != ProposalState.InReview))
            {
                throw new InvalidOperationException("A first-round proposal of the demo did not pass the screening at closing.");
            }
            await ReviewAsync(proposals, random);

            // The first decisions, through the review's own decision path: an accepted proposal becomes a session.
            clock.Now = Anchor.AddDays(-28);
            var decisions = Service<Decisions>(states);
            foreach (var (decision, reason) in new[]
            {
                (ProposalState.Accepted, "Accepted by the advisory group: strong on all criteria."),
                (ProposalState.Waitlisted, "Waitlisted: a good proposal, for a slot that a withdrawal frees."),
                (ProposalState.Rejected, "Not retained: the advisory group found the policy questions too broad for the format."),
            })
            {
                var ids = proposals.Where(p => p.Plan.Outcome == decision).Select(p => p.Proposal.Id).ToList();
                var outcome = await decisions.DecideAsync(forum, ids, decision, reason, Secretariat, cancel);
                if (outcome.Refusals.Count > 0)
                {
                    throw new InvalidOperationException($"The demo's decisions were refused: {string.Join(" ", outcome.Refusals)}");
                }
                clock.Now = clock.Now.AddMinutes(20);
            }
            db.ChangeTracker.Clear();
            await PlaceAcceptedAsync(proposals.Where(p => p.Plan.Outcome == ProposalState.Accepted).Select(p => p.Proposal.Id).ToList());

            clock.Now = Anchor.AddDays(-20);
            foreach (var (plan, stale) in proposals.Where(p => p.Plan.Outcome == ProposalState.Withdrawn))
            {
                var proposal = await db.Proposals.AsTracking().Include(p => p.People).SingleAsync(p => p.Id == stale.Id, cancel);
                await states.WithdrawAsync(forum, proposal, As(proposerOf(plan.Owner)), "Our speakers cannot travel on those dates.", cancel);
                await db.SaveChangesAsync(cancel);
            }

            // Sessions dropped out: the call reopens for the short formats of the last days, with rules fit for them.
            clock.Now = Anchor.AddDays(-6);
            var reopened = await db.Calls.AsTracking().SingleAsync(c => c.Id == call.Id, cancel);
            var before = new { SessionTypes = string.Join(',', reopened.SessionTypes), reopened.ClosesAt, reopened.MinConfirmedSpeakers, reopened.MinOnsiteSpeakers };
            reopened.SessionTypes = ["LT", "NS"];
            reopened.ClosesAt = zone.ToUtc(zone.Day(Anchor).AddDays(1), new TimeOnly(23, 59));
            (reopened.MinConfirmedSpeakers, reopened.MinOnsiteSpeakers) = (2, 1);
            db.Record(Secretariat, clock, forum.Id, "call.change", forum.Slug, before,
                new { SessionTypes = string.Join(',', reopened.SessionTypes), reopened.ClosesAt, reopened.MinConfirmedSpeakers, reopened.MinOnsiteSpeakers });
            await db.SaveChangesAsync(cancel);

            for (var i = 0; i < Plans.Length; i++)
            {
                var plan = Plans[i];
                if (plan.Round != 2)
                {
                    continue;
                }
                clock.Now = Anchor.AddDays(-5).AddHours(i * 5);
                var proposal = await DraftAsync(plan, proposerOf(plan.Owner), random, names);
                if (plan.Outcome != ProposalState.Draft)
                {
                    clock.Now = clock.Now.AddHours(20);
                    await HandInAsync(states, reopened, proposal, proposerOf(plan.Owner), plan);
                }
            }
            db.ChangeTracker.Clear();
        }

        /// <summary>A proposal as the form saves it: its people (speakers invited, and answered unless the plan says otherwise) and goals.</summary>
        private async Task<Proposal> DraftAsync(Plan plan, DemoAccount proposer, Random random, HashSet<string> names)
        {
            var type = forum.SessionTypes.Single(t => t.Code == plan.Type);
            var topic = DemoForum.TopicLine(plan.Subtheme, plan.Title);
            var proposal = new Proposal
            {
                ForumId = forum.Id, ProposerId = Id(proposer), ProposerName = proposer.Person.Name, Title = plan.Title, TypeId = type.Id,
                Format = plan.Type == "WS" ? Sessions.SessionFormat.RoundTable : Sessions.SessionFormat.Panel, Layout = Rooms.RoomLayout.Classroom,
                LengthMinutes = type.DefaultLengthMinutes, SubthemeId = forum.Subthemes.Single(s => s.Slug == plan.Subtheme).Id, Tags = topic,
                Description = $"{plan.Title}. The session brings people who work on {topic} in the region together with " +
                    "those who decide about it, to compare what has worked and agree on next steps.\n\nThis proposal is invented demo content.",
                PolicyQuestions = $"1. Who should act first on {topic}, and with what money?\n2. What evidence do decision-makers lack?\n3. How can the smallest islands take part?",
                ExpectedOutcomes = "A short list of recommendations for the region's governments and operators, published with the session report.",
                OnlineEngagement = "An online moderator relays the online queue; the questions can be sent in writing and upvoted during the session.",
                State = ProposalState.Draft, CreatedAt = clock.Now, UpdatedAt = clock.Now, Version = 1,
            };
            foreach (var goal in plan.Goals)
            {
                proposal.Sdgs.Add(new ProposalSdg { Code = goal.ToString(CultureInfo.InvariantCulture), Reason = $"Work on {topic} serves Goal {goal} directly." });
            }
            var speakers = plan.Type == "LT" ? 2 : plan.Type == "WS" ? 4 : 3;
            var position = 0;
            var regions = Enum.GetValues<RegionalGroup>().Where(r => r != RegionalGroup.IntergovernmentalOrganization).ToArray();
            var groups = Enum.GetValues<StakeholderGroup>();
            void Add(SessionRoleKind kind, ParticipationMode mode, bool woman, bool answered)
            {
                var region = regions[random.Next(regions.Length)];
                string name;
                do
                {
                    name = $"{DemoForum.GivenName(random, region, woman)} {ProposalFamilyNames[random.Next(ProposalFamilyNames.Length)]}";
                }
                while (!names.Add(name));
                var person = new ProposalPerson
                {
                    Kind = kind, Name = name, Email = DemoForum.EmailOf(name, emails), Mode = mode, Position = ++position,
                    Gender = woman ? Gender.Woman : Gender.Man, StakeholderGroup = groups[random.Next(groups.Length)], RegionalGroup = region,
                };
                if (kind == SessionRoleKind.Speaker)
                {
                    person.NewCode(clock.Now);
                    if (answered)
                    {
                        (person.Answer, person.AnsweredAt) = (SpeakerAnswer.Confirmed, clock.Now.AddHours(3 + position));
                    }
                }
                proposal.People.Add(person);
            }
            for (var s = 0; s < speakers; s++)
            {
                var woman = plan.Fault == Fault.OneGender || s % 2 == 0;
                var mode = s == speakers - 1 && speakers > 2 ? ParticipationMode.Online : ParticipationMode.Onsite;
                Add(SessionRoleKind.Speaker, mode, woman, answered: plan.Fault != Fault.OneConfirmed || s == 0);
            }
            Add(SessionRoleKind.OnsiteModerator, ParticipationMode.Onsite, random.Next(2) == 0, true);
            Add(SessionRoleKind.OnlineModerator, ParticipationMode.Online, random.Next(2) == 0, true);
            Add(SessionRoleKind.Rapporteur, ParticipationMode.Onsite, random.Next(2) == 0, true);
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync(cancel);
            db.Record(As(proposer), clock, forum.Id, "proposal.create", $"proposal {proposal.Id}", null, new { proposal.Title, Type = plan.Type });
            await db.SaveChangesAsync(cancel);
            return proposal;
        }

        private async Task HandInAsync(ProposalStates states, Call call, Proposal proposal, DemoAccount proposer, Plan plan)
        {
            var outcome = await states.SubmitAsync(forum, call, proposal, As(proposer), cancel);
            await db.SaveChangesAsync(cancel);
            var expected = plan.Round == 1 || plan.Outcome == ProposalState.Submitted ? ProposalState.Submitted : ProposalState.ScreenedOut;
            if (outcome.Refusal is not null || proposal.State != expected)
            {
                throw new InvalidOperationException($"The demo proposal “{proposal.Title}” became {proposal.State}, not {expected}: " +
                    $"{outcome.Refusal} {string.Join(" ", outcome.Findings)}");
            }
        }

        /// <summary>The review phase opened, the group's expertise, the automatic assignment and the scores given so far.</summary>
        private async Task ReviewAsync(List<(Plan Plan, Proposal Proposal)> proposals, Random random)
        {
            await db.ReviewSettingsAsync(forum.Id, cancel);
            await db.ReviewSettings.Where(s => s.ForumId == forum.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ReviewersCanScore, true), cancel);
            db.Record(Secretariat, clock, forum.Id, "review.phase", forum.Slug, new { ReviewersCanScore = false }, new { ReviewersCanScore = true });
            var reviewers = new[] { live.Account(DemoRole.Reviewer) }.Concat(live.Reviewers).ToList();
            var subthemes = forum.Subthemes.OrderBy(s => s.Position).ToList();
            for (var r = 0; r < reviewers.Count; r++)
            {
                foreach (var subtheme in new[] { subthemes[r % subthemes.Count], subthemes[(r + 2) % subthemes.Count] })
                {
                    db.ReviewerExpertise.Add(new ReviewerExpertise { AccountId = Id(reviewers[r]), SubthemeId = subtheme.Id });
                }
            }
            await db.SaveChangesAsync(cancel);

            clock.Now = clock.Now.AddDays(1);
            var ids = proposals.Select(p => p.Proposal.Id).ToList();
            var organisations = await db.OrganisationsOfAsync(ids, cancel);
            var rows = await db.ReviewersAsync(forum.Id, cancel);
            var reviewerIds = rows.Select(r => r.AccountId).ToList();
            var expertise = (await db.ReviewerExpertise.Where(e => reviewerIds.Contains(e.AccountId)).ToListAsync(cancel)).ToLookup(e => e.AccountId, e => e.SubthemeId);
            var perProposal = (await db.ReviewSettingsAsync(forum.Id, cancel)).ReviewersPerProposal;
            var result = ReviewerAssignment.Assign(new AssignmentProblem(
                proposals.Select(p => new AssignmentProposal(p.Proposal.Id, p.Proposal.SubthemeId, organisations.GetValueOrDefault(p.Proposal.Id) ?? [])).ToList(),
                rows.Select(r => new AssignmentReviewer(r.AccountId, expertise[r.AccountId].ToList(), r.Organisation is null ? [] : [r.Organisation], [])).ToList(),
                perProposal, []));
            db.ReviewAssignments.AddRange(result.Assignments.Select(a => new ReviewAssignment
            {
                ProposalId = a.ProposalId, ReviewerId = a.ReviewerId, AssignedById = Id(live.Account(DemoRole.Secretariat)), AssignedAt = clock.Now,
            }));
            db.Record(Secretariat, clock, forum.Id, "review.assign.automatic", forum.Slug, null,
                new { ReviewersPerProposal = perProposal, Proposals = ids.Count, Reviewers = rows.Count, Added = result.Assignments.Count, Unfilled = result.Unfilled.Count });
            await db.SaveChangesAsync(cancel);

            // Scores so far: every decided proposal fully reviewed; in review, the rest of the group has scored and the demo
            // reviewer has not (their part to try), and one proposal divides the group, for the ranking's flag.
            var criteria = await db.CriteriaAsync(forum.Id, cancel);
            var demoReviewer = Id(live.Account(DemoRole.Reviewer));
            var divided = proposals.First(p => p.Plan.Outcome == ProposalState.InReview && p.Plan.Owner >= 0).Proposal.Id;
            var reviewOf = 0;
            foreach (var pair in result.Assignments)
            {
                var plan = proposals.Single(p => p.Proposal.Id == pair.ProposalId).Plan;
                if (plan.Outcome == ProposalState.InReview && pair.ReviewerId == demoReviewer)
                {
                    continue;
                }
                var (low, high) = plan.Outcome switch
                {
                    ProposalState.Accepted => (4, 5),
                    ProposalState.Waitlisted => (3, 4),
                    ProposalState.Rejected => (1, 3),
                    _ => (2, 5),
                };
                if (pair.ProposalId == divided)
                {
                    (low, high) = reviewOf++ % 2 == 0 ? (1, 1) : (5, 5);
                }
                clock.Now = clock.Now.AddHours(5);
                var review = new Review
                {
                    ProposalId = pair.ProposalId, ReviewerId = pair.ReviewerId, UpdatedAt = clock.Now,
                    CommentToSecretariat = plan.Outcome == ProposalState.Rejected ? "Relevant, but the questions would fill three sessions." : null,
                    CommentToProposer = plan.Outcome == ProposalState.Rejected
                        ? "Narrow the policy questions to one or two and say what the session should produce."
                        : "Clear questions and a diverse group of speakers.",
                };
                review.Scores.AddRange(criteria.Select(c => new ReviewScore { CriterionId = c.Id, Score = random.Next(low, high + 1) }));
                db.Reviews.Add(review);
            }
            await db.SaveChangesAsync(cancel);
        }

        /// <summary>The accepted proposals' new sessions go into the story's room on the last two days, through the timetable's own move.</summary>
        private async Task PlaceAcceptedAsync(List<int> acceptedProposals)
        {
            clock.Now = Anchor.AddDays(-26);
            var sessions = await db.ProposalSessions.Where(l => acceptedProposals.Contains(l.ProposalId)).OrderBy(l => l.ProposalId).Select(l => l.SessionId).ToListAsync(cancel);
            var move = Service<TimetableMoveChange>();
            var slots = new[] { (forum.LastDay.AddDays(-1), "11:00"), (forum.LastDay, "14:00") };
            for (var i = 0; i < sessions.Count; i++)
            {
                var (day, start) = slots[i % slots.Length];
                var moved = await move.MoveAsync(forum, sessions[i], day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start,
                    live.Story.Room.Id, null, Secretariat, cancel);
                if (!moved.IsDone)
                {
                    throw new InvalidOperationException($"The demo could not place an accepted session: {string.Join(" ", moved.Reasons.FirstPerField().Select(r => r.Value))}");
                }
            }
            db.ChangeTracker.Clear();
        }

        private Task ReleaseAsync() =>
            Releases.ReleaseChange.SeedAsync(db, forum.Id, "v1", Anchor.AddDays(-14));

        // Registration, arrivals.

        private async Task RegistrationsAsync()
        {
            // After the first decisions on proposals and before the call reopens, so the audit log reads as one history.
            clock.Now = Anchor.AddDays(-19).AddHours(-1);
            db.RegistrationSettings.Add(new RegistrationSettings { ForumId = forum.Id, NeedsApproval = true, ClosesAt = zone.ToUtc(forum.LastDay, new TimeOnly(12, 0)) });
            db.Record(Secretariat, clock, forum.Id, "registration.settings", forum.Slug, null, new { NeedsApproval = true, ClosesAt = zone.ToUtc(forum.LastDay, new TimeOnly(12, 0)) });
            await db.SaveChangesAsync(cancel);
            var registrations = Service<RegistrationChange>();
            // Who registers how, and what the Secretariat decided; the demo participant comes first.
            var plans = new List<(DemoAccount Account, AttendanceMode Mode, RegistrationStatus Decision)>
            {
                (live.Account(DemoRole.Participant), AttendanceMode.Onsite, RegistrationStatus.Approved),
            };
            var modes = new[]
            {
                (AttendanceMode.Onsite, RegistrationStatus.Approved), (AttendanceMode.Onsite, RegistrationStatus.Approved), (AttendanceMode.Online, RegistrationStatus.Approved),
                (AttendanceMode.Onsite, RegistrationStatus.Approved), (AttendanceMode.Online, RegistrationStatus.Approved), (AttendanceMode.Onsite, RegistrationStatus.Approved),
                (AttendanceMode.Online, RegistrationStatus.Approved), (AttendanceMode.Onsite, RegistrationStatus.Approved), (AttendanceMode.RemoteHub, RegistrationStatus.Approved),
                (AttendanceMode.Online, RegistrationStatus.Approved), (AttendanceMode.Onsite, RegistrationStatus.Pending), (AttendanceMode.Onsite, RegistrationStatus.Pending),
                (AttendanceMode.Online, RegistrationStatus.Pending), (AttendanceMode.Onsite, RegistrationStatus.Declined),
            };
            plans.AddRange(live.Participants.Zip(modes, (a, m) => (a, m.Item1, m.Item2)));
            var checkIn = zone.ToUtc(forum.FirstDay, new TimeOnly(8, 30));
            for (var i = 0; i < plans.Count; i++)
            {
                var (account, mode, decision) = plans[i];
                clock.Now = Anchor.AddDays(-19).AddHours(i * 18);
                var person = account.Person;
                var form = new RegistrationForm
                {
                    Mode = mode.ToString(), StakeholderGroup = person.StakeholderGroup?.ToString(), RegionalGroup = person.RegionalGroup?.ToString(),
                    Country = person.CountryCode, Gender = person.Gender?.ToString(), Languages = ["en"],
                    HubName = mode == AttendanceMode.RemoteHub ? "University of Kalundi remote hub" : null, HubHeadcount = mode == AttendanceMode.RemoteHub ? 35 : null,
                };
                var registered = await registrations.RegisterAsync(forum, As(account), form, cancel);
                if (registered.Value is not { } saved)
                {
                    throw new InvalidOperationException($"The demo registration of {account.Email} was refused: {string.Join(" ", registered.Reasons.FirstPerField().Select(r => r.Value))}");
                }
                if (decision != RegistrationStatus.Pending)
                {
                    clock.Now = clock.Now.AddHours(6);
                    var reason = decision == RegistrationStatus.Declined
                        ? "The onsite places for your stakeholder group are taken. Change your registration to online and we will approve it at once."
                        : null;
                    if (await registrations.DecideAsync(forum, saved.Id, decision, reason, Secretariat, cancel) is { } refused)
                    {
                        throw new InvalidOperationException($"The demo decision on {account.Email} was refused: {refused}");
                    }
                }
                if (decision == RegistrationStatus.Approved && mode == AttendanceMode.Onsite && i > 0)
                {
                    // The first morning at the door; the demo participant arrives today, at the desk, as the newcomer will.
                    clock.Now = checkIn.AddMinutes(i * 3);
                    var arrived = await registrations.CheckInAsync(forum, saved.BadgeCode, null, Secretariat, cancel);
                    if (!arrived.Arrived)
                    {
                        throw new InvalidOperationException($"The demo check-in of {account.Email} was refused: {arrived.Message}");
                    }
                }
                db.ChangeTracker.Clear();
            }
        }

        /// <summary>
        /// IGF 2022's registrations and arrivals, so its statistics (published, as after a real forum) have something to show:
        /// as many participants as people on its programme, most onsite and checked in, some online, a few hubs, each with an
        /// account without a password.
        /// </summary>
        private async Task PastEditionAttendanceAsync()
        {
            if (await db.Forums.Where(f => f.Slug == DemoForum.Slug).Select(f => new { f.Id, f.FirstDay }).FirstOrDefaultAsync(cancel) is not { } past)
            {
                return;
            }
            var people = await db.People.Where(p => db.SessionRoles.Any(r => r.PersonId == p.Id && r.Kind != SessionRoleKind.Organiser
                    && db.Sessions.Any(s => s.Id == r.SessionId && s.ForumId == past.Id)))
                .OrderBy(p => p.Id).ToListAsync(cancel);
            var registeredAt = DemoForum.Utc(2022, 10, 3, 9, 0);
            // Participants of their own, as many as the people on the programme and like them in group, region, country and
            // gender: the programme's people keep no account they never asked for, and their records stay the Secretariat's to edit.
            var participants = people.Select((p, i) => new Person
            {
                Name = $"Participant {i + 1}", StakeholderGroup = p.StakeholderGroup, RegionalGroup = p.RegionalGroup, CountryCode = p.CountryCode, Gender = p.Gender,
            }).ToList();
            db.People.AddRange(participants);
            await db.SaveChangesAsync(cancel);
            var accounts = new Dictionary<int, Account>();
            foreach (var person in participants)
            {
                var email = DemoForum.EmailOf($"IGF 2022 {person.Name}", emails);
                var account = new Account
                {
                    UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
                    EmailConfirmed = true, PersonId = person.Id, PreferredLanguage = "en", CreatedAt = registeredAt, SecurityStamp = Guid.NewGuid().ToString("N"),
                };
                accounts[person.Id] = account;
                db.Users.Add(account);
            }
            await db.SaveChangesAsync(cancel);
            people = participants;
            var arrival = ForumClock.For("Africa/Addis_Ababa").ToUtc(past.FirstDay, new TimeOnly(8, 0));
            var arrivals = new List<(Registration Registration, DateOnly Day, DateTime At)>();
            for (var i = 0; i < people.Count; i++)
            {
                var person = people[i];
                // Six in ten onsite, three online, one from a remote hub; a few never decided, a few declined.
                var mode = (i % 10) switch { < 6 => AttendanceMode.Onsite, < 9 => AttendanceMode.Online, _ => AttendanceMode.RemoteHub };
                var status = i % 29 == 28 ? RegistrationStatus.Declined : i % 23 == 22 ? RegistrationStatus.Pending : RegistrationStatus.Approved;
                var registration = new Registration
                {
                    ForumId = past.Id, AccountId = accounts[person.Id].Id, PersonId = person.Id,
                    Mode = mode, Status = status, StakeholderGroup = person.StakeholderGroup, RegionalGroup = person.RegionalGroup, CountryCode = person.CountryCode,
                    Gender = person.Gender, Languages = "en", HubName = mode == AttendanceMode.RemoteHub ? $"Remote hub {i / 10 + 1}" : null,
                    HubHeadcount = mode == AttendanceMode.RemoteHub ? 12 + i % 37 : null,
                    DecidedAt = status == RegistrationStatus.Pending ? null : registeredAt.AddDays(2), CreatedAt = registeredAt.AddHours(i), UpdatedAt = registeredAt.AddHours(i),
                    BadgeSecret = Registration.NewBadgeSecret(),
                };
                db.Registrations.Add(registration);
                // One in eight registered onsite never came.
                if (mode == AttendanceMode.Onsite && status == RegistrationStatus.Approved && i % 8 != 7)
                {
                    arrivals.Add((registration, past.FirstDay.AddDays(i % 3), arrival.AddDays(i % 3).AddMinutes(i % 90)));
                }
            }
            await db.SaveChangesAsync(cancel);
            db.CheckIns.AddRange(arrivals.Select(a => new CheckIn { RegistrationId = a.Registration.Id, ForumId = past.Id, Day = a.Day, At = a.At }));
            db.Add(new Statistics.StatisticsPublication { ForumId = past.Id, PublishedAt = DemoForum.Utc(2022, 12, 16, 12, 0) });
            await db.SaveChangesAsync(cancel);
            await CertificatesAsync(past.Id, arrivals.Select(a => a.Registration).ToList(), people);
            db.ChangeTracker.Clear();
        }

        /// <summary>
        /// Some of IGF 2022's online participants seen at its opening sessions, and certificates of attendance downloaded after
        /// the forum by a few of those who came (one revoked, as happens when a badge was lent), so the Secretariat's list and
        /// the verification page have something to show.
        /// </summary>
        private async Task CertificatesAsync(int pastId, List<Registration> arrived, List<Person> people)
        {
            var names = people.ToDictionary(p => p.Id, p => p.Name);
            var opening = await db.Sessions.Where(s => s.ForumId == pastId && s.StartsAt != null && s.Status == SessionStatus.Scheduled)
                .OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Select(s => new { s.Id, StartsAt = s.StartsAt!.Value }).Take(3).ToListAsync(cancel);
            var online = await db.Registrations.Where(r => r.ForumId == pastId && r.Status == RegistrationStatus.Approved && r.Mode == AttendanceMode.Online)
                .OrderBy(r => r.Id).Take(12).ToListAsync(cancel);
            if (opening.Count > 0)
            {
                db.OnlinePresences.AddRange(online.Select((r, i) => new Certificates.OnlinePresence
                {
                    ForumId = pastId, RegistrationId = r.Id, SessionId = opening[i % opening.Count].Id, SeenAt = opening[i % opening.Count].StartsAt.AddMinutes(2 + i),
                    Source = i % 3 == 0 ? Certificates.PresenceSource.PlatformReport : Certificates.PresenceSource.LivePage,
                }));
            }
            var issued = DemoForum.Utc(2022, 12, 5, 10, 0);
            var holders = arrived.Take(8).Concat(online.Take(4)).ToList();
            for (var i = 0; i < holders.Count; i++)
            {
                db.Certificates.Add(new Certificates.Certificate
                {
                    ForumId = pastId, RegistrationId = holders[i].Id, Code = Certificates.Certificate.NewCode(), Name = names[holders[i].PersonId],
                    IssuedAt = issued.AddHours(i * 7),
                    RevokedAt = i == 5 ? issued.AddDays(9) : null,
                    RevokedReason = i == 5 ? "The badge was used by another person at the entrance." : null,
                });
            }
            await db.SaveChangesAsync(cancel);
        }

        // Outputs of the sessions already held.

        /// <summary>
        /// The takeaways (and, a day later, some reports) of the sessions that have ended, submitted by their rapporteurs through the
        /// reporting form's rules: most on time, a few late, some missing, as at every forum. Each session's share is drawn from its own
        /// number, so it does not depend on which other sessions had ended by the hour of seeding.
        /// </summary>
        private async Task OutputsAsync()
        {
            var desk = Service<ReportChange>();
            var ended = await db.Sessions.Include(s => s.Type).Include(s => s.Roles).ThenInclude(r => r.Person).Include(s => s.Tags).AsSplitQuery()
                .Where(s => s.ForumId == forum.Id && s.Status == SessionStatus.Scheduled && s.EndsAt != null && s.EndsAt < Anchor)
                .OrderBy(s => s.EndsAt).ThenBy(s => s.Id).ToListAsync(cancel);
            var story = live.Story;
            // The moderators of the live session start at its 4th minute: what rapporteurs submit is all before, so the
            // audit log keeps one order; a rapporteur whose session ended within the last hours is still writing.
            var until = story.Live.StartsAt!.Value;
            var submissions = new List<(DateTime At, Session Session, ReportForm Form, OutputPart Part, Person Rapporteur)>();
            foreach (var session in ended)
            {
                if (session.Id == story.Due.Id)
                {
                    // The story's point: its takeaways are still to be written, and due within the hour.
                    continue;
                }
                var rapporteur = session.Roles.Where(r => r.Kind == SessionRoleKind.Rapporteur && r.Person != null).Select(r => r.Person!).FirstOrDefault();
                if (rapporteur is null)
                {
                    continue;
                }
                var roll = new Random(session.Type.Position * 1_000 + session.Number);
                var share = roll.Next(100);
                if (session.Id != story.Done.Id && share >= 85)
                {
                    continue;
                }
                var takeawaysAt = session.EndsAt!.Value.AddMinutes(share < 75 || session.Id == story.Done.Id ? 20 + share : 150 + share);
                if (takeawaysAt >= until)
                {
                    continue;
                }
                var topic = session.Tags.Select(t => t.Tag).FirstOrDefault() ?? session.Title;
                var form = DemoForum.TakeawaysForm(roll, topic);
                submissions.Add((takeawaysAt, session, form, OutputPart.Takeaways, rapporteur));
                var reportAt = session.EndsAt.Value.AddHours(18 + roll.Next(12));
                if (session.Id != story.Done.Id && roll.Next(100) < 45 && reportAt < until)
                {
                    var speakers = session.Roles.Where(r => r.Kind == SessionRoleKind.Speaker).Select(r => r.PersonId).Distinct().Count();
                    submissions.Add((reportAt, session, DemoForum.ReportForm(roll, topic, speakers, form), OutputPart.Report, rapporteur));
                }
            }
            foreach (var (at, session, form, part, rapporteur) in submissions.OrderBy(s => s.At))
            {
                var (accountId, email) = await AccountOfAsync(rapporteur);
                clock.Now = at;
                await SubmitAsync(desk, session, form, part, As(accountId, email));
            }
            db.ChangeTracker.Clear();
        }

        private async Task SubmitAsync(ReportChange desk, Session session, ReportForm form, OutputPart part, ClaimsPrincipal user)
        {
            var submitted = await desk.SubmitAsync(forum, session, form, part, user, cancel);
            if (!submitted.IsDone)
            {
                throw new InvalidOperationException($"The demo's {part} of {session.NumberedName} were refused: {string.Join(" ", submitted.Reasons.FirstPerField().Select(r => r.Value))}");
            }
        }

        // The live session's queue.

        private async Task QueueAsync()
        {
            var session = await db.Sessions.Include(s => s.Type).SingleAsync(s => s.Id == live.Story.Live.Id, cancel);
            var queue = Service<SpeakingQueue>();
            var moderator = As(live.Account(DemoRole.Moderator));
            var approved = await db.Registrations.Where(r => r.ForumId == forum.Id && r.Status == RegistrationStatus.Approved && r.Mode != AttendanceMode.RemoteHub)
                .OrderBy(r => r.Id).Select(r => new { r.AccountId, r.Mode }).ToListAsync(cancel);
            var participant = Id(live.Account(DemoRole.Participant));
            var onsite = approved.Where(r => r.Mode == AttendanceMode.Onsite && r.AccountId != participant).Select(r => r.AccountId).ToList();
            var online = approved.Where(r => r.Mode == AttendanceMode.Online).Select(r => r.AccountId).ToList();
            var start = session.StartsAt!.Value;

            async Task<int> Raise(int account, ParticipationMode mode, string? topic, int minute)
            {
                clock.Now = start.AddMinutes(minute);
                Check(await queue.RaiseAsync(session, account, topic, mode.ToString(), cancel));
                return await db.Hands.Where(h => h.SessionId == session.Id && h.AccountId == account && h.State == HandState.Waiting).Select(h => h.Id).SingleAsync(cancel);
            }
            async Task Floor(int hand, int minute)
            {
                clock.Now = start.AddMinutes(minute);
                Check(await queue.GiveFloorAsync(session, moderator, hand, cancel));
            }
            async Task<int> Ask(int account, string text, int minute)
            {
                clock.Now = start.AddMinutes(minute);
                Check(await queue.AskAsync(session, account, text, cancel));
                return await db.Questions.Where(q => q.SessionId == session.Id && q.AccountId == account).OrderByDescending(q => q.Id).Select(q => q.Id).FirstAsync(cancel);
            }
            async Task Vote(int account, int question, int minute)
            {
                clock.Now = start.AddMinutes(minute);
                Check(await queue.VoteAsync(session, account, question, cancel));
            }
            async Task Moderate(int question, QuestionState to, int minute)
            {
                clock.Now = start.AddMinutes(minute);
                Check(await queue.ModerateQuestionAsync(session, moderator, question, to, cancel));
            }

            // The session opened half an hour ago (the anchor is its 30th minute), in the order things happened: two people have
            // spoken, a third has the floor, four wait (one added by the moderator for someone without a phone); one question
            // is shown with votes, one answered, one waits for a moderator.
            var first = await Raise(onsite[0], ParticipationMode.Onsite, "Universal service funds", 4);
            var second = await Raise(online[0], ParticipationMode.Online, "Satellite broadband prices in the Pacific", 5);
            var shown = await Ask(onsite[4], "How can universal service funds reach community networks rather than only the big operators?", 8);
            var answered = await Ask(online[2], "Is satellite broadband affordable for households yet, or only for schools and clinics?", 9);
            await Moderate(shown, QuestionState.Shown, 10);
            await Moderate(answered, QuestionState.Shown, 10);
            await Vote(onsite[0], shown, 11);
            await Floor(first, 12);
            await Vote(onsite[2], shown, 13);
            await Vote(online[1], shown, 14);
            var third = await Raise(onsite[1], ParticipationMode.Onsite, "Spectrum for community networks", 15);
            await Floor(second, 16);
            await Moderate(answered, QuestionState.Answered, 20);
            await Raise(onsite[2], ParticipationMode.Onsite, "Who maintains the equipment after the project ends?", 22);
            await Raise(online[1], ParticipationMode.Online, "A question from the Kalundi remote hub", 24);
            await Floor(third, 26);
            clock.Now = start.AddMinutes(27);
            Check(await queue.AddFromRoomAsync(session, moderator, "Delegate of Mirava (no phone)", "Roaming costs between the islands", cancel));
            await Raise(onsite[3], ParticipationMode.Onsite, null, 28);
            await Ask(onsite[3], "Will the session's recommendations go to the regulators' association?", 29);
            db.ChangeTracker.Clear();
        }

        private static void Check(QueueRefusal? refusal)
        {
            if (refusal is not null)
            {
                throw new InvalidOperationException($"The demo's queue was refused: {refusal.Message}");
            }
        }

        /// <summary>The demo participant's own agenda: the session on now, the one after it, and an accepted one of the last days.</summary>
        private async Task AgendaAsync()
        {
            var participant = Id(live.Account(DemoRole.Participant));
            var accepted = await db.ProposalSessions.Where(l => db.Proposals.Any(p => p.Id == l.ProposalId && p.ForumId == forum.Id && p.ProposerId == Id(live.Account(DemoRole.Proposer))))
                .Select(l => l.SessionId).ToListAsync(cancel);
            foreach (var (sessionId, n) in new[] { live.Story.Live.Id, live.Story.Next.Id }.Concat(accepted).Select((s, n) => (s, n)))
            {
                db.AgendaEntries.Add(new AgendaEntry { AccountId = participant, SessionId = sessionId, ForumId = forum.Id, SavedAt = Anchor.AddDays(-3).AddMinutes(n) });
            }
            await db.SaveChangesAsync(cancel);
        }
    }
}
