using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Plenary.Features.Certificates;
using Plenary.Features.Registrations;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Features.Sessions;

/// <summary>
/// The "Join online" button's way to the meeting: it notes that the participant followed the session online (for their
/// certificate of attendance, <see cref="Attendance.RecordOnlineAsync"/>), then sends them to the meeting's address. The
/// address and its passcode stay what <see cref="JoinLinkChange.ForAsync"/> gives this visitor: no one reaches a meeting
/// through here that the session page would not have shown them, and before the way in opens they are sent back to the page.
/// </summary>
[Authorize]
// The answer is a redirect to one person's meeting address: no shared copy.
[OutputCache(NoStore = true)]
public sealed class JoinModel(PlenaryDb db, JoinLinkChange joins, Attendance attendance) : ForumPageModel(db)
{
    public async Task<IActionResult> OnGetAsync(string forum, string key)
    {
        if (!await LoadForumAsync(forum) || await Db.FindSessionAsync(Forum.Id, key, HttpContext.RequestAborted) is not { } session)
        {
            return NotFound();
        }
        if (await joins.ForAsync(User, session, HttpContext.RequestAborted) is not { IsOpen: true } join)
        {
            return Redirect(SessionLinks.Page(Forum.Slug, session.Key));
        }
        await attendance.RecordOnlineAsync(session, User.AccountId()!.Value, PresenceSource.JoinLink, HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return Redirect(join.Url);
    }
}
