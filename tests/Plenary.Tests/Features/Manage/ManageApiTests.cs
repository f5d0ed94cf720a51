using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>The workspace's API for forum settings, rooms and the audit log: the pages' rules, for the forum's Secretariat only.</summary>
public abstract class ManageApiTests(PlenaryApp app)
{
    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task test_secretariat_adds_changes_and_removes_a_room_by_api_and_reads_it_in_the_audit_log()
    {
        var forum = (await app.ForumOfItsOwnAsync("rooms", released: true)).Slug;
        using var secretariat = await app.SecretariatOfAsync(forum);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var added = await api.PostAsJsonAsync($"/api/forums/{forum}/rooms", new { name = "Workshop Room 9", layout = "UShape", capacity = 40, hasOnlineEquipment = true });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var id = (await JsonOf(added)).GetProperty("id").GetInt32();
        (await app.GetPageAsync($"/{forum}/rooms")).Page.Body!.TextContent.ShouldContain("Workshop Room 9");

        var changed = await api.PutAsJsonAsync($"/api/forums/{forum}/rooms/{id}", new { name = "Workshop Room 9", layout = "Boardroom", capacity = 12 });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.InDbAsync(db => db.Rooms.SingleAsync(r => r.Id == id))).Layout.ShouldBe(Plenary.Features.Rooms.RoomLayout.Boardroom);

        (await api.DeleteAsync($"/api/forums/{forum}/rooms/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var log = await JsonOf(await api.GetAsync($"/api/forums/{forum}/audit"));
        log.EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("subject").GetString()))
            .ShouldBe([("room.remove", "Workshop Room 9"), ("room.change", "Workshop Room 9"), ("room.add", "Workshop Room 9")]);
        var change = log.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "room.change");
        change.GetProperty("before").GetProperty("layout").GetString().ShouldBe("UShape");
        change.GetProperty("after").GetProperty("layout").GetString().ShouldBe("Boardroom");
    }

    [Fact]
    public async Task test_bad_rooms_and_settings_by_api_are_validation_problems_and_a_room_in_use_stays()
    {
        var own = await app.ForumOfItsOwnAsync("badroom", placed: 1);
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var bad = await api.PostAsJsonAsync($"/api/forums/{own.Slug}/rooms", new { name = "Room 1", layout = "Igloo", capacity = 0 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonOf(bad)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["name", "layout", "capacity"], ignoreOrder: true);

        var inUse = await api.DeleteAsync($"/api/forums/{own.Slug}/rooms/{own.Rooms[0].Id}");
        inUse.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonOf(inUse)).GetProperty("detail").GetString()!.ShouldContain("Move them to other rooms");
        (await app.InDbAsync(db => db.Rooms.AnyAsync(r => r.Id == own.Rooms[0].Id))).ShouldBeTrue();

        var settings = await api.PutAsJsonAsync($"/api/forums/{own.Slug}", new { name = "Renamed", theme = "", hostCity = "Nairobi", venue = "KICC", timeZone = "Mars/Olympus", firstDay = "2026-09-01", lastDay = "2026-08-01", languages = new[] { "en" } });
        settings.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonOf(settings)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["theme", "timezone", "last"], ignoreOrder: true);
        var after = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Id == own.Id));
        (after.Name, after.Theme, after.TimeZoneId).ShouldBe(($"Forum {own.Slug}", "A forum of its own", "Africa/Nairobi"));
    }

    [Fact]
    public async Task test_forum_kind_and_series_by_api_are_checked_saved_and_listed()
    {
        var own = await app.ForumOfItsOwnAsync("apiseries");
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        object Settings(string kind, string series) => new
        {
            name = $"Forum {own.Slug}", theme = "A forum of its own", hostCity = "Nairobi", venue = "KICC", timeZone = "Africa/Nairobi",
            firstDay = "2026-09-01", lastDay = "2026-09-03", languages = new[] { "en", "fr" }, kind, series,
        };

        var bad = await api.PutAsJsonAsync($"/api/forums/{own.Slug}", Settings("Continental", "IGF Kenya"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonOf(bad)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["kind", "series"], ignoreOrder: true);

        var saved = await api.PutAsJsonAsync($"/api/forums/{own.Slug}", Settings("National", "igf-kenya"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var listed = (await JsonOf(await app.Client.GetAsync("/api/forums"))).EnumerateArray().Single(f => f.GetProperty("slug").GetString() == own.Slug);
        (listed.GetProperty("kind").GetString(), listed.GetProperty("series").GetString()).ShouldBe(("National", "igf-kenya"));
    }

    [Fact]
    public async Task test_secretariat_changes_settings_by_api_which_are_public_at_once()
    {
        var own = await app.ForumOfItsOwnAsync("apiset", shape: f => f.Languages = ["en", "fr", "zh-Hant"]);
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        (await app.GetPageAsync($"/{own.Slug}")).Page.QuerySelector(".theme")!.TextContent.ShouldBe("A forum of its own");

        var saved = await api.PutAsJsonAsync($"/api/forums/{own.Slug}", new
        {
            name = $"Forum {own.Slug}", theme = "Internet for all, by API", hostCity = "Nairobi", venue = "KICC", timeZone = "Africa/Nairobi",
            firstDay = "2026-09-01", lastDay = "2026-09-03", languages = new[] { "fr", "en" }, otherLanguages = "zh-Hant",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await app.GetPageAsync($"/{own.Slug}")).Page.QuerySelector(".theme")!.TextContent.ShouldBe("Internet for all, by API");
        (await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Id == own.Id))).Languages.ShouldBe(["en", "fr", "zh-Hant"], ignoreOrder: true);
    }

    [Fact]
    public async Task test_another_forums_secretariat_and_the_sessions_organisers_get_403_and_unknown_forums_404()
    {
        var otherForum = (await app.ForumOfItsOwnAsync("api")).Slug;
        using var other = await app.SecretariatOfAsync(otherForum);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(other));
        var refused = await api.GetAsync("/api/forums/igf2022/audit");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await api.PostAsJsonAsync("/api/forums/igf2022/rooms", new { name = "Not theirs", layout = "Theater", capacity = 10 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.GetAsync("/api/forums/no-such-forum/audit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/forums/{otherForum}/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.InDbAsync(db => db.Rooms.AnyAsync(r => r.Name == "Not theirs"))).ShouldBeFalse();
    }
}

[Collection("sqlite")]
public sealed class ManageApiOnSqlite(SqliteApp app) : ManageApiTests(app);

[Collection("postgres")]
public sealed class ManageApiOnPostgres(PostgresApp app) : ManageApiTests(app);
