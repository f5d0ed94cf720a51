// Opens N Server-Sent Events subscribers on one session's live page and measures how long a change takes to reach
// all of them: from the moment the change is posted until each subscriber has read the event. Run by bench/queue.sh.
// Usage: dotnet run bench/queue-fanout.cs -- <base url> <session path> <watcher cookie header> <raiser cookie header> <subscribers> <rounds> <server pid>
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

var (baseUrl, sessionPath, watcherCookies, raiserCookies) = (args[0], args[1], args[2], args[3]);
var (subscribers, rounds, serverPid) = (int.Parse(args[4]), int.Parse(args[5]), int.Parse(args[6]));

var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = Timeout.InfiniteTimeSpan };

long Rss() => long.Parse(Regex.Match(File.ReadAllText($"/proc/{serverPid}/status"), @"VmRSS:\s+(\d+)").Groups[1].Value) * 1024;

// Each subscriber counts the events it has read; the driver waits for all of them to reach a round's count.
var counts = new int[subscribers];
var received = new long[subscribers];
var connected = 0;
var stop = new CancellationTokenSource();
async Task SubscribeAsync(int i)
{
    var request = new HttpRequestMessage(HttpMethod.Get, $"{sessionPath}/live/events");
    request.Headers.Add("Cookie", watcherCookies);
    var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
    response.EnsureSuccessStatusCode();
    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
    Interlocked.Increment(ref connected);
    while (await reader.ReadLineAsync(stop.Token) is { } line)
    {
        if (line.Length == 0)
        {
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
var rssHalf = Rss();
await OpenAsync(subscribers / 2, subscribers);
var rssAll = Rss();

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
var latencies = new List<double>();
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
        latencies.Add(Stopwatch.GetElapsedTime(started, Volatile.Read(ref received[i])).TotalMilliseconds);
    }
    await Task.Delay(200);
}
stop.Cancel();

latencies.Sort();
double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)];
Console.WriteLine($"Subscribers: {subscribers}, changes: {rounds}, deliveries measured: {latencies.Count}");
Console.WriteLine($"Change posted -> event read by a subscriber: p50 {Percentile(50):F1} ms, p99 {Percentile(99):F1} ms, max {latencies[^1]:F1} ms");
Console.WriteLine($"Server resident memory: {rssHalf / 1048576.0:F1} MB with {subscribers / 2} open streams, {rssAll / 1048576.0:F1} MB with {subscribers}: {(rssAll - rssHalf) / (double)(subscribers - subscribers / 2) / 1024:F1} KB per further subscriber");
