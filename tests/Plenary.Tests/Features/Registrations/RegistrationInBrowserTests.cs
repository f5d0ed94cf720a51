using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Plenary.Features.Registrations;
using Plenary.Tests.Features.Messages;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Registrations;

[Collection("browser")]
public sealed class RegistrationInBrowserTests(BrowserApp app)
{
    /// <summary>
    /// Typing the reason to decline and pressing Enter decides nothing, neither approving (the first visible button) nor
    /// declining: the desk asks to press one of the two, with the reason still in its field.
    /// </summary>
    [Fact]
    public async Task Enter_in_a_decisions_reason_decides_nothing_and_keeps_the_reason()
    {
        // A forum whose registrations include one waiting for the Secretariat's decision.
        var forum = await MessagesForum.MakeAsync(app);
        var waiting = await app.InDbAsync(db => db.Registrations
            .Where(r => r.Status == RegistrationStatus.Pending && db.Forums.Any(f => f.Id == r.ForumId && f.Slug == forum.Slug)).Select(r => r.Id).SingleAsync());
        var email = $"sec{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email, async (db, id) =>
        {
            db.ForumMembers.Add(new Plenary.Kernel.Access.ForumMember
            {
                ForumId = await db.Forums.Where(f => f.Slug == forum.Slug).Select(f => f.Id).SingleAsync(), AccountId = id,
                Role = Plenary.Kernel.Access.ForumRole.Secretariat, AddedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        })).Dispose();
        var page = await app.SignedInPageAsync(email);
        await page.GotoAsync($"/{forum.Slug}/manage/registrations");

        var reason = page.Locator($"#reason-{waiting}");
        await reason.FillAsync("The venue is full; please join online.");
        await reason.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing is decided yet: press Approve or Decline.");
        (await page.Locator($"#reason-{waiting}").InputValueAsync()).ShouldBe("The venue is full; please join online.");
        (await app.InDbAsync(db => db.Registrations.SingleAsync(r => r.Id == waiting))).Status.ShouldBe(RegistrationStatus.Pending);
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
