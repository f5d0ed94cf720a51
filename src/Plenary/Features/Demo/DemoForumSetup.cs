using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
}

public static class DemoForumSetup
{
    public static WebApplicationBuilder AddDemoForum(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        return builder;
    }

    /// <summary>Seeds the demo forum on first start: only when enabled and the database holds no forum.</summary>
    public static async Task SeedDemoForumAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (!services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SeedDemo)
        {
            return;
        }
        var db = services.GetRequiredService<PlenaryDb>();
        if (await db.Forums.AnyAsync())
        {
            return;
        }
        var demo = DemoForum.Build(services.GetRequiredService<SdgCatalogue>(), services.GetRequiredService<IOptions<DemoOptions>>().Value);
        await DemoForum.SaveAsync(db, demo);
        await Releases.TimetableReleasing.SeedAsync(db, demo.Forum.Id, "v1", services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        app.Logger.LogInformation("Seeded the demo forum {Forum} with {Sessions} sessions.", demo.Forum.Name, demo.Sessions.Count);
        // Seeding an IGF-size forum leaves about 60 MB of garbage (the change tracker's graph) that a quiet server would
        // otherwise keep as resident memory long after: collected and given back once, before the first request.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
