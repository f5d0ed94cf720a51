// The load of an IGF day's peak hour, run by bench/igf-day.sh against nginx in front of two instances: every kind of
// request at its own rate, at random moments (open loop: a slow answer does not slow the next request down, as with real people),
// from many distinct signed-in accounts, while thousands of live-page subscribers stay connected. Prints a line per
// kind (sent, per second, p50, p99, max, errors: anything but 2xx/3xx, or no answer) and writes what the clients were
// told succeeded to a file, so the script can count the same things in PostgreSQL (no lost write).
// Usage: dotnet run bench/igf-day.cs -- <site> <folder with the seeded lists> <password> <seconds> <subscribers> <mix: kind=per second,...> <outcome file>
// The folder holds participants.txt (e-mail a line), rapporteurs.txt ("e-mail session-key"), tokens.txt (API token a
// line, one per late registrant), badges.txt (badge code a line), staff.txt (the check-in desk's e-mail), sessions.txt
// ("id key", the programme's sessions) and live.txt (the keys of the sessions running now).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

var (site, folder, password) = (args[0].TrimEnd('/'), args[1], args[2]);
var (seconds, subscribers) = (double.Parse(args[3]), int.Parse(args[4]));
var mix = args[5].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
var outcomeFile = args[6];
string[] Lines(string name) => File.ReadAllLines(Path.Combine(folder, name)).Where(l => l.Length > 0).ToArray();
var participants = Lines("participants.txt").Select(e => new Visitor(e)).ToArray();
var rapporteurs = Lines("rapporteurs.txt").Select(l => l.Split(' ')).Select(p => new Visitor(p[0]) { Session = p[1] }).ToArray();
var tokens = Lines("tokens.txt");
var badges = Lines("badges.txt");
var staff = new Visitor(Lines("staff.txt")[0]);
var sessions = Lines("sessions.txt").Select(l => l.Split(' ')).Select(p => (Id: p[0], Key: p[1])).ToArray();
var live = Lines("live.txt");
const string Forum = "/igf2022";

var handler = new SocketsHttpHandler
{
    UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    AutomaticDecompression = DecompressionMethods.All, ConnectTimeout = TimeSpan.FromSeconds(30),
    SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true }, // the run's own self-signed certificate
};
var http = new HttpClient(handler) { BaseAddress = new Uri(site), Timeout = Timeout.InfiniteTimeSpan };
var tokenPattern = new Regex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");

async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, Visitor? who, HttpContent? content = null, string? bearer = null, bool read = false)
{
    using var request = new HttpRequestMessage(method, path) { Content = content };
    if (who is not null && who.Cookies.Count > 0)
    {
        request.Headers.Add("Cookie", who.CookieHeader);
    }
    if (bearer is not null)
    {
        request.Headers.Authorization = new("Bearer", bearer);
    }
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
    if (who is not null && response.Headers.TryGetValues("Set-Cookie", out var set))
    {
        who.Keep(set);
    }
    var body = read ? await response.Content.ReadAsStringAsync() : "";
    if (!read)
    {
        await response.Content.CopyToAsync(Stream.Null);
    }
    return (response.StatusCode, body);
}
FormUrlEncodedContent Form(Visitor who, params (string, string)[] fields) =>
    new(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)).Append(KeyValuePair.Create("__RequestVerificationToken", who.Token!)));

// Signing in hashes a password each time (100,000 rounds of PBKDF2): done before the clock starts, a few at a time, and
// once per person, as on the day. The form token is then read from a page the person opens signed in.
async Task SignInAsync(Visitor who, string then)
{
    var (_, page) = await SendAsync(HttpMethod.Get, "/account/sign-in", who, read: true);
    who.Token = tokenPattern.Match(page).Groups[1].Value;
    var (status, _) = await SendAsync(HttpMethod.Post, "/account/sign-in", who, Form(who, ("Email", who.Email), ("Password", password)));
    if (status != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException($"Sign-in of {who.Email}: {(int)status}");
    }
    var (opened, html) = await SendAsync(HttpMethod.Get, then, who, read: true);
    who.Token = tokenPattern.Match(html).Groups[1].Value;
    if (opened != HttpStatusCode.OK || who.Token.Length == 0)
    {
        throw new InvalidOperationException($"{then} for {who.Email}: {(int)opened}, form token {(who.Token.Length > 0 ? "found" : "missing")}");
    }
}
var clock = Stopwatch.StartNew();
var everyone = participants.Select(p => (p, $"{Forum}/programme")).Concat(rapporteurs.Select(r => (r, $"{Forum}/sessions/{r.Session}/report")))
    .Append((staff, $"{Forum}/manage/check-in")).ToArray();
var signedIn = 0;
await Parallel.ForEachAsync(everyone, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (v, _) =>
{
    await SignInAsync(v.Item1, v.Item2);
    if (Interlocked.Increment(ref signedIn) % 100 == 0)
    {
        Console.Error.WriteLine($"  {signedIn} of {everyone.Length} signed in");
    }
});
// The participants' cookies, for the signed-in saturation run with wrk that follows.
File.WriteAllLines(Path.Combine(folder, "cookies.txt"), participants.Select(p => p.CookieHeader));
Console.WriteLine($"Signed in {everyone.Length} accounts through the sign-in form in {clock.Elapsed.TotalSeconds:F0} s");

// Live-page subscribers: each a participant (round robin) on one of the running sessions, through nginx.
var events = 0L;
var streamsOpen = 0;
var streamsFailed = 0;
var streamFailures = new ConcurrentDictionary<string, int>();
void StreamFailed(string why)
{
    Interlocked.Increment(ref streamsFailed);
    streamFailures.AddOrUpdate(why, 1, (_, n) => n + 1);
}
var stop = new CancellationTokenSource();
// As a browser's EventSource does, a subscriber whose stream could not open or broke opens it again after 3 seconds.
var reconnections = 0;
async Task SubscribeAsync(int i)
{
    var who = participants[i % participants.Length];
    var path = $"{Forum}/sessions/{live[i % live.Length]}/live/events";
    for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
    {
        if (attempt > 0)
        {
            Interlocked.Increment(ref reconnections);
            try { await Task.Delay(3000, stop.Token); } catch (OperationCanceledException) { return; }
        }
        var open = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", who.CookieHeader);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            if (!response.IsSuccessStatusCode)
            {
                StreamFailed(((int)response.StatusCode).ToString());
                continue;
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            Interlocked.Increment(ref streamsOpen);
            open = true;
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref events);
                }
            }
            StreamFailed("ended by the server");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            StreamFailed(Describe(e));
        }
        finally
        {
            if (open) { Interlocked.Decrement(ref streamsOpen); }
        }
    }
}
clock.Restart();
var streams = new List<Task>();
for (var i = 0; i < subscribers; i++)
{
    var subscriber = i;
    streams.Add(Task.Run(() => SubscribeAsync(subscriber)));
    // People open the live page over minutes, not all in the same instant: 100 a second here.
    if (i % 10 == 9)
    {
        await Task.Delay(100);
    }
}
while (Volatile.Read(ref streamsOpen) < subscribers && clock.Elapsed < TimeSpan.FromSeconds(subscribers / 100.0 + 60))
{
    await Task.Delay(200);
}
Console.WriteLine($"Live-page subscribers: {streamsOpen} open after {clock.Elapsed.TotalSeconds:F0} s; {streamsFailed} attempts refused or broken ({Failures(streamFailures)}), each retried after 3 s");
var failedBefore = new Dictionary<string, int>(streamFailures);

// What the clients were told succeeded, to be found in the database afterwards.
var agenda = new ConcurrentDictionary<(int Participant, string Session), bool>();
var hands = 0;
var takeaways = 0;
var registrations = 0;
var checkIns = 0;
var random = new Random(2022);
int Next(int n) { lock (random) { return random.Next(n); } }
var nextHand = -1;
var nextTakeaway = -1;
var nextToken = -1;
var nextBadge = -1;
bool IsSuccess(HttpStatusCode s) => (int)s is >= 200 and < 400;
// Writes whose outcome the client cannot know (no answer, or the proxy's 5xx): the write may or may not have happened.
var unknown = new ConcurrentDictionary<string, int>();
void Unknown(string kind) => unknown.AddOrUpdate(kind, 1, (_, n) => n + 1);

// Each kind: a request to send, and whether it counts (false: nothing left to do, e.g. every hand already raised).
var kinds = new Dictionary<string, Func<Task<(bool Sent, HttpStatusCode Status)>>>
{
    ["anonymous programme"] = async () => (true, (await SendAsync(HttpMethod.Get, $"{Forum}/programme", null)).Status),
    ["anonymous session"] = async () => (true, (await SendAsync(HttpMethod.Get, $"{Forum}/sessions/{sessions[Next(sessions.Length)].Key}", null)).Status),
    ["signed-in programme"] = async () => (true, (await SendAsync(HttpMethod.Get, $"{Forum}/programme", participants[Next(participants.Length)])).Status),
    ["signed-in session"] = async () => (true, (await SendAsync(HttpMethod.Get, $"{Forum}/sessions/{sessions[Next(sessions.Length)].Key}", participants[Next(participants.Length)])).Status),
    ["signed-in agenda"] = async () => (true, (await SendAsync(HttpMethod.Get, $"{Forum}/agenda", participants[Next(participants.Length)])).Status),
    ["signed-in live page"] = async () => (true, (await SendAsync(HttpMethod.Get, $"{Forum}/sessions/{live[Next(live.Length)]}/live", participants[Next(participants.Length)])).Status),
    ["agenda add/remove"] = async () =>
    {
        // One change at a time per person (as one person clicks), so that the final state is what the answers said.
        var p = Next(participants.Length);
        var who = participants[p];
        var session = sessions[Next(sessions.Length)];
        await who.Clicks.WaitAsync();
        try
        {
            var saved = agenda.ContainsKey((p, session.Id));
            var (status, _) = await SendAsync(HttpMethod.Post, $"{Forum}/agenda?handler={(saved ? "Remove" : "Add")}", who, Form(who, ("session", session.Id)));
            if (status == HttpStatusCode.Redirect)
            {
                if (saved) { agenda.TryRemove((p, session.Id), out _); } else { agenda[(p, session.Id)] = true; }
            }
            return (true, status);
        }
        finally
        {
            who.Clicks.Release();
        }
    },
    ["hand raised"] = async () =>
    {
        // Hands go up all through the hour: each participant raises one in each live session in turn (one open hand per
        // person and session), 2,400 pairs for the run's 300. Once per participant, they ran out after 400 s, and the
        // last minutes of the mix went without the live queue's events (a fifth off every kind's median).
        var i = Interlocked.Increment(ref nextHand);
        if (i >= participants.Length * live.Length)
        {
            return (false, 0);
        }
        var who = participants[i % participants.Length];
        var room = live[(i % participants.Length + i / participants.Length) % live.Length];
        var (status, _) = await SendAsync(HttpMethod.Post, $"{Forum}/sessions/{room}/live?handler=Raise", who, Form(who, ("Mode", i % 2 == 0 ? "Online" : "Onsite")));
        if (status == HttpStatusCode.Redirect) { Interlocked.Increment(ref hands); }
        return (true, status);
    },
    ["takeaways submitted"] = async () =>
    {
        var i = Interlocked.Increment(ref nextTakeaway);
        if (i >= rapporteurs.Length)
        {
            return (false, 0);
        }
        var who = rapporteurs[i];
        var (status, _) = await SendAsync(HttpMethod.Post, $"{Forum}/sessions/{who.Session}/report?handler=SubmitTakeaways", who, Form(who,
            ("Form.Takeaway1", $"Connectivity must reach the last mile ({who.Session})."), ("Form.Takeaway2", "Data governance needs every stakeholder at the table."),
            ("Form.Action1", "Fund community networks."), ("Form.Action1For", "Governments")));
        if (status == HttpStatusCode.Redirect) { Interlocked.Increment(ref takeaways); }
        return (true, status);
    },
    ["registration (API)"] = async () =>
    {
        var i = Interlocked.Increment(ref nextToken);
        if (i >= tokens.Length)
        {
            return (false, 0);
        }
        var (status, _) = await SendAsync(HttpMethod.Put, $"/api/forums{Forum}/registration", null,
            new StringContent("{\"mode\":\"Onsite\",\"languages\":[\"en\"]}", Encoding.UTF8, "application/json"), bearer: tokens[i]);
        if (IsSuccess(status)) { Interlocked.Increment(ref registrations); }
        return (true, status);
    },
    ["check-in at the door"] = async () =>
    {
        var i = Interlocked.Increment(ref nextBadge);
        if (i >= badges.Length)
        {
            return (false, 0);
        }
        // Several desks at the door, staffed under one Secretariat account: the codes arrive at the rate people do.
        var (status, _) = await SendAsync(HttpMethod.Post, $"{Forum}/manage/check-in", staff, Form(staff, ("Code", badges[i])));
        if (status == HttpStatusCode.OK) { Interlocked.Increment(ref checkIns); }
        return (true, status);
    },
};

// The setup's own burst (every account signed in within half a minute, each a password hash, then 2,000 streams
// opened) leaves both instances compiling and collecting for a while after: the first 20 s of the mix measured that
// (the takeaways' median twice the rest's), where on the day the sign-ins are spread over the morning. The clock waits
// until the machine is three-fifths idle over 5 s, two minutes at most, and says how long that took.
static (long Idle, long Total) CpuTimes()
{
    var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
    return (fields[3] + fields[4], fields.Sum());
}
var settling = Stopwatch.StartNew();
var idleShare = 0.0;
while (settling.Elapsed < TimeSpan.FromSeconds(120))
{
    var before = CpuTimes();
    await Task.Delay(5000);
    var after = CpuTimes();
    idleShare = (after.Idle - before.Idle) / (double)Math.Max(1, after.Total - before.Total);
    if (idleShare >= 0.6)
    {
        break;
    }
}
Console.WriteLine($"Settled after the setup in {settling.Elapsed.TotalSeconds:F0} s (processors {idleShare:P0} idle over the last 5 s)");

// A short warm-up of every reading kind (code compiled on first use, caches filled), not counted.
foreach (var kind in kinds.Keys.Where(k => k.StartsWith("anonymous") || k.StartsWith("signed-in")))
{
    for (var i = 0; i < 5; i++)
    {
        await kinds[kind]();
    }
}

// The writes too, four of each before the clock (bench/igf-day.sh seeds as many more rapporteurs, and has tokens and
// badges to spare): an instance's first write of a kind compiles its queries and code (the search analyzers for a
// takeaway, the validators and the mail for a registration), up to a second on this machine. Over a quick run's 30 to
// 150 writes of a kind, that first one on each instance was the p99, which then measured the start-up, not the peak.
// Their successes count in the writes checked against the database, as the mix's do. IGF_DAY_WARM_WRITES=0 leaves them
// out, to measure the first writes as a freshly started instance takes them.
var warmWrites = int.TryParse(Environment.GetEnvironmentVariable("IGF_DAY_WARM_WRITES"), out var asked) ? Math.Clamp(asked, 0, 4) : 4;
foreach (var kind in kinds.Keys.Where(k => !k.StartsWith("anonymous") && !k.StartsWith("signed-in") && mix.GetValueOrDefault(k) > 0))
{
    for (var i = 0; i < warmWrites; i++)
    {
        await kinds[kind]();
    }
}

var results = kinds.Keys.ToDictionary(k => k, _ => new Result());
var eventsBefore = Interlocked.Read(ref events);
clock.Restart();
// When the mix began, for the proxy's own timings of the same requests (bench/igf-day.sh reads nginx's access log).
File.WriteAllText(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outcomeFile))!, "mix-began"),
    DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
var duration = TimeSpan.FromSeconds(seconds);
var inFlight = new ConcurrentBag<Task>();
// Every request's kind, when it was due (s from the mix's start), latency (ms) and status, beside the outcome file: when
// a kind's tail happens (its first requests on each instance, or all through the run) is what tells its causes apart.
var timingsFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outcomeFile))!, "timings.tsv");
var timings = new ConcurrentQueue<string>();
async Task RunKindAsync(string kind, double perSecond)
{
    var result = results[kind];
    // Each kind's requests come at independent random moments over the run (as many as the rate asks for: a Poisson
    // process given its count), as people act. Sent at fixed intervals from one start, every kind whose rate divides
    // another's fired in the same instant: a hand, a takeaway, a registration, a check-in and an agenda change together
    // every two seconds, and the writes measured that pile-up (a check-in's median 43 ms when sent with a hand, 16 ms
    // otherwise, 2026-12-08). Seeded by the kind's name: the same moments in every run.
    var count = (int)Math.Ceiling(perSecond * duration.TotalSeconds);
    var arrivals = new Random(kind.Aggregate(17, (hash, c) => hash * 31 + c));
    foreach (var at in Enumerable.Range(0, count).Select(_ => arrivals.NextDouble() * duration.TotalSeconds).Order().ToArray())
    {
        var due = TimeSpan.FromSeconds(at);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        inFlight.Add(Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var (sent, status) = await kinds[kind]();
                if (sent)
                {
                    result.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, IsSuccess(status) ? null : ((int)status).ToString());
                    timings.Enqueue($"{kind}\t{due.TotalSeconds:F3}\t{Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1}\t{(int)status}");
                    if ((int)status >= 500) { Unknown(kind); }
                }
            }
            catch (Exception e)
            {
                result.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, Describe(e));
                Unknown(kind);
            }
        }));
    }
}
Console.WriteLine($"Running the mix for {seconds} s...");
await Task.WhenAll(mix.Where(m => m.Value > 0).Select(m => RunKindAsync(m.Key, m.Value)));
await Task.WhenAll(inFlight);
var elapsed = clock.Elapsed.TotalSeconds;
var eventsDuring = Interlocked.Read(ref events) - eventsBefore;
var stillOpen = Volatile.Read(ref streamsOpen);
stop.Cancel();

Console.WriteLine();
Console.WriteLine($"Mix sent for {seconds:F0} s, last answer at {elapsed:F0} s; \"answered /s\": answers (any) over that time.");
Console.WriteLine($"| Kind | Target /s | Sent | Answered /s | p50 ms | p99 ms | max ms | Errors |");
Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|---|");
foreach (var (kind, result) in results.Where(r => mix.GetValueOrDefault(r.Key) > 0))
{
    Console.WriteLine(result.Line(kind, mix[kind], elapsed));
}
var failedDuring = new ConcurrentDictionary<string, int>(streamFailures.Select(f => KeyValuePair.Create(f.Key, f.Value - failedBefore.GetValueOrDefault(f.Key))).Where(f => f.Value > 0));
Console.WriteLine($"| live-page subscribers (SSE) | {subscribers} open | | | | | | {stillOpen} open at the end; during the mix {Failures(failedDuring)} (reopened after 3 s); {eventsDuring} events read |");
File.WriteAllLines(timingsFile, timings);
int U(string kind) => unknown.GetValueOrDefault(kind);
File.WriteAllText(outcomeFile, $"agenda {agenda.Count} {U("agenda add/remove")}\nhands {hands} {U("hand raised")}\ntakeaways {takeaways} {U("takeaways submitted")}\n"
    + $"registrations {registrations} {U("registration (API)")}\ncheckins {checkIns} {U("check-in at the door")}\n");

static string Describe(Exception e) => e.GetBaseException() switch
{
    System.Net.Sockets.SocketException s => $"socket {s.SocketErrorCode}",
    TimeoutException => "timeout",
    var other => other.GetType().Name,
};
static string Failures(ConcurrentDictionary<string, int> failures) => failures.IsEmpty ? "none" : string.Join(", ", failures.Select(f => $"{f.Value} × {f.Key}"));

sealed class Visitor(string email)
{
    public string Email { get; } = email;
    public string? Session { get; init; }
    public string? Token { get; set; }
    public SemaphoreSlim Clicks { get; } = new(1, 1);
    public Dictionary<string, string> Cookies { get; } = [];
    public string CookieHeader { get { lock (Cookies) { return string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")); } } }

    public void Keep(IEnumerable<string> setCookies)
    {
        lock (Cookies)
        {
            foreach (var pair in setCookies.Select(c => c.Split(';')[0]))
            {
                var i = pair.IndexOf('=');
                Cookies[pair[..i]] = pair[(i + 1)..];
            }
        }
    }
}

sealed class Result
{
    private readonly List<double> latencies = [];
    private readonly Dictionary<string, int> errors = [];

    public void Add(double milliseconds, string? error)
    {
        lock (this)
        {
            latencies.Add(milliseconds);
            if (error is not null)
            {
                errors[error] = errors.GetValueOrDefault(error) + 1;
            }
        }
    }

    public string Line(string kind, double target, double seconds)
    {
        if (latencies.Count == 0)
        {
            return $"| {kind} | {target:0.##} | 0 | | | | | |";
        }
        latencies.Sort();
        double At(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        var failed = errors.Count == 0 ? "0" : string.Join(", ", errors.Select(e => $"{e.Value} × {e.Key}"));
        return $"| {kind} | {target:0.##} | {latencies.Count} | {latencies.Count / seconds:F1} | {At(0.5):F1} | {At(0.99):F1} | {latencies[^1]:F1} | {failed} |";
    }
}
