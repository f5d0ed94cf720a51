using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Proposals;
using Plenary.Tests.Infrastructure.Fixtures;
using static Plenary.Tests.Features.Proposals.ProposalForums;

namespace Plenary.Tests.Features.Proposals;

/// <summary>
/// The call for proposals as the public finds it: from the forum's home, without an account, with its dates in the
/// forum's zone, UTC and the reader's own, the types and subthemes, and the screening rules in words.
/// The test forums are in Tokyo (UTC+9, no daylight saving), so every time below can be written out.
/// </summary>
public abstract class PublicCallTests(PlenaryApp app)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>Opens on Monday 6 January 2020 at 09:00 in Tokyo and closes on Sunday 1 March 2099 at 23:59 there: open whenever the test runs.</summary>
    private static readonly DateTime LongAgo = new(2020, 1, 6, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime FarAhead = new(2099, 3, 1, 14, 59, 0, DateTimeKind.Utc);

    private async Task<string> ForumWithCallAsync(string name, DateTime opens, DateTime closes, Action<Call>? tune = null)
    {
        var slug = $"{name}-{Tag()}";
        var forum = await EnsureAsync(app, slug);
        await app.InDbAsync(async db =>
        {
            var call = new Call { ForumId = forum.Id, SessionTypes = ["WS", "LT"], OpensAt = opens, ClosesAt = closes };
            tune?.Invoke(call);
            db.Calls.Add(call);
            await db.SaveChangesAsync();
        });
        return slug;
    }

    private static List<string> Items(IHtmlDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(e => string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();

    [Fact]
    public async Task A_visitor_without_an_account_goes_from_the_home_page_to_the_call_and_reads_its_dates_types_and_rules()
    {
        var slug = await ForumWithCallAsync("cfp-public", LongAgo, FarAhead, call => (call.MinConfirmedSpeakers, call.MinOnsiteSpeakers, call.MaxProposalsPerSpeaker) = (4, null, 1));

        var (status, home) = await app.GetPageAsync($"/{slug}");
        status.ShouldBe(HttpStatusCode.OK);
        var notice = home.QuerySelector("#call").ShouldNotBeNull();
        notice.TextContent.ShouldContain("The call for session proposals is open until Sunday 1 March 2099, 23:59 Asia/Tokyo (UTC+9).");
        var link = notice.QuerySelector("a")!.GetAttribute("href")!;
        link.ShouldBe($"/{slug}/call");

        (status, var page) = await app.GetPageAsync(link);
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Call for session proposals");
        page.QuerySelector("#status")!.TextContent.ShouldBe("Open: proposals are welcome until Sunday 1 March 2099, 23:59 Asia/Tokyo (UTC+9).");
        Items(page, "dl.facts dd").ShouldBe([
            "Monday 6 January 2020, 09:00 Asia/Tokyo (UTC+9) Monday 6 January 2020, 00:00 UTC",
            "Sunday 1 March 2099, 23:59 Asia/Tokyo (UTC+9) Sunday 1 March 2099, 14:59 UTC"]);
        // The accepted types only, with their usual lengths; then the forum's subthemes.
        Items(page, "section[aria-labelledby=types] ul:first-of-type li").ShouldBe(["Workshop · 90 minutes", "Lightning Talk · 20 minutes"]);
        page.QuerySelector("section[aria-labelledby=types]")!.TextContent.ShouldContain("Digital Divides and Inclusion");
        // The rules as the screening applies them, tuned by this call: four confirmed speakers, no onsite minimum, one proposal per speaker.
        Items(page, "section[aria-labelledby=rules] ul.rules:first-of-type li").ShouldBe([
            "Every required part filled in: Description, Policy questions, Expected outcomes, How online participants will be engaged, Subtheme, Sustainable Development Goals, Speakers, Onsite Moderator, Online Moderator, Rapporteur.",
            "At least 4 speakers who have confirmed: each speaker named is asked by e-mail to confirm.",
            "At least one speaker of a different gender from the rest: speakers state their gender when they confirm, or in their Plenary profile.",
            "A moderator present onsite, in the room.",
            "Workshops: organisers and speakers from at least two stakeholder groups and at least two regional groups.",
            "No speaker in more than one proposal handed in to this forum.",
            "Workshops: none of the organisers may be a reviewer of this forum's proposals.",
        ]);
        Items(page, "section[aria-labelledby=rules] ul.rules:last-of-type li").ShouldBe([
            "Organisers whose session at the previous edition never filed its report are flagged to the Secretariat, who sees the flag when deciding."]);

        // The way in: sign in (or create an account), then the form.
        var propose = page.QuerySelectorAll("main a").Single(a => a.TextContent == "Propose a session").GetAttribute("href")!;
        propose.ShouldBe($"/account/sign-in?returnUrl=%2F{slug}%2Fproposals%2Fnew");
        page.QuerySelectorAll("main a").Single(a => a.TextContent == "Create an account").GetAttribute("href").ShouldBe($"/account/sign-up?returnUrl=%2F{slug}%2Fproposals%2Fnew");
        (status, var signIn) = await app.GetPageAsync(propose);
        status.ShouldBe(HttpStatusCode.OK);
        signIn.QuerySelector("input[name=ReturnUrl]")!.GetAttribute("value").ShouldBe($"/{slug}/proposals/new");
    }

    [Fact]
    public async Task A_call_without_workshops_states_no_workshop_rule_and_a_call_without_rules_says_so()
    {
        var slug = await ForumWithCallAsync("cfp-open-forums", LongAgo, FarAhead, call => call.SessionTypes = ["OF"]);
        var page = (await app.GetPageAsync($"/{slug}/call")).Page;
        Items(page, "section[aria-labelledby=rules] li").ShouldNotContain(r => r.StartsWith("Workshops", StringComparison.Ordinal));
        Items(page, "section[aria-labelledby=rules] ul.rules:first-of-type li").Count.ShouldBe(6);

        var bare = await ForumWithCallAsync("cfp-bare", LongAgo, FarAhead, call =>
        {
            (call.RequireCompleteFields, call.RequireGenderDiversity, call.RequireOnsiteModerator, call.RequireGroupDiversity, call.ReviewersMayNotProposeWorkshops, call.FlagMissingReports) =
                (false, false, false, false, false, false);
            (call.MinConfirmedSpeakers, call.MinOnsiteSpeakers, call.MaxProposalsPerSpeaker) = (null, null, null);
        });
        page = (await app.GetPageAsync($"/{bare}/call")).Page;
        page.QuerySelectorAll("ul.rules li").Length.ShouldBe(0);
        page.QuerySelector("section[aria-labelledby=rules]")!.TextContent.ShouldContain("This call sets no screening rule: every proposal handed in goes on to review.");
    }

    [Fact]
    public async Task When_the_Secretariat_tunes_a_rule_the_public_page_says_the_new_rule_at_once()
    {
        var slug = await ForumWithCallAsync("cfp-tuned", LongAgo, FarAhead);
        // Read once, so the anonymous page sits in the output cache.
        Items((await app.GetPageAsync($"/{slug}/call")).Page, "ul.rules li").ShouldContain("At least 3 speakers who have confirmed: each speaker named is asked by e-mail to confirm.");

        using var secretariat = await app.SecretariatOfAsync(slug);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Types", "WS"), new("Types", "LT"), new("OpensDay", "2020-01-06"), new("OpensTime", "09:00"), new("ClosesDay", "2099-03-01"), new("ClosesTime", "23:59"),
            new("RequireCompleteFields", "true"), new("MinConfirmedSpeakers", "5"), new("RequireGenderDiversity", "true"), new("MinOnsiteSpeakers", "1"),
            new("RequireOnsiteModerator", "true"), new("RequireGroupDiversity", "true"), new("MaxProposalsPerSpeaker", "3"), new("ReviewersMayNotProposeWorkshops", "true"),
        };
        (await PlenaryApp.SubmitFormAsync(secretariat, $"/{slug}/manage/call", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var rules = Items((await app.GetPageAsync($"/{slug}/call")).Page, "ul.rules li");
        rules.ShouldContain("At least 5 speakers who have confirmed: each speaker named is asked by e-mail to confirm.");
        rules.ShouldContain("At least one speaker present onsite, at the venue.");
        rules.ShouldContain("No speaker in more than 3 proposals handed in to this forum.");
        // The flag was switched off: the page no longer mentions it.
        rules.ShouldNotContain(r => r.StartsWith("Organisers whose session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_in_reader_sees_the_dates_in_their_own_zone_and_goes_straight_to_the_form()
    {
        var slug = await ForumWithCallAsync("cfp-zone", LongAgo, FarAhead);
        using var reader = await app.SignedInVisitorAsync($"reader-{Tag()}@example.org",
            (db, id) => db.Users.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.TimeZoneId, "America/Sao_Paulo")));
        var page = await PlenaryApp.ParseAsync(await reader.GetAsync($"/{slug}/call"));
        Items(page, "dl.facts dd").Last().ShouldBe(
            "Sunday 1 March 2099, 23:59 Asia/Tokyo (UTC+9) Sunday 1 March 2099, 14:59 UTC In your time zone: Sunday 1 March 2099, 11:59 America/Sao Paulo (UTC−3)");
        page.QuerySelectorAll("main a").Single(a => a.TextContent == "Propose a session").GetAttribute("href").ShouldBe($"/{slug}/proposals/new");
        (await reader.GetAsync($"/{slug}/proposals/new")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_announced_call_is_on_the_home_page_with_its_opening_and_offers_no_form_yet()
    {
        var slug = await ForumWithCallAsync("cfp-soon", new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc), FarAhead);
        var home = (await app.GetPageAsync($"/{slug}")).Page;
        home.QuerySelector("#call")!.TextContent.ShouldContain("The call for session proposals opens on Thursday 1 January 2099, 09:00 Asia/Tokyo (UTC+9).");
        var page = (await app.GetPageAsync($"/{slug}/call")).Page;
        page.QuerySelector("#status")!.TextContent.ShouldBe("Announced: the call opens on Thursday 1 January 2099, 09:00 Asia/Tokyo (UTC+9).");
        page.QuerySelectorAll("main a").ShouldNotContain(a => a.TextContent == "Propose a session");
        page.QuerySelectorAll("ul.rules li").Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_closed_call_or_none_leaves_the_home_page_quiet_and_the_call_page_says_why()
    {
        await EnsureAsync(app, Closed);
        (await app.GetPageAsync($"/{Closed}")).Page.QuerySelector("#call").ShouldBeNull();
        var page = (await app.GetPageAsync($"/{Closed}/call")).Page;
        // cfp-closed's call closed on 1 June 2023 at 14:59 UTC.
        page.QuerySelector("#status")!.TextContent.ShouldBe("Closed on Thursday 1 June 2023, 23:59 Asia/Tokyo (UTC+9): proposals can no longer be handed in.");
        page.QuerySelectorAll("main a").ShouldNotContain(a => a.TextContent == "Propose a session");

        var none = $"cfp-none-{Tag()}";
        await EnsureAsync(app, none);
        (await app.GetPageAsync($"/{none}")).Page.QuerySelector("#call").ShouldBeNull();
        var (status, empty) = await app.GetPageAsync($"/{none}/call");
        status.ShouldBe(HttpStatusCode.OK);
        empty.QuerySelector("main")!.TextContent.ShouldContain("This forum has no call for proposals open or announced.");
        (await app.GetAsync("/no-such-forum/call")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Proposals_address_leads_a_visitor_to_the_call_and_a_signed_in_proposer_to_their_list()
    {
        var slug = await ForumWithCallAsync("cfp-door", LongAgo, FarAhead);
        var answer = await app.GetAsync($"/{slug}/proposals");
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.OriginalString.ShouldBe($"/{slug}/call");
        var page = (await app.GetPageAsync($"/{slug}/call")).Page;
        page.QuerySelectorAll("main a").Single(a => a.TextContent == "Sign in to see your proposals").GetAttribute("href")
            .ShouldBe($"/account/sign-in?returnUrl=%2F{slug}%2Fproposals");

        using var proposer = await app.SignedInVisitorAsync($"door-{Tag()}@example.org");
        var mine = await proposer.GetAsync($"/{slug}/proposals");
        mine.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.ParseAsync(mine)).QuerySelector("h1")!.TextContent.ShouldBe("Your proposals");
    }

    [Fact]
    public async Task The_call_reads_in_french()
    {
        var slug = await ForumWithCallAsync("cfp-fr", LongAgo, FarAhead, call => call.MinConfirmedSpeakers = 4);
        var page = (await app.GetPageAsync($"/{slug}/call", "fr")).Page;
        page.QuerySelector("h1")!.TextContent.ShouldBe("Appel à propositions de sessions");
        page.QuerySelector("#status")!.TextContent.ShouldBe("Ouvert : les propositions sont attendues jusqu’au dimanche 1 mars 2099, 23:59 Asia/Tokyo (UTC+9).");
        Items(page, "ul.rules li").ShouldContain("Au moins 4 intervenants ayant confirmé : chaque intervenant nommé est invité par courriel à confirmer.");
        Items(page, "ul.rules li").ShouldContain("Toutes les parties requises remplies : Description, Questions de politique publique, Résultats attendus, Comment les participants en ligne seront impliqués, Sous-thème, Objectifs de développement durable, Intervenants, Modérateur sur place, Modérateur en ligne, Rapporteur.");
    }
}

[Collection("sqlite")]
public sealed class PublicCallOnSqlite(SqliteApp app) : PublicCallTests(app);

[Collection("postgres")]
public sealed class PublicCallOnPostgres(PostgresApp app) : PublicCallTests(app);
