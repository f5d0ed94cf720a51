using System.Globalization;
using Microsoft.Playwright;
using Plenary.Tests.Infrastructure.Fixtures;
using static Plenary.Tests.Features.Queue.QueueTestData;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// Phones, in real Chromium: nothing scrolls sideways on a 390 px phone (320 px for the moderators' console, run from
/// the smallest phones at the back of the room), in English and in Arabic, the programme's first session is on the
/// first screen, and the SDG chips carry their goal's name in the official colour with readable text.
/// </summary>
[Collection("browser")]
public sealed class NarrowScreenTests(BrowserApp app)
{
    private const int PhoneHeight = 844;

    [Theory]
    [InlineData("/igf2022", "en")]
    [InlineData("/igf2022", "ar")]
    [InlineData("/igf2022/programme", "en")]
    [InlineData("/igf2022/programme", "ar")]
    [InlineData("/igf2022/sessions/of-56", "en")]
    [InlineData("/igf2022/sessions/of-56", "ar")]
    [InlineData("/igf2022/sdgs", "en")]
    [InlineData("/igf2022/sdgs", "ar")]
    public async Task Page_does_not_scroll_sideways_on_a_390_px_phone(string url, string culture)
    {
        var page = await PhoneAsync(390);
        await page.GotoAsync($"{url}?culture={culture}");

        await NothingScrollsSidewaysAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Moderators_console_does_not_scroll_sideways_at_320_px(string culture)
    {
        var session = await SessionAsync(app, 9931);
        var (participant, name, _) = await ParticipantAsync(app);
        using var _ = participant;
        (await PostAsync(participant, session, "live", "Raise", new() { ["Mode"] = "Online", ["Topic"] = "Meaningful access for persons with disabilities in rural areas" }))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        (await PostAsync(participant, session, "live", "Ask", new() { ["Text"] = "What about spectrum sharing for community networks?" }))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        var email = $"mod{Guid.NewGuid():N}@example.org";
        using var moderator = await ModeratorAsync(app, session, email);
        var page = await app.SignedInPageAsync(email, new BrowserNewContextOptions { ViewportSize = new() { Width = 320, Height = 640 } });

        await page.GotoAsync($"{Url(session, "console")}?culture={culture}");

        (await page.Locator("table.queue tbody tr").CountAsync()).ShouldBe(1, name);
        (await page.Locator("ol.questions li").CountAsync()).ShouldBe(1);
        await NothingScrollsSidewaysAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("ar", true)]
    [InlineData("en", false)]
    public async Task Programmes_first_session_starts_on_the_first_screen_of_a_390_px_phone(string culture, bool javaScript)
    {
        var page = await PhoneAsync(390, javaScript);
        await page.GotoAsync($"/igf2022/programme?culture={culture}");

        var top = await page.Locator("ol.sessions li.s").First.EvaluateAsync<double>("e => e.getBoundingClientRect().top");

        top.ShouldBeLessThan(PhoneHeight - 60, "the first session's title should show without scrolling");
        // The filters are one tap away, and open at once when any is in use, so the reader sees what narrows the list.
        await page.Locator("details.filters > summary").ClickAsync();
        (await page.Locator("#f-day").IsVisibleAsync()).ShouldBeTrue();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Programme_filters_are_open_on_a_wide_screen_and_when_one_is_in_use()
    {
        var wide = await app.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 } });
        await wide.GotoAsync("/igf2022/programme");
        (await wide.Locator("#f-day").IsVisibleAsync()).ShouldBeTrue();

        var phone = await PhoneAsync(390, javaScript: false);
        await phone.GotoAsync("/igf2022/programme?sdg=9");
        (await phone.Locator("#f-sdg").IsVisibleAsync()).ShouldBeTrue();
        await wide.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    /// <summary>The UN's colours for the 17 goals, from the SDG communication guidelines.</summary>
    private static readonly string[] Official =
    [
        "#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2", "#FCC30B", "#A21942", "#FD6925",
        "#DD1367", "#FD9D24", "#BF8B2E", "#3F7E44", "#0A97D9", "#56C02B", "#00689D", "#19486A",
    ];

    [Theory]
    [InlineData("fr", "Industrie, innovation et infrastructure")]
    [InlineData("ar", "الصناعة والابتكار والهياكل الأساسية")]
    [InlineData("zh-Hans", "创业、创新和基础设施")]
    public async Task Each_of_the_17_sdg_chips_has_its_official_colour_its_name_and_text_contrast_of_4_5_to_1(string culture, string goal9)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/igf2022/sdgs?culture={culture}");

        var chips = await page.Locator("main a.sdg").EvaluateAllAsync<string[][]>(
            "cs => cs.map(c => { const s = getComputedStyle(c); return [c.textContent.trim(), s.backgroundColor, s.color, c.getAttribute('href')]; })");

        chips.Length.ShouldBe(17);
        for (var i = 0; i < 17; i++)
        {
            var (text, background, ink, href) = (chips[i][0], chips[i][1], chips[i][2], chips[i][3]);
            Hex(background).ShouldBe(Official[i], $"goal {i + 1}");
            Contrast(ink, background).ShouldBeGreaterThanOrEqualTo(4.5, $"goal {i + 1}: {ink} on {background}");
            text.ShouldStartWith((i + 1).ToString(CultureInfo.InvariantCulture));
            href.ShouldEndWith($"/sdgs/{i + 1}");
        }
        chips[8][0].ShouldContain(goal9);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sdg_chips_in_the_programme_name_their_goal_and_link_to_it()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/igf2022/programme?sdg=9&culture=fr");

        var chip = page.Locator("ol.sessions a.sdg.g9").First;

        (await chip.InnerTextAsync()).ShouldContain("Industrie, innovation et infrastructure");
        (await chip.GetAttributeAsync("href")).ShouldBe("/igf2022/sdgs/9");
        var colours = await chip.EvaluateAsync<string[]>("c => { const s = getComputedStyle(c); return [s.backgroundColor, s.color]; }");
        Hex(colours[0]).ShouldBe("#FD6925");
        Contrast(colours[1], colours[0]).ShouldBeGreaterThanOrEqualTo(4.5);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> PhoneAsync(int width, bool javaScript = true) =>
        await app.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = PhoneHeight }, JavaScriptEnabled = javaScript });

    /// <summary>The document is no wider than the screen, and, when it is, names the elements that stick out.</summary>
    private static async Task NothingScrollsSidewaysAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        var wide = await page.EvaluateAsync<string[]>("""
            () => { const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]
              .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > w + 1 || r.left < -1); })
              .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '')
                + ' ' + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right)); }
            """);
        scroll.ShouldBeLessThanOrEqualTo(client, $"{page.Url} scrolls sideways; sticking out: {string.Join(", ", wide)}");
    }

    private static string Hex(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Take(3).Select(p => int.Parse(p.Trim(), CultureInfo.InvariantCulture));
        return "#" + string.Concat(parts.Select(p => p.ToString("X2", CultureInfo.InvariantCulture)));
    }

    /// <summary>WCAG's contrast ratio of two CSS rgb() colours, computed from the definition, not by the page.</summary>
    private static double Contrast(string a, string b)
    {
        static double Luminance(string rgb)
        {
            var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Take(3)
                .Select(p => double.Parse(p, CultureInfo.InvariantCulture) / 255)
                .Select(c => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
            return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2];
        }
        var (x, y) = (Luminance(a), Luminance(b));
        return (Math.Max(x, y) + 0.05) / (Math.Min(x, y) + 0.05);
    }
}
