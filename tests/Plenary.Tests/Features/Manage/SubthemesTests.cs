using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>The Secretariat configures subthemes and their order; removing one that sessions use is confirmed first.</summary>
public abstract class SubthemesTests(PlenaryApp app)
{
    private const string Page = "/igf2022/manage/subthemes";

    private static Task<HttpResponseMessage> SaveAsync(HttpClient visitor, int id, string name, string slug) =>
        PlenaryApp.SubmitFormAsync(visitor, Page, new Dictionary<string, string>
        {
            ["Id"] = id.ToString(CultureInfo.InvariantCulture), ["Name"] = name, ["Slug"] = slug,
        }, $"{Page}?handler=Save");

    private static Task<HttpResponseMessage> PostAsync(HttpClient visitor, string handler, Dictionary<string, string>? fields = null) =>
        PlenaryApp.SubmitFormAsync(visitor, Page, fields ?? [], $"{Page}?handler={handler}");

    private Task<List<string>> OrderAsync() => app.InDbAsync(db => db.Subthemes
        .Where(s => db.Forums.Any(f => f.Id == s.ForumId && f.Slug == "igf2022")).OrderBy(s => s.Position).Select(s => s.Slug).ToListAsync());

    [Fact]
    public async Task Add_change_move_and_remove_a_subtheme_each_audited_and_public_at_once()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var name = $"Digital Public Goods & Éducation {tag}";
        var slug = $"digital-public-goods-education-{tag}";
        (await app.GetAsync($"/igf2022/programme?subtheme={slug}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await SaveAsync(secretariat, 0, name, "")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var subtheme = await app.InDbAsync(db => db.Subthemes.SingleAsync(s => s.Slug == slug));
        subtheme.Name.ShouldBe(name);
        (await OrderAsync()).Last().ShouldBe(slug);
        (await app.GetAsync($"/igf2022/programme?subtheme={slug}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.GetPageAsync("/igf2022")).Page.QuerySelectorAll("#subthemes ~ ul a").Select(a => a.TextContent).ShouldContain(name);

        var renamed = $"dpg-{tag}";
        (await SaveAsync(secretariat, subtheme.Id, $"Digital Public Goods {tag}", renamed)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Subthemes.SingleAsync(s => s.Id == subtheme.Id))).Slug.ShouldBe(renamed);

        var order = await OrderAsync();
        (await PostAsync(secretariat, $"Move&subtheme={subtheme.Id}&direction=up")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var moved = await OrderAsync();
        moved.IndexOf(renamed).ShouldBe(order.IndexOf(renamed) - 1);
        moved.Order().ShouldBe(order.Order());
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync(Page));
        page.QuerySelectorAll("table tbody code").Select(c => c.TextContent).ShouldBe(moved);

        (await PostAsync(secretariat, $"Remove&subtheme={subtheme.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Subthemes.AnyAsync(s => s.Id == subtheme.Id))).ShouldBeFalse();
        var actions = await app.InDbAsync(db => db.AuditLog.Where(e => e.Subject == slug || e.Subject == renamed).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        actions.ShouldBe(["subtheme.add", "subtheme.change", "subtheme.move", "subtheme.remove"]);
    }

    [Fact]
    public async Task Removing_a_subtheme_in_use_asks_first_with_the_number_of_sessions_then_leaves_them_without_one()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var slug = $"temporary-{Guid.NewGuid():N}"[..20];
        (await SaveAsync(secretariat, 0, "Temporary subtheme", slug)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.InDbAsync(db => db.Subthemes.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());
        var borrowed = await app.InDbAsync(db => db.Sessions.Where(s => s.Forum.Slug == "igf2022" && s.SubthemeId != null).OrderBy(s => s.Id).Take(2)
            .Select(s => new { s.Id, s.SubthemeId }).ToListAsync());
        var ids = borrowed.Select(b => b.Id).ToList();
        try
        {
            await app.InDbAsync(db => db.Sessions.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.SubthemeId, id)));

            var asked = await PostAsync(secretariat, $"Remove&subtheme={id}");
            asked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            var page = await PlenaryApp.ParseAsync(asked);
            page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("2 sessions belong to “Temporary subtheme”");
            page.QuerySelector("input[name=confirm][value=true]").ShouldNotBeNull();
            (await app.InDbAsync(db => db.Subthemes.AnyAsync(s => s.Id == id))).ShouldBeTrue();

            (await PostAsync(secretariat, $"Remove&subtheme={id}", new() { ["confirm"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await app.InDbAsync(db => db.Subthemes.AnyAsync(s => s.Id == id))).ShouldBeFalse();
            (await app.InDbAsync(db => db.Sessions.Where(s => ids.Contains(s.Id)).Select(s => s.SubthemeId).ToListAsync())).ShouldAllBe(s => s == null);
            var entry = await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == "subtheme.remove" && e.Subject == slug));
            entry.Before!.ShouldContain("\"sessions\":2");
        }
        finally
        {
            foreach (var session in borrowed)
            {
                await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.SubthemeId, session.SubthemeId)));
            }
            await app.EvictPublicCacheAsync();
        }
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
