using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Registrations;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Messages;

/// <param name="TitleLanguage">The language of <paramref name="Title"/>: the session's original, or the version's where its title is translated.</param>
public sealed record CitedSession(int Id, string Key, string NumberedName, string Title, string TitleLanguage = "en");

/// <summary>A message in the version being read: its translation there, or its original (<see cref="Language"/> says which) where it has none yet.</summary>
public sealed record OutcomeMessage(int Id, string Title, string Body, IReadOnlyList<CitedSession> Citations, string Language = "en",
    MessageTranslation? Translation = null, bool OriginalChanged = false);

/// <summary>A language the outcome document can be read in; <see cref="PublishedAt"/> is null for a version not yet published (only its editors see it).</summary>
public sealed record OutcomeVersion(string Language, bool IsOriginal, DateTime? PublishedAt, int Translated, int Messages);

/// <summary>A subtheme's published messages; <see cref="Subtheme"/> is null for messages whose subtheme was removed.</summary>
public sealed record OutcomeSection(Subtheme? Subtheme, IReadOnlyList<OutcomeMessage> Messages);

public sealed record Share<T>(T Group, int Count);

/// <summary>
/// The forum in figures, as the outcome document, the statistics page and the API state them, computed by
/// <see cref="Statistics.ForumStatistics.SummaryAsync"/>. Sessions held are those scheduled (not cancelled) whose end has
/// passed; participants onsite and online are the sums of the counts given in the session reports of those sessions (a
/// person in several sessions counts in each), each with the number of reports that gave a count
/// (<see cref="OnsiteReporting"/>, <see cref="OnlineReporting"/>) out of the <see cref="SessionReports"/> filed; people at
/// the venue are the registrations with at least one check-in; people online are approved online registrations, and remote
/// hubs their stated headcounts; the share of women and gender-diverse people is the gender reports' estimates weighted by
/// each report's number of participants; speakers are the distinct people speaking in sessions held, by their stakeholder
/// and regional group (small groups merged, <see cref="Statistics.SmallGroups"/>); SDGs are the goals the sessions held
/// link to, with how many sessions link to each.
/// </summary>
public sealed record OutcomeFigures(
    int SessionsHeld, int SessionReports, int OnsiteReporting, int OnsiteParticipants, int OnlineReporting, int OnlineParticipants,
    int CheckedIn, int RegisteredOnline, int RemoteHubParticipants,
    int? WomenPercent, int GenderReports, int Speakers,
    IReadOnlyList<Statistics.FigureRow> SpeakersByStakeholder, IReadOnlyList<Statistics.FigureRow> SpeakersByRegion, IReadOnlyList<Share<int>> Sdgs);

/// <param name="Original">The language the messages are written in.</param>
/// <param name="Language">The version this is: the one asked for where it can be read, else the original.</param>
/// <param name="Versions">The original, then the other versions this reader may open (published ones; for the messages' editors every forum language).</param>
public sealed record Outcome(Forum Forum, DateTime? PublishedAt, IReadOnlyList<OutcomeSection> Sections, OutcomeFigures Figures,
    string Original = "en", string? Language = null, IReadOnlyList<OutcomeVersion>? Versions = null)
{
    public string Version => Language ?? Original;

    /// <summary>This version is published (the original with the document, another language by its own publication).</summary>
    public bool VersionPublished => PublishedAt is not null && (Version == Original || Versions?.FirstOrDefault(v => v.Language == Version)?.PublishedAt is not null);

    public string FileName(string extension) => Version == Original ? $"{Forum.Slug}-messages.{extension}" : $"{Forum.Slug}-messages-{Version}.{extension}";
}

/// <summary>Reads the outcome document: the published messages with their citations, and the forum's figures.</summary>
public sealed class OutcomeQueries(PlenaryDb db, TimeProvider clock)
{
    public Task<DateTime?> PublishedAtAsync(int forumId, CancellationToken cancel) =>
        db.OutcomeDocuments.Where(d => d.ForumId == forumId).Select(d => d.PublishedAt).FirstOrDefaultAsync(cancel);

    /// <summary>The language versions published, by language.</summary>
    public Task<Dictionary<string, DateTime>> PublishedLanguagesAsync(int forumId, CancellationToken cancel) =>
        db.OutcomeLanguages.Where(l => l.ForumId == forumId).ToDictionaryAsync(l => l.Language, l => l.PublishedAt, StringComparer.OrdinalIgnoreCase, cancel);

    /// <summary>
    /// The outcome document in the version that serves a reader of <paramref name="wanted"/> (a language asked for, or the
    /// reader's own): a published version, or with <paramref name="preview"/> (the messages' editors) any of the forum's
    /// languages; the original otherwise.
    /// </summary>
    public async Task<Outcome> BuildAsync(Forum forum, CancellationToken cancel, string? wanted = null, bool preview = false)
    {
        var original = OutcomeLanguages.OriginalOf(forum);
        var messages = await db.ForumMessages.Where(m => m.ForumId == forum.Id && m.PublishedAt != null).Include(m => m.Citations)
            .OrderBy(m => m.Position).ThenBy(m => m.Id).AsSplitQuery().ToListAsync(cancel);
        var ids = messages.Select(m => m.Id).ToList();
        var translations = await db.MessageTranslations.Where(t => ids.Contains(t.MessageId) && t.Language != original).ToListAsync(cancel);
        var published = await PublishedLanguagesAsync(forum.Id, cancel);
        var versions = forum.Languages.Where(l => l != original && (preview || published.ContainsKey(l)))
            .Select(l => new OutcomeVersion(l, false, published.TryGetValue(l, out var at) ? at : null, translations.Count(t => t.Language == l), messages.Count))
            .Prepend(new OutcomeVersion(original, true, null, messages.Count, messages.Count)).ToList();
        var language = ContentLanguage.Serving(wanted, versions.Select(v => v.Language)) ?? original;
        var cited = await CitedSessionsAsync(messages.SelectMany(m => m.Citations.Select(c => c.SessionId)), cancel, original, language);
        OutcomeMessage Written(ForumMessage m)
        {
            var citations = m.Citations.Where(c => cited.ContainsKey(c.SessionId)).Select(c => cited[c.SessionId]).OrderBy(c => c.Order).Select(c => c.Session).ToList();
            return language != original && translations.FirstOrDefault(t => t.MessageId == m.Id && t.Language == language) is { } t
                ? new OutcomeMessage(m.Id, t.Title, t.Body, citations, language, t, t.OriginalDigest != MessageTranslation.DigestOf(m))
                : new OutcomeMessage(m.Id, m.Title, m.Body, citations, original);
        }
        var sections = forum.Subthemes.OrderBy(s => s.Position).ThenBy(s => s.Id)
            .Select(s => new OutcomeSection(s, messages.Where(m => m.SubthemeId == s.Id).Select(Written).ToList()))
            .Append(new OutcomeSection(null, messages.Where(m => m.SubthemeId is null || forum.Subthemes.All(s => s.Id != m.SubthemeId)).Select(Written).ToList()))
            .Where(s => s.Messages.Count > 0).ToList();
        return new Outcome(forum, await PublishedAtAsync(forum.Id, cancel), sections, await FiguresAsync(forum, cancel), original, language, versions);
    }

    /// <summary>
    /// The sessions cited, in programme order (type, then number), as "WS #175 Title": the title in <paramref name="language"/>
    /// where the session's title is translated into it, else as written.
    /// </summary>
    public async Task<Dictionary<int, (CitedSession Session, (int, int) Order)>> CitedSessionsAsync(IEnumerable<int> ids, CancellationToken cancel,
        string original = "en", string? language = null)
    {
        var wanted = ids.Distinct().ToList();
        var rows = await db.Sessions.Where(s => wanted.Contains(s.Id))
            .Select(s => new { s.Id, s.Number, s.HasNumber, s.Title, s.OriginalLanguage, s.Type.Code, s.Type.NumberLabel, TypeName = s.Type.Name, TypePosition = s.Type.Position }).ToListAsync(cancel);
        var titles = language is null ? [] : await db.SessionTranslations
            .Where(t => wanted.Contains(t.SessionId) && t.Language == language && t.Part == TranslatedPart.Title).ToDictionaryAsync(t => t.SessionId, t => t.Text, cancel);
        return rows.ToDictionary(r => r.Id, r =>
        {
            var written = r.OriginalLanguage ?? original;
            var (title, titleLanguage) = written != language && titles.TryGetValue(r.Id, out var translated) ? (translated, language!) : (r.Title, written);
            return (new CitedSession(r.Id, SessionKey.Format(r.Code, r.Number), Session.NameOf(r.NumberLabel, r.TypeName, r.Number, r.HasNumber), title, titleLanguage), (r.TypePosition, r.Number));
        });
    }

    public Task<OutcomeFigures> FiguresAsync(Forum forum, CancellationToken cancel) =>
        Statistics.ForumStatistics.SummaryAsync(db, forum, clock.GetUtcNow().UtcDateTime, cancel);
}
