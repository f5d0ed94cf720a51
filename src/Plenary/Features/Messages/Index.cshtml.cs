using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Messages;

/// <summary>
/// The forum's messages at a glance: per subtheme, the sessions with outputs and the messages drafted and published; messages
/// whose subtheme was removed; and the outcome document, which the Secretariat publishes or takes back.
/// </summary>
[ForumPolicy(Policies.EditMessages, ToChange = Policies.RunForum)]
public sealed class IndexModel(PlenaryDb db, OutcomeQueries outcome, MessageTranslationChange translations, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public sealed record Row(Forums.Subtheme Subtheme, int SessionsWithOutputs, int Drafts, int Published);

    /// <summary>A language the messages may be translated into: how many published messages have a translation, how many of those predate their original's last change.</summary>
    public sealed record LanguageRow(string Language, int Translated, int Stale, DateTime? PublishedAt);

    public List<Row> Rows { get; private set; } = [];
    public List<ForumMessage> WithoutSubtheme { get; private set; } = [];
    public DateTime? PublishedAt { get; private set; }
    public string Original { get; private set; } = "";
    public List<LanguageRow> Languages { get; private set; } = [];
    public int PublishedMessages { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum) => await ShowAsync();

    /// <summary>Publishes the outcome document (state "published") or takes it back (state "draft"); Secretariat only (<see cref="Policies.RunForum"/>, declared).</summary>
    public async Task<IActionResult> OnPostOutcomeAsync(string forum, string? state)
    {
        if (state is not ("published" or "draft"))
        {
            this.ShowRefusal(Refusal.Of("", L["Choose from the list."]), Errors);
            return await ShowAsync();
        }
        var cancel = HttpContext.RequestAborted;
        var document = await Db.OutcomeDocuments.AsTracking().FirstOrDefaultAsync(d => d.ForumId == Forum.Id, cancel);
        if (document is null)
        {
            document = new OutcomeDocument { ForumId = Forum.Id };
            Db.OutcomeDocuments.Add(document);
        }
        var publish = state == "published";
        if (publish != document.PublishedAt.HasValue)
        {
            document.PublishedAt = publish ? clock.GetUtcNow().UtcDateTime : null;
            Db.Record(User, clock, Forum.Id, publish ? "outcome.publish" : "outcome.withdraw", Forum.Slug, null, null);
            await Db.SaveChangesAsync(cancel);
        }
        return Redirect(MessageLinks.Manage(Forum.Slug));
    }

    /// <summary>Publishes a language version of the outcome document (state "published") or takes it back ("draft"); Secretariat only, as the document.</summary>
    public async Task<IActionResult> OnPostLanguageAsync(string forum, string? lang, string? state)
    {
        var result = await translations.PublishAsync(Forum, lang, state, User, HttpContext.RequestAborted);
        if (result is null)
        {
            this.ShowRefusal(Refusal.Of("", L["Choose one of the forum's languages."]), Errors);
            return await ShowAsync();
        }
        if (!result.IsDone)
        {
            this.ShowRefusal(result.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(MessageLinks.Manage(Forum.Slug) + "#languages");
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        PublishedAt = await outcome.PublishedAtAsync(Forum.Id, cancel);
        var withOutputs = await Db.Sessions.Where(s => s.ForumId == Forum.Id && s.SubthemeId != null && s.Status != SessionStatus.Cancelled && s.Takeaways.Any())
            .GroupBy(s => s.SubthemeId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancel);
        var messages = await Db.ForumMessages.Where(m => m.ForumId == Forum.Id).OrderBy(m => m.Position).ThenBy(m => m.Id).ToListAsync(cancel);
        Rows = Forum.Subthemes.OrderBy(s => s.Position).ThenBy(s => s.Id).Select(s => new Row(s, withOutputs.GetValueOrDefault(s.Id),
            messages.Count(m => m.SubthemeId == s.Id && m.PublishedAt is null), messages.Count(m => m.SubthemeId == s.Id && m.PublishedAt is not null))).ToList();
        WithoutSubtheme = messages.Where(m => m.SubthemeId is null).ToList();
        Original = OutcomeLanguages.OriginalOf(Forum);
        var published = messages.Where(m => m.PublishedAt is not null).ToDictionary(m => m.Id);
        PublishedMessages = published.Count;
        var ids = messages.Select(m => m.Id).ToList();
        var translated = await Db.MessageTranslations.Where(t => ids.Contains(t.MessageId)).Select(t => new { t.MessageId, t.Language, t.OriginalDigest }).ToListAsync(cancel);
        var languages = await outcome.PublishedLanguagesAsync(Forum.Id, cancel);
        Languages = Forum.Languages.Where(l => l != Original).Select(l =>
        {
            var of = translated.Where(t => t.Language == l && published.ContainsKey(t.MessageId)).ToList();
            return new LanguageRow(l, of.Count, of.Count(t => t.OriginalDigest != MessageTranslation.DigestOf(published[t.MessageId])),
                languages.TryGetValue(l, out var at) ? at : null);
        }).ToList();
        return Page();
    }
}
