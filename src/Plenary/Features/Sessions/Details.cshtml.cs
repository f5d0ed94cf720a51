using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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
public sealed class DetailsModel(PlenaryDb db, SdgCatalogue sdgs, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, Registrations.JoinLinkChange join, SharedParts shared, KeptForums forums, Agenda.KeptAgendas agendas) : ForumPageModel(db)
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

    /// <summary>The name of the session page's shared part.</summary>
    public const string SharedPartName = "session";

    /// <summary>
    /// A signed-in reader with no part in the session sees what every such reader sees but for the agenda button and
    /// the way in: that page is shared (see <see cref="SharedParts"/>). Its organisers, rapporteur and Secretariat see
    /// more of it (the ways to change it, sections that are not public), so theirs is rendered for them alone.
    /// </summary>
    public bool SharesPage => InAgenda is not null && !MayEdit && !MayWriteOutputs && !Unreleased && TimeZoneError is null;

    /// <summary>The shared page kept for this address and language, when there was one; then the record is not loaded.</summary>
    public SharedPart? Shared { get; private set; }

    /// <summary>The session's texts in the reader's language where translated, the original elsewhere.</summary>
    public SessionContent Texts { get; private set; } = null!;

    /// <param name="lang">
    /// The content language asked for (a shareable link to one version); without it, the reader's interface language.
    /// The interface stays in the reader's language either way.
    /// </param>
    public async Task<IActionResult> OnGetAsync(string forum, string key, string? tz, string? lang)
    {
        // With the shared page kept, the forum is needed only for the layout, the released timetable and the clock: the
        // forum kept in memory, which lives no longer than the page. Read, never changed, on either path below.
        var kept = User.Identity?.IsAuthenticated == true
            ? await shared.GetAsync(SharedParts.KeyFor(HttpContext, SharedPartName), HttpContext.RequestAborted)
            : null;
        if ((kept is not null ? await forums.FindAsync(Db, forum, HttpContext.RequestAborted) : await Db.FindForumAsync(forum, HttpContext.RequestAborted)) is not { } found)
        {
            return NotFound();
        }
        Show(found);
        // The session alone first: who the reader is to it decides whether the page is theirs or the one all share.
        var session = await Db.FindSessionHeadAsync(Forum.Id, key, HttpContext.RequestAborted);
        if (session is null)
        {
            return NotFound();
        }
        Session = session;
        if (User.Identity?.IsAuthenticated == true)
        {
            MayEdit = (await authorization.AuthorizeAsync(User, session, Policies.EditSession)).Succeeded;
            Join = await join.ForAsync(User, session, HttpContext.RequestAborted);
            MayWriteOutputs = (await authorization.AuthorizeAsync(User, session, Policies.WriteOutputs)).Succeeded;
            InAgenda = (await agendas.SavedAsync(HttpContext, Db, Forum.Id))?.Contains(session.Id);
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
        if (SharesPage && kept is not null)
        {
            Shared = kept;
            return Page();
        }
        if (await Db.FindSessionAsync(Forum.Id, key, HttpContext.RequestAborted) is not { } whole)
        {
            return NotFound();
        }
        published.Apply(whole, Forum);
        Session = whole;
        Texts = await SessionContent.LoadAsync(Db, Forum, whole, string.IsNullOrWhiteSpace(lang) ? System.Globalization.CultureInfo.CurrentUICulture.Name : lang,
            HttpContext.RequestAborted);
        return Page();
    }
}
