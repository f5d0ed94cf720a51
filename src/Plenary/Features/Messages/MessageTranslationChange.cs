using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Messages;

/// <summary>A message's translation as its translator sends it: <see cref="Version"/> 0 for a new one; <see cref="Digest"/> the original's as the form showed it.</summary>
public sealed record TranslationForm(int Message, string Language, string? Title, string? Body, int Version, string? Digest);

/// <summary>
/// Writes the messages' versions in the forum's other languages: a message's translation saved (refused as stale over a
/// translation or an original the translator did not see) or removed, and a language version of the outcome document
/// published or taken back; each change audited.
/// </summary>
public sealed class MessageTranslationChange(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    /// <summary>Null when there is no such message or the language is not one the forum translates into.</summary>
    public async Task<ChangeResult<MessageTranslation>?> SaveAsync(Forum forum, TranslationForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        var message = await db.ForumMessages.FirstOrDefaultAsync(m => m.Id == form.Message && m.ForumId == forum.Id, cancel);
        if (message is null || LanguageOf(forum, form.Language) is not { } language)
        {
            return null;
        }
        var title = string.Join(' ', (form.Title ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var body = (form.Body ?? "").Replace("\r\n", "\n").Trim();
        var refusal = new Refusal();
        if (title.Length is 0 or > ForumMessage.MaxTitle)
        {
            refusal.Add(Field("title", message.Id), L["Give the translation a title of at most {0} characters.", ForumMessage.MaxTitle]);
        }
        if (body.Length is 0 or > ForumMessage.MaxBody)
        {
            refusal.Add(Field("body", message.Id), L["Write the translation, in at most {0} characters.", ForumMessage.MaxBody.ToString("N0", CultureInfo.CurrentCulture)]);
        }
        if (!refusal.IsEmpty)
        {
            return refusal;
        }
        var existing = await db.MessageTranslations.AsTracking().FirstOrDefaultAsync(t => t.MessageId == message.Id && t.Language == language, cancel);
        if (existing is not null && existing.Version != form.Version)
        {
            return Refusal.Meanwhile(L["{0} saved a translation of this message at {1} UTC, after you opened it. Nothing of yours was saved: your text is below theirs; compare them, then save again.",
                existing.TranslatedByName, existing.TranslatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)]);
        }
        var digest = MessageTranslation.DigestOf(message);
        if (form.Digest is not null && form.Digest != digest)
        {
            // What was translated is not what the message now says: saving would mark it as a translation of the new text.
            return Refusal.Meanwhile(L["{0} changed this message at {1} UTC, after you opened it. Nothing of yours was saved: check your translation against the message as it now reads, then save again.",
                message.UpdatedBy, message.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)]);
        }
        var before = existing is null ? null : new { existing.Title, existing.Body, Current = existing.OriginalDigest == digest };
        var (translatorId, translator) = await SessionTranslation.TranslatorAsync(db, user, cancel);
        var now = clock.GetUtcNow().UtcDateTime;
        if (existing is null)
        {
            existing = new MessageTranslation { MessageId = message.Id, Language = language, Title = title, Body = body, OriginalDigest = digest, TranslatedByName = translator };
            db.MessageTranslations.Add(existing);
        }
        // Saved again unchanged, a translation marked "the original has changed" is confirmed as right for the new original.
        (existing.Title, existing.Body, existing.OriginalDigest) = (title, body, digest);
        (existing.TranslatedById, existing.TranslatedByName, existing.TranslatedAt) = (translatorId, translator, now);
        existing.Version++;
        db.Record(user, clock, forum.Id, "message.translate", Subject(message, language), before, new { existing.Title, existing.Body, Current = true });
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException)
        {
            // Another translator saved first (the version moved on, or both added one): the same answer as a stale form.
            db.ChangeTracker.Clear();
            return Refusal.Meanwhile(L["Someone saved a translation of this message meanwhile. Nothing of yours was saved: your text is below theirs; compare them, then save again."]);
        }
        return ChangeResult<MessageTranslation>.Done(existing);
    }

    /// <summary>Removes a message's translation into a language; false when there is none.</summary>
    public async Task<bool> RemoveAsync(Forum forum, int message, string language, ClaimsPrincipal user, CancellationToken cancel)
    {
        var found = await db.MessageTranslations.Where(t => t.MessageId == message && t.Language == language)
            .Join(db.ForumMessages.Where(m => m.ForumId == forum.Id), t => t.MessageId, m => m.Id, (t, m) => new { t, m }).FirstOrDefaultAsync(cancel);
        if (found is null)
        {
            return false;
        }
        db.MessageTranslations.Remove(found.t);
        db.Record(user, clock, forum.Id, "message.untranslate", Subject(found.m, found.t.Language), new { found.t.Title, found.t.Body }, null);
        await db.SaveChangesAsync(cancel);
        return true;
    }

    /// <summary>
    /// Publishes a language version of the outcome document ("published") or takes it back ("draft"). Published only when every
    /// published message has its translation: a reader of the version should not meet the original in the middle of it.
    /// Null when the forum does not translate into the language.
    /// </summary>
    public async Task<ChangeResult<string>?> PublishAsync(Forum forum, string? language, string? state, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (LanguageOf(forum, language) is not { } code)
        {
            return null;
        }
        if (state is not ("published" or "draft"))
        {
            return Refusal.Of("", L["Choose from the list."]);
        }
        var row = await db.OutcomeLanguages.AsTracking().FirstOrDefaultAsync(l => l.ForumId == forum.Id && l.Language == code, cancel);
        if (state == "draft")
        {
            if (row is not null)
            {
                db.OutcomeLanguages.Remove(row);
                db.Record(user, clock, forum.Id, "outcome.withdraw-language", forum.Slug, new { Language = code }, null);
                await db.SaveChangesAsync(cancel);
            }
            return ChangeResult<string>.Done(code);
        }
        var untranslated = await db.ForumMessages.Where(m => m.ForumId == forum.Id && m.PublishedAt != null
            && !db.MessageTranslations.Any(t => t.MessageId == m.Id && t.Language == code)).OrderBy(m => m.Position).Select(m => m.Title).ToListAsync(cancel);
        if (untranslated.Count > 0)
        {
            var name = ContentLanguage.NameIn(code, CultureInfo.CurrentUICulture);
            return Refusal.Of("", L["Translate every published message into {0} first; these are not: {1}.", name, L.List(untranslated.Take(5).Select(t => $"“{t}”"))
                + (untranslated.Count > 5 ? " " + L["and {0} more", untranslated.Count - 5] : "")]);
        }
        if (row is null)
        {
            db.OutcomeLanguages.Add(new OutcomeLanguage { ForumId = forum.Id, Language = code, PublishedAt = clock.GetUtcNow().UtcDateTime });
            db.Record(user, clock, forum.Id, "outcome.publish-language", forum.Slug, null, new { Language = code });
            try
            {
                await db.SaveChangesAsync(cancel);
            }
            catch (DbUpdateException)
            {
                // Published by someone else at the same moment: what was asked is done.
                db.ChangeTracker.Clear();
            }
        }
        return ChangeResult<string>.Done(code);
    }

    /// <summary>The form's id of a message's field, so each refusal is shown beside its own input.</summary>
    public static string Field(string name, int message) => $"t-{name}-{message}";

    /// <summary>The forum's language of that code, other than the messages' own; null for any other.</summary>
    public static string? LanguageOf(Forum forum, string? code)
    {
        var found = forum.Languages.FirstOrDefault(l => string.Equals(l, code?.Trim(), StringComparison.OrdinalIgnoreCase));
        return found is null || found == OutcomeLanguages.OriginalOf(forum) ? null : found;
    }

    private static string Subject(ForumMessage m, string language)
    {
        var subject = $"{language} {m.Title}";
        return subject.Length <= 200 ? subject : subject[..199] + "…";
    }
}
