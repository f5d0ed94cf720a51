using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;

namespace Plenary.Features.Manage;

/// <summary>The workspace's changes that pages and the API share, one rule set each.</summary>
public static class WorkspaceEditing
{
    public static WebApplicationBuilder AddWorkspaceEditing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ForumCreation>();
        builder.Services.AddScoped<SessionTypeChange>();
        builder.Services.AddScoped<SubthemeChange>();
        builder.Services.AddScoped<PersonChange>();
        builder.Services.AddScoped<InvitationSending>();
        return builder;
    }
}
