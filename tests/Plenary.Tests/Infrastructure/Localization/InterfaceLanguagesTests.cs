using System.Net;
using System.Xml.Linq;
using AngleSharp.Dom;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Localization;

/// <summary>
/// The interface in the six UN languages, seen from outside: the page says which language it is in, Arabic reads
/// right to left, and no English interface text is left on the main public pages.
/// </summary>
public abstract class InterfaceLanguagesTests(PlenaryApp app)
{
    public static TheoryData<string, string> PagesInEachLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var culture in new[] { "ar", "es", "ru", "zh-Hans" })
        {
            foreach (var page in new[] { "/igf2022", "/igf2022/programme", "/igf2022/sessions/of-56", "/igf2022/sdgs", "/account/sign-in", "/account/sign-up" })
            {
                data.Add(culture, page);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesInEachLanguage))]
    public async Task test_page_is_in_the_readers_language_with_no_english_left(string culture, string url)
    {
        var (status, page) = await app.GetPageAsync($"{url}?culture={culture}");

        status.ShouldBe(HttpStatusCode.OK);
        page.DocumentElement.GetAttribute("lang").ShouldBe(culture);
        page.DocumentElement.GetAttribute("dir").ShouldBe(culture == "ar" ? "rtl" : "ltr");
        var untranslated = EnglishLeftOn(page, culture);
        untranslated.ShouldBeEmpty($"English interface text on {url} in {culture}");
    }

    [Theory]
    [InlineData("ar", "البرنامج")]
    [InlineData("ru", "Программа")]
    [InlineData("zh-Hans", "议程")]
    public async Task test_page_text_goes_out_as_utf8_not_as_character_entities(string culture, string heading)
    {
        using var response = await app.GetAsync($"/igf2022/programme?culture={culture}");
        var html = await response.Content.ReadAsStringAsync();

        html.ShouldContain($">{heading}</h1>");
    }

    [Theory]
    [InlineData("fr", "Forum ouvert")]
    [InlineData("ar", "منتدى مفتوح")]
    [InlineData("zh-Hans", "开放论坛")]
    public async Task test_session_types_show_the_igfs_names_in_the_readers_language_and_a_name_the_forum_chose_as_written(string culture, string openForum)
    {
        var forum = await app.ForumOfItsOwnAsync("types", shape: f => f.SessionTypes.Single(t => t.Code == "WS").Name = "Policy Lab");

        var (_, page) = await app.GetPageAsync($"/{forum.Slug}/programme?culture={culture}");

        var types = page.QuerySelectorAll("select[name=type] option").ToDictionary(o => o.GetAttribute("value")!, o => o.TextContent.Trim());
        types["OF"].ShouldBe(openForum);
        types["WS"].ShouldBe("Policy Lab");
    }

    [Fact]
    public async Task test_language_switch_offers_the_six_un_languages_each_named_in_itself()
    {
        var (_, page) = await app.GetPageAsync("/igf2022?culture=ar");

        var offered = page.QuerySelectorAll("nav.lang [lang]").Select(e => (e.GetAttribute("lang"), e.TextContent.Trim())).ToList();

        offered.ShouldBe([("ar", "العربية"), ("en", "English"), ("es", "Español"), ("fr", "Français"), ("ru", "Русский"), ("zh-Hans", "中文")]);
        page.QuerySelector("nav.lang [aria-current=true]")!.GetAttribute("lang").ShouldBe("ar");
    }

    [Theory]
    [InlineData("es", "es")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("ru-RU", "ru")]
    [InlineData("ar-EG", "ar")]
    public async Task test_browser_language_chooses_the_interface_language(string acceptLanguage, string shown)
    {
        var (_, page) = await app.GetPageAsync("/account/sign-in", acceptLanguage);

        page.DocumentElement.GetAttribute("lang").ShouldStartWith(shown);
    }

    [Fact]
    public async Task test_language_switch_remembers_chinese()
    {
        using var response = await app.GetAsync("/language/zh-Hans?returnUrl=%2Figf2022");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.GetValues("Set-Cookie").Single().ShouldContain("c%3Dzh-Hans");
    }

    [Fact]
    public async Task test_unknown_language_answers_a_page_a_browser_can_show()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/language/xx?returnUrl=/");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await app.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await PlenaryApp.ParseAsync(response)).QuerySelector("nav.lang").ShouldNotBeNull();
    }

    /// <summary>
    /// The page's text nodes that are an interface string left in English: any English string of the interface (the
    /// keys of the French file, which holds them all) except those the language writes the same ("Panel" in Spanish).
    /// </summary>
    private static List<string> EnglishLeftOn(IDocument page, string culture)
    {
        var sameInTranslation = Translations(culture).Where(t => t.Key == t.Value).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var translated = Translations("fr").Keys.Where(k => !sameInTranslation.Contains(k)).ToHashSet(StringComparer.Ordinal);
        return page.Body!.Descendants<IText>()
            .Where(t => t.ParentElement is not null && t.ParentElement.Closest("script, style, [lang='en'], nav.lang") is null)
            .Select(t => t.Data.Trim())
            .Where(text => text.Length > 1 && translated.Contains(text))
            .Distinct().ToList();
    }

    private static Dictionary<string, string> Translations(string culture)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Plenary.slnx")))
        {
            directory = directory.Parent;
        }
        return XDocument.Load(Path.Combine(directory.FullName, "src", "Plenary", "Resources", $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
    }
}

[Collection("sqlite")]
public sealed class InterfaceLanguagesOnSqlite(SqliteApp app) : InterfaceLanguagesTests(app);

[Collection("postgres")]
public sealed class InterfaceLanguagesOnPostgres(PostgresApp app) : InterfaceLanguagesTests(app);
