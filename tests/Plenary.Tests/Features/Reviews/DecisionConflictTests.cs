using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Proposals;
using Plenary.Features.Sessions;
using Plenary.Tests.Features.Proposals;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Reviews;

/// <summary>
/// Two members of the Secretariat deciding on one proposal at once from the ranking: one decision is kept, the other is
/// told, never both written. On PostgreSQL only: SQLite runs one writer at a time, so the second request may read the
/// proposal after the first decision and make a second, valid one; the race cannot be forced there.
/// </summary>
[Collection("postgres")]
public sealed class DecisionConflictOnPostgres(PostgresApp app)
{
    [Fact]
    public async Task test_two_decisions_racing_on_one_proposal_keep_one_and_tell_the_other()
    {
        var slug = $"dec-{Guid.NewGuid():N}"[..12];
        await ProposalForums.EnsureAsync(app, slug);
        var id = await app.InDbAsync(async db =>
        {
            var forum = await db.Forums.Include(f => f.SessionTypes).SingleAsync(f => f.Slug == slug);
            var proposal = new Proposal
            {
                ForumId = forum.Id, ProposerName = "Someone", Title = "Community networks in the Andes", TypeId = forum.SessionTypes.Single(t => t.Code == "WS").Id,
                Format = SessionFormat.Panel, LengthMinutes = 60, State = ProposalState.InReview, Version = 1, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return proposal.Id;
        });
        using var rejecting = await app.SecretariatOfAsync(slug);
        using var waitlisting = await app.SecretariatOfAsync(slug);
        var url = $"/{slug}/manage/reviews/ranking";
        Task<HttpResponseMessage> Decide(HttpClient visitor, string decision) =>
            PlenaryApp.SubmitFormAsync(visitor, url, [new("Selected", $"{id}"), new("Decision", decision), new("Reason", $"{decision} by the Secretariat.")], $"{url}?handler=Decide");

        // Both have read the proposal in review and passed the state check, so only its version can refuse the second.
        var answers = await HeldRow.RaceAsync(app, "Proposals", id, () => Decide(rejecting, "Rejected"), () => Decide(waitlisting, "Waitlisted"));

        answers.Count(a => a.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        var (kept, refused) = answers[0].StatusCode == HttpStatusCode.Redirect ? (ProposalState.Rejected, answers[1]) : (ProposalState.Waitlisted, answers[0]);
        var told = (await PlenaryApp.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent;
        told.ShouldContain("Some of these proposals changed while you were deciding. Nothing is saved");
        var stored = await app.InDbAsync(db => db.Proposals.SingleAsync(p => p.Id == id));
        (stored.State, stored.Version).ShouldBe((kept, 2));
        (await app.InDbAsync(db => db.ProposalHistory.Where(e => e.ProposalId == id).Select(e => e.To).ToListAsync())).ShouldBe([kept]);
    }
}
