using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sessions;

/// <summary>The session page carries every field of the IGF's own page for Open Forum #56 (mission/004).</summary>
public abstract class SessionPageTests(PlenaryApp app)
{
    private const string Of56 = "/igf2022/sessions/of-56";

    [Fact]
    public async Task Session_page_shows_the_numbered_name_title_and_igf_format_line()
    {
        var (status, page) = await app.GetPageAsync(Of56);
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Enhance International Cooperation on Data-Driven Digital Economy");
        page.QuerySelector(".eyebrow")!.TextContent.ShouldContain("Open Forum #56");
        Fact(page, "Format").ShouldBe("Panel - Auditorium - 60 Min");
        Fact(page, "Room").ShouldBe("Banquet Hall A");
        Fact(page, "Subtheme").ShouldBe("Governing Data and Protecting Privacy");
        page.Title!.ShouldStartWith("Open Forum #56: Enhance International Cooperation");
    }

    [Fact]
    public async Task Session_page_gives_the_time_in_the_forums_zone_and_in_utc()
    {
        var (_, page) = await app.GetPageAsync(Of56);
        var time = Fact(page, "Time");
        // 06:30 UTC is 09:30 in Addis Ababa (UTC+3, no daylight saving).
        time.ShouldContain("Thursday 1 December 2022, 09:30–10:30");
        time.ShouldContain("06:30–07:30 UTC");
        page.QuerySelector("time[data-local]")!.GetAttribute("datetime").ShouldBe("2022-12-01T06:30Z");
    }

    [Fact]
    public async Task Session_page_adds_the_readers_time_zone_when_asked()
    {
        var (_, page) = await app.GetPageAsync($"{Of56}?tz=America/Bogota");
        Fact(page, "Time").ShouldContain("01:30–02:30");
        var (status, bad) = await app.GetPageAsync($"{Of56}?tz=Mars/Olympus_Mons");
        // The reader's mistake gets a 400, but still the whole page, with the reason.
        status.ShouldBe(HttpStatusCode.BadRequest);
        bad.QuerySelector("h1")!.TextContent.ShouldStartWith("Enhance International Cooperation");
        bad.QuerySelector("[role=alert]")!.TextContent.ShouldContain("“Mars/Olympus_Mons” is not a time zone");
    }

    [Fact]
    public async Task Session_page_lists_organisers_speakers_with_online_marks_moderators_and_rapporteur()
    {
        var (_, page) = await app.GetPageAsync(Of56);
        var people = page.QuerySelector("section[aria-labelledby=people]")!;
        var lists = people.QuerySelectorAll("h3").ToDictionary(h => h.TextContent, h => h.NextElementSibling!.Children.Select(li => li.TextContent.Trim()).ToList());
        lists["Organizers"].ShouldContain(o => o.StartsWith("Bureau of International Cooperation, Cyberspace Administration of China"));
        lists["Speakers"].Count.ShouldBe(8);
        lists["Speakers"].Count(s => s.EndsWith("(Online)")).ShouldBe(7);
        lists["Speakers"].Single(s => !s.EndsWith("(Online)")).ShouldStartWith("Ms. Yik Chan Chin");
        lists["Onsite Moderator"].Single().ShouldStartWith("Ms. Yik Chan Chin");
        lists["Online Moderator"].Single().ShouldBe("Prof. Li Yuxiao, Secretary General, Cyber Security Association of China");
        lists["Rapporteur"].Single().ShouldStartWith("Wang Junting, International Cooperation and Research Department");
        Fact(page, "Participation").ShouldBe("Speakers: 1 onsite, 7 online.");
    }

    [Fact]
    public async Task Session_page_links_each_goal_to_the_un_metadata_and_keeps_the_targets_text()
    {
        var (_, page) = await app.GetPageAsync(Of56);
        var goals = page.QuerySelectorAll("ul.goals > li").ToList();
        goals.Select(g => g.ClassName).ShouldBe(["g1", "g5", "g8", "g9", "g10", "g11", "g16", "g17"]);
        goals.Single(g => g.ClassName == "g9").QuerySelector("a.uri")!.GetAttribute("href").ShouldBe("http://metadata.un.org/sdg/9");
        page.QuerySelector("section[aria-labelledby=sdgs]")!.TextContent.ShouldContain("helps end poverty and achieve common prosperity (SDG1)");
    }

    [Fact]
    public async Task Session_page_shows_takeaways_report_and_gender_report()
    {
        var (_, page) = await app.GetPageAsync(Of56);
        page.QuerySelectorAll("section[aria-labelledby=takeaways] .takeaway").Length.ShouldBe(2);
        page.QuerySelector("section[aria-labelledby=report]")!.TextContent.ShouldContain("necessity and urgency of international cooperation");
        var gender = page.QuerySelector("section[aria-labelledby=gender]")!;
        gender.QuerySelector("h2")!.TextContent.ShouldBe("Reflection on Gender Issues (Gender Report)");
        gender.QuerySelectorAll("dt").Select(d => d.TextContent).ShouldContain("Participants");
    }

    [Fact]
    public async Task Session_page_targets_link_to_their_un_uri()
    {
        var key = await app.InDbAsync(async db =>
        {
            var target = await db.SessionSdgTargets.OrderBy(t => t.SessionId).ThenBy(t => t.TargetCode).FirstAsync();
            return (await db.Sessions.Include(s => s.Type).SingleAsync(s => s.Id == target.SessionId)).Key;
        });
        var (_, page) = await app.GetPageAsync($"/igf2022/sessions/{key}");
        var link = page.QuerySelector("ul.targets a")!;
        link.GetAttribute("href")!.ShouldMatch(@"^http://metadata\.un\.org/sdg/\d{1,2}\.[0-9a-z]+$");
        link.TextContent.ShouldStartWith("Target ");
    }

    [Fact]
    public async Task Raw_html_in_a_description_is_shown_as_text_never_run()
    {
        // A session of a forum of its own, released with the description it is given here.
        var forum = await app.ForumOfItsOwnAsync("html", placed: 1);
        var id = forum.Session(1).Id;
        await app.InDbAsync(db => db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Description,
            "**Bold** <script>alert('x')</script> <img src=x onerror=alert(1)> [link](javascript:alert(2))")));
        await app.ReleaseTimetableAsync(forum.Slug);

        var (_, page) = await app.GetPageAsync($"/{forum.Slug}/sessions/{forum.Session(1).Key}");
        var description = page.QuerySelector("section[aria-labelledby=description]")!;
        description.QuerySelector("strong")!.TextContent.ShouldBe("Bold");
        description.QuerySelectorAll("script, img").Length.ShouldBe(0);
        description.QuerySelectorAll("[onerror]").Length.ShouldBe(0);
        description.QuerySelectorAll("a").ShouldAllBe(a => !(a.GetAttribute("href") ?? "").StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        description.TextContent.ShouldContain("<script>alert('x')</script>");
    }

    [Fact]
    public async Task Cancelled_session_says_so()
    {
        var key = await app.InDbAsync(async db =>
            // The demo's own (released) cancellation: other tests cancel sessions of their own, in other forums or unreleased.
            (await db.Sessions.Include(s => s.Type).Where(s => s.Forum.Slug == "igf2022" && s.Status == SessionStatus.Cancelled).OrderBy(s => s.Id).FirstAsync()).Key);
        var (status, page) = await app.GetPageAsync($"/igf2022/sessions/{key}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector(".cancelled")!.TextContent.ShouldBe("This session has been cancelled.");
    }

    [Theory]
    [InlineData("/igf2022/sessions/of-9999")]
    [InlineData("/igf2022/sessions/nonsense")]
    [InlineData("/no-such-forum/sessions/of-56")]
    public async Task Unknown_session_is_a_404_page_that_helps(string url)
    {
        var (status, page) = await app.GetPageAsync(url);
        status.ShouldBe(HttpStatusCode.NotFound);
        page.QuerySelector("h1")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        page.QuerySelectorAll("main a").Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Session_page_in_french_keeps_the_record_and_translates_the_labels()
    {
        var (_, page) = await app.GetPageAsync($"{Of56}?culture=fr");
        page.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Enhance International Cooperation on Data-Driven Digital Economy");
        page.QuerySelectorAll("dt").Select(d => d.TextContent).ShouldContain("Salle");
        page.QuerySelectorAll(".online").First().TextContent.ShouldBe("(En ligne)");
    }

    private static string Fact(IDocument page, string label)
    {
        var dt = page.QuerySelectorAll("dl.facts dt").FirstOrDefault(d => d.TextContent == label)
            ?? throw new ShouldAssertException($"No fact labelled “{label}” on {page.Url}.");
        return string.Join(" ", dt.NextElementSibling!.TextContent.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
    }
}

[Collection("sqlite")]
public sealed class SessionPageOnSqlite(SqliteApp app) : SessionPageTests(app);

[Collection("postgres")]
public sealed class SessionPageOnPostgres(PostgresApp app) : SessionPageTests(app);
