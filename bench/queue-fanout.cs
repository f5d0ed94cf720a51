// Opens N Server-Sent Events subscribers on one session's live page and measures how long a change takes to reach
// all of them: from the moment the change is posted until each subscriber has read the event. Run by bench/queue.sh
// (one instance) and bench/queue-two-instances.sh (subscribers spread over two instances, changes posted to the first).
// Usage: dotnet run bench/queue-fanout.cs -- <base urls, comma-separated> <session path> <watcher cookie header>
//        <raiser cookie header> <subscribers> <rounds> <server pids, comma-separated> [memory probe paths, comma-separated]
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

var (bases, sessionPath, watcherCookies, raiserCookies) = (args[0].Split(','), args[1], args[2], args[3]);
var (subscribers, rounds, serverPids) = (int.Parse(args[4]), int.Parse(args[5]), args[6].Split(',').Select(int.Parse).ToArray());
var probes = args.Length > 7 ? args[7].Split(',') : [];
var instances = bases.Length;

var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
var http = new HttpClient(handler) { BaseAddress = new Uri(bases[0]), Timeout = Timeout.InfiniteTimeSpan };

long Rss(int instance) => long.Parse(Regex.Match(File.ReadAllText($"/proc/{serverPids[instance]}/status"), @"VmRSS:\s+(\d+)").Groups[1].Value) * 1024;

// The app's managed heap and resident set right after a full garbage collection, through the startup hook in bench/memory-probe.
async Task<(long Heap, long Rss)> ProbeAsync(int instance)
{
    if (probes.Length <= instance)
    {
        return (0, Rss(instance));
    }
    File.Delete(probes[instance] + ".answer");
    await File.WriteAllTextAsync(probes[instance] + ".ask", "");
    while (!File.Exists(probes[instance] + ".answer"))
    {
        await Task.Delay(50);
    }
    var answer = (await File.ReadAllTextAsync(probes[instance] + ".answer")).Split(' ').Select(long.Parse).ToArray();
    return (answer[0], answer[1]);
}

// Each subscriber counts the events it has read; the driver waits for all of them to reach a round's count.
var counts = new int[subscribers];
var received = new long[subscribers];
var connected = 0;
var stop = new CancellationTokenSource();
async Task SubscribeAsync(int i)
{
    var request = new HttpRequestMessage(HttpMethod.Get, $"{bases[i % instances]}{sessionPath}/live/events");
    request.Headers.Add("Cookie", watcherCookies);
    var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
    response.EnsureSuccessStatusCode();
    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
    Interlocked.Increment(ref connected);
    var data = false;
    while (await reader.ReadLineAsync(stop.Token) is { } line)
    {
        // An event ends with an empty line; comments (the stream's opening and keep-alives) carry no data and are not counted.
        if (line.StartsWith("data:", StringComparison.Ordinal))
        {
            data = true;
        }
        else if (line.Length == 0 && data)
        {
            data = false;
            Volatile.Write(ref received[i], Stopwatch.GetTimestamp());
            Interlocked.Increment(ref counts[i]);
        }
    }
}

// Memory is measured as the slope between half and all of the subscribers, so that what the first stream costs once
// (code compiled on first use, thread pool growth) is not charged to every subscriber.
var tasks = new List<Task>();
async Task OpenAsync(int from, int to)
{
    for (var i = from; i < to; i++)
    {
        var subscriber = i;
        tasks.Add(Task.Run(() => SubscribeAsync(subscriber)));
        if (i % 100 == 99)
        {
            await Task.Delay(50);
        }
    }
    while (Volatile.Read(ref connected) < to || counts.Take(to).Any(c => c < 1))
    {
        if (tasks.FirstOrDefault(t => t.IsFaulted) is { } failed)
        {
            throw failed.Exception!;
        }
        await Task.Delay(100);
    }
    await Task.Delay(2000);
}
await OpenAsync(0, subscribers / 2);
var half = await Task.WhenAll(Enumerable.Range(0, instances).Select(ProbeAsync));
await OpenAsync(subscribers / 2, subscribers);
var all = await Task.WhenAll(Enumerable.Range(0, instances).Select(ProbeAsync));

async Task ChangeAsync(bool raise)
{
    var page = new HttpRequestMessage(HttpMethod.Get, $"{sessionPath}/live");
    page.Headers.Add("Cookie", raiserCookies);
    var html = await (await http.SendAsync(page)).Content.ReadAsStringAsync();
    var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    var url = raise ? $"{sessionPath}/live?handler=Raise" : $"{sessionPath}/live?handler=Lower&hand={Regex.Match(Regex.Match(html, "action=\"([^\"]*handler=Lower[^\"]*)\"").Value, @"hand=(\d+)").Groups[1].Value}";
    var post = new HttpRequestMessage(HttpMethod.Post, url)
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Mode"] = "Online" }),
    };
    post.Headers.Add("Cookie", raiserCookies);
    var answer = await http.SendAsync(post);
    if (answer.StatusCode != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException($"The change was refused: {(int)answer.StatusCode}");
    }
}

// One change each way first, so that compiling the handlers on first use is not measured.
await ChangeAsync(raise: true);
await ChangeAsync(raise: false);
await Task.Delay(1000);
var latencies = Enumerable.Range(0, instances).Select(_ => new List<double>()).ToArray();
for (var round = 1; round <= rounds; round++)
{
    var expected = counts.Select(c => c).ToArray();
    // The page is read first (as a person would have it open); the clock starts with the post.
    var started = Stopwatch.GetTimestamp();
    await ChangeAsync(raise: round % 2 == 1);
    for (var i = 0; i < subscribers; i++)
    {
        while (Volatile.Read(ref counts[i]) <= expected[i])
        {
            await Task.Delay(1);
        }
        latencies[i % instances].Add(Stopwatch.GetElapsedTime(started, Volatile.Read(ref received[i])).TotalMilliseconds);
    }
    await Task.Delay(200);
}
stop.Cancel();

string Figures(List<double> measured)
{
    measured.Sort();
    double Percentile(double p) => measured[Math.Min(measured.Count - 1, (int)Math.Ceiling(p / 100 * measured.Count) - 1)];
    return $"p50 {Percentile(50):F1} ms, p99 {Percentile(99):F1} ms, max {measured[^1]:F1} ms ({measured.Count} deliveries)";
}
Console.WriteLine($"Subscribers: {subscribers} on {instances} instance(s), changes: {rounds} posted to the first");
for (var n = 0; n < instances; n++)
{
    Console.WriteLine($"Change posted -> event read by a subscriber of instance {n + 1}: {Figures(latencies[n])}");
}
if (instances > 1)
{
    Console.WriteLine($"Change posted -> event read, all subscribers: {Figures([.. latencies.SelectMany(l => l)])}");
}
for (var n = 0; n < instances; n++)
{
    var further = (subscribers - subscribers / 2) / (double)instances;
    var (streamsHalf, streamsAll) = (subscribers / 2 / instances, subscribers / instances);
    Console.WriteLine($"Instance {n + 1}, after a full collection: managed heap {half[n].Heap / 1048576.0:F1} MB with {streamsHalf} open streams, "
        + $"{all[n].Heap / 1048576.0:F1} MB with {streamsAll}: {(all[n].Heap - half[n].Heap) / further / 1024:F1} KB per further subscriber; "
        + $"resident {half[n].Rss / 1048576.0:F1} MB, {all[n].Rss / 1048576.0:F1} MB: {(all[n].Rss - half[n].Rss) / further / 1024:F1} KB per further subscriber");
}
