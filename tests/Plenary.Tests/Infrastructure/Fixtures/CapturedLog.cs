using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>
/// What the app logged, as the host's logger filters let it through (Warning and above for the app, Error for ASP.NET
/// Core; see <see cref="PlenaryApp"/>), kept so a test can say that a request left no unhandled exception behind.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> entries = new();

    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : $" [{Exception.GetType().Name}: {Exception.Message}]")}";
    }

    /// <summary>A mark to read from: what is logged after it, by any request.</summary>
    public int Count => entries.Count;

    public IReadOnlyList<Entry> Since(int mark) => entries.Skip(mark).ToList();

    /// <summary>
    /// An exception no code answered: ASP.NET Core's exception handler or Kestrel logs it as an error. (Errors the app
    /// answers itself, such as EF Core's log of a refused unique key, come from other categories.)
    /// </summary>
    public static bool IsUnhandled(Entry entry) =>
        entry.Level >= LogLevel.Error && entry.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
    }
}
