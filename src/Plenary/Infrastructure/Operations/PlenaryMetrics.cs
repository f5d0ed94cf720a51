using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Mail;
using Plenary.Features.Queue;
using Plenary.Infrastructure.Data;

namespace Plenary.Infrastructure.Operations;

/// <summary>
/// The app's own meters, published at /metrics as plenary_*: what an operator watches during a forum besides the HTTP
/// durations. Counters are counted where the thing happens; the outbox is read from the database when scraped, since
/// every instance shares it, and the live-queue subscribers are this instance's own.
/// </summary>
public sealed class PlenaryMetrics
{
    public const string MeterName = "Plenary";

    private readonly IServiceProvider services;
    private readonly Lock outboxLock = new();
    private (DateTime ReadAt, long Backlog, double OldestAge) outbox;

    public PlenaryMetrics(IMeterFactory meters, IServiceProvider services)
    {
        this.services = services;
        var meter = meters.Create(MeterName);
        QueueEvents = meter.CreateCounter<long>("plenary.queue.events", "{event}", "Live-queue states written to subscribers' streams");
        RemindersSent = meter.CreateCounter<long>("plenary.reminders.sent", "{message}", "Reminders queued to rapporteurs and organisers");
        Imports = meter.CreateCounter<long>("plenary.imports", "{import}", "Imports applied: forum archives and CSV programmes, by kind");
        SearchDuration = meter.CreateHistogram("plenary.search.duration", "s", "Time to answer a search, page and API alike",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        meter.CreateObservableGauge("plenary.queue.subscribers", () => (long)services.GetRequiredService<QueueHub>().SubscriberCount,
            "{subscriber}", "Open live pages and consoles on this instance");
        meter.CreateObservableGauge("plenary.outbox.backlog", () => Outbox().Backlog, "{message}", "Messages waiting to be sent (not given up)");
        meter.CreateObservableGauge("plenary.outbox.oldest_age", () => Outbox().OldestAge, "s", "Age of the oldest message waiting to be sent");
        // Every write of public data empties this instance's page cache, or the part of it that shows what was written, on
        // every instance; during a forum's peak the rate of these says how much is served from memory and how much rendered afresh.
        meter.CreateObservableCounter("plenary.cache.evictions", () =>
        {
            var cache = services.GetRequiredService<Kernel.Caching.PublicCache>();
            return new Measurement<long>[]
            {
                new(cache.Evictions, new KeyValuePair<string, object?>("scope", "public")),
                new(cache.FigureEvictions, new KeyValuePair<string, object?>("scope", "registration_figures")),
                new(cache.OutputEvictions, new KeyValuePair<string, object?>("scope", "session_outputs")),
            };
        }, "{eviction}", "Evictions of this instance's public page cache, for its own writes or another instance's: all public pages, "
            + "only those counting registrations, or only those showing sessions' outputs (with the written sessions' own pages)");
    }

    public Counter<long> QueueEvents { get; }
    public Counter<long> RemindersSent { get; }
    public Counter<long> Imports { get; }
    public Histogram<double> SearchDuration { get; }

    /// <summary>
    /// Read when /metrics is scraped (every 15 to 60 seconds), not on every send, and once for both gauges of a scrape;
    /// a database that is down reads as nothing waiting (the readiness check says what is wrong).
    /// </summary>
    internal (long Backlog, double OldestAge) Outbox()
    {
        lock (outboxLock)
        {
            var now = DateTime.UtcNow;
            if (now - outbox.ReadAt > TimeSpan.FromSeconds(5))
            {
                var (backlog, age) = ReadOutbox();
                outbox = (now, backlog, age);
            }
            return (outbox.Backlog, outbox.OldestAge);
        }
    }

    private (long Backlog, double OldestAge) ReadOutbox()
    {
        try
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PlenaryDb>();
            var waiting = db.Outbox.Where(m => m.SentAt == null && m.Attempts < OutboxMessage.MaxAttempts);
            var count = waiting.LongCount();
            var oldest = count == 0 ? (DateTime?)null : waiting.Min(m => (DateTime?)m.CreatedAt);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            return (count, oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0);
        }
        catch (Exception e) when (DatabaseOutage.IsCause(e))
        {
            return (0, 0);
        }
    }
}
