using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Manage;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Queue;

/// <summary>A page about one session's queue: finds the session and checks the visitor against one of <see cref="QueueAccess"/>'s policies.</summary>
[Authorize]
public abstract class QueuePageModel(PlenaryDb db, IAuthorizationService authorization) : ForumPageModel(db)
{
    protected IAuthorizationService Authorization { get; } = authorization;
    public Session Session { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; } = [];
    protected int Account => User.AccountId() ?? throw new InvalidOperationException("A queue page without a signed-in account.");
    protected CancellationToken Cancel => HttpContext.RequestAborted;

    /// <summary>Null when the visitor may go on; otherwise the answer (not found, or sent to the "denied" page).</summary>
    protected async Task<IActionResult?> DeniedAsync(string forum, string key, string policy)
    {
        if (!await LoadForumAsync(forum) || await Db.FindSessionAsync(Forum.Id, key, Cancel) is not { } session)
        {
            return NotFound();
        }
        Session = session;
        return (await Authorization.AuthorizeAsync(User, session, policy)).Succeeded ? null : Forbid();
    }

    protected string Here(string page) => SessionLinks.Under(Forum.Slug, Session.Key, page);

    /// <summary>
    /// A change posted from the page: allowed by <paramref name="policy"/>, then back to the page (post, redirect, get),
    /// or the page again with the refusal at its field and its status.
    /// </summary>
    protected async Task<IActionResult> ChangeAsync(string forum, string key, string policy, string page, Func<Task<QueueRefusal?>> change)
    {
        if (await DeniedAsync(forum, key, policy) is { } denied)
        {
            return denied;
        }
        if (await change() is { } refused)
        {
            Errors[refused.Field] = refused.Message;
            Response.StatusCode = refused.Status;
            return await ShowAsync();
        }
        return Redirect(Here(page));
    }

    /// <summary>Loads what the page shows after a refused change.</summary>
    protected virtual Task<IActionResult> ShowAsync() => Task.FromResult<IActionResult>(Page());
}
