using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>The Secretariat finds and corrects the people on its sessions; account holders keep their own profile.</summary>
public abstract class PeopleTests(PlenaryApp app)
{
    private async Task<Plenary.Features.People.Person> SpeakerWithoutAccountAsync(OwnForum own, int number)
    {
        var session = await app.UnscheduledSessionAsync(own, "WS", number, "A session whose speaker the Secretariat corrects");
        return await app.InDbAsync(async db =>
        {
            var person = new Plenary.Features.People.Person { Name = $"Selam Haile {Guid.NewGuid():N}"[..19], Affiliation = "Misspelt Univresity" };
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, Person = person, Kind = SessionRoleKind.Speaker, Mode = ParticipationMode.Online, Position = 1 });
            await db.SaveChangesAsync();
            return person;
        });
    }

    [Fact]
    public async Task test_secretariat_finds_a_person_and_corrects_them_which_is_public_and_audited()
    {
        var own = await app.ForumOfItsOwnAsync("people");
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        var person = await SpeakerWithoutAccountAsync(own, 9201);
        var list = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{own.Slug}/manage/people?q={Uri.EscapeDataString(person.Name.ToUpperInvariant())}"));
        list.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ShouldBe([person.Name]);

        var saved = await PlenaryApp.SubmitFormAsync(secretariat, $"/{own.Slug}/manage/people/{person.Id}", new Dictionary<string, string>
        {
            ["Name"] = person.Name, ["Honorific"] = "Dr", ["Title"] = "Lecturer", ["Affiliation"] = "Addis Ababa University", ["StakeholderGroup"] = "Academia",
            ["RegionalGroup"] = "AfricanGroup", ["Country"] = "ET",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = (await app.GetPageAsync($"/people/{person.Id}")).Page;
        page.Body!.TextContent.ShouldContain("Addis Ababa University");
        page.Body!.TextContent.ShouldNotContain("Misspelt");
        var entry = await app.InDbAsync(db => db.AuditLog.OrderByDescending(e => e.Id).FirstAsync(e => e.Action == "person.change"));
        entry.Before!.ShouldContain("Misspelt Univresity");
        entry.After!.ShouldContain("Addis Ababa University");
    }

    [Fact]
    public async Task test_a_person_with_an_account_keeps_their_own_profile()
    {
        var own = await app.ForumOfItsOwnAsync("people");
        var session = await app.UnscheduledSessionAsync(own, "WS", 9202, "A session with a speaker who has an account");
        using var speaker = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Speaker);
        var person = await app.InDbAsync(db => db.SessionRoles.Where(r => r.SessionId == session.Id).Select(r => r.Person!).SingleAsync());
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{own.Slug}/manage/people/{person.Id}"))).QuerySelector("form.account").ShouldBeNull();
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, $"/{own.Slug}/manage/people/{person.Id}", new Dictionary<string, string> { ["Name"] = "Someone else" },
            $"/{own.Slug}/manage/people/{person.Id}");
        answer.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.InDbAsync(db => db.People.SingleAsync(p => p.Id == person.Id))).Name.ShouldBe(person.Name);
    }

    [Fact]
    public async Task test_another_forums_secretariat_cannot_reach_this_forums_people_through_their_own_forum()
    {
        var person = await SpeakerWithoutAccountAsync(await app.ForumOfItsOwnAsync("people"), 9203);
        var elsewhere = await app.ForumOfItsOwnAsync("people");
        using var other = await app.SecretariatOfAsync(elsewhere.Slug);
        (await other.GetAsync($"/{elsewhere.Slug}/manage/people/{person.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PlenaryApp.ParseAsync(await other.GetAsync($"/{elsewhere.Slug}/manage/people"))).QuerySelectorAll("tbody tr").Length.ShouldBe(0);
    }

    [Theory]
    [InlineData("Name", "", "Write the person's name")]
    [InlineData("Country", "XX", "country from the list")]
    [InlineData("StakeholderGroup", "Aliens", "Choose from the list")]
    [InlineData("Title", "Professor of very many things and more things", null)]
    public async Task test_bad_person_input_is_named_and_nothing_changes(string field, string value, string? message)
    {
        var own = await app.ForumOfItsOwnAsync("people");
        using var secretariat = await app.SecretariatOfAsync(own.Slug);
        var person = await SpeakerWithoutAccountAsync(own, 9204);
        var fields = new Dictionary<string, string> { ["Name"] = person.Name, [field] = message is null ? new string('x', 301) : value };
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, $"/{own.Slug}/manage/people/{person.Id}", fields);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector(".errors")!.TextContent.ShouldContain(message ?? "at most 300 characters");
        (await app.InDbAsync(db => db.People.SingleAsync(p => p.Id == person.Id))).Affiliation.ShouldBe("Misspelt Univresity");
    }
}

[Collection("sqlite")]
public sealed class PeopleOnSqlite(SqliteApp app) : PeopleTests(app);

[Collection("postgres")]
public sealed class PeopleOnPostgres(PostgresApp app) : PeopleTests(app);
