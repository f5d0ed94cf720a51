using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Frameworks;
using Plenary.Features.Proposals;
using Plenary.Features.Reviews;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;
using static Plenary.Tests.Features.Proposals.ProposalForums;

namespace Plenary.Tests.Features.Proposals;

/// <summary>
/// In a forum that uses the Global Digital Compact and the WSIS action lines, proposers tick the objectives and action
/// lines their session serves as they give its SDGs; the Secretariat, reviewers and the API read them, and an accepted
/// proposal's session keeps them. A framework the forum does not use offers no boxes, and its links are neither
/// accepted nor shown.
/// </summary>
public abstract class ProposalFrameworkTests(PlenaryApp app)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A forum of its own with an open call, using the frameworks asked for.</summary>
    private async Task<string> ForumAsync(bool gdc, bool wsis)
    {
        var slug = $"fwp-{Tag()}";
        var forum = await EnsureAsync(app, slug);
        await app.InDbAsync(async db =>
        {
            await db.Forums.Where(f => f.Id == forum.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.UsesGdc, gdc).SetProperty(f => f.UsesWsis, wsis));
            db.Calls.Add(new Call { ForumId = forum.Id, SessionTypes = ["WS", "OF"], OpensAt = DateTime.UtcNow.AddDays(-1), ClosesAt = DateTime.UtcNow.AddDays(30) });
            await db.SaveChangesAsync();
        });
        return slug;
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, params (string Key, string Value)[] more) =>
        fields.Concat(more.Select(m => new KeyValuePair<string, string>(m.Key, m.Value))).ToList();

    private Task<List<(Framework, string)>> LinksAsync(int proposal) =>
        app.InDbAsync(async db => (await db.ProposalFrameworkLinks.Where(l => l.ProposalId == proposal).ToListAsync()).Select(l => (l.Framework, l.Code)).Order().ToList());

    [Fact]
    public async Task test_objectives_and_action_lines_ticked_on_the_proposal_form_are_stored_and_shown_to_the_secretariat_reviewers_and_the_api()
    {
        var slug = await ForumAsync(gdc: true, wsis: true);
        var tag = Tag();
        using var proposer = await app.SignedInVisitorAsync($"proposer-{tag}@example.org");
        var blank = await PlenaryApp.ParseAsync(await proposer.GetAsync($"/{slug}/proposals/new"));
        blank.QuerySelectorAll("#gdc input[type=checkbox]").Length.ShouldBe(5);
        blank.QuerySelectorAll("#wsis input[type=checkbox]").Length.ShouldBe(11);

        // The form's empty value beside the boxes, then the ticked ones; "c5" in any case is C5.
        var id = await CreateAsync(proposer, slug, With(Fields($"Trust online {tag}"),
            ("Form.Gdc", ""), ("Form.Gdc", "3"), ("Form.Wsis", ""), ("Form.Wsis", "c5"), ("Form.Wsis", "C10")));
        (await LinksAsync(id)).ShouldBe([(Framework.Gdc, "3"), (Framework.Wsis, "C10"), (Framework.Wsis, "C5")]);
        var url = $"/{slug}/proposals/{id}";
        var again = await PlenaryApp.ParseAsync(await proposer.GetAsync(url));
        again.QuerySelectorAll("#wsis input:checked").Select(i => i.GetAttribute("value")).ShouldBe(["C5", "C10"]);
        again.QuerySelectorAll("#gdc input:checked").Select(i => i.GetAttribute("value")).ShouldBe(["3"]);

        // Unticking every box of one framework removes its links and leaves the other's.
        var version = int.Parse(again.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);
        var saved = await PlenaryApp.SubmitFormAsync(proposer, url, With(Fields($"Trust online {tag}", version: version),
            ("Form.Gdc", ""), ("Form.Wsis", ""), ("Form.Wsis", "C5"), ("Form.Wsis", "C10")), $"{url}?handler=Save");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LinksAsync(id)).ShouldBe([(Framework.Wsis, "C10"), (Framework.Wsis, "C5")]);
        (await PlenaryApp.SubmitFormAsync(proposer, url, With(Fields($"Trust online {tag}", version: version + 1),
            ("Form.Gdc", ""), ("Form.Gdc", "3"), ("Form.Wsis", ""), ("Form.Wsis", "C5"), ("Form.Wsis", "C10")), $"{url}?handler=Save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The Secretariat reads the proposal's summary, with the chips linking to the forum's framework pages.
        using var secretariat = await app.SecretariatOfAsync(slug);
        var summary = await PlenaryApp.ParseAsync(await secretariat.GetAsync(url));
        summary.QuerySelectorAll("dl.facts a.framework").Select(a => a.GetAttribute("href")).ShouldBe(
            [$"/{slug}/frameworks/gdc/3", $"/{slug}/frameworks/wsis/C5", $"/{slug}/frameworks/wsis/C10"]);
        summary.QuerySelector("dl.facts")!.TextContent.ShouldContain("Global Digital Compact");

        // A reviewer assigned to it reads them on the review page.
        using var reviewer = await app.ReviewerOfAsync(slug);
        var reviewerId = await app.InDbAsync(db => db.ForumMembers.Where(m => db.Forums.Any(f => f.Id == m.ForumId && f.Slug == slug) && m.Role == Plenary.Kernel.Access.ForumRole.Reviewer)
            .OrderByDescending(m => m.Id).Select(m => m.AccountId).FirstAsync());
        await app.InDbAsync(async db =>
        {
            await db.Proposals.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.State, ProposalState.InReview));
            db.ReviewAssignments.Add(new ReviewAssignment { ProposalId = id, ReviewerId = reviewerId, AssignedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        (await PlenaryApp.SubmitFormAsync(secretariat, $"/{slug}/manage/reviews", [new("ReviewersPerProposal", "3"), new("DivergenceThreshold", "2"), new("ReviewersCanScore", "true")],
            $"/{slug}/manage/reviews?handler=Phase")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var review = await PlenaryApp.ParseAsync(await reviewer.GetAsync($"/{slug}/reviews/{id}"));
        review.QuerySelectorAll("a.framework").Select(a => a.GetAttribute("href")).ShouldBe(
            [$"/{slug}/frameworks/gdc/3", $"/{slug}/frameworks/wsis/C5", $"/{slug}/frameworks/wsis/C10"]);

        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var json = JsonSerializer.Deserialize<JsonElement>(await api.GetStringAsync($"/api/forums/{slug}/proposals/{id}"));
        json.GetProperty("gdc").EnumerateArray().Select(c => c.GetString()).ShouldBe(["3"]);
        json.GetProperty("wsis").EnumerateArray().Select(c => c.GetString()).ShouldBe(["C5", "C10"]);
    }

    [Fact]
    public async Task test_a_code_of_a_framework_the_forum_does_not_use_or_a_made_up_code_is_refused_with_a_message()
    {
        var slug = await ForumAsync(gdc: false, wsis: true);
        var tag = Tag();
        using var proposer = await app.SignedInVisitorAsync($"proposer-{tag}@example.org");
        var blank = await PlenaryApp.ParseAsync(await proposer.GetAsync($"/{slug}/proposals/new"));
        blank.QuerySelector("#gdc").ShouldBeNull("the forum does not use the Compact");
        blank.QuerySelector("#wsis").ShouldNotBeNull();

        var unused = await PlenaryApp.SubmitFormAsync(proposer, $"/{slug}/proposals/new", With(Fields($"Sent anyway {tag}"), ("Form.Gdc", "3")), $"/{slug}/proposals/new?handler=Save");
        unused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(unused)).Body!.TextContent.ShouldContain("This forum does not link its proposals to the Global Digital Compact.");
        var madeUp = await PlenaryApp.SubmitFormAsync(proposer, $"/{slug}/proposals/new", With(Fields($"Made up {tag}"), ("Form.Wsis", "C12")), $"/{slug}/proposals/new?handler=Save");
        madeUp.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(madeUp);
        page.QuerySelector("#wsis")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("#wsis .err")!.TextContent.ShouldBe("“C12” is not in the WSIS action lines. Use one of: C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11.");
        var tooLong = await PlenaryApp.SubmitFormAsync(proposer, $"/{slug}/proposals/new", With(Fields($"Long {tag}"), ("Form.Wsis", new string('C', 5_000))), $"/{slug}/proposals/new?handler=Save");
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.InDbAsync(db => db.Proposals.AnyAsync(p => p.Title.EndsWith(tag)))).ShouldBeFalse();

        // In Arabic the codes are listed with the Arabic comma.
        var arabic = await PlenaryApp.SubmitFormAsync(proposer, $"/{slug}/proposals/new", With(Fields($"Arabic {tag}"), ("Form.Wsis", "C12")), $"/{slug}/proposals/new?handler=Save&culture=ar");
        (await PlenaryApp.ParseAsync(arabic)).QuerySelector("#wsis .err")!.TextContent.ShouldContain("C1، C2، C3");
    }

    [Fact]
    public async Task test_accepting_the_proposal_carries_its_objectives_and_action_lines_to_the_session()
    {
        var slug = await ForumAsync(gdc: true, wsis: true);
        var tag = Tag();
        var id = await app.InDbAsync(async db =>
        {
            var forum = await db.Forums.Include(f => f.SessionTypes).Include(f => f.Subthemes).SingleAsync(f => f.Slug == slug);
            var proposal = new Proposal
            {
                ForumId = forum.Id, ProposerName = "Someone", Title = $"Community networks {tag}", TypeId = forum.SessionTypes.Single(t => t.Code == "WS").Id,
                Format = SessionFormat.RoundTable, Layout = Plenary.Features.Rooms.RoomLayout.UShape, LengthMinutes = 90, Description = "Why villages build their own networks.",
                State = ProposalState.InReview, Version = 1, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                Sdgs = [new ProposalSdg { Code = "9.c", Reason = "Universal access" }],
                FrameworkLinks = [new() { Framework = Framework.Gdc, Code = "1" }, new() { Framework = Framework.Wsis, Code = "C2" }, new() { Framework = Framework.Wsis, Code = "C10" }],
            };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return proposal.Id;
        });
        using var secretariat = await app.SecretariatOfAsync(slug);
        var url = $"/{slug}/manage/reviews/ranking";
        (await PlenaryApp.SubmitFormAsync(secretariat, url, [new("Selected", $"{id}"), new("Decision", "Accepted"), new("Reason", "Clear and timely.")], $"{url}?handler=Decide"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = await app.InDbAsync(db => db.Sessions.Include(s => s.FrameworkLinks).Include(s => s.SdgTargets).AsSplitQuery()
            .SingleAsync(s => db.ProposalSessions.Any(l => l.ProposalId == id && l.SessionId == s.Id)));
        session.FrameworkLinks.Select(l => (l.Framework, l.Code)).Order().ShouldBe([(Framework.Gdc, "1"), (Framework.Wsis, "C10"), (Framework.Wsis, "C2")]);
        session.SdgTargets.Select(t => t.TargetCode).ShouldBe(["9.c"]);
    }

    [Fact]
    public async Task test_links_kept_after_the_forum_stops_using_a_framework_stay_stored_but_are_not_shown()
    {
        var slug = await ForumAsync(gdc: true, wsis: true);
        var tag = Tag();
        using var proposer = await app.SignedInVisitorAsync($"proposer-{tag}@example.org");
        var id = await CreateAsync(proposer, slug, With(Fields($"Kept {tag}"), ("Form.Gdc", ""), ("Form.Gdc", "2"), ("Form.Wsis", ""), ("Form.Wsis", "C7")));
        var sessionKey = await app.InDbAsync(async db =>
        {
            var forum = await db.Forums.Include(f => f.SessionTypes).SingleAsync(f => f.Slug == slug);
            var session = new Session { ForumId = forum.Id, TypeId = forum.SessionTypes.Single(t => t.Code == "WS").Id, Number = 7, Title = $"Linked session {tag}", LengthMinutes = 60 };
            session.FrameworkLinks.Add(new SessionFrameworkLink { Framework = Framework.Gdc, Code = "2" });
            db.Sessions.Add(session);
            await db.Forums.Where(f => f.Id == forum.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.UsesGdc, false));
            await db.SaveChangesAsync();
            return "ws-7";
        });

        using var secretariat = await app.SecretariatOfAsync(slug);
        var url = $"/{slug}/proposals/{id}";
        var summary = await PlenaryApp.ParseAsync(await secretariat.GetAsync(url));
        summary.QuerySelectorAll("dl.facts a.framework").Select(a => a.GetAttribute("href")).ShouldBe([$"/{slug}/frameworks/wsis/C7"]);
        summary.QuerySelector("dl.facts")!.TextContent.ShouldNotContain("Global Digital Compact");
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        var json = JsonSerializer.Deserialize<JsonElement>(await api.GetStringAsync($"/api/forums/{slug}/proposals/{id}"));
        json.TryGetProperty("gdc", out _).ShouldBeFalse("a forum without the Compact answers no gdc field");

        // The proposer's form has no Compact boxes; saving it leaves the kept link alone.
        var form = await PlenaryApp.ParseAsync(await proposer.GetAsync(url));
        form.QuerySelector("#gdc").ShouldBeNull();
        var version = int.Parse(form.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);
        (await PlenaryApp.SubmitFormAsync(proposer, url, With(Fields($"Kept {tag}", version: version), ("Form.Wsis", ""), ("Form.Wsis", "C7")), $"{url}?handler=Save"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LinksAsync(id)).ShouldBe([(Framework.Gdc, "2"), (Framework.Wsis, "C7")]);

        // Sessions follow the same rule: the kept link does not show on the session page or in its API answer.
        await app.ReleaseTimetableAsync(slug);
        var page = (await app.GetPageAsync($"/{slug}/sessions/{sessionKey}")).Page;
        page.QuerySelector("#fw-gdc").ShouldBeNull();
        page.QuerySelectorAll("a.framework").Length.ShouldBe(0);
        var (_, _, details) = await app.GetJsonAsync($"/api/forums/{slug}/sessions/{sessionKey}");
        details.GetProperty("frameworks").GetArrayLength().ShouldBe(0);
    }
}

[Collection("sqlite")]
public sealed class ProposalFrameworksOnSqlite(SqliteApp app) : ProposalFrameworkTests(app);

[Collection("postgres")]
public sealed class ProposalFrameworksOnPostgres(PostgresApp app) : ProposalFrameworkTests(app);
