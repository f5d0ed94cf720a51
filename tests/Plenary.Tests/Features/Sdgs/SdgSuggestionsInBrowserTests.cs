using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sdgs;

/// <summary>The review list and a session form with suggestions in real Chromium: axe finds nothing to fix, and a suggestion is accepted without JavaScript.</summary>
[Collection("browser")]
public sealed class SdgSuggestionsInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task The_review_list_works_without_javascript_and_has_no_accessibility_violations()
    {
        // The accepting is done in a forum of the test's own: the demo's sessions stay as other tests expect them.
        var own = await app.ForumOfItsOwnAsync("sdgbrowser", unplaced: 2);
        await app.InDbAsync(async db =>
        {
            foreach (var s in await db.Sessions.AsTracking().Where(x => x.ForumId == own.Id).ToListAsync())
            {
                s.Description = "Why broadband and digital infrastructure still fail rural schools, and how community networks close the digital divide.";
            }
            await db.SaveChangesAsync();
        });
        var email = $"sdgbr{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email, async (db, id) =>
        {
            foreach (var forum in await db.Forums.Where(f => f.Slug == "igf2022" || f.Id == own.Id).Select(f => f.Id).ToListAsync())
            {
                db.ForumMembers.Add(new Plenary.Kernel.Access.ForumMember { ForumId = forum, AccountId = id, Role = Plenary.Kernel.Access.ForumRole.Secretariat, AddedAt = DateTime.UtcNow });
            }
            await db.SaveChangesAsync();
        })).Dispose();

        // axe runs as a script: the pages in a context with JavaScript.
        var checking = await app.SignedInPageAsync(email);
        foreach (var url in new[] { "/igf2022/manage/sdg-suggestions", "/igf2022/manage/sdg-suggestions?culture=ar", "/igf2022/manage/sdg-suggestions?MinScore=x", "/igf2022/sessions/of-56/edit" })
        {
            await checking.GotoAsync(url);
            (await checking.AxeViolationsAsync()).ShouldBeEmpty(url);
        }
        await checking.Context.CloseAsync();

        var page = await app.SignedInPageAsync(email, new BrowserNewContextOptions { JavaScriptEnabled = false });
        await page.GotoAsync($"/{own.Slug}/manage/sdg-suggestions?MinScore=1");
        var first = page.Locator("tbody input[name=pick]").First;
        var pick = (await first.GetAttributeAsync("value"))!;
        await first.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept the ticked suggestions" }).ClickAsync();
        await page.WaitForURLAsync($"**/{own.Slug}/manage/sdg-suggestions?done=accepted&MinScore=1");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("The suggestions are linked to their sessions.");
        (await page.Locator($"input[name=pick][value='{pick}']").CountAsync()).ShouldBe(0);
        await page.Context.CloseAsync();
    }
}
