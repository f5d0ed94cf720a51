using Microsoft.AspNetCore.Hosting;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Forums.Archive;

/// <summary>A second installation, on a database of its own with no forum at all: where a forum document is imported.</summary>
public sealed class EmptySqliteApp : PlenaryApp
{
    public override string Provider => "SQLite";

    protected override void ConfigureWebHost(IWebHostBuilder web)
    {
        base.ConfigureWebHost(web);
        web.UseSetting("Plenary:SeedDemo", "false");
    }

    protected override void UseDatabase(IWebHostBuilder web) { }
}

/// <inheritdoc cref="EmptySqliteApp"/>
public sealed class EmptyPostgresApp : PlenaryApp
{
    private readonly PostgresDatabase database = new();

    public override string Provider => "PostgreSQL";

    protected override void ConfigureWebHost(IWebHostBuilder web)
    {
        base.ConfigureWebHost(web);
        web.UseSetting("Plenary:SeedDemo", "false");
    }

    protected override void UseDatabase(IWebHostBuilder web) => web.UseSetting("ConnectionStrings:Postgres", database.ConnectionString);

    public override async Task InitializeAsync()
    {
        await database.CreateAsync();
        await base.InitializeAsync();
    }

    protected override Task DropDatabaseAsync() => database.DropAsync();
}
