using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Queue;
using Plenary.Tests.Infrastructure.Fixtures;
using static Plenary.Tests.Features.Queue.QueueTestData;

namespace Plenary.Tests.Features.Queue;

/// <summary>Two app instances on one PostgreSQL database: a page open on one hears of a change made through the other.</summary>
public sealed class QueueOnTwoInstancesTests
{
    [Fact]
    public async Task A_hand_raised_on_one_instance_reaches_a_live_page_open_on_the_other()
    {
        await using var instances = await TwoInstances.StartAsync();
        var (first, second) = (instances.First, instances.Second);
        var session = await SessionAsync(first, 9801);
        var (raiser, name, _) = await ParticipantAsync(first);
        var (watcher, _, _) = await ParticipantAsync(first);
        // The watcher's cookie, issued by the first, is valid on the second (shared key ring); take it across.
        using var onSecond = second.CreateDefaultClient(new Uri("http://localhost"), new CookieJar(first.JarOf(watcher)));

        using var events = await EventStream.OpenAsync(onSecond, Url(session, "live/events"));
        (await events.NextAsync()).GetProperty("queue").GetArrayLength().ShouldBe(0);

        (await PostAsync(raiser, session, "live", "Raise", new() { ["Mode"] = "Online" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var state = await events.NextAsync();
        state.GetProperty("queue")[0].GetProperty("name").GetString().ShouldBe(name);
    }
}
