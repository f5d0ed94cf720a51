using Plenary.Kernel.Access;

namespace Plenary.Features.Reports;

/// <summary>The reports' services. Who may write a session's outputs is the policy <see cref="Policies.WriteOutputs"/>.</summary>
public static class ReportAccess
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReportChange>();
        builder.Services.AddScoped<Reminders>();
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(ReminderOptions.Section));
        builder.Services.AddSingleton<ReminderSweeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReminderSweeper>());
        return builder;
    }
}
