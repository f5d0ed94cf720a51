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
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var name = $"Workshop Room {Guid.NewGuid():N}"[..20];
        var added = await api.PostAsJsonAsync("/api/forums/igf2022/rooms", new { name, layout = "UShape", capacity = 40, hasOnlineEquipment = true });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var id = (await JsonOf(added)).GetProperty("id").GetInt32();
        (await app.GetPageAsync("/igf2022/rooms")).Page.Body!.TextContent.ShouldContain(name);

        var changed = await api.PutAsJsonAsync($"/api/forums/igf2022/rooms/{id}", new { name, layout = "Boardroom", capacity = 12 });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.InDbAsync(db => db.Rooms.SingleAsync(r => r.Id == id))).Layout.ShouldBe(Plenary.Features.Rooms.RoomLayout.Boardroom);

        (await api.DeleteAsync($"/api/forums/igf2022/rooms/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var log = await JsonOf(await api.GetAsync("/api/forums/igf2022/audit"));
        log.EnumerateArray().Where(e => e.GetProperty("subject").GetString() == name).Select(e => e.GetProperty("action").GetString())
            .ShouldBe(["room.remove", "room.change", "room.add"]);
        var change = log.EnumerateArray().First(e => e.GetProperty("action").GetString() == "room.change" && e.GetProperty("subject").GetString() == name);
        change.GetProperty("before").GetProperty("layout").GetString().ShouldBe("UShape");
        change.GetProperty("after").GetProperty("layout").GetString().ShouldBe("Boardroom");
    }

    [Fact]
    public async Task test_bad_rooms_and_settings_by_api_are_validation_problems_and_a_room_in_use_stays()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var bad = await api.PostAsJsonAsync("/api/forums/igf2022/rooms", new { name = "Banquet Hall A", layout = "Igloo", capacity = 0 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonOf(bad)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["name", "layout", "capacity"], ignoreOrder: true);

        var banquet = await app.InDbAsync(db => db.Rooms.SingleAsync(r => r.Name == "Banquet Hall A"));
        var inUse = await api.DeleteAsync($"/api/forums/igf2022/rooms/{banquet.Id}");
        inUse.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonOf(inUse)).GetProperty("detail").GetString()!.ShouldContain("Move them to other rooms");

        var forum = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "igf2022"));
        var settings = await api.PutAsJsonAsync("/api/forums/igf2022", new { name = forum.Name, theme = "", hostCity = forum.HostCity, venue = forum.Venue, timeZone = "Mars/Olympus", firstDay = "2022-11-28", lastDay = "2022-11-01", languages = new[] { "en" } });
        settings.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonOf(settings)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["theme", "timezone", "last"], ignoreOrder: true);
        (await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "igf2022"))).Theme.ShouldBe(forum.Theme);
    }

    [Fact]
    public async Task test_secretariat_changes_settings_by_api_which_are_public_at_once()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var forum = await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "igf2022"));
        (await app.GetPageAsync("/igf2022")).Page.QuerySelector(".theme")!.TextContent.ShouldBe(forum.Theme);
        object Settings(string theme) => new
        {
            name = forum.Name, theme, hostCity = forum.HostCity, venue = forum.Venue, timeZone = forum.TimeZoneId, firstDay = "2022-11-28", lastDay = "2022-12-02",
            description = forum.Description, languages = forum.Languages.Where(l => l.Length == 2).ToArray(), otherLanguages = string.Join(", ", forum.Languages.Where(l => l.Length != 2)),
        };
        try
        {
            var saved = await api.PutAsJsonAsync("/api/forums/igf2022", Settings("Internet for all, by API"));
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
            (await app.GetPageAsync("/igf2022")).Page.QuerySelector(".theme")!.TextContent.ShouldBe("Internet for all, by API");
            (await app.InDbAsync(db => db.Forums.SingleAsync(f => f.Slug == "igf2022"))).Languages.ShouldBe(forum.Languages, ignoreOrder: true);
        }
        finally
        {
            (await api.PutAsJsonAsync("/api/forums/igf2022", Settings(forum.Theme))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task test_another_forums_secretariat_and_the_sessions_organisers_get_403_and_unknown_forums_404()
    {
        await app.InDbAsync(async db =>
        {
            if (!await db.Forums.AnyAsync(f => f.Slug == "api-forum"))
            {
                db.Forums.Add(new Plenary.Features.Forums.Forum
                {
                    Slug = "api-forum", Name = "API Forum 2026", Year = 2026, HostCity = "Dakar", Venue = "CICAD", TimeZoneId = "Africa/Dakar",
                    FirstDay = new DateOnly(2026, 6, 1), LastDay = new DateOnly(2026, 6, 3), Theme = "Another edition", Languages = ["fr"],
                });
                await db.SaveChangesAsync();
            }
        });
        using var other = await app.SecretariatOfAsync("api-forum");
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(other));
        var refused = await api.GetAsync("/api/forums/igf2022/audit");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await api.PostAsJsonAsync("/api/forums/igf2022/rooms", new { name = "Not theirs", layout = "Theater", capacity = 10 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.GetAsync("/api/forums/no-such-forum/audit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/forums/api-forum/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.InDbAsync(db => db.Rooms.AnyAsync(r => r.Name == "Not theirs"))).ShouldBeFalse();
    }
}

[Collection("sqlite")]
public sealed class ManageApiOnSqlite(SqliteApp app) : ManageApiTests(app);

[Collection("postgres")]
public sealed class ManageApiOnPostgres(PostgresApp app) : ManageApiTests(app);
