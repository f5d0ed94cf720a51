using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Mail;

/// <summary>
/// Delivers the outbox in the background. Several app instances may run it at once: each claims a batch of due
/// messages in one statement (on PostgreSQL with FOR UPDATE SKIP LOCKED, so two never take the same row; SQLite
/// has a single writer) and only sends what it claimed. Failures are retried with back-off.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, MailDelivery delivery, TimeProvider clock,
    IOptions<MailOptions> options, ILogger<OutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim wake = new(0);

    public Guid Instance { get; } = Guid.NewGuid();

    /// <summary>Asks for a round now, e.g. right after a page queued a confirmation mail.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unreachable; the next round tries again.
                logger.LogWarning(e, "Outbox round failed.");
            }
            try
            {
                await wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: claim due messages, send each, record the outcome. Returns how many were claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlenaryDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await ClaimAsync(db, now, cancellationToken);
        foreach (var message in claimed)
        {
            try
            {
                await delivery.SendAsync(message, cancellationToken);
                await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(m => m.Attempts, message.Attempts + 1)
                    .SetProperty(m => m.ClaimedBy, (Guid?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempts = message.Attempts + 1;
                logger.LogWarning(e, "Sending outbox message {Id} failed (attempt {Attempts}).", message.Id, attempts);
                var error = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, clock.GetUtcNow().UtcDateTime + OutboxMessage.BackOff(attempts))
                    .SetProperty(m => m.ClaimedBy, (Guid?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.LastError, error), CancellationToken.None);
            }
        }
        return claimed.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(PlenaryDb db, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + ClaimFor;
        if (db.Database.IsNpgsql())
        {
            // One statement takes the rows; rows another instance is taking are skipped, not waited for.
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE "Outbox" SET "ClaimedBy" = {0}, "ClaimedUntil" = {1}
                WHERE "Id" IN (
                    SELECT "Id" FROM "Outbox"
                    WHERE "SentAt" IS NULL AND "Attempts" < {2} AND "NextAttemptAt" <= {3}
                      AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {3})
                    ORDER BY "Id" LIMIT {4}
                    FOR UPDATE SKIP LOCKED)
                """, [Instance, until, OutboxMessage.MaxAttempts, now, BatchSize], cancellationToken);
        }
        else
        {
            // SQLite lets one writer in at a time, so the same conditions in one UPDATE are enough.
            var due = db.Outbox
                .Where(m => m.SentAt == null && m.Attempts < OutboxMessage.MaxAttempts && m.NextAttemptAt <= now
                    && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.Id).Take(BatchSize).Select(m => m.Id);
            await db.Outbox
                .Where(m => due.Contains(m.Id) && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedBy, Instance).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        }
        return await db.Outbox.Where(m => m.ClaimedBy == Instance && m.SentAt == null).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }
}
