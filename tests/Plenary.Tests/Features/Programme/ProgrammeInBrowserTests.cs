using Microsoft.Playwright;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Programme;

[Collection("browser")]
public sealed class ProgrammeInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Filter_form_works_without_javascript()
    {
        var page = await app.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        await page.GotoAsync("/igf2022/programme");
        await page.GetByLabel("Session type", new() { Exact = true }).SelectOptionAsync("OF");
        await page.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync("2022-12-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show sessions" }).ClickAsync();
        await page.WaitForURLAsync("**/programme?*");

        page.Url.ShouldContain("type=OF");
        page.Url.ShouldContain("day=2022-12-01");
        var titles = await page.Locator("ol.sessions h3 a").AllInnerTextsAsync();
        titles.ShouldNotBeEmpty();
        titles.ShouldAllBe(t => t.StartsWith("Open Forum #"));
        titles.ShouldContain(t => t.Contains("Data-Driven Digital Economy"));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldStartWith($"{titles.Count} of ");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bad_filter_is_explained_and_the_error_links_to_its_field()
    {
        var page = await app.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var response = await page.GotoAsync("/igf2022/programme?sdg=42");
        response!.Status.ShouldBe(400);
        var alert = page.GetByRole(AriaRole.Alert);
        (await alert.InnerTextAsync()).ShouldContain("“42” is not a Sustainable Development Goal");
        await alert.GetByRole(AriaRole.Link).First.ClickAsync();
        page.Url.ShouldEndWith("#f-sdg");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_javascript_the_time_zone_field_offers_the_readers_zone()
    {
        var page = await app.NewPageAsync(new BrowserNewContextOptions { TimezoneId = "America/Bogota" });
        await page.GotoAsync("/igf2022/programme?type=OF");
        var offer = page.Locator("input[data-tz] ~ a.m");
        (await offer.InnerTextAsync()).ShouldBe("America/Bogota");
        await offer.ClickAsync();
        await page.WaitForURLAsync("**tz=America*");
        // 06:30 UTC is 01:30 in Bogotá (UTC-5).
        var of56 = page.Locator("ol.sessions > li").Filter(new() { HasText = "Data-Driven Digital Economy" });
        (await of56.Locator("p.t").InnerTextAsync()).ShouldStartWith("01:30–02:30");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_signed_in_reader_is_shown_the_agenda_button_of_their_own_choice_on_the_kept_programme()
    {
        var email = $"pk{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email)).Dispose();
        var page = await app.SignedInPageAsync(email, new BrowserNewContextOptions { JavaScriptEnabled = false });
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) violations.Add(message.Text); };
        await page.GotoAsync("/igf2022/programme?type=OF");
        var of56 = page.Locator("ol.sessions > li").Filter(new() { HasText = "Data-Driven Digital Economy" });
        var other = page.Locator("ol.sessions > li").Filter(new() { HasNotText = "Data-Driven Digital Economy" }).First;
        await of56.GetByRole(AriaRole.Button, new() { Name = "Add to my schedule" }).ClickAsync();
        await page.WaitForURLAsync("**/igf2022/programme?type=OF");

        // Served from the page kept whole, put together from pieces compressed once, which the browser reads as one.
        var again = await page.GotoAsync("/igf2022/programme?type=OF");
        (await again!.HeaderValueAsync("content-encoding")).ShouldBe("gzip");
        (await of56.GetByRole(AriaRole.Button, new() { Name = "Remove from my schedule" }).IsVisibleAsync()).ShouldBeTrue();
        (await of56.GetByRole(AriaRole.Button, new() { Name = "Add to my schedule" }).IsVisibleAsync()).ShouldBeFalse();
        (await other.GetByRole(AriaRole.Button, new() { Name = "Add to my schedule" }).IsVisibleAsync()).ShouldBeTrue();
        (await other.GetByRole(AriaRole.Button, new() { Name = "Remove from my schedule" }).IsVisibleAsync()).ShouldBeFalse();
        violations.ShouldBeEmpty("the reader's own stylesheet is allowed by its hash");

        await of56.GetByRole(AriaRole.Button, new() { Name = "Remove from my schedule" }).ClickAsync();
        await page.WaitForURLAsync("**/igf2022/programme?type=OF");
        (await of56.GetByRole(AriaRole.Button, new() { Name = "Add to my schedule" }).IsVisibleAsync()).ShouldBeTrue();
        (await of56.GetByRole(AriaRole.Button, new() { Name = "Remove from my schedule" }).IsVisibleAsync()).ShouldBeFalse();
        await page.Context.CloseAsync();
    }
}
