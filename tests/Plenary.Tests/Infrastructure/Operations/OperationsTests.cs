using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.Extensions.Configuration;
using Plenary.Features.Mail;
using Plenary.Infrastructure.Operations;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Operations;

/// <summary>
/// /metrics in Prometheus text with the HTTP durations and the app's own meters; liveness apart from readiness; both
/// answered only to the configured networks (loopback by default), and a visitor relayed by the site's own proxy is a
/// visitor, not loopback.
/// </summary>
public abstract class OperationsTests(PlenaryApp app)
{
    private HttpClient From(string address) =>
        new(app.Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(address))) { BaseAddress = new Uri("http://localhost") };

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    [InlineData("/metrics")]
    public async Task Health_and_metrics_answer_loopback_and_hide_from_anyone_else(string path)
    {
        using var local = From("127.0.0.1");
        using var localSix = From("::1");
        using var visitor = From("203.0.113.5");

        (await local.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await localSix.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await visitor.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Through the reverse proxy on the same machine: the connection is loopback, the visitor is not.
        using var proxied = new HttpRequestMessage(HttpMethod.Get, path);
        proxied.Headers.Add("X-Forwarded-For", "198.51.100.7");
        (await local.SendAsync(proxied)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Liveness_and_readiness_say_healthy_when_the_database_answers_and_its_schema_is_current()
    {
        using var local = From("127.0.0.1");
        (await local.GetStringAsync("/health/live")).ShouldBe("Healthy");
        using var ready = await local.GetAsync("/health/ready");
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        ready.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public void Networks_are_read_as_addresses_and_CIDR_and_a_wrong_entry_stops_the_start()
    {
        static IConfiguration With(string value) => new ConfigurationBuilder().AddInMemoryCollection([new(OperationsSetup.NetworksSetting, value)]).Build();

        var networks = OperationsSetup.Networks(With("10.0.0.0/8, 192.0.2.7"));
        networks.Any(n => n.Contains(IPAddress.Parse("10.20.30.40"))).ShouldBeTrue();
        networks.Any(n => n.Contains(IPAddress.Parse("192.0.2.7"))).ShouldBeTrue();
        networks.Any(n => n.Contains(IPAddress.Parse("192.0.2.8"))).ShouldBeFalse();
        networks.Any(n => n.Contains(IPAddress.Loopback)).ShouldBeFalse();
        OperationsSetup.Networks(new ConfigurationBuilder().Build()).Any(n => n.Contains(IPAddress.Loopback)).ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => OperationsSetup.Networks(With("10.0.0.0/8, intranet"))).Message.ShouldContain("intranet");
    }
}

[Collection("sqlite")]
public sealed class OperationsOnSqlite(SqliteApp app) : OperationsTests(app);

[Collection("postgres")]
public sealed class OperationsOnPostgres(PostgresApp app) : OperationsTests(app);

/// <summary>
/// /metrics read from an app of its own: every host in this test process publishes meters of the same names, and the
/// long-lived fixtures' OpenTelemetry providers, listening by name, fill up with those of the hosts started and stopped
/// by other tests; in production one process is one host.
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_show_http_durations_and_the_outbox_live_queue_and_search_meters()
    {
        await using var app = new MetricsApp();
        await app.InitializeAsync();
        // A message due far in the future stays in the backlog whatever the background sender does meanwhile.
        var later = new DateTime(2092, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await app.InDbAsync(async db =>
        {
            db.Outbox.Add(new OutboxMessage { To = "metrics@example.org", Subject = "Test", TextBody = "Body", HtmlBody = "<p>Body</p>", Purpose = "test", CreatedAt = DateTime.UtcNow.AddMinutes(-10), NextAttemptAt = later });
            await db.SaveChangesAsync();
        });
        using var local = new HttpClient(app.Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Loopback)) { BaseAddress = new Uri("http://localhost") };
        (await local.GetAsync("/api/search?q=privacy")).EnsureSuccessStatusCode();

        // The outbox is read at most every five seconds, and the exporter keeps a scrape's text for a moment: one made by
        // another test just before the message was written or the search was made may still be served.
        // The gauges' values are read from this app's own meters: in one test process every host's "Plenary" meter has
        // the same instruments, and a provider listening by name merges them into one series, last host read winning.
        var metrics = app.Services.GetRequiredService<PlenaryMetrics>();
        var outbox = metrics.Outbox();
        for (var attempt = 0; attempt < 8 && outbox.Backlog < 1; attempt++)
        {
            await Task.Delay(1000);
            outbox = metrics.Outbox();
        }
        string text = "";
        for (var attempt = 0; attempt < 8; attempt++)
        {
            text = await local.GetStringAsync("/metrics");
            if (text.Contains("plenary_search_duration_seconds_bucket", StringComparison.Ordinal))
            {
                break;
            }
            await Task.Delay(1000);
        }

        text.ShouldContain("http_server_request_duration_seconds_bucket");
        outbox.Backlog.ShouldBeGreaterThanOrEqualTo(1);
        outbox.OldestAge.ShouldBeGreaterThanOrEqualTo(600 - 60);
        Value(text, "plenary_outbox_backlog").ShouldBeGreaterThanOrEqualTo(0);
        Value(text, "plenary_outbox_oldest_age_seconds").ShouldBeGreaterThanOrEqualTo(0);
        text.ShouldContain("plenary_queue_subscribers");
        text.ShouldContain("plenary_cache_evictions_total{");
        text.ShouldContain("scope=\"registration_figures\"");
        text.ShouldContain("plenary_search_duration_seconds_bucket");
        text.ShouldContain("path=\"api\"");
    }

    /// <summary>The first sample of a metric without labels (or with the service's own), as a number.</summary>
    private static double Value(string text, string name)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal));
        line.ShouldNotBeNull($"{name} is not in /metrics");
        var value = line.Split(' ')[1];
        return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class MetricsApp : PlenaryApp
    {
        public override string Provider => "SQLite";

        protected override void UseDatabase(Microsoft.AspNetCore.Hosting.IWebHostBuilder web) { }
    }
}
