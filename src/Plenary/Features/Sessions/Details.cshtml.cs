using Microsoft.AspNetCore.Authorization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Sdgs;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Caching;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sessions;

[AllowAnonymous]
[KeepWhole]
[SessionOutputsShown(SessionOutputs.OfItsSession)]
public sealed class DetailsModel(PlenaryDb db, SdgCatalogue sdgs, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, Registrations.JoinLinkChange join,
    KeptPages kept, KeptForums forums, Agenda.KeptAgendas agendas, IStringLocalizer<SharedResource> L, HtmlEncoder encoder) : ForumPageModel(db)
{
    public Session Session { get; private set; } = null!;
    public SdgCatalogue Sdgs { get; } = sdgs;
    public ForumClock ForumClock { get; private set; } = null!;

    /// <summary>Set when the reader asked for a zone other than the forum's and UTC.</summary>
    public ForumClock? ReaderClock { get; private set; }
    public string? TimeZoneError { get; private set; }

    /// <summary>The session's organisers and the Secretariat see the way to change it (and its record sections that are not public).</summary>
    public bool MayEdit { get; private set; }

    /// <summary>The way in online, for those who may see it (a personal part: never in a cached or shared page).</summary>
    public Registrations.JoinLinkChange.Join? Join { get; private set; }

    /// <summary>The rapporteur, organisers and Secretariat see the way to the outputs form.</summary>
    public bool MayWriteOutputs { get; private set; }

    /// <summary>For signed-in readers: whether the session is in their agenda (the "Add to my schedule" button). Null for visitors.</summary>
    public bool? InAgenda { get; private set; }

    /// <summary>The session is not in the released timetable yet: only its own people and the Secretariat see this page.</summary>
    public bool Unreleased { get; private set; }

    /// <summary>The name of the session page when kept whole.</summary>
    public const string SharedPartName = "session";

    /// <summary>The kept page's slot for the reader's way in online.</summary>
    public const string JoinSlot = "join";

    /// <summary>
    /// A signed-in reader with no part in the session sees what every such reader sees but for their agenda button and
    /// the way in: that page is kept whole (<see cref="KeptPages"/>) and served to them all, with the agenda button of
    /// their choice (both buttons are in the page; their own stylesheet shows one, as on the programme) and their way
    /// in put into its slot. Its organisers, rapporteur and Secretariat see more of it (the ways to change it, sections
    /// that are not public), so theirs is rendered for them alone.
    /// </summary>
    public bool SharesPage => InAgenda is not null && !MayEdit && !MayWriteOutputs && !Unreleased && TimeZoneError is null;

    /// <summary>The session's texts in the reader's language where translated, the original elsewhere.</summary>
    public SessionContent Texts { get; private set; } = null!;

    /// <param name="lang">
    /// The content language asked for (a shareable link to one version); without it, the reader's interface language.
    /// The interface stays in the reader's language either way.
    /// </param>
    public async Task<IActionResult> OnGetAsync(string forum, string key, string? tz, string? lang)
    {
        // A dozen statements or so follow, whichever way the page goes: the connection is opened once for them all (the
        // context closes it when the request ends), not taken from the pool and given back for each.
        await Db.Database.OpenConnectionAsync(HttpContext.RequestAborted);
        var keptKey = KeptPages.KeyFor(HttpContext, SharedPartName);
        if (User.Identity?.IsAuthenticated == true && await kept.GetAsync(keptKey, HttpContext.RequestAborted) is { } page
            && await KeptAsync(page, forum) is { } served)
        {
            return served;
        }
        // The forum kept in memory, as the kept pages, the agenda and the live page take it: it is dropped on every whole
        // eviction of this instance's public cache (its own writes or another instance's), which is also what empties
        // the copies of this page, so a page rendered from it is never older than one served from the cache. Read from
        // the database, its graph was five statements and the largest part of this page's CPU when not cached.
        if (await forums.FindAsync(Db, forum, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }
        Show(found);
        // The record at once, not the session alone first and then again with its record: every page shown needs it,
        // and reading the session twice by its key was a statement more per page rendered.
        if (await Db.FindSessionAsync(Forum.Id, key, HttpContext.RequestAborted) is not { } session)
        {
            return NotFound();
        }
        Session = session;
        // The page shows this session's takeaways and reports, and no other's: its copies are evicted by this session's alone.
        SessionOutputsShownAttribute.Of(HttpContext, session.Id);
        if (User.Identity?.IsAuthenticated == true)
        {
            await ReadPersonalAsync(session, Forum.Id);
        }
        // The way in (above) follows the working copy: a meeting happens when its organisers hold it. Everything else
        // on the page shows the released timetable.
        var published = await Releases.PublishedTimetable.LoadForAsync(Db, Forum.Id, session.Id, HttpContext.RequestAborted);
        Unreleased = !published.Apply(session, Forum);
        if (Unreleased && !MayEdit && !MayWriteOutputs && Join is null)
        {
            return NotFound();
        }
        ForumClock = ForumClock.For(Forum.TimeZoneId);
        if (!string.IsNullOrWhiteSpace(tz))
        {
            if (ForumClock.TryCreate(tz.Trim(), out var reader))
            {
                ReaderClock = reader;
            }
            else
            {
                TimeZoneError = tz.Length > 40 ? tz[..40] + "…" : tz;
                this.ShowRefusalInPlace();
            }
        }
        Texts = await SessionContent.LoadAsync(Db, Forum, session, string.IsNullOrWhiteSpace(lang) ? System.Globalization.CultureInfo.CurrentUICulture.Name : lang,
            HttpContext.RequestAborted);
        if (SharesPage)
        {
            ViewData[LayoutData.PersonalStyle] = true;
            KeepWholeAttribute.Keep(HttpContext, keptKey, Forum.Id, Personal(session, Forum), session.Id);
        }
        return Page();
    }

    /// <summary>Who the reader is to the session: what only they see (the ways to change it, their way in, their agenda button).</summary>
    private async Task ReadPersonalAsync(Session session, int forumId)
    {
        MayEdit = (await authorization.AuthorizeAsync(User, session, Policies.EditSession)).Succeeded;
        MayWriteOutputs = (await authorization.AuthorizeAsync(User, session, Policies.WriteOutputs)).Succeeded;
        Join = await join.ForAsync(User, session, HttpContext.RequestAborted);
        InAgenda = (await agendas.SavedAsync(HttpContext, forumId))?.Contains(session.Id);
    }

    /// <summary>
    /// The page kept whole for this address and language, with this reader's parts: when the reader is one of those who
    /// share it. Null when they see more of the session than the kept page shows (they get theirs rendered), or when the
    /// kept page's session or forum is no longer there.
    /// </summary>
    private async Task<IActionResult?> KeptAsync(KeptPage page, string slug)
    {
        // The session as it is now (the way in follows the working copy), and the forum kept in memory, which lives no
        // longer than the page: for the reader's parts, never for what the page shows.
        if (await forums.FindAsync(Db, slug, HttpContext.RequestAborted) is not { } found || found.Id != page.ForumId
            || await Db.FindSessionHeadAsync(page.Subject) is not { } session || session.ForumId != found.Id)
        {
            return null;
        }
        await ReadPersonalAsync(session, found.Id);
        if (!SharesPage)
        {
            return null;
        }
        return new KeptPageResult(page, Personal(session, found));
    }

    private PersonalParts Personal(Session session, Forum forum) => new(
        InAgenda == true ? Agenda.AgendaButtons.StyleFor([session.Id]) : null,
        new Dictionary<string, string>
        {
            [JoinSlot] = Join is { } way ? Registrations.JoinButton.Text(way, forum.Slug, session.Key, ForumClock.For(forum.TimeZoneId), L, encoder) : "",
        });
}
