using System.Net;
using AngleSharp.Html.Dom;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Programme;

public abstract class ProgrammePageTests(PlenaryApp app)
{
    private const string Programme = "/igf2022/programme";

    private static List<string> SessionLinks(IHtmlDocument page) =>
        page.QuerySelectorAll("ol.sessions h3 a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task Programme_lists_every_released_session_by_day_in_forum_time()
    {
        // Five placed in two rooms from 09:00 on 1 September and one not placed, released; then one more placed after the release.
        var forum = await app.ForumOfItsOwnAsync("prog", rooms: 2, placed: 5, unplaced: 1, released: true);
        await app.InDbAsync(async db =>
        {
            db.Sessions.Add(new Plenary.Features.Sessions.Session
            {
                ForumId = forum.Id, TypeId = forum.Sessions[0].TypeId, Number = 7, Title = "Placed after the release", LengthMinutes = 60,
                StartsAt = new DateTime(2026, 9, 2, 6, 0, 0, DateTimeKind.Utc), EndsAt = new DateTime(2026, 9, 2, 7, 0, 0, DateTimeKind.Utc), RoomId = forum.Rooms[0].Id,
            });
            await db.SaveChangesAsync();
        });
        await app.EvictPublicCacheAsync();

        var (status, page) = await app.GetPageAsync($"/{forum.Slug}/programme");
        status.ShouldBe(HttpStatusCode.OK);
        // The five by time, then the one not placed; not the one placed after the release.
        SessionLinks(page).ShouldBe([.. Enumerable.Range(1, 6).Select(n => $"/{forum.Slug}/sessions/ws-{n}")]);
        page.QuerySelectorAll("section.day h2").First().TextContent.ShouldBe("Tuesday 1 September 2026");
        page.QuerySelector("p.zone")!.TextContent.ShouldContain("Nairobi");
        // WS #3 is the first of the second hour, in the first room.
        var ws3 = page.QuerySelectorAll("ol.sessions > li").Single(li => li.QuerySelector("h3 a")!.GetAttribute("href") == $"/{forum.Slug}/sessions/ws-3");
        ws3.QuerySelector("p.t")!.TextContent.ShouldStartWith("10:00–11:00 · Room 1");
    }

    [Fact]
    public async Task Programme_shows_a_demo_session_by_day_in_forum_time()
    {
        var (status, page) = await app.GetPageAsync(Programme);
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("section.day h2").Select(h => h.TextContent).ShouldContain("Thursday 1 December 2022");
        page.QuerySelector("p.zone")!.TextContent.ShouldContain("Addis Ababa");
        var of56 = page.QuerySelectorAll("ol.sessions > li").Single(li => li.QuerySelector("h3 a")!.GetAttribute("href") == "/igf2022/sessions/of-56");
        of56.QuerySelector("p.t")!.TextContent.ShouldStartWith("09:30–10:30 · Banquet Hall A");
        of56.QuerySelector("p.m")!.TextContent.ShouldStartWith("Panel - Auditorium - 60 Min · Governing Data and Protecting Privacy · 1 onsite, 7 online");
    }

    [Fact]
    public async Task Programme_filters_by_type_and_day_and_says_how_many_match()
    {
        var (status, page) = await app.GetPageAsync($"{Programme}?type=OF&day=2022-12-01");
        status.ShouldBe(HttpStatusCode.OK);
        var links = SessionLinks(page);
        links.ShouldNotBeEmpty();
        links.ShouldAllBe(l => l.StartsWith("/igf2022/sessions/of-"));
        links.ShouldContain("/igf2022/sessions/of-56");
        page.QuerySelector("[role=status]")!.TextContent.ShouldStartWith($"{links.Count} of ");
        page.QuerySelectorAll("section.day").Length.ShouldBe(1);
        // The form keeps the choice, so the next change starts from it.
        ((IHtmlSelectElement)page.QuerySelector("#f-type")!).Value.ShouldBe("OF");
    }

    [Fact]
    public async Task Programme_text_search_finds_a_session_by_a_speaker_word_in_its_title()
    {
        var (_, page) = await app.GetPageAsync($"{Programme}?q=data-driven");
        SessionLinks(page).ShouldContain("/igf2022/sessions/of-56");
        ((IHtmlInputElement)page.QuerySelector("#f-q")!).Value.ShouldBe("data-driven");
    }

    [Fact]
    public async Task Programme_in_utc_moves_the_times()
    {
        var (_, page) = await app.GetPageAsync($"{Programme}?type=OF&tz=UTC");
        page.QuerySelector("p.zone")!.TextContent.ShouldContain("UTC");
        var of56 = page.QuerySelectorAll("ol.sessions > li").Single(li => li.QuerySelector("h3 a")!.GetAttribute("href") == "/igf2022/sessions/of-56");
        of56.QuerySelector("p.t")!.TextContent.ShouldStartWith("06:30–07:30");
    }

    [Fact]
    public async Task Bad_filters_get_a_400_page_that_names_each_problem_and_keeps_the_form()
    {
        var (status, page) = await app.GetPageAsync($"{Programme}?day=31-02-2022&sdg=18&type=XX&tz=Nowhere/City");
        status.ShouldBe(HttpStatusCode.BadRequest);
        var problems = page.QuerySelectorAll("[role=alert] li").Select(li => li.TextContent).ToList();
        problems.Count.ShouldBe(4);
        problems.ShouldContain(p => p.Contains("YYYY-MM-DD"));
        problems.ShouldContain(p => p.Contains("1 to 17"));
        problems.ShouldContain(p => p.Contains("“XX”"));
        page.QuerySelector("#f-day")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("form.filters").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_refused_filter_is_named_instead_of_a_count_of_no_sessions_and_the_way_out_keeps_the_other_filters()
    {
        var (status, page) = await app.GetPageAsync($"{Programme}?day=2022-12-01&type=XX");
        status.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector("p.lead")!.TextContent.ShouldNotContain("Sessions");
        page.QuerySelector("p.lead")!.TextContent.ShouldStartWith("From Monday 28 November 2022 to Friday 2 December 2022");
        var alert = page.QuerySelector("[role=alert]")!;
        alert.QuerySelector("h2")!.TextContent.ShouldBe("This filter cannot be used");
        alert.QuerySelector("li")!.TextContent.ShouldStartWith("Session type: There is no session type “XX” in this forum.");
        alert.QuerySelector("li a")!.GetAttribute("href").ShouldBe("#f-type");
        // The day was understood: the way out keeps it.
        var without = alert.QuerySelectorAll("p a").Single();
        without.TextContent.ShouldBe("Show the programme without this filter");
        without.GetAttribute("href").ShouldBe($"{Programme}?day=2022-12-01");
        var (then, programme) = await app.GetPageAsync(without.GetAttribute("href")!);
        then.ShouldBe(HttpStatusCode.OK);
        SessionLinks(programme).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Refused_filters_in_french_name_each_filter_and_show_no_count()
    {
        var (status, page) = await app.GetPageAsync($"{Programme}?sdg=abc&room=nowhere", language: "fr");
        status.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector("p.lead")!.TextContent.ShouldNotContain("Sessions : 0");
        page.QuerySelector("p.lead")!.TextContent.ShouldStartWith("Du ");
        var alert = page.QuerySelector("[role=alert]")!;
        alert.QuerySelector("h2")!.TextContent.ShouldBe("Ces filtres ne peuvent pas être appliqués");
        alert.QuerySelectorAll("li strong").Select(s => s.TextContent).ShouldBe(["ODD", "Salle"]);
        var without = alert.QuerySelectorAll("p a").Single();
        without.TextContent.ShouldBe("Afficher le programme sans ces filtres");
        without.GetAttribute("href").ShouldBe(Programme);
    }

    [Fact]
    public async Task A_framework_filter_in_a_forum_without_that_framework_is_named_without_a_link_to_a_field_it_lacks()
    {
        var forum = await app.ForumOfItsOwnAsync("nogdc", placed: 1);
        var (status, page) = await app.GetPageAsync($"/{forum.Slug}/programme?gdc=3");
        status.ShouldBe(HttpStatusCode.BadRequest);
        var item = page.QuerySelector("[role=alert] li")!;
        item.TextContent.ShouldBe("Global Digital Compact: This forum does not link its sessions to the Global Digital Compact.");
        item.QuerySelector("a").ShouldBeNull();
        page.QuerySelector("#f-gdc").ShouldBeNull();
    }

    [Fact]
    public async Task Over_long_query_gets_a_readable_400_page()
    {
        var (status, page) = await app.GetPageAsync($"{Programme}?q={new string('x', 10_000)}");
        status.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector("h1")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        page.Body!.TextContent.ShouldContain(Plenary.Infrastructure.Web.RequestLimits.TooLongReason);
    }

    [Fact]
    public async Task Filter_with_no_match_says_so_and_offers_the_whole_programme()
    {
        var (status, page) = await app.GetPageAsync($"{Programme}?q=zzzqqqxxx");
        status.ShouldBe(HttpStatusCode.OK);
        SessionLinks(page).ShouldBeEmpty();
        page.QuerySelector("p.empty a")!.GetAttribute("href").ShouldBe(Programme);
    }

    [Fact]
    public async Task Programme_in_french_uses_french_days_and_labels()
    {
        var (_, page) = await app.GetPageAsync(Programme, language: "fr");
        page.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Programme");
        page.QuerySelectorAll("section.day h2").Select(h => h.TextContent).ShouldContain("jeudi 1 décembre 2022");
        page.QuerySelector("label[for=f-room]")!.TextContent.ShouldBe("Salle");
    }
}

[Collection("sqlite")]
public sealed class ProgrammePageOnSqlite(SqliteApp app) : ProgrammePageTests(app);

[Collection("postgres")]
public sealed class ProgrammePageOnPostgres(PostgresApp app) : ProgrammePageTests(app);
