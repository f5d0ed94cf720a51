using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Messages;

/// <summary>
/// One subtheme's messages workspace: every submitted key takeaway and call to action of the subtheme's sessions (filtered
/// by SDG and session type with a plain GET form), and the messages written from them, in order, drafts and published,
/// each citing at least one session. A save over a version the writer did not see is refused and both versions shown.
/// </summary>
[ForumPolicy(Policies.EditMessages)]
public sealed class WorkspaceModel(PlenaryDb db, OutcomeQueries outcome, MessageChange change,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public sealed record Gathered(Session Session, IReadOnlyList<int> Goals);
    public sealed record Written(ForumMessage Message, IReadOnlyList<CitedSession> Citations);

    [BindProperty] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public int? MessageSubtheme { get; set; }
    [BindProperty] public List<int> Cites { get; set; } = [];

    public Subtheme Subtheme { get; private set; } = null!;
    public int? Sdg { get; private set; }
    public string? Type { get; private set; }
    public List<Gathered> Sessions { get; private set; } = [];
    public int SessionsWithOutputs { get; private set; }
    public List<Written> Messages { get; private set; } = [];

    /// <summary>Sessions a message may cite from here: the subtheme's sessions with outputs, and any the message already cites.</summary>
    public List<CitedSession> Citable { get; private set; } = [];

    /// <summary>The version saved meanwhile by someone else, shown beside the writer's own text.</summary>
    public Written? Theirs { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string subtheme, string? sdg, string? type, int? message)
    {
        if (await FindAsync(forum, subtheme) is { } answer)
        {
            return answer;
        }
        if (message is { } id)
        {
            var found = await Db.ForumMessages.Include(m => m.Citations).FirstOrDefaultAsync(m => m.Id == id && m.ForumId == Forum.Id, HttpContext.RequestAborted);
            if (found is null)
            {
                return NotFound();
            }
            (Id, Version, Title, Body, MessageSubtheme, Cites) = (found.Id, found.Version, found.Title, found.Body, found.SubthemeId, found.Citations.Select(c => c.SessionId).ToList());
        }
        else
        {
            MessageSubtheme = Subtheme.Id;
        }
        // The filters are a plain GET form: one it cannot read is refused beside its field, and the rest still apply.
        var refusal = new Refusal();
        if (!string.IsNullOrEmpty(sdg))
        {
            if (int.TryParse(sdg, NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && goal is >= 1 and <= 17)
            {
                Sdg = goal;
            }
            else
            {
                refusal.Add("sdg", L["Choose a goal from the list."]);
            }
        }
        if (!string.IsNullOrEmpty(type))
        {
            if (Forum.SessionTypes.Any(t => t.Code == type))
            {
                Type = type;
            }
            else
            {
                refusal.Add("type", L["Choose a session type from the list."]);
            }
        }
        if (!refusal.IsEmpty)
        {
            this.ShowRefusal(refusal, Errors);
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum, string subtheme)
    {
        if (await FindAsync(forum, subtheme) is { } answer)
        {
            return answer;
        }
        var form = new MessageForm
        {
            Id = Id, Version = Version, Title = Title, Body = Body,
            // What cannot be read is no choice from the list (a session numbered 0 there is none).
            SubthemeId = ModelState[nameof(MessageSubtheme)]?.Errors.Count > 0 ? null : MessageSubtheme,
            Cites = ModelState[nameof(Cites)]?.Errors.Count > 0 ? [0] : Cites,
        };
        var saved = await change.SaveAsync(Forum, form, User, HttpContext.RequestAborted);
        if (saved is null)
        {
            return NotFound();
        }
        if (saved.IsDone)
        {
            return Redirect(Here());
        }
        (Title, Body, Cites) = (form.Title, form.Body, form.Cites.Where(c => c != 0).ToList());
        if (saved.Reasons.Stale)
        {
            await TheirsAsync();
        }
        this.ShowRefusal(saved.Reasons, Errors);
        return await ShowAsync();
    }

    /// <summary>Publishes a draft or takes a published message back to draft.</summary>
    public async Task<IActionResult> OnPostPublishAsync(string forum, string subtheme, int message, string? state)
    {
        if (await FindAsync(forum, subtheme) is { } answer)
        {
            return answer;
        }
        return await ShownAsync(await change.PublishAsync(Forum, message, state, User, HttpContext.RequestAborted));
    }

    /// <summary>Moves a message one place up or down among its subtheme's; the outcome document follows this order.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string forum, string subtheme, int message, string? direction)
    {
        if (await FindAsync(forum, subtheme) is { } answer)
        {
            return answer;
        }
        return await ShownAsync(await change.MoveAsync(Forum, Subtheme, message, direction, User, HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, string subtheme, int message)
    {
        if (await FindAsync(forum, subtheme) is { } answer)
        {
            return answer;
        }
        return await change.RemoveAsync(Forum, message, User, HttpContext.RequestAborted) ? Redirect(Here()) : NotFound();
    }

    private async Task<IActionResult> ShownAsync(ChangeResult<ForumMessage>? result)
    {
        if (result is null)
        {
            return NotFound();
        }
        if (result.IsDone)
        {
            return Redirect(Here());
        }
        this.ShowRefusal(result.Reasons, Errors);
        return await ShowAsync();
    }

    private string Here() => MessageLinks.Workspace(Forum.Slug, Subtheme.Slug);

    private async Task<IActionResult?> FindAsync(string forum, string subtheme)
    {
        if (Forum.Subthemes.FirstOrDefault(s => s.Slug == subtheme) is not { } found)
        {
            return NotFound();
        }
        Subtheme = found;
        return null;
    }

    /// <summary>After a stale save: the form keeps this writer's text with the current version number, and the page shows the other.</summary>
    private async Task TheirsAsync()
    {
        var current = await Db.ForumMessages.Include(m => m.Citations).FirstOrDefaultAsync(m => m.Id == Id, HttpContext.RequestAborted);
        if (current is null)
        {
            Id = 0;
            return;
        }
        var cited = await outcome.CitedSessionsAsync(current.Citations.Select(c => c.SessionId), HttpContext.RequestAborted);
        Theirs = new Written(current, cited.Values.OrderBy(c => c.Order).Select(c => c.Session).ToList());
        Version = current.Version;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        var ofSubtheme = Db.Sessions.Where(s => s.ForumId == Forum.Id && s.SubthemeId == Subtheme.Id && s.Status != SessionStatus.Cancelled && s.Takeaways.Any());
        SessionsWithOutputs = await ofSubtheme.CountAsync(cancel);
        var filtered = ofSubtheme;
        if (Sdg is { } goal)
        {
            filtered = filtered.Where(s => s.Sdgs.Any(g => g.Goal == goal));
        }
        if (Type is { } code)
        {
            filtered = filtered.Where(s => s.Type.Code == code);
        }
        var sessions = await filtered.Include(s => s.Type).Include(s => s.Takeaways).Include(s => s.Sdgs)
            .OrderBy(s => s.Type.Position).ThenBy(s => s.Number).AsSplitQuery().ToListAsync(cancel);
        Sessions = sessions.Select(s => new Gathered(s, s.Sdgs.Select(g => g.Goal).Order().ToList())).ToList();

        var messages = await Db.ForumMessages.Where(m => m.ForumId == Forum.Id && m.SubthemeId == Subtheme.Id).Include(m => m.Citations)
            .OrderBy(m => m.Position).ThenBy(m => m.Id).AsSplitQuery().ToListAsync(cancel);
        var ofSubthemeIds = await ofSubtheme.Select(s => s.Id).ToListAsync(cancel);
        // What the form posted may name sessions of other forums; only this forum's are shown back.
        var posted = await Db.Sessions.Where(s => s.ForumId == Forum.Id && Cites.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancel);
        var cited = await outcome.CitedSessionsAsync(messages.SelectMany(m => m.Citations.Select(c => c.SessionId)).Concat(ofSubthemeIds).Concat(posted), cancel);
        Messages = messages.Select(m => new Written(m, m.Citations.Where(c => cited.ContainsKey(c.SessionId)).Select(c => cited[c.SessionId]).OrderBy(c => c.Order).Select(c => c.Session).ToList())).ToList();
        Citable = cited.Values.Where(c => ofSubthemeIds.Contains(c.Session.Id) || posted.Contains(c.Session.Id)).OrderBy(c => c.Order).Select(c => c.Session).ToList();
        return Page();
    }
}
