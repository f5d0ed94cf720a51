using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Mail;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

/// <summary>Two app instances on one PostgreSQL database behave as one site.</summary>
public sealed class TwoInstancesTests
{
    [Fact]
    public async Task Cookie_and_form_token_from_one_instance_work_on_the_other_and_mail_leaves_once()
    {
        await using var instances = await TwoInstances.StartAsync();
        var (first, second) = (instances.First, instances.Second);
        var (onFirst, onSecond) = instances.OneVisitorOnBoth();

        var email = $"p{Guid.NewGuid():N}@example.org";
        (await first.SignUpAsync(onFirst, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await onSecond.GetAsync(await second.LinkFromOutboxAsync(email, "confirm-email"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.SignInAsync(onFirst, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Signed in by the first, known to the second.
        (await onSecond.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A form served by the first is accepted by the second.
        var form = await PlenaryApp.ParseAsync(await onFirst.GetAsync("/account"));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var saved = await onSecond.PostAsync("/account", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Name"] = "Saved via the second", ["Language"] = "en",
        }));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Both instances run an outbox sender; the confirmation left once.
        for (var i = 0; i < 100 && await first.InDbAsync(db => db.Outbox.AnyAsync(m => m.To == email && m.SentAt == null)); i++)
        {
            await Task.Delay(100);
        }
        var files = new[] { first, second }
            .Select(app => app.Services.GetRequiredService<MailDelivery>().PickupFolder)
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*.eml"))
            .Count(file => File.ReadAllText(file).Contains(email, StringComparison.Ordinal));
        files.ShouldBe(1);
    }
}
