using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Localization;

/// <summary>
/// The app with a fault of its own: any page asked for with <c>?fault=…</c> throws, as a bug would, so the error page a
/// reader then gets (500, re-executed by the exception handler) can be looked at. No demo forum: the home page is enough.
/// </summary>
public sealed class ServerFaultApp : PlenaryApp
{
    public override string Provider => "SQLite";

    protected override void UseDatabase(IWebHostBuilder web) { }

    protected override void ConfigureWebHost(IWebHostBuilder web)
    {
        base.ConfigureWebHost(web);
        web.UseSetting("Plenary:SeedDemo", "false");
        web.ConfigureTestServices(services => services.Configure<MvcOptions>(o => o.Filters.Add(new Fault())));
    }

    private sealed class Fault : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
            // The error page is re-executed with the same query: it must not fail in turn.
            if (context.HttpContext.Request.Query.ContainsKey("fault") && context.HttpContext.Features.Get<IExceptionHandlerFeature>() is null)
            {
                throw new InvalidOperationException("A fault made by the test, as a bug in a page would be.");
            }
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
    }
}

/// <summary>
/// A server error shown to a reader of each interface language (issue 15): the page is in their language, its
/// <c>lang</c> says so, Arabic reads right to left, and no English is left, whether the language comes from the
/// address (<c>?culture=</c>) or from the cookie the language switch sets.
/// </summary>
public sealed class ServerErrorPageTests(ServerFaultApp app) : IClassFixture<ServerFaultApp>
{
    public static TheoryData<string, bool> Readers()
    {
        var data = new TheoryData<string, bool>();
        foreach (var culture in new[] { "ar", "en", "es", "fr", "ru", "zh-Hans" })
        {
            data.Add(culture, false);
            data.Add(culture, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task test_server_error_page_is_in_the_readers_language_with_no_english_left(string culture, bool byCookie)
    {
        // A query of its own per case, so no answer comes from the output cache.
        using var request = new HttpRequestMessage(HttpMethod.Get, byCookie ? $"/?fault=cookie-{culture}" : $"/?fault=query&culture={culture}");
        request.Headers.Accept.ParseAdd("text/html");
        if (byCookie)
        {
            request.Headers.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");
        }
        using var response = await app.Client.SendAsync(request);
        var page = await PlenaryApp.ParseAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        page.DocumentElement.GetAttribute("lang").ShouldBe(culture);
        page.DocumentElement.GetAttribute("dir").ShouldBe(culture == "ar" ? "rtl" : "ltr");
        var heading = page.QuerySelector("main h1")!.TextContent;
        heading.ShouldBe(culture == "en" ? "Something went wrong on our side" : EnglishLeft.Translations(culture)["Something went wrong on our side"]);
        if (culture != "en")
        {
            EnglishLeft.On(page, culture).ShouldBeEmpty();
        }
    }
}
