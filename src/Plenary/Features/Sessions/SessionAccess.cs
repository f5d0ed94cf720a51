using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Sessions;

/// <summary>
/// The rules for changing sessions that pages and API share. Who may change a
/// session is the policy <see cref="Policies.EditSession"/>: an organiser may change their own session's description,
/// SDGs and people, never its place in the timetable; the forum's Secretariat and site administrators any session.
/// The roles themselves are read by <see cref="ReaderRoles"/>.
/// </summary>
public static class SessionAccess
{
    public static WebApplicationBuilder AddSessionEditing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SessionChange>();
        builder.Services.AddScoped<SessionRoleChange>();
        builder.Services.AddScoped<RecordSectionChange>();
        // As the public cache does: options configured for PlenaryDb would never reach the provider's own context class.
        builder.Services.AddSingleton<SessionVersions>();
        builder.Services.AddSingleton<Schedule.CalendarSequence>();
        builder.Services.ConfigureDbContext<SqlitePlenaryDb>((services, options) => options.AddInterceptors(
            services.GetRequiredService<SessionVersions>(), services.GetRequiredService<Schedule.CalendarSequence>()), ServiceLifetime.Singleton);
        builder.Services.ConfigureDbContext<PostgresPlenaryDb>((services, options) => options.AddInterceptors(
            services.GetRequiredService<SessionVersions>(), services.GetRequiredService<Schedule.CalendarSequence>()), ServiceLifetime.Singleton);
        return builder;
    }
}
