using Microsoft.Playwright;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sessions;

[Collection("browser")]
public sealed class SessionInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Session_page_adds_the_readers_own_time_in_their_zone()
    {
        var page = await app.NewPageAsync(new BrowserNewContextOptions { TimezoneId = "America/Bogota", Locale = "en-GB" });
        await page.GotoAsync("/igf2022/sessions/of-56");
        var local = page.Locator("dl.facts p.z");
        (await local.InnerTextAsync()).ShouldContain("01:30");
        (await local.InnerTextAsync()).ShouldContain("(America/Bogota)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Reader_in_the_forums_zone_gets_no_duplicate_time()
    {
        var page = await app.NewPageAsync(new BrowserNewContextOptions { TimezoneId = "Africa/Addis_Ababa" });
        await page.GotoAsync("/igf2022/sessions/of-56");
        await page.Locator("time[data-local]").WaitForAsync();
        (await page.Locator("dl.facts p.z").CountAsync()).ShouldBe(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Session_page_works_without_javascript_and_shows_forum_and_utc_times()
    {
        var page = await app.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, TimezoneId = "America/Bogota" });
        await page.GotoAsync("/igf2022/sessions/of-56");
        var time = await page.Locator("dl.facts dd").First.InnerTextAsync();
        time.ShouldContain("09:30–10:30");
        time.ShouldContain("06:30–07:30 UTC");
        (await page.Locator("dl.facts p.z").CountAsync()).ShouldBe(0);
        await page.Context.CloseAsync();
    }
}
