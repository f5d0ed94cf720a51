using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

/// <summary>A person can take away everything held about them, and delete their account.</summary>
public abstract class PersonalDataTests(PlenaryApp app)
{
    [Fact]
    public async Task Export_holds_the_account_profile_roles_and_messages()
    {
        var email = $"x{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        using var response = await visitor.GetAsync("/account/export");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.FileName!.ShouldStartWith("plenary-");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("account").GetProperty("email").GetString().ShouldBe(email);
        json.GetProperty("profile").GetProperty("name").GetString().ShouldBe("Amina Diallo");
        json.GetProperty("messages")[0].GetProperty("purpose").GetString().ShouldBe("confirm-email");
        json.GetRawText().ShouldNotContain("passwordHash", Case.Insensitive);
        json.GetRawText().ShouldNotContain("securityStamp", Case.Insensitive);
    }

    [Fact]
    public async Task Deleting_needs_the_password_and_removes_sign_in_profile_and_messages()
    {
        var email = $"d{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        var personId = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.PersonId).SingleAsync());

        var refused = await PlenaryApp.SubmitFormAsync(visitor, "/account/delete", new Dictionary<string, string> { ["Password"] = "not my password" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.InDbAsync(db => db.Users.AnyAsync(a => a.Email == email))).ShouldBeTrue();

        var deleted = await PlenaryApp.SubmitFormAsync(visitor, "/account/delete", new Dictionary<string, string> { ["Password"] = "solar wind over Addis" });
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        deleted.Headers.Location!.OriginalString.ShouldBe("/account/deleted");
        (await app.InDbAsync(db => db.Users.AnyAsync(a => a.Email == email))).ShouldBeFalse();
        (await app.InDbAsync(db => db.Outbox.AnyAsync(m => m.To == email))).ShouldBeFalse();
        (await app.InDbAsync(db => db.People.AnyAsync(p => p.Id == personId))).ShouldBeFalse();
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.SignInAsync(app.CreateVisitor(), email)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_speaker_who_deletes_their_account_keeps_only_their_name_on_the_session()
    {
        var email = $"s{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        var personId = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.PersonId).SingleAsync());
        await PlenaryApp.SubmitFormAsync(visitor, "/account", new Dictionary<string, string>
        {
            ["Name"] = "Amina Diallo", ["Affiliation"] = "University of Dakar", ["Country"] = "SN", ["Gender"] = "Woman", ["Language"] = "en",
        });
        // The person speaks at a session of a forum of the test's own, which no other test reads.
        var sessionId = (await app.ForumOfItsOwnAsync("pd", placed: 1)).Sessions[0].Id;
        await app.InDbAsync(async db =>
        {
            db.SessionRoles.Add(new SessionRole { SessionId = sessionId, PersonId = personId, Kind = SessionRoleKind.Speaker, Mode = ParticipationMode.Online, Position = 99 });
            await db.SaveChangesAsync();
        });

        await PlenaryApp.SubmitFormAsync(visitor, "/account/delete", new Dictionary<string, string> { ["Password"] = "solar wind over Addis" });

        var person = await app.InDbAsync(db => db.People.SingleAsync(p => p.Id == personId));
        (person.Name, person.Affiliation, person.CountryCode, person.Gender).ShouldBe(("Amina Diallo", (string?)null, (string?)null, (Plenary.Features.People.Gender?)null));
        (await app.InDbAsync(db => db.Users.AnyAsync(a => a.PersonId == personId))).ShouldBeFalse();
    }
}

[Collection("sqlite")]
public sealed class PersonalDataOnSqlite(SqliteApp app) : PersonalDataTests(app);

[Collection("postgres")]
public sealed class PersonalDataOnPostgres(PostgresApp app) : PersonalDataTests(app);
