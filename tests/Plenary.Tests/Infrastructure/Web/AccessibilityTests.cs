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
