using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Reports;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;

/// <summary>
/// What building the programme's links costs: 300 sessions, each with the three links the programme writes for it
/// (session page, room, and the report or the agenda's way back), by hand as the views did, through the features'
/// Links classes, and through ASP.NET Core's LinkGenerator with page names.
/// </summary>
[MemoryDiagnoser]
public class LinksBench
{
    private const string Forum = "igf2022";
    private readonly (string Key, int Room)[] _sessions = Enumerable.Range(1, 300).Select(i => ($"ws-{i}", 1 + i % 12)).ToArray();
    private WebApplication _app = null!;
    private LinkGenerator _links = null!;

    public static void Run(string[] args) => BenchmarkRunner.Run<LinksBench>(DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator), args);

    [GlobalSetup]
    public void Setup()
    {
        // Plenary's own pages and routes, registered as the app does; LinkGenerator reads the endpoints without a server.
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features").AddApplicationPart(typeof(SessionLinks).Assembly);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapRazorPages();
        // The endpoints are gathered when the app starts.
        _app.StartAsync().GetAwaiter().GetResult();
        _links = _app.Services.GetRequiredService<LinkGenerator>();
        var check = _links.GetPathByPage("/Sessions/Details", values: new { forum = Forum, key = "ws-1" });
        if (check != SessionLinks.Page(Forum, "ws-1"))
        {
            throw new InvalidOperationException($"LinkGenerator gave {check ?? "nothing"}, not {SessionLinks.Page(Forum, "ws-1")}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "By hand (\"/\" + slug + \"/sessions/\" + key), 900 links")]
    public int ByHand()
    {
        var length = 0;
        foreach (var (key, room) in _sessions)
        {
            length += ("/" + Forum + "/sessions/" + key).Length;
            length += ("/" + Forum + "/rooms/" + room.ToString(System.Globalization.CultureInfo.InvariantCulture)).Length;
            length += ("/" + Forum + "/sessions/" + key + "/report").Length;
        }
        return length;
    }

    [Benchmark(Description = "Links classes (escaped segments), 900 links")]
    public int LinksClasses()
    {
        var length = 0;
        foreach (var (key, room) in _sessions)
        {
            length += SessionLinks.Page(Forum, key).Length;
            length += RoomLinks.Room(Forum, room).Length;
            length += ReportLinks.Write(Forum, key).Length;
        }
        return length;
    }

    [Benchmark(Description = "LinkGenerator.GetPathByPage, 900 links")]
    public int PageNames()
    {
        var length = 0;
        foreach (var (key, room) in _sessions)
        {
            length += _links.GetPathByPage("/Sessions/Details", values: new { forum = Forum, key })!.Length;
            length += _links.GetPathByPage("/Rooms/Details", values: new { forum = Forum, id = room })!.Length;
            length += _links.GetPathByPage("/Reports/Write", values: new { forum = Forum, key })!.Length;
        }
        return length;
    }
}
