using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Releases;

/// <summary>The new pages in real Chromium: axe finds nothing to fix, and the agenda works without JavaScript.</summary>
[Collection("browser")]
public sealed class ReleasesInBrowserTests(BrowserApp app)
{
    [Theory]
    [InlineData("/igf2022/schedule/grid?day=2022-11-29")]
    [InlineData("/igf2022/schedule/grid?day=2022-11-29&culture=fr")]
    [InlineData("/igf2022/schedule/grid?day=1999-01-01")]
    [InlineData("/igf2022/now")]
    [InlineData("/igf2022/changes")]
    [InlineData("/igf2022/changes?culture=fr")]
    public async Task Public_page_has_no_accessibility_violations(string url)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(url);
        Violations(await page.RunAxeInPageAsync()).ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Agenda_and_releases_pages_work_without_javascript_and_have_no_accessibility_violations()
    {
        var email = $"br{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email, async (db, id) =>
        {
            var forum = await db.Forums.Where(f => f.Slug == "igf2022").Select(f => f.Id).SingleAsync();
            db.ForumMembers.Add(new Plenary.Kernel.Access.ForumMember { ForumId = forum, AccountId = id, Role = Plenary.Kernel.Access.ForumRole.Secretariat, AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        })).Dispose();
        var page = await app.SignedInPageAsync(email, new BrowserNewContextOptions { JavaScriptEnabled = false });

        await page.GotoAsync("/igf2022/sessions/of-56");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to my schedule" }).ClickAsync();
        await page.WaitForURLAsync("**/igf2022/sessions/of-56");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Remove from my schedule" }).CountAsync()).ShouldBe(1);

        await page.GotoAsync("/igf2022/agenda");
        (await page.Locator("ol.sessions h3").AllInnerTextsAsync()).ShouldContain(t => t.Contains("Open Forum #56"));
        await page.GetByLabel("Show times in").SelectOptionAsync("Utc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this time zone" }).ClickAsync();
        (await page.Locator("ol.sessions p.t").First.InnerTextAsync()).ShouldStartWith("06:30–07:30 UTC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make my calendar link" }).ClickAsync();
        (await page.Locator("#feed").InputValueAsync()).ShouldEndWith(".ics");
        await page.Context.CloseAsync();

        // axe runs as a script: the same pages, in a context with JavaScript.
        var checking = await app.SignedInPageAsync(email);
        foreach (var url in new[] { "/igf2022/agenda", "/igf2022/agenda?culture=fr", "/igf2022/manage/timetable/releases", "/igf2022/programme?type=OF" })
        {
            await checking.GotoAsync(url);
            Violations(await checking.RunAxeInPageAsync()).ShouldBeEmpty(url);
        }
        await checking.Context.CloseAsync();
    }

    private static string Violations(Deque.AxeCore.Commons.AxeResult result) =>
        string.Join(Environment.NewLine, result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
}
