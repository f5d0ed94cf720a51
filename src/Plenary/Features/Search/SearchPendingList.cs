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
/// such list: nothing is asked of it after a save. After a bulk write through the app (an archive imported), the whole
/// index is merged here too, on either engine (<see cref="MergeWhole"/>): at full scale that is seconds of work, which
/// the importer's request no longer waits for.
/// </summary>
public sealed class SearchPendingList(IServiceScopeFactory scopes, ILogger<SearchPendingList> logger) : BackgroundService
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    // One waiting signal is enough: saves that come while one waits are merged with it.
    private readonly Channel<bool> written = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long merged;
    private long wholeAsked, wholeDone;

    /// <summary>Pending pages merged since start.</summary>
    public long Merged => Interlocked.Read(ref merged);

    /// <summary>Whole-index merges asked for since start (<see cref="MergeWhole"/>).</summary>
    public long WholeMergesAsked => Interlocked.Read(ref wholeAsked);

    /// <summary>Of those asked, how many a merge has answered: every bulk write up to this one is merged.</summary>
    public long WholeMergesDone => Interlocked.Read(ref wholeDone);

    /// <summary>Index rows were written on PostgreSQL.</summary>
    public void Written() => written.Writer.TryWrite(true);

    /// <summary>A bulk write committed: the whole index is to be merged (<see cref="SearchIndex.MergeAsync"/>), soon.</summary>
    public void MergeWhole()
    {
        Interlocked.Increment(ref wholeAsked);
        written.Writer.TryWrite(true);
    }

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
            // Asks that come during the merge wait for the next one: their rows may be after its last step.
            var asked = Interlocked.Read(ref wholeAsked);
            var whole = asked > Interlocked.Read(ref wholeDone);
            if (!db.Database.IsNpgsql())
            {
                // FTS5 merges its segments a step at a time; PostgreSQL's whole merge is the pending list's, below.
                if (whole)
                {
                    await SearchIndex.MergeAsync(db, cancel);
                    Interlocked.Exchange(ref wholeDone, asked);
                }
                return;
            }
            var pages = await db.Database
                .SqlQueryRaw<long>($"""SELECT gin_clean_pending_list('"{SearchIndex.PostgresVectorIndex}"'::regclass) AS "Value" """)
                .SingleAsync(cancel);
            Interlocked.Add(ref merged, pages);
            Interlocked.Exchange(ref wholeDone, asked);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            // Searches still find everything, only more slowly; the next save or a vacuum merges it.
            logger.LogWarning(e, "The search index's pending entries could not be merged.");
        }
    }
}
