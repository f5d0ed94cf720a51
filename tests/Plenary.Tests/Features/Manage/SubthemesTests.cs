using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>The Secretariat configures subthemes and their order; removing one that sessions use is confirmed first.</summary>
public abstract class SubthemesTests(PlenaryApp app)
{
    private const string Page = "/igf2022/manage/subthemes";

    private static string PageOf(string forum) => $"/{forum}/manage/subthemes";

    private static Task<HttpResponseMessage> SaveAsync(HttpClient visitor, int id, string name, string slug, string forum = "igf2022") =>
        PlenaryApp.SubmitFormAsync(visitor, PageOf(forum), new Dictionary<string, string>
        {
            ["Id"] = id.ToString(CultureInfo.InvariantCulture), ["Name"] = name, ["Slug"] = slug,
        }, $"{PageOf(forum)}?handler=Save");

    private static Task<HttpResponseMessage> PostAsync(HttpClient visitor, string handler, Dictionary<string, string>? fields = null, string forum = "igf2022") =>
        PlenaryApp.SubmitFormAsync(visitor, PageOf(forum), fields ?? [], $"{PageOf(forum)}?handler={handler}");

    private Task<List<string>> OrderAsync(string forum = "igf2022") => app.InDbAsync(db => db.Subthemes
        .Where(s => db.Forums.Any(f => f.Id == s.ForumId && f.Slug == forum)).OrderBy(s => s.Position).Select(s => s.Slug).ToListAsync());

    [Fact]
    public async Task Add_change_move_and_remove_a_subtheme_each_audited_and_public_at_once()
    {
        var own = await app.ForumOfItsOwnAsync("subs");
        var forum = own.Slug;
        using var secretariat = await app.SecretariatOfAsync(forum);
        const string Name = "Digital Public Goods & Éducation";
        const string Slug = "digital-public-goods-education";
        (await app.GetAsync($"/{forum}/programme?subtheme={Slug}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await SaveAsync(secretariat, 0, Name, "", forum)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var subtheme = await app.InDbAsync(db => db.Subthemes.SingleAsync(s => s.Slug == Slug && s.ForumId == own.Id));
        subtheme.Name.ShouldBe(Name);
        (await OrderAsync(forum)).ShouldBe(["access", Slug]);
        (await app.GetAsync($"/{forum}/programme?subtheme={Slug}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.GetPageAsync($"/{forum}")).Page.QuerySelectorAll("#subthemes ~ ul a").Select(a => a.TextContent).ShouldContain(Name);

        (await SaveAsync(secretariat, subtheme.Id, "Digital Public Goods", "dpg", forum)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Subthemes.SingleAsync(s => s.Id == subtheme.Id))).Slug.ShouldBe("dpg");

        (await PostAsync(secretariat, $"Move&subtheme={subtheme.Id}&direction=up", forum: forum)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await OrderAsync(forum)).ShouldBe(["dpg", "access"]);
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync(PageOf(forum)));
        page.QuerySelectorAll("table tbody code").Select(c => c.TextContent).ShouldBe(["dpg", "access"]);

        (await PostAsync(secretariat, $"Remove&subtheme={subtheme.Id}", forum: forum)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Subthemes.AnyAsync(s => s.Id == subtheme.Id))).ShouldBeFalse();
        var actions = await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == own.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        actions.ShouldBe(["subtheme.add", "subtheme.change", "subtheme.move", "subtheme.remove"]);
    }

    [Fact]
    public async Task Removing_a_subtheme_in_use_asks_first_with_the_number_of_sessions_then_leaves_them_without_one()
    {
        var own = await app.ForumOfItsOwnAsync("subuse", unplaced: 3);
        var forum = own.Slug;
        using var secretariat = await app.SecretariatOfAsync(forum);
        (await SaveAsync(secretariat, 0, "Temporary subtheme", "temporary", forum)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.InDbAsync(db => db.Subthemes.Where(s => s.Slug == "temporary" && s.ForumId == own.Id).Select(s => s.Id).SingleAsync());
        int[] ids = [own.Session(1).Id, own.Session(2).Id];
        await app.InDbAsync(db => db.Sessions.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.SubthemeId, id)));

        var asked = await PostAsync(secretariat, $"Remove&subtheme={id}", forum: forum);
        asked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await PlenaryApp.ParseAsync(asked);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("2 sessions belong to “Temporary subtheme”");
        page.QuerySelector("input[name=confirm][value=true]").ShouldNotBeNull();
        (await app.InDbAsync(db => db.Subthemes.AnyAsync(s => s.Id == id))).ShouldBeTrue();

        (await PostAsync(secretariat, $"Remove&subtheme={id}", new() { ["confirm"] = "true" }, forum)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Subthemes.AnyAsync(s => s.Id == id))).ShouldBeFalse();
        (await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == own.Id).OrderBy(s => s.Number).Select(s => s.SubthemeId).ToListAsync())).ShouldAllBe(s => s == null);
        var entry = await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == "subtheme.remove" && e.ForumId == own.Id));
        entry.Before!.ShouldContain("\"sessions\":2");
    }

    [Theory]
    [InlineData("", "", "name of at most 200 characters")]
    [InlineData("Governing data again", "governing-data", "already uses the short name")]
    [InlineData("Data", "Bad Slug", "lowercase letters, digits and dashes")]
    [InlineData("数据治理", "", "lowercase letters, digits and dashes")]
    public async Task Bad_subtheme_is_explained_and_not_saved(string name, string slug, string message)
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var before = await app.InDbAsync(db => db.Subthemes.CountAsync());
        var answer = await SaveAsync(secretariat, 0, name, slug);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        page.QuerySelector("form [aria-invalid=true]").ShouldNotBeNull();
        (await app.InDbAsync(db => db.Subthemes.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task A_move_in_an_unknown_direction_is_refused()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var order = await OrderAsync();
        var id = await app.InDbAsync(db => db.Subthemes.Where(s => s.Slug == order[1]).Select(s => s.Id).FirstAsync());
        (await PostAsync(secretariat, $"Move&subtheme={id}&direction=sideways")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await OrderAsync()).ShouldBe(order);
    }
}

[Collection("sqlite")]
public sealed class SubthemesOnSqlite(SqliteApp app) : SubthemesTests(app);

[Collection("postgres")]
public sealed class SubthemesOnPostgres(PostgresApp app) : SubthemesTests(app);
