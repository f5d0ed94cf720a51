using Microsoft.Playwright;
using Plenary.Tests.Infrastructure.Fixtures;
using static Plenary.Tests.Features.Queue.QueueTestData;

namespace Plenary.Tests.Features.Queue;

/// <summary>Two real browsers, a participant's and a moderator's, kept current by Server-Sent Events without reloading.</summary>
[Collection("browser")]
public sealed class QueueInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task A_raised_hand_appears_on_the_console_and_the_floor_on_the_participants_page_without_reloading()
    {
        var session = await SessionAsync(app, 9901);
        var (_, name, participantEmail) = await ParticipantAsync(app);
        var moderatorEmail = $"mod{Guid.NewGuid():N}@example.org";
        using var _ = await ModeratorAsync(app, session, moderatorEmail);

        var participant = await SignedInPageAsync(participantEmail);
        var moderator = await SignedInPageAsync(moderatorEmail);
        await participant.GotoAsync(Url(session, "live"));
        await moderator.GotoAsync(Url(session, "console"));
        await Assertions.Expect(moderator.Locator("#live-status")).ToHaveTextAsync("Live updates on");
        var navigations = 0;
        moderator.FrameNavigated += (_, frame) => { if (frame == moderator.MainFrame) navigations++; };

        await participant.GetByLabel("Topic (optional)").FillAsync("Meaningful access");
        await participant.GetByLabel("Online").CheckAsync();
        await participant.GetByRole(AriaRole.Button, new() { Name = "Raise my hand" }).ClickAsync();
        await Assertions.Expect(participant.Locator("#my-place")).ToContainTextAsync("number 1");

        var row = moderator.Locator("table.queue tbody tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Meaningful access");
        await Assertions.Expect(row).ToContainTextAsync("Online");
        navigations.ShouldBe(0);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Give the floor to {name}" }).ClickAsync();
        await Assertions.Expect(moderator.Locator("#speaking")).ToContainTextAsync(name);
        await Assertions.Expect(participant.Locator(".you-speak")).ToHaveTextAsync("You have the floor.");

        await moderator.GetByRole(AriaRole.Button, new() { Name = "Done", Exact = true }).ClickAsync();
        await Assertions.Expect(participant.Locator("#floor")).ToContainTextAsync("No one has the floor.");
        await participant.Context.CloseAsync();
        await moderator.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_javascript_raising_a_hand_posts_and_comes_back_with_ones_place()
    {
        var session = await SessionAsync(app, 9902);
        var (_, _, email) = await ParticipantAsync(app);
        var page = await SignedInPageAsync(email, javaScript: false);
        await page.GotoAsync(Url(session, "live"));
        await page.GetByLabel("Onsite").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise my hand" }).ClickAsync();
        (await page.Locator("#my-place").InnerTextAsync()).ShouldContain("number 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lower my hand" }).ClickAsync();
        (await page.Locator("#my-place").CountAsync()).ShouldBe(0);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignedInPageAsync(string email, bool javaScript = true)
    {
        return await app.SignedInPageAsync(email, new BrowserNewContextOptions { JavaScriptEnabled = javaScript });
    }
}
