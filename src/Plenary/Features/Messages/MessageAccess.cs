using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Manage;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Messages;

/// <summary>
/// Who writes the forum's messages, declared once: its Secretariat, the message editors the Secretariat names on the team
/// page (forum role <see cref="ForumRole.MessageEditor"/>), and site administrators. Publishing the outcome document stays
/// with the Secretariat (<see cref="ForumAccess.Manage"/>).
/// </summary>
public static class MessageAccess
{
    public const string Edit = "EditForumMessages";

    public static WebApplicationBuilder AddMessages(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IAuthorizationHandler, MessageEditorsHandler>();
        builder.Services.AddScoped<OutcomeQueries>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Edit, policy => policy.RequireAuthenticatedUser().AddRequirements(new MessageEditorsRequirement()));
        return builder;
    }
}

public sealed record MessageEditorsRequirement : IAuthorizationRequirement;

public sealed class MessageEditorsHandler(PlenaryDb db) : AuthorizationHandler<MessageEditorsRequirement, Forum>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, MessageEditorsRequirement requirement, Forum forum)
    {
        if (context.User.IsAdministrator()
            || (context.User.AccountId() is { } account && await db.ForumMembers.AnyAsync(m => m.ForumId == forum.Id && m.AccountId == account
                && (m.Role == ForumRole.Secretariat || m.Role == ForumRole.MessageEditor))))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>A page of the messages workspace: signed in, and an editor of that forum's messages, or turned away.</summary>
[Authorize]
public abstract class MessagesPageModel(PlenaryDb db, IAuthorizationService authorization) : ForumPageModel(db)
{
    protected IAuthorizationService Authorization { get; } = authorization;

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Null when the forum exists and the visitor may edit its messages; otherwise the answer to give.</summary>
    protected async Task<IActionResult?> DeniedAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        return (await Authorization.AuthorizeAsync(User, Forum, MessageAccess.Edit)).Succeeded ? null : Forbid();
    }
}
