using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Reports;

/// <summary>Two app instances on one PostgreSQL database, sweeping at the same moment, send each reminder once.</summary>
public sealed class RemindersOnTwoInstancesTests
{
    [Fact]
    public async Task Two_instances_sweeping_together_write_one_message_per_writer_and_deadline()
    {
        await using var instances = await TwoInstances.StartAsync();
        var start = new DateTime(2031, 3, 12, 9, 0, 0, DateTimeKind.Utc);
        var session = await ReminderTestData.PlacedSessionAsync(instances.First, 10301, start, "Reminders on two instances");
        for (var i = 0; i < 6; i++)
        {
            using var writer = await instances.First.HolderOfSessionRoleAsync(session, i % 3 == 0 ? SessionRoleKind.Rapporteur : SessionRoleKind.Organiser);
        }
        var emails = (await ReminderTestData.EmailsAsync(instances.First, session, SessionRoleKind.Rapporteur))
            .Concat(await ReminderTestData.EmailsAsync(instances.First, session, SessionRoleKind.Organiser)).ToList();
        emails.Count.ShouldBe(6);

        // Session ended (11:05 after a 10:00 end), then takeaways due in 30 minutes (12:40): two deadlines' worth of reminders.
        foreach (var now in new[] { start.AddMinutes(65), start.AddMinutes(155) })
        {
            var clock = new SetClock(now);
            var sweepers = new[] { instances.First, instances.Second }
                .SelectMany(app => Enumerable.Range(0, 3).Select(_ => ActivatorUtilities.CreateInstance<ReminderSweeper>(app.Services, clock)))
                .ToList();
            await Task.WhenAll(sweepers.Select(s => Task.Run(() => s.SweepOnceAsync(default))));
        }

        var sent = await ReminderTestData.RemindersToAsync(instances.Second, emails);
        sent.Count.ShouldBe(12);
        sent.GroupBy(m => (m.To, m.Subject)).ShouldAllBe(g => g.Count() == 1);
        sent.Count(m => m.Subject.EndsWith("has ended: key takeaways are due", StringComparison.Ordinal)).ShouldBe(6);
        (await instances.First.InDbAsync(db => db.RemindersSent.CountAsync(r => r.SessionId == session.Id))).ShouldBe(12);
    }
}
