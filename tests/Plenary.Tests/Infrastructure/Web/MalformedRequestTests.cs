using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// Requests a reader or a script may send by mistake, or a prober on purpose, each of which once answered 500 (issue
/// 13): they are the visitor's error, so they get a 4xx or a redirect, the error page when they come from a browser,
/// and leave no unhandled exception in the log.
/// </summary>
public abstract class MalformedRequestTests(PlenaryApp app)
{
    private static readonly string[] PublicPages = ["/igf2022", "/igf2022/programme", "/igf2022/sessions/of-56", "/igf2022/sdgs", "/igf2022/sdgs/9", "/igf2022/now"];

    public static readonly TheoryData<string> Methods = new() { "POST", "PUT", "DELETE", "PATCH" };

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_method_a_page_has_no_handler_for_is_405_with_allow_and_the_error_page(string method)
    {
        var mark = app.Log.Count;
        foreach (var signedIn in new[] { false, true })
        {
            var visitor = signedIn ? await app.SecretariatOfAsync("igf2022") : app.CreateVisitor();
            foreach (var page in PublicPages)
            {
                // With a genuine form token, so that it is the method, not a missing token, that is refused.
                using var request = new HttpRequestMessage(new HttpMethod(method), page) { Content = await FormWithTokenAsync(visitor) };
                using var response = await visitor.SendAsync(request);

                response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, $"{method} {page}");
                response.Content.Headers.Allow.ShouldBe(["GET", "HEAD"], ignoreOrder: true, $"{method} {page}");
                var shown = await PlenaryApp.ParseAsync(response);
                shown.QuerySelector("h1")!.TextContent.ShouldBe("Not allowed", $"{method} {page}");
                shown.QuerySelector("nav.lang a[lang=fr]")!.GetAttribute("href").ShouldBe($"/language/fr?returnUrl={Uri.EscapeDataString(page)}");
            }
        }
        Unhandled(mark).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_form_sent_to_a_handler_the_page_does_not_have_is_400()
    {
        var visitor = await app.SecretariatOfAsync("igf2022");
        using var response = await visitor.PostAsync("/igf2022/manage/rooms?handler=NoSuchHandler", await FormWithTokenAsync(visitor));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(response)).QuerySelector("h1")!.TextContent.ShouldBe("This request cannot be answered");
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0d%0a/evil.example")]
    [InlineData("/%0aevil.example")]
    [InlineData("/igf2022%0d%0aSet-Cookie:%20x=y")]
    public async Task A_return_address_with_control_characters_sends_the_language_switch_home(string returnUrl)
    {
        var mark = app.Log.Count;
        using var response = await app.Client.GetAsync($"/language/fr?returnUrl={returnUrl}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
        Unhandled(mark).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_return_address_with_a_tab_after_sign_in_goes_to_the_account_not_to_another_site()
    {
        var email = $"tab{Guid.NewGuid():N}@example.org";
        var visitor = app.CreateVisitor();
        await app.SignUpAsync(visitor, email);
        await visitor.GetAsync(await app.LinkFromOutboxAsync(email, "confirm-email"));

        using var response = await PlenaryApp.SubmitFormAsync(visitor, "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = "solar wind over Addis", ["ReturnUrl"] = "/\t/evil.example" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/account");
    }

    [Fact]
    public async Task A_nul_byte_in_a_form_field_is_400_with_the_error_page()
    {
        var mark = app.Log.Count;
        var visitor = app.CreateVisitor();
        var page = await PlenaryApp.ParseAsync(await visitor.GetAsync("/account/sign-in"));
        var token = page.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value");
        // As a browser sends it, with the NUL percent-encoded (FormUrlEncodedContent would encode it the same way).
        using var body = new StringContent($"__RequestVerificationToken={Uri.EscapeDataString(token!)}&Email=a%00@b.c&Password=x", Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await visitor.PostAsync("/account/sign-in", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(response)).QuerySelector("h1")!.TextContent.ShouldBe("This request cannot be answered");
        Unhandled(mark).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(500)]
    [InlineData(999)]
    public async Task The_error_page_for_a_code_that_is_no_visitor_error_is_not_found(int code)
    {
        using var response = await app.Client.GetAsync($"/error/{code}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PlenaryApp.ParseAsync(response)).QuerySelector("h1")!.TextContent.ShouldBe("Page not found");
    }

    [Fact]
    public async Task The_error_page_browsed_to_with_a_visitor_error_answers_that_error()
    {
        using var response = await app.Client.GetAsync("/error/429");

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_truncated_multipart_import_is_400_problem_details()
    {
        var mark = app.Log.Count;
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(await app.SecretariatOfAsync("igf2022")));
        // The first part starts, its file is cut off in the middle, and the closing boundary never comes.
        using var body = new StringContent(
            "--cut\r\nContent-Disposition: form-data; name=\"people\"; filename=\"people.csv\"\r\nContent-Type: text/csv\r\n\r\nKey,Name,Email\r\nami", Encoding.UTF8);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");

        using var response = await api.PostAsync("/api/forums/igf2022/import?dryRun=true", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("The upload cannot be read");
        Unhandled(mark).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_in_a_character_set_nobody_reads_is_415()
    {
        var mark = app.Log.Count;
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(await app.SecretariatOfAsync("igf2022")));
        using var json = new StringContent("""{"name":"Room"}""", Encoding.UTF8);
        json.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=ebcdic");

        using var call = await api.PostAsync("/api/forums/igf2022/rooms", json);

        call.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        call.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var visitor = app.CreateVisitor();
        var form = await FormWithTokenAsync(visitor);
        form.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=ebcdic");
        using var page = await visitor.PostAsync("/account/sign-in", form);
        page.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await PlenaryApp.ParseAsync(page)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("character set this site does not read");
        Unhandled(mark).ShouldBeEmpty();
    }

    [Fact]
    public async Task Control_characters_are_refused_in_a_name_and_taken_out_of_longer_text_and_the_xml_export_still_answers()
    {
        // A NUL is refused by PostgreSQL (a 500 on saving), and on SQLite it and the other control characters were
        // stored, after which schedule.xml, which XML cannot carry them in, answered 500 to every reader.
        var forum = await Plenary.Tests.Features.Releases.ReleaseForum.CreateAsync(app);
        var session = await forum.SessionAsync(1, "Opening", Plenary.Tests.Features.Releases.ReleaseForum.At(new DateOnly(2030, 3, 4), 0, 9));
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(await app.SecretariatOfAsync(forum.Slug)));

        // A name is one line: the API says which field is wrong instead of storing it.
        using var refused = await api.PostAsync($"/api/forums/{forum.Slug}/rooms",
            new StringContent("""{"name":"Hall\u0000 Tana\u0001\u001f","layout":"Theater","capacity":50}""", Encoding.UTF8, "application/json"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
            .EnumerateObject().Select(e => e.Name).ShouldContain(name => name.Equals("name", StringComparison.OrdinalIgnoreCase));

        using var added = await api.PostAsync($"/api/forums/{forum.Slug}/rooms",
            new StringContent("""{"name":"Hall Tana","layout":"Theater","capacity":50}""", Encoding.UTF8, "application/json"));
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        var room = System.Text.Json.JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        // Longer text may hold line breaks, so whatever path writes it, the characters no export can carry are taken out
        // on the way to the database.
        await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.RoomId, room).SetProperty(s => s.Description, "Access\u0000 for\u0001 all\nin every region")));
        await app.ReleaseTimetableAsync(forum.Slug);
        using var xml = await app.Client.GetAsync($"/{forum.Slug}/schedule.xml");
        xml.StatusCode.ShouldBe(HttpStatusCode.OK);
        var exported = await xml.Content.ReadAsStringAsync();
        exported.ShouldContain("Hall Tana");
        exported.ShouldContain("Access for all");
        (await app.InDbAsync(db => Task.FromResult(db.Sessions.Single(s => s.Id == session.Id).Description))).ShouldBe("Access for all\nin every region");
    }

    /// <summary>A genuine form token of this visitor (from the sign-in form, which every visitor may load) and nothing else.</summary>
    private static async Task<FormUrlEncodedContent> FormWithTokenAsync(HttpClient visitor)
    {
        var form = await PlenaryApp.ParseAsync(await visitor.GetAsync("/account/sign-in"));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
    }

    /// <summary>What ASP.NET Core logged as an exception no code answered: errors from its own categories.</summary>
    private List<CapturedLog.Entry> Unhandled(int mark) =>
        app.Log.Since(mark).Where(CapturedLog.IsUnhandled).ToList();
}

[Collection("sqlite")]
public sealed class MalformedRequestsOnSqlite(SqliteApp app) : MalformedRequestTests(app);

[Collection("postgres")]
public sealed class MalformedRequestsOnPostgres(PostgresApp app) : MalformedRequestTests(app);
