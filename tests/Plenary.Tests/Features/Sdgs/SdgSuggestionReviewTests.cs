using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sdgs;

/// <summary>
/// The Secretariat's review of what the sessions' texts suggest: rows for goals and targets not linked yet, with score
/// and matched words; accepting links them through the session's change (audited, versioned, on the session's page);
/// dismissing hides them for good; picks from another forum are not found.
/// </summary>
public abstract class SdgSuggestionReviewTests(PlenaryApp app)
{
    private const string Broadband = "Why broadband and digital infrastructure still fail rural schools, and what community networks can do about it, so that girls and women are not left out: gender equality online.";

    private async Task<OwnForum> ForumAsync(string prefix)
    {
        var forum = await app.ForumOfItsOwnAsync(prefix, unplaced: 2);
        await app.InDbAsync(async db =>
        {
            foreach (var s in await db.Sessions.AsTracking().Include(x => x.Sdgs).Where(x => x.ForumId == forum.Id).ToListAsync())
            {
                s.Description = Broadband;
                if (s.Number == 2)
                {
                    // Session 2 links goal 9 already: only its targets may be suggested.
                    s.Sdgs.Add(new SessionSdg { Goal = 9 });
                }
            }
            await db.SaveChangesAsync();
        });
        return forum;
    }

    private static string Pick(Session session, string code) => session.Id.ToString(CultureInfo.InvariantCulture) + ":" + code;

    [Fact]
    public async Task Suggestions_are_listed_with_score_and_words_and_accepting_one_links_it_through_the_sessions_change()
    {
        var forum = await ForumAsync("sdgrev");
        var (one, two) = (forum.Session(1), forum.Session(2));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var url = $"/{forum.Slug}/manage/sdg-suggestions";

        var list = await PlenaryApp.ParseAsync(await secretariat.GetAsync(url));
        var row = list.QuerySelector($"input[name=pick][value='{Pick(one, "9")}']")!.Closest("tr")!;
        row.TextContent.ShouldContain("Industry, innovation and infrastructure");
        row.TextContent.ShouldContain("‘broadband’");
        double.Parse(row.QuerySelectorAll("td")[2].TextContent, CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        list.QuerySelector($"input[name=pick][value='{Pick(two, "9")}']").ShouldBeNull("session 2 links goal 9");
        list.QuerySelector($"input[name=pick][value='{Pick(two, "9.c")}']").ShouldNotBeNull("but not its target");
        list.Body!.TextContent.ShouldContain("2 sessions read by the suggester in");
        var scores = list.QuerySelectorAll("tbody tr").Select(r => double.Parse(r.QuerySelectorAll("td")[2].TextContent, CultureInfo.InvariantCulture)).ToList();
        scores.ShouldBe(scores.OrderByDescending(s => s).ToList(), "best first");

        var version = await app.InDbAsync(db => db.Sessions.Where(s => s.Id == one.Id).Select(s => s.Version).SingleAsync());
        var accepted = await PlenaryApp.SubmitFormAsync(secretariat, url, [new("one", Pick(one, "9"))], url + "?handler=Accept");
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        accepted.Headers.Location!.OriginalString.ShouldBe(url + "?done=accepted");

        var session = await app.InDbAsync(db => db.Sessions.Include(s => s.Sdgs).SingleAsync(s => s.Id == one.Id));
        session.Sdgs.Select(g => g.Goal).ShouldBe([9]);
        session.Version.ShouldBeGreaterThan(version);
        (await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.Id && e.Action == "session.change" && e.Subject == one.Key).CountAsync())).ShouldBe(1);
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/sessions/{one.Key}"));
        page.QuerySelector($"a[href='/{forum.Slug}/sdgs/9']").ShouldNotBeNull("the goal shows on the session's page");
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync(url))).QuerySelector($"input[name=pick][value='{Pick(one, "9")}']").ShouldBeNull();
    }

    [Fact]
    public async Task Several_are_accepted_at_once_and_a_dismissed_one_is_not_offered_again()
    {
        var forum = await ForumAsync("sdgmany");
        var (one, two) = (forum.Session(1), forum.Session(2));
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var url = $"/{forum.Slug}/manage/sdg-suggestions";

        (await PlenaryApp.SubmitFormAsync(secretariat, url, [new("pick", Pick(one, "9")), new("pick", Pick(one, "9.c")), new("pick", Pick(two, "9.c"))], url + "?handler=Accept"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var linked = await app.InDbAsync(db => db.Sessions.Include(s => s.SdgTargets).Include(s => s.Sdgs).Where(s => s.ForumId == forum.Id).OrderBy(s => s.Number).ToListAsync());
        linked.Select(s => string.Join(",", s.SdgTargets.Select(t => t.TargetCode))).ShouldBe(["9.c", "9.c"]);
        linked[0].Sdgs.Select(g => g.Goal).ShouldBe([9]);

        var other = (await PlenaryApp.ParseAsync(await secretariat.GetAsync(url))).QuerySelectorAll("input[name=pick]").Select(i => i.GetAttribute("value")!)
            .FirstOrDefault(v => v.StartsWith(one.Id + ":", StringComparison.Ordinal) && !v.Contains(":9", StringComparison.Ordinal));
        other.ShouldNotBeNull("the text suggests more than goal 9");
        var goal = other.Split(':')[1].Split('.')[0];
        var filtered = await PlenaryApp.ParseAsync(await secretariat.GetAsync(url + "?Goal=" + goal));
        filtered.QuerySelectorAll("input[name=pick]").ShouldAllBe(i => i.GetAttribute("value")!.Split(':', StringSplitOptions.None)[1].Split('.', StringSplitOptions.None)[0] == goal);
        var dismissed = await PlenaryApp.SubmitFormAsync(secretariat, url + "?Goal=" + goal, [new("one", other), new("Goal", goal)], url + "?handler=Dismiss");
        dismissed.Headers.Location!.OriginalString.ShouldBe(url + "?done=dismissed&Goal=" + goal);
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync(url))).QuerySelector($"input[name=pick][value='{other}']").ShouldBeNull("dismissed for good");
        (await app.InDbAsync(db => db.SdgSuggestionDismissals.CountAsync(d => d.SessionId == one.Id))).ShouldBe(1);
        (await app.InDbAsync(db => db.AuditLog.CountAsync(e => e.ForumId == forum.Id && e.Action == "sdg.suggestion.dismiss" && e.Subject == one.Key))).ShouldBe(1);
        (await app.InDbAsync(db => db.SessionSdgs.CountAsync(g => g.SessionId == one.Id && g.Goal == int.Parse(goal, CultureInfo.InvariantCulture)))).ShouldBe(0, "dismissing links nothing");
    }

    [Fact]
    public async Task Bad_input_is_named_another_forums_session_is_not_found_and_the_form_needs_its_token()
    {
        var forum = await ForumAsync("sdgbad");
        var elsewhere = await ForumAsync("sdgelse");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var url = $"/{forum.Slug}/manage/sdg-suggestions";

        var score = await secretariat.GetAsync(url + "?MinScore=lots");
        score.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(score)).Body!.TextContent.ShouldContain("Enter the minimum score as a number");
        var high = await PlenaryApp.ParseAsync(await secretariat.GetAsync(url + "?MinScore=999"));
        high.QuerySelectorAll("input[name=pick]").ShouldBeEmpty();
        high.Body!.TextContent.ShouldContain("No suggestion left to review.");
        (await PlenaryApp.SubmitFormAsync(secretariat, url, [], url + "?handler=Accept")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.SubmitFormAsync(secretariat, url, [new("one", "x:9")], url + "?handler=Accept")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.SubmitFormAsync(secretariat, url, [new("one", Pick(forum.Session(1), "18"))], url + "?handler=Dismiss")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.SubmitFormAsync(secretariat, url, [new("one", Pick(elsewhere.Session(1), "9"))], url + "?handler=Accept")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PlenaryApp.SubmitFormAsync(secretariat, url, [new("one", Pick(elsewhere.Session(1), "9"))], url + "?handler=Dismiss")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Without the form's token nothing is linked, whoever posts.
        using var bare = new FormUrlEncodedContent([new("one", Pick(forum.Session(1), "9"))]);
        (await secretariat.PostAsync(url + "?handler=Accept", bare)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.InDbAsync(db => db.SessionSdgs.CountAsync(g => g.SessionId == forum.Session(1).Id || g.SessionId == elsewhere.Session(1).Id))).ShouldBe(0);
    }

    [Fact]
    public async Task An_administrator_reviews_the_whole_archive_and_a_secretariat_only_its_forum()
    {
        var forum = await ForumAsync("sdgarch");
        var elsewhere = await ForumAsync("sdgarch2");
        var url = $"/{forum.Slug}/manage/sdg-suggestions?Archive=true&Goal=9";
        using var administrator = await app.AdministratorAsync();
        var all = await PlenaryApp.ParseAsync(await administrator.GetAsync(url));
        all.QuerySelector($"input[name=pick][value='{Pick(elsewhere.Session(1), "9")}']").ShouldNotBeNull();
        all.QuerySelector($"input[name=pick][value='{Pick(forum.Session(1), "9")}']").ShouldNotBeNull();
        (await PlenaryApp.SubmitFormAsync(administrator, url, [new("one", Pick(elsewhere.Session(1), "9")), new("Archive", "true")], $"/{forum.Slug}/manage/sdg-suggestions?handler=Accept"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.SessionSdgs.CountAsync(g => g.SessionId == elsewhere.Session(1).Id && g.Goal == 9))).ShouldBe(1);

        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var own = await PlenaryApp.ParseAsync(await secretariat.GetAsync(url));
        own.QuerySelector("input[name=Archive]").ShouldBeNull("the archive is the administrators'");
        own.QuerySelectorAll("input[name=pick]").ShouldNotBeEmpty();
        own.QuerySelectorAll("input[name=pick]").ShouldAllBe(i => i.GetAttribute("value")!.StartsWith(forum.Session(1).Id + ":", StringComparison.Ordinal)
            || i.GetAttribute("value")!.StartsWith(forum.Session(2).Id + ":", StringComparison.Ordinal));
    }
}

[Collection("sqlite")]
public sealed class SdgSuggestionReviewOnSqlite(SqliteApp app) : SdgSuggestionReviewTests(app);

[Collection("postgres")]
public sealed class SdgSuggestionReviewOnPostgres(PostgresApp app) : SdgSuggestionReviewTests(app);
