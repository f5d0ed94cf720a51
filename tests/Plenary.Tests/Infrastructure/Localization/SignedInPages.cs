using Microsoft.EntityFrameworkCore;
using Plenary.Features.Proposals;
using Plenary.Features.Reviews;
using Plenary.Features.Sessions;
using Plenary.Kernel.Access;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Localization;

/// <summary>
/// The main pages behind sign-in, each filled as people meet it, on a forum of its own: its Secretariat's workspace
/// (settings, a session's form, the timetable, the messages, the proposals, the report form of a session) and a
/// participant's pages (a reviewer of the advisory group who is also a session's rapporteur: a proposal to score, a new
/// proposal while the call is open, the report form, registration, their sessions and account). The accounts are made
/// and confirmed; each role signs in once, by HTTP or in the browser.
/// </summary>
public sealed record SignedInPages(string Forum, string SecretariatEmail, string ParticipantEmail, IReadOnlyList<string> SecretariatPages, IReadOnlyList<string> ParticipantPages)
{
    public const string Password = "solar wind over Addis";

    public static async Task<SignedInPages> MakeAsync(PlenaryApp app)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // In the weeks ahead: registration and the call are open, the sessions are still to be held.
        var forum = await app.ForumOfItsOwnAsync("lang", rooms: 2, placed: 3, firstDay: today.AddDays(20));
        var session = forum.Session(1);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var secretariat = $"sec{tag}@example.org";
        var participant = $"par{tag}@example.org";
        (await app.SignedInVisitorAsync(secretariat, (db, id) => Member(db, forum.Id, id, ForumRole.Secretariat))).Dispose();
        (await app.SignedInVisitorAsync(participant, async (db, id) =>
        {
            await Member(db, forum.Id, id, ForumRole.Reviewer);
            var person = await db.Users.Where(a => a.Id == id).Select(a => a.PersonId).SingleAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, PersonId = person, Kind = SessionRoleKind.Rapporteur, Mode = ParticipationMode.Onsite, Position = 100 });
            await db.SaveChangesAsync();
        })).Dispose();
        var proposal = await app.InDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var reviewer = await db.Users.Where(a => a.Email == participant).Select(a => a.Id).SingleAsync();
            var type = await db.SessionTypes.Where(t => t.ForumId == forum.Id && t.Code == "WS").Select(t => t.Id).SingleAsync();
            var subtheme = await db.Subthemes.Where(s => s.ForumId == forum.Id).Select(s => s.Id).FirstAsync();
            db.Calls.Add(new Call { ForumId = forum.Id, SessionTypes = ["WS", "OF"], OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(10) });
            db.ReviewSettings.Add(new ReviewSettings { ForumId = forum.Id, ReviewersCanScore = true });
            var proposal = new Proposal
            {
                ForumId = forum.Id, ProposerName = "Wanjiru Kamau", Title = "Community networks in rural Kenya", TypeId = type,
                Format = SessionFormat.RoundTable, Layout = Plenary.Features.Rooms.RoomLayout.UShape, LengthMinutes = 90, SubthemeId = subtheme,
                Tags = "access, rural", Description = "Why villages build their own networks.", PolicyQuestions = "What should regulators allow?",
                ExpectedOutcomes = "A list of licensing fixes.", OnlineEngagement = "Questions from online first.", State = ProposalState.InReview, Version = 1,
                CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
                Sdgs = [new ProposalSdg { Code = "9.c", Reason = "Universal access" }],
                People =
                [
                    new ProposalPerson { Kind = SessionRoleKind.Organiser, Name = "Wanjiru Kamau", Email = $"kamau-{tag}@example.org", Position = 1 },
                    new ProposalPerson { Kind = SessionRoleKind.Speaker, Name = "Li Wei", Email = $"li-{tag}@example.org", Position = 2, Answer = SpeakerAnswer.Confirmed },
                    new ProposalPerson { Kind = SessionRoleKind.OnsiteModerator, Name = "Omar Haddad", Email = $"haddad-{tag}@example.org", Position = 3 },
                ],
            };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            db.ReviewAssignments.Add(new ReviewAssignment { ProposalId = proposal.Id, ReviewerId = reviewer, AssignedAt = now });
            await db.SaveChangesAsync();
            return proposal.Id;
        });
        var f = forum.Slug;
        var key = session.Key;
        return new SignedInPages(f, secretariat, participant,
        [
            $"/{f}/manage", $"/{f}/manage/sessions", $"/{f}/sessions/{key}/edit", $"/{f}/manage/proposals", $"/{f}/manage/call",
            $"/{f}/manage/reviews", $"/{f}/manage/timetable", $"/{f}/manage/registrations", $"/{f}/manage/messages", $"/{f}/manage/messages/access",
            $"/{f}/manage/reports", $"/{f}/sessions/{key}/report", "/account",
        ],
        [
            // The report form as its rapporteur sees it, without the Secretariat's extension of the deadline.
            $"/{f}/proposals/new", $"/{f}/proposals", $"/{f}/reviews", $"/{f}/reviews/{proposal}", $"/{f}/sessions/{key}/report",
            $"/{f}/register", "/account/sessions",
        ]);
    }

    private static async Task Member(Plenary.Infrastructure.Data.PlenaryDb db, int forum, int account, ForumRole role)
    {
        db.ForumMembers.Add(new ForumMember { ForumId = forum, AccountId = account, Role = role, AddedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }
}
