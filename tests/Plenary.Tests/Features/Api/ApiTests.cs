using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Api;

/// <summary>The read-only JSON API, end to end on each database.</summary>
public abstract class ApiTests(PlenaryApp app)
{
    private const string Forum = "/api/forums/igf2022";

    [Fact]
    public async Task Forums_list_the_demo_forum_with_its_time_zone_and_languages()
    {
        var (status, _, json) = await app.GetJsonAsync("/api/forums");
        status.ShouldBe(HttpStatusCode.OK);
        var forum = json.EnumerateArray().Single(f => f.GetProperty("slug").GetString() == "igf2022");
        forum.GetProperty("name").GetString()!.ShouldStartWith("IGF 2022");
        forum.GetProperty("timeZone").GetString().ShouldBe("Africa/Addis_Ababa");
        forum.GetProperty("firstDay").GetString().ShouldBe("2022-11-28");
        forum.GetProperty("languages").EnumerateArray().Select(l => l.GetString()).ShouldContain("ar");
    }

    [Fact]
    public async Task Forum_details_carry_subthemes_session_types_rooms_and_figures()
    {
        var (status, _, json) = await app.GetJsonAsync(Forum);
        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("subthemes").EnumerateArray().Select(s => s.GetProperty("slug").GetString()).ShouldContain("governing-data");
        var types = json.GetProperty("sessionTypes").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!, t => t.GetProperty("defaultLengthMinutes").GetInt32());
        new[] { "WS", "OF", "TH", "LT", "NS", "DAY0", "MAIN" }.ShouldBeSubsetOf(types.Keys);
        types["LT"].ShouldBeLessThan(types["WS"]);
        json.GetProperty("rooms").GetArrayLength().ShouldBeGreaterThan(5);
        var figures = json.GetProperty("figures");
        figures.GetProperty("sessions").GetInt32().ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task Sessions_are_in_timetable_order_with_the_igf_format_line()
    {
        var (status, _, json) = await app.GetJsonAsync($"{Forum}/sessions");
        status.ShouldBe(HttpStatusCode.OK);
        var starts = json.EnumerateArray().Where(s => s.TryGetProperty("startsAt", out _)).Select(s => s.GetProperty("startsAt").GetDateTime()).ToList();
        starts.Count.ShouldBeGreaterThan(100);
        starts.ShouldBe(starts.Order().ToList());
        var of56 = json.EnumerateArray().Single(s => s.GetProperty("key").GetString() == "of-56");
        of56.GetProperty("formatLine").GetString().ShouldBe("Panel - Auditorium - 60 Min");
        of56.GetProperty("startsAt").GetString().ShouldBe("2022-12-01T06:30:00Z");
        of56.GetProperty("url").GetString().ShouldBe("/igf2022/sessions/of-56");
    }

    [Theory]
    [InlineData("type=OF", "type", "OF")]
    [InlineData("subtheme=governing-data", "subtheme", "governing-data")]
    public async Task Sessions_filter_like_the_programme(string query, string property, string expected)
    {
        var (status, _, json) = await app.GetJsonAsync($"{Forum}/sessions?{query}");
        status.ShouldBe(HttpStatusCode.OK);
        json.GetArrayLength().ShouldBeGreaterThan(0);
        json.EnumerateArray().ShouldAllBe(s => s.GetProperty(property).GetString() == expected);
    }

    [Fact]
    public async Task Sessions_filtered_by_day_sdg_and_text_all_match()
    {
        var (_, _, json) = await app.GetJsonAsync($"{Forum}/sessions?day=2022-12-01&sdg=9&q=data");
        json.GetArrayLength().ShouldBeGreaterThan(0);
        foreach (var s in json.EnumerateArray())
        {
            s.GetProperty("sdgs").EnumerateArray().Select(g => g.GetInt32()).ShouldContain(9);
            // Addis Ababa is UTC+3, so the forum's 1 December runs from 21:00 UTC the day before.
            var start = s.GetProperty("startsAt").GetDateTime();
            start.ShouldBeInRange(new DateTime(2022, 11, 30, 21, 0, 0, DateTimeKind.Utc), new DateTime(2022, 12, 1, 21, 0, 0, DateTimeKind.Utc));
        }
        json.EnumerateArray().Select(s => s.GetProperty("key").GetString()).ShouldContain("of-56");

        // The text filter, seen from outside: of that day's sessions on goal 9, exactly those whose public record (title,
        // description, approach, tags, people) or transcript mentions "data" come back.
        var (_, _, sameDayAndGoal) = await app.GetJsonAsync($"{Forum}/sessions?day=2022-12-01&sdg=9");
        var found = json.EnumerateArray().Select(s => s.GetProperty("key").GetString()!).ToList();
        var mentioning = new List<string>();
        var transcribed = (await app.InDbAsync(db => db.Sessions
                .Where(x => x.Forum.Slug == "igf2022" && db.Transcripts.Any(t => t.SessionId == x.Id && t.SearchText.ToLower().Contains("data")))
                .Select(x => new { x.Type.Code, x.Number }).ToListAsync()))
            .Select(x => $"{x.Code.ToLowerInvariant()}-{x.Number}").ToHashSet();
        foreach (var key in sameDayAndGoal.EnumerateArray().Select(s => s.GetProperty("key").GetString()!))
        {
            var (_, _, details) = await app.GetJsonAsync($"{Forum}/sessions/{key}");
            var record = new[] { details.GetProperty("session").GetProperty("title").GetString(), details.GetProperty("description").GetString(), details.GetProperty("approach").GetString() }
                .Concat(details.GetProperty("tags").EnumerateArray().Select(t => t.GetString()))
                .Concat(details.GetProperty("roles").EnumerateArray().Select(r =>
                    (r.TryGetProperty("person", out var person) && person.ValueKind == JsonValueKind.Object ? person : r.GetProperty("organisation")).GetProperty("name").GetString()));
            if (record.Any(text => text?.Contains("data", StringComparison.OrdinalIgnoreCase) == true) || transcribed.Contains(key))
            {
                mentioning.Add(key);
            }
        }
        found.ShouldBe(mentioning, ignoreOrder: true);
        found.Count.ShouldBeLessThan(sameDayAndGoal.GetArrayLength(), "some of that day's sessions on goal 9 do not mention data");
    }

    [Fact]
    public async Task Bad_filters_get_a_validation_problem_naming_each_filter()
    {
        var (status, mediaType, json) = await app.GetJsonAsync($"{Forum}/sessions?day=tomorrow&sdg=18&type=XX");
        status.ShouldBe(HttpStatusCode.BadRequest);
        mediaType.ShouldBe("application/problem+json");
        var errors = json.GetProperty("errors");
        errors.GetProperty("day")[0].GetString()!.ShouldContain("YYYY-MM-DD");
        errors.GetProperty("sdg")[0].GetString()!.ShouldContain("1 to 17");
        errors.GetProperty("type")[0].GetString()!.ShouldContain("WS");
    }

    [Fact]
    public async Task A_goal_or_room_that_is_not_a_number_gets_the_same_validation_problem_as_the_programme_page()
    {
        var (status, mediaType, json) = await app.GetJsonAsync($"{Forum}/sessions?sdg=nine&room=main-hall&type=XX");
        status.ShouldBe(HttpStatusCode.BadRequest);
        mediaType.ShouldBe("application/problem+json");
        var errors = json.GetProperty("errors");
        errors.GetProperty("sdg")[0].GetString().ShouldBe("“nine” is not a Sustainable Development Goal. Choose a goal from 1 to 17.");
        errors.GetProperty("room")[0].GetString().ShouldBe("There is no room “main-hall” in this forum.");
        errors.GetProperty("type")[0].GetString()!.ShouldStartWith("There is no session type “XX” in this forum.");
    }

    [Fact]
    public async Task Session_record_is_complete_for_open_forum_56()
    {
        var (status, _, json) = await app.GetJsonAsync($"{Forum}/sessions/of-56");
        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("session").GetProperty("numberedName").GetString().ShouldBe("Open Forum #56");
        json.GetProperty("forumTimeZone").GetString().ShouldBe("Africa/Addis_Ababa");
        var roles = json.GetProperty("roles").EnumerateArray().ToList();
        roles.Count(r => r.GetProperty("role").GetString() == "Speaker").ShouldBe(8);
        roles.Count(r => r.GetProperty("role").GetString() == "Speaker" && r.GetProperty("mode").GetString() == "Online").ShouldBe(7);
        roles.Count(r => r.GetProperty("role").GetString() == "Organiser" && r.TryGetProperty("organisation", out _)).ShouldBe(2);
        var goal9 = json.GetProperty("sdgLinks").EnumerateArray().Single(g => g.GetProperty("goal").GetInt32() == 9);
        goal9.GetProperty("uri").GetString().ShouldBe("http://metadata.un.org/sdg/9");
        // The IGF page names goals only; its "Targets" paragraph is the session's own text.
        goal9.GetProperty("targets").GetArrayLength().ShouldBe(0);
        json.GetProperty("sdgText").GetString()!.ShouldStartWith("The proposed Open Forum aims");
        json.GetProperty("keyTakeaways").GetArrayLength().ShouldBe(2);
        // The IGF page carries two takeaways and no call to action.
        json.GetProperty("callsToAction").GetArrayLength().ShouldBe(0);
        json.GetProperty("report").GetProperty("body").GetString()!.Length.ShouldBeGreaterThan(500);
        json.GetProperty("genderReport").GetProperty("participantCount").GetInt32().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Session_targets_link_to_the_un_metadata_under_their_goal()
    {
        var (key, code) = await app.InDbAsync(async db =>
        {
            var target = await db.SessionSdgTargets.OrderBy(t => t.SessionId).ThenBy(t => t.TargetCode).FirstAsync();
            var session = await db.Sessions.Include(s => s.Type).SingleAsync(s => s.Id == target.SessionId);
            return (session.Key, target.TargetCode);
        });
        var (_, _, json) = await app.GetJsonAsync($"{Forum}/sessions/{key}");
        var goal = int.Parse(code.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
        var link = json.GetProperty("sdgLinks").EnumerateArray().Single(g => g.GetProperty("goal").GetInt32() == goal);
        var target = link.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("code").GetString() == code);
        target.GetProperty("uri").GetString().ShouldBe($"http://metadata.un.org/sdg/{code}");
        target.GetProperty("title").GetString()!.Length.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task Session_people_carry_no_gender_and_no_email()
    {
        using var response = await app.Client.GetAsync($"{Forum}/sessions/of-56");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("\"gender\"", Case.Insensitive);
        text.ShouldNotContain("email", Case.Insensitive);
        var person = await app.GetJsonAsync("/api/people/1");
        person.Json.GetProperty("person").TryGetProperty("gender", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Rooms_list_and_one_room_with_its_sessions()
    {
        var (_, _, rooms) = await app.GetJsonAsync($"{Forum}/rooms");
        var banquet = rooms.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Banquet Hall A");
        banquet.GetProperty("layout").GetString().ShouldNotBeNullOrEmpty();
        var id = banquet.GetProperty("id").GetInt32();
        var (status, _, room) = await app.GetJsonAsync($"{Forum}/rooms/{id}");
        status.ShouldBe(HttpStatusCode.OK);
        room.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("key").GetString()).ShouldContain("of-56");
        room.GetProperty("sessions").EnumerateArray().ShouldAllBe(s => s.GetProperty("roomId").GetInt32() == id);
    }

    [Fact]
    public async Task A_person_lists_their_roles_in_sessions()
    {
        var id = await app.InDbAsync(db => Task.FromResult(db.People.Single(p => p.Name == "Yik Chan Chin").Id));
        var (status, _, json) = await app.GetJsonAsync($"/api/people/{id}");
        status.ShouldBe(HttpStatusCode.OK);
        var roles = json.GetProperty("roles").EnumerateArray().Where(r => r.GetProperty("session").GetString() == "of-56")
            .Select(r => r.GetProperty("role").GetString()).Order().ToList();
        roles.ShouldBe(["OnsiteModerator", "Speaker"]);
    }

    [Theory]
    [InlineData("en", "Industry, innovation and infrastructure")]
    [InlineData("fr", "Industrie, innovation et infrastructure")]
    [InlineData("ar", "الصناعة والابتكار والهياكل الأساسية")]
    public async Task Sdgs_come_in_the_un_languages(string lang, string goal9)
    {
        var (status, _, json) = await app.GetJsonAsync($"/api/sdgs?lang={lang}");
        status.ShouldBe(HttpStatusCode.OK);
        json.GetArrayLength().ShouldBe(17);
        json.EnumerateArray().Sum(g => g.GetProperty("targets").GetArrayLength()).ShouldBe(169);
        json[8].GetProperty("shortName").GetString().ShouldBe(goal9);
        var (_, _, one) = await app.GetJsonAsync($"/api/sdgs/9?lang={lang}");
        one.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("code").GetString()).ShouldContain("9.c");
    }

    [Theory]
    [InlineData("/api/forums/no-such-forum")]
    [InlineData("/api/forums/no-such-forum/sessions")]
    [InlineData("/api/forums/igf2022/sessions/ws-99999")]
    [InlineData("/api/forums/igf2022/sessions/not a key")]
    [InlineData("/api/forums/igf2022/rooms/99999")]
    [InlineData("/api/people/99999999")]
    [InlineData("/api/sdgs/18")]
    [InlineData("/api/sdgs/nine")]
    public async Task Unknown_things_are_404_problems(string url)
    {
        var (status, mediaType, json) = await app.GetJsonAsync(url);
        status.ShouldBe(HttpStatusCode.NotFound);
        mediaType.ShouldBe("application/problem+json");
        json.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        json.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task Unknown_language_is_a_400_problem_listing_the_six()
    {
        var (status, mediaType, json) = await app.GetJsonAsync("/api/sdgs?lang=klingon");
        status.ShouldBe(HttpStatusCode.BadRequest);
        mediaType.ShouldBe("application/problem+json");
        json.GetProperty("detail").GetString()!.ShouldContain("zh-Hans");
    }

    [Fact]
    public async Task Over_long_query_is_a_400_problem_not_a_414()
    {
        var (status, mediaType, _) = await app.GetJsonAsync($"{Forum}/sessions?q={new string('a', 10_000)}");
        status.ShouldBe(HttpStatusCode.BadRequest);
        mediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Openapi_document_describes_every_endpoint()
    {
        var (status, _, json) = await app.GetJsonAsync("/openapi/v1.json");
        status.ShouldBe(HttpStatusCode.OK);
        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldBe([
            "/api/forums", "/api/forums/{forum}", "/api/forums/{forum}/sessions", "/api/forums/{forum}/sessions/{key}",
            "/api/forums/{forum}/sessions/{key}/roles", "/api/forums/{forum}/sessions/{key}/roles/{id}", "/api/forums/{forum}/audit", "/api/forums/{forum}/registration",
            "/api/forums/{forum}/rooms", "/api/forums/{forum}/rooms/{id}", "/api/people/{id}", "/api/sdgs", "/api/sdgs/{goal}",
            "/api/forums/{forum}/session-types", "/api/forums/{forum}/session-types/{code}", "/api/forums/{forum}/subthemes", "/api/forums/{forum}/subthemes/{slug}",
            "/api/forums/{forum}/people", "/api/forums/{forum}/people/{id}", "/api/forums/{forum}/invitations", "/api/forums/{forum}/invitations/{id}",
            "/api/forums/{forum}/import", "/api/forums/{forum}/archive.json", "/api/forums/import",
            "/{forum}/schedule.ics", "/{forum}/rooms/{id}/schedule.ics", "/{forum}/sessions/{key}/calendar.ics",
            "/{forum}/schedule.xml", "/{forum}/schedule.json", "/{forum}/schedule.csv", "/{forum}/agenda/{secret}.ics",
            "/api/forums/{forum}/proposals", "/api/forums/{forum}/proposals/{id}", "/api/forums/{forum}/messages", "/api/search",
            "/api/forums/{forum}/statistics", "/api/forums/{forum}/registration/certificate", "/api/sdgs/suggest",
        ], ignoreOrder: true);
        json.GetProperty("paths").GetProperty("/api/forums/{forum}/import").GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").EnumerateObject().Select(p => p.Name).ShouldBe(["people", "sessions"]);
        var list = json.GetProperty("paths").GetProperty("/api/forums/{forum}/sessions").GetProperty("get");
        new[] { "forum", "day", "type", "subtheme", "sdg", "room", "q" }
            .ShouldBeSubsetOf(list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!));
    }

    [Fact]
    public async Task Health_reports_the_database_reachable()
    {
        using var response = await app.Client.GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Api_answers_are_compressed_for_clients_that_ask()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Forum}/sessions");
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await app.Client.SendAsync(request);
        response.Content.Headers.ContentEncoding.ShouldBe(["br"]);
    }
}

[Collection("sqlite")]
public sealed class ApiOnSqlite(SqliteApp app) : ApiTests(app);

[Collection("postgres")]
public sealed class ApiOnPostgres(PostgresApp app) : ApiTests(app);
