using Microsoft.AspNetCore.Authorization;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reports;

/// <summary>
/// Who may write a session's outputs, declared once: its rapporteur, its organisers, and the forum's Secretariat and site
/// administrators. Read from the session's roles at each request, so a rapporteur named today may write at once.
/// </summary>
public static class ReportAccess
{
    public const string WriteOutputs = "WriteSessionOutputs";

    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReportChange>();
        builder.Services.AddScoped<Reminders>();
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(ReminderOptions.Section));
        builder.Services.AddSingleton<ReminderSweeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReminderSweeper>());
        builder.Services.AddScoped<IAuthorizationHandler, OutputWritersHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(WriteOutputs, policy => policy.RequireAuthenticatedUser().AddRequirements(new OutputWritersRequirement()));
        return builder;
    }
}

public sealed record OutputWritersRequirement : IAuthorizationRequirement;

public sealed class OutputWritersHandler(PlenaryDb db) : AuthorizationHandler<OutputWritersRequirement, Session>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OutputWritersRequirement requirement, Session session)
    {
        if (await db.RunsForumAsync(context.User, session.ForumId)
            || (await db.RolesInAsync(context.User, session.Id)).Any(r => r is SessionRoleKind.Rapporteur or SessionRoleKind.Organiser))
        {
            context.Succeed(requirement);
        }
    }
}
