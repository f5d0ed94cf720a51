using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Manage;

/// <summary>A page of a forum's workspace: signed in, and allowed to manage that forum, or turned away.</summary>
[Authorize]
public abstract class ManagePageModel(PlenaryDb db, IAuthorizationService authorization) : ForumPageModel(db)
{
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Null when the forum exists and the visitor may manage it; otherwise the answer to give.</summary>
    protected async Task<IActionResult?> DeniedAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        return (await authorization.AuthorizeAsync(User, Forum, ForumAccess.Manage)).Succeeded ? null : Forbid();
    }
}
