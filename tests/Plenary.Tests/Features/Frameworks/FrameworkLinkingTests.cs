using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Frameworks;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Frameworks;

/// <summary>
/// A forum that uses the Global Digital Compact and the WSIS action lines links its sessions to them from the session
/// form; the links show on the session page, on each objective's and action line's page, in the programme's filters and
/// in the API. A forum that does not use them offers no boxes and refuses links sent anyway.
/// </summary>
public abstract class FrameworkLinkingTests(PlenaryApp app)
{
    private static List<KeyValuePair<string, string>> Fields(string title, params (string Key, string Value)[] more)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Title", title), new("Form.Format", "Panel"), new("Form.Subtheme", ""), new("Form.Description", "Trust online."),
            new("Form.Approach", ""), new("Form.SdgText", ""), new("TargetsText", ""), new("TagsText", ""),
        };
        fields.AddRange(more.Select(m => new KeyValuePair<string, string>(m.Key, m.Value)));
        return fields;
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient visitor, string forum, string key, List<KeyValuePair<string, string>> fields) =>
        PlenaryApp.SubmitFormAsync(visitor, $"/{forum}/sessions/{key}/edit", fields, $"/{forum}/sessions/{key}/edit?handler=Save");

    [Fact]
    public async Task test_links_ticked_on_the_form_show_on_the_session_page_the_framework_pages_the_programme_filter_and_the_api()
    {
        var forum = await app.ForumOfItsOwnAsync("frameworks", placed: 2, shape: f => (f.UsesGdc, f.UsesWsis) = (true, true));
        var session = forum.Session(1);
        var other = forum.Session(2);
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        var form = await PlenaryApp.ParseAsync(await organiser.GetAsync($"/{forum.Slug}/sessions/{session.Key}/edit"));
        form.QuerySelectorAll("#gdc input[type=checkbox]").Length.ShouldBe(5);
        form.QuerySelectorAll("#wsis input[type=checkbox]").Length.ShouldBe(11);

        const string title = "Trust and security online for small businesses";
        // The form's empty value beside the boxes, then the ticked ones; "c5" in any case is C5.
        var saved = await SaveAsync(organiser, forum.Slug, session.Key, Fields(title,
            ("Form.Gdc", ""), ("Form.Gdc", "3"), ("Form.Wsis", ""), ("Form.Wsis", "c5"), ("Form.Wsis", "C10")));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(saved)).QuerySelector(".errors")?.TextContent);
        var links = await app.InDbAsync(db => db.SessionFrameworkLinks.Where(l => l.SessionId == session.Id).ToListAsync());
        links.Select(l => (l.Framework, l.Code)).Order().ShouldBe([(Framework.Gdc, "3"), (Framework.Wsis, "C10"), (Framework.Wsis, "C5")]);
        var again = await PlenaryApp.ParseAsync(await organiser.GetAsync($"/{forum.Slug}/sessions/{session.Key}/edit"));
        again.QuerySelectorAll("#wsis input:checked").Select(i => i.GetAttribute("value")).ShouldBe(["C5", "C10"]);

        await app.ReleaseTimetableAsync(forum.Slug);
        var page = (await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}")).Page;
        page.QuerySelector("#fw-gdc")!.TextContent.ShouldBe("Global Digital Compact");
        page.QuerySelectorAll("a.framework").Select(a => a.GetAttribute("href")).ShouldBe(
            [$"/{forum.Slug}/frameworks/gdc/3", $"/{forum.Slug}/frameworks/wsis/C5", $"/{forum.Slug}/frameworks/wsis/C10"]);
        page.Body!.TextContent.ShouldContain("Building confidence and security in the use of ICTs");
        (await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}", "fr")).Page.Body!.TextContent.ShouldContain("Pacte numérique mondial");

        var (status, line) = await app.GetPageAsync($"/{forum.Slug}/frameworks/wsis/C5");
        status.ShouldBe(HttpStatusCode.OK);
        line.QuerySelector("h1")!.TextContent.ShouldBe("Confidence and security");
        line.Body!.TextContent.ShouldContain(title);
        line.Body.TextContent.ShouldNotContain(other.Title);
        (await app.GetPageAsync($"/{forum.Slug}/frameworks/gdc/1")).Page.Body!.TextContent.ShouldNotContain(title);
        // The code in any case finds the action line.
        (await app.GetPageAsync($"/{forum.Slug}/frameworks/wsis/c5")).Page.Body!.TextContent.ShouldContain(title);
        (await app.GetPageAsync($"/{forum.Slug}/frameworks/wsis/C12")).Status.ShouldBe(HttpStatusCode.NotFound);
        var index = (await app.GetPageAsync($"/{forum.Slug}/frameworks")).Page;
        index.QuerySelector("#wsis")!.TextContent.ShouldBe("WSIS action lines");
        index.QuerySelectorAll("a.framework").Length.ShouldBe(16);

        var programme = (await app.GetPageAsync($"/{forum.Slug}/programme?wsis=C5")).Page.Body!.TextContent;
        programme.ShouldContain(title);
        programme.ShouldNotContain(other.Title);
        (await app.GetPageAsync($"/{forum.Slug}/programme?gdc=4")).Page.Body!.TextContent.ShouldNotContain(title);

        var (listed, _, list) = await app.GetJsonAsync($"/api/forums/{forum.Slug}/sessions?gdc=3");
        listed.ShouldBe(HttpStatusCode.OK);
        list.EnumerateArray().Select(s => s.GetProperty("key").GetString()).ShouldBe([session.Key]);
        list[0].GetProperty("wsis").EnumerateArray().Select(c => c.GetString()).ShouldBe(["C5", "C10"]);
        (await app.GetJsonAsync($"/api/forums/{forum.Slug}/sessions?wsis=C99")).Status.ShouldBe(HttpStatusCode.BadRequest);
        var (found, _, details) = await app.GetJsonAsync($"/api/forums/{forum.Slug}/sessions/{session.Key}");
        found.ShouldBe(HttpStatusCode.OK);
        details.GetProperty("frameworks").EnumerateArray().Select(l => l.GetProperty("framework").GetString() + ":" + l.GetProperty("code").GetString())
            .ShouldBe(["gdc:3", "wsis:C5", "wsis:C10"]);
        details.GetProperty("frameworks")[0].GetProperty("title").GetString().ShouldBe("Foster an inclusive, open, safe and secure digital space that respects, protects and promotes human rights");

        // Unticking every box of one framework removes its links and leaves the other's.
        (await SaveAsync(organiser, forum.Slug, session.Key, Fields(title, ("Form.Gdc", ""), ("Form.Wsis", ""), ("Form.Wsis", "C5"))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.SessionFrameworkLinks.Where(l => l.SessionId == session.Id).Select(l => l.Code).ToListAsync())).ShouldBe(["C5"]);
    }

    [Fact]
    public async Task test_a_forum_that_does_not_use_a_framework_offers_no_boxes_and_refuses_its_links()
    {
        var forum = await app.ForumOfItsOwnAsync("noframeworks", placed: 1, released: true, shape: f => f.UsesWsis = true);
        var session = forum.Session(1);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var form = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/sessions/{session.Key}/edit"));
        form.QuerySelector("#gdc").ShouldBeNull("the forum does not use the Compact");
        form.QuerySelector("#wsis").ShouldNotBeNull();

        var refused = await SaveAsync(secretariat, forum.Slug, session.Key, Fields("Sent anyway",
            ("Form.LengthMinutes", "60"), ("Form.Status", "Scheduled"), ("Form.Gdc", "3")));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(refused)).Body!.TextContent.ShouldContain("This forum does not link its sessions to the Global Digital Compact.");
        var unknown = await SaveAsync(secretariat, forum.Slug, session.Key, Fields("Sent anyway",
            ("Form.LengthMinutes", "60"), ("Form.Status", "Scheduled"), ("Form.Wsis", "C12")));
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(unknown)).Body!.TextContent.ShouldContain("“C12” is not in the WSIS action lines.");
        (await app.InDbAsync(db => db.SessionFrameworkLinks.AnyAsync(l => l.SessionId == session.Id))).ShouldBeFalse();
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).Title.ShouldBe(session.Title);

        (await app.GetPageAsync($"/{forum.Slug}/frameworks/gdc/3")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await app.GetJsonAsync($"/api/forums/{forum.Slug}/sessions?gdc=3")).Status.ShouldBe(HttpStatusCode.BadRequest);
        var (_, _, list) = await app.GetJsonAsync($"/api/forums/{forum.Slug}/sessions");
        list[0].TryGetProperty("gdc", out _).ShouldBeFalse("a forum without the Compact answers no gdc field");
        list[0].GetProperty("wsis").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task test_the_secretariat_chooses_the_frameworks_in_the_forum_settings()
    {
        var forum = await app.ForumOfItsOwnAsync("choose");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage"));
        page.QuerySelectorAll("#frameworks input[type=checkbox]:checked").Length.ShouldBe(0);
        var fields = page.QuerySelectorAll("form.account input[name], form.account textarea[name], form.account select[name]")
            .Where(e => e.GetAttribute("type") is not ("checkbox" or "hidden"))
            .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!,
                e.LocalName == "textarea" ? e.TextContent : e.LocalName == "select" ? e.QuerySelector("option[selected]")?.GetAttribute("value") ?? "" : e.GetAttribute("value") ?? ""))
            .Concat([new("Languages", "en"), new("Frameworks", ""), new("Frameworks", "gdc")]).ToList();
        var saved = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage", fields);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(saved)).QuerySelector(".errors")?.TextContent);
        var after = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Id == forum.Id));
        (after.UsesGdc, after.UsesWsis).ShouldBe((true, false));
        // The audit log keeps which frameworks the forum used before and after.
        var entry = await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == "forum.settings" && e.ForumId == forum.Id));
        entry.Before!.ShouldContain("\"frameworks\":[]");
        entry.After!.ShouldContain("\"frameworks\":[\"gdc\"]");
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage"))).QuerySelectorAll("#frameworks input:checked")
            .Select(i => i.GetAttribute("value")).ShouldBe(["gdc"]);

        var wrong = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage", fields.Append(new("Frameworks", "beijing")));
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void test_every_objective_and_action_line_has_its_texts_in_the_six_languages_and_a_source()
    {
        var catalogue = FrameworkCatalogue.Shared;
        catalogue[Framework.Gdc].Items.Select(i => i.Code).ShouldBe(["1", "2", "3", "4", "5"]);
        catalogue[Framework.Wsis].Items.Select(i => i.Code).ShouldBe(["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"]);
        catalogue[Framework.Gdc].Source.ShouldContain("A/RES/79/1");
        catalogue[Framework.Wsis].Source.ShouldContain("WSIS-03/GENEVA/DOC/5-E");
        catalogue.Find(Framework.Gdc, "5")!.Title("en").ShouldBe("Enhance international governance of artificial intelligence for the benefit of humanity");
        catalogue.Find(Framework.Wsis, "c8")!.Title("en").ShouldBe("Cultural diversity and identity, linguistic diversity and local content");
        foreach (var item in catalogue.Frameworks.SelectMany(f => f.Items))
        {
            foreach (var language in Plenary.Features.Sdgs.SdgCatalogue.Languages.Where(l => l != "en"))
            {
                item.Title(language).ShouldNotBe(item.Title("en"), $"{item.Framework} {item.Code} in {language}");
            }
        }
    }
}

[Collection("sqlite")]
public sealed class FrameworkLinkingOnSqlite(SqliteApp app) : FrameworkLinkingTests(app);

[Collection("postgres")]
public sealed class FrameworkLinkingOnPostgres(PostgresApp app) : FrameworkLinkingTests(app);
