using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;
using static Plenary.Tests.Features.Proposals.ProposalForums;

namespace Plenary.Tests.Features.Sdgs;

/// <summary>The proposal form offers goals from its own text, each added with one click that keeps what was typed and saves nothing.</summary>
public abstract class SdgSuggestOnFormTests(PlenaryApp app)
{
    [Fact]
    public async Task A_suggested_goal_is_added_with_one_click_and_the_typed_text_is_kept()
    {
        await EnsureAsync(app, Open);
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var proposer = await app.SignedInVisitorAsync($"sdg-form-{tag}@example.org");
        var fields = Fields($"Broadband for rural schools {tag}", sdgs: [("5", "Rural women")])
            .Where(f => f.Key != "Form.Description").Append(new("Form.Description", $"Why broadband and digital infrastructure still fail rural schools {tag}.")).ToList();
        var before = await app.InDbAsync(db => db.Proposals.CountAsync());

        var offered = await PlenaryApp.ParseAsync(await PlenaryApp.SubmitFormAsync(proposer, $"/{Open}/proposals/new",
            [.. fields, new("addSdg", "0")], $"/{Open}/proposals/new?handler=AddSdg"));
        var nine = offered.QuerySelector("button[name=addSdg][value='9']");
        nine.ShouldNotBeNull();
        nine.ParentElement!.TextContent.ShouldContain("Industry, innovation and infrastructure");
        nine.ParentElement!.TextContent.ShouldContain("‘broadband’");
        offered.QuerySelector("button[name=addSdg][value='5']").ShouldBeNull("goal 5 is listed already");

        var answer = await PlenaryApp.SubmitFormAsync(proposer, $"/{Open}/proposals/new",
            [.. fields, new("addSdg", "9")], $"/{Open}/proposals/new?handler=AddSdg");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector("input[name='Form.Title']")!.GetAttribute("value").ShouldBe($"Broadband for rural schools {tag}");
        page.QuerySelector("textarea[name='Form.Description']")!.TextContent.ShouldBe($"Why broadband and digital infrastructure still fail rural schools {tag}.");
        page.QuerySelector("input[name='Form.Sdgs[0].Code']")!.GetAttribute("value").ShouldBe("5");
        page.QuerySelector("input[name='Form.Sdgs[0].Reason']")!.GetAttribute("value").ShouldBe("Rural women");
        page.QuerySelector("input[name='Form.Sdgs[1].Code']")!.GetAttribute("value").ShouldBe("9");
        page.QuerySelector("button[name=addSdg][value='9']").ShouldBeNull();
        (await app.InDbAsync(db => db.Proposals.CountAsync())).ShouldBe(before);
    }
}

[Collection("sqlite")]
public sealed class SdgSuggestOnFormOnSqlite(SqliteApp app) : SdgSuggestOnFormTests(app);

[Collection("postgres")]
public sealed class SdgSuggestOnFormOnPostgres(PostgresApp app) : SdgSuggestOnFormTests(app);
