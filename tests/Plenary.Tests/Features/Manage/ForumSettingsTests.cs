using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Manage;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>The Secretariat edits the forum's settings; the change is audited and public at once.</summary>
public abstract class ForumSettingsTests(PlenaryApp app)
{
    /// <summary>The settings form as the page fills it in, field by field, ticked checkboxes only: what a browser would post unchanged.</summary>
    private static async Task<List<KeyValuePair<string, string>>> CurrentSettingsAsync(HttpClient visitor, string forum = "igf2022")
    {
        var form = (await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum}/manage"))).QuerySelector("form[method=post].account")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>().Where(i => i.Name != "__RequestVerificationToken"))
        {
            if (input.Type != "checkbox" || input.IsChecked)
            {
                fields.Add(new(input.Name!, input.Value));
            }
        }
        fields.AddRange(form.QuerySelectorAll("textarea[name]").Select(t => new KeyValuePair<string, string>(t.GetAttribute("name")!, t.TextContent)));
        return fields;
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, string name, params string[] values) =>
        [.. fields.Where(f => f.Key != name), .. values.Select(v => new KeyValuePair<string, string>(name, v))];

    private static string Value(List<KeyValuePair<string, string>> fields, string name) => fields.Single(f => f.Key == name).Value;

    [Fact]
    public async Task Secretariat_changes_the_theme_which_is_audited_and_public_at_once()
    {
        var own = await app.ForumOfItsOwnAsync("theme");
        var forum = own.Slug;
        using var secretariat = await app.SecretariatOfAsync(forum);
        var original = await CurrentSettingsAsync(secretariat, forum);
        Value(original, "Theme").ShouldBe("A forum of its own");
        (await app.GetPageAsync($"/{forum}")).Page.QuerySelector(".theme")!.TextContent.ShouldBe("A forum of its own");

        var saved = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum}/manage", With(original, "Theme", "Resilient and Trusted Internet"));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.OriginalString.ShouldBe($"/{forum}/manage?saved=1");

        // The cached public page is replaced at once.
        (await app.GetPageAsync($"/{forum}")).Page.QuerySelector(".theme")!.TextContent.ShouldBe("Resilient and Trusted Internet");
        var entry = await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == "forum.settings" && e.ForumId == own.Id));
        entry.Actor.ShouldEndWith("@example.org");
        entry.Before!.ShouldContain("A forum of its own");
        entry.After!.ShouldContain("Resilient and Trusted Internet");
        var log = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum}/manage/audit?action=forum.settings"));
        log.QuerySelectorAll("ol.audit > li").Length.ShouldBe(1);
        log.QuerySelector("ol.audit > li")!.TextContent.ShouldContain("forum.settings");
    }

    [Fact]
    public async Task Secretariat_sets_languages_and_a_markdown_description_shown_on_the_forum_page()
    {
        var own = await app.ForumOfItsOwnAsync("langs");
        var forum = own.Slug;
        using var secretariat = await app.SecretariatOfAsync(forum);
        var original = await CurrentSettingsAsync(secretariat, forum);
        var settings = With(With(With(original, "Languages", "es", "en"), "OtherLanguages", "sw, zh-hant"), "Description", "Meet us **onsite** or online. <b>raw</b>");
        (await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum}/manage", settings)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == forum))).Languages.ShouldBe(["en", "es", "sw", "zh-Hant"]);
        var home = (await app.GetPageAsync($"/{forum}")).Page;
        var languages = home.QuerySelectorAll(".facts dd").Last().TextContent;
        languages.ShouldContain("español");
        languages.ShouldContain("Kiswahili");
        var main = home.QuerySelector("main")!;
        main.InnerHtml.ShouldContain("<strong>onsite</strong>");
        main.QuerySelector("b").ShouldBeNull();
        main.TextContent.ShouldContain("<b>raw</b>");
        var form = await CurrentSettingsAsync(secretariat, forum);
        form.Where(f => f.Key == "Languages").Select(f => f.Value).ShouldBe(["en", "es"]);
        Value(form, "OtherLanguages").ShouldBe("sw, zh-Hant");
        var entry = await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == "forum.settings" && e.ForumId == own.Id));
        entry.After!.ShouldContain("\"zh-Hant\"");
    }

    [Fact]
    public async Task Bad_settings_are_explained_field_by_field_and_nothing_changes()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var before = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "igf2022"));
        var settings = With(With(With(With(await CurrentSettingsAsync(secretariat), "Theme", ""), "TimeZone", "Mars/Olympus"), "LastDay", "2022-11-01"), "OtherLanguages", "fr, xq-nowhere");
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage", settings);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        var problems = page.QuerySelectorAll("[role=alert] li").Select(li => li.TextContent).ToList();
        problems.Count.ShouldBe(4);
        problems.ShouldContain(p => p.Contains("Mars/Olympus"));
        problems.ShouldContain(p => p.Contains("on or after the first day"));
        problems.ShouldContain(p => p.Contains("“xq-nowhere” is not a language code"));
        page.QuerySelector("#other-languages")!.GetAttribute("aria-invalid").ShouldBe("true");
        var after = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "igf2022"));
        (after.Theme, after.TimeZoneId, after.LastDay).ShouldBe((before.Theme, before.TimeZoneId, before.LastDay));
        after.Languages.ShouldBe(before.Languages);
    }

    [Fact]
    public async Task A_forum_keeps_at_least_one_language()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var settings = With(With(await CurrentSettingsAsync(secretariat), "Languages"), "OtherLanguages", " ");
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage", settings);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Choose at least one language.");
        (await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "igf2022"))).Languages.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Secretariat_sets_the_forums_kind_and_series_audited_and_a_bad_series_is_refused()
    {
        var own = await app.ForumOfItsOwnAsync("series");
        var forum = own.Slug;
        using var secretariat = await app.SecretariatOfAsync(forum);
        var form = (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum}/manage"))).QuerySelector("form[method=post].account")!;
        form.QuerySelector("select[name=Kind] option[selected]")!.GetAttribute("value").ShouldBe("Global");
        form.QuerySelectorAll("select[name=Kind] option").Select(o => o.GetAttribute("value")).ShouldBe(["Global", "Regional", "National", "Youth"]);
        var original = await CurrentSettingsAsync(secretariat, forum);

        var refused = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum}/manage", With(With(original, "Kind", "Continental"), "Series", "EuroDIG 2024"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(refused);
        page.QuerySelector("#series")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("#kind")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelectorAll("[role=alert] li").Select(li => li.TextContent).ShouldContain(
            "Name the series in at most 60 lowercase letters, digits and dashes, such as igf or eurodig, or leave it empty.");
        var unchanged = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == forum));
        (unchanged.Kind, unchanged.Series).ShouldBe((Plenary.Features.Forums.ForumKind.Global, null));

        var saved = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum}/manage", With(With(original, "Kind", "Regional"), "Series", " eurodig "));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var changed = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == forum));
        (changed.Kind, changed.Series).ShouldBe((Plenary.Features.Forums.ForumKind.Regional, "eurodig"));
        var entry = await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == "forum.settings" && e.ForumId == own.Id));
        entry.Before!.ShouldContain("\"kind\":\"Global\"");
        entry.After!.ShouldContain("\"kind\":\"Regional\"");
        entry.After!.ShouldContain("\"series\":\"eurodig\"");
        var again = (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum}/manage"))).QuerySelector("form[method=post].account")!;
        again.QuerySelector("select[name=Kind] option[selected]")!.GetAttribute("value").ShouldBe("Regional");
        again.QuerySelector("input[name=Series]")!.GetAttribute("value").ShouldBe("eurodig");
        // Clearing the series makes the forum a series of its own again.
        (await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum}/manage", With(With(original, "Kind", "Regional"), "Series", ""))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == forum))).Series.ShouldBeNull();
    }
}

[Collection("sqlite")]
public sealed class ForumSettingsOnSqlite(SqliteApp app) : ForumSettingsTests(app);

[Collection("postgres")]
public sealed class ForumSettingsOnPostgres(PostgresApp app) : ForumSettingsTests(app);
