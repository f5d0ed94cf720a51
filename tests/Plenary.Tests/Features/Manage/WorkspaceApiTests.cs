using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Manage;
using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>
/// The rest of the Secretariat's workspace as an API: session types, subthemes, people, invitations and CSV import,
/// with the pages' rules, for the forum's Secretariat by API token only.
/// </summary>
public abstract class WorkspaceApiTests(PlenaryApp app)
{
    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<string[]> ErrorKeysOf(HttpResponseMessage response) =>
        (await JsonOf(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToArray();

    private async Task<HttpClient> SecretariatApiAsync(string forum) =>
        app.ApiClient(await PlenaryApp.ApiTokenOfAsync(await app.SecretariatOfAsync(forum)));

    [Fact]
    public async Task Session_types_are_added_changed_and_removed_by_api_audited_and_public_at_once()
    {
        var own = await app.ForumOfItsOwnAsync("ws", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        using var api = await SecretariatApiAsync(own.Slug);
        var code = $"Q{Guid.NewGuid():N}"[..7].ToUpperInvariant();
        var added = await api.PostAsJsonAsync($"/api/forums/{own.Slug}/session-types", new { code = code.ToLowerInvariant(), name = "Youth Summit", numberLabel = "Youth", defaultLengthMinutes = 75 });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        added.Headers.Location!.OriginalString.ShouldBe($"/api/forums/{own.Slug}/session-types/{code}");
        (await JsonOf(added)).GetProperty("code").GetString().ShouldBe(code);
        (await app.GetAsync($"/{own.Slug}/programme?type={code}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var changed = await api.PutAsJsonAsync($"/api/forums/{own.Slug}/session-types/{code}", new { name = "Youth Track", numberLabel = "Youth Track", defaultLengthMinutes = 45 });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var type = await app.InDbAsync(db => db.SessionTypes.SingleAsync(t => t.Code == code));
        (type.Name, type.NumberLabel, type.DefaultLengthMinutes).ShouldBe(("Youth Track", "Youth Track", 45));

        (await api.DeleteAsync($"/api/forums/{own.Slug}/session-types/{code}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.InDbAsync(db => db.SessionTypes.AnyAsync(t => t.Id == type.Id))).ShouldBeFalse();
        (await app.GetAsync($"/{own.Slug}/programme?type={code}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var log = await app.InDbAsync(db => db.AuditLog.Where(e => e.Subject == code).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        log.ShouldBe(["session-type.add", "session-type.change", "session-type.remove"]);
    }

    [Fact]
    public async Task Bad_session_types_are_validation_problems_a_type_in_use_stays_and_unknown_ones_are_404()
    {
        var own = await app.ForumOfItsOwnAsync("ws", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        using var api = await SecretariatApiAsync(own.Slug);
        await app.UnscheduledSessionAsync(own, "WS", 9701, "A workshop of the workspace API tests");
        var bad = await api.PostAsJsonAsync($"/api/forums/{own.Slug}/session-types", new { code = "W S", name = "", numberLabel = new string('x', 61), defaultLengthMinutes = 2 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorKeysOf(bad)).ShouldBe(["code", "name", "label", "length"], ignoreOrder: true);
        var taken = await api.PostAsJsonAsync($"/api/forums/{own.Slug}/session-types", new { code = "WS", name = "Again", numberLabel = "Again", defaultLengthMinutes = 60 });
        (await ErrorKeysOf(taken)).ShouldBe(["code"]);

        var inUse = await api.DeleteAsync($"/api/forums/{own.Slug}/session-types/WS");
        inUse.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        inUse.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await JsonOf(inUse)).GetProperty("detail").GetString()!.ShouldContain("A type is removed only when no session uses it");
        (await app.InDbAsync(db => db.SessionTypes.AnyAsync(t => t.Code == "WS" && db.Forums.Any(f => f.Id == t.ForumId && f.Slug == own.Slug)))).ShouldBeTrue();

        (await api.PutAsJsonAsync($"/api/forums/{own.Slug}/session-types/NOSUCH", new { name = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.DeleteAsync($"/api/forums/{own.Slug}/session-types/NOSUCH")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_subtheme_in_use_is_removed_by_api_only_when_confirmed_and_its_sessions_keep_none()
    {
        var own = await app.ForumOfItsOwnAsync("ws", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        using var api = await SecretariatApiAsync(own.Slug);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var added = await api.PostAsJsonAsync($"/api/forums/{own.Slug}/subthemes", new { name = $"Digital Public Goods {marker}" });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var slug = (await JsonOf(added)).GetProperty("slug").GetString()!;
        slug.ShouldBe($"digital-public-goods-{marker}");

        // Renamed without a slug: the address stays.
        var renamed = await api.PutAsJsonAsync($"/api/forums/{own.Slug}/subthemes/{slug}", new { name = $"Digital Commons {marker}" });
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        (await JsonOf(renamed)).GetProperty("slug").GetString().ShouldBe(slug);
        (await app.InDbAsync(db => db.Subthemes.SingleAsync(s => s.Slug == slug))).Name.ShouldBe($"Digital Commons {marker}");

        var session = await app.UnscheduledSessionAsync(own, "WS", 9702, "A workshop on digital commons");
        var subthemeId = await app.InDbAsync(db => db.Subthemes.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());
        await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.SubthemeId, (int?)subthemeId)));

        var asked = await api.DeleteAsync($"/api/forums/{own.Slug}/subthemes/{slug}");
        asked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var question = await JsonOf(asked);
        question.GetProperty("sessions").GetInt32().ShouldBe(1);
        question.GetProperty("detail").GetString()!.ShouldContain("1 sessions belong to");
        (await app.InDbAsync(db => db.Subthemes.AnyAsync(s => s.Slug == slug))).ShouldBeTrue();

        (await api.DeleteAsync($"/api/forums/{own.Slug}/subthemes/{slug}?confirm=true")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.InDbAsync(db => db.Subthemes.AnyAsync(s => s.Slug == slug))).ShouldBeFalse();
        (await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id))).SubthemeId.ShouldBeNull();
        var removal = await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.Subject == slug && e.Action == "subtheme.remove"));
        removal.Before!.ShouldContain("\"sessions\":1");

        var bad = await api.PostAsJsonAsync($"/api/forums/{own.Slug}/subthemes", new { name = "Fine", slug = "Not A Slug" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorKeysOf(bad)).ShouldBe(["slug"]);
        (await api.DeleteAsync($"/api/forums/{own.Slug}/subthemes/no-such-subtheme")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>A person without an account, listed on a session of the test's own forum.</summary>
    private async Task<int> ListedPersonAsync(OwnForum own, string name)
    {
        var session = await app.UnscheduledSessionAsync(own, "WS", 9703, "A workshop with people of the workspace API tests");
        return await app.InDbAsync(async db =>
        {
            var person = new Person { Name = name, Affiliation = "Rural Connect", Gender = Gender.Woman };
            db.People.Add(person);
            await db.SaveChangesAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, PersonId = person.Id, Kind = SessionRoleKind.Speaker, Mode = ParticipationMode.Onsite, Position = 200 + person.Id % 100 });
            await db.SaveChangesAsync();
            return person.Id;
        });
    }

    [Fact]
    public async Task People_are_listed_without_email_or_gender_and_changed_by_api_with_the_pages_rules()
    {
        var own = await app.ForumOfItsOwnAsync("ws", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        using var api = await SecretariatApiAsync(own.Slug);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var id = await ListedPersonAsync(own, $"Amina Diallo {marker}");

        var listed = await api.GetAsync($"/api/forums/{own.Slug}/people");
        listed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var people = (await JsonOf(listed)).EnumerateArray().ToList();
        var amina = people.Single(p => p.GetProperty("id").GetInt32() == id);
        (amina.GetProperty("name").GetString(), amina.GetProperty("sessions").GetInt32(), amina.GetProperty("hasAccount").GetBoolean()).ShouldBe(($"Amina Diallo {marker}", 1, false));
        var properties = people.SelectMany(p => p.EnumerateObject().Select(o => o.Name)).Distinct().ToList();
        properties.ShouldNotContain(p => p.Contains("mail", StringComparison.OrdinalIgnoreCase) || p.Contains("gender", StringComparison.OrdinalIgnoreCase));

        var changed = await api.PutAsJsonAsync($"/api/forums/{own.Slug}/people/{id}", new
        {
            name = $"  Amina Diallo-Sow {marker} ", honorific = "Dr.", title = "Director", affiliation = "Université de Dakar", stakeholderGroup = "Academia", regionalGroup = "AfricanGroup", country = "sn",
        });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var saved = await app.InDbAsync(db => db.People.SingleAsync(p => p.Id == id));
        (saved.Name, saved.Honorific, saved.StakeholderGroup, saved.RegionalGroup, saved.CountryCode, saved.Gender)
            .ShouldBe(($"Amina Diallo-Sow {marker}", "Dr.", StakeholderGroup.Academia, RegionalGroup.AfricanGroup, "SN", Gender.Woman));
        (await app.GetPageAsync($"/people/{id}")).Page.Body!.TextContent.ShouldContain($"Amina Diallo-Sow {marker}");
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "person.change" && e.Subject == $"{id} Amina Diallo-Sow {marker}"))).ShouldBeTrue();

        var bad = await api.PutAsJsonAsync($"/api/forums/{own.Slug}/people/{id}", new { name = "", stakeholderGroup = "Pirates", regionalGroup = "3", country = "XX" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorKeysOf(bad)).ShouldBe(["name", "stakeholder", "region", "country"], ignoreOrder: true);
        (await app.InDbAsync(db => db.People.SingleAsync(p => p.Id == id))).Name.ShouldBe($"Amina Diallo-Sow {marker}");
    }

    [Fact]
    public async Task A_person_with_an_account_stays_as_they_wrote_it_and_a_person_of_no_session_here_is_404()
    {
        var own = await app.ForumOfItsOwnAsync("ws", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        using var api = await SecretariatApiAsync(own.Slug);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9703, "A workshop with people of the workspace API tests");
        var email = $"speaker{Guid.NewGuid():N}@example.org";
        using (await app.SignedInVisitorAsync(email, async (db, account) =>
        {
            var person = await db.Users.Where(a => a.Id == account).Select(a => a.PersonId).SingleAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, PersonId = person, Kind = SessionRoleKind.Speaker, Mode = ParticipationMode.Online, Position = 300 + account % 100 });
            await db.SaveChangesAsync();
        }))
        {
        }
        var owner = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.PersonId).SingleAsync());
        var refused = await api.PutAsJsonAsync($"/api/forums/{own.Slug}/people/{owner}", new { name = "Someone Else" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonOf(refused)).GetProperty("detail").GetString()!.ShouldContain("keeps their own profile");
        (await app.InDbAsync(db => db.People.SingleAsync(p => p.Id == owner))).Name.ShouldNotBe("Someone Else");

        var nowhere = await app.InDbAsync(async db =>
        {
            var person = new Person { Name = "Nobody On A Session" };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });
        (await api.PutAsJsonAsync($"/api/forums/{own.Slug}/people/{nowhere}", new { name = "Changed" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonOf(await api.GetAsync($"/api/forums/{own.Slug}/people"))).EnumerateArray().ShouldNotContain(p => p.GetProperty("id").GetInt32() == nowhere);
    }

    [Fact]
    public async Task Invitations_are_sent_listed_and_withdrawn_by_api_and_their_link_never_appears()
    {
        var own = await app.ForumOfItsOwnAsync("ws", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        using var api = await SecretariatApiAsync(own.Slug);
        var email = $"invited{Guid.NewGuid():N}@example.org";
        var sent = await api.PostAsJsonAsync($"/api/forums/{own.Slug}/invitations", new { email, role = "Reviewer", language = "fr" });
        var sentText = await sent.Content.ReadAsStringAsync();
        sent.StatusCode.ShouldBe(HttpStatusCode.Created, sentText);
        var invitation = await JsonOf(sent);
        var id = invitation.GetProperty("id").GetInt32();
        sent.Headers.Location!.OriginalString.ShouldBe($"/api/forums/{own.Slug}/invitations/{id}");
        (invitation.GetProperty("role").GetString(), invitation.GetProperty("state").GetString()).ShouldBe(("Reviewer", "Pending"));

        var link = await app.LinkFromOutboxAsync(email, InvitationsModel.Purpose);
        var code = link[(link.IndexOf("code=", StringComparison.Ordinal) + 5)..];
        code.Length.ShouldBeGreaterThan(20);
        var list = await api.GetAsync($"/api/forums/{own.Slug}/invitations");
        var listText = await list.Content.ReadAsStringAsync();
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(listText).RootElement.EnumerateArray().ShouldContain(i => i.GetProperty("id").GetInt32() == id && i.GetProperty("email").GetString() == email);
        foreach (var text in new[] { sentText, listText })
        {
            text.ShouldNotContain(code);
            text.ShouldNotContain("codeHash", Case.Insensitive);
            text.ShouldNotContain("/invitations/" + id + "?");
        }

        (await api.DeleteAsync($"/api/forums/{own.Slug}/invitations/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.InDbAsync(db => db.Invitations.SingleAsync(i => i.Id == id))).WithdrawnAt.ShouldNotBeNull();
        var again = await api.DeleteAsync($"/api/forums/{own.Slug}/invitations/{id}");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonOf(again)).GetProperty("detail").GetString()!.ShouldContain("already withdrawn");
        (await api.DeleteAsync($"/api/forums/{own.Slug}/invitations/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.InDbAsync(db => db.AuditLog.Where(e => e.Subject == email).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()))
            .ShouldBe(["invitation.send", "invitation.withdraw"]);
    }

    [Fact]
    public async Task Only_administrators_invite_into_the_secretariat_by_api_and_claims_need_a_person_of_this_forum()
    {
        var own = await app.ForumOfItsOwnAsync("ws", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        using var api = await SecretariatApiAsync(own.Slug);
        var email = $"sec-invited{Guid.NewGuid():N}@example.org";
        var refused = await api.PostAsJsonAsync($"/api/forums/{own.Slug}/invitations", new { email, role = "Secretariat" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorKeysOf(refused)).ShouldBe(["role"]);
        (await ErrorKeysOf(await api.PostAsJsonAsync($"/api/forums/{own.Slug}/invitations", new { email, role = "Emperor" }))).ShouldBe(["role"]);
        (await ErrorKeysOf(await api.PostAsJsonAsync($"/api/forums/{own.Slug}/invitations", new { email = "not an address", role = "Reviewer" }))).ShouldBe(["email"]);
        (await app.InDbAsync(db => db.Invitations.AnyAsync(i => i.Email == email))).ShouldBeFalse();

        using var admin = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(await app.AdministratorAsync()));
        var appointed = await admin.PostAsJsonAsync($"/api/forums/{own.Slug}/invitations", new { email, role = "Secretariat" });
        appointed.StatusCode.ShouldBe(HttpStatusCode.Created, await appointed.Content.ReadAsStringAsync());
        var id = (await JsonOf(appointed)).GetProperty("id").GetInt32();
        (await api.DeleteAsync($"/api/forums/{own.Slug}/invitations/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.InDbAsync(db => db.Invitations.SingleAsync(i => i.Id == id))).WithdrawnAt.ShouldBeNull();

        var marker = Guid.NewGuid().ToString("N")[..8];
        var person = await ListedPersonAsync(own, $"Li Wei {marker}");
        var claim = await api.PostAsJsonAsync($"/api/forums/{own.Slug}/invitations", new { email = $"li{marker}@example.org", personId = person });
        claim.StatusCode.ShouldBe(HttpStatusCode.Created, await claim.Content.ReadAsStringAsync());
        var claimed = await JsonOf(claim);
        (claimed.GetProperty("personId").GetInt32(), claimed.GetProperty("personName").GetString()).ShouldBe((person, $"Li Wei {marker}"));
        claimed.TryGetProperty("role", out _).ShouldBeFalse("a claim offers no forum role");
        var stranger = await app.InDbAsync(async db =>
        {
            var p = new Person { Name = "Not On Any Session" };
            db.People.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        (await api.PostAsJsonAsync($"/api/forums/{own.Slug}/invitations", new { email = $"x{marker}@example.org", personId = stranger })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private const string PeopleHeader = "key,honorific,name,title,affiliation,stakeholder_group,regional_group,country";
    private const string SessionsHeader = "type,number,title,format,layout,length_minutes,subtheme,day,start,room,description,sdgs,sdg_targets,tags,"
        + "organisers,speakers_onsite,speakers_online,moderator_onsite,moderator_online,rapporteur";

    /// <summary>An empty forum of the test's own, so the demo forum other tests read stays as seeded.</summary>
    private async Task<string> ImportForumAsync()
    {
        var slug = $"api-csv-{Guid.NewGuid():N}"[..16];
        await app.InDbAsync(async db =>
        {
            db.Forums.Add(new Forum
            {
                Slug = slug, Name = "Import API Forum 2026", Year = 2026, HostCity = "Oslo", Venue = "Lillestrøm", TimeZoneId = "Europe/Oslo",
                FirstDay = new DateOnly(2026, 6, 23), LastDay = new DateOnly(2026, 6, 27), Theme = "Imports", Languages = ["en"],
                SessionTypes = [new SessionType { Code = "WS", Name = "Workshop", NumberLabel = "WS", DefaultLengthMinutes = 60, Position = 1 }],
                Rooms = [new Room { Name = "Room 1", Layout = RoomLayout.Theater, Capacity = 100, Position = 1 }],
            });
            await db.SaveChangesAsync();
        });
        return slug;
    }

    private static MultipartFormDataContent Files(string? people, string? sessions)
    {
        var form = new MultipartFormDataContent();
        if (people is not null)
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(people)), "people", "people.csv");
        }
        if (sessions is not null)
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(sessions)), "sessions", "sessions.csv");
        }
        return form;
    }

    [Fact]
    public async Task A_dry_run_import_answers_the_plan_and_every_problem_and_writes_nothing()
    {
        var forum = await ImportForumAsync();
        using var api = await SecretariatApiAsync(forum);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var people = $"{PeopleHeader}\namina,Dr.,Amina Diallo {marker},Director,Université de Dakar,Academia,AfricanGroup,SN\nbad,,,,,Pirates,,XX\n";
        var sessions = $"{SessionsHeader}\nWS,1,Community networks {marker},RoundTable,,90,,2026-06-24,10:00,Room 1,,9,,,,amina,,,,\n";

        var preview = await api.PostAsync($"/api/forums/{forum}/import?dryRun=true", Files(people, sessions));
        preview.StatusCode.ShouldBe(HttpStatusCode.OK, await preview.Content.ReadAsStringAsync());
        var plan = await JsonOf(preview);
        (plan.GetProperty("dryRun").GetBoolean(), plan.GetProperty("imported").GetBoolean(), plan.GetProperty("canImport").GetBoolean()).ShouldBe((true, false, false));
        var problems = plan.GetProperty("problems").EnumerateArray().ToList();
        problems.ShouldAllBe(p => p.GetProperty("file").GetString() == "people.csv" && p.GetProperty("row").GetInt32() == 3);
        problems.Select(p => p.GetProperty("column").GetString()).ShouldBe(["name", "stakeholder_group", "country"], ignoreOrder: true);

        var good = await api.PostAsync($"/api/forums/{forum}/import?dryRun=true", Files(people.Replace("bad,,,,,Pirates,,XX\n", ""), sessions));
        var goodPlan = await JsonOf(good);
        good.StatusCode.ShouldBe(HttpStatusCode.OK);
        goodPlan.GetProperty("canImport").GetBoolean().ShouldBeTrue();
        goodPlan.GetProperty("problems").GetArrayLength().ShouldBe(0);
        goodPlan.GetProperty("people").EnumerateArray().Select(p => (p.GetProperty("key").GetString(), p.GetProperty("change").GetString())).ShouldBe([("amina", "Create")]);
        goodPlan.GetProperty("sessions").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("change").GetString()))
            .ShouldBe([($"Community networks {marker}", "Create")]);
        goodPlan.GetProperty("summary").GetProperty("sessionsCreated").GetInt32().ShouldBe(1);

        (await app.InDbAsync(db => db.People.AnyAsync(p => p.Name == $"Amina Diallo {marker}"))).ShouldBeFalse("a dry run writes nothing");
        (await app.InDbAsync(db => db.Sessions.AnyAsync(s => s.Forum.Slug == forum))).ShouldBeFalse();
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => db.Forums.Any(f => f.Id == e.ForumId && f.Slug == forum)))).ShouldBeFalse();
    }

    [Fact]
    public async Task An_import_by_api_writes_everything_in_one_go_or_nothing_with_every_row_problem()
    {
        var forum = await ImportForumAsync();
        using var api = await SecretariatApiAsync(forum);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var people = $"{PeopleHeader}\namina,Dr.,Amina Diallo {marker},Director,Université de Dakar,Academia,AfricanGroup,SN\n";
        var badSessions = $"{SessionsHeader}\nWS,1,Community networks {marker},RoundTable,,90,,2026-06-24,10:00,Room 1,,9,,,,amina,,,,\nXX,2,,,,,,2026-07-30,,Nowhere,,,,,,,,,,\n";

        var refused = await api.PostAsync($"/api/forums/{forum}/import", Files(people, badSessions));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var keys = await ErrorKeysOf(refused);
        keys.ShouldContain("sessions.csv[3].type");
        keys.ShouldContain("sessions.csv[3].title");
        keys.ShouldAllBe(k => k.StartsWith("sessions.csv[3]", StringComparison.Ordinal));
        (await app.InDbAsync(db => db.People.AnyAsync(p => p.Name == $"Amina Diallo {marker}"))).ShouldBeFalse("nothing is written when a row has problems");

        var sessions = badSessions[..badSessions.IndexOf("XX,", StringComparison.Ordinal)];
        var imported = await api.PostAsync($"/api/forums/{forum}/import", Files(people, sessions));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var report = await JsonOf(imported);
        (report.GetProperty("dryRun").GetBoolean(), report.GetProperty("imported").GetBoolean()).ShouldBe((false, true));
        var entry = report.GetProperty("auditEntry").GetInt64();
        (await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.Id == entry))).Action.ShouldBe(CsvImport.AuditAction);
        var session = await app.InDbAsync(db => db.Sessions.Include(s => s.Roles).SingleAsync(s => s.Forum.Slug == forum && s.Number == 1));
        (session.Title, session.LengthMinutes, session.Roles.Count).ShouldBe(($"Community networks {marker}", 90, 1));
        (await app.GetPageAsync($"/{forum}/programme")).Page.Body!.TextContent.ShouldContain($"Community networks {marker}");

        // The same files again change nothing, and say so.
        var same = await JsonOf(await api.PostAsync($"/api/forums/{forum}/import", Files(people, sessions)));
        (same.GetProperty("imported").GetBoolean(), same.GetProperty("summary").GetProperty("sessionsUnchanged").GetInt32()).ShouldBe((false, 1));

        var empty = await api.PostAsync($"/api/forums/{forum}/import", Files("", null));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorKeysOf(empty)).ShouldBe(["people"]);
    }

    [Fact]
    public async Task The_workspace_api_refuses_other_forums_secretariat_and_cookies()
    {
        using var other = await SecretariatApiAsync(await ImportForumAsync());
        foreach (var url in new[] { "/api/forums/igf2022/people", "/api/forums/igf2022/invitations" })
        {
            var refused = await other.GetAsync(url);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        (await other.PostAsJsonAsync("/api/forums/igf2022/subthemes", new { name = "Not theirs" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.InDbAsync(db => db.Subthemes.AnyAsync(s => s.Name == "Not theirs"))).ShouldBeFalse();
        (await other.GetAsync("/api/forums/no-such-forum/people")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The browser's cookie is not an API token.
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        (await secretariat.GetAsync("/api/forums/igf2022/people")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

[Collection("sqlite")]
public sealed class WorkspaceApiOnSqlite(SqliteApp app) : WorkspaceApiTests(app);

[Collection("postgres")]
public sealed class WorkspaceApiOnPostgres(PostgresApp app) : WorkspaceApiTests(app);
