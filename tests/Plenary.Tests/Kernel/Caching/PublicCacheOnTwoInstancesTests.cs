using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Features.Releases;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Kernel.Caching;

/// <summary>
/// Behind a load balancer, each instance keeps its own copies of the public pages: a write made through one must evict
/// the other's copies too (PostgreSQL's NOTIFY), each with its scope, or the other serves the old page for its minute.
/// </summary>
public sealed class PublicCacheOnTwoInstancesTests
{
    /// <summary>What the page shows once it changes, or after ten seconds (the copies' minute is far longer) what it still shows.</summary>
    private static async Task<string> OnceItShowsAsync(Func<Task<string>> read, string expected)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var text = await read();
            if (text.Contains(expected, StringComparison.Ordinal) || DateTime.UtcNow > until)
            {
                return text;
            }
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_write_on_one_instance_evicts_the_copies_of_the_other_within_its_scope()
    {
        await using var instances = await TwoInstances.StartAsync();
        var (first, second) = (instances.First, instances.Second);
        var forum = await ReleaseForum.CreateAsync(first);
        var reported = await forum.SessionAsync(1, "Reported on", ReleaseForum.At(new DateOnly(2030, 3, 4), 0, 9));
        var other = await forum.SessionAsync(2, "Not reported on", ReleaseForum.At(new DateOnly(2030, 3, 4), 0, 11));
        await first.ReleaseTimetableAsync(forum.Slug);
        async Task<string> ShownAsync(string path) => (await second.GetPageAsync($"/{forum.Slug}{path}")).Page.Body!.TextContent;
        Task<string> Programme() => ShownAsync("/programme");
        Task<string> ReportedPage() => ShownAsync($"/sessions/{reported.Key}");
        Task<string> OtherPage() => ShownAsync($"/sessions/{other.Key}");

        // A public write on the first instance: the second's programme, cached, shows it.
        (await Programme()).ShouldContain("Not reported on");
        await first.InDbAsync(async db =>
        {
            (await db.Sessions.AsTracking().SingleAsync(s => s.Id == other.Id)).Title = "Renamed on the first instance";
            await db.SaveChangesAsync();
        });
        (await OnceItShowsAsync(Programme, "Renamed on the first instance")).ShouldContain("Renamed on the first instance");

        // A takeaway written on the first instance: the second evicts that session's page and nothing of the rest.
        (await ReportedPage()).ShouldNotContain("Heard on every instance.");
        (await OtherPage()).ShouldContain("Renamed on the first instance");
        // Behind the caches' back: the copies the takeaway must not evict show the old title while they last.
        await first.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Sessions\" SET \"Title\" = 'Renamed behind the cache' WHERE \"Id\" = {other.Id}"));
        await first.InDbAsync(async db =>
        {
            db.Takeaways.Add(new Takeaway { SessionId = reported.Id, Kind = TakeawayKind.KeyTakeaway, Position = 1, Text = "Heard on every instance." });
            await db.SaveChangesAsync();
        });
        (await OnceItShowsAsync(ReportedPage, "Heard on every instance.")).ShouldContain("Heard on every instance.");
        (await OtherPage()).ShouldContain("Renamed on the first instance");
        (await Programme()).ShouldContain("Renamed on the first instance");
        await second.EvictPublicCacheAsync();
        (await OtherPage()).ShouldContain("Renamed behind the cache");
    }
}
