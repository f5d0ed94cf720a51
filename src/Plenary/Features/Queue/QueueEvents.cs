using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Queue;

/// <summary>
/// The open live pages and consoles of this instance, by session. A change wakes every subscriber of the session;
/// the state they are sent is read from the database once per change and instance, not once per subscriber.
/// Each subscriber holds a one-slot channel: changes that come faster than a slow connection drains merge into one,
/// which is harmless because every event carries the whole current state.
/// </summary>
public sealed class QueueHub(IServiceScopeFactory scopes)
{
    private readonly Dictionary<int, Topic> topics = [];

    public Subscription Subscribe(int sessionId)
    {
        lock (topics)
        {
            if (!topics.TryGetValue(sessionId, out var topic))
            {
                topics[sessionId] = topic = new Topic(sessionId);
            }
            var subscription = new Subscription(this, topic);
            topic.Subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Something changed in the session's queue: wake its subscribers here.</summary>
    public void Deliver(int sessionId)
    {
        Topic? topic;
        lock (topics)
        {
            topics.TryGetValue(sessionId, out topic);
        }
        topic?.Bump();
    }

    /// <summary>After the link between instances was down, any session may have changed meanwhile.</summary>
    public void DeliverAll()
    {
        List<Topic> all;
        lock (topics)
        {
            all = [.. topics.Values];
        }
        all.ForEach(t => t.Bump());
    }

    public int SubscriberCount
    {
        get
        {
            lock (topics)
            {
                return topics.Values.Sum(t => t.Count);
            }
        }
    }

    private void Leave(Subscription subscription)
    {
        lock (topics)
        {
            var topic = subscription.Topic;
            topic.Subscribers.Remove(subscription);
            if (topic.Count == 0)
            {
                topics.Remove(topic.SessionId);
            }
        }
    }

    /// <summary>The session's state as of the topic's current change, read once and shared.</summary>
    private async Task<string> StateAsync(Topic topic, long generation, CancellationToken cancel)
    {
        Task<string> task;
        lock (topic)
        {
            if (topic.State is null || topic.StateGeneration != generation || topic.State.IsFaulted)
            {
                topic.StateGeneration = generation;
                topic.State = LoadAsync(topic.SessionId);
            }
            task = topic.State;
        }
        return await task.WaitAsync(cancel);
    }

    /// <summary>Read and written as JSON once per change, however many subscribers it goes to.</summary>
    private async Task<string> LoadAsync(int sessionId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var state = await QueueState.LoadAsync(scope.ServiceProvider.GetRequiredService<PlenaryDb>(), sessionId, CancellationToken.None);
        var json = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return System.Text.Json.JsonSerializer.Serialize(state, json);
    }

    public sealed class Topic(int sessionId)
    {
        public int SessionId { get; } = sessionId;
        public HashSet<Subscription> Subscribers { get; } = [];
        public int Count => Subscribers.Count;
        public long Generation;
        public long StateGeneration = -1;
        public Task<string>? State;

        public void Bump()
        {
            Subscription[] subscribers;
            long generation;
            lock (this)
            {
                generation = ++Generation;
                subscribers = [.. Subscribers];
            }
            foreach (var s in subscribers)
            {
                s.Wake.Writer.TryWrite(generation);
            }
        }
    }

    public sealed class Subscription(QueueHub hub, Topic topic) : IDisposable
    {
        internal Topic Topic { get; } = topic;

        internal Channel<long> Wake { get; } = Channel.CreateBounded<long>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false,
        });

        /// <summary>The current state at once (so a reconnecting page catches up), then again after every change.</summary>
        public async IAsyncEnumerable<SseItem<string>> EventsAsync(bool once, [EnumeratorCancellation] CancellationToken cancel)
        {
            long generation;
            lock (Topic)
            {
                generation = Topic.Generation;
            }
            while (!cancel.IsCancellationRequested)
            {
                var state = await hub.StateAsync(Topic, generation, cancel);
                yield return new SseItem<string>(state, "queue") { ReconnectionInterval = TimeSpan.FromSeconds(2) };
                if (once)
                {
                    yield break;
                }
                // A quiet minute still sends the state, so proxies keep the connection and a dead one is noticed.
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                quiet.CancelAfter(TimeSpan.FromSeconds(30));
                try
                {
                    generation = await Wake.Reader.ReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                }
            }
        }

        public void Dispose() => hub.Leave(this);
    }
}

/// <summary>
/// Tells the subscribers of every instance that a session's queue changed. Two implementations: in process (SQLite,
/// one instance) and through PostgreSQL's NOTIFY, which every instance's <see cref="PostgresQueueListener"/> hears.
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

/// <summary>
/// Holds one dedicated connection (outside the pool) that LISTENs for queue changes from any instance and hands them to
/// this instance's subscribers. When the connection drops it reconnects and wakes every open page, which then reads the
/// current state: nothing missed while deaf stays missed.
/// </summary>
public sealed class PostgresQueueListener(IConfiguration configuration, QueueHub hub, ILogger<PostgresQueueListener> log) : BackgroundService
{
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests wait for it before they publish).</summary>
    public Task Listening => listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres"))
        {
            Pooling = false, KeepAlive = 30, ApplicationName = "plenary-queue-listener",
        }.ConnectionString;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) =>
                {
                    if (int.TryParse(e.Payload, System.Globalization.CultureInfo.InvariantCulture, out var sessionId))
                    {
                        hub.Deliver(sessionId);
                    }
                };
                await using (var command = new NpgsqlCommand($"LISTEN {PostgresQueueSignal.Channel}", connection))
                {
                    await command.ExecuteNonQueryAsync(stop);
                }
                hub.DeliverAll();
                listening.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException)
            {
                log.LogWarning(e, "The queue listener lost its database connection; reconnecting");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

public static class QueueSetup
{
    public static WebApplicationBuilder AddSpeakingQueue(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QueueHub>();
        builder.Services.AddScoped<SpeakingQueue>();
        builder.Services.Configure<QueueOptions>(builder.Configuration.GetSection(QueueOptions.Section));
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, QueueFloodLimit>(QueueFloodLimit.Name));
        builder.Services.AddScoped<IAuthorizationHandler, QueueAccessHandler>();
        QueueAccess.AddPolicies(builder.Services.AddAuthorizationBuilder());
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Postgres")))
        {
            builder.Services.AddScoped<IQueueSignal, InProcessQueueSignal>();
        }
        else
        {
            builder.Services.AddScoped<IQueueSignal, PostgresQueueSignal>();
            builder.Services.AddSingleton<PostgresQueueListener>();
            builder.Services.AddHostedService(services => services.GetRequiredService<PostgresQueueListener>());
        }
        return builder;
    }

    /// <summary>The live state of a session's queue as Server-Sent Events; <c>?once=1</c> sends the state and closes.</summary>
    public static WebApplication MapQueueEvents(this WebApplication app)
    {
        app.MapGet("/{forum}/sessions/{key}/live/events", async (string forum, string key, string? once, HttpContext context,
            IServiceScopeFactory scopes, QueueHub hub) =>
        {
            var cancel = context.RequestAborted;
            int sessionId;
            // Looked up in a scope of its own: a stream stays open for hours and must not hold a database context meanwhile.
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PlenaryDb>();
                if (await db.FindForumAsync(forum, cancel) is not { } found
                    || await db.FindSessionAsync(found.Id, key, cancel) is not { } session)
                {
                    return Results.NotFound();
                }
                if (!(await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, session, QueueAccess.Join)).Succeeded)
                {
                    return Results.Forbid();
                }
                sessionId = session.Id;
            }
            return TypedResults.ServerSentEvents(Stream(hub, sessionId, once is "1" or "true", cancel));
        }).RequireAuthorization().ExcludeFromDescription();
        return app;

        static async IAsyncEnumerable<SseItem<string>> Stream(QueueHub hub, int sessionId, bool once, [EnumeratorCancellation] CancellationToken cancel)
        {
            using var subscription = hub.Subscribe(sessionId);
            await foreach (var item in subscription.EventsAsync(once, cancel))
            {
                yield return item;
            }
        }
    }
}
