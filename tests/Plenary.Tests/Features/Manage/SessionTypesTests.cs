using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>The Secretariat configures session types; the programme follows at once; a type with sessions cannot vanish.</summary>
public abstract class SessionTypesTests(PlenaryApp app)
{
    private const string Page = "/igf2022/manage/session-types";

    private static Task<HttpResponseMessage> SaveAsync(HttpClient visitor, int id, string code, string name, string label, string minutes) =>
        PlenaryApp.SubmitFormAsync(visitor, Page, new Dictionary<string, string>
        {
            ["Id"] = id.ToString(CultureInfo.InvariantCulture), ["Code"] = code, ["Name"] = name, ["NumberLabel"] = label, ["DefaultLengthMinutes"] = minutes,
        }, $"{Page}?handler=Save");

    private static Task<HttpResponseMessage> RemoveAsync(HttpClient visitor, int id) =>
        PlenaryApp.SubmitFormAsync(visitor, Page, new Dictionary<string, string>(), $"{Page}?handler=Remove&type={id}");

    [Fact]
    public async Task Add_change_and_remove_a_session_type_each_audited_and_public_at_once()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var code = $"Y{Guid.NewGuid():N}"[..8];
        var upper = code.ToUpperInvariant();
        (await app.GetAsync($"/igf2022/programme?type={upper}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await SaveAsync(secretariat, 0, code, "Youth Summit Session", "Youth Session", "75")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var type = await app.InDbAsync(db => db.SessionTypes.SingleAsync(t => t.Code == upper));
        (type.Name, type.NumberLabel, type.DefaultLengthMinutes).ShouldBe(("Youth Summit Session", "Youth Session", 75));
        (await app.GetAsync($"/igf2022/programme?type={upper}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await PlenaryApp.ParseAsync(await secretariat.GetAsync(Page));
        list.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ShouldContain(r => r.Contains("Youth Session #1"));

        var renamed = $"Z{Guid.NewGuid():N}"[..8].ToUpperInvariant();
        (await SaveAsync(secretariat, type.Id, renamed, "Youth Track", "Youth Track", "45")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        type = await app.InDbAsync(db => db.SessionTypes.SingleAsync(t => t.Id == type.Id));
        (type.Code, type.Name, type.DefaultLengthMinutes).ShouldBe((renamed, "Youth Track", 45));

        (await RemoveAsync(secretariat, type.Id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.SessionTypes.AnyAsync(t => t.Id == type.Id))).ShouldBeFalse();
        (await app.GetAsync($"/igf2022/programme?type={renamed}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var log = await app.InDbAsync(db => db.AuditLog.Where(e => e.Subject == upper || e.Subject == renamed).OrderBy(e => e.Id).ToListAsync());
        log.Select(e => e.Action).ShouldBe(["session-type.add", "session-type.change", "session-type.remove"]);
        log[1].Before!.ShouldContain(upper);
        log[1].After!.ShouldContain(renamed);
    }

    [Fact]
    public async Task Changing_a_code_moves_its_sessions_addresses_and_the_form_says_so()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var openForum = await app.InDbAsync(db => db.SessionTypes.SingleAsync(t => t.Code == "OF" && db.Forums.Any(f => f.Id == t.ForumId && f.Slug == "igf2022")));
        var form = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"{Page}?edit={openForum.Id}"));
        form.QuerySelector("#code")!.GetAttribute("value").ShouldBe("OF");
        form.QuerySelector("#code-note")!.TextContent.ShouldContain("Changing it changes those addresses");
        try
        {
            (await SaveAsync(secretariat, openForum.Id, "opf", openForum.Name, openForum.NumberLabel, "60")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await app.GetAsync("/igf2022/sessions/opf-56")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await app.GetAsync("/igf2022/sessions/of-56")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        finally
        {
            (await SaveAsync(secretariat, openForum.Id, "OF", openForum.Name, openForum.NumberLabel, openForum.DefaultLengthMinutes.ToString(CultureInfo.InvariantCulture)))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await app.GetAsync("/igf2022/sessions/of-56")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_session_type_in_use_is_not_removed_and_the_page_says_why()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var workshop = await app.InDbAsync(db => db.SessionTypes.SingleAsync(t => t.Code == "WS" && db.Forums.Any(f => f.Id == t.ForumId && f.Slug == "igf2022")));
        var answer = await RemoveAsync(secretariat, workshop.Id);
        answer.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("A type is removed only when no session uses it.");
        (await app.InDbAsync(db => db.SessionTypes.AnyAsync(t => t.Id == workshop.Id))).ShouldBeTrue();
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "session-type.remove" && e.Subject == "WS"))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("of", "Other", "Other", "60", "already has a session type with the code OF")]
    [InlineData("W S", "Other", "Other", "60", "1 to 10 letters or digits")]
    [InlineData("ABCDEFGHIJK", "Other", "Other", "60", "1 to 10 letters or digits")]
    [InlineData("", "Other", "Other", "60", "1 to 10 letters or digits")]
    [InlineData("NEW1", "", "Other", "60", "name of at most 100 characters")]
    [InlineData("NEW1", "Other", "", "60", "number label")]
    [InlineData("NEW1", "Other", "Other", "4", "from 5 to 480")]
    [InlineData("NEW1", "Other", "Other", "481", "from 5 to 480")]
    [InlineData("NEW1", "Other", "Other", "long", "from 5 to 480")]
    public async Task Bad_session_type_is_explained_and_not_saved(string code, string name, string label, string minutes, string message)
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var before = await app.InDbAsync(db => db.SessionTypes.CountAsync());
        var answer = await SaveAsync(secretariat, 0, code, name, label, minutes);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        page.QuerySelector("form [aria-invalid=true]").ShouldNotBeNull();
        (await app.InDbAsync(db => db.SessionTypes.CountAsync())).ShouldBe(before);
    }
}

[Collection("sqlite")]
public sealed class SessionTypesOnSqlite(SqliteApp app) : SessionTypesTests(app);

[Collection("postgres")]
public sealed class SessionTypesOnPostgres(PostgresApp app) : SessionTypesTests(app);
