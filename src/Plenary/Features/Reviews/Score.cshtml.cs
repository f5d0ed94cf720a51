using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reviews;

/// <summary>
/// One assigned proposal, read through the anonymised view, and the reviewer's scores and comments. A reviewer reaches
/// only the proposals assigned to them; others are not found.
/// </summary>
[ForumPolicy(Policies.Review)]
public sealed class ScoreModel(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L)
    : ManagePageModel(db)
{
    public sealed record OtherReview(int Number, double? Mean, Dictionary<int, int> Scores);

    public ProposalView Proposal { get; private set; } = null!;
    public ReviewSettings Settings { get; private set; } = null!;
    public List<ReviewCriterion> Criteria { get; private set; } = [];

    /// <summary>As typed, so a refused form gives back everything the reviewer entered.</summary>
    public Dictionary<int, string> Scores { get; } = [];
    [BindProperty] public string? CommentToSecretariat { get; set; }
    [BindProperty] public string? CommentToProposer { get; set; }
    public List<OtherReview> Others { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, int id, string? done)
    {
        if (await LoadAsync(forum, id) is { } answer)
        {
            return answer;
        }
        var mine = await Db.Reviews.Include(r => r.Scores).FirstOrDefaultAsync(r => r.ProposalId == id && r.ReviewerId == Account, HttpContext.RequestAborted);
        if (mine is not null)
        {
            foreach (var s in mine.Scores)
            {
                Scores[s.CriterionId] = s.Score.ToString(CultureInfo.InvariantCulture);
            }
            (CommentToSecretariat, CommentToProposer) = (mine.CommentToSecretariat, mine.CommentToProposer);
        }
        Done = done == "saved" ? L["Your review is saved. You can change it while scoring is open."].Value : null;
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAsync(string forum, int id)
    {
        if (await LoadAsync(forum, id) is { } answer)
        {
            return answer;
        }
        var cancel = HttpContext.RequestAborted;
        var valid = new Dictionary<int, int>();
        foreach (var c in Criteria)
        {
            var typed = Request.Form[$"score-{c.Id}"].ToString().Trim();
            Scores[c.Id] = typed;
            if (typed.Length == 0)
            {
                Errors[$"score-{c.Id}"] = L["Give “{0}” a score from 1 to 5.", c.Name];
            }
            else if (!int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var score) || score is < 1 or > 5)
            {
                Errors[$"score-{c.Id}"] = L["The score for “{0}” must be a whole number from 1 to 5; “{1}” is not.", c.Name, typed.Length > 20 ? typed[..20] + "…" : typed];
            }
            else
            {
                valid[c.Id] = score;
            }
        }
        if (CommentToSecretariat is { Length: > Review.MaxComment })
        {
            Errors["comment-secretariat"] = L["Shorten the comment to the Secretariat to at most {0} characters.", Review.MaxComment];
        }
        if (CommentToProposer is { Length: > Review.MaxComment })
        {
            Errors["comment-proposer"] = L["Shorten the comment to the proposer to at most {0} characters.", Review.MaxComment];
        }
        if (Proposal.State != Proposals.ProposalState.InReview)
        {
            Errors.Clear();
            Errors[""] = L["This proposal is no longer in review, so its scores cannot change."];
        }
        if (!Settings.ReviewersCanScore)
        {
            // Nothing is saved, and the form keeps what was typed for when scoring opens.
            Errors.Clear();
            Errors[""] = L["Scoring is closed: the Secretariat has not opened it, or has closed it. Your scores are not saved."];
        }
        if (Criteria.Count == 0)
        {
            Errors[""] = L["The Secretariat has not set any criterion to score yet."];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        var review = await Db.Reviews.AsTracking().Include(r => r.Scores).FirstOrDefaultAsync(r => r.ProposalId == id && r.ReviewerId == Account, cancel);
        var before = review is null ? null : Describe(review);
        if (review is null)
        {
            review = new Review { ProposalId = id, ReviewerId = Account };
            Db.Reviews.Add(review);
        }
        review.CommentToSecretariat = string.IsNullOrWhiteSpace(CommentToSecretariat) ? null : CommentToSecretariat.Trim();
        review.CommentToProposer = string.IsNullOrWhiteSpace(CommentToProposer) ? null : CommentToProposer.Trim();
        review.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        foreach (var (criterion, score) in valid)
        {
            if (review.Scores.FirstOrDefault(s => s.CriterionId == criterion) is { } kept)
            {
                kept.Score = score;
            }
            else
            {
                review.Scores.Add(new ReviewScore { CriterionId = criterion, Score = score });
            }
        }
        Db.Record(User, clock, Forum.Id, "review.score", $"proposal {id}", before, Describe(review));
        await Db.SaveChangesAsync(cancel);
        return Redirect(ReviewLinks.Score(Forum.Slug, id) + "?done=saved");
    }

    private static object Describe(Review r) => new
    {
        Scores = r.Scores.OrderBy(s => s.CriterionId).ToDictionary(s => s.CriterionId.ToString(CultureInfo.InvariantCulture), s => s.Score),
        r.CommentToSecretariat, r.CommentToProposer,
    };

    private async Task<IActionResult?> LoadAsync(string forum, int id)
    {
        var cancel = HttpContext.RequestAborted;
        if (!await Db.AssignedTo(Account, Forum.Id).AnyAsync(p => p == id, cancel))
        {
            return NotFound();
        }
        Settings = await Db.ReviewSettingsAsync(Forum.Id, cancel);
        Criteria = await Db.CriteriaAsync(Forum.Id, cancel);
        Proposal = (await ProposalView.BuildAsync(Db, Forum, [id], Settings.ReviewersSeeNames, cancel)).Single();
        return null;
    }

    private async Task<IActionResult> ShowAsync()
    {
        if (Settings.ReviewersSeeOtherScores)
        {
            var weights = Criteria.ToDictionary(c => c.Id, c => c.Weight);
            var others = await Db.Reviews.Include(r => r.Scores).Where(r => r.ProposalId == Proposal.Id && r.ReviewerId != Account).OrderBy(r => r.Id)
                .ToListAsync(HttpContext.RequestAborted);
            // Numbered, not named: who gave which score stays with the Secretariat.
            Others = others.Select((r, i) => new OtherReview(i + 1, Reviewing.WeightedMean(r.Scores, weights), r.Scores.ToDictionary(s => s.CriterionId, s => s.Score))).ToList();
        }
        return Page();
    }
}
