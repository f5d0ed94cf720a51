using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Mail;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Mail;

/// <summary>Messages leave as .eml files by default, and each once, even with several senders at work.</summary>
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
}

[Collection("sqlite")]
public sealed class OutboxOnSqlite(SqliteApp app) : OutboxTests(app);

[Collection("postgres")]
public sealed class OutboxOnPostgres(PostgresApp app) : OutboxTests(app);
