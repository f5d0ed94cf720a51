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

    [Fact]
    public async Task A_demo_larger_than_its_rooms_and_days_gets_what_fits_and_the_log_says_what_was_left_out()
    {
        await using var app = new AppOnFolder(folder, settings: new() { ["Plenary:Demo:Sessions"] = "3000", ["Plenary:Demo:Rooms"] = "40" });
        await app.InitializeAsync();

        var forum = await app.InDbAsync(db => db.Forums.Where(f => f.Slug == DemoForum.Slug).Select(f => f.Id).SingleAsync());
        var sessions = await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == forum).Select(s => new { s.StartsAt, s.RoomId }).ToListAsync());
        var rooms = await app.InDbAsync(db => db.Rooms.CountAsync(r => r.ForumId == forum));
        rooms.ShouldBe(14);
        sessions.Count.ShouldBeInRange(100, 2999);
        sessions.ShouldAllBe(s => s.StartsAt != null && s.RoomId != null);
        var warnings = app.Log.Since(0).Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Message).ToList();
        warnings.ShouldContain("Plenary:Demo:Rooms asks for 40 rooms; the demo forum has from 2 to 14, so it has 14.");
        warnings.ShouldContain($"Plenary:Demo:Sessions asks for 3000 sessions, more than the demo forum's 14 rooms over its 5 days hold: it has the {sessions.Count} that fit, and the other {3000 - sessions.Count} were left out.");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class AppOnFolder(string folder, bool seedDemo = true, string? environment = null, bool? accounts = null,
        Dictionary<string, string>? settings = null) : PlenaryApp(folder)
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
            foreach (var (key, setting) in settings ?? [])
            {
                web.UseSetting(key, setting);
            }
        }
    }
}
