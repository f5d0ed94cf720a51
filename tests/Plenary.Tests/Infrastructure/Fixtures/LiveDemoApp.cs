using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    public ConcurrentQueue<string> Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder web)
    {
        base.ConfigureWebHost(web);
        web.UseEnvironment("Development");
        web.UseSetting("Logging:LogLevel:Plenary", "Information");
        web.ConfigureLogging(logging => logging.AddProvider(new ListLogger(Log)));
        web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new SetClock(Now)));
    }

    private sealed class ListLogger(ConcurrentQueue<string> log) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Enqueue($"{logLevel}: {formatter(state, exception)}");

        public void Dispose() { }
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
