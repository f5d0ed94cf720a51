using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Messages;

/// <summary>
/// The forum's messages in one of its other languages: every message, published or draft, in the outcome document's order,
/// its original beside a form for its translation. One form a message, so that a translator saves each as it is done and
/// two translators working through the list at once do not get in each other's way.
/// </summary>
/// <remarks>
/// A refusal is the page again with the text typed in its form, its status 400 (a field to mend) or 409 (another translator
/// saved this message's translation, or its writers changed the message, after the page was opened).
/// </remarks>
[ForumPolicy(Policies.EditMessages)]
public sealed class MessageTranslationsModel(PlenaryDb db, MessageTranslationChange change) : ManagePageModel(db)
{
    /// <summary>A message with its translation into the language, if any, and what was typed in its form after a refusal.</summary>
    public sealed record Row(ForumMessage Message, MessageTranslation? Translation, bool OriginalChanged)
    {
        public string? Title { get; init; } = Translation?.Title;
        public string? Body { get; init; } = Translation?.Body;
        public int Version { get; init; } = Translation?.Version ?? 0;
        public string Digest => MessageTranslation.DigestOf(Message);
    }

    public sealed record Group(Subtheme? Subtheme, IReadOnlyList<Row> Rows);

    [BindProperty] public int Message { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Digest { get; set; }

    public string Language { get; private set; } = "";
    public string Original { get; private set; } = "";
    public List<Group> Groups { get; private set; } = [];
    public int Translated { get; private set; }
    public int Stale { get; private set; }
    public int Published { get; private set; }
    public int PublishedTranslated { get; private set; }
    public DateTime? LanguagePublishedAt { get; private set; }

    /// <summary>After a save refused because another translator saved first: theirs, shown above the form that keeps one's own text.</summary>
    public MessageTranslation? Theirs { get; private set; }

    /// <summary>The message just saved, for the status line.</summary>
    public int? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string lang, int? saved)
    {
        if (MessageTranslationChange.LanguageOf(Forum, lang) is not { } language)
        {
            return NotFound();
        }
        Language = language;
        Saved = saved;
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum, string lang)
    {
        if (MessageTranslationChange.LanguageOf(Forum, lang) is not { } language)
        {
            return NotFound();
        }
        Language = language;
        var result = await change.SaveAsync(Forum, new TranslationForm(Message, language, Title, Body, Version, Digest), User, HttpContext.RequestAborted);
        if (result is null)
        {
            return NotFound();
        }
        if (result.IsDone)
        {
            return Redirect($"{MessageLinks.Translations(Forum.Slug, language)}?saved={Message}#message-{Message}");
        }
        this.ShowRefusal(result.Reasons, Errors);
        await ShowAsync(typed: true);
        if (result.Reasons.Stale && Groups.SelectMany(g => g.Rows).FirstOrDefault(r => r.Message.Id == Message) is { Translation: { } theirs } row)
        {
            // The form is now over their version: saving again replaces it knowingly.
            Theirs = theirs;
            Groups = Groups.Select(g => g with { Rows = g.Rows.Select(r => r == row ? r with { Version = theirs.Version } : r).ToList() }).ToList();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, string lang)
    {
        if (MessageTranslationChange.LanguageOf(Forum, lang) is not { } language)
        {
            return NotFound();
        }
        return await change.RemoveAsync(Forum, Message, language, User, HttpContext.RequestAborted)
            ? Redirect($"{MessageLinks.Translations(Forum.Slug, language)}#message-{Message}")
            : NotFound();
    }

    private async Task<IActionResult> ShowAsync(bool typed = false)
    {
        var cancel = HttpContext.RequestAborted;
        Original = OutcomeLanguages.OriginalOf(Forum);
        var messages = await Db.ForumMessages.Where(m => m.ForumId == Forum.Id).OrderBy(m => m.Position).ThenBy(m => m.Id).ToListAsync(cancel);
        var ids = messages.Select(m => m.Id).ToList();
        var translations = await Db.MessageTranslations.Where(t => ids.Contains(t.MessageId) && t.Language == Language).ToDictionaryAsync(t => t.MessageId, cancel);
        LanguagePublishedAt = await Db.OutcomeLanguages.Where(l => l.ForumId == Forum.Id && l.Language == Language).Select(l => (DateTime?)l.PublishedAt).FirstOrDefaultAsync(cancel);
        Row Of(ForumMessage m)
        {
            var t = translations.GetValueOrDefault(m.Id);
            var row = new Row(m, t, t is not null && t.OriginalDigest != MessageTranslation.DigestOf(m));
            // After a refusal the form keeps what was typed, over the version now stored (saving again is a choice made over it).
            return typed && m.Id == Message ? row with { Title = Title, Body = Body, Version = Version } : row;
        }
        var subthemes = Forum.Subthemes.OrderBy(s => s.Position).ThenBy(s => s.Id).ToList();
        Groups = subthemes.Select(s => new Group(s, messages.Where(m => m.SubthemeId == s.Id).Select(Of).ToList()))
            .Append(new Group(null, messages.Where(m => m.SubthemeId is null || subthemes.All(s => s.Id != m.SubthemeId)).Select(Of).ToList()))
            .Where(g => g.Rows.Count > 0).ToList();
        var rows = Groups.SelectMany(g => g.Rows).ToList();
        (Translated, Stale) = (rows.Count(r => r.Translation is not null), rows.Count(r => r.OriginalChanged));
        (Published, PublishedTranslated) = (rows.Count(r => r.Message.PublishedAt is not null), rows.Count(r => r.Message.PublishedAt is not null && r.Translation is not null));
        return Page();
    }
}
