using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Manage;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>The Secretariat edits the forum's settings; the change is audited and public at once.</summary>
public abstract class ForumSettingsTests(PlenaryApp app)
{
    private static Dictionary<string, string> Settings(string theme) => new()
    {
        ["Name"] = "IGF 2022 (demo)", ["Theme"] = theme, ["HostCity"] = "Addis Ababa",
        ["Venue"] = "United Nations Conference Centre (UNCC)", ["TimeZone"] = "Africa/Addis_Ababa", ["FirstDay"] = "2022-11-28", ["LastDay"] = "2022-12-02",
    };

    [Fact]
    public async Task Secretariat_changes_the_theme_which_is_audited_and_public_at_once()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var form = await PlenaryApp.ParseAsync(await secretariat.GetAsync("/igf2022/manage"));
        var original = form.QuerySelector("#theme")!.GetAttribute("value")!;
        var settings = Settings("Resilient and Trusted Internet");
        foreach (var (field, id) in new[] { ("Name", "name"), ("HostCity", "city"), ("Venue", "venue"), ("TimeZone", "timezone"), ("FirstDay", "first"), ("LastDay", "last") })
        {
            settings[field] = form.QuerySelector($"#{id}")!.GetAttribute("value")!;
        }
        (await app.GetPageAsync("/igf2022")).Page.QuerySelector(".theme")!.TextContent.ShouldBe(original);
        try
        {
            var saved = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage", settings);
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            saved.Headers.Location!.OriginalString.ShouldBe("/igf2022/manage?saved=1");

            // The cached public page is replaced at once.
            (await app.GetPageAsync("/igf2022")).Page.QuerySelector(".theme")!.TextContent.ShouldBe("Resilient and Trusted Internet");
            var entry = await app.InDbAsync(db => db.AuditLog.OrderByDescending(e => e.Id).FirstAsync(e => e.Action == "forum.settings"));
            entry.Actor.ShouldEndWith("@example.org");
            entry.Before!.ShouldContain(original);
            entry.After!.ShouldContain("Resilient and Trusted Internet");
            var log = await PlenaryApp.ParseAsync(await secretariat.GetAsync("/igf2022/manage/audit?action=forum.settings"));
            log.QuerySelectorAll("ol.audit > li").Length.ShouldBeGreaterThan(0);
            log.QuerySelector("ol.audit > li")!.TextContent.ShouldContain("forum.settings");
        }
        finally
        {
            settings["Theme"] = original;
            (await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage", settings)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
    }

    [Fact]
    public async Task Bad_settings_are_explained_field_by_field_and_nothing_changes()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var before = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "igf2022"));
        var settings = Settings("");
        settings["TimeZone"] = "Mars/Olympus";
        settings["LastDay"] = "2022-11-01";
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage", settings);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problems = (await PlenaryApp.ParseAsync(answer)).QuerySelectorAll("[role=alert] li").Select(li => li.TextContent).ToList();
        problems.Count.ShouldBe(3);
        problems.ShouldContain(p => p.Contains("Mars/Olympus"));
        problems.ShouldContain(p => p.Contains("on or after the first day"));
        var after = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "igf2022"));
        (after.Theme, after.TimeZoneId, after.LastDay).ShouldBe((before.Theme, before.TimeZoneId, before.LastDay));
    }
}

[Collection("sqlite")]
public sealed class ForumSettingsOnSqlite(SqliteApp app) : ForumSettingsTests(app);

[Collection("postgres")]
public sealed class ForumSettingsOnPostgres(PostgresApp app) : ForumSettingsTests(app);
