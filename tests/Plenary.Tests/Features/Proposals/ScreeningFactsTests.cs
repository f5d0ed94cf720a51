using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Forums;
using Plenary.Features.Proposals;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Proposals;

/// <summary>The rules that read beyond the proposal: other proposals, the forum's reviewers and the previous edition's reports.</summary>
public abstract class ScreeningFactsTests(PlenaryApp app)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<(int Account, int Person)> AccountAsync(string email)
    {
        using var _ = await app.SignedInVisitorAsync(email);
        var found = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => new { a.Id, a.PersonId }).SingleAsync());
        return (found.Id, found.PersonId);
    }

    private async Task<int> ProposalAsync(string type, int? proposer, ProposalState state, params string[] speakerEmails)
    {
        var forum = await ProposalForums.EnsureAsync(app, ProposalForums.Open);
        return await app.InDbAsync(async db =>
        {
            var proposal = new Proposal
            {
                ForumId = forum.Id, ProposerId = proposer, ProposerName = "P", Title = $"Facts {Tag()}", TypeId = forum.SessionTypes.Single(t => t.Code == type).Id,
                LengthMinutes = 60, State = state, Version = 1,
                People = speakerEmails.Select((e, i) => new ProposalPerson { Kind = SessionRoleKind.Speaker, Name = e, Email = e, Position = i + 1 }).ToList(),
            };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return proposal.Id;
        });
    }

    private async Task<List<Finding>> CheckAsync(int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlenaryDb>();
        var forum = (await db.FindForumAsync(ProposalForums.Open))!;
        var call = await db.Calls.SingleAsync(c => c.ForumId == forum.Id);
        var proposal = await db.Proposals.Include(p => p.People).Include(p => p.Sdgs).AsSplitQuery().SingleAsync(p => p.Id == id);
        return await scope.ServiceProvider.GetRequiredService<Screening>().CheckAsync(forum, call, proposal, default);
    }

    [Fact]
    public async Task A_speaker_is_counted_across_the_forums_handed_in_proposals_by_address()
    {
        var busy = $"busy-{Tag()}@example.org";
        await ProposalAsync("OF", null, ProposalState.Submitted, busy);
        await ProposalAsync("OF", null, ProposalState.InReview, busy.ToUpperInvariant());
        // Drafts and withdrawn proposals are not counted.
        await ProposalAsync("OF", null, ProposalState.Draft, busy);
        await ProposalAsync("OF", null, ProposalState.Withdrawn, busy);
        var third = await ProposalAsync("OF", null, ProposalState.Draft, busy);
        (await CheckAsync(third)).ShouldNotContain(f => f.Rule == "Proposals per speaker");

        await ProposalAsync("OF", null, ProposalState.Submitted, busy);
        var fourth = await CheckAsync(third);
        fourth.ShouldContain(f => f.Rule == "Proposals per speaker" && f.Found.Contains("(4)") && f.Blocks);
    }

    [Fact]
    public async Task A_reviewer_of_the_forum_may_not_propose_a_workshop()
    {
        var (account, _) = await AccountAsync($"rev-{Tag()}@example.org");
        var forum = await ProposalForums.EnsureAsync(app, ProposalForums.Open);
        var workshop = await ProposalAsync("WS", account, ProposalState.Draft);
        (await CheckAsync(workshop)).ShouldNotContain(f => f.Rule == "Reviewers may not propose workshops");

        await app.InDbAsync(async db =>
        {
            db.ForumMembers.Add(new Plenary.Kernel.Access.ForumMember { ForumId = forum.Id, AccountId = account, Role = Plenary.Kernel.Access.ForumRole.Reviewer, AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        (await CheckAsync(workshop)).ShouldContain(f => f.Rule == "Reviewers may not propose workshops" && f.Blocks);
        (await CheckAsync(await ProposalAsync("OF", account, ProposalState.Draft))).ShouldNotContain(f => f.Rule == "Reviewers may not propose workshops");
    }

    [Fact]
    public async Task An_organiser_whose_previous_session_filed_no_report_is_flagged_not_blocked()
    {
        var (account, person) = await AccountAsync($"late-{Tag()}@example.org");
        var proposal = await ProposalAsync("OF", account, ProposalState.Draft);
        (await CheckAsync(proposal)).ShouldNotContain(f => f.Rule == "Reports of the previous edition");

        // IGF 2022 is the edition before the test forum's 2023, and the rule reads whichever forum that is: this one
        // unscheduled session is added to the demo forum on purpose, outside its timetable, under a number of its own.
        var session = await app.InDbAsync(async db =>
        {
            var igf2022 = await db.Forums.Where(f => f.Slug == "igf2022").Select(f => f.Id).SingleAsync();
            var workshop = await db.SessionTypes.SingleAsync(t => t.ForumId == igf2022 && t.Code == "WS");
            var made = new Session { ForumId = igf2022, TypeId = workshop.Id, Number = 9971, Title = "A session that never reported", LengthMinutes = 60 };
            db.Sessions.Add(made);
            await db.SaveChangesAsync();
            made.Type = workshop;
            db.SessionRoles.Add(new SessionRole { SessionId = made.Id, PersonId = person, Kind = SessionRoleKind.Organiser, Position = 1 });
            await db.SaveChangesAsync();
            return made;
        });
        var flag = (await CheckAsync(proposal)).Single(f => f.Rule == "Reports of the previous edition");
        flag.Found.ShouldContain(session.NumberedName);
        flag.Blocks.ShouldBeFalse();

        await app.InDbAsync(async db =>
        {
            db.SessionReports.Add(new SessionReport { SessionId = session.Id, Body = "What was said." });
            await db.SaveChangesAsync();
        });
        (await CheckAsync(proposal)).ShouldNotContain(f => f.Rule == "Reports of the previous edition");
    }

    [Fact]
    public async Task A_forum_of_another_series_is_not_the_previous_edition_even_of_the_year_before()
    {
        var (account, person) = await AccountAsync($"other-{Tag()}@example.org");
        var proposal = await ProposalAsync("OF", account, ProposalState.Draft);
        // Of 2022 like the demo IGF 2022 and made after it, so the latest forum of an earlier year: what screening took before series.
        var regional = await app.ForumOfItsOwnAsync("regional", firstDay: new DateOnly(2022, 6, 1),
            shape: f => (f.Kind, f.Series) = (ForumKind.Regional, $"dig-{Tag()}"));
        var session = await app.UnscheduledSessionAsync(regional, "WS", 9972, "A regional session that never reported");
        await app.InDbAsync(async db =>
        {
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, PersonId = person, Kind = SessionRoleKind.Organiser, Position = 1 });
            await db.SaveChangesAsync();
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlenaryDb>();
            var regionalForum = (await db.FindForumAsync(regional.Slug))!;
            (await ReportCompliance.NeverFiledReport(db, regionalForum, DateTime.UtcNow).AnyAsync(s => s.Id == session.Id))
                .ShouldBeTrue("the session counts as never reported in its own forum");
            (await db.PreviousEditionAsync((await db.FindForumAsync(ProposalForums.Open))!))!.Slug.ShouldBe("igf2022");
        }

        (await CheckAsync(proposal)).ShouldNotContain(f => f.Rule == "Reports of the previous edition");
    }
}

[Collection("sqlite")]
public sealed class ScreeningFactsOnSqlite(SqliteApp app) : ScreeningFactsTests(app);

[Collection("postgres")]
public sealed class ScreeningFactsOnPostgres(PostgresApp app) : ScreeningFactsTests(app);
