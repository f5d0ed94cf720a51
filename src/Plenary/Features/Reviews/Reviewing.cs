using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Features.Proposals;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reviews;

/// <summary>The review's services and policy, the forum's phase and criteria, and who reviews what.</summary>
public static class Reviewing
{
    public static WebApplicationBuilder AddReviews(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Decisions>();
        builder.Services.AddScoped<Merges>();
        builder.Services.AddScoped<AssignmentChange>();
        builder.Services.AddScoped<ScoreChange>();
        builder.Services.AddScoped<ReviewSettingsChange>();
        builder.Services.AddScoped<DeclarationChange>();
        return builder;
    }

    /// <summary>The forum's review phase; made with the IGF defaults (scoring closed, names hidden) when first asked for.</summary>
    public static async Task<ReviewSettings> ReviewSettingsAsync(this PlenaryDb db, int forumId, CancellationToken cancel)
    {
        if (await db.ReviewSettings.FirstOrDefaultAsync(s => s.ForumId == forumId, cancel) is { } found)
        {
            return found;
        }
        var settings = new ReviewSettings { ForumId = forumId };
        db.ReviewSettings.Add(settings);
        var position = 0;
        db.ReviewCriteria.AddRange(ReviewCriterion.IgfDefaults.Select(name => new ReviewCriterion { ForumId = forumId, Name = name, Weight = 1, Position = ++position }));
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException)
        {
            // Another request set the review up at the same moment: theirs stands.
            db.ChangeTracker.Clear();
            return await db.ReviewSettings.FirstAsync(s => s.ForumId == forumId, cancel);
        }
        db.Entry(settings).State = EntityState.Detached;
        foreach (var entry in db.ChangeTracker.Entries<ReviewCriterion>().ToList())
        {
            entry.State = EntityState.Detached;
        }
        return settings;
    }

    public static Task<List<ReviewCriterion>> CriteriaAsync(this PlenaryDb db, int forumId, CancellationToken cancel) =>
        db.ReviewCriteria.Where(c => c.ForumId == forumId).OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync(cancel);

    public static async Task<bool> ReviewsForumAsync(this PlenaryDb db, ClaimsPrincipal user, int forumId, CancellationToken cancel) =>
        user.AccountId() is { } account
        && await db.ForumMembers.AnyAsync(m => m.ForumId == forumId && m.AccountId == account && m.Role == ForumRole.Reviewer, cancel);

    /// <summary>The forum's proposals given to the visitor to review.</summary>
    public static IQueryable<int> AssignedTo(this PlenaryDb db, int accountId, int forumId) =>
        db.ReviewAssignments.Where(a => a.ReviewerId == accountId && db.Proposals.Any(p => p.Id == a.ProposalId && p.ForumId == forumId)).Select(a => a.ProposalId);

    /// <summary>The accounts of the forum's advisory group with their names, addresses and organisations (for the Secretariat only).</summary>
    public static async Task<List<ReviewerRow>> ReviewersAsync(this PlenaryDb db, int forumId, CancellationToken cancel) =>
        await (from m in db.ForumMembers
               join a in db.Users on m.AccountId equals a.Id
               join p in db.People on a.PersonId equals p.Id
               where m.ForumId == forumId && m.Role == ForumRole.Reviewer
               orderby p.Name
               select new ReviewerRow(a.Id, p.Name, a.Email ?? "", p.Affiliation)).ToListAsync(cancel);

    /// <summary>The organisations behind a proposal: the proposer's and the co-organisers' (from the profiles of those with an account).</summary>
    public static async Task<Dictionary<int, List<string>>> OrganisationsOfAsync(this PlenaryDb db, IReadOnlyCollection<int> proposalIds, CancellationToken cancel)
    {
        var proposers = await (from pr in db.Proposals
                               join a in db.Users on pr.ProposerId equals a.Id
                               join p in db.People on a.PersonId equals p.Id
                               where proposalIds.Contains(pr.Id) && p.Affiliation != null
                               select new { pr.Id, p.Affiliation }).ToListAsync(cancel);
        var organisers = await (from x in db.ProposalPeople
                                join a in db.Users on x.Email.ToUpper() equals a.NormalizedEmail
                                join p in db.People on a.PersonId equals p.Id
                                where proposalIds.Contains(x.ProposalId) && x.Kind == SessionRoleKind.Organiser && a.EmailConfirmed && p.Affiliation != null
                                select new { Id = x.ProposalId, p.Affiliation }).ToListAsync(cancel);
        return proposers.Concat(organisers).GroupBy(x => x.Id)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Affiliation!.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    public static bool SameOrganisation(IEnumerable<string> a, string? b) =>
        !string.IsNullOrWhiteSpace(b) && a.Any(o => string.Equals(o.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A reviewer's weighted mean over the criteria they scored; null without scores.</summary>
    public static double? WeightedMean(IEnumerable<ReviewScore> scores, IReadOnlyDictionary<int, int> weights)
    {
        var counted = scores.Where(s => weights.ContainsKey(s.CriterionId)).ToList();
        var total = counted.Sum(s => weights[s.CriterionId]);
        return total == 0 ? null : counted.Sum(s => (double)s.Score * weights[s.CriterionId]) / total;
    }
}

public sealed record ReviewerRow(int AccountId, string Name, string Email, string? Organisation);
