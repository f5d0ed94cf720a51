using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Operations;

namespace Plenary.Features.Queue;

/// <summary>
/// The open live pages and consoles of this instance, by session, and the stream each of them reads.
/// A change wakes every subscriber of the session; the event they are sent is read from the database, serialised and
/// encoded once per change and instance, and the same bytes are written to every connection. Subscribers share one
/// wake-up task per session rather than holding a channel and a timer each, so an open page costs little more than its
/// connection. A subscriber that cannot keep up simply skips to the newest state, as every event carries the whole state.
/// </summary>
public sealed class QueueHub : IDisposable
{
    /// <summary>A quiet stream still sends a comment this often, so proxies keep the connection and a dead one is noticed.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    private static readonly byte[] KeepAliveComment = ":\n\n"u8.ToArray();
    private readonly Dictionary<int, Topic> topics = [];
    private readonly IServiceScopeFactory scopes;
    private readonly PlenaryMetrics metrics;
    private readonly Timer beat;
    private volatile bool stopping;

    public QueueHub(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, PlenaryMetrics metrics)
    {
        this.scopes = scopes;
        this.metrics = metrics;
        beat = new Timer(_ => Wake(changed: false), null, KeepAlive, KeepAlive);
        // Streams never end by themselves; without this a stopping instance would wait out its shutdown timeout for them.
        // Closed, each page reconnects (to another instance, or this one restarted) and catches up by its last event id.
        lifetime.ApplicationStopping.Register(() =>
        {
            stopping = true;
            Wake(changed: false);
        });
    }

    /// <summary>Something changed in the session's queue: wake its subscribers here.</summary>
    public void Deliver(int sessionId)
    {
        Topic? topic;
        lock (topics)
        {
            topics.TryGetValue(sessionId, out topic);
        }
        topic?.Wake(changed: true);
    }

    /// <summary>After the link between instances was down, any session may have changed meanwhile.</summary>
    public void DeliverAll() => Wake(changed: true);

    private void Wake(bool changed)
    {
        List<Topic> all;
        lock (topics)
        {
            all = [.. topics.Values];
        }
        all.ForEach(t => t.Wake(changed));
    }

    public int SubscriberCount
    {
        get
        {
            lock (topics)
            {
                return topics.Values.Sum(t => t.Subscribers);
            }
        }
    }

    /// <summary>
    /// Writes the session's state as Server-Sent Events until the visitor leaves: at once unless <paramref name="lastId"/>
    /// is already the current state's id (a page reconnecting after a dropped connection gets what it missed, a page
    /// that is current gets nothing it has), then after every change.
    /// </summary>
    public async Task StreamAsync(HttpContext context, int sessionId, string? lastId)
    {
        var cancel = context.RequestAborted;
        var topic = Join(sessionId);
        try
        {
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache,no-store";
            // The compression middleware steps aside for a response that names its encoding (as .NET's own SSE result does):
            // a compressor per stream would hold its window for hours and hold back events until its buffer fills.
            response.Headers.ContentEncoding = "identity";
            // Nor may a proxy in front buffer the stream (nginx reads this header).
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
            await response.StartAsync(cancel);
            var writer = response.BodyWriter;
            // Kestrel sends the headers with the first bytes of the body, and a page that is already current may be sent
            // nothing for a long while: a comment (ignored by EventSource) opens the stream at once.
            if ((await writer.WriteAsync(KeepAliveComment, cancel)).IsCompleted)
            {
                return;
            }
            await ReleaseRequestStateAsync(context);
            var sent = -1L;
            while (!cancel.IsCancellationRequested && !stopping)
            {
                var (generation, next) = topic.Now();
                if (generation != sent)
                {
                    var frame = await topic.FrameAsync(generation, this, cancel);
                    sent = generation;
                    if (frame.Id != lastId)
                    {
                        lastId = frame.Id;
                        if ((await writer.WriteAsync(frame.Bytes, cancel)).IsCompleted)
                        {
                            return;
                        }
                        metrics.QueueEvents.Add(1);
                    }
                    // Whatever changed while this one was read or written is sent next, without waiting.
                    continue;
                }
                await next.WaitAsync(cancel);
                if (stopping)
                {
                    return;
                }
                if (topic.Now().Generation == sent && (await writer.WriteAsync(KeepAliveComment, cancel)).IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The visitor left.
        }
        finally
        {
            Leave(topic);
        }
    }

    /// <summary>
    /// An open stream lasts hours, and its request would hold for as long what only its first moments needed: the
    /// cookies it was signed in with (a few kilobytes of text, kept twice, as the raw header and parsed), and its service
    /// scope with whatever sign-in validation and authorisation resolved in it, a pooled database context among them (the
    /// security stamp check and the queue's authorisation handler ask for one), the user manager and its stores. They
    /// go now; an empty scope takes the old one's place for whatever the rest of the pipeline may still ask for.
    /// </summary>
    private async Task ReleaseRequestStateAsync(HttpContext context)
    {
        context.Request.Headers.Cookie = default;
        context.Features.Set<IRequestCookiesFeature>(null);
        if (context.Features.Get<IServiceProvidersFeature>() is IAsyncDisposable requestScope)
        {
            var empty = scopes.CreateAsyncScope();
            context.Response.RegisterForDisposeAsync(empty);
            await requestScope.DisposeAsync();
            context.RequestServices = empty.ServiceProvider;
        }
    }

    private Topic Join(int sessionId)
    {
        lock (topics)
        {
            if (!topics.TryGetValue(sessionId, out var topic))
            {
                topics[sessionId] = topic = new Topic(sessionId);
            }
            topic.Subscribers++;
            return topic;
        }
    }

    private void Leave(Topic topic)
    {
        lock (topics)
        {
            if (--topic.Subscribers == 0)
            {
                topics.Remove(topic.SessionId);
            }
        }
    }

    /// <summary>Read, serialised and encoded as one SSE frame once per change, however many subscribers it goes to.</summary>
    private async Task<Frame> LoadAsync(int sessionId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var state = await QueueState.LoadAsync(scope.ServiceProvider.GetRequiredService<PlenaryDb>(), sessionId, CancellationToken.None);
        return Frame.Of(state);
    }

    public void Dispose() => beat.Dispose();

    /// <summary>One event as written to the wire, and its id: the state's version (see <see cref="QueueState.Version"/>).</summary>
    public sealed record Frame(string Id, byte[] Bytes)
    {
        public static Frame Of(QueueState state)
        {
            var json = state.ToJson();
            var id = QueueState.Version(json);
            // The JSON is written on one line, so it needs one data field; retry is how long EventSource waits to reconnect.
            return new Frame(id, System.Text.Encoding.UTF8.GetBytes($"id: {id}\nevent: queue\nretry: 2000\ndata: {json}\n\n"));
        }
    }

    /// <summary>A session's subscribers on this instance: how many, which change is the newest, and the task that wakes them.</summary>
    private sealed class Topic(int sessionId)
    {
        public int SessionId { get; } = sessionId;

        /// <summary>Guarded by the hub's lock.</summary>
        public int Subscribers;

        private long generation;
        private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long frameGeneration = -1;
        private Task<Frame>? frame;

        public (long Generation, Task Next) Now()
        {
            lock (this)
            {
                return (generation, next.Task);
            }
        }

        /// <summary>Wakes every subscriber; after a change they send the new state, otherwise a keep-alive comment.</summary>
        public void Wake(bool changed)
        {
            TaskCompletionSource woken;
            lock (this)
            {
                if (changed)
                {
                    generation++;
                }
                (woken, next) = (next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            woken.TrySetResult();
        }

        /// <summary>The state as of <paramref name="at"/> or later, read once and shared (again if the read failed).</summary>
        public Task<Frame> FrameAsync(long at, QueueHub hub, CancellationToken cancel)
        {
            Task<Frame> task;
            lock (this)
            {
                if (frame is null || frameGeneration < at || frame.IsFaulted)
                {
                    frameGeneration = generation;
                    frame = hub.LoadAsync(SessionId);
                }
                task = frame;
            }
            return task.WaitAsync(cancel);
        }
    }
}

/// <summary>
/// Tells the subscribers of every instance that a session's queue changed. Two implementations: in process (SQLite,
/// one instance) and through PostgreSQL's NOTIFY, which every instance's <see cref="PostgresListener"/> hears.
/// </summary>
public interface IQueueSignal
{
    Task ChangedAsync(int sessionId, CancellationToken cancel);
}

public sealed class InProcessQueueSignal(QueueHub hub) : IQueueSignal
{
    public Task ChangedAsync(int sessionId, CancellationToken cancel)
    {
        hub.Deliver(sessionId);
        return Task.CompletedTask;
    }
}

/// <summary>NOTIFY on the request's own database connection; the sending instance hears it too, like the others.</summary>
public sealed class PostgresQueueSignal(PlenaryDb db) : IQueueSignal
{
    public const string Channel = "plenary_queue";

    public async Task ChangedAsync(int sessionId, CancellationToken cancel) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)})", cancel);
}

public static class QueueSetup
{
    public static WebApplicationBuilder AddSpeakingQueue(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QueueHub>();
        builder.Services.AddScoped<SpeakingQueue>();
        builder.Services.Configure<QueueOptions>(builder.Configuration.GetSection(QueueOptions.Section));
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, QueueFloodLimit>(QueueFloodLimit.Name));
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Postgres")))
        {
            builder.Services.AddScoped<IQueueSignal, InProcessQueueSignal>();
        }
        else
        {
            builder.Services.AddScoped<IQueueSignal, PostgresQueueSignal>();
            builder.Services.AddSingleton(services =>
            {
                var hub = services.GetRequiredService<QueueHub>();
                return new Listening(PostgresQueueSignal.Channel,
                    payload =>
                    {
                        if (int.TryParse(payload, System.Globalization.CultureInfo.InvariantCulture, out var sessionId))
                        {
                            hub.Deliver(sessionId);
                        }
                    },
                    // Every open page reads the current state again.
                    hub.DeliverAll);
            });
        }
        return builder;
    }

    /// <summary>
    /// The live state of a session's queue as Server-Sent Events. A page says
    /// which state it shows with <c>?since=</c> (its first connection) or <c>Last-Event-ID</c> (the browser's reconnections).
    /// </summary>
    public static WebApplication MapQueueEvents(this WebApplication app)
    {
        app.MapGet("/{forum}/sessions/{key}/live/events", async (string? since, HttpContext context, Granted granted, QueueHub hub) =>
        {
            // The request's scope, with the context access looked the session up in, is given back once the stream's
            // headers are out (QueueHub.StreamAsync): a stream stays open for hours and must not hold a database context meanwhile.
            var lastId = context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : since;
            await hub.StreamAsync(context, granted.Session.Id, lastId);
            return Results.Empty;
        }).RequireAuthorization().RequireSession(Policies.JoinQueue, "Only those signed in can follow the session's queue.")
            .CacheOutput(policy => policy.NoCache()).ExcludeFromDescription();
        return app;
    }
}
