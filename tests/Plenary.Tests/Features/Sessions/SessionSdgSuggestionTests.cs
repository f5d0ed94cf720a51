using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sessions;

/// <summary>
/// A session's edit form offers goals and targets from its text, takeaways and report, with the words that matched;
/// one click ticks the goal (or lists the target) in the form as typed and saves nothing.
/// </summary>
public abstract class SessionSdgSuggestionTests(PlenaryApp app)
{
    private const string Text = "Why broadband and digital infrastructure still fail rural schools, and what community networks can do about it.";

    [Fact]
    public async Task The_edit_form_offers_a_goal_with_its_words_and_adds_it_to_the_form_without_saving()
    {
        var forum = await app.ForumOfItsOwnAsync("sdgedit", unplaced: 1);
        var session = forum.Session(1);
        await app.InDbAsync(async db =>
        {
            var s = await db.Sessions.AsTracking().Include(x => x.Sdgs).SingleAsync(x => x.Id == session.Id);
            s.Description = Text;
            s.Sdgs.Add(new SessionSdg { Goal = 4 });
            await db.SaveChangesAsync();
        });
        var version = await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).Select(s => s.Version).SingleAsync());
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        var url = $"/{forum.Slug}/sessions/{session.Key}/edit";

        var form = await PlenaryApp.ParseAsync(await organiser.GetAsync(url));
        var nine = form.QuerySelector("button[name=addSdg][value='9']");
        nine.ShouldNotBeNull();
        nine.ParentElement!.TextContent.ShouldContain("Industry, innovation and infrastructure");
        nine.ParentElement!.TextContent.ShouldContain("‘broadband’");
        form.QuerySelector("button[name=addSdg][value='4']").ShouldBeNull("goal 4 is linked already");
        var target = form.QuerySelector("button[name=addSdg][value='9.c']");
        target.ShouldNotBeNull("broadband is target 9.c's");

        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = "Typed, not saved", ["Form.Format"] = "RoundTable", ["Form.Layout"] = "", ["Form.Subtheme"] = "", ["Form.Description"] = Text + " Typed too.",
            ["Form.Approach"] = "", ["Form.SdgText"] = "", ["Form.Sdgs"] = "4", ["TargetsText"] = "", ["TagsText"] = "", ["addSdg"] = "9",
        };
        var added = await PlenaryApp.SubmitFormAsync(organiser, url, fields, url + "?handler=AddSdg");
        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PlenaryApp.ParseAsync(added);
        page.QuerySelector("input[name='Form.Title']")!.GetAttribute("value").ShouldBe("Typed, not saved");
        page.QuerySelector("textarea[name='Form.Description']")!.TextContent.ShouldBe(Text + " Typed too.");
        page.QuerySelector("input[name='Form.Sdgs'][value='9']")!.HasAttribute("checked").ShouldBeTrue();
        page.QuerySelector("input[name='Form.Sdgs'][value='4']")!.HasAttribute("checked").ShouldBeTrue();
        page.QuerySelector("button[name=addSdg][value='9']").ShouldBeNull("goal 9 is ticked now");
        page.QuerySelector("button[name=addSdg][value='9.c']").ShouldNotBeNull("its target is not listed yet");

        // The target: listed in the targets field, its goal ticked.
        fields["addSdg"] = "9.c";
        fields["TargetsText"] = "17.8";
        var withTarget = await PlenaryApp.ParseAsync(await PlenaryApp.SubmitFormAsync(organiser, url, fields, url + "?handler=AddSdg"));
        withTarget.QuerySelector("#sdgtargets")!.GetAttribute("value").ShouldBe("17.8, 9.c");
        withTarget.QuerySelector("input[name='Form.Sdgs'][value='9']")!.HasAttribute("checked").ShouldBeTrue();
        withTarget.QuerySelector("button[name=addSdg][value='9.c']").ShouldBeNull();

        var stored = await app.InDbAsync(db => db.Sessions.Include(s => s.Sdgs).Include(s => s.SdgTargets).SingleAsync(s => s.Id == session.Id));
        stored.Title.ShouldBe(session.Title);
        stored.Sdgs.Select(g => g.Goal).ShouldBe([4]);
        stored.SdgTargets.ShouldBeEmpty();
        stored.Version.ShouldBe(version);

        // Saving is the person's: then the goal and target are linked.
        fields.Remove("addSdg");
        fields["Form.Sdgs"] = "9";
        fields["Form.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields["TargetsText"] = "9.c";
        (await PlenaryApp.SubmitFormAsync(organiser, url, [.. fields, new("Form.Sdgs", "4")], url + "?handler=Save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.InDbAsync(db => db.Sessions.Include(s => s.Sdgs).Include(s => s.SdgTargets).SingleAsync(s => s.Id == session.Id));
        saved.Sdgs.Select(g => g.Goal).Order().ShouldBe([4, 9]);
        saved.SdgTargets.Select(t => t.TargetCode).ShouldBe(["9.c"]);
    }

    [Fact]
    public async Task The_takeaways_count_and_an_unknown_code_is_refused_without_saving()
    {
        var forum = await app.ForumOfItsOwnAsync("sdgtake", unplaced: 1);
        var session = forum.Session(1);
        await app.InDbAsync(async db =>
        {
            db.Takeaways.Add(new Takeaway { SessionId = session.Id, Kind = TakeawayKind.KeyTakeaway, Position = 1, Text = "Broadband and digital infrastructure must reach every rural school." });
            await db.SaveChangesAsync();
        });
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        var url = $"/{forum.Slug}/sessions/{session.Key}/edit";
        var form = await PlenaryApp.ParseAsync(await organiser.GetAsync(url));
        form.QuerySelector("button[name=addSdg][value='9']").ShouldNotBeNull("the takeaway is read with the description");

        var refused = await PlenaryApp.SubmitFormAsync(organiser, url, new Dictionary<string, string>
        {
            ["Form.Title"] = session.Title, ["Form.Format"] = "RoundTable", ["TargetsText"] = "", ["TagsText"] = "", ["addSdg"] = "18",
        }, url + "?handler=AddSdg");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(refused)).Body!.TextContent.ShouldContain("There is no such goal or target to add.");
    }
}

[Collection("sqlite")]
public sealed class SessionSdgSuggestionOnSqlite(SqliteApp app) : SessionSdgSuggestionTests(app);

[Collection("postgres")]
public sealed class SessionSdgSuggestionOnPostgres(PostgresApp app) : SessionSdgSuggestionTests(app);
