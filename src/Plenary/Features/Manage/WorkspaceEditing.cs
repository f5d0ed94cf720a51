using Plenary.Features.Forums;

namespace Plenary.Features.Manage;

/// <summary>The workspace's changes that pages and the API share, one rule set each.</summary>
public static class WorkspaceEditing
{
    public static WebApplicationBuilder AddWorkspaceEditing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ForumChange>();
        builder.Services.AddScoped<SessionTypeChange>();
        builder.Services.AddScoped<SubthemeChange>();
        builder.Services.AddScoped<PersonChange>();
        builder.Services.AddScoped<InvitationChange>();
        return builder;
    }
}
