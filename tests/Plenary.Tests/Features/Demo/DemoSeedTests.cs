using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Demo;

/// <summary>First start seeds the demo forum; later starts on the same data folder keep what is there.</summary>
public sealed class DemoSeedTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("plenary-seed-").FullName;

    [Fact]
    public async Task Restart_on_the_same_data_folder_keeps_changes_and_does_not_seed_again()
    {
        int sessions;
        await using (var first = new AppOnFolder(folder))
        {
            await first.InitializeAsync();
            sessions = await first.InDbAsync(db => db.Sessions.CountAsync());
            await first.InDbAsync(db => db.Sessions.Where(s => s.Number == 56 && s.Type.Code == "OF")
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Title, "Renamed before the restart")));
        }
        await using (var second = new AppOnFolder(folder))
        {
            await second.InitializeAsync();
            (await second.InDbAsync(db => db.Forums.CountAsync())).ShouldBe(1);
            (await second.InDbAsync(db => db.Sessions.CountAsync())).ShouldBe(sessions);
            var (_, page) = await second.GetPageAsync("/igf2022/sessions/of-56");
            page.QuerySelector("h1")!.TextContent.ShouldBe("Renamed before the restart");
        }
    }

    [Fact]
    public async Task Without_the_demo_the_front_page_says_no_forum_is_set_up()
    {
        await using var app = new AppOnFolder(folder, seedDemo: false);
        await app.InitializeAsync();
        (await app.InDbAsync(db => db.Forums.CountAsync())).ShouldBe(0);
        var (_, page) = await app.GetPageAsync("/");
        page.QuerySelector("main")!.TextContent.ShouldContain("No forum has been set up yet.");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class AppOnFolder(string folder, bool seedDemo = true) : PlenaryApp(folder)
    {
        public override string Provider => "SQLite";

        protected override void UseDatabase(IWebHostBuilder web) => web.UseSetting("Plenary:SeedDemo", seedDemo ? "true" : "false");
    }
}
