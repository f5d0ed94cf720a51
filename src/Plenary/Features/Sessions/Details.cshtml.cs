using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Sdgs;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sessions;

[AllowAnonymous]
public sealed class DetailsModel(PlenaryDb db, SdgCatalogue sdgs, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, Registrations.JoinLinkChange join) : ForumPageModel(db)
{
    public Session Session { get; private set; } = null!;
    public SdgCatalogue Sdgs { get; } = sdgs;
    public ForumClock ForumClock { get; private set; } = null!;

    /// <summary>Set when the reader asked for a zone other than the forum's and UTC.</summary>
    public ForumClock? ReaderClock { get; private set; }
    public string? TimeZoneError { get; private set; }

    /// <summary>The session's organisers and the Secretariat see the way to change it (signed-in pages are never cached).</summary>
    public bool MayEdit { get; private set; }

    /// <summary>The way in online, for those who may see it (signed-in pages only, never cached).</summary>
    public Registrations.JoinLinkChange.Join? Join { get; private set; }

    /// <summary>The rapporteur, organisers and Secretariat see the way to the outputs form.</summary>
    public bool MayWriteOutputs { get; private set; }

    /// <summary>For signed-in readers: whether the session is in their agenda (the "Add to my schedule" button). Null for visitors.</summary>
    public bool? InAgenda { get; private set; }

    /// <summary>The session is not in the released timetable yet: only its own people and the Secretariat see this page.</summary>
    public bool Unreleased { get; private set; }

    /// <summary>The session's texts in the reader's language where translated, the original elsewhere.</summary>
    public SessionContent Texts { get; private set; } = null!;

    /// <param name="lang">
    /// The content language asked for (a shareable link to one version); without it, the reader's interface language.
    /// The interface stays in the reader's language either way.
    /// </param>
    public async Task<IActionResult> OnGetAsync(string forum, string key, string? tz, string? lang)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        var session = await Db.FindSessionAsync(Forum.Id, key, HttpContext.RequestAborted);
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
            InAgenda = await Agenda.AgendaQueries.HasAsync(Db, User, session.Id, HttpContext.RequestAborted);
        }
        // The way in (above) follows the working copy: a meeting happens when its organisers hold it. Everything else
        // on the page shows the released timetable.
        Unreleased = !(await Releases.PublishedTimetable.LoadAsync(Db, Forum.Id, HttpContext.RequestAborted)).Apply(session, Forum);
        if (Unreleased && !MayEdit && !MayWriteOutputs && Join is null)
        {
            return NotFound();
        }
        Texts = await SessionContent.LoadAsync(Db, Forum, session, string.IsNullOrWhiteSpace(lang) ? System.Globalization.CultureInfo.CurrentUICulture.Name : lang,
            HttpContext.RequestAborted);
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
        return Page();
    }
}
