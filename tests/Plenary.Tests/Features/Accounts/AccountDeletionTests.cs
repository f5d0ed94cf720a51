using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Proposals;
using Plenary.Features.Queue;
using Plenary.Features.Registrations;
using Plenary.Features.Reviews;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Kernel.Access;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

/// <summary>
/// Deleting an account that holds something of everything: what goes with it, what the forum's record keeps, and
/// that nothing it left behind still lets anyone in or names its address.
/// </summary>
public abstract class AccountDeletionTests(PlenaryApp app)
{
    private const string Password = "solar wind over Addis";

    [Fact]
    public async Task An_account_holding_everything_is_deleted_and_the_forums_record_keeps_only_what_it_promised()
    {
        var forum = await app.ForumOfItsOwnAsync("del", placed: 2, released: true);
        var (live, accepted) = (forum.Session(1), forum.Session(2));
        var email = $"whole{Guid.NewGuid():N}@example.org";
        var colleagueEmail = $"colleague{Guid.NewGuid():N}@example.org";
        using var colleague = await app.SignedInVisitorAsync(colleagueEmail, (db, id) => Member(db, forum.Id, id, ForumRole.Secretariat));
        using var visitor = await app.SignedInVisitorAsync(email, (db, id) => Member(db, forum.Id, id, ForumRole.Secretariat));
        var ids = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => new { a.Id, a.PersonId }).SingleAsync());
        var (accountId, personId) = (ids.Id, ids.PersonId);
        using var otherDevice = app.CreateVisitor();
        (await app.SignInAsync(otherDevice, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Team roles, and the audit log naming the address both as the one who acted and as the one acted on.
        var team = $"/{forum.Slug}/manage/team";
        (await PlenaryApp.SubmitFormAsync(colleague, team, new Dictionary<string, string> { ["Email"] = email, ["Role"] = "Reviewer" }, $"{team}?handler=Add"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PlenaryApp.SubmitFormAsync(visitor, team, new Dictionary<string, string> { ["Email"] = colleagueEmail, ["Role"] = "Reviewer" }, $"{team}?handler=Add"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AuditEntriesNamingAsync(email)).Count.ShouldBe(2, "the log names the address before the deletion");

        // An API token, an agenda with its secret feed, a sign-in link not yet used.
        var token = await PlenaryApp.ApiTokenOfAsync(visitor);
        using var program = app.ApiClient(token);
        (await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/programme",
            new Dictionary<string, string> { ["session"] = Id(accepted), ["returnUrl"] = $"/{forum.Slug}/programme" }, $"/{forum.Slug}/agenda?handler=Add"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var made = await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/agenda", new Dictionary<string, string>(), $"/{forum.Slug}/agenda?handler=Feed");
        var feed = new Uri((await PlenaryApp.ParseAsync(made)).QuerySelector("#feed")!.GetAttribute("value")!).PathAndQuery;
        (await app.Client.GetAsync(feed)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.SubmitFormAsync(app.CreateVisitor(), "/account/sign-in", new Dictionary<string, string> { ["Email"] = email }, "/account/sign-in?handler=Link"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var signInLink = await app.LinkFromOutboxAsync(email, "sign-in-link");

        // A registration with its check-in, a proposal that became a session, a review of someone else's, a hand up.
        (int reviewed, int criterion) = await app.InDbAsync(async db =>
        {
            var registration = new Registration
            {
                ForumId = forum.Id, AccountId = accountId, PersonId = personId, Mode = AttendanceMode.Onsite, Status = RegistrationStatus.Approved,
                BadgeSecret = Registration.NewBadgeSecret(),
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.Registrations.Add(registration);
            var own = ProposalOf(forum, accountId, "Community networks that became a session", ProposalState.Accepted);
            var theirs = ProposalOf(forum, null, "A proposal under review", ProposalState.InReview);
            db.Proposals.AddRange(own, theirs);
            var criterion = new ReviewCriterion { ForumId = forum.Id, Name = "Relevance", Position = 1 };
            db.ReviewCriteria.Add(criterion);
            await db.SaveChangesAsync();
            db.CheckIns.Add(new CheckIn { RegistrationId = registration.Id, ForumId = forum.Id, Day = forum.FirstDay, At = DateTime.UtcNow });
            db.ProposalSessions.Add(new ProposalSession { ProposalId = own.Id, SessionId = accepted.Id, CreatedAt = DateTime.UtcNow });
            db.ProposalHistory.Add(new ProposalEvent { ProposalId = own.Id, From = ProposalState.Draft, To = ProposalState.Submitted, At = DateTime.UtcNow, AccountId = accountId, Actor = email });
            db.Reviews.Add(new Review { ProposalId = theirs.Id, ReviewerId = accountId, UpdatedAt = DateTime.UtcNow, CommentToSecretariat = "Strong.", Scores = [new ReviewScore { CriterionId = criterion.Id, Score = 4 }] });
            db.Hands.Add(new Hand { SessionId = live.Id, AccountId = accountId, PersonId = personId, Name = "Amina Diallo", State = HandState.Waiting, Place = 1, RaisedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return (Proposal: theirs.Id, Criterion: criterion.Id);
        });
        (await Get(program, $"/api/forums/{forum.Slug}/registration")).StatusCode.ShouldBe(HttpStatusCode.OK, "the token works before the deletion");

        var deleted = await PlenaryApp.SubmitFormAsync(visitor, "/account/delete", new Dictionary<string, string> { ["Password"] = Password });
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        deleted.Headers.Location!.OriginalString.ShouldBe("/account/deleted");

        // Nothing lets anyone in as the account any more.
        (await app.SignInAsync(app.CreateVisitor(), email)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the password no longer signs in");
        using (var follower = app.CreateVisitor())
        {
            await follower.GetAsync(signInLink);
            PathOf((await follower.GetAsync("/account")).Headers.Location).ShouldBe("/account/sign-in", "the sign-in link sent before the deletion no longer signs in");
        }
        (await Get(program, $"/api/forums/{forum.Slug}/registration")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the API token is gone");
        (await app.Client.GetAsync(feed)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the secret agenda feed is gone");
        // The other device is signed out on its very next request, even on a page that reads only the sign-in cookie's claims.
        using (var onOtherDevice = await otherDevice.GetAsync($"/{forum.Slug}/agenda"))
        {
            onOtherDevice.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the other device's sign-in is refused at once");
            PathOf(onOtherDevice.Headers.Location).ShouldBe("/account/sign-in");
        }

        // The address is nowhere in the audit log nor in the proposals' history, whose entries stay, without it.
        (await AuditEntriesNamingAsync(email)).ShouldBeEmpty();
        var gone = $"deleted account #{accountId}";
        (await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.Id && e.Action == "team.add").OrderBy(e => e.Id).Select(e => new { e.Actor, e.Subject }).ToListAsync()))
            .Select(e => (e.Actor, e.Subject)).ShouldBe([(colleagueEmail, gone), (gone, colleagueEmail)], "the entries stay, the address replaced where it was the actor and the subject");
        (await app.InDbAsync(db => db.ProposalHistory.CountAsync(e => e.Actor.Contains(email)))).ShouldBe(0);

        await app.InDbAsync(async db =>
        {
            (await db.Registrations.CountAsync(r => r.ForumId == forum.Id)).ShouldBe(0, "a registration holds the person's own answers");
            (await db.ApiTokens.CountAsync(t => t.AccountId == accountId)).ShouldBe(0);
            (await db.UserTokens.CountAsync(t => t.UserId == accountId)).ShouldBe(0, "the stored sign-in link token");
            (await db.AgendaSettings.CountAsync(s => s.ForumId == forum.Id && s.AccountId == accountId)).ShouldBe(0);
            (await db.AgendaEntries.CountAsync(e => e.ForumId == forum.Id)).ShouldBe(0);
            (await db.ForumMembers.CountAsync(m => m.ForumId == forum.Id && m.AccountId == accountId)).ShouldBe(0, "team roles");
            (await db.Outbox.CountAsync(m => m.To == email)).ShouldBe(0);
            (await db.Hands.CountAsync(h => h.SessionId == live.Id)).ShouldBe(0, "a hand still waiting would have the moderator call someone who has left");
            (await db.Reviews.CountAsync(r => r.ProposalId == reviewed)).ShouldBe(0, "a review is its reviewer's own judgement and goes with the account");
            (await db.ReviewScores.CountAsync(s => s.CriterionId == criterion)).ShouldBe(0);

            // The forum's record: the proposal stays, as accepted, linked to the session it became, without its account.
            var proposal = await db.Proposals.SingleAsync(p => p.ForumId == forum.Id && p.State == ProposalState.Accepted);
            proposal.ProposerId.ShouldBeNull();
            (await db.ProposalSessions.SingleAsync(l => l.ProposalId == proposal.Id)).SessionId.ShouldBe(accepted.Id);
            (await db.ProposalHistory.CountAsync(e => e.ProposalId == proposal.Id)).ShouldBe(1);
            (await db.Sessions.CountAsync(s => s.Id == accepted.Id)).ShouldBe(1);
            (await db.People.CountAsync(p => p.Id == personId)).ShouldBe(0, "no session role: the profile goes entirely");
        });
    }

    [Fact]
    public async Task A_hand_that_had_the_floor_stays_in_the_sessions_record()
    {
        var forum = await app.ForumOfItsOwnAsync("delq", placed: 1, released: true);
        var email = $"spoke{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        var ids = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => new { a.Id, a.PersonId }).SingleAsync());
        var (accountId, personId) = (ids.Id, ids.PersonId);
        await app.InDbAsync(async db =>
        {
            db.Hands.Add(new Hand { SessionId = forum.Session(1).Id, AccountId = accountId, PersonId = personId, Name = "Amina Diallo", State = HandState.Spoke, Place = 1, RaisedAt = DateTime.UtcNow, SpokeSeconds = 90 });
            db.Hands.Add(new Hand { SessionId = forum.Session(1).Id, AccountId = accountId, PersonId = personId, Name = "Amina Diallo", State = HandState.Waiting, Place = 2, RaisedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        (await PlenaryApp.SubmitFormAsync(visitor, "/account/delete", new Dictionary<string, string> { ["Password"] = Password })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var left = await app.InDbAsync(db => db.Hands.Where(h => h.SessionId == forum.Session(1).Id).ToListAsync());
        left.Select(h => (h.State, h.SpokeSeconds, h.AccountId)).ShouldBe([(HandState.Spoke, (int?)90, (int?)null)]);
    }

    private static string PathOf(Uri? location) => new Uri(new Uri("http://localhost"), location!).AbsolutePath;

    private static Task<HttpResponseMessage> Get(HttpClient client, string url) => client.GetAsync(url);

    /// <summary>Every entry with the address in any of its text columns, shown whole when one is found.</summary>
    private Task<List<string>> AuditEntriesNamingAsync(string email) => app.InDbAsync(db => db.AuditLog.Where(e =>
        e.Actor.Contains(email) || e.Subject.Contains(email) || e.Action.Contains(email)
        || (e.Before != null && e.Before.Contains(email)) || (e.After != null && e.After.Contains(email)))
        .Select(e => e.Action + " | " + e.Actor + " | " + e.Subject + " | " + e.Before + " | " + e.After).ToListAsync());

    private static async Task Member(Plenary.Infrastructure.Data.PlenaryDb db, int forumId, int accountId, ForumRole role)
    {
        db.ForumMembers.Add(new ForumMember { ForumId = forumId, AccountId = accountId, Role = role, AddedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    private static Proposal ProposalOf(OwnForum forum, int? proposerId, string title, ProposalState state) => new()
    {
        ForumId = forum.Id, ProposerId = proposerId, ProposerName = "Amina Diallo", Title = title, TypeId = forum.Sessions[0].TypeId,
        Format = SessionFormat.RoundTable, Layout = RoomLayout.UShape, LengthMinutes = 60, Description = "Why villages build their own networks.",
        State = state, Version = 1, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
    };

    private static string Id(Session s) => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

[Collection("sqlite")]
public sealed class AccountDeletionOnSqlite(SqliteApp app) : AccountDeletionTests(app);

[Collection("postgres")]
public sealed class AccountDeletionOnPostgres(PostgresApp app) : AccountDeletionTests(app);
