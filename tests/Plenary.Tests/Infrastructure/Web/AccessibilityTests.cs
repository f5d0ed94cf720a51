using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Plenary.Tests.Infrastructure.Fixtures;
using Plenary.Tests.Infrastructure.Localization;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>axe-core, in real Chromium, finds nothing to fix on the public pages, in each of the six interface languages.</summary>
[Collection("browser")]
public sealed class AccessibilityTests(BrowserApp app, Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/igf2022")]
    [InlineData("/igf2022/programme")]
    [InlineData("/igf2022/statistics")]
    [InlineData("/igf2022/statistics?culture=ar")]
    [InlineData("/igf2022/programme?day=31-02-2022&sdg=18")]
    [InlineData("/igf2022/sessions/of-56")]
    [InlineData("/igf2022/sdgs")]
    [InlineData("/archive")]
    [InlineData("/search?q=privacy")]
    [InlineData("/search?q=data+governance&sdg=16&has=report")]
    [InlineData("/search?q=data+governance&culture=ar")]
    [InlineData("/igf2022/sdgs/9")]
    [InlineData("/igf2022/rooms")]
    [InlineData("/igf2022/people")]
    [InlineData("/igf2022/no-such-page")]
    [InlineData("/igf2022/programme?culture=fr")]
    [InlineData("/igf2022/sessions/of-56?culture=fr")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/forgot-password?culture=fr")]
    [InlineData("/igf2022?culture=ar")]
    [InlineData("/igf2022/programme?culture=ar")]
    [InlineData("/igf2022/sessions/of-56?culture=ar")]
    [InlineData("/igf2022/sdgs/9?culture=ar")]
    [InlineData("/account/sign-in?culture=ar")]
    [InlineData("/igf2022?culture=es")]
    [InlineData("/igf2022/programme?culture=es")]
    [InlineData("/igf2022/sessions/of-56?culture=es")]
    [InlineData("/igf2022/sdgs/9?culture=es")]
    [InlineData("/account/sign-in?culture=es")]
    [InlineData("/igf2022?culture=ru")]
    [InlineData("/igf2022/programme?culture=ru")]
    [InlineData("/igf2022/sessions/of-56?culture=ru")]
    [InlineData("/igf2022/sdgs/9?culture=ru")]
    [InlineData("/account/sign-in?culture=ru")]
    [InlineData("/igf2022?culture=zh-Hans")]
    [InlineData("/igf2022/programme?culture=zh-Hans")]
    [InlineData("/igf2022/sessions/of-56?culture=zh-Hans")]
    [InlineData("/igf2022/sdgs/9?culture=zh-Hans")]
    [InlineData("/account/sign-in?culture=zh-Hans")]
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
        string.Join(Environment.NewLine, await ViolationsAsync(page)).ShouldBeEmpty();
        // A blocked script or style (the CSP) shows up as a console error.
        errors.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Main_signed_in_pages_have_no_accessibility_violations_in_any_of_the_six_languages()
    {
        // One set of pages for all six languages: they are only read. Every page in English and Arabic, the two layouts
        // (left to right, right to left); in the other four, whose pages are English's with other words, the main pages
        // each role works in. Two lanes run side by side (axe is most of the time, about 1.7 s a page on a quiet machine).
        var pages = await SignedInPages.MakeAsync(app);
        static bool Main(string url) => url == "/account" || url == "/account/sessions" || url.EndsWith("/manage", StringComparison.Ordinal)
            || url.EndsWith("/edit", StringComparison.Ordinal) || url.EndsWith("/manage/timetable", StringComparison.Ordinal)
            || url.EndsWith("/manage/messages/access", StringComparison.Ordinal) || url.EndsWith("/proposals/new", StringComparison.Ordinal)
            || url.Contains("/reviews/", StringComparison.Ordinal) || url.EndsWith("/report", StringComparison.Ordinal) || url.EndsWith("/register", StringComparison.Ordinal);
        var lanes = await Task.WhenAll(new[] { new[] { "ar", "es", "ru" }, new[] { "en", "fr", "zh-Hans" } }.Select(async languages =>
        {
            var failures = new List<string>();
            foreach (var (email, urls) in new[] { (pages.SecretariatEmail, pages.SecretariatPages), (pages.ParticipantEmail, pages.ParticipantPages) })
            {
                // Each role signs in once and chooses its language as a person would; the pages are then visited in turn.
                var page = await app.SignedInPageAsync(email);
                foreach (var language in languages)
                {
                    await page.GotoAsync($"/language/{language}?returnUrl=%2F");
                    foreach (var url in urls.Where(u => language is "en" or "ar" || Main(u)))
                    {
                        var started = System.Diagnostics.Stopwatch.GetTimestamp();
                        var response = await page.GotoAsync(url);
                        response!.Status.ShouldBe(200, url);
                        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe(language, url);
                        var loaded = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                        failures.AddRange((await ViolationsAsync(page)).Select(v => $"{language} {url}: {v}"));
                        // How long each page takes, to keep the run within CI's time.
                        output.WriteLine($"{language} {url}: loaded in {loaded.TotalSeconds:0.0} s, axe {(System.Diagnostics.Stopwatch.GetElapsedTime(started) - loaded).TotalSeconds:0.0} s");
                    }
                }
                await page.Context.CloseAsync();
            }
            return failures;
        }));

        string.Join(Environment.NewLine, lanes.SelectMany(f => f)).ShouldBeEmpty();
    }

    /// <summary>axe's violations, each as one line (asked for the violations only, in the page: <see cref="AxeInPage"/>).</summary>
    private static Task<List<string>> ViolationsAsync(IPage page) => page.AxeViolationsAsync();

    [Theory]
    [InlineData("main a[href]", "html")]
    [InlineData("header.site a[href]", "header.site")]
    [InlineData("main button", "html")]
    public async Task Focus_ring_stands_out_three_to_one_from_what_it_sits_on(string focused, string behind)
    {
        // axe does not judge focus indicators (WCAG 2.2, 1.4.11 and 2.4.13): the ring's colour against the background it is drawn on.
        var page = await app.NewPageAsync();
        await page.GotoAsync("/igf2022/programme");
        var element = page.Locator(focused).First;
        // No pointer has been used, so focus from script matches :focus-visible as focus from the keyboard does.
        await element.FocusAsync();

        var style = await element.EvaluateAsync<string[]>("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }");
        var background = await page.Locator(behind).First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

        style[0].ShouldBe("solid", focused);
        style[1].ShouldBe("3px", focused);
        Contrast(style[2], background).ShouldBeGreaterThanOrEqualTo(3.0, $"{focused}: {style[2]} on {background}");
        await page.Context.CloseAsync();
    }

    /// <summary>WCAG's contrast ratio of two CSS rgb() colours, computed here from the definition, not by the page.</summary>
    private static double Contrast(string a, string b)
    {
        static double Luminance(string rgb)
        {
            var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Take(3)
                .Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture) / 255)
                .Select(c => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
            return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2];
        }
        var (x, y) = (Luminance(a), Luminance(b));
        return (Math.Max(x, y) + 0.05) / (Math.Min(x, y) + 0.05);
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
        (await ViolationsAsync(page)).ShouldBeEmpty();

        await page.GotoAsync("/account/two-factor");
        (await ViolationsAsync(page)).ShouldBeEmpty();
        var key = await page.Locator("#key").InnerTextAsync();
        await page.GetByLabel("6-digit code from the app").FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn two-factor sign-in on" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("6-digit code");
        (await ViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("6-digit code from the app").FillAsync(Plenary.Tests.Features.Accounts.Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn two-factor sign-in on" }).ClickAsync();
        (await page.Locator(".codes code").CountAsync()).ShouldBe(10);
        (await ViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByRole(AriaRole.Link, new() { Name = "I have kept my codes" }).ClickAsync();
        (await ViolationsAsync(page)).ShouldBeEmpty();
        await page.GotoAsync("/account/two-factor?culture=fr");
        (await ViolationsAsync(page)).ShouldBeEmpty();

        await page.GotoAsync("/account?culture=en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(page, email);
        page.Url.ShouldContain("/account/sign-in/two-factor");
        (await ViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("Recovery code").FillAsync("not a code");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a recovery code" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("recovery codes");
        (await ViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("Code from your app").FillAsync(Plenary.Tests.Features.Accounts.Totp.Code(key));
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
        var main = await page.Locator("main").InnerTextAsync();
        page.Url.ShouldEndWith("/account", Case.Sensitive, main);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en")]
    public async Task Workspace_pages_have_no_accessibility_violations(string language)
    {
        // In English; the main signed-in pages are checked in all six languages above.
        // An administrator reaches every page of the workspace, the site administration and their own account pages.
        var email = $"w{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email, (db, id) => db.Users.Where(a => a.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.IsAdministrator, true)))).Dispose();
        // The session whose editing page is checked lives in a forum of its own: the demo forums are only read here.
        var own = await app.ForumOfItsOwnAsync("a11y");
        var session = await app.UnscheduledSessionAsync(own, "WS", 9401, "A session whose editing page is checked for accessibility");
        var person = await app.InDbAsync(db => db.SessionRoles.Where(r => r.PersonId != null).Select(r => r.PersonId!.Value).FirstAsync());
        var subtheme = await app.InDbAsync(db => db.Subthemes.Where(s => db.Forums.Any(f => f.Id == s.ForumId && f.Slug == "igf2022")).OrderBy(s => s.Position).Select(s => s.Slug).FirstAsync());
        var urls = new[]
        {
            "/igf2022/manage", "/igf2022/manage/sessions", "/igf2022/manage/sessions/new", $"/{own.Slug}/sessions/{session.Key}/edit",
            "/igf2022/manage/people", $"/igf2022/manage/people/{person}", "/igf2022/manage/rooms", "/igf2022/manage/session-types",
            "/igf2022/manage/subthemes", "/igf2022/manage/team", "/igf2022/manage/invitations", "/igf2022/manage/import", "/igf2022/manage/audit",
            "/admin/forums", "/admin/forums/new", "/account/sessions", "/account/api-tokens",
            "/igf2022/register", "/igf2022/manage/registrations", "/igf2022/manage/check-in", "/igf2022/manage/online",
            "/igf2022/manage/messages", $"/igf2022/manage/messages/{subtheme}", "/igf2022/messages",
        };
        // Two lanes side by side, each signed in in a browser context of its own (axe is most of the time, and it keeps
        // one core busy): the pages are only read, so the lanes cannot disturb each other. The registration that
        // follows waits for both, as the register page is checked before it.
        var lanes = await Task.WhenAll(new[] { 0, 1 }.Select(async lane =>
        {
            var found = new List<string>();
            var lanePage = await app.NewPageAsync();
            await SignInAsync(lanePage, email);
            await lanePage.GotoAsync($"/igf2022?culture={language}");
            foreach (var url in urls.Where((_, i) => i % 2 == lane))
            {
                var response = await lanePage.GotoAsync(url);
                response!.Status.ShouldBe(200, url);
                found.AddRange((await ViolationsAsync(lanePage)).Select(v => $"{url}: {v}"));
            }
            return (Page: lanePage, Failures: found);
        }));
        await lanes[1].Page.Context.CloseAsync();
        var page = lanes[0].Page;
        var failures = lanes.SelectMany(l => l.Failures).ToList();

        // Registered, the badge page (a QR code with its label) too.
        await page.GotoAsync("/igf2022/register");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
        (await page.GotoAsync("/igf2022/badge"))!.Status.ShouldBe(200);
        failures.AddRange((await ViolationsAsync(page)).Select(v => $"badge: {v}"));

        // A refused form: the error summary and the marked fields must be as accessible as the empty form.
        await page.GotoAsync($"/{own.Slug}/sessions/{session.Key}/edit");
        await page.Locator("#title").FillAsync("");
        await page.Locator("#sdgtargets").FillAsync("9.z");
        await page.Locator("form[action*='handler=Save'] button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
        (await page.Locator(".errors").CountAsync()).ShouldBe(1);
        failures.AddRange((await ViolationsAsync(page)).Select(v => $"refused session form: {v}"));
        string.Join(Environment.NewLine, failures).ShouldBeEmpty();
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

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Call_for_proposals_and_the_home_page_announcing_it_have_no_accessibility_violations(string language)
    {
        // A forum whose call is open: the home page carries its notice, the call page every section.
        var slug = (await Plenary.Tests.Features.Proposals.ProposalForums.EnsureAsync(app, Plenary.Tests.Features.Proposals.ProposalForums.Open)).Slug;
        var page = await app.NewPageAsync();
        var failures = new List<string>();
        foreach (var url in new[] { $"/{slug}?culture={language}", $"/{slug}/call?culture={language}" })
        {
            (await page.GotoAsync(url))!.Status.ShouldBe(200, url);
            (await page.Locator("#call, #status").CountAsync()).ShouldBe(1, url);
            failures.AddRange((await ViolationsAsync(page)).Select(v => $"{url}: {v}"));
        }
        string.Join(Environment.NewLine, failures).ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Person_page_has_no_accessibility_violations()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/igf2022/sessions/of-56");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ms. Yik Chan Chin", Exact = false }).First.ClickAsync();
        await page.WaitForURLAsync("**/people/*");
        (await ViolationsAsync(page)).ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
