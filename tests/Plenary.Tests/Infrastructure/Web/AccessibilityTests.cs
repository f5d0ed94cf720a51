using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>axe-core, in real Chromium, finds nothing to fix on the public pages, in both interface languages.</summary>
[Collection("browser")]
public sealed class AccessibilityTests(BrowserApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/igf2022")]
    [InlineData("/igf2022/programme")]
    [InlineData("/igf2022/programme?day=31-02-2022&sdg=18")]
    [InlineData("/igf2022/sessions/of-56")]
    [InlineData("/igf2022/sdgs")]
    [InlineData("/igf2022/sdgs/9")]
    [InlineData("/igf2022/rooms")]
    [InlineData("/igf2022/people")]
    [InlineData("/igf2022/no-such-page")]
    [InlineData("/igf2022/programme?culture=fr")]
    [InlineData("/igf2022/sessions/of-56?culture=fr")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/forgot-password?culture=fr")]
    public async Task Page_has_no_accessibility_violations(string url)
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        var response = await page.GotoAsync(url);
        var documentError = $"Failed to load resource: the server responded with a status of {response!.Status} ";
        page.Console += (_, message) =>
        {
            // The document's own 400 or 404 is reported too and is what the test asked for.
            if (message.Type == "error" && !(response.Status >= 400 && message.Text.StartsWith(documentError, StringComparison.Ordinal)))
            {
                errors.Add(message.Text);
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Request.ResourceType != "document" && (r.Status >= 400 || r.Status != 304 && string.IsNullOrEmpty(r.Headers.GetValueOrDefault("content-type"))))
            {
                errors.Add($"{r.Status} without a usable answer for {r.Url}");
            }
        };
        await page.ReloadAsync();
        var result = await page.RunAxe();
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}");
        string.Join(Environment.NewLine, violations).ShouldBeEmpty();
        // A blocked script or style (the CSP) shows up as a console error.
        errors.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_factor_pages_have_no_accessibility_violations()
    {
        // Signed-in pages: the account is made over HTTP, then the browser signs in through the form.
        var email = $"a{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email)).Dispose();
        var page = await app.NewPageAsync();
        await SignInAsync(page, email);
        page.Url.ShouldEndWith("/account");
        (await page.RunAxe()).Violations.ShouldBeEmpty();

        await page.GotoAsync("/account/two-factor");
        (await page.RunAxe()).Violations.ShouldBeEmpty();
        var key = await page.Locator("#key").InnerTextAsync();
        await page.GetByLabel("6-digit code from the app").FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn two-factor sign-in on" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("6-digit code");
        (await page.RunAxe()).Violations.ShouldBeEmpty();
        await page.GetByLabel("6-digit code from the app").FillAsync(Plenary.Tests.Features.Accounts.Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn two-factor sign-in on" }).ClickAsync();
        (await page.Locator(".codes code").CountAsync()).ShouldBe(10);
        (await page.RunAxe()).Violations.ShouldBeEmpty();
        await page.GetByRole(AriaRole.Link, new() { Name = "I have kept my codes" }).ClickAsync();
        (await page.RunAxe()).Violations.ShouldBeEmpty();
        await page.GotoAsync("/account/two-factor?culture=fr");
        (await page.RunAxe()).Violations.ShouldBeEmpty();

        await page.GotoAsync("/account?culture=en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(page, email);
        page.Url.ShouldContain("/account/sign-in/two-factor");
        (await page.RunAxe()).Violations.ShouldBeEmpty();
        await page.GetByLabel("Recovery code").FillAsync("not a code");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a recovery code" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("recovery codes");
        (await page.RunAxe()).Violations.ShouldBeEmpty();
        await page.GetByLabel("Code from your app").FillAsync(Plenary.Tests.Features.Accounts.Totp.Code(key));
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
        var main = await page.Locator("main").InnerTextAsync();
        page.Url.ShouldEndWith("/account", Case.Sensitive, main);
        await page.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync("solar wind over Addis");
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    [Fact]
    public async Task Person_page_has_no_accessibility_violations()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/igf2022/sessions/of-56");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ms. Yik Chan Chin", Exact = false }).First.ClickAsync();
        await page.WaitForURLAsync("**/people/*");
        var result = await page.RunAxe();
        result.Violations.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
