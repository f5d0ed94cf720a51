using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Features.Proposals;
using Plenary.Features.Rooms;
using Plenary.Tests.Features.Proposals;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// One rule for one-line text, applied alike by the pages, the API and the CSV import: a line break, tab or other
/// control character is refused with words a person understands; text that merely begins like a spreadsheet formula
/// (+Connect, @Youth forum, - Digital divide) is accepted everywhere, and only the CSV files Plenary writes neutralise
/// it, in a way the import undoes. A title stored with a line break before the rule still gets its messages out.
/// </summary>
public abstract class OneLineTextTests(PlenaryApp app)
{
    private const string OneLine = "Keep this on one line: remove the line breaks, tabs and other control characters.";
    private const string OneLineInFrench = "Écrivez ceci sur une seule ligne : retirez les sauts de ligne, les tabulations et les autres caractères de contrôle.";

    private const string SessionsHeader = "type,number,title,format,layout,length_minutes,subtheme,day,start,room,description,sdgs,sdg_targets,tags,"
        + "organisers,speakers_onsite,speakers_online,moderator_onsite,moderator_online,rapporteur";

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A 400 problem whose errors name exactly these fields, each with the one-line message.</summary>
    private static async Task RefusedAsync(HttpResponseMessage response, params string[] fields)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(fields, ignoreOrder: true);
        foreach (var field in fields)
        {
            errors.GetProperty(field)[0].GetString().ShouldBe(OneLine);
        }
    }

    /// <summary>A forum of the test's own, with a workshop type, a room and a subtheme, and its Secretariat signed in on the pages and by token.</summary>
    private async Task<(string Slug, HttpClient Pages, HttpClient Api)> ForumAsync()
    {
        var slug = (await app.ForumOfItsOwnAsync("line", timeZoneId: "Africa/Dakar", firstDay: new DateOnly(2026, 6, 23), shape: f =>
        {
            (f.Name, f.HostCity, f.Venue, f.Theme) = ("One-line Forum 2026", "Dakar", "CICAD", "Lines");
            f.SessionTypes = [new SessionType { Code = "WS", Name = "Workshop", NumberLabel = "Workshop", DefaultLengthMinutes = 60, Position = 1 }];
            f.Rooms = [new Room { Name = "Room 1", Capacity = 80, Position = 1 }];
        })).Slug;
        var pages = await app.SecretariatOfAsync(slug);
        return (slug, pages, app.ApiClient(await PlenaryApp.ApiTokenOfAsync(pages)));
    }

    [Fact]
    public async Task Pages_refuse_a_line_break_or_a_tab_in_one_line_fields_in_the_readers_language_and_keep_nothing()
    {
        await ProposalForums.EnsureAsync(app, ProposalForums.Open);
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var proposer = await app.SignedInVisitorAsync($"lines{tag}@example.org");
        proposer.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));

        var title = await PlenaryApp.SubmitFormAsync(proposer, $"/{ProposalForums.Open}/proposals/new",
            ProposalForums.Fields($"Rural\r\nconnectivity {tag}"), $"/{ProposalForums.Open}/proposals/new?handler=Save");
        title.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(title)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(OneLineInFrench);

        proposer.DefaultRequestHeaders.AcceptLanguage.Clear();
        var person = await PlenaryApp.SubmitFormAsync(proposer, $"/{ProposalForums.Open}/proposals/new",
            ProposalForums.Fields($"Rural connectivity {tag}", organisers: [new($"Awa\tNdiaye {tag}", $"awa-{tag}@example.org")]), $"/{ProposalForums.Open}/proposals/new?handler=Save");
        person.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(person)).QuerySelector("[role=alert]")!.TextContent.ShouldContain($"Co-organiser 1: {OneLine}");
        (await app.InDbAsync(db => db.Proposals.CountAsync(p => p.Title.Contains(tag)))).ShouldBe(0);

        var (slug, secretariat, _) = await ForumAsync();
        using (secretariat)
        {
            var room = await PlenaryApp.SubmitFormAsync(secretariat, $"/{slug}/manage/rooms",
                new Dictionary<string, string> { ["Id"] = "0", ["Name"] = "Hall\nB", ["Layout"] = "Theater", ["Capacity"] = "40" }, $"/{slug}/manage/rooms?handler=Save");
            room.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await PlenaryApp.ParseAsync(room)).Body!.TextContent.ShouldContain(OneLine);

            var session = await PlenaryApp.SubmitFormAsync(secretariat, $"/{slug}/manage/sessions/new", new Dictionary<string, string>
            {
                ["Form.Type"] = "WS", ["Form.Title"] = "Open\u2028data", ["Form.Format"] = "Panel", ["Form.Layout"] = "Theater", ["Form.LengthMinutes"] = "60",
                ["Form.Status"] = "Scheduled", ["TagsText"] = "", ["TargetsText"] = "",
            }, $"/{slug}/manage/sessions/new?handler=Save");
            session.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await PlenaryApp.ParseAsync(session)).Body!.TextContent.ShouldContain(OneLine);

            var token = await PlenaryApp.SubmitFormAsync(secretariat, "/account/api-tokens",
                new Dictionary<string, string> { ["Name"] = "Nightly\r\nsync", ["Days"] = "30" }, "/account/api-tokens?handler=Create");
            token.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await PlenaryApp.ParseAsync(token)).Body!.TextContent.ShouldContain(OneLine);
        }
        (await app.InDbAsync(db => db.Rooms.CountAsync(r => db.Forums.Any(f => f.Id == r.ForumId && f.Slug == slug)))).ShouldBe(1);
        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.Forum.Slug == slug))).ShouldBe(0);
        (await app.InDbAsync(db => db.ApiTokens.CountAsync(t => t.Name.StartsWith("Nightly")))).ShouldBe(0);

        using var newcomer = app.CreateVisitor();
        var signUp = await app.SignUpAsync(newcomer, $"newline{tag}@example.org", name: "Amina\nDiallo");
        signUp.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(signUp)).Body!.TextContent.ShouldContain(OneLine);
    }

    [Fact]
    public async Task The_api_refuses_control_characters_in_one_line_fields_with_problem_details_naming_each_field()
    {
        var (slug, pages, api) = await ForumAsync();
        using var _ = pages;
        using var __ = api;
        var session = new Dictionary<string, object?> { ["type"] = "WS", ["format"] = "Panel", ["layout"] = "Theater", ["lengthMinutes"] = 60, ["status"] = "Scheduled" };

        await RefusedAsync(await api.PostAsJsonAsync($"/api/forums/{slug}/sessions", new Dictionary<string, object?>(session) { ["title"] = "a\r\nb" }), "title");
        await RefusedAsync(await api.PostAsJsonAsync($"/api/forums/{slug}/sessions",
            new Dictionary<string, object?>(session) { ["title"] = "Tags", ["tags"] = new[] { "open data", "x\ty" } }), "tags");
        await RefusedAsync(await api.PostAsJsonAsync($"/api/forums/{slug}/rooms", new { name = "Hall\u0000B", layout = "Theater", capacity = 40 }), "name");
        await RefusedAsync(await api.PostAsJsonAsync($"/api/forums/{slug}/session-types",
            new { code = "YS", name = "Youth\nSummit", numberLabel = "Youth\tSummit", defaultLengthMinutes = 60 }), "name", "label");
        await RefusedAsync(await api.PostAsJsonAsync($"/api/forums/{slug}/subthemes", new { name = "Digital\r\ncommons" }), "name");
        // An address with a control character is simply not an address, and is told so.
        var email = await api.PostAsJsonAsync($"/api/forums/{slug}/invitations", new { email = "awa\u0007@example.org", role = "Reviewer" });
        email.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonOf(email)).GetProperty("errors").GetProperty("email")[0].GetString().ShouldBe("Enter an e-mail address such as name@example.org.");

        var created = await api.PostAsJsonAsync($"/api/forums/{slug}/sessions", new Dictionary<string, object?>(session) { ["title"] = "Lines" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var key = (await JsonOf(created)).GetProperty("session").GetProperty("key").GetString();
        await RefusedAsync(await api.PostAsJsonAsync($"/api/forums/{slug}/sessions/{key}/roles",
            new { role = "Speaker", mode = "Onsite", name = "Awa\u0085Ndiaye", affiliation = "ISOC\nSenegal" }), "person", "affiliation");
        var role = await api.PostAsJsonAsync($"/api/forums/{slug}/sessions/{key}/roles", new { role = "Speaker", mode = "Onsite", name = "Awa Ndiaye" });
        role.StatusCode.ShouldBe(HttpStatusCode.Created, await role.Content.ReadAsStringAsync());
        var person = (await JsonOf(role)).GetProperty("person").GetProperty("id").GetInt32();
        await RefusedAsync(await api.PutAsJsonAsync($"/api/forums/{slug}/people/{person}", new { name = "Awa\r\nNdiaye", title = "Director\tGeneral" }), "name", "title");

        var settings = ForumForm.From(await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == slug)));
        settings.Name = "One-line\nForum";
        settings.Venue = "CICAD\r\nDiamniadio";
        await RefusedAsync(await api.PutAsJsonAsync($"/api/forums/{slug}", settings), "name", "venue");

        await RefusedAsync(await api.PutAsJsonAsync($"/api/forums/{slug}/registration", new { mode = "RemoteHub", hubName = "Hub\r\nThiès", hubHeadcount = 12 }), "hub");

        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.Forum.Slug == slug))).ShouldBe(1);
        (await app.InDbAsync(db => db.Rooms.CountAsync(r => db.Forums.Any(f => f.Id == r.ForumId && f.Slug == slug)))).ShouldBe(1);
        (await app.InDbAsync(db => db.Forums.Where(f => f.Slug == slug).Select(f => f.Name).SingleAsync())).ShouldBe("One-line Forum 2026");
        (await app.InDbAsync(db => db.People.Where(p => p.Id == person).Select(p => p.Name).SingleAsync())).ShouldBe("Awa Ndiaye");
    }

    [Fact]
    public async Task The_csv_import_refuses_a_line_break_in_a_title_and_a_tab_in_a_name_but_keeps_descriptions_multi_line()
    {
        var (slug, pages, api) = await ForumAsync();
        using var _ = pages;
        using var __ = api;
        using var refused = await ImportAsync(api, slug, sessions: SessionsHeader + "\n"
            + "WS,1,\"Open\r\ndata\",Panel,,60,,,,,,,,,,,,,,\n"
            + "WS,2,Fine,Panel,,60,,,,,\"Two\r\nparagraphs\",,,,\"ISOC\tSenegal\",,,,,\n");
        var text = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString());
        errors.Keys.ShouldBe(["sessions.csv[2].title", "sessions.csv[3].organisers"], ignoreOrder: true);
        errors.Values.ShouldAllBe(m => m == OneLine);

        using var accepted = await ImportAsync(api, slug, sessions: SessionsHeader + "\nWS,2,Fine,Panel,,60,,,,,\"Two\r\nparagraphs\",,,,,,,,,\n");
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        (await app.InDbAsync(db => db.Sessions.Where(s => s.Forum.Slug == slug).Select(s => s.Description).SingleAsync())).ShouldBe("Two\r\nparagraphs");
    }

    /// <summary>
    /// One rule for text that starts like a formula: it is text. The pages, the API and the CSV import take "+Connect",
    /// "@Youth forum", "- Digital divide" and even "=SUM(A1)" as written; the exports put an apostrophe before them so no
    /// spreadsheet runs them; an exported file imports back to the very same values.
    /// </summary>
    [Fact]
    public async Task Text_that_begins_like_a_formula_is_text_on_the_pages_in_the_api_and_in_csv_and_an_export_imports_back_unchanged()
    {
        var (slug, pages, api) = await ForumAsync();
        using var _ = pages;
        using var __ = api;

        var byPage = await PlenaryApp.SubmitFormAsync(pages, $"/{slug}/manage/sessions/new", new Dictionary<string, string>
        {
            ["Form.Type"] = "WS", ["Form.Number"] = "1", ["Form.Title"] = "+Connect", ["Form.Format"] = "Panel", ["Form.Layout"] = "Theater",
            ["Form.LengthMinutes"] = "60", ["Form.Status"] = "Scheduled", ["TagsText"] = "@youth", ["TargetsText"] = "",
        }, $"/{slug}/manage/sessions/new?handler=Save");
        byPage.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(byPage)).QuerySelector(".errors")?.TextContent);
        var byApi = await api.PostAsJsonAsync($"/api/forums/{slug}/sessions", new
        {
            type = "WS", number = 2, title = "@Youth forum", format = "Panel", layout = "Theater", lengthMinutes = 60, status = "Scheduled",
        });
        byApi.StatusCode.ShouldBe(HttpStatusCode.Created, await byApi.Content.ReadAsStringAsync());
        (await api.PostAsJsonAsync($"/api/forums/{slug}/rooms", new { name = "=Hall", layout = "Theater", capacity = 40 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var byCsv = await ImportAsync(api, slug, sessions: SessionsHeader + "\n"
            + "WS,3,- Digital divide,Panel,,60,,,,,,,,,-Minus Org,,,,,\n"
            + "WS,4,=SUM(A1),Panel,,60,,,,,,,,,,,,,,\n"
            + "WS,5,'=already neutralised,Panel,,60,,,,,,,,,,,,,,\n"
            + "WS,6,'''+three apostrophes,Panel,,60,,,,,,,,,,,,,,\n");
        byCsv.StatusCode.ShouldBe(HttpStatusCode.OK, await byCsv.Content.ReadAsStringAsync());

        var titles = await app.InDbAsync(db => db.Sessions.Where(s => s.Forum.Slug == slug).OrderBy(s => s.Number).Select(s => s.Title).ToListAsync());
        titles.ShouldBe(["+Connect", "@Youth forum", "- Digital divide", "=SUM(A1)", "=already neutralised", "''+three apostrophes"]);
        (await app.InDbAsync(db => db.Organisations.AnyAsync(o => o.Name == "-Minus Org"))).ShouldBeTrue();

        var exported = Encoding.UTF8.GetString(await pages.GetByteArrayAsync($"/{slug}/manage/export/sessions.csv"));
        foreach (var cell in new[] { "+Connect", "@Youth forum", "- Digital divide", "=SUM(A1)", "=already neutralised", "-Minus Org", "@youth" })
        {
            exported.ShouldContain("'" + cell);
            exported.ShouldNotContain("," + cell);
        }
        exported.ShouldContain(",'''+three apostrophes,");
        (await pages.GetStringAsync($"/{slug}/manage/export/people.csv")).ShouldNotBeNull();

        using var again = await ImportAsync(api, slug, sessions: exported, dryRun: true);
        var report = await JsonOf(again);
        again.StatusCode.ShouldBe(HttpStatusCode.OK, report.ToString());
        report.GetProperty("problems").GetArrayLength().ShouldBe(0, report.ToString());
        report.GetProperty("canImport").GetBoolean().ShouldBeFalse("every row matches what is on record");
        using var applied = await ImportAsync(api, slug, sessions: exported);
        applied.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.InDbAsync(db => db.Sessions.Where(s => s.Forum.Slug == slug).OrderBy(s => s.Number).Select(s => s.Title).ToListAsync())).ShouldBe(titles);
    }

    [Fact]
    public async Task A_title_stored_with_a_line_break_before_the_rule_still_gets_its_messages_out()
    {
        await ProposalForums.EnsureAsync(app, ProposalForums.Open);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"old{tag}@example.org";
        using var proposer = await app.SignedInVisitorAsync(email);
        var id = await ProposalForums.CreateAsync(proposer, ProposalForums.Open, ProposalForums.Fields($"Old title {tag}"));
        // As an older version let it be stored.
        await app.InDbAsync(db => db.Proposals.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Title, $"Old\r\ntitle {tag}")));

        var url = $"/{ProposalForums.Open}/proposals/{id}";
        (await PlenaryApp.SubmitFormAsync(proposer, url, new Dictionary<string, string> { ["WithdrawReason"] = "" }, $"{url}?handler=Withdraw"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var message = await app.InDbAsync(db => db.Outbox.SingleAsync(m => m.To == email && m.Purpose == ProposalStates.Purpose));
        message.Subject.ShouldBe($"Proposal “Old title {tag}”: Withdrawn");
        var delivery = app.Services.GetRequiredService<MailDelivery>();
        await delivery.SendAsync(message, CancellationToken.None);

        // A message queued before the fix, subject and all, leaves too.
        var stuck = await app.InDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var row = new OutboxMessage
            {
                To = $"stuck{tag}@example.org", Subject = $"Proposal “Old\r\ntitle {tag}”: Submitted", TextBody = "Body", HtmlBody = "<p>Body</p>",
                Purpose = "test", CreatedAt = now, NextAttemptAt = now.AddDays(1),
            };
            db.Outbox.Add(row);
            await db.SaveChangesAsync();
            return row;
        });
        await delivery.SendAsync(stuck, CancellationToken.None);

        var written = Directory.GetFiles(delivery.PickupFolder, "*.eml").Select(File.ReadAllText).ToList();
        written.ShouldContain(t => t.Contains($"X-Plenary-Message: {message.Id}", StringComparison.Ordinal));
        written.ShouldContain(t => t.Contains($"X-Plenary-Message: {stuck.Id}", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient api, string slug, string sessions, bool dryRun = false)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(sessions));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "sessions", "sessions.csv");
        return await api.PostAsync($"/api/forums/{slug}/import{(dryRun ? "?dryRun=true" : "")}", content);
    }
}

[Collection("sqlite")]
public sealed class OneLineTextOnSqlite(SqliteApp app) : OneLineTextTests(app);

[Collection("postgres")]
public sealed class OneLineTextOnPostgres(PostgresApp app) : OneLineTextTests(app);
