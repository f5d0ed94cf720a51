using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Plenary.Infrastructure.Data;

namespace Plenary.Infrastructure.Operations;

/// <summary>
/// What an operator's monitoring reads: /health/live (the process answers), /health/ready and /health (the database
/// answers a read and its schema is up to date, so a load balancer sends no traffic to an instance that cannot serve
/// it), and /metrics (Prometheus text: HTTP durations, runtime, PostgreSQL and the app's own <see cref="PlenaryMetrics"/>).
/// Traces go by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. All of them answer only callers from
/// <see cref="NetworksSetting"/> (default loopback): they tell an attacker what runs and how busy it is.
/// </summary>
public static class OperationsSetup
{
    /// <summary>Addresses or networks (CIDR) allowed to read /health and /metrics, comma-separated; default loopback.</summary>
    public const string NetworksSetting = "Plenary:Operations:Networks";

    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlenaryMetrics>();
        builder.Services.AddHealthChecks().AddCheck<SchemaUpToDate>("schema", tags: [ReadyTag]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("plenary"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PlenaryMetrics.MeterName, "Npgsql")
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddNpgsql().AddOtlpExporter());
        }
        return builder;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.OnlyFrom(Networks(app.Configuration));
        // Created now, not when a search or a live page first needs it: the outbox gauges must be there from the first scrape.
        app.Services.GetRequiredService<PlenaryMetrics>();
        var only = new OperationsOnly();
        // Never from the output cache: a cached "Healthy" would outlive the database for a minute, and a cached answer
        // would be served to a caller the network check turns away.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatus })
            .WithMetadata(only).CacheOutput(policy => policy.NoCache()).AllowAnonymous();
        foreach (var path in new[] { "/health/ready", "/health" })
        {
            app.MapHealthChecks(path, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteStatus })
                .WithMetadata(only).CacheOutput(policy => policy.NoCache()).AllowAnonymous();
        }
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(only).CacheOutput(policy => policy.NoCache()).AllowAnonymous().DisableHttpMetrics();
        return app;
    }

    /// <summary>Unhealthy answers 503 with Retry-After, so a load balancer or a monitor knows when to look again.</summary>
    private static Task WriteStatus(HttpContext context, HealthReport report)
    {
        if (report.Status == HealthStatus.Unhealthy)
        {
            context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(report.Status.ToString());
    }

    /// <summary>
    /// Anyone else is answered 404, as if nothing were there. The address is the client's as the forwarded-headers step
    /// set it, so a request relayed by the site's own reverse proxy counts as the visitor's, not as loopback. A request
    /// without an address (in process, or over a Unix socket) comes from the machine itself. A middleware rather than a
    /// wrapper of each endpoint's delegate: it runs after routing has chosen the endpoint, whatever kind it is.
    /// </summary>
    private static void OnlyFrom(this WebApplication app, IReadOnlyList<System.Net.IPNetwork> allowed) => app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<OperationsOnly>() is not null
            && context.Connection.RemoteIpAddress is { } address
            && !allowed.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    });

    /// <summary>Marks the endpoints only <see cref="NetworksSetting"/> may read.</summary>
    private sealed class OperationsOnly;

    public static IReadOnlyList<System.Net.IPNetwork> Networks(IConfiguration configuration)
    {
        var setting = configuration[NetworksSetting];
        if (string.IsNullOrWhiteSpace(setting))
        {
            return [new(IPAddress.Loopback, 8), new(IPAddress.IPv6Loopback, 128)];
        }
        return setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(entry =>
            System.Net.IPNetwork.TryParse(entry, out var network) ? network
            : IPAddress.TryParse(entry, out var address) ? new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8)
            : throw new InvalidOperationException($"{NetworksSetting}: \"{entry}\" is neither an IP address nor a network such as 10.0.0.0/8.")).ToList();
    }
}

/// <summary>An instance whose database lacks a migration this release needs would fail its requests: not ready.</summary>
internal sealed class SchemaUpToDate(PlenaryDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending.Count} migrations not applied");
        }
        catch (Exception e) when (DatabaseOutage.IsCause(e))
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}
