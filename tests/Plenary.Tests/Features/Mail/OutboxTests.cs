using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Plenary.Features.Mail;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Mail;

/// <summary>
/// Messages leave as .eml files by default, and each once, even with several senders at work; a failing server is
/// retried with growing waits up to a limit; a claim left by an instance that died mid-send lapses.
/// </summary>
public abstract class OutboxTests(PlenaryApp app)
{
    [Fact]
    public async Task Each_message_is_delivered_exactly_once_with_three_senders_running()
    {
        var domain = $"{Guid.NewGuid():N}.example.org";
        var ids = await app.InDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var messages = Enumerable.Range(0, 60).Select(i => new OutboxMessage
            {
                To = $"r{i}@{domain}", Subject = "Test", TextBody = "Body", HtmlBody = "<p>Body</p>", Purpose = "test", CreatedAt = now, NextAttemptAt = now,
            }).ToList();
            db.Outbox.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).ToHashSet();
        });
        // The app's own background sender runs too: three instances compete for the same rows.
        var senders = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<OutboxSender>(app.Services)).ToList();
        await Task.WhenAll(senders.Select(s => Task.Run(async () =>
        {
            while (await s.SendDueAsync(CancellationToken.None) > 0)
            {
            }
        })));
        var delivery = app.Services.GetRequiredService<MailDelivery>();
        for (var i = 0; i < 100 && ids.Count > await app.InDbAsync(db => Task.FromResult(db.Outbox.Count(m => ids.Contains(m.Id) && m.SentAt != null))); i++)
        {
            await Task.Delay(100);
        }
        var delivered = Directory.GetFiles(delivery.PickupFolder, "*.eml")
            .Select(File.ReadAllText).Where(t => t.Contains(domain, StringComparison.Ordinal))
            .Select(t => long.Parse(System.Text.RegularExpressions.Regex.Match(t, @"X-Plenary-Message: (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        delivered.Order().ShouldBe(ids.Order());
    }

    /// <summary>
    /// Far beyond the real clock, so the app's own background sender (which reads the real one) never finds these
    /// messages due: only the test's sender, on a clock the test sets, does.
    /// </summary>
    private static readonly DateTime Later = new(2090, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private Task<long> QueueAsync(string to, Action<OutboxMessage>? shape = null) => app.InDbAsync(async db =>
    {
        var message = new OutboxMessage { To = to, Subject = "Test", TextBody = "Body", HtmlBody = "<p>Body</p>", Purpose = "test", CreatedAt = Later, NextAttemptAt = Later };
        shape?.Invoke(message);
        db.Outbox.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    });

    private Task<OutboxMessage> StoredAsync(long id) => app.InDbAsync(db => db.Outbox.SingleAsync(m => m.Id == id));

    /// <summary>An SMTP server that is not there: a loopback port just freed, so every connection is refused.</summary>
    private MailDelivery RefusingServer()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return ActivatorUtilities.CreateInstance<MailDelivery>(app.Services,
            Options.Create(new MailOptions { SmtpHost = "127.0.0.1", SmtpPort = port, SmtpSecurity = SmtpSecurity.None }));
    }

    [Fact]
    public async Task A_failing_server_is_retried_after_1_2_4_8_16_32_and_60_minutes_and_given_up_after_the_eighth_attempt()
    {
        var id = await QueueAsync($"retry@{Guid.NewGuid():N}.example.org");
        var clock = new SetClock(Later);
        var sender = ActivatorUtilities.CreateInstance<OutboxSender>(app.Services, RefusingServer(), clock);

        // Each attempt at the moment the previous one set: minutes after the first, as the back-off promises.
        int[] attemptsAt = [0, 1, 3, 7, 15, 31, 63, 123];
        for (var attempt = 1; attempt <= attemptsAt.Length; attempt++)
        {
            var at = Later.AddMinutes(attemptsAt[attempt - 1]);
            // A second before it is due, nothing is tried.
            clock.Now = at.AddSeconds(-1);
            (await sender.SendDueAsync(CancellationToken.None)).ShouldBe(0, $"before attempt {attempt}");
            clock.Now = at;
            (await sender.SendDueAsync(CancellationToken.None)).ShouldBe(1, $"attempt {attempt}");
            var message = await StoredAsync(id);
            (message.Attempts, message.SentAt, message.ClaimedBy, message.ClaimedUntil).ShouldBe((attempt, (DateTime?)null, (Guid?)null, (DateTime?)null), $"after attempt {attempt}");
            message.LastError.ShouldNotBeNullOrWhiteSpace();
            if (attempt < attemptsAt.Length)
            {
                message.NextAttemptAt.ShouldBe(Later.AddMinutes(attemptsAt[attempt]), $"after attempt {attempt}");
            }
        }

        // Eight attempts is the limit: a day later it is still not tried again.
        clock.Now = Later.AddDays(1);
        (await sender.SendDueAsync(CancellationToken.None)).ShouldBe(0);
        var given = await StoredAsync(id);
        (given.Attempts, given.SentAt, given.GaveUp).ShouldBe((8, (DateTime?)null, true));
    }

    [Fact]
    public async Task A_claim_left_by_an_instance_that_died_mid_send_lapses_and_another_instance_sends_the_message()
    {
        var domain = $"{Guid.NewGuid():N}.example.org";
        // Claimed for five minutes by an instance that never came back.
        var id = await QueueAsync($"orphan@{domain}", m => (m.ClaimedBy, m.ClaimedUntil) = (Guid.NewGuid(), Later.AddMinutes(5)));
        var clock = new SetClock(Later.AddMinutes(4));
        var sender = ActivatorUtilities.CreateInstance<OutboxSender>(app.Services, clock);

        (await sender.SendDueAsync(CancellationToken.None)).ShouldBe(0, "still claimed");
        (await StoredAsync(id)).SentAt.ShouldBeNull();

        clock.Now = Later.AddMinutes(5).AddSeconds(1);
        (await sender.SendDueAsync(CancellationToken.None)).ShouldBe(1);
        var sent = await StoredAsync(id);
        (sent.SentAt, sent.Attempts, sent.ClaimedBy).ShouldBe((Later.AddMinutes(5).AddSeconds(1), 1, (Guid?)null));
        var delivery = app.Services.GetRequiredService<MailDelivery>();
        Directory.GetFiles(delivery.PickupFolder, "*.eml").Select(File.ReadAllText).Count(t => t.Contains($"orphan@{domain}", StringComparison.Ordinal)).ShouldBe(1);
    }
}

[Collection("sqlite")]
public sealed class OutboxOnSqlite(SqliteApp app) : OutboxTests(app);

[Collection("postgres")]
public sealed class OutboxOnPostgres(PostgresApp app) : OutboxTests(app);
