using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sessions;

/// <summary>
/// Text in another script than the page's is isolated where it is shown, so that an Arabic title on an English page
/// (or a Latin name on an Arabic one) neither takes the page's direction nor reorders the punctuation around it.
/// </summary>
public abstract class IsolatedTextTests(PlenaryApp app)
{
    private const string ArabicTitle = "سد الفجوة الرقمية في المنطقة العربية";
    private const string ChineseName = "李晓东";

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task test_arabic_title_and_chinese_speaker_name_are_isolated_on_the_session_page_and_programme(string culture)
    {
        var forum = await app.ForumOfItsOwnAsync("bidi", placed: 1);
        var session = forum.Session(1);
        await app.InDbAsync(async db =>
        {
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Title, ArabicTitle));
            var person = new Person { Name = ChineseName, Affiliation = "CNNIC" };
            db.People.Add(person);
            await db.SaveChangesAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, Kind = SessionRoleKind.Speaker, PersonId = person.Id, Position = 1 });
            await db.SaveChangesAsync();
        });

        var (status, page) = await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}?culture={culture}");

        status.ShouldBe(HttpStatusCode.OK);
        var title = page.QuerySelector("h1")!;
        title.TextContent.ShouldBe(ArabicTitle);
        title.GetAttribute("dir").ShouldBe("auto");
        var name = page.QuerySelectorAll("bdi").Single(b => b.TextContent.StartsWith(ChineseName, StringComparison.Ordinal));
        name.TextContent.ShouldBe($"{ChineseName}, CNNIC");

        var (_, programme) = await app.GetPageAsync($"/{forum.Slug}/programme?culture={culture}");
        programme.QuerySelectorAll("h3 a bdi").Select(b => b.TextContent).ShouldContain(ArabicTitle);
    }

    [Fact]
    public async Task test_names_and_titles_are_isolated_on_the_secretariats_people_and_sessions_pages()
    {
        var forum = await app.ForumOfItsOwnAsync("bidim", placed: 1);
        var session = forum.Session(1);
        var person = await app.InDbAsync(async db =>
        {
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Title, ArabicTitle));
            var person = new Person { Name = ChineseName, Affiliation = "中国互联网络信息中心" };
            db.People.Add(person);
            await db.SaveChangesAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, Kind = SessionRoleKind.Speaker, PersonId = person.Id, Position = 1 });
            await db.SaveChangesAsync();
            return person;
        });
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);

        var people = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage/people?culture=ar"));
        var row = people.QuerySelector("tbody tr")!;
        row.QuerySelector("th a bdi")!.TextContent.ShouldBe(ChineseName);
        row.QuerySelectorAll("td bdi").Select(b => b.TextContent).ShouldContain("中国互联网络信息中心");

        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage/people/{person.Id}?culture=ar"));
        page.QuerySelector("h1")!.GetAttribute("dir").ShouldBe("auto");
        page.QuerySelectorAll("li bdi").Select(b => b.TextContent).ShouldContain(ArabicTitle);

        var sessions = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/manage/sessions"));
        sessions.QuerySelectorAll("tbody td bdi").Select(b => b.TextContent).ShouldContain(ArabicTitle);
    }
}

[Collection("sqlite")]
public sealed class IsolatedTextOnSqlite(SqliteApp app) : IsolatedTextTests(app);

[Collection("postgres")]
public sealed class IsolatedTextOnPostgres(PostgresApp app) : IsolatedTextTests(app);
