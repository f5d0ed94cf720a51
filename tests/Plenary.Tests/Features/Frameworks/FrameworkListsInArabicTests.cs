using System.Net;
using Plenary.Features.Frameworks;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Frameworks;

/// <summary>
/// Lists on the framework pages are punctuated as the reader's language writes them: Arabic readers see the Arabic
/// comma ("، ") between the framework and its objective, Chinese readers the enumeration comma, others ", ".
/// </summary>
public abstract class FrameworkListsInArabicTests(PlenaryApp app)
{
    [Fact]
    public async Task test_the_breadcrumb_of_an_action_line_uses_the_arabic_comma_in_arabic_and_the_latin_comma_in_english()
    {
        var forum = await app.ForumOfItsOwnAsync("fwar", shape: f => (f.UsesGdc, f.UsesWsis) = (true, true));
        var (status, arabic) = await app.GetPageAsync($"/{forum.Slug}/frameworks/wsis/C5", "ar");
        status.ShouldBe(HttpStatusCode.OK);
        var crumb = arabic.QuerySelector("p.eyebrow")!.TextContent;
        crumb.ShouldContain(FrameworkCatalogue.Shared[Framework.Wsis].Name("ar") + "، ");
        crumb.ShouldNotContain(", ");
        (await app.GetPageAsync($"/{forum.Slug}/frameworks/gdc/3", "zh-Hans")).Page.QuerySelector("p.eyebrow")!.TextContent
            .ShouldContain(FrameworkCatalogue.Shared[Framework.Gdc].Name("zh-Hans") + "、");
        (await app.GetPageAsync($"/{forum.Slug}/frameworks/wsis/C5")).Page.QuerySelector("p.eyebrow")!.TextContent.ShouldBe("WSIS action lines, action line C5");
    }
}

[Collection("sqlite")]
public sealed class FrameworkListsInArabicOnSqlite(SqliteApp app) : FrameworkListsInArabicTests(app);

[Collection("postgres")]
public sealed class FrameworkListsInArabicOnPostgres(PostgresApp app) : FrameworkListsInArabicTests(app);
