using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Features.Timetable;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>
/// The Secretariat finds people recorded twice and merges them: every role moves, the account and its holder's profile
/// are kept, the merge is audited, and the merged record's addresses lead to the one that stays. Names carry a suffix of
/// the test's own, because people are shared by every forum of the installation.
/// </summary>
public abstract class PeopleMergeTests(PlenaryApp app)
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private Task<Person> ListedAsync(Session session, string name, string? affiliation = null, SessionRoleKind kind = SessionRoleKind.Speaker,
        string? title = null, string? country = null) =>
        app.InDbAsync(async db =>
        {
            var person = new Person { Name = name, Affiliation = affiliation, Title = title, CountryCode = country };
            db.People.Add(person);
            await db.SaveChangesAsync();
            await AddRoleAsync(db, session, person.Id, kind);
            return person;
        });

    private static async Task AddRoleAsync(Plenary.Infrastructure.Data.PlenaryDb db, Session session, int personId, SessionRoleKind kind)
    {
        db.SessionRoles.Add(new SessionRole { SessionId = session.Id, PersonId = personId, Kind = kind, Position = 1 + await db.SessionRoles.CountAsync(r => r.SessionId == session.Id) });
        await db.SaveChangesAsync();
    }

    private static string MergePage(string forum, int first, int second) => $"/{forum}/manage/people/merge?p={first}&p={second}";

    private static Task<HttpResponseMessage> MergeAsync(HttpClient secretariat, string forum, int merged, int survivor, params (string Field, int From)[] fields) =>
        PlenaryApp.SubmitFormAsync(secretariat, MergePage(forum, merged, survivor),
            new List<KeyValuePair<string, string>> { new("p", $"{merged}"), new("p", $"{survivor}"), new("Keep", $"{survivor}") }
                .Concat(fields.Select(f => new KeyValuePair<string, string>($"From[{f.Field}]", $"{f.From}"))),
            $"/{forum}/manage/people/merge");

    [Fact]
    public async Task test_people_written_twice_are_listed_as_possible_duplicates_on_the_people_page_and_each_persons_page()
    {
        var forum = await app.ForumOfItsOwnAsync("dupes", unplaced: 3);
        var u = Unique();
        var anriette = await ListedAsync(forum.Session(1), $"Anriette Esterhuysen{u}", "APC");
        var spaced = await ListedAsync(forum.Session(2), $"Anriette  esterhuysen{u}");
        var doctor = await ListedAsync(forum.Session(1), $"Dr. Jane Doé{u}", "ICANN");
        var jane = await ListedAsync(forum.Session(3), $"Jane Doe{u}", "Icann");
        var alone = await ListedAsync(forum.Session(3), $"Someone Else{u}");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        var people = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage/people"));
        var groups = people.QuerySelectorAll(".lookalikes li");
        groups.Length.ShouldBe(2);
        groups[0].TextContent.ShouldContain(doctor.Name);
        groups[0].TextContent.ShouldContain("same name and affiliation");
        groups[0].QuerySelector("a.merge")!.GetAttribute("href").ShouldBe(MergePage(forum.Slug, doctor.Id, jane.Id));
        groups[1].TextContent.ShouldContain(spaced.Name);
        groups[1].QuerySelector("a.merge")!.GetAttribute("href").ShouldBe(MergePage(forum.Slug, anriette.Id, spaced.Id));
        people.QuerySelector(".lookalikes")!.TextContent.ShouldNotContain(alone.Name);

        var person = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage/people/{spaced.Id}"));
        person.QuerySelectorAll(".lookalikes li").Select(l => l.QuerySelector("a")!.TextContent).ShouldBe([anriette.Name]);
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage/people/{alone.Id}"))).QuerySelector(".lookalikes").ShouldBeNull();
    }

    [Fact]
    public async Task test_merge_moves_every_role_keeps_the_chosen_fields_is_audited_and_old_addresses_lead_to_the_survivor()
    {
        var forum = await app.ForumOfItsOwnAsync("merge", unplaced: 3);
        var other = await app.ForumOfItsOwnAsync("merge-other", unplaced: 1);
        var u = Unique();
        var survivor = await ListedAsync(forum.Session(1), $"Jane Doe{u}", "ICANN");
        await app.InDbAsync(db => AddRoleAsync(db, forum.Session(2), survivor.Id, SessionRoleKind.OnsiteModerator));
        var merged = await ListedAsync(forum.Session(2), $"Dr. Jane Doe{u}", "ICANN Org", SessionRoleKind.OnsiteModerator, title: "Director", country: "ZA");
        await app.InDbAsync(async db =>
        {
            await AddRoleAsync(db, forum.Session(3), merged.Id, SessionRoleKind.Speaker);
            await AddRoleAsync(db, other.Session(1), merged.Id, SessionRoleKind.Rapporteur);
            db.PersonAvailabilities.Add(new PersonAvailability { ForumId = forum.Id, PersonId = merged.Id, Day = forum.FirstDay, StartMinutes = 540, EndMinutes = 720 });
            await db.SaveChangesAsync();
        });
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync(MergePage(forum.Slug, merged.Id, survivor.Id)));
        // Unless told otherwise the survivor's fields are kept, and its empty ones filled from the other record.
        page.QuerySelector($"input[name='From[Name]'][value='{survivor.Id}']")!.HasAttribute("checked").ShouldBeTrue();
        page.QuerySelector($"input[name='From[Title]'][value='{merged.Id}']")!.HasAttribute("checked").ShouldBeTrue();

        var answer = await MergeAsync(secretariat, forum.Slug, merged.Id, survivor.Id, ("Name", survivor.Id), ("Title", merged.Id), ("Affiliation", merged.Id), ("Country", merged.Id));

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.OriginalString.ShouldBe($"/{forum.Slug}/manage/people/{survivor.Id}?merged=1");
        var (kept, roles, windows, gone) = await app.InDbAsync(async db => (
            await db.People.SingleAsync(p => p.Id == survivor.Id),
            await db.SessionRoles.Where(r => r.PersonId == survivor.Id).Select(r => new { r.SessionId, r.Kind }).ToListAsync(),
            await db.PersonAvailabilities.CountAsync(w => w.PersonId == survivor.Id),
            !await db.People.AnyAsync(p => p.Id == merged.Id)));
        (kept.Name, kept.Title, kept.Affiliation, kept.CountryCode).ShouldBe(($"Jane Doe{u}", "Director", "ICANN Org", "ZA"));
        roles.OrderBy(r => r.SessionId).ThenBy(r => r.Kind).Select(r => (r.SessionId, r.Kind)).ShouldBe(
            new[]
            {
                (forum.Session(1).Id, SessionRoleKind.Speaker), (forum.Session(2).Id, SessionRoleKind.OnsiteModerator),
                (forum.Session(3).Id, SessionRoleKind.Speaker), (other.Session(1).Id, SessionRoleKind.Rapporteur),
            }.OrderBy(r => r.Item1).ThenBy(r => r.Item2));
        windows.ShouldBe(1);
        gone.ShouldBeTrue();

        var entry = await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.ForumId == forum.Id && e.Action == "person.merge"));
        entry.Subject.ShouldBe($"{merged.Id} Dr. Jane Doe{u} → {survivor.Id} Jane Doe{u}");
        entry.Before!.ShouldContain("\"title\":\"Director\"");
        entry.After!.ShouldContain("ICANN Org");
        entry.Actor.ShouldStartWith("sec");

        using var visitor = app.CreateVisitor();
        using var publicPage = await visitor.GetAsync($"/people/{merged.Id}");
        publicPage.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        publicPage.Headers.Location!.OriginalString.ShouldBe($"/people/{survivor.Id}");
        using var api = await visitor.GetAsync($"/api/people/{merged.Id}");
        api.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        api.Headers.Location!.OriginalString.ShouldBe($"/api/people/{survivor.Id}");
        using var managed = await secretariat.GetAsync($"/{forum.Slug}/manage/people/{merged.Id}");
        managed.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        managed.Headers.Location!.OriginalString.ShouldBe($"/{forum.Slug}/manage/people/{survivor.Id}");

        // Merged again, the first record's address leads straight to the last survivor.
        var last = await ListedAsync(forum.Session(1), $"Jane M. Doe{u}");
        (await MergeAsync(secretariat, forum.Slug, survivor.Id, last.Id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var twice = await visitor.GetAsync($"/people/{merged.Id}");
        twice.Headers.Location!.OriginalString.ShouldBe($"/people/{last.Id}");
    }

    [Fact]
    public async Task test_an_account_moves_to_the_survivor_with_its_holders_profile_and_two_accounts_are_never_merged()
    {
        var forum = await app.ForumOfItsOwnAsync("mergeacc", unplaced: 3);
        var u = Unique();
        var holderEmail = $"holder{u}@example.org";
        using var holder = await app.SignedInVisitorAsync(holderEmail);
        var holderPerson = await app.InDbAsync(async db =>
        {
            var person = await db.Users.Where(a => a.Email == holderEmail).Select(a => a.Person).SingleAsync();
            await AddRoleAsync(db, forum.Session(1), person.Id, SessionRoleKind.Speaker);
            return person;
        });
        var listed = await ListedAsync(forum.Session(2), $"Dr. Amina Diallo{u}", "UCAD", title: "Lecturer");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        // The listed record stays and the account's record goes: the account comes along, with its holder's own profile.
        var answer = await MergeAsync(secretariat, forum.Slug, holderPerson.Id, listed.Id, ("Name", listed.Id), ("Affiliation", listed.Id));

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (account, kept, roles) = await app.InDbAsync(async db => (
            await db.Users.SingleAsync(a => a.Email == holderEmail),
            await db.People.SingleAsync(p => p.Id == listed.Id),
            await db.SessionRoles.CountAsync(r => r.PersonId == listed.Id)));
        account.PersonId.ShouldBe(listed.Id);
        (kept.Name, kept.Affiliation, kept.Title).ShouldBe((holderPerson.Name, holderPerson.Affiliation, holderPerson.Title));
        roles.ShouldBe(2);

        var secondEmail = $"second{u}@example.org";
        using var second = await app.SignedInVisitorAsync(secondEmail);
        var secondPerson = await app.InDbAsync(async db =>
        {
            var id = await db.Users.Where(a => a.Email == secondEmail).Select(a => a.PersonId).SingleAsync();
            await AddRoleAsync(db, forum.Session(3), id, SessionRoleKind.Speaker);
            return id;
        });
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync(MergePage(forum.Slug, secondPerson, listed.Id)))).QuerySelector("form.merge").ShouldBeNull();
        var refused = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage/team",
            [new("p", $"{secondPerson}"), new("p", $"{listed.Id}"), new("Keep", $"{listed.Id}")], $"/{forum.Slug}/manage/people/merge");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("both have an account");
        (await app.InDbAsync(db => db.People.CountAsync(p => p.Id == secondPerson || p.Id == listed.Id))).ShouldBe(2);
    }

    [Fact]
    public async Task test_another_forums_secretariat_cannot_merge_this_forums_people()
    {
        var forum = await app.ForumOfItsOwnAsync("mergeown", unplaced: 2);
        var elsewhere = await app.ForumOfItsOwnAsync("mergeelse");
        var u = Unique();
        var one = await ListedAsync(forum.Session(1), $"Nnenna Nwakanma{u}");
        var two = await ListedAsync(forum.Session(2), $"Nnenna  Nwakanma{u}");
        using var outsider = await app.SecretariatOfAsync(elsewhere.Slug);

        (await outsider.GetAsync(MergePage(elsewhere.Slug, one.Id, two.Id))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var answer = await PlenaryApp.SubmitFormAsync(outsider, $"/{elsewhere.Slug}/manage/team",
            [new("p", $"{one.Id}"), new("p", $"{two.Id}"), new("Keep", $"{two.Id}")], $"/{elsewhere.Slug}/manage/people/merge");
        answer.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.InDbAsync(db => db.People.CountAsync(p => p.Id == one.Id || p.Id == two.Id))).ShouldBe(2);
    }
}

[Collection("sqlite")]
public sealed class PeopleMergeOnSqlite(SqliteApp app) : PeopleMergeTests(app);

[Collection("postgres")]
public sealed class PeopleMergeOnPostgres(PostgresApp app) : PeopleMergeTests(app);
