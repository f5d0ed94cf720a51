using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Plenary.Features.Accounts;
using Plenary.Features.Sdgs;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Demo;

/// <summary>How large a demo forum to seed. The defaults give an IGF 2022-like edition; the benchmark asks for IGF scale.</summary>
public sealed class DemoOptions
{
    public const string Section = "Plenary:Demo";

    public int Sessions { get; set; } = 130;
    public int Rooms { get; set; } = 10;
    public int People { get; set; } = 650;

    /// <summary>Fixed so that every fresh install shows the same demo forum.</summary>
    public int RandomSeed { get; set; } = 2022;

    /// <summary>
    /// Whether the live demo's demo accounts get the published password (<see cref="DemoAccounts"/>). Unset: only in the
    /// Development environment. Never in Production.
    /// </summary>
    public bool? Accounts { get; set; }
}

public static class DemoForumSetup
{
    public static WebApplicationBuilder AddDemoForum(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        return builder;
    }

    /// <summary>
    /// Seeds the demo forums on first start: only when enabled and the database holds no forum. IGF 2022 is a forum that is
    /// over; the live demo forum (<see cref="DemoForum.BuildLive"/>) is running at the moment of seeding. Then, at every start,
    /// the demo accounts' password is printed or taken away as the configuration says (<see cref="DemoAccounts"/>).
    /// </summary>
    public static async Task SeedDemoForumAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var db = services.GetRequiredService<PlenaryDb>();
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SeedDemo && !await db.Forums.AnyAsync())
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var sdgs = services.GetRequiredService<SdgCatalogue>();
            var demo = DemoForum.Build(sdgs, options);
            WarnOfWhatDidNotFit(app.Logger, options, demo);
            var live = DemoForum.BuildLive(sdgs, demo, now, options.RandomSeed);
            await DemoForum.SaveAsync(db, demo, live.Content);
            await Releases.ReleaseChange.SeedAsync(db, demo.Forum.Id, "v1", now);
            // Hashed once for all the demo accounts: the password is public anyway, and each hash costs a tenth of a second.
            var hash = DemoAccounts.Allowed(options, app.Environment)
                ? services.GetRequiredService<IPasswordHasher<Account>>().HashPassword(new Account(), DemoAccounts.Password)
                : null;
            await LiveDemo.SeedAsync(services, live, hash, default);
            app.Logger.LogInformation("Seeded the demo forums in {Seconds:0.0} s: {Forum} with {Sessions} sessions, and {Live}, running now ({From:yyyy-MM-dd} to {To:yyyy-MM-dd} in {City}), with {LiveSessions} sessions.",
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, demo.Forum.Name, demo.Sessions.Count, live.Content.Forum.Name,
                live.Content.Forum.FirstDay, live.Content.Forum.LastDay, live.Content.Forum.HostCity, await db.Sessions.CountAsync(s => s.ForumId == live.Content.Forum.Id));
            // Seeding an IGF-size forum leaves about 60 MB of garbage (the change tracker's graph) that a quiet server would
            // otherwise keep as resident memory long after: collected and given back once, before the first request.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        await DemoAccounts.AtStartAsync(db, options, app.Environment, app.Logger, default);
    }

    /// <summary>
    /// A size beyond what the demo's rooms, days and session numbers hold gets what fits, and the log says what was left
    /// out and what to ask for instead, so that an operator asking for an IGF ten times over sees why the forum is smaller.
    /// </summary>
    private static void WarnOfWhatDidNotFit(ILogger log, DemoOptions options, DemoContent demo)
    {
        var rooms = DemoForum.RoomsOf(options);
        if (rooms != options.Rooms)
        {
            log.LogWarning("Plenary:Demo:Rooms asks for {Asked} rooms; the demo forum has from 2 to {Most}, so it has {Rooms}.", options.Rooms, DemoForum.MostRooms, rooms);
        }
        if (demo.LeftOut > 0)
        {
            var days = demo.Forum.LastDay.DayNumber - demo.Forum.FirstDay.DayNumber + 1;
            log.LogWarning("Plenary:Demo:Sessions asks for {Asked} sessions, more than the demo forum's {Rooms} rooms over its {Days} days hold: it has the {Sessions} that fit, and the other {LeftOut} were left out.",
                options.Sessions, rooms, days, demo.Sessions.Count, demo.LeftOut);
        }
    }
}
