using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Demo;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Demo;

/// <summary>First start seeds the demo forums; later starts on the same data folder keep what is there.</summary>
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
            (await second.InDbAsync(db => db.Forums.Select(f => f.Slug).OrderBy(s => s).ToListAsync())).ShouldBe([DemoForum.Slug, DemoForum.LiveSlug]);
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

    [Fact]
    public async Task A_database_seeded_in_development_loses_the_demo_password_when_started_in_production()
    {
        var secretariat = DemoAccounts.Email(DemoRole.Secretariat);
        await using (var development = new AppOnFolder(folder, environment: "Development"))
        {
            await development.InitializeAsync();
            (await development.SignInAsync(development.CreateVisitor(), secretariat, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        // Even told to keep them, Production does not.
        await using var production = new AppOnFolder(folder, accounts: true);
        await production.InitializeAsync();
        (await production.SignInAsync(production.CreateVisitor(), secretariat, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await production.InDbAsync(db => db.Users.CountAsync(a => a.Email!.EndsWith("@" + DemoForum.DemoDomain) && a.PasswordHash != null))).ShouldBe(0);
    }

    [Fact]
    public async Task Outside_development_the_demo_accounts_are_there_only_when_asked_for()
    {
        await using var staging = new AppOnFolder(folder, environment: "Staging", accounts: true);
        await staging.InitializeAsync();

        (await staging.SignInAsync(staging.CreateVisitor(), DemoAccounts.Email(DemoRole.Reviewer), DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class AppOnFolder(string folder, bool seedDemo = true, string? environment = null, bool? accounts = null) : PlenaryApp(folder)
    {
        public override string Provider => "SQLite";

        protected override void UseDatabase(IWebHostBuilder web)
        {
            web.UseSetting("Plenary:SeedDemo", seedDemo ? "true" : "false");
            if (environment is not null)
            {
                web.UseEnvironment(environment);
            }
            if (accounts is { } value)
            {
                web.UseSetting("Plenary:Demo:Accounts", value ? "true" : "false");
            }
        }
    }
}
