using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Schedule;

/// <summary>
/// Calendar apps replace their copy of an event only when its SEQUENCE rose: every change the VEVENT shows must raise it,
/// in a released timetable too, where the goals, frameworks, people and names are public at once.
/// </summary>
public abstract partial class ScheduleExportTests
{
    private async Task<JsonElement> EventAsync(string forum, string key) =>
        (await CalendarAsync($"/{forum}/sessions/{key}/calendar.ics")).Single();

    private static List<string> Categories(JsonElement e) => e.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList();

    [Fact]
    public async Task A_calendar_gets_a_higher_sequence_when_a_session_s_goals_frameworks_or_subtheme_change_after_the_release()
    {
        var forum = await app.ForumOfItsOwnAsync("seqlinks", placed: 1, released: true, shape: f => (f.UsesGdc, f.UsesWsis) = (true, true));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var session = forum.Session(1);
        var url = $"/{forum.Slug}/sessions/{session.Key}/edit";
        // As it stands: WS #1, 09:00 on the first day in the first room.
        var form = new List<KeyValuePair<string, string>>
        {
            new("Form.Title", session.Title), new("Form.Format", "Panel"), new("Form.Layout", "Auditorium"), new("Form.LengthMinutes", "60"),
            new("Form.Status", "Scheduled"), new("Form.Day", "2026-09-01"), new("Form.Start", "09:00"),
            new("Form.RoomId", forum.Rooms[0].Id.ToString(CultureInfo.InvariantCulture)),
        };
        async Task<JsonElement> SaveAsync(params (string Field, string Value)[] more)
        {
            form.AddRange(more.Select(m => new KeyValuePair<string, string>(m.Field, m.Value)));
            (await PlenaryApp.SubmitFormAsync(secretariat, url, form, $"{url}?handler=Save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            return await EventAsync(forum.Slug, session.Key);
        }
        // The format and layout were never set: a first save that changes nothing the calendar shows.
        var before = await SaveAsync();
        var sequence = before.GetProperty("sequence").GetInt32();
        Categories(before).ShouldNotContain("SDG 9");

        foreach (var (field, value, category) in new[] { ("Form.Sdgs", "9", "SDG 9"), ("Form.Gdc", "3", "GDC 3"), ("Form.Wsis", "C5", "WSIS C5"), ("Form.Subtheme", "access", "Access") })
        {
            var after = await SaveAsync((field, value));
            Categories(after).ShouldContain(category);
            after.GetProperty("sequence").GetInt32().ShouldBeGreaterThan(sequence, $"{field} changed the event, so its sequence must rise");
            sequence = after.GetProperty("sequence").GetInt32();
        }

        // Saved again as it is: the calendar's copy stays as it is.
        (await SaveAsync()).GetProperty("sequence").GetInt32().ShouldBe(sequence);
        // The next release moves nothing: every sequence stays where the changes left it, never back.
        await app.ReleaseTimetableAsync(forum.Slug);
        (await EventAsync(forum.Slug, session.Key)).GetProperty("sequence").GetInt32().ShouldBe(sequence);
        // And a goal removed after that release still raises it.
        form.RemoveAll(f => f.Key == "Form.Sdgs");
        var removed = await SaveAsync();
        Categories(removed).ShouldNotContain("SDG 9");
        removed.GetProperty("sequence").GetInt32().ShouldBeGreaterThan(sequence);
    }

    [Fact]
    public async Task Renaming_the_type_subtheme_or_room_or_adding_a_speaker_raises_the_sequence_of_the_sessions_that_show_it()
    {
        var forum = await app.ForumOfItsOwnAsync("seqnames", rooms: 2, placed: 2, released: true);
        await app.InDbAsync(db => db.Sessions.Where(s => s.ForumId == forum.Id && s.Number == 1)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SubthemeId, db.Subthemes.Where(t => t.ForumId == forum.Id).Select(t => (int?)t.Id).First())));
        await app.EvictPublicCacheAsync();
        using var signedIn = await app.SecretariatOfAsync(forum.Slug);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(signedIn));
        var manage = $"/api/forums/{forum.Slug}";
        async Task<(int One, int Two)> SequencesAsync() =>
            ((await EventAsync(forum.Slug, "ws-1")).GetProperty("sequence").GetInt32(), (await EventAsync(forum.Slug, "ws-2")).GetProperty("sequence").GetInt32());

        var start = await SequencesAsync();
        (await api.PutAsJsonAsync($"{manage}/subthemes/access", new { name = "Access and inclusion" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var subtheme = await SequencesAsync();
        Categories(await EventAsync(forum.Slug, "ws-1")).ShouldContain("Access and inclusion");
        subtheme.One.ShouldBeGreaterThan(start.One);
        subtheme.Two.ShouldBe(start.Two, "WS #2 has no subtheme: its event did not change");

        (await api.PutAsJsonAsync($"{manage}/rooms/{forum.Rooms[1].Id}", new { name = "Tana Hall", layout = "Theater", capacity = 100, hasOnlineEquipment = false }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var room = await SequencesAsync();
        (await EventAsync(forum.Slug, "ws-2")).GetProperty("location").GetString()!.ShouldStartWith("Tana Hall");
        room.Two.ShouldBeGreaterThan(subtheme.Two);
        room.One.ShouldBe(subtheme.One, "WS #1 is in the other room");

        (await api.PutAsJsonAsync($"{manage}/session-types/WS", new { code = "WS", name = "Workshop", numberLabel = "Workshop", defaultLengthMinutes = 60 }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var type = await SequencesAsync();
        (await EventAsync(forum.Slug, "ws-1")).GetProperty("summary").GetString()!.ShouldStartWith("Workshop #1: ");
        type.One.ShouldBeGreaterThan(room.One);
        type.Two.ShouldBeGreaterThan(room.Two);

        var added = await api.PostAsJsonAsync($"{manage}/sessions/ws-1/roles", new { role = "Speaker", mode = "Onsite", name = "Wanjiru Kamau" });
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await EventAsync(forum.Slug, "ws-1")).GetProperty("description").GetString()!.ShouldContain("Wanjiru Kamau");
        var speaker = await SequencesAsync();
        speaker.One.ShouldBeGreaterThan(type.One);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await api.DeleteAsync($"{manage}/sessions/ws-1/roles/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await EventAsync(forum.Slug, "ws-1")).GetProperty("description").GetString()!.ShouldNotContain("Wanjiru Kamau");
        (await SequencesAsync()).One.ShouldBeGreaterThan(speaker.One);
    }
}
