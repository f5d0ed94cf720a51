using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Messages;

/// <summary>A message as its writers send it from a subtheme's workspace.</summary>
public sealed class MessageForm
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
    public int? SubthemeId { get; set; }
    public List<int> Cites { get; set; } = [];
}

public sealed class MessageFormValidator : AbstractValidator<MessageForm>
{
    public MessageFormValidator(PlenaryDb db, IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Title ?? "").Field("title")
            .OnOneLine(L)
            .Must(title => title.Length is > 0 and <= ForumMessage.MaxTitle).WithMessage(_ => L["Give the message a title of at most {0} characters.", ForumMessage.MaxTitle]);
        RuleFor(f => f.Body).Field("body")
            .Must(body => body is { Length: > 0 and <= ForumMessage.MaxBody })
            .WithMessage(_ => L["Write the message, in at most {0} characters.", ForumMessage.MaxBody.ToString("N0", CultureInfo.CurrentCulture)]);
        RuleFor(f => f.SubthemeId).Field("subtheme")
            .Must((_, subtheme, context) => subtheme is { } id && context.Scope<Forum>().Subthemes.Any(s => s.Id == id))
            .WithMessage(_ => L["Choose a subtheme from the list."]);
        RuleFor(f => f.Cites).Field("cites")
            .MustAsync(async (_, cites, context, cancel) =>
                cites.Count == 0 || await db.Sessions.CountAsync(s => s.ForumId == context.Scope<Forum>().Id && cites.Contains(s.Id), cancel) == cites.Count)
            .WithMessage(_ => L["Choose the cited sessions from the list."])
            .Must(cites => cites.Count > 0).WithMessage(_ => L["Cite at least one session the message draws on."]);
    }
}

/// <summary>
/// Writes the forum's messages: saved (refused as stale over a version the writer did not see), published or taken
/// back, reordered within their subtheme, removed; each change audited.
/// </summary>
public sealed class MessageChange(PlenaryDb db, IValidator<MessageForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    /// <summary>Adds (Id 0) or changes a message; a stale refusal when someone saved or removed it meanwhile; null when there is no such message.</summary>
    public async Task<ChangeResult<ForumMessage>?> SaveAsync(Forum forum, MessageForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        form.Title = form.Title?.Trim();
        form.Body = form.Body?.Trim();
        form.Cites = form.Cites.Distinct().ToList();
        var existing = form.Id == 0 ? null
            : await db.ForumMessages.AsTracking().Include(m => m.Citations).FirstOrDefaultAsync(m => m.Id == form.Id && m.ForumId == forum.Id, cancel);
        if (form.Id != 0 && existing is null)
        {
            return null;
        }
        if (await validator.CheckAsync(form, forum, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        if (existing is not null && existing.Version != form.Version)
        {
            return await MeanwhileAsync(existing.Id, cancel);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var by = user.Identity?.Name ?? "?";
        if (existing is null)
        {
            var last = await db.ForumMessages.Where(m => m.ForumId == forum.Id && m.SubthemeId == form.SubthemeId).MaxAsync(m => (int?)m.Position, cancel) ?? 0;
            existing = new ForumMessage
            {
                ForumId = forum.Id, SubthemeId = form.SubthemeId, Title = form.Title!, Body = form.Body!, Position = last + 1, Version = 1, UpdatedAt = now, UpdatedBy = by,
                Citations = form.Cites.Select(c => new MessageCitation { SessionId = c }).ToList(),
            };
            db.ForumMessages.Add(existing);
            db.Record(user, clock, forum.Id, "message.create", Subject(existing), null, Describe(existing));
        }
        else
        {
            var before = Describe(existing);
            if (existing.SubthemeId != form.SubthemeId)
            {
                existing.Position = (await db.ForumMessages.Where(m => m.ForumId == forum.Id && m.SubthemeId == form.SubthemeId).MaxAsync(m => (int?)m.Position, cancel) ?? 0) + 1;
            }
            (existing.Title, existing.Body, existing.SubthemeId, existing.UpdatedAt, existing.UpdatedBy) = (form.Title!, form.Body!, form.SubthemeId, now, by);
            existing.Version++;
            foreach (var gone in existing.Citations.Where(c => !form.Cites.Contains(c.SessionId)).ToList())
            {
                existing.Citations.Remove(gone);
            }
            foreach (var added in form.Cites.Where(c => existing.Citations.All(e => e.SessionId != c)))
            {
                existing.Citations.Add(new MessageCitation { MessageId = existing.Id, SessionId = added });
            }
            db.Record(user, clock, forum.Id, "message.change", Subject(existing), before, Describe(existing));
        }
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between reading and writing: the same answer as a stale form.
            return await MeanwhileAsync(existing.Id, cancel);
        }
        return ChangeResult<ForumMessage>.Done(existing);
    }

    /// <summary>Publishes a draft or takes a published message back to draft ("published" or "draft").</summary>
    public async Task<ChangeResult<ForumMessage>?> PublishAsync(Forum forum, int message, string? state, ClaimsPrincipal user, CancellationToken cancel)
    {
        var found = await db.ForumMessages.AsTracking().FirstOrDefaultAsync(m => m.Id == message && m.ForumId == forum.Id, cancel);
        if (found is null)
        {
            return null;
        }
        if (state is not ("published" or "draft"))
        {
            return Refusal.Of("", L["Choose from the list."]);
        }
        var publish = state == "published";
        if (publish != found.PublishedAt.HasValue)
        {
            found.PublishedAt = publish ? clock.GetUtcNow().UtcDateTime : null;
            db.Record(user, clock, forum.Id, publish ? "message.publish" : "message.unpublish", Subject(found), null, null);
            await db.SaveChangesAsync(cancel);
        }
        return ChangeResult<ForumMessage>.Done(found);
    }

    /// <summary>Moves a message one place "up" or "down" among its subtheme's; the outcome document follows this order. Null when not found.</summary>
    public async Task<ChangeResult<ForumMessage>?> MoveAsync(Forum forum, Subtheme subtheme, int message, string? direction, ClaimsPrincipal user, CancellationToken cancel)
    {
        var order = await db.ForumMessages.AsTracking().Where(m => m.ForumId == forum.Id && m.SubthemeId == subtheme.Id)
            .OrderBy(m => m.Position).ThenBy(m => m.Id).ToListAsync(cancel);
        var index = order.FindIndex(m => m.Id == message);
        if (index < 0)
        {
            return null;
        }
        var target = direction switch { "up" => index - 1, "down" => index + 1, _ => -2 };
        if (target == -2)
        {
            return Refusal.Of("", L["Choose from the list."]);
        }
        var moved = order[index];
        if (target >= 0 && target < order.Count)
        {
            order.RemoveAt(index);
            order.Insert(target, moved);
            // Positions are renumbered 1..n, which also mends gaps left by removed or moved messages.
            for (var i = 0; i < order.Count; i++)
            {
                order[i].Position = i + 1;
            }
            db.Record(user, clock, forum.Id, "message.move", Subject(moved), new { Position = index + 1 }, new { Position = target + 1 });
            await db.SaveChangesAsync(cancel);
        }
        return ChangeResult<ForumMessage>.Done(moved);
    }

    /// <summary>Removes a message; false when there is none. The log keeps the whole text, so a removal can be undone by hand.</summary>
    public async Task<bool> RemoveAsync(Forum forum, int message, ClaimsPrincipal user, CancellationToken cancel)
    {
        var found = await db.ForumMessages.Include(m => m.Citations).FirstOrDefaultAsync(m => m.Id == message && m.ForumId == forum.Id, cancel);
        if (found is null)
        {
            return false;
        }
        db.ForumMessages.Remove(found);
        db.Record(user, clock, forum.Id, "message.remove", Subject(found), Describe(found), null);
        await db.SaveChangesAsync(cancel);
        return true;
    }

    /// <summary>Nothing is written; the refusal says who saved meanwhile, or that the message is gone.</summary>
    private async Task<Refusal> MeanwhileAsync(int id, CancellationToken cancel)
    {
        db.ChangeTracker.Clear();
        var current = await db.ForumMessages.FirstOrDefaultAsync(m => m.Id == id, cancel);
        return Refusal.Meanwhile(current is null
            ? L["Someone removed this message meanwhile. Your text is still in the form; save it as a new message if it should stay."]
            : L["{0} saved this message at {1} UTC, after you opened it. Nothing of yours was saved: compare the two versions below, then save again to replace theirs.",
                current.UpdatedBy, current.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)]);
    }

    private static object Describe(ForumMessage m) => new
    {
        m.Title, m.Body, m.SubthemeId, m.Version, Published = m.PublishedAt.HasValue, Cites = m.Citations.Select(c => c.SessionId).Order().ToList(),
    };

    /// <summary>The log's subject column holds 200 characters; titles may be longer.</summary>
    private static string Subject(ForumMessage m) => m.Title.Length <= 200 ? m.Title : m.Title[..199] + "…";
}
