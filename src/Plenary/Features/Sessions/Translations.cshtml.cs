using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sessions;

/// <summary>
/// A session's versions in its forum's other languages: the list of languages, the original's language, and per language
/// a form giving each part's translation beside its original. Its editors (organisers, Secretariat) translate the record;
/// its writers (rapporteur, organisers, Secretariat) the takeaways, calls to action and report, as they write them.
/// </summary>
/// <remarks>
/// A refusal is the form again with everything typed, its status 400 (a text too long) or 409 (the session changed while
/// it was being translated: the parts may have moved, so the form is shown against the session as it now is).
/// </remarks>
[SessionPolicy(Policies.WriteOutputs, Tracked = true)]
public sealed class TranslationsModel(PlenaryDb db, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> L)
    : SessionPageModel(db)
{
    public sealed class Field
    {
        public TranslatedPart Part { get; set; }
        public int PartId { get; set; }
        public string? Text { get; set; }

        /// <summary>For a translation marked "the original has changed": still right for the new original, though not retyped.</summary>
        public bool Confirm { get; set; }
    }

    /// <summary>One part of the session to translate, with its original and what is (or was typed) in the language.</summary>
    public sealed record Row(TranslatedPart Part, int PartId, string Label, string Original, SessionTranslation? Existing, string? Text, bool OriginalChanged)
    {
        public string Id => $"t-{Part.ToString().ToLowerInvariant()}-{PartId}";
    }

    [BindProperty] public List<Field> Fields { get; set; } = [];
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public bool RemoveOrphans { get; set; }
    [BindProperty] public string? OriginalLanguage { get; set; }

    /// <summary>The language being translated into; null on the list of languages.</summary>
    public string? Language { get; private set; }
    public string Original { get; private set; } = "";

    /// <summary>Organisers, the Secretariat and administrators: they translate the title, description and sections, and set the original's language.</summary>
    public bool MayEditRecord { get; private set; }
    public List<Row> Rows { get; private set; } = [];

    /// <summary>Translations whose original is gone (a takeaway removed): listed, to be removed.</summary>
    public List<SessionTranslation> Orphans { get; private set; } = [];
    public Dictionary<string, int> Counts { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string key, string? lang)
    {
        if (!await LoadAsync(lang))
        {
            return NotFound();
        }
        Saved = Request.Query.ContainsKey("saved");
        Version = Session.Version;
        OriginalLanguage = Original;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum, string key, string? lang)
    {
        if (!await LoadAsync(lang) || Language is null)
        {
            return NotFound();
        }
        var cancel = HttpContext.RequestAborted;
        var typed = Fields.GroupBy(f => (f.Part, f.PartId)).ToDictionary(g => g.Key, g => g.Last());
        // Without a version (a script posting the form) the change applies over whatever is stored, as in the API.
        if (Version is { } opened && opened != Session.Version)
        {
            return Refused(Refusal.Meanwhile(L["Someone changed this session while you were translating it. Your text is kept below, against the session as it now is: check it, then save again."]), typed);
        }
        var refusal = new Refusal();
        var rows = Rows.ToDictionary(r => (r.Part, r.PartId));
        if (typed.Count == 0)
        {
            // The form always sends its fields: an empty post was not made with it.
            refusal.Add("", L["This form does not match the session. Open the page again."]);
        }
        foreach (var field in typed.Values)
        {
            if (!rows.TryGetValue((field.Part, field.PartId), out var row))
            {
                // Not a part this visitor may translate, or one gone since the page was drawn (the version says which).
                refusal.Add("", L["This form does not match the session. Open the page again."]);
                break;
            }
            if (Clean(field) is { } text && text.Length > SessionTranslation.MaxTextOf(field.Part))
            {
                refusal.Add(row.Id, $"{row.Label}: {Rules.TooLong(L, SessionTranslation.MaxTextOf(field.Part))}");
            }
        }
        if (!refusal.IsEmpty)
        {
            return Refused(refusal, typed);
        }

        var translations = await Db.SessionTranslations.AsTracking().Where(t => t.SessionId == Session.Id && t.Language == Language).ToListAsync(cancel);
        var before = Snapshot(translations);
        var translator = await SessionTranslation.TranslatorAsync(Db, User, cancel);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var field in typed.Values)
        {
            var row = rows[(field.Part, field.PartId)];
            var text = Clean(field);
            var existing = translations.FirstOrDefault(t => t.Part == field.Part && t.PartId == field.PartId);
            if (text is null)
            {
                if (existing is not null)
                {
                    Db.SessionTranslations.Remove(existing);
                    translations.Remove(existing);
                }
                continue;
            }
            if (existing is null)
            {
                existing = new SessionTranslation { SessionId = Session.Id, Language = Language, Part = field.Part, PartId = field.PartId, Text = text, OriginalDigest = "", TranslatedByName = "" };
                Db.SessionTranslations.Add(existing);
                translations.Add(existing);
            }
            else if (existing.Text == text && !(row.OriginalChanged && field.Confirm))
            {
                // Unchanged: keeps its translator, its time and, unless confirmed, its mark that the original changed since.
                continue;
            }
            (existing.Text, existing.OriginalDigest) = (text, SessionTranslation.DigestOf(row.Original));
            (existing.TranslatedById, existing.TranslatedByName, existing.TranslatedAt) = (translator.Id, translator.Name, now);
        }
        if (RemoveOrphans)
        {
            foreach (var orphan in translations.Where(t => Orphans.Any(o => o.Id == t.Id)).ToList())
            {
                Db.SessionTranslations.Remove(orphan);
                translations.Remove(orphan);
            }
        }
        if (!Db.ChangeTracker.HasChanges())
        {
            return Redirect(SessionLinks.Translations(Forum.Slug, Session.Key, Language) + "?saved=1");
        }
        Db.Record(User, clock, Forum.Id, "session.translate", $"{Session.Key} {Language}", before, Snapshot(translations));
        try
        {
            await Db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateConcurrencyException)
        {
            Db.ChangeTracker.Clear();
            await ReloadAsync(cancel);
            return Refused(Refusal.Meanwhile(L["Someone changed this session while you were translating it. Your text is kept below, against the session as it now is: check it, then save again."]), typed);
        }
        return Redirect(SessionLinks.Translations(Forum.Slug, Session.Key, Language) + "?saved=1");
    }

    /// <summary>Which of the forum's languages the session was written in: its editors say.</summary>
    public async Task<IActionResult> OnPostOriginalAsync(string forum, string key)
    {
        if (!await LoadAsync(null))
        {
            return NotFound();
        }
        if (!MayEditRecord)
        {
            return Forbid();
        }
        var chosen = Forum.Languages.FirstOrDefault(l => string.Equals(l, OriginalLanguage?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            this.ShowRefusal(Refusal.Of("original", L["Choose one of the forum's languages."]), Errors);
            return Page();
        }
        if (Version is { } opened && opened != Session.Version)
        {
            this.ShowRefusal(Refusal.Meanwhile(L["Someone changed this session meanwhile. Here it is as it now is: choose again."]), Errors);
            Version = Session.Version;
            return Page();
        }
        if (chosen != Original)
        {
            Db.Record(User, clock, Forum.Id, "session.language", Session.Key, new { original = Original }, new { original = chosen });
            Session.OriginalLanguage = chosen;
            try
            {
                await Db.SaveChangesAsync(HttpContext.RequestAborted);
            }
            catch (DbUpdateConcurrencyException)
            {
                this.ShowRefusal(Refusal.Meanwhile(L["Someone changed this session meanwhile. Here it is as it now is: choose again."]), Errors);
                return Page();
            }
        }
        return Redirect(SessionLinks.Translations(Forum.Slug, Session.Key) + "?saved=1");
    }

    private IActionResult Refused(Refusal refusal, Dictionary<(TranslatedPart, int), Field> typed)
    {
        // Everything typed goes back into its field; the version is the one now stored, so saving again is a choice made over it.
        Rows = Rows.Select(r => typed.TryGetValue((r.Part, r.PartId), out var f) ? r with { Text = f.Text } : r).ToList();
        Version = Session.Version;
        this.ShowRefusal(refusal, Errors);
        return Page();
    }

    private static string? Clean(Field field)
    {
        var text = field.Text?.Replace("\r\n", "\n").Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        // A title is one line, as the original's field is.
        return field.Part == TranslatedPart.Title ? string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : text;
    }

    private static Dictionary<string, string> Snapshot(IEnumerable<SessionTranslation> translations) =>
        translations.OrderBy(t => t.Part).ThenBy(t => t.PartId).ToDictionary(t => t.PartId == 0 ? t.Part.ToString() : $"{t.Part} {t.PartId}", t => t.Text);

    private async Task ReloadAsync(CancellationToken cancel)
    {
        Session = (await Db.FindSessionAsync(Forum.Id, Session.Key, cancel, tracked: true))!;
        await LoadAsync(Language);
    }

    /// <summary>The language of the route (null for the list), the parts this visitor may translate and what each holds; false for a language the forum has not.</summary>
    private async Task<bool> LoadAsync(string? lang)
    {
        var cancel = HttpContext.RequestAborted;
        MayEditRecord = (await authorization.AuthorizeAsync(User, Session, Policies.EditSession)).Succeeded;
        Original = ContentLanguage.OriginalOf(Session, Forum);
        var all = await Db.SessionTranslations.Where(t => t.SessionId == Session.Id).ToListAsync(cancel);
        Counts = all.Where(t => t.Language != Original && SessionContent.OriginalText(Session, t.Part, t.PartId) is not null)
            .GroupBy(t => t.Language).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        if (lang is null)
        {
            Language = null;
            return true;
        }
        Language = Forum.Languages.FirstOrDefault(l => string.Equals(l, lang, StringComparison.OrdinalIgnoreCase));
        if (Language is null || Language == Original)
        {
            return false;
        }
        var mine = all.Where(t => t.Language == Language).ToList();
        var rows = new List<Row>();
        void Add(TranslatedPart part, int partId, string label)
        {
            if (SessionContent.OriginalText(Session, part, partId) is not { } original)
            {
                return;
            }
            var existing = mine.FirstOrDefault(t => t.Part == part && t.PartId == partId);
            rows.Add(new Row(part, partId, label, original, existing, existing?.Text,
                existing is not null && existing.OriginalDigest != SessionTranslation.DigestOf(original)));
        }
        if (MayEditRecord)
        {
            Add(TranslatedPart.Title, 0, L["Title"]);
            Add(TranslatedPart.Description, 0, L["Description"]);
            Add(TranslatedPart.Approach, 0, L["Approach and policy questions"]);
            foreach (var section in Forum.RecordSections.OrderBy(x => x.Position).ThenBy(x => x.Id))
            {
                Add(TranslatedPart.Section, section.Id, L.SectionTitle(section));
            }
        }
        foreach (var t in Session.Takeaways.OrderBy(t => t.Kind).ThenBy(t => t.Position))
        {
            Add(t.Kind == TakeawayKind.KeyTakeaway ? TranslatedPart.Takeaway : TranslatedPart.CallToAction, t.Position,
                t.Kind == TakeawayKind.KeyTakeaway ? L["Key takeaway {0}", t.Position] : L["Call to action {0}", t.Position]);
        }
        Add(TranslatedPart.ReportKeyIssues, 0, L["Key issues raised"]);
        Add(TranslatedPart.ReportPresentations, 0, L["Presentations"]);
        Add(TranslatedPart.ReportBody, 0, L["Discussion"]);
        Add(TranslatedPart.ReportWayForward, 0, L["Way forward and participants' suggestions"]);
        Rows = rows;
        Orphans = mine.Where(t => SessionContent.OriginalText(Session, t.Part, t.PartId) is null
            && (MayEditRecord || SessionTranslation.IsOutput(t.Part))).ToList();
        return true;
    }
}
