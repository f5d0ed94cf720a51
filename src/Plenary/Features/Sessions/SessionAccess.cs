using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Sessions;

/// <summary>
/// The rules for changing sessions that pages and API share, and the session roles access reads. Who may change a
/// session is the policy <see cref="Policies.EditSession"/>: an organiser may change their own session's description,
/// SDGs and people, never its place in the timetable; the forum's Secretariat and site administrators any session.
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

    /// <summary>The session roles the visitor's own person holds in a session.</summary>
    public static async Task<List<SessionRoleKind>> RolesInAsync(this PlenaryDb db, ClaimsPrincipal user, int sessionId, CancellationToken cancel = default)
    {
        if (user.AccountId() is not { } account)
        {
            return [];
        }
        return await (from r in db.SessionRoles
                      join a in db.Users on r.PersonId equals a.PersonId
                      where r.SessionId == sessionId && a.Id == account
                      select r.Kind).Distinct().ToListAsync(cancel);
    }
}
