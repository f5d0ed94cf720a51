using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Audit;

namespace Plenary.Features.VisaLetters;

/// <summary>
/// Deletes the passport fields of every request of a forum that ended its retention time ago (the forum's setting, 90
/// days by default, counted from the end of its last day in its own time zone). Nothing else is deleted: the letter's
/// verification page still answers "genuine" or "revoked", without a name.
/// </summary>
public sealed class VisaRetention(PlenaryDb db, TimeProvider clock)
{
    private static readonly ClaimsPrincipal Plenary = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "Plenary (retention of passport data)")]));

    public async Task<int> SweepAsync(CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var forums = await (from f in db.Forums
                            where db.VisaRequests.Any(r => r.ForumId == f.Id && r.SealedPassport != null)
                            select new { f.Id, f.Slug, f.LastDay, f.TimeZoneId, Days = db.VisaLetterSettings.Where(s => s.ForumId == f.Id).Select(s => (int?)s.RetentionDays).FirstOrDefault() })
            .ToListAsync(cancel);
        var deleted = 0;
        foreach (var forum in forums)
        {
            var due = ForumClock.For(forum.TimeZoneId).DayBounds(forum.LastDay).End.AddDays(forum.Days ?? VisaLetterSettings.DefaultRetentionDays);
            if (now < due)
            {
                continue;
            }
            var requests = await db.VisaRequests.AsTracking().Where(r => r.ForumId == forum.Id && r.SealedPassport != null).ToListAsync(cancel);
            foreach (var request in requests)
            {
                (request.SealedPassport, request.PassportDeletedAt) = (null, now);
            }
            db.Record(Plenary, clock, forum.Id, "visa.delete", $"{requests.Count} requests", null, new { Requests = requests.Select(r => r.Id).ToList(), Due = due });
            await db.SaveChangesAsync(cancel);
            deleted += requests.Count;
        }
        return deleted;
    }
}

/// <summary>Runs the deletion every hour on every instance; deleting twice deletes nothing more.</summary>
public sealed class VisaRetentionSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<VisaRetentionSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async Task<int> SweepOnceAsync(CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<VisaRetention>(scope.ServiceProvider, clock).SweepAsync(cancel);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                if (await SweepOnceAsync(stoppingToken) is > 0 and var deleted)
                {
                    logger.LogInformation("Deleted the passport data of {Count} visa letter requests past their forum's retention time.", deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unreachable at start or during an outage; the next round retries.
                logger.LogWarning(e, "Deleting expired passport data failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}

public static class VisaLetterSetup
{
    public static WebApplicationBuilder AddVisaLetters(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PassportSeal>();
        builder.Services.AddScoped<VisaLetterChange>();
        builder.Services.AddScoped<VisaRetention>();
        builder.Services.AddSingleton<VisaRetentionSweeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<VisaRetentionSweeper>());
        return builder;
    }
}
