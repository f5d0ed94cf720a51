using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;
using Plenary.Features.Proposals;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reviews;

/// <summary>
/// A reviewer's own page: the proposals assigned to them with where each review stands, and their declarations
/// (subthemes they know, proposals they have a conflict with). Titles only: the list never names a proposer.
/// </summary>
[ForumPolicy(Policies.Review)]
public sealed class MineModel(PlenaryDb db, DeclarationChange change, IStringLocalizer<SharedResource> L)
    : ManagePageModel(db)
{
    public sealed record Row(int Id, string Title, string? Subtheme, bool Reviewed);

    public sealed record Choice(int Id, string Title);

    public List<Row> Assigned { get; private set; } = [];
    public List<Choice> InReview { get; private set; } = [];
    public HashSet<int> Expertise { get; private set; } = [];
    public HashSet<int> Conflicts { get; private set; } = [];
    public ReviewSettings Settings { get; private set; } = null!;
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string? done)
    {
        Done = done == "declared" ? L["Your declarations are saved."].Value : null;
        return await ShowAsync();
    }

    /// <summary>Saves the reviewer's subthemes and conflicts; a conflict with an assigned proposal takes the assignment away.</summary>
    public async Task<IActionResult> OnPostDeclareAsync(string forum, int[] subthemes, int[] conflicts)
    {
        var saved = await change.SaveAsync(Forum, Account, new DeclarationForm { Subthemes = subthemes, Conflicts = conflicts }, User, HttpContext.RequestAborted);
        if (!saved.IsDone)
        {
            this.ShowRefusal(saved.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(ReviewLinks.Mine(Forum.Slug) + "?done=declared");
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        Settings = await Db.ReviewSettingsAsync(Forum.Id, cancel);
        var assigned = Db.AssignedTo(Account, Forum.Id);
        var reviewed = await Db.Reviews.Where(r => r.ReviewerId == Account && assigned.Contains(r.ProposalId)).Select(r => r.ProposalId).ToListAsync(cancel);
        Assigned = (await Db.Proposals.Where(p => assigned.Contains(p.Id)).OrderBy(p => p.Id).Select(p => new { p.Id, p.Title, p.SubthemeId }).ToListAsync(cancel))
            .Select(p => new Row(p.Id, p.Title, Forum.Subthemes.FirstOrDefault(s => s.Id == p.SubthemeId)?.Name, reviewed.Contains(p.Id))).ToList();
        InReview = await Db.Proposals.Where(p => p.ForumId == Forum.Id && (p.State == ProposalState.InReview || p.State == ProposalState.Submitted))
            .OrderBy(p => p.Title).Select(p => new Choice(p.Id, p.Title)).Take(5_000).ToListAsync(cancel);
        var forumSubthemes = Forum.Subthemes.Select(s => s.Id).ToList();
        Expertise = [.. await Db.ReviewerExpertise.Where(e => e.AccountId == Account && forumSubthemes.Contains(e.SubthemeId)).Select(e => e.SubthemeId).ToListAsync(cancel)];
        Conflicts = [.. await Db.ReviewerConflicts.Where(c => c.AccountId == Account).Select(c => c.ProposalId).ToListAsync(cancel)];
        return Page();
    }
}
