using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sdgs;

/// <summary>
/// The Secretariat's review of SDG suggestions: every session of the forum read by the suggester, each goal or target
/// its text suggests and it does not link yet, best first. Accepted, a suggestion is linked as a save of the session
/// would link it; dismissed, it is not offered again. Site administrators may review the whole archive at once.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class ReviewModel(PlenaryDb db, SessionSdgSuggestions suggestions, SdgCatalogue sdgs, IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    /// <summary>Rows shown at most; the filters narrow a longer list.</summary>
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)] public int? Goal { get; set; }
    [BindProperty(SupportsGet = true)] public string? MinScore { get; set; }

    /// <summary>Site administrators only: every forum of the installation instead of this one.</summary>
    [BindProperty(SupportsGet = true)] public bool Archive { get; set; }

    public SdgCatalogue Sdgs { get; } = sdgs;
    public IReadOnlyList<SessionSdgSuggestion> Rows { get; private set; } = [];
    public int Matching { get; private set; }
    public int Sessions { get; private set; }
    public TimeSpan Suggesting { get; private set; }
    public bool MayReviewArchive => User.IsAdministrator();
    public bool WholeArchive => Archive && MayReviewArchive;
    public string? Done { get; private set; }
    public List<string> Refused { get; } = [];

    public Task<IActionResult> OnGetAsync(string forum)
    {
        Done = Request.Query["done"].ToString() switch
        {
            "accepted" => L["The suggestions are linked to their sessions."].Value,
            "dismissed" => L["The suggestions are dismissed and will not be offered again."].Value,
            _ => null,
        };
        return ShowAsync();
    }

    /// <summary>One row's button (<paramref name="one"/>), else the rows ticked (<paramref name="pick"/>).</summary>
    public async Task<IActionResult> OnPostAcceptAsync(string forum, string? one, string[]? pick)
    {
        if (Picks(one, pick) is not { } picks)
        {
            return await ShowAsync();
        }
        if (!await suggestions.AllInScopeAsync(picks, Scope, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        var (_, refused) = await suggestions.AcceptAsync(picks, Scope, User, HttpContext.RequestAborted);
        if (refused.Count > 0)
        {
            Refused.AddRange(refused);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync();
        }
        return Redirect(Back("accepted"));
    }

    public async Task<IActionResult> OnPostDismissAsync(string forum, string? one, string[]? pick)
    {
        if (Picks(one, pick) is not { } picks)
        {
            return await ShowAsync();
        }
        if (!await suggestions.AllInScopeAsync(picks, Scope, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        await suggestions.DismissAsync(picks, Scope, User, HttpContext.RequestAborted);
        return Redirect(Back("dismissed"));
    }

    /// <summary>The forums this visitor reviews: this one, or every one for an administrator who asked for the archive.</summary>
    private IReadOnlyCollection<int>? Scope => WholeArchive ? null : [Forum.Id];

    private List<(int Session, string Code)>? Picks(string? one, string[]? pick)
    {
        var sent = one is { Length: > 0 } ? [one] : (pick ?? []).Where(p => p.Length > 0).Distinct().ToArray();
        var read = sent.Select(suggestions.Parse).ToList();
        if (read.Count == 0 || read.Count > 1_000 || read.Any(p => p is null))
        {
            this.ShowRefusal(Refusal.Of("", read.Count == 0 ? L["Tick at least one suggestion first."] : L["A suggestion sent could not be read. Reload the page and try again."]), Errors);
            return null;
        }
        return read.Select(p => p!.Value).ToList();
    }

    private string Back(string done)
    {
        var query = new List<string> { "done=" + done };
        if (Goal is { } goal) query.Add("Goal=" + goal.ToString(CultureInfo.InvariantCulture));
        if (MinScore is { Length: > 0 } min) query.Add("MinScore=" + Uri.EscapeDataString(min));
        if (WholeArchive) query.Add("Archive=true");
        return SdgLinks.Review(Forum.Slug) + "?" + string.Join("&", query);
    }

    /// <summary>The minimum score as typed, in the reader's notation or with a point; null when empty.</summary>
    private double? Minimum()
    {
        if (string.IsNullOrWhiteSpace(MinScore))
        {
            return null;
        }
        if (double.TryParse(MinScore, NumberStyles.Float, CultureInfo.CurrentCulture, out var value) || double.TryParse(MinScore, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            if (value is >= 0 and <= 1_000) return value;
        }
        this.ShowRefusal(Refusal.Of("minscore", L["Enter the minimum score as a number, such as 2 or 1.5."]), Errors);
        return null;
    }

    private async Task<IActionResult> ShowAsync()
    {
        if (Goal is { } goal && Sdgs.FindGoal(goal) is null)
        {
            this.ShowRefusal(Refusal.Of("goal", L["There is no Sustainable Development Goal {0}: goals are numbered 1 to 17.", goal]), Errors);
            Goal = null;
        }
        var minimum = Minimum();
        var review = await suggestions.ReviewAsync(Scope, HttpContext.RequestAborted);
        var rows = review.Rows.Where(r => (Goal is null || r.Goal == Goal) && (minimum is null || r.Score >= minimum)).ToList();
        (Matching, Sessions, Suggesting) = (rows.Count, review.Sessions, review.Suggesting);
        Rows = rows.Take(PageSize).ToList();
        return Page();
    }
}
