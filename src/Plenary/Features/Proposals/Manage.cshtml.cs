using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Mail;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Proposals;

/// <summary>The Secretariat's list of the forum's proposals, filtered by state; after closing, the screening of what was handed in.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class ManageModel(PlenaryDb db, ProposalStates states, Mailer mailer, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public sealed record Row(int Id, string Title, string Type, string ProposerName, ProposalState State, DateTime UpdatedAt, int Speakers, int Confirmed);

    public List<Row> Rows { get; private set; } = [];
    public Dictionary<ProposalState, int> Counts { get; private set; } = [];
    public ProposalState? State { get; private set; }
    public Call? Call { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string? state, int? screenedOut, int? inReview)
    {
        if (!string.IsNullOrEmpty(state))
        {
            if (!EnumValue.TryParse<ProposalState>(state, out var parsed))
            {
                this.ShowRefusal(Refusal.Of("state", L["Choose a state from the list."]), Errors);
            }
            else
            {
                State = parsed;
            }
        }
        if (screenedOut is { } o && inReview is { } i)
        {
            Done = L["Screening done: {0} proposals screened out, {1} go on to review.", o, i];
        }
        return await ShowAsync();
    }

    /// <summary>Screens what was handed in, once the call has closed.</summary>
    public async Task<IActionResult> OnPostScreenAsync(string forum)
    {
        var cancel = HttpContext.RequestAborted;
        var call = await Db.Calls.FirstOrDefaultAsync(c => c.ForumId == Forum.Id, cancel);
        if (call is null || clock.GetUtcNow().UtcDateTime < call.ClosesAt)
        {
            this.ShowRefusal(Refusal.Of("", call is null ? L["This forum has no call for proposals."] : L["The call is still open: proposals are screened once it has closed."])
                .WithStatus(StatusCodes.Status409Conflict), Errors);
            return await ShowAsync();
        }
        var (screenedOut, inReview) = await states.ScreenAtClosingAsync(Forum, call, cancel);
        Db.Record(User, clock, Forum.Id, "call.screen", Forum.Slug, null, new { ScreenedOut = screenedOut, InReview = inReview });
        await Db.SaveChangesAsync(cancel);
        mailer.SendSoon();
        return Redirect(ProposalLinks.Manage(Forum.Slug) + $"?screenedOut={screenedOut}&inReview={inReview}");
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        Call = await Db.Calls.FirstOrDefaultAsync(c => c.ForumId == Forum.Id, cancel);
        Counts = await Db.Proposals.Where(p => p.ForumId == Forum.Id).GroupBy(p => p.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancel);
        var query = Db.Proposals.Where(p => p.ForumId == Forum.Id);
        if (State is { } state)
        {
            query = query.Where(p => p.State == state);
        }
        var rows = await query.OrderBy(p => p.Id).Take(2_000)
            .Select(p => new
            {
                p.Id, p.Title, p.TypeId, p.ProposerName, p.State, p.UpdatedAt,
                Speakers = p.People.Count(x => x.Kind == Sessions.SessionRoleKind.Speaker),
                Confirmed = p.People.Count(x => x.Kind == Sessions.SessionRoleKind.Speaker && x.Answer == SpeakerAnswer.Confirmed),
            }).ToListAsync(cancel);
        Rows = rows.Select(r => new Row(r.Id, r.Title, Forum.SessionTypes.FirstOrDefault(t => t.Id == r.TypeId)?.Code ?? "", r.ProposerName, r.State, r.UpdatedAt, r.Speakers, r.Confirmed)).ToList();
        return Page();
    }
}
