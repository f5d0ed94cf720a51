using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>
/// The app as a newcomer runs it (the Development environment, demo accounts on) with its clock stopped at
/// <see cref="Now"/>: the live demo forum is seeded around that instant, and every page reads the same instant, so the
/// states the demo promises (a session on now, takeaways due within the hour) can be checked exactly.
/// </summary>
public abstract class LiveDemoApp : PlenaryApp
{
    /// <summary>A Wednesday, 11:07 in Lisbon (summer time); in the future, so cookies the app dates from it stay valid for the client.</summary>
    public static readonly DateTime Now = new(2031, 5, 14, 10, 7, 0, DateTimeKind.Utc);

    protected override void ConfigureWebHost(IWebHostBuilder web)
    {
        base.ConfigureWebHost(web);
        web.UseEnvironment("Development");
        web.UseSetting("Logging:LogLevel:Plenary", "Information");
        web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new SetClock(Now)));
    }
}

public sealed class LiveDemoSqliteApp : LiveDemoApp
{
    public override string Provider => "SQLite";

    protected override void UseDatabase(IWebHostBuilder web) { }
}

public sealed class LiveDemoPostgresApp : LiveDemoApp
{
    private readonly PostgresDatabase database = new();

    public override string Provider => "PostgreSQL";

    protected override void UseDatabase(IWebHostBuilder web) => web.UseSetting("ConnectionStrings:Postgres", database.ConnectionString);

    public override async Task InitializeAsync()
    {
        await database.CreateAsync();
        await base.InitializeAsync();
    }

    protected override Task DropDatabaseAsync() => database.DropAsync();
}
