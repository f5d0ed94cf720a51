using Microsoft.AspNetCore.Mvc;
using Plenary.Infrastructure.Data;
using Plenary.Features.Sessions;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Queue;

/// <summary>A page about one session's queue, the session loaded and allowed by the <see cref="SessionPolicyAttribute"/> the page declares.</summary>
public abstract class QueuePageModel(PlenaryDb db) : SessionPageModel(db)
{
    public Dictionary<string, string> Errors { get; } = [];

    protected CancellationToken Cancel => HttpContext.RequestAborted;

    protected int Account => User.AccountId() ?? throw new InvalidOperationException("A queue page without a signed-in account.");

    protected string Here(string page) => SessionLinks.Under(Forum.Slug, Session.Key, page);

    /// <summary>
    /// A change posted from the page, then back to the page (post, redirect, get), or the page again with the refusal at
    /// its field and its status.
    /// </summary>
    protected async Task<IActionResult> ChangeAsync(string page, Func<Task<QueueRefusal?>> change)
    {
        if (await change() is { } refused)
        {
            this.ShowRefusal(Refusal.Of(refused.Field, refused.Message).WithStatus(refused.Status), Errors);
            return await ShowAsync();
        }
        return Redirect(Here(page));
    }

    /// <summary>Loads what the page shows after a refused change.</summary>
    protected virtual Task<IActionResult> ShowAsync() => Task.FromResult<IActionResult>(Page());
}
