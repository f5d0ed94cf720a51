using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Messages;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Archive;

/// <summary>The archive of every forum by year and kind, and a forum's previous and next editions of its series.</summary>
public abstract class ArchiveTests(PlenaryApp app)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static string[] Cells(IHtmlDocument page, string slug) =>
        [.. page.QuerySelector($"tr#forum-{slug}")!.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim())];

    /// <summary>A youth forum of 1993, a year no other test uses: four sessions, one cancelled, with takeaways and reports here and there.</summary>
    private async Task<OwnForum> YouthForumAsync(bool outcome)
    {
        var own = await app.ForumOfItsOwnAsync("youth", placed: 4, cancelled: 1, firstDay: new DateOnly(1993, 7, 1),
            shape: f => (f.Kind, f.Series, f.HostCity) = (ForumKind.Youth, $"yigf-{Tag()}", "Lomé"));
        await app.InDbAsync(async db =>
        {
            var ids = await db.Sessions.Where(s => s.ForumId == own.Id).OrderBy(s => s.Number).Select(s => new { s.Id, s.Status }).ToListAsync();
            var held = ids.Where(s => s.Status != SessionStatus.Cancelled).Select(s => s.Id).ToList();
            var cancelled = ids.Single(s => s.Status == SessionStatus.Cancelled).Id;
            // Two takeaways of one session count once; a call to action alone is not a key takeaway; the cancelled session's outputs do not count.
            db.Takeaways.AddRange(
                new Takeaway { SessionId = held[0], Kind = TakeawayKind.KeyTakeaway, Position = 1, Text = "Young people lead." },
                new Takeaway { SessionId = held[0], Kind = TakeawayKind.KeyTakeaway, Position = 2, Text = "And they are heard." },
                new Takeaway { SessionId = held[1], Kind = TakeawayKind.CallToAction, Position = 1, Text = "Fund youth IGFs.", Addressee = CallToActionAddressee.All },
                new Takeaway { SessionId = cancelled, Kind = TakeawayKind.KeyTakeaway, Position = 1, Text = "Never held." });
            db.SessionReports.AddRange(new SessionReport { SessionId = held[1], Body = "What was said." }, new SessionReport { SessionId = held[2], Body = "And here." },
                new SessionReport { SessionId = cancelled, Body = "Not held." });
            if (outcome)
            {
                db.OutcomeDocuments.Add(new OutcomeDocument { ForumId = own.Id, PublishedAt = DateTime.UtcNow });
            }
            await db.SaveChangesAsync();
        });
        return own;
    }

    [Fact]
    public async Task The_archive_lists_every_forum_by_year_newest_first_with_each_editions_figures()
    {
        var youth = await YouthForumAsync(outcome: true);

        var (status, page) = await app.GetPageAsync("/archive", "en");

        status.ShouldBe(HttpStatusCode.OK);
        var years = page.QuerySelectorAll("main section h2").Select(h => int.Parse(h.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        years.ShouldContain(1993);
        years.ShouldContain(2022);
        years.ShouldBe(years.OrderByDescending(y => y).ToList());
        var section = page.QuerySelector("section[aria-labelledby=year-1993]")!;
        section.QuerySelector("caption")!.TextContent.ShouldBe("Forums of 1993");
        section.QuerySelector($"tr#forum-{youth.Slug}").ShouldNotBeNull();
        section.QuerySelectorAll("thead th[scope=col]").Length.ShouldBe(8);
        var youthRow = Cells(page, youth.Slug);
        youthRow[0].ShouldBe($"Forum {youth.Slug}");
        youthRow[1..].ShouldBe(["Youth", "Lomé", "Thursday 1 July 1993 – Saturday 3 July 1993", "3", "1", "2", "The forum's messages"], string.Join(" | ", youthRow));
        page.QuerySelector($"tr#forum-{youth.Slug} th[scope=row] a")!.GetAttribute("href").ShouldBe($"/{youth.Slug}");
        page.QuerySelector($"tr#forum-{youth.Slug} td:last-child a")!.GetAttribute("href").ShouldBe($"/{youth.Slug}/messages");

        var demo = Cells(page, "igf2022");
        demo[1].ShouldBe("Global");
        demo[^1].ShouldBe("The forum's messages", "the demo forum's outcome document is published");
        page.QuerySelector("main script").ShouldBeNull();

        // The header and the site's home page lead here.
        page.QuerySelector("header.site a[href='/archive']").ShouldNotBeNull();
        (await app.GetPageAsync("/", "en")).Page.QuerySelector("main a[href='/archive']").ShouldNotBeNull();
        // In another language, the kind is in its words.
        Cells((await app.GetPageAsync("/archive", "fr")).Page, youth.Slug)[1].ShouldBe("Jeunesse");
    }

    [Fact]
    public async Task A_forum_without_a_published_outcome_document_has_no_link_to_one()
    {
        var youth = await YouthForumAsync(outcome: false);
        var (_, page) = await app.GetPageAsync("/archive?kind=youth", "en");
        Cells(page, youth.Slug)[^1].ShouldBe("–");
    }

    [Fact]
    public async Task The_archive_is_filtered_by_kind_with_plain_links()
    {
        var youth = await YouthForumAsync(outcome: false);

        var (status, page) = await app.GetPageAsync("/archive?kind=youth", "en");

        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector($"tr#forum-{youth.Slug}").ShouldNotBeNull();
        page.QuerySelector("tr#forum-igf2022").ShouldBeNull();
        page.QuerySelector("nav [aria-current=page]")!.TextContent.ShouldBe("Youth");
        page.QuerySelectorAll("main nav a").Select(a => a.GetAttribute("href"))
            .ShouldBe(["/archive", "/archive?kind=global", "/archive?kind=regional", "/archive?kind=national"]);

        var global = (await app.GetPageAsync("/archive?kind=Global", "en")).Page;
        global.QuerySelector("tr#forum-igf2022").ShouldNotBeNull();
        global.QuerySelector($"tr#forum-{youth.Slug}").ShouldBeNull();
    }

    [Theory]
    [InlineData("continental")]
    [InlineData("1")]
    [InlineData("<b>x</b>")]
    public async Task A_kind_that_is_not_one_gives_the_page_with_a_message_and_400(string kind)
    {
        var (status, page) = await app.GetPageAsync($"/archive?kind={Uri.EscapeDataString(kind)}", "en");

        status.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector("p.err[role=alert]")!.TextContent.ShouldBe($"“{kind}” is not a kind of forum. Choose global, regional, national or youth.");
        page.QuerySelector("main b").ShouldBeNull();
        page.QuerySelector("main nav a[href='/archive?kind=national']").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_forum_links_its_previous_and_next_editions_of_its_series_only()
    {
        var series = $"igf-{Tag()}";
        var first = await app.ForumOfItsOwnAsync("ed", firstDay: new DateOnly(2031, 6, 1), shape: f => f.Series = series);
        var other = await app.ForumOfItsOwnAsync("ed", firstDay: new DateOnly(2032, 6, 1), shape: f => (f.Series, f.Kind) = ($"dig-{Tag()}", ForumKind.Regional));
        var second = await app.ForumOfItsOwnAsync("ed", firstDay: new DateOnly(2033, 6, 1), shape: f => f.Series = series);
        var alone = await app.ForumOfItsOwnAsync("ed", firstDay: new DateOnly(2032, 9, 1));

        var firstPage = (await app.GetPageAsync($"/{first.Slug}", "en")).Page;
        firstPage.QuerySelector("p.editions")!.TextContent.ShouldBe($"Next edition: Forum {second.Slug}");
        firstPage.QuerySelector("p.editions a[rel=next]")!.GetAttribute("href").ShouldBe($"/{second.Slug}");
        var secondPage = (await app.GetPageAsync($"/{second.Slug}", "en")).Page;
        secondPage.QuerySelector("p.editions")!.TextContent.ShouldBe($"Previous edition: Forum {first.Slug}");
        secondPage.QuerySelector("p.editions a[rel=prev]")!.GetAttribute("href").ShouldBe($"/{first.Slug}");
        (await app.GetPageAsync($"/{other.Slug}", "en")).Page.QuerySelector("p.editions").ShouldBeNull();
        (await app.GetPageAsync($"/{alone.Slug}", "en")).Page.QuerySelector("p.editions").ShouldBeNull();

        // A third edition between them, later the same year as the first, is next to one and previous to the other.
        var middle = await app.ForumOfItsOwnAsync("ed", firstDay: new DateOnly(2031, 11, 1), shape: f => f.Series = series);
        var middlePage = (await app.GetPageAsync($"/{middle.Slug}", "en")).Page;
        middlePage.QuerySelector("p.editions")!.TextContent.ShouldBe($"Previous edition: Forum {first.Slug} · Next edition: Forum {second.Slug}");
        (await app.InDbAsync(async db => (await db.NextEditionAsync(await db.Forums.SingleAsync(f => f.Slug == first.Slug)))!.Slug)).ShouldBe(middle.Slug);
        (await app.InDbAsync(async db => (await db.PreviousEditionAsync(await db.Forums.SingleAsync(f => f.Slug == second.Slug)))!.Slug)).ShouldBe(middle.Slug);
    }

    [Fact]
    public async Task The_forums_api_gives_each_forums_kind_and_series()
    {
        var (status, _, json) = await app.GetJsonAsync("/api/forums");
        status.ShouldBe(HttpStatusCode.OK);
        var demo = json.EnumerateArray().Single(f => f.GetProperty("slug").GetString() == "igf2022");
        demo.GetProperty("kind").GetString().ShouldBe("Global");
        demo.GetProperty("series").GetString().ShouldBe("igf");
        json.EnumerateArray().Select(f => f.GetProperty("kind").ValueKind).Distinct().ShouldBe([JsonValueKind.String]);
    }
}

[Collection("sqlite")]
public sealed class ArchiveOnSqlite(SqliteApp app) : ArchiveTests(app);

[Collection("postgres")]
public sealed class ArchiveOnPostgres(PostgresApp app) : ArchiveTests(app);
