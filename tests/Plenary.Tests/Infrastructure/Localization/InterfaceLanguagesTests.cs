using System.Net;
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
        var untranslated = EnglishLeft.On(page, culture);
        untranslated.ShouldBeEmpty($"English interface text on {url} in {culture}");
    }

    public static TheoryData<string> Translations => ["ar", "es", "ru", "zh-Hans"];

    [Theory]
    [MemberData(nameof(Translations))]
    public async Task test_signed_in_pages_are_in_the_readers_language_with_no_english_left(string culture)
    {
        var pages = await SignedInPages.MakeAsync(app);
        var untranslated = new List<string>();
        foreach (var (email, urls) in new[] { (pages.SecretariatEmail, pages.SecretariatPages), (pages.ParticipantEmail, pages.ParticipantPages) })
        {
            using var visitor = app.CreateVisitor();
            (await app.SignInAsync(visitor, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            foreach (var url in urls)
            {
                using var response = await visitor.GetAsync($"{url}?culture={culture}");
                response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
                var page = await PlenaryApp.ParseAsync(response);
                page.DocumentElement.GetAttribute("lang").ShouldBe(culture, url);
                page.DocumentElement.GetAttribute("dir").ShouldBe(culture == "ar" ? "rtl" : "ltr", url);
                untranslated.AddRange(EnglishLeft.On(page, culture).Select(text => $"{url}: {text}"));
            }
        }

        untranslated.ShouldBeEmpty($"English interface text in {culture}");
    }

    public static TheoryData<string, string, HttpStatusCode> ErrorPagesInEachLanguage()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var culture in new[] { "ar", "es", "ru", "zh-Hans" })
        {
            data.Add(culture, "/igf2022/no-such-page", HttpStatusCode.NotFound);
            data.Add(culture, "/error/400", HttpStatusCode.BadRequest);
            data.Add(culture, "/error/403", HttpStatusCode.Forbidden);
            data.Add(culture, "/account/denied", HttpStatusCode.Forbidden);
            data.Add(culture, "/error/405", HttpStatusCode.MethodNotAllowed);
            data.Add(culture, "/error/429", HttpStatusCode.TooManyRequests);
            data.Add(culture, "/language/xx", HttpStatusCode.NotFound);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ErrorPagesInEachLanguage))]
    public async Task test_error_pages_are_in_the_readers_language_with_no_english_left(string culture, string url, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.AcceptLanguage.ParseAdd(culture);
        using var response = await app.Client.SendAsync(request);
        var page = await PlenaryApp.ParseAsync(response);

        response.StatusCode.ShouldBe(expected);
        page.DocumentElement.GetAttribute("lang").ShouldBe(culture);
        page.DocumentElement.GetAttribute("dir").ShouldBe(culture == "ar" ? "rtl" : "ltr");
        page.QuerySelector("main h1")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        EnglishLeft.On(page, culture).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("zh-Hans")]
    public async Task test_forbidden_says_not_allowed_whichever_way_it_is_reached(string culture)
    {
        var (_, denied) = await app.GetPageAsync("/account/denied", culture);
        var (status, error) = await app.GetPageAsync("/error/403", culture);

        status.ShouldBe(HttpStatusCode.Forbidden);
        error.QuerySelector("main h1")!.TextContent.ShouldBe(denied.QuerySelector("main h1")!.TextContent);
        error.QuerySelector("main h1")!.TextContent.ShouldBe(EnglishLeft.Translations(culture)["Not allowed"]);
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
}

[Collection("sqlite")]
public sealed class InterfaceLanguagesOnSqlite(SqliteApp app) : InterfaceLanguagesTests(app);

[Collection("postgres")]
public sealed class InterfaceLanguagesOnPostgres(PostgresApp app) : InterfaceLanguagesTests(app);
