using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Features.Registrations;
using Plenary.Features.Releases;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Agenda;

/// <summary>
/// A person's agenda in one forum: the sessions they saved, as released, in the time zone they chose; clashes marked; the
/// way in online when they may use it; and a secret calendar link to subscribe to.
/// </summary>
[Authorize]
public sealed class IndexModel(PlenaryDb db, JoinLinkChange join, TimeProvider clock, PublicOrigin origin, KeptAgendas agendas, KeptForums forums, IStringLocalizer<SharedResource> L) : ForumPageModel(db)
{
    public sealed record Item(Session Session, bool Clashes, JoinLinkChange.Join? Join);

    public Dictionary<string, string> Errors { get; } = [];
    public List<Item> Items { get; private set; } = [];
    public AgendaZone Zone { get; private set; }
    public ForumClock Clock { get; private set; } = null!;

    /// <summary>The person chose their own zone but their profile has none: times are in the forum's.</summary>
    public bool OwnZoneMissing { get; private set; }
    public string? OwnZone { get; private set; }
    public bool HasFeed { get; private set; }

    /// <summary>Shown once, right after it is made: only its hash is kept.</summary>
    public string? NewFeedUrl { get; private set; }

    private int Account => User.AccountId()!.Value;

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        // Read, never changed: from memory, as the programme takes it (a change on this instance counts at once).
        if (await forums.FindAsync(Db, forum, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }
        Show(found);
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAddAsync(string forum, string? session, string? returnUrl)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        var published = await PublishedTimetable.LoadAsync(Db, Forum.Id, HttpContext.RequestAborted);
        if (!int.TryParse(session, out var id) || !await Db.Sessions.AnyAsync(s => s.Id == id && s.ForumId == Forum.Id, HttpContext.RequestAborted) || !published.IsPublic(id))
        {
            this.ShowRefusal(Refusal.Of("session", L["There is no such session in this forum's programme, so nothing was added to your schedule."]), Errors);
            return await ShowAsync();
        }
        if (!await Db.AgendaEntries.AnyAsync(e => e.AccountId == Account && e.SessionId == id, HttpContext.RequestAborted))
        {
            Db.AgendaEntries.Add(new AgendaEntry { AccountId = Account, SessionId = id, ForumId = Forum.Id, SavedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await Db.SaveChangesAsync(HttpContext.RequestAborted);
            }
            catch (DbUpdateException)
            {
                // Two clicks at once: the other one saved it (the key refuses a second row); anything else is a real failure.
                if (!await Db.AgendaEntries.AnyAsync(e => e.AccountId == Account && e.SessionId == id))
                {
                    throw;
                }
            }
        }
        // Also when it was saved already (from another device, say): this device's buttons may be the ones out of date.
        agendas.Changed(HttpContext);
        return Back(returnUrl);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, string? session, string? returnUrl)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        if (int.TryParse(session, out var id))
        {
            await Db.AgendaEntries.Where(e => e.AccountId == Account && e.SessionId == id && e.ForumId == Forum.Id).ExecuteDeleteAsync(HttpContext.RequestAborted);
            agendas.Changed(HttpContext);
        }
        return Back(returnUrl);
    }

    public async Task<IActionResult> OnPostZoneAsync(string forum, string? zone)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        if (!EnumValue.TryParse<AgendaZone>(zone, out var chosen))
        {
            this.ShowRefusal(Refusal.Of("zone", L["Choose the time zone for your agenda: the forum's, UTC or your own."]), Errors);
            return await ShowAsync();
        }
        var settings = await SettingsAsync(tracked: true);
        settings.Zone = chosen;
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(AgendaLinks.Page(Forum.Slug));
    }

    /// <summary>Makes a new secret calendar link; the one before stops working at once.</summary>
    public async Task<IActionResult> OnPostFeedAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        var secret = AgendaQueries.NewFeedSecret();
        var settings = await SettingsAsync(tracked: true);
        settings.FeedHash = AgendaQueries.HashOf(secret);
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        NewFeedUrl = origin.Link(AgendaLinks.Feed(Forum.Slug, secret));
        return await ShowAsync();
    }

    private async Task<AgendaSettings> SettingsAsync(bool tracked)
    {
        var query = tracked ? Db.AgendaSettings.AsTracking() : Db.AgendaSettings;
        var settings = await query.FirstOrDefaultAsync(s => s.AccountId == Account && s.ForumId == Forum.Id, HttpContext.RequestAborted);
        if (settings is null)
        {
            settings = new AgendaSettings { AccountId = Account, ForumId = Forum.Id };
            if (tracked)
            {
                Db.AgendaSettings.Add(settings);
            }
        }
        return settings;
    }

    private IActionResult Back(string? returnUrl) =>
        returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(ForumLinks.Home(Forum.Slug) + "/", StringComparison.Ordinal)
            ? LocalRedirect(returnUrl)
            : Redirect(AgendaLinks.Page(Forum.Slug));

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        var settings = await SettingsAsync(tracked: false);
        Zone = settings.Zone;
        HasFeed = settings.FeedHash is not null || NewFeedUrl is not null;
        OwnZone = await Db.Users.Where(a => a.Id == Account).Select(a => a.TimeZoneId).FirstOrDefaultAsync(cancel);
        OwnZoneMissing = Zone == AgendaZone.Own && !ForumClock.Exists(OwnZone);
        Clock = AgendaClock.For(Zone, Forum.TimeZoneId, OwnZone);

        // A fixed number of queries whatever the number of saved sessions: the sessions, their released placements, and
        // the ways in (JoinLinkChange reads the links, roles and registration once for all of them).
        var sessions = await Db.Sessions.Include(s => s.Type).Include(s => s.Room)
            .Where(s => Db.AgendaEntries.Any(e => e.AccountId == Account && e.ForumId == Forum.Id && e.SessionId == s.Id)).ToListAsync(cancel);
        // The way in follows the working copy, like the session page, so it is read before the released times are applied.
        var ways = await join.ForAsync(User, sessions, cancel);
        var published = await PublishedTimetable.LoadForAsync(Db, Forum.Id, sessions.Select(s => s.Id).ToList(), cancel);
        var items = new List<(Session Session, JoinLinkChange.Join? Join)>();
        foreach (var s in sessions)
        {
            if (published.Apply(s, Forum))
            {
                items.Add((s, ways.GetValueOrDefault(s.Id)));
            }
        }
        var placed = items.Where(i => i.Session.StartsAt is not null && i.Session.Status == SessionStatus.Scheduled).Select(i => i.Session).ToList();
        Items = items
            .OrderBy(i => i.Session.StartsAt is null).ThenBy(i => i.Session.StartsAt).ThenBy(i => i.Session.Key, StringComparer.Ordinal)
            .Select(i => new Item(i.Session,
                i.Session.StartsAt is { } start && i.Session.Status == SessionStatus.Scheduled
                    && placed.Any(o => o.Id != i.Session.Id && o.StartsAt < i.Session.EndsAt && start < o.EndsAt),
                i.Join))
            .ToList();
        return Page();
    }
}
