using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Archive;

/// <summary>
/// Every forum on the site, global, regional, national and youth, by year: where a reader looking for what was said in
/// past editions starts, with each edition's record in figures.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(PlenaryDb db, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>One edition and its record. Sessions are those of its public timetable that took place (not cancelled).</summary>
    public sealed record Edition(string Slug, string Name, int Year, ForumKind Kind, string? Series, string HostCity, DateOnly FirstDay, DateOnly LastDay,
        bool IsDemo, int Sessions, int WithTakeaways, int WithReport, bool OutcomePublished);

    /// <summary>The kind asked for, or null for every forum.</summary>
    public ForumKind? Kind { get; private set; }

    /// <summary>Why the kind asked for was not understood.</summary>
    public string? Problem { get; private set; }

    /// <summary>Newest year first; in a year, the earliest forum first.</summary>
    public List<IGrouping<int, Edition>> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? kind)
    {
        if (!string.IsNullOrEmpty(kind))
        {
            Kind = Enum.GetValues<ForumKind>().Cast<ForumKind?>()
                .FirstOrDefault(k => string.Equals(k.ToString(), kind, StringComparison.OrdinalIgnoreCase));
            if (Kind is null)
            {
                Problem = L["“{0}” is not a kind of forum. Choose global, regional, national or youth.", kind.Length > 40 ? kind[..40] + "…" : kind];
                this.ShowRefusalInPlace();
                return Page();
            }
        }
        var cancel = HttpContext.RequestAborted;
        var forums = await db.Forums.Where(f => Kind == null || f.Kind == Kind)
            .OrderByDescending(f => f.Year).ThenBy(f => f.FirstDay).ThenBy(f => f.Name).ToListAsync(cancel);
        var editions = new List<Edition>(forums.Count);
        // A query per forum: an archive holds tens of forums, the page is cached, and each count reads the forum's own timetable release.
        foreach (var f in forums)
        {
            var sessions = Releases.PublishedTimetable.PublicSessions(db, f.Id).Where(s => s.Status != SessionStatus.Cancelled);
            var all = await sessions.CountAsync(cancel);
            var takeaways = await sessions.CountAsync(s => db.Takeaways.Any(t => t.SessionId == s.Id && t.Kind == TakeawayKind.KeyTakeaway), cancel);
            var reports = await sessions.CountAsync(s => db.SessionReports.Any(r => r.SessionId == s.Id), cancel);
            var outcome = await db.OutcomeDocuments.AnyAsync(d => d.ForumId == f.Id && d.PublishedAt != null, cancel);
            editions.Add(new Edition(f.Slug, f.Name, f.Year, f.Kind, f.Series, f.HostCity, f.FirstDay, f.LastDay, f.IsDemo,
                all, takeaways, reports, outcome));
        }
        Years = editions.GroupBy(e => e.Year).ToList();
        return Page();
    }
}
