using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Manage;

/// <summary>
/// The CSV preview says when a person it would add looks like someone on record, and the Secretariat may link the row to
/// them instead: the sessions then name the person on record and nobody new is added.
/// </summary>
public abstract class PeopleCsvLookalikesTests(PlenaryApp app)
{
    [Fact]
    public async Task test_the_preview_offers_the_lookalike_on_record_and_the_import_links_the_row_to_them()
    {
        var forum = await app.ForumOfItsOwnAsync("csvlike", unplaced: 1);
        var u = Guid.NewGuid().ToString("N")[..8];
        var onRecord = await app.InDbAsync(async db =>
        {
            var person = new Person { Name = $"Jane Doe{u}", Affiliation = "ICANN" };
            db.People.Add(person);
            await db.SaveChangesAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = forum.Session(1).Id, PersonId = person.Id, Kind = SessionRoleKind.Speaker, Position = 1 });
            await db.SaveChangesAsync();
            return person;
        });
        var people = Encoding.UTF8.GetBytes($"key,honorific,name,title,affiliation,stakeholder_group,regional_group,country\njd,,Dr. Jane  Doe{u},,Icann,,,\nnew,,Unrelated Person{u},,,,,\n");
        var sessions = Encoding.UTF8.GetBytes($"type,number,title,format,speakers_onsite\nWS,7,A session naming both,Panel,jd;new\n");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        using var preview = await PlenaryApp.UploadAsync(secretariat, $"/{forum.Slug}/manage/import", $"/{forum.Slug}/manage/import?handler=Preview",
            new Dictionary<string, (string, byte[])> { ["people"] = ("people.csv", people), ["sessions"] = ("sessions.csv", sessions) });
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PlenaryApp.ParseAsync(preview);
        var rows = page.QuerySelectorAll("table").First(t => t.QuerySelector("caption")!.TextContent.StartsWith("people.csv")).QuerySelectorAll("tbody tr");
        var offer = rows[0].QuerySelector("fieldset.lookalike")!;
        offer.TextContent.ShouldContain("same name and affiliation");
        var link = offer.QuerySelector($"input[type=radio][value='{onRecord.Id}']")!;
        link.GetAttribute("form").ShouldBe("import");
        rows[1].QuerySelector("fieldset.lookalike").ShouldBeNull();

        var form = page.QuerySelector("form#import")!;
        using var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]"))
        {
            content.Add(new StringContent(input.GetAttribute("value")!), input.GetAttribute("name")!);
        }
        content.Add(new StringContent($"{onRecord.Id}"), link.GetAttribute("name")!);
        using var imported = await secretariat.PostAsync(form.GetAttribute("action")!, content);

        imported.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (doubles, speakers, added, linked) = await app.InDbAsync(async db => (
            await db.People.CountAsync(p => p.Name == $"Dr. Jane  Doe{u}"),
            await (from r in db.SessionRoles join s in db.Sessions on r.SessionId equals s.Id where s.ForumId == forum.Id && s.Number == 7 orderby r.Position select r.PersonId).ToListAsync(),
            await db.People.Where(p => p.Name == $"Unrelated Person{u}").Select(p => p.Id).SingleAsync(),
            await db.AuditLog.Where(e => e.ForumId == forum.Id && e.Action == "import.link").Select(e => e.After).SingleAsync()));
        doubles.ShouldBe(0);
        speakers.ShouldBe([onRecord.Id, added]);
        linked!.ShouldContain($"\"person\":{onRecord.Id}");
    }
}

[Collection("sqlite")]
public sealed class PeopleCsvLookalikesOnSqlite(SqliteApp app) : PeopleCsvLookalikesTests(app);

[Collection("postgres")]
public sealed class PeopleCsvLookalikesOnPostgres(PostgresApp app) : PeopleCsvLookalikesTests(app);
