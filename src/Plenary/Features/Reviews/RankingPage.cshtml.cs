using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Localization;
using Plenary.Features.Mail;
using Plenary.Kernel.Access;
using Plenary.Features.Proposals;
using Plenary.Infrastructure.Data;
using Plenary.Features.Manage;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reviews;

/// <summary>
/// The Secretariat's ranking per subtheme (mean, spread, reviews, divergence flag), its CSV, decisions on many
/// proposals at once, and merge suggestions.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class RankingPageModel(PlenaryDb db, Decisions decisions, Merges merges, Mailer mailer, IValidator<DecisionForm> validator,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public static readonly ProposalState[] DecisionStates = DecisionForm.States;

    [BindProperty] public List<int> Selected { get; set; } = [];
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int MergeFirst { get; set; }
    [BindProperty] public int MergeSecond { get; set; }
    [BindProperty] public string? MergeNote { get; set; }

    public string Sort { get; private set; } = "mean";
    public ReviewSettings Settings { get; private set; } = null!;
    public List<IGrouping<string?, RankedProposal>> Groups { get; private set; } = [];
    public List<RankedProposal> All { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string? sort, string? done, int? decided, string[]? sessions)
    {
        if (SortFrom(sort) is { } refused)
        {
            this.ShowRefusal(refused, Errors);
        }
        Done = done switch
        {
            "decided" => sessions is not { Length: > 0 } ? L["{0} proposals decided.", decided ?? 0].Value : L["{0} proposals decided. New sessions: {1}.", decided ?? 0, L.List(sessions)].Value,
            "merge" => L["The merge is suggested; both proposers are told."].Value,
            _ => null,
        };
        return await ShowAsync();
    }

    /// <summary>The ranking as CSV, for the spreadsheet the advisory group discusses.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string forum, string? sort)
    {
        SortFrom(sort);
        await ShowAsync();
        string? Number(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture);
        var bytes = CsvFiles.Write(["subtheme", "id", "title", "type", "proposer", "state", "assigned", "reviews", "mean", "standard_deviation", "spread", "diverging", "session"],
            Groups.SelectMany(g => g).Select(r => (IReadOnlyList<string?>)[r.Subtheme, r.Id.ToString(CultureInfo.InvariantCulture), r.Title, r.Type, r.ProposerName, r.State.ToString(),
                r.Assigned.ToString(CultureInfo.InvariantCulture), r.Reviews.ToString(CultureInfo.InvariantCulture), Number(r.Mean), Number(r.StandardDeviation), Number(r.Spread),
                r.Diverging ? "yes" : "no", r.Session]));
        return File(bytes, "text/csv; charset=utf-8", $"{Forum.Slug}-ranking.csv");
    }

    public async Task<IActionResult> OnPostDecideAsync(string forum)
    {
        var cancel = HttpContext.RequestAborted;
        var form = new DecisionForm { Selected = Selected, Decision = Decision, Reason = Reason };
        var refusal = await validator.RefusalAsync(form, cancel);
        if (refusal.IsEmpty)
        {
            var outcome = await decisions.DecideAsync(Forum, Selected, form.State, form.TrimmedReason, User, cancel);
            if (outcome.Refusals.Count == 0)
            {
                mailer.SendSoon();
                return Redirect(ReviewLinks.Ranking(Forum.Slug) + $"?done=decided&decided={outcome.Decided}" + string.Concat(outcome.Sessions.Select(s => "&sessions=" + Uri.EscapeDataString(s))));
            }
            // One line a proposal refused, each its own entry in the page's list.
            for (var i = 0; i < outcome.Refusals.Count; i++)
            {
                refusal.Add(i == 0 ? "selected" : $"selected-{i}", outcome.Refusals[i]);
            }
        }
        this.ShowRefusal(refusal, Errors);
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostMergeAsync(string forum)
    {
        if (await merges.SuggestAsync(Forum, MergeFirst, MergeSecond, MergeNote, User, HttpContext.RequestAborted) is { } refused)
        {
            this.ShowRefusal(Refusal.Of(refused.Field, refused.Message), Errors);
            return await ShowAsync();
        }
        return Redirect(ReviewLinks.Ranking(Forum.Slug) + "?done=merge");
    }

    /// <summary>Reads the order asked for; a refusal when it is none of the page's, and the ranking stays by mean.</summary>
    private Refusal? SortFrom(string? sort)
    {
        if (string.IsNullOrEmpty(sort))
        {
            return null;
        }
        if (!Ranking.Sorts.Contains(sort))
        {
            return Refusal.Of("sort", L["Sort by mean, spread, reviews or title."]);
        }
        Sort = sort;
        return null;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        Settings = await Db.ReviewSettingsAsync(Forum.Id, cancel);
        All = await Ranking.ComputeAsync(Db, Forum, Settings, cancel);
        Groups = Ranking.BySubtheme(All, Forum, Sort);
        return Page();
    }
}
