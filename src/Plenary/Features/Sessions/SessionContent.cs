using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Sessions;

/// <summary>One text of the session as a reader gets it: the translation in their language where there is one, else the original.</summary>
/// <param name="Translation">The translation shown, null for the original.</param>
/// <param name="OriginalChanged">The original was changed after this translation was made from it.</param>
public sealed record ContentBlock(string Text, string Language, SessionTranslation? Translation, bool OriginalChanged)
{
    /// <summary>
    /// A translation is in the language its translator chose, so it takes that language's direction. An original takes
    /// "rtl" when its language is written right to left, else "auto": the language is the forum's claim for the whole
    /// session, and an Arabic title recorded in an English forum must still read right to left.
    /// </summary>
    public string Dir => Translation is null && ContentLanguage.Dir(Language) == "ltr" ? "auto" : ContentLanguage.Dir(Language);
}

/// <summary>A language the session can be read in: the original, or one with at least one translation, who made them and when last.</summary>
public sealed record ContentVersion(string Language, bool IsOriginal, IReadOnlyList<string> Translators, DateTime? LastTranslatedAt);

/// <summary>
/// A session's texts in the language a reader asked for, block by block: a translated title with an untranslated
/// description gives each in what exists, each block saying its own language. The session page and the API read it alike.
/// </summary>
public sealed class SessionContent
{
    private readonly Session session;
    private readonly Dictionary<(TranslatedPart, int), SessionTranslation> shown;

    private SessionContent(Session session, string original, string language, List<SessionTranslation> all, List<ContentVersion> versions)
    {
        this.session = session;
        Original = original;
        Language = language;
        Versions = versions;
        shown = language == original ? [] : all.Where(t => t.Language == language).ToDictionary(t => (t.Part, t.PartId));
    }

    /// <summary>The language the session was written in.</summary>
    public string Original { get; }

    /// <summary>The version the reader gets: the one serving their language, else the original.</summary>
    public string Language { get; }

    /// <summary>The original first, then every language with a translation, in the forum's order.</summary>
    public IReadOnlyList<ContentVersion> Versions { get; }

    /// <summary>The session's texts in the version serving <paramref name="wanted"/> (a BCP 47 code; null or unknown gives the original).</summary>
    public static async Task<SessionContent> LoadAsync(PlenaryDb db, Forum forum, Session session, string? wanted, CancellationToken cancel)
    {
        var all = db switch
        {
            // Compiled once per provider, as the session's record is: the session page reads this each time it is rendered.
            SqlitePlenaryDb sqlite => await Translations<SqlitePlenaryDb>.Of(sqlite, session.Id).ToListAsync(cancel),
            PostgresPlenaryDb postgres => await Translations<PostgresPlenaryDb>.Of(postgres, session.Id).ToListAsync(cancel),
            _ => await db.SessionTranslations.Where(t => t.SessionId == session.Id).ToListAsync(cancel),
        };
        return Of(forum, session, all, wanted);
    }

    private static class Translations<TDb> where TDb : PlenaryDb
    {
        public static readonly Func<TDb, int, IAsyncEnumerable<SessionTranslation>> Of = EF.CompileAsyncQuery((TDb db, int id) =>
            db.SessionTranslations.Where(t => t.SessionId == id));
    }

    public static SessionContent Of(Forum forum, Session session, List<SessionTranslation> all, string? wanted)
    {
        var original = ContentLanguage.OriginalOf(session, forum);
        // A translation whose original is gone (a takeaway removed) is nobody's version of anything shown.
        var live = all.Where(t => t.Language != original && OriginalText(session, t.Part, t.PartId) is { Length: > 0 }).ToList();
        var order = forum.Languages.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.OrdinalIgnoreCase);
        var versions = new List<ContentVersion> { new(original, true, [], null) };
        versions.AddRange(live.GroupBy(t => t.Language)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ContentVersion(g.Key, false, g.Select(t => t.TranslatedByName).Distinct().Order(StringComparer.CurrentCulture).ToList(), g.Max(t => t.TranslatedAt))));
        var language = ContentLanguage.Serving(wanted, versions.Select(v => v.Language)) ?? original;
        return new SessionContent(session, original, language, live, versions);
    }

    /// <summary>The original text of a part, null when the session has none there.</summary>
    public static string? OriginalText(Session session, TranslatedPart part, int partId)
    {
        var text = part switch
        {
            TranslatedPart.Title => session.Title,
            TranslatedPart.Description => session.Description,
            TranslatedPart.Approach => session.Approach,
            TranslatedPart.Section => session.Sections.FirstOrDefault(s => s.SectionId == partId)?.Text,
            TranslatedPart.Takeaway => session.Takeaways.FirstOrDefault(t => t.Kind == TakeawayKind.KeyTakeaway && t.Position == partId)?.Text,
            TranslatedPart.CallToAction => session.Takeaways.FirstOrDefault(t => t.Kind == TakeawayKind.CallToAction && t.Position == partId)?.Text,
            TranslatedPart.ReportKeyIssues => session.Report?.KeyIssues,
            TranslatedPart.ReportPresentations => session.Report?.Presentations,
            TranslatedPart.ReportBody => session.Report?.Body,
            TranslatedPart.ReportWayForward => session.Report?.WayForward,
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>The block for one part; null when the session has no text there.</summary>
    public ContentBlock? Block(TranslatedPart part, int partId = 0)
    {
        if (OriginalText(session, part, partId) is not { } original)
        {
            return null;
        }
        if (shown.TryGetValue((part, partId), out var translation))
        {
            return new ContentBlock(translation.Text, translation.Language, translation, translation.OriginalDigest != SessionTranslation.DigestOf(original));
        }
        return new ContentBlock(original, Original, null, false);
    }

    public ContentBlock Title => Block(TranslatedPart.Title)!;

    public ContentBlock? Of(Takeaway takeaway) =>
        Block(takeaway.Kind == TakeawayKind.KeyTakeaway ? TranslatedPart.Takeaway : TranslatedPart.CallToAction, takeaway.Position);
}
