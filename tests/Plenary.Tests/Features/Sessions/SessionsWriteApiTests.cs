using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Accounts;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sessions;

/// <summary>
/// The write API: signed in by personal tokens made on the account page, with the pages' rights and rules; answers are
/// problem details a program can act on.
/// </summary>
public abstract class SessionsWriteApiTests(PlenaryApp app)
{
    private static object Session(string title, params (string Key, object? Value)[] more)
    {
        var body = new Dictionary<string, object?> { ["title"] = title, ["format"] = "Panel", ["layout"] = "Theater", ["lengthMinutes"] = 60, ["status"] = "Scheduled" };
        foreach (var (key, value) in more)
        {
            body[key] = value;
        }
        return body;
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task test_secretariat_creates_a_session_and_its_people_with_a_token()
    {
        var forum = await app.ForumOfItsOwnAsync("apisession");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        const string title = "Open Forum on digital public goods";
        var created = await api.PostAsJsonAsync($"/api/forums/{forum.Slug}/sessions", Session(title, ("type", "OF"), ("sdgs", new[] { 9 }), ("sdgTargets", new[] { "17.6" }), ("tags", new[] { "DPG" })));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var json = await JsonOf(created);
        var key = json.GetProperty("session").GetProperty("key").GetString()!;
        created.Headers.Location!.OriginalString.ShouldBe($"/api/forums/{forum.Slug}/sessions/{key}");
        key.ShouldBe("of-1");
        json.GetProperty("session").GetProperty("sdgs").EnumerateArray().Select(g => g.GetInt32()).ShouldBe([9, 17]);
        // Public once the timetable is released.
        await app.ReleaseTimetableAsync(forum.Slug);
        (await app.GetPageAsync($"/{forum.Slug}/sessions/{key}")).Page.QuerySelector("h1")!.TextContent.ShouldBe(title);

        // People are shared by all forums: a name of its own, so no namesake from another test is found.
        var name = $"Kwame Mensah {Guid.NewGuid():N}"[..20];
        var added = await api.PostAsJsonAsync($"/api/forums/{forum.Slug}/sessions/{key}/roles", new { role = "Speaker", mode = "Online", name, affiliation = "Ghana Internet Governance Forum" });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var role = await JsonOf(added);
        role.GetProperty("person").GetProperty("name").GetString().ShouldBe(name);
        var details = await JsonOf(await api.GetAsync($"/api/forums/{forum.Slug}/sessions/{key}"));
        details.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ShouldContain(role.GetProperty("id").GetInt32());

        (await api.DeleteAsync($"/api/forums/{forum.Slug}/sessions/{key}/roles/{role.GetProperty("id").GetInt32()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.InDbAsync(db => db.SessionRoles.AnyAsync(r => r.Id == role.GetProperty("id").GetInt32()))).ShouldBeFalse();
        var actions = await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        actions.ShouldBe(["session.create", "session.role.add", "session.role.remove"]);
    }

    [Theory]
    [InlineData("Chair", "Online", "Kwame Mensah", "", false, "role", "Choose a role from the list.")]
    [InlineData("1", "Online", "Kwame Mensah", "", false, "role", "Choose a role from the list.")]
    [InlineData("Speaker", "Somewhere", "Kwame Mensah", "", false, "mode", "Choose onsite or online.")]
    [InlineData("Speaker", "Online", "", "", false, "person", "Write the person's name, at most 200 characters.")]
    [InlineData("Speaker", "Online", "Kwame\nMensah", "", false, "person", "Keep this on one line")]
    [InlineData("Speaker", "Online", "Kwame Mensah", "long", false, "affiliation", "Shorten this to at most 300 characters.")]
    [InlineData("Speaker", "Online", "Ghana IGF", "", true, "role", "Only organisers can be organisations; speakers, moderators and rapporteurs are people.")]
    public async Task test_a_role_sent_wrong_is_refused_naming_the_field_and_nothing_is_added(string role, string mode, string name, string affiliation, bool organisation, string field, string message)
    {
        var own = await app.ForumOfItsOwnAsync("api", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var session = await app.UnscheduledSessionAsync(own, "WS", 9650, "People sent wrong");
        var before = await app.InDbAsync(db => db.SessionRoles.CountAsync(r => r.SessionId == session.Id));

        var refused = await api.PostAsJsonAsync($"/api/forums/{own.Slug}/sessions/{session.Key}/roles",
            new { role, mode, name, affiliation = affiliation == "long" ? new string('a', 301) : affiliation, isOrganisation = organisation });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        var errors = (await JsonOf(refused)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe([field]);
        errors.GetProperty(field)[0].GetString()!.ShouldContain(message);
        (await app.InDbAsync(db => db.SessionRoles.CountAsync(r => r.SessionId == session.Id))).ShouldBe(before);
    }

    [Fact]
    public async Task test_organiser_changes_their_session_by_api_but_not_its_timetable_nor_another_session()
    {
        var own = await app.ForumOfItsOwnAsync("api", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9301, "A session changed through the API");
        var other = await app.UnscheduledSessionAsync(own, "WS", 9302, "A session its organiser does not organise");
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(organiser));
        var room = own.Rooms[0].Id;

        var changed = await api.PutAsJsonAsync($"/api/forums/{own.Slug}/sessions/{session.Key}", Session("Renamed through the API", ("day", "2022-11-29"), ("start", "09:00"), ("roomId", room), ("status", "Cancelled")));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var after = await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id));
        (after.Title, after.StartsAt, after.Status).ShouldBe(("Renamed through the API", null, SessionStatus.Scheduled));

        var refused = await api.PutAsJsonAsync($"/api/forums/{own.Slug}/sessions/{other.Key}", Session("Not mine"));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == other.Id))).Title.ShouldBe("A session its organiser does not organise");
        (await api.PostAsJsonAsync($"/api/forums/{own.Slug}/sessions", Session("Organisers do not add sessions", ("type", "WS")))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task test_api_sets_the_language_a_session_is_written_in_to_one_of_the_forums_languages_and_logs_it()
    {
        var own = await app.ForumOfItsOwnAsync("apilang", shape: f => f.Languages = ["en", "fr", "ar"]);
        const string title = "Les réseaux communautaires en Afrique de l’Ouest";
        var session = await app.UnscheduledSessionAsync(own, "WS", 9304, title);
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(organiser));
        var url = $"/api/forums/{own.Slug}/sessions/{session.Key}";
        Task<List<(string Action, string? Before, string? After)>> LanguageLogAsync() => app.InDbAsync(async db =>
            (await db.AuditLog.Where(e => e.ForumId == own.Id && e.Action == "session.language").OrderBy(e => e.Id).Select(e => new { e.Action, e.Before, e.After }).ToListAsync())
                .Select(e => (e.Action, e.Before, e.After)).ToList());

        // German is no language of this forum: refused, naming the field and the forum's languages, and nothing is written.
        var refused = await api.PutAsJsonAsync(url, Session(title, ("originalLanguage", "de")));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await JsonOf(refused)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["originalLanguage"]);
        errors.GetProperty("originalLanguage")[0].GetString().ShouldBe("The session's original language must be one of the forum's languages: en, fr, ar.");
        // In the caller's language, its list with that language's comma.
        using (var arabic = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(Session(title, ("originalLanguage", "de"))) })
        {
            arabic.Headers.AcceptLanguage.ParseAdd("ar");
            using var answer = await api.SendAsync(arabic);
            (await JsonOf(answer)).GetProperty("errors").GetProperty("originalLanguage")[0].GetString()!.ShouldEndWith("en، fr، ar.");
        }
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).OriginalLanguage.ShouldBeNull();

        // Sent in any case, stored as the forum writes it; the answer says it, and the log says who changed it from what.
        var changed = await api.PutAsJsonAsync(url, Session(title, ("originalLanguage", "FR")));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await JsonOf(changed)).GetProperty("languages").GetProperty("original").GetString().ShouldBe("fr");
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).OriginalLanguage.ShouldBe("fr");
        var logged = await LanguageLogAsync();
        logged.Count.ShouldBe(1);
        JsonDocument.Parse(logged[0].Before!).RootElement.GetProperty("original").GetString().ShouldBe("en");
        JsonDocument.Parse(logged[0].After!).RootElement.GetProperty("original").GetString().ShouldBe("fr");

        // A change that does not name it leaves it, and logs no language change.
        (await api.PutAsJsonAsync(url, Session(title + " (2022)"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).OriginalLanguage.ShouldBe("fr");
        (await LanguageLogAsync()).Count.ShouldBe(1);

        // The public read API names it too.
        await app.ReleaseTimetableAsync(own.Slug);
        var read = await JsonOf(await app.Client.GetAsync(url));
        read.GetProperty("languages").GetProperty("original").GetString().ShouldBe("fr");

        // The Secretariat adds a session written in Arabic in one request.
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        using var secretariatApi = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var created = await secretariatApi.PostAsJsonAsync($"/api/forums/{own.Slug}/sessions", Session("الشبكات المجتمعية", ("type", "OF"), ("originalLanguage", "ar")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var key = (await JsonOf(created)).GetProperty("session").GetProperty("key").GetString()!;
        (await JsonOf(created)).GetProperty("languages").GetProperty("original").GetString().ShouldBe("ar");
        (await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == own.Id && e.Subject == key).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()))
            .ShouldBe(["session.create", "session.language"]);
    }

    [Fact]
    public async Task test_bad_api_input_is_a_validation_problem_naming_each_field_and_changes_nothing()
    {
        var own = await app.ForumOfItsOwnAsync("api", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9303, "A session the API must not spoil");
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var answer = await api.PutAsJsonAsync($"/api/forums/{own.Slug}/sessions/{session.Key}",
            Session("", ("format", "Lecture"), ("sdgTargets", new[] { "18.1" }), ("day", "2030-01-01"), ("start", "10:00"), ("roomId", own.Rooms[0].Id)));
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await JsonOf(answer)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["title", "format", "sdgtargets", "day"], ignoreOrder: true);
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).Title.ShouldBe("A session the API must not spoil");

        var malformed = await api.PutAsync($"/api/forums/{own.Slug}/sessions/{session.Key}", new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Namesakes: the answer lists them so the program can pick one.
        var name = $"Li Wei {Guid.NewGuid():N}"[..14];
        await app.InDbAsync(async db =>
        {
            db.People.AddRange(new Plenary.Features.People.Person { Name = name, Affiliation = "CAICT" }, new Plenary.Features.People.Person { Name = name, Affiliation = "Tsinghua University" });
            await db.SaveChangesAsync();
        });
        var ambiguous = await api.PostAsJsonAsync($"/api/forums/{own.Slug}/sessions/{session.Key}/roles", new { role = "Speaker", mode = "Onsite", name });
        ambiguous.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonOf(ambiguous)).GetProperty("candidates").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task test_the_write_api_takes_only_a_valid_token_never_the_sign_in_cookie()
    {
        var own = await app.ForumOfItsOwnAsync("api", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9304, "A session guarded by tokens");
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        var body = Session("Changed without a token");

        // The browser's cookie is not enough: a page on another site could otherwise make the browser send it.
        var withCookie = await secretariat.PutAsJsonAsync($"/api/forums/{own.Slug}/sessions/{session.Key}", body);
        withCookie.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        withCookie.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        using var nobody = app.ApiClient("pln_not-a-real-token");
        (await nobody.PutAsJsonAsync($"/api/forums/{own.Slug}/sessions/{session.Key}", body)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var token = await PlenaryApp.ApiTokenOfAsync(secretariat, "Expiring script");
        (await app.InDbAsync(db => db.ApiTokens.AnyAsync(t => t.Hash == token))).ShouldBeFalse("only the hash is stored");
        var hash = ApiToken.HashOf(token);
        await app.InDbAsync(db => db.ApiTokens.Where(t => t.Hash == hash).ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        using (var expired = app.ApiClient(token))
        {
            (await expired.PutAsJsonAsync($"/api/forums/{own.Slug}/sessions/{session.Key}", body)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var revocable = await PlenaryApp.ApiTokenOfAsync(secretariat, "Revoked script");
        var id = await app.InDbAsync(db => db.ApiTokens.Where(t => t.Hash == ApiToken.HashOf(revocable)).Select(t => t.Id).SingleAsync());
        using var revokedApi = app.ApiClient(revocable);
        (await revokedApi.GetAsync($"/api/forums/{own.Slug}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.SubmitFormAsync(secretariat, "/account/api-tokens", new Dictionary<string, string>(), $"/account/api-tokens?handler=Revoke&token={id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await revokedApi.PutAsJsonAsync($"/api/forums/{own.Slug}/sessions/{session.Key}", body)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).Title.ShouldBe("A session guarded by tokens");
    }

    [Fact]
    public async Task test_a_person_cannot_revoke_another_persons_token_and_tokens_are_listed_without_their_secret()
    {
        using var owner = await app.SignedInVisitorAsync($"owner{Guid.NewGuid():N}@example.org");
        var token = await PlenaryApp.ApiTokenOfAsync(owner, "Owner's script");
        var id = await app.InDbAsync(db => db.ApiTokens.Where(t => t.Hash == ApiToken.HashOf(token)).Select(t => t.Id).SingleAsync());
        (await owner.GetStringAsync("/account/api-tokens")).ShouldNotContain(token);

        using var intruder = await app.SignedInVisitorAsync($"intruder{Guid.NewGuid():N}@example.org");
        await PlenaryApp.SubmitFormAsync(intruder, "/account/api-tokens", new Dictionary<string, string>(), $"/account/api-tokens?handler=Revoke&token={id}");
        (await app.InDbAsync(db => db.ApiTokens.AnyAsync(t => t.Id == id))).ShouldBeTrue();

        var bad = await PlenaryApp.SubmitFormAsync(owner, "/account/api-tokens", new Dictionary<string, string> { ["Name"] = "", ["Days"] = "100000" }, "/account/api-tokens?handler=Create");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await PlenaryApp.ParseAsync(bad)).QuerySelector(".errors")!.TextContent;
        errors.ShouldContain("Name the token");
        errors.ShouldContain("how long the token lasts");
    }
}

[Collection("sqlite")]
public sealed class SessionsWriteApiOnSqlite(SqliteApp app) : SessionsWriteApiTests(app);

[Collection("postgres")]
public sealed class SessionsWriteApiOnPostgres(PostgresApp app) : SessionsWriteApiTests(app);
