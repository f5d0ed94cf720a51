using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reviews;

/// <summary>
/// One assigned proposal, read through the anonymised view, and the reviewer's scores and comments. A reviewer reaches
/// only the proposals assigned to them; others are not found.
/// </summary>
[ForumPolicy(Policies.Review)]
public sealed class ScoreModel(PlenaryDb db, ScoreChange change, IStringLocalizer<SharedResource> L)
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
        var form = new ScoreForm { CommentToSecretariat = CommentToSecretariat, CommentToProposer = CommentToProposer };
        foreach (var c in Criteria)
        {
            Scores[c.Id] = form.Scores[c.Id] = Request.Form[$"score-{c.Id}"].ToString().Trim();
        }
        var saved = await change.SaveAsync(Forum, Proposal, Settings, Criteria, Account, form, User, HttpContext.RequestAborted);
        if (!saved.IsDone)
        {
            this.ShowRefusal(saved.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(ReviewLinks.Score(Forum.Slug, id) + "?done=saved");
    }

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
