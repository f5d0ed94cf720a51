using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Mail;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Proposals;

/// <summary>
/// A proposal: written, saved as a draft and handed in by its proposer and co-organisers together, read by the
/// Secretariat. "new" starts one. Saving over a version someone else saved meanwhile is refused and shows both.
/// </summary>
[ProposalPolicy(Policies.SeeProposal, ToChange = Policies.ChangeProposal, OrNew = true, Tracked = true)]
public sealed class EditModel(PlenaryDb db, ProposalStates states, ProposalChange change, Screening screening, Mailer mailer, SdgCatalogue sdgs, SdgSuggester suggester, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ProposalPageModel(db)
{
    [BindProperty] public ProposalForm Form { get; set; } = new();
    [BindProperty] public string? WithdrawReason { get; set; }

    /// <summary>Set on a refused save: the version someone else saved meanwhile, shown beside the form that keeps one's own.</summary>
    public Proposal? SavedMeanwhile { get; private set; }
    public Call? Call { get; private set; }
    public bool CallOpen { get; private set; }
    public string? CallClosed { get; private set; }
    public ForumClock Zone { get; private set; } = null!;
    public List<Finding> Findings { get; private set; } = [];
    public List<ProposalEvent> History { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public SdgCatalogue Sdgs { get; } = sdgs;
    public string? Done { get; private set; }
    public (string Name, string? Billing, string? Groups)? Proposer { get; private set; }

    /// <summary>Goals the text seems to serve that the form does not list yet, offered with one button each; never added unasked.</summary>
    public List<SdgSuggestion> Suggested { get; private set; } = [];

    public bool CanChange => MayChange && CallOpen && (Proposal is null || ProposalStates.Editable(Proposal.State));

    public async Task<IActionResult> OnGetAsync(string forum, string id, string? done)
    {
        if (await LoadAsync(forum, id) is { } answer)
        {
            return answer;
        }
        if (Proposal is not null)
        {
            Form = ProposalForm.From(Proposal, Forum);
        }
        Done = done switch
        {
            "saved" => L["The proposal is saved as it stands. Hand it in before the call closes."].Value,
            "submitted" => Proposal?.State == ProposalState.ScreenedOut
                ? L["The proposal was handed in but did not pass the screening. The reasons are below: mend it and hand it in again before the call closes."].Value
                : L["The proposal is handed in. You can still change it until the call closes."].Value,
            "withdrawn" => L["The proposal is withdrawn."].Value,
            _ => null,
        };
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum, string id)
    {
        if (await LoadAsync(forum, id) is { } answer)
        {
            return answer;
        }
        if (await SaveAsync() is { } refused)
        {
            return refused;
        }
        return Redirect(ProposalLinks.Proposal(Forum.Slug, Proposal!.Id) + "?done=saved");
    }

    public async Task<IActionResult> OnPostSubmitAsync(string forum, string id)
    {
        if (await LoadAsync(forum, id) is { } answer)
        {
            return answer;
        }
        if (await SaveAsync() is { } refused)
        {
            return refused;
        }
        var cancel = HttpContext.RequestAborted;
        var outcome = await states.SubmitAsync(Forum, Call!, Proposal!, User, cancel);
        if (outcome.Refusal is not null)
        {
            this.ShowRefusal(Refusal.Of("", outcome.Refusal).WithStatus(StatusCodes.Status409Conflict), Errors);
            return await ShowAsync();
        }
        await Db.SaveChangesAsync(cancel);
        mailer.SendSoon();
        return Redirect(ProposalLinks.Proposal(Forum.Slug, Proposal!.Id) + "?done=submitted");
    }

    /// <summary>
    /// One click on a suggestion: the form comes back as typed, nothing saved, with the goal in a row of its own for
    /// the proposer to give the reason; saving stays theirs.
    /// </summary>
    public async Task<IActionResult> OnPostAddSdgAsync(string forum, string id, int addSdg)
    {
        if (await LoadAsync(forum, id) is { } answer)
        {
            return answer;
        }
        var code = addSdg.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Sdgs.FindGoal(addSdg) is not null && !Form.Sdgs.Any(r => GoalOf(r.Code) == addSdg))
        {
            var empty = Form.Sdgs.FindIndex(r => string.IsNullOrWhiteSpace(r.Code) && string.IsNullOrWhiteSpace(r.Reason));
            if (empty >= 0) Form.Sdgs[empty].Code = code; else Form.Sdgs.Add(new ProposalForm.SdgRow { Code = code });
        }
        Form.Sdgs.RemoveAll(r => string.IsNullOrWhiteSpace(r.Code) && string.IsNullOrWhiteSpace(r.Reason));
        return await ShowAsync();
    }

    private static int? GoalOf(string? code) =>
        int.TryParse((code ?? "").Trim().Split('.')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var goal) ? goal : null;

    public async Task<IActionResult> OnPostWithdrawAsync(string forum, string id)
    {
        if (await LoadAsync(forum, id) is { } answer)
        {
            return answer;
        }
        if (Proposal is null)
        {
            return NotFound();
        }
        var cancel = HttpContext.RequestAborted;
        if (!ProposalStates.Allowed[Proposal.State].Contains(ProposalState.Withdrawn))
        {
            this.ShowRefusal(Refusal.Of("", L["This proposal is {0} and can no longer be withdrawn.", ProposalStates.StateLabel(L, Proposal.State)])
                .WithStatus(StatusCodes.Status409Conflict), Errors);
            Form = ProposalForm.From(Proposal, Forum);
            return await ShowAsync();
        }
        if (WithdrawReason is { Length: > 2_000 })
        {
            this.ShowRefusal(Refusal.Of("withdraw-reason", Rules.TooLong(L, 2_000)), Errors);
            Form = ProposalForm.From(Proposal, Forum);
            return await ShowAsync();
        }
        await states.WithdrawAsync(Forum, Proposal, User, WithdrawReason, cancel);
        await Db.SaveChangesAsync(cancel);
        mailer.SendSoon();
        return Redirect(ProposalLinks.Proposal(Forum.Slug, Proposal.Id) + "?done=withdrawn");
    }

    /// <summary>Null when the page can be shown; the call is loaded (the proposal, tracked with people and SDGs, by the declared policy).</summary>
    private async Task<IActionResult?> LoadAsync(string forum, string id)
    {
        var cancel = HttpContext.RequestAborted;
        Call = await Db.Calls.FirstOrDefaultAsync(c => c.ForumId == Forum.Id, cancel);
        var now = clock.GetUtcNow().UtcDateTime;
        CallOpen = Call?.IsOpenAt(now) == true;
        Zone = await states.ZoneOfAsync(User, Forum, cancel);
        if (Call is not null && !CallOpen)
        {
            CallClosed = await states.CallClosedAsync(Forum, Call, User, now, cancel);
        }
        return Proposal is null && Call is null ? NotFound() : null;
    }

    /// <summary>Saves the form through <see cref="ProposalChange"/>; null when saved, else the page with the reasons.</summary>
    private async Task<IActionResult?> SaveAsync()
    {
        if (Call is null)
        {
            return NotFound();
        }
        var saved = await change.SaveAsync(Forum, Call, CallOpen ? null : CallClosed, Proposal, Form, User, HttpContext.RequestAborted);
        if (saved.Value is { } proposal)
        {
            Proposal = proposal;
            return null;
        }
        if (saved.Reasons.Stale)
        {
            // The form keeps this visitor's text; the page shows the version saved meanwhile beside it.
            SavedMeanwhile = await Db.Proposals.Include(p => p.People).Include(p => p.Sdgs).Include(p => p.FrameworkLinks).Include(p => p.Sections).AsSplitQuery().FirstAsync(p => p.Id == Proposal!.Id, HttpContext.RequestAborted);
            Proposal = SavedMeanwhile;
            // Saving again is a deliberate choice over the version now seen.
            Form.Version = SavedMeanwhile.Version;
        }
        this.ShowRefusal(saved.Reasons, Errors);
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        var account = User.AccountId();
        var proposerId = Proposal?.ProposerId ?? account;
        var profile = await (from a in Db.Users join p in Db.People on a.PersonId equals p.Id where a.Id == proposerId select p).FirstOrDefaultAsync(cancel);
        if (profile is not null)
        {
            var groups = L.List(new[] { profile.StakeholderGroup is { } s ? L.Label(s) : null, profile.RegionalGroup is { } r ? L.Label(r) : null }.OfType<string>());
            Proposer = (profile.DisplayName, profile.Billing, groups.Length == 0 ? null : groups);
        }
        var text = string.Join("\n", new[] { Form.Title, Form.Description, Form.PolicyQuestions, Form.ExpectedOutcomes }.Concat(Form.Sections.Values));
        if (text.Trim().Length >= 20)
        {
            var listed = Form.Sdgs.Select(r => GoalOf(r.Code)).ToHashSet();
            Suggested = suggester.Suggest(text.Length > SdgSuggester.MaxTextLength ? text[..SdgSuggester.MaxTextLength] : text).Goals
                .Where(g => !listed.Contains(g.Goal)).Take(5).ToList();
        }
        if (Proposal is not null)
        {
            History = await Db.ProposalHistory.Where(e => e.ProposalId == Proposal.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancel);
            if (Call is not null && CallOpen && ProposalStates.Editable(Proposal.State))
            {
                Findings = await screening.CheckAsync(Forum, Call, Proposal, cancel);
            }
        }
        return Page();
    }
}
