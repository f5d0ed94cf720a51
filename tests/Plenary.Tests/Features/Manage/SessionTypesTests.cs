using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>The Secretariat configures session types; the programme follows at once; a type with sessions cannot vanish.</summary>
public abstract class SessionTypesTests(PlenaryApp app)
{
    private const string Page = "/igf2022/manage/session-types";

    private static string PageOf(string forum) => $"/{forum}/manage/session-types";

    private static Task<HttpResponseMessage> SaveAsync(HttpClient visitor, int id, string code, string name, string label, string minutes, string forum = "igf2022") =>
        PlenaryApp.SubmitFormAsync(visitor, PageOf(forum), new Dictionary<string, string>
        {
            ["Id"] = id.ToString(CultureInfo.InvariantCulture), ["Code"] = code, ["Name"] = name, ["NumberLabel"] = label, ["DefaultLengthMinutes"] = minutes,
        }, $"{PageOf(forum)}?handler=Save");

    private static Task<HttpResponseMessage> RemoveAsync(HttpClient visitor, int id, string forum = "igf2022") =>
        PlenaryApp.SubmitFormAsync(visitor, PageOf(forum), new Dictionary<string, string>(), $"{PageOf(forum)}?handler=Remove&type={id}");

    [Fact]
    public async Task Add_change_and_remove_a_session_type_each_audited_and_public_at_once()
    {
        var own = await app.ForumOfItsOwnAsync("types");
        var forum = own.Slug;
        using var secretariat = await app.SecretariatOfAsync(forum);
        (await app.GetAsync($"/{forum}/programme?type=YOUTH")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await SaveAsync(secretariat, 0, "youth", "Youth Summit Session", "Youth Session", "75", forum)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var type = await app.InDbAsync(db => db.SessionTypes.SingleAsync(t => t.Code == "YOUTH" && t.ForumId == own.Id));
        (type.Name, type.NumberLabel, type.DefaultLengthMinutes).ShouldBe(("Youth Summit Session", "Youth Session", 75));
        (await app.GetAsync($"/{forum}/programme?type=YOUTH")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await PlenaryApp.ParseAsync(await secretariat.GetAsync(PageOf(forum)));
        list.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ShouldContain(r => r.Contains("Youth Session #1"));

        (await SaveAsync(secretariat, type.Id, "YT", "Youth Track", "Youth Track", "45", forum)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        type = await app.InDbAsync(db => db.SessionTypes.SingleAsync(t => t.Id == type.Id));
        (type.Code, type.Name, type.DefaultLengthMinutes).ShouldBe(("YT", "Youth Track", 45));

        (await RemoveAsync(secretariat, type.Id, forum)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.SessionTypes.AnyAsync(t => t.Id == type.Id))).ShouldBeFalse();
        (await app.GetAsync($"/{forum}/programme?type=YT")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var log = await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == own.Id && e.Action.StartsWith("session-type.")).OrderBy(e => e.Id).ToListAsync());
        log.Select(e => e.Action).ShouldBe(["session-type.add", "session-type.change", "session-type.remove"]);
        log[1].Before!.ShouldContain("YOUTH");
        log[1].After!.ShouldContain("YT");
    }

    [Fact]
    public async Task Changing_a_code_moves_its_sessions_addresses_and_the_form_says_so()
    {
        var own = await app.ForumOfItsOwnAsync("code", placed: 1, released: true);
        var forum = own.Slug;
        using var secretariat = await app.SecretariatOfAsync(forum);
        var workshop = await app.InDbAsync(db => db.SessionTypes.SingleAsync(t => t.Code == "WS" && t.ForumId == own.Id));
        (await app.GetAsync($"/{forum}/sessions/ws-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var form = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"{PageOf(forum)}?edit={workshop.Id}"));
        form.QuerySelector("#code")!.GetAttribute("value").ShouldBe("WS");
        form.QuerySelector("#code-note")!.TextContent.ShouldContain("Changing it changes those addresses");

        (await SaveAsync(secretariat, workshop.Id, "wsx", workshop.Name, workshop.NumberLabel, "60", forum)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.GetAsync($"/{forum}/sessions/wsx-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.GetAsync($"/{forum}/sessions/ws-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
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
