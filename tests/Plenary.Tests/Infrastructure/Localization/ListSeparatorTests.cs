using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Localization;

/// <summary>
/// Lists in running text are joined as the reader's language writes them: Arabic with its own comma ("، "), Chinese with
/// the enumeration comma ("、"), the others with ", " (L.List). Seen on the demo forum's pages beyond the session page:
/// the forum's languages on its home page, a person's roles in one session, the session types a wrong filter offers.
/// </summary>
public abstract class ListSeparatorTests(PlenaryApp app)
{
    public static TheoryData<string, string> Commas => new() { { "ar", "، " }, { "zh-Hans", "、" }, { "fr", ", " }, { "en", ", " } };

    [Theory]
    [MemberData(nameof(Commas))]
    public async Task test_forum_languages_on_the_home_page_are_joined_with_the_readers_comma(string culture, string comma)
    {
        var (status, page) = await app.GetPageAsync($"/igf2022?culture={culture}");

        status.ShouldBe(HttpStatusCode.OK);
        var label = culture == "en" ? "Languages" : EnglishLeft.Translations(culture)["Languages"];
        var languages = page.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == label).NextElementSibling!.TextContent;
        // igf2022 is held in the six UN languages.
        languages.Split(comma).Length.ShouldBe(6, languages);
        OtherCommas(languages, comma).ShouldBe(0, languages);
    }

    [Theory]
    [MemberData(nameof(Commas))]
    public async Task test_a_persons_roles_in_one_session_are_joined_with_the_readers_comma(string culture, string comma)
    {
        // Someone the demo lists twice in one session of igf2022 (an organiser who also speaks, say).
        var person = await app.InDbAsync(db => db.SessionRoles
            .Where(r => r.PersonId != null && db.Sessions.Any(s => s.Id == r.SessionId && s.Forum.Slug == "igf2022"))
            .GroupBy(r => new { r.SessionId, r.PersonId })
            .Where(g => g.Count() > 1)
            .Select(g => g.Key.PersonId!.Value)
            .FirstAsync());

        var (status, page) = await app.GetPageAsync($"/people/{person}?culture={culture}");

        status.ShouldBe(HttpStatusCode.OK);
        // Each session's line: its roles, then " · " and its time.
        var roles = page.QuerySelectorAll("ul.roles li > span.m").Select(s => s.TextContent.Split(" · ")[0]).ToList();
        roles.ShouldContain(r => r.Contains(comma), string.Join(" | ", roles));
        roles.Sum(r => OtherCommas(r, comma)).ShouldBe(0, string.Join(" | ", roles));
    }

    [Theory]
    [MemberData(nameof(Commas))]
    public async Task test_session_types_a_wrong_programme_filter_offers_are_joined_with_the_readers_comma(string culture, string comma)
    {
        var types = await app.InDbAsync(db => db.SessionTypes.CountAsync(t => db.Forums.Any(f => f.Id == t.ForumId && f.Slug == "igf2022")));

        var (_, page) = await app.GetPageAsync($"/igf2022/programme?type=XX&culture={culture}");

        var error = page.QuerySelector("#f-type")!.ParentElement!.QuerySelector(".err")!.TextContent;
        error.Split(comma).Length.ShouldBe(types, error);
        OtherCommas(error, comma).ShouldBe(0, error);
    }

    /// <summary>How many times the other languages' list commas appear: none in Arabic or Chinese may be ", ".</summary>
    private static int OtherCommas(string text, string comma) =>
        new[] { ", ", "، ", "、" }.Where(c => c != comma).Sum(c => text.Split(c).Length - 1);
}

[Collection("sqlite")]
public sealed class ListSeparatorOnSqlite(SqliteApp app) : ListSeparatorTests(app);

[Collection("postgres")]
public sealed class ListSeparatorOnPostgres(PostgresApp app) : ListSeparatorTests(app);
