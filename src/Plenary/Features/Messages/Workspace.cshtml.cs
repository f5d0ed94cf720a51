using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Manage;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Messages;

/// <summary>
/// One subtheme's messages workspace: every submitted key takeaway and call to action of the subtheme's sessions (filtered
/// by SDG and session type with a plain GET form), and the messages written from them, in order, drafts and published,
/// each citing at least one session. A save over a version the writer did not see is refused and both versions shown.
/// </summary>
public sealed class WorkspaceModel(PlenaryDb db, IAuthorizationService authorization, OutcomeQueries outcome, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : MessagesPageModel(db, authorization)
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
        if (!string.IsNullOrEmpty(sdg))
        {
            if (int.TryParse(sdg, NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && goal is >= 1 and <= 17)
            {
                Sdg = goal;
            }
            else
            {
                Errors["sdg"] = L["Choose a goal from the list."];
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
                Errors["type"] = L["Choose a session type from the list."];
            }
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum, string subtheme)
    {
        if (await FindAsync(forum, subtheme) is { } answer)
        {
            return answer;
        }
        var cancel = HttpContext.RequestAborted;
        Title = Title?.Trim();
        Body = Body?.Trim();
        Cites = Cites.Distinct().ToList();
        var existing = Id == 0 ? null : await Db.ForumMessages.AsTracking().Include(m => m.Citations).FirstOrDefaultAsync(m => m.Id == Id && m.ForumId == Forum.Id, cancel);
        if (Id != 0 && existing is null)
        {
            return NotFound();
        }
        if (!SingleLine.Holds(Title))
        {
            Errors["title"] = SingleLine.Problem(L);
        }
        else if (string.IsNullOrEmpty(Title) || Title.Length > ForumMessage.MaxTitle)
        {
            Errors["title"] = L["Give the message a title of at most {0} characters.", ForumMessage.MaxTitle];
        }
        if (string.IsNullOrEmpty(Body) || Body.Length > ForumMessage.MaxBody)
        {
            Errors["body"] = L["Write the message, in at most {0} characters.", ForumMessage.MaxBody.ToString("N0", CultureInfo.CurrentCulture)];
        }
        if (MessageSubtheme is not { } target || Forum.Subthemes.All(s => s.Id != target) || !ModelState.IsValid && ModelState[nameof(MessageSubtheme)]?.Errors.Count > 0)
        {
            Errors["subtheme"] = L["Choose a subtheme from the list."];
        }
        if (ModelState[nameof(Cites)]?.Errors.Count > 0 || Cites.Count > 0 && await Db.Sessions.CountAsync(s => s.ForumId == Forum.Id && Cites.Contains(s.Id), cancel) != Cites.Count)
        {
            Errors["cites"] = L["Choose the cited sessions from the list."];
        }
        else if (Cites.Count == 0)
        {
            Errors["cites"] = L["Cite at least one session the message draws on."];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        if (existing is not null && existing.Version != Version)
        {
            return await ConflictAsync(existing.Id);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var by = User.Identity?.Name ?? "?";
        if (existing is null)
        {
            var last = await Db.ForumMessages.Where(m => m.ForumId == Forum.Id && m.SubthemeId == MessageSubtheme).MaxAsync(m => (int?)m.Position, cancel) ?? 0;
            existing = new ForumMessage
            {
                ForumId = Forum.Id, SubthemeId = MessageSubtheme, Title = Title!, Body = Body!, Position = last + 1, Version = 1, UpdatedAt = now, UpdatedBy = by,
                Citations = Cites.Select(c => new MessageCitation { SessionId = c }).ToList(),
            };
            Db.ForumMessages.Add(existing);
            Db.Record(User, clock, Forum.Id, "message.create", Subject(existing), null, Describe(existing));
        }
        else
        {
            var before = Describe(existing);
            if (existing.SubthemeId != MessageSubtheme)
            {
                existing.Position = (await Db.ForumMessages.Where(m => m.ForumId == Forum.Id && m.SubthemeId == MessageSubtheme).MaxAsync(m => (int?)m.Position, cancel) ?? 0) + 1;
            }
            (existing.Title, existing.Body, existing.SubthemeId, existing.UpdatedAt, existing.UpdatedBy) = (Title!, Body!, MessageSubtheme, now, by);
            existing.Version++;
            foreach (var gone in existing.Citations.Where(c => !Cites.Contains(c.SessionId)).ToList())
            {
                existing.Citations.Remove(gone);
            }
            foreach (var added in Cites.Where(c => existing.Citations.All(e => e.SessionId != c)))
            {
                existing.Citations.Add(new MessageCitation { MessageId = existing.Id, SessionId = added });
            }
            Db.Record(User, clock, Forum.Id, "message.change", Subject(existing), before, Describe(existing));
        }
        try
        {
            await Db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between reading and writing: the same answer as a stale form.
            return await ConflictAsync(existing.Id);
        }
        return Redirect(Here());
    }

    /// <summary>Publishes a draft or takes a published message back to draft.</summary>
    public async Task<IActionResult> OnPostPublishAsync(string forum, string subtheme, int message, string? state)
    {
        if (await FindAsync(forum, subtheme) is { } answer)
        {
            return answer;
        }
        var found = await Db.ForumMessages.AsTracking().FirstOrDefaultAsync(m => m.Id == message && m.ForumId == Forum.Id, HttpContext.RequestAborted);
        if (found is null)
        {
            return NotFound();
        }
        if (state is not ("published" or "draft"))
        {
            Errors[""] = L["Choose from the list."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        var publish = state == "published";
        if (publish != found.PublishedAt.HasValue)
        {
            found.PublishedAt = publish ? clock.GetUtcNow().UtcDateTime : null;
            Db.Record(User, clock, Forum.Id, publish ? "message.publish" : "message.unpublish", Subject(found), null, null);
            await Db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        return Redirect(Here());
    }

    /// <summary>Moves a message one place up or down among its subtheme's; the outcome document follows this order.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string forum, string subtheme, int message, string? direction)
    {
        if (await FindAsync(forum, subtheme) is { } answer)
        {
            return answer;
        }
        var order = await Db.ForumMessages.AsTracking().Where(m => m.ForumId == Forum.Id && m.SubthemeId == Subtheme.Id)
            .OrderBy(m => m.Position).ThenBy(m => m.Id).ToListAsync(HttpContext.RequestAborted);
        var index = order.FindIndex(m => m.Id == message);
        if (index < 0)
        {
            return NotFound();
        }
        var target = direction switch { "up" => index - 1, "down" => index + 1, _ => -2 };
        if (target == -2)
        {
            Errors[""] = L["Choose from the list."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        if (target >= 0 && target < order.Count)
        {
            var moved = order[index];
            order.RemoveAt(index);
            order.Insert(target, moved);
            // Positions are renumbered 1..n, which also mends gaps left by removed or moved messages.
            for (var i = 0; i < order.Count; i++)
            {
                order[i].Position = i + 1;
            }
            Db.Record(User, clock, Forum.Id, "message.move", Subject(moved), new { Position = index + 1 }, new { Position = target + 1 });
            await Db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        return Redirect(Here());
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, string subtheme, int message)
    {
        if (await FindAsync(forum, subtheme) is { } answer)
        {
            return answer;
        }
        var found = await Db.ForumMessages.Include(m => m.Citations).FirstOrDefaultAsync(m => m.Id == message && m.ForumId == Forum.Id, HttpContext.RequestAborted);
        if (found is null)
        {
            return NotFound();
        }
        // The log keeps the whole text, so a removal can be undone by hand.
        Db.ForumMessages.Remove(found);
        Db.Record(User, clock, Forum.Id, "message.remove", Subject(found), Describe(found), null);
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(Here());
    }

    private static object Describe(ForumMessage m) => new
    {
        m.Title, m.Body, m.SubthemeId, m.Version, Published = m.PublishedAt.HasValue, Cites = m.Citations.Select(c => c.SessionId).Order().ToList(),
    };

    /// <summary>The log's subject column holds 200 characters; titles may be longer.</summary>
    private static string Subject(ForumMessage m) => m.Title.Length <= 200 ? m.Title : m.Title[..199] + "…";

    private string Here() => $"/{Forum.Slug}/manage/messages/{Subtheme.Slug}";

    private async Task<IActionResult?> FindAsync(string forum, string subtheme)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        if (Forum.Subthemes.FirstOrDefault(s => s.Slug == subtheme) is not { } found)
        {
            return NotFound();
        }
        Subtheme = found;
        return null;
    }

    /// <summary>Nothing is written; the form keeps this writer's text with the current version number, and the page shows the other.</summary>
    private async Task<IActionResult> ConflictAsync(int id)
    {
        Db.ChangeTracker.Clear();
        var current = await Db.ForumMessages.Include(m => m.Citations).FirstOrDefaultAsync(m => m.Id == id, HttpContext.RequestAborted);
        if (current is null)
        {
            Errors[""] = L["Someone removed this message meanwhile. Your text is still in the form; save it as a new message if it should stay."];
            Id = 0;
        }
        else
        {
            var cited = await outcome.CitedSessionsAsync(current.Citations.Select(c => c.SessionId), HttpContext.RequestAborted);
            Theirs = new Written(current, cited.Values.OrderBy(c => c.Order).Select(c => c.Session).ToList());
            Errors[""] = L["{0} saved this message at {1} UTC, after you opened it. Nothing of yours was saved: compare the two versions below, then save again to replace theirs.",
                current.UpdatedBy, current.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)];
            Version = current.Version;
        }
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync();
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
