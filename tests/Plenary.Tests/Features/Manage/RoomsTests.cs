using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Manage;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>The Secretariat manages rooms; the public room list follows at once; a room in use cannot vanish.</summary>
public abstract class RoomsTests(PlenaryApp app)
{
    private static Task<HttpResponseMessage> SaveAsync(HttpClient visitor, Dictionary<string, string> room) =>
        PlenaryApp.SubmitFormAsync(visitor, "/igf2022/manage/rooms", room, "/igf2022/manage/rooms?handler=Save");

    [Fact]
    public async Task Add_change_and_remove_a_room_each_audited_and_public_at_once()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var name = $"Hall {Guid.NewGuid():N}"[..12];
        (await app.GetPageAsync("/igf2022/rooms")).Page.Body!.TextContent.ShouldNotContain(name);

        (await SaveAsync(secretariat, new() { ["Id"] = "0", ["Name"] = name, ["Layout"] = "UShape", ["Capacity"] = "40", ["HasOnlineEquipment"] = "true" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var room = await app.InDbAsync(db => db.Rooms.SingleAsync(r => r.Name == name));
        (room.Layout, room.Capacity, room.HasOnlineEquipment).ShouldBe((Plenary.Features.Rooms.RoomLayout.UShape, 40, true));
        (await app.GetPageAsync("/igf2022/rooms")).Page.Body!.TextContent.ShouldContain(name);

        (await SaveAsync(secretariat, new() { ["Id"] = room.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Name"] = name, ["Layout"] = "Boardroom", ["Capacity"] = "12" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        room = await app.InDbAsync(db => db.Rooms.SingleAsync(r => r.Id == room.Id));
        (room.Layout, room.Capacity, room.HasOnlineEquipment).ShouldBe((Plenary.Features.Rooms.RoomLayout.Boardroom, 12, false));

        var removed = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/rooms", new Dictionary<string, string>(), $"/igf2022/manage/rooms?handler=Remove&room={room.Id}");
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Rooms.AnyAsync(r => r.Id == room.Id))).ShouldBeFalse();
        var actions = await app.InDbAsync(db => db.AuditLog.Where(e => e.Subject == name).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        actions.ShouldBe(["room.add", "room.change", "room.remove"]);
    }

    [Fact]
    public async Task A_room_holding_sessions_is_not_removed_and_the_page_says_why()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var banquet = await app.InDbAsync(db => db.Rooms.SingleAsync(r => r.Name == "Banquet Hall A"));
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/rooms", new Dictionary<string, string>(), $"/igf2022/manage/rooms?handler=Remove&room={banquet.Id}");
        answer.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Move them to other rooms");
        (await app.InDbAsync(db => db.Rooms.AnyAsync(r => r.Id == banquet.Id))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("", "UShape", "40", "at most 120 characters")]
    [InlineData("Banquet Hall A", "UShape", "40", "already has a room called")]
    [InlineData("New room", "UShape", "0", "from 1 to")]
    [InlineData("New room", "UShape", "lots", "from 1 to")]
    [InlineData("New room", "Igloo", "40", "layout from the list")]
    public async Task Bad_room_is_explained_and_not_saved(string name, string layout, string capacity, string message)
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var before = await app.InDbAsync(db => db.Rooms.CountAsync());
        var answer = await SaveAsync(secretariat, new() { ["Id"] = "0", ["Name"] = name, ["Layout"] = layout, ["Capacity"] = capacity });
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await app.InDbAsync(db => db.Rooms.CountAsync())).ShouldBe(before);
    }
}

[Collection("sqlite")]
public sealed class RoomsOnSqlite(SqliteApp app) : RoomsTests(app);

[Collection("postgres")]
public sealed class RoomsOnPostgres(PostgresApp app) : RoomsTests(app);
