using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Features.Proposals;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Reviews;

/// <summary>
/// Proposals to read by program, signed in by personal API token: the Secretariat reads every proposal of its forum,
/// a proposer their own, a reviewer those assigned to them, without names when the review is anonymous.
/// </summary>
public static class ProposalsApi
{
    public static IEndpointRouteBuilder MapProposalsApi(this IEndpointRouteBuilder app)
    {
        var proposals = app.MapGroup("/api/forums/{forum}/proposals").WithTags("Proposals").RequireAuthorization(AccountsSetup.ApiPolicy);

        proposals.MapGet("/", async Task<Results<Ok<List<ProposalView>>, ProblemHttpResult>> (string forum, PlenaryDb db, HttpContext http, CancellationToken cancel) =>
        {
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            var (full, anonymous) = await VisibleAsync(db, found, http, cancel);
            return TypedResults.Ok(await ViewsAsync(db, found, full, anonymous, cancel));
        }).WithName("ListProposals").WithSummary("The forum's proposals the caller may read: all for the Secretariat, one's own, and those assigned for review (anonymised while the review is).");

        proposals.MapGet("/{id:int}", async Task<Results<Ok<ProposalView>, ProblemHttpResult>> (string forum, int id, PlenaryDb db, HttpContext http, CancellationToken cancel) =>
        {
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            var (full, anonymous) = await VisibleAsync(db, found, http, cancel, id);
            // Not found rather than forbidden: a proposal one may not read is not confirmed to exist.
            return (await ViewsAsync(db, found, full, anonymous, cancel)).FirstOrDefault(p => p.Id == id) is { } view
                ? TypedResults.Ok(view)
                : ApiProblems.NotFound("Proposal", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }).WithName("GetProposal").WithSummary("One proposal, if the caller may read it.");

        return app;
    }

    /// <summary>The ids the caller reads in full, and those they read as a reviewer (names per the review's switch).</summary>
    private static async Task<(List<int> Full, List<int> AsReviewer)> VisibleAsync(PlenaryDb db, Forum forum, HttpContext http, CancellationToken cancel, int? only = null)
    {
        var user = http.User;
        var inForum = db.Proposals.Where(p => p.ForumId == forum.Id && (only == null || p.Id == only));
        if (await db.RunsForumAsync(user, forum.Id, cancel))
        {
            return (await inForum.Select(p => p.Id).ToListAsync(cancel), []);
        }
        var own = await (await db.EditableByAsync(user, forum.Id, cancel)).Where(p => only == null || p.Id == only).Select(p => p.Id).ToListAsync(cancel);
        var assigned = user.AccountId() is { } account && await db.ReviewsForumAsync(user, forum.Id, cancel)
            ? await db.AssignedTo(account, forum.Id).Where(p => only == null || p == only).ToListAsync(cancel)
            : [];
        return (own, assigned.Except(own).ToList());
    }

    private static async Task<List<ProposalView>> ViewsAsync(PlenaryDb db, Forum forum, List<int> full, List<int> anonymous, CancellationToken cancel)
    {
        var views = full.Count == 0 ? [] : await ProposalView.BuildAsync(db, forum, full, namesShown: true, cancel);
        if (anonymous.Count > 0)
        {
            var settings = await db.ReviewSettingsAsync(forum.Id, cancel);
            views.AddRange(await ProposalView.BuildAsync(db, forum, anonymous, settings.ReviewersSeeNames, cancel));
        }
        return views.OrderBy(v => v.Id).ToList();
    }
}
