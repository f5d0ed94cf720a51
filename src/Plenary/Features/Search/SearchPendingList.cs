using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Search;

/// <summary>
/// Merges the new entries of PostgreSQL's search index into it a moment after the saves that wrote them. A GIN index
/// takes new entries into a pending list, which every search then reads through, start to end, once for each tier:
/// twenty new transcripts (427 pending pages) made a search's matching take 42 ms instead of 4, until a vacuum came by.
/// Merging at each save instead (fastupdate off) doubled the time a transcript takes to save. So a save stays quick, and
/// this merges once a burst of saves (300 takeaways in the hour after the sessions) has settled. SQLite's index has no
/// such list: nothing is asked of it there.
/// </summary>
public sealed class SearchPendingList(IServiceScopeFactory scopes, ILogger<SearchPendingList> logger) : BackgroundService
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    // One waiting signal is enough: saves that come while one waits are merged with it.
    private readonly Channel<bool> written = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long merged;

    /// <summary>Pending pages merged since start.</summary>
    public long Merged => Interlocked.Read(ref merged);

    /// <summary>Index rows were written on PostgreSQL.</summary>
    public void Written() => written.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in written.Reader.ReadAllAsync(stoppingToken))
            {
                await Task.Delay(Settle, stoppingToken);
                await MergeAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task MergeAsync(CancellationToken cancel)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlenaryDb>();
            var pages = await db.Database
                .SqlQueryRaw<long>($"""SELECT gin_clean_pending_list('"{SearchIndex.PostgresVectorIndex}"'::regclass) AS "Value" """)
                .SingleAsync(cancel);
            Interlocked.Add(ref merged, pages);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            // Searches still find everything, only more slowly; the next save or a vacuum merges it.
            logger.LogWarning(e, "The search index's pending entries could not be merged.");
        }
    }
}
