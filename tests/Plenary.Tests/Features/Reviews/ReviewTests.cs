using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Kernel.Access;
using Plenary.Features.People;
using Plenary.Features.Proposals;
using Plenary.Features.Reviews;
using Plenary.Features.Sessions;
using Plenary.Tests.Features.Proposals;
using Plenary.Tests.Infrastructure.Fixtures;
using Plenary.Tests.Infrastructure.Web;

namespace Plenary.Tests.Features.Reviews;

/// <summary>The advisory group's review end to end: phase switches, scoring, anonymity, assignments, ranking, decisions, merges.</summary>
public abstract class ReviewTests(PlenaryApp app)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A forum of its own for one test, with the IGF's session types and one subtheme.</summary>
    private async Task<string> ForumAsync()
    {
        var slug = $"rev-{Tag()}";
        await ProposalForums.EnsureAsync(app, slug);
        return slug;
    }

    private Task<int> ForumIdAsync(string slug) => app.InDbAsync(db => db.Forums.Where(f => f.Slug == slug).Select(f => f.Id).SingleAsync());

    private Task<int> AccountIdAsync(string email) => app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());

    /// <summary>A signed-in account whose profile carries a distinctive name and organisation.</summary>
    private async Task<(HttpClient Visitor, int Id)> PersonAsync(string email, string name, string organisation)
    {
        var visitor = await app.SignedInVisitorAsync(email);
        var id = await AccountIdAsync(email);
        await app.InDbAsync(db => db.People.Where(p => db.Users.Any(a => a.Id == id && a.PersonId == p.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, name).SetProperty(p => p.Affiliation, organisation)));
        return (visitor, id);
    }

    private async Task<(HttpClient Visitor, int Id)> ReviewerAsync(string slug)
    {
        var reviewer = await app.ReviewerOfAsync(slug);
        var forumId = await ForumIdAsync(slug);
        var id = await app.InDbAsync(db => db.ForumMembers.Where(m => m.ForumId == forumId && m.Role == ForumRole.Reviewer).OrderByDescending(m => m.Id).Select(m => m.AccountId).FirstAsync());
        return (reviewer, id);
    }

    /// <summary>A proposal in review, written as the call would leave it: every role named, one speaker declined.</summary>
    private Task<int> ProposalInReviewAsync(string slug, int? proposerId, string proposerName, string tag, string type = "WS") => app.InDbAsync(async db =>
    {
        var forum = await db.Forums.Include(f => f.SessionTypes).Include(f => f.Subthemes).SingleAsync(f => f.Slug == slug);
        var proposal = new Proposal
        {
            ForumId = forum.Id, ProposerId = proposerId, ProposerName = proposerName, Title = $"Community networks {tag}", TypeId = forum.SessionTypes.Single(t => t.Code == type).Id,
            Format = SessionFormat.RoundTable, Layout = Plenary.Features.Rooms.RoomLayout.UShape, LengthMinutes = 90, SubthemeId = forum.Subthemes.First().Id,
            Tags = "access, rural", Description = "Why villages build their own networks.", PolicyQuestions = "What should regulators allow?",
            ExpectedOutcomes = "A list of licensing fixes.", OnlineEngagement = "Questions from online first.", State = ProposalState.InReview, Version = 1,
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            Sdgs = [new ProposalSdg { Code = "9.c", Reason = "Universal access" }],
            People =
            [
                new ProposalPerson { Kind = SessionRoleKind.Organiser, Name = $"Bartholomew Xylander {tag}", Email = $"xylander-{tag}@example.org", Position = 1 },
                new ProposalPerson { Kind = SessionRoleKind.Speaker, Name = $"Ottoline Vaszary {tag}", Email = $"vaszary-{tag}@example.org", Position = 2, Answer = SpeakerAnswer.Confirmed, Gender = Gender.Woman },
                new ProposalPerson { Kind = SessionRoleKind.Speaker, Name = $"Casimir Ubelaker {tag}", Email = $"ubelaker-{tag}@example.org", Position = 3, Mode = ParticipationMode.Online, Answer = SpeakerAnswer.Confirmed, Gender = Gender.Man },
                new ProposalPerson { Kind = SessionRoleKind.Speaker, Name = $"Declined Speaker {tag}", Email = $"declined-{tag}@example.org", Position = 4, Answer = SpeakerAnswer.Declined },
                new ProposalPerson { Kind = SessionRoleKind.OnsiteModerator, Name = $"Philippa Quenneville {tag}", Email = $"quenneville-{tag}@example.org", Position = 5 },
                new ProposalPerson { Kind = SessionRoleKind.OnlineModerator, Name = $"Lysander Okonkwo-Fitch {tag}", Email = $"fitch-{tag}@example.org", Position = 6, Mode = ParticipationMode.Online },
                new ProposalPerson { Kind = SessionRoleKind.Rapporteur, Name = $"Imogen Tarkovsky {tag}", Email = $"tarkovsky-{tag}@example.org", Position = 7 },
            ],
        };
        db.Proposals.Add(proposal);
        await db.SaveChangesAsync();
        return proposal.Id;
    });

    private Task AssignAsync(int proposal, int reviewer) => app.InDbAsync(async db =>
    {
        db.ReviewAssignments.Add(new ReviewAssignment { ProposalId = proposal, ReviewerId = reviewer, AssignedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    });

    private static Task<HttpResponseMessage> PhaseAsync(HttpClient secretariat, string slug, bool score, bool names, bool others = false, string perProposal = "3", string threshold = "2")
    {
        var fields = new List<KeyValuePair<string, string>> { new("ReviewersPerProposal", perProposal), new("DivergenceThreshold", threshold) };
        if (score) { fields.Add(new("ReviewersCanScore", "true")); }
        if (names) { fields.Add(new("ReviewersSeeNames", "true")); }
        if (others) { fields.Add(new("ReviewersSeeOtherScores", "true")); }
        return PlenaryApp.SubmitFormAsync(secretariat, $"/{slug}/manage/reviews", fields, $"/{slug}/manage/reviews?handler=Phase");
    }

    private Task<List<ReviewCriterion>> CriteriaAsync(string slug) => app.InDbAsync(async db => await db.CriteriaAsync(await db.Forums.Where(f => f.Slug == slug).Select(f => f.Id).SingleAsync(), default));

    [Fact]
    public async Task Secretariat_switches_the_phase_and_each_change_is_audited()
    {
        var slug = await ForumAsync();
        using var secretariat = await app.SecretariatOfAsync(slug);
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/manage/reviews"));
        page.QuerySelector("input[name=ReviewersSeeNames]")!.HasAttribute("checked").ShouldBeFalse("anonymous review is the default");
        (await CriteriaAsync(slug)).Select(c => c.Name).ShouldBe(ReviewCriterion.IgfDefaults);

        (await PhaseAsync(secretariat, slug, score: true, names: false, others: true, perProposal: "4", threshold: "1.5")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var forumId = await ForumIdAsync(slug);
        var settings = await app.InDbAsync(db => db.ReviewSettings.SingleAsync(s => s.ForumId == forumId));
        (settings.ReviewersCanScore, settings.ReviewersSeeOtherScores, settings.ReviewersSeeNames, settings.ReviewersPerProposal, settings.DivergenceThreshold)
            .ShouldBe((true, true, false, 4, 1.5));
        (await app.InDbAsync(db => db.AuditLog.CountAsync(e => e.ForumId == forumId && e.Action == "review.phase"))).ShouldBe(1);

        var bad = await PhaseAsync(secretariat, slug, score: false, names: true, perProposal: "0");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refused = await PlenaryApp.ParseAsync(bad);
        refused.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Reviewers per proposal: give a whole number from 1 to 20.");
        refused.QuerySelector("#per-proposal")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await app.InDbAsync(db => db.ReviewSettings.SingleAsync(s => s.ForumId == forumId))).ReviewersCanScore.ShouldBeTrue("nothing of a refused form is saved");
    }

    [Fact]
    public async Task Criteria_are_added_renamed_weighed_and_removed()
    {
        var slug = await ForumAsync();
        using var secretariat = await app.SecretariatOfAsync(slug);
        await secretariat.GetAsync($"/{slug}/manage/reviews");
        var url = $"/{slug}/manage/reviews";
        (await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["CriterionId"] = "0", ["CriterionName"] = "Innovation", ["CriterionWeight"] = "2" }, $"{url}?handler=Criterion"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var added = (await CriteriaAsync(slug)).Single(c => c.Name == "Innovation");
        (added.Weight, added.Position).ShouldBe((2, 5));

        (await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["CriterionId"] = added.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["CriterionName"] = "Novelty", ["CriterionWeight"] = "3" }, $"{url}?handler=Criterion"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CriteriaAsync(slug)).Single(c => c.Id == added.Id).ShouldSatisfyAllConditions(c => c.Name.ShouldBe("Novelty"), c => c.Weight.ShouldBe(3));

        var heavy = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["CriterionId"] = "0", ["CriterionName"] = "Reach", ["CriterionWeight"] = "11" }, $"{url}?handler=Criterion");
        heavy.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(heavy)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Weight: give a whole number from 1 to 10.");

        (await PlenaryApp.SubmitFormAsync(secretariat, url, [], $"{url}?handler=RemoveCriterion&criterion={added.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CriteriaAsync(slug)).Select(c => c.Name).ShouldBe(ReviewCriterion.IgfDefaults);
    }

    [Fact]
    public async Task A_reviewer_finds_the_way_to_their_proposals_from_their_account_page()
    {
        var slug = await ForumAsync();
        var (reviewer, _) = await ReviewerAsync(slug);
        using (reviewer)
        {
            var page = await PlenaryApp.ParseAsync(await reviewer.GetAsync("/account"));
            var link = page.QuerySelectorAll("a").Single(a => a.GetAttribute("href") == $"/{slug}/reviews");
            link.TextContent.ShouldEndWith(": your proposals to review");
            page.QuerySelectorAll("a").ShouldNotContain(a => a.GetAttribute("href") == $"/{slug}/manage");
        }
    }

    [Fact]
    public async Task A_scored_criterion_is_removed_only_once_the_loss_of_its_scores_is_confirmed()
    {
        var slug = await ForumAsync();
        using var secretariat = await app.SecretariatOfAsync(slug);
        await secretariat.GetAsync($"/{slug}/manage/reviews");
        var url = $"/{slug}/manage/reviews";
        var (_, reviewer) = await ReviewerAsync(slug);
        var proposal = await ProposalInReviewAsync(slug, null, "Somebody", Tag());
        var criterion = (await CriteriaAsync(slug))[0];
        await app.InDbAsync(async db =>
        {
            db.Add(new Review { ProposalId = proposal, ReviewerId = reviewer, UpdatedAt = DateTime.UtcNow, Scores = [new ReviewScore { CriterionId = criterion.Id, Score = 4 }] });
            await db.SaveChangesAsync();
        });

        var asked = await PlenaryApp.SubmitFormAsync(secretariat, url, [], $"{url}?handler=RemoveCriterion&criterion={criterion.Id}");
        asked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await PlenaryApp.ParseAsync(asked);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain($"Reviewers have scored “{criterion.Name}” (scores so far: 1)");
        page.QuerySelector("input[name=Confirm]")!.GetAttribute("value").ShouldBe("true");
        (await CriteriaAsync(slug)).ShouldContain(c => c.Id == criterion.Id);
        (await app.InDbAsync(db => db.ReviewScores.CountAsync(s => s.CriterionId == criterion.Id))).ShouldBe(1);

        (await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["Confirm"] = "true" }, $"{url}?handler=RemoveCriterion&criterion={criterion.Id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CriteriaAsync(slug)).ShouldNotContain(c => c.Id == criterion.Id);
        (await app.InDbAsync(db => db.ReviewScores.CountAsync(s => s.CriterionId == criterion.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task Bad_scores_and_a_closed_phase_are_explained_and_nothing_is_saved()
    {
        var slug = await ForumAsync();
        var tag = Tag();
        using var secretariat = await app.SecretariatOfAsync(slug);
        var (reviewer, reviewerId) = await ReviewerAsync(slug);
        var id = await ProposalInReviewAsync(slug, null, $"Proposer {tag}", tag);
        var other = await ProposalInReviewAsync(slug, null, $"Proposer {tag}", tag + "b");
        await AssignAsync(id, reviewerId);
        var url = $"/{slug}/reviews/{id}";
        using var shown = await reviewer.GetAsync(url);
        shown.StatusCode.ShouldBe(HttpStatusCode.OK);
        // Enter in the review form presses its first submit button: its only one, which saves the review.
        var form = (await PlenaryApp.ParseAsync(shown)).QuerySelector("form.account")!;
        ImplicitSubmission.SubmitButtons(form).Select(b => b.TextContent.Trim()).ShouldBe(["Save your review"]);
        var criteria = await CriteriaAsync(slug);
        Dictionary<string, string> Scores(params string[] values) => criteria.Select((c, i) => (c, i)).ToDictionary(x => $"score-{x.c.Id}", x => values[x.i]);

        var closed = await PlenaryApp.SubmitFormAsync(reviewer, url, new Dictionary<string, string>(Scores("4", "4", "4", "4")) { ["CommentToSecretariat"] = "Solid." });
        closed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var closedPage = await PlenaryApp.ParseAsync(closed);
        closedPage.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Scoring is closed");
        closedPage.QuerySelector($"#score-{criteria[0].Id} option[selected]")!.GetAttribute("value").ShouldBe("4", "what was typed stays in the form");
        closedPage.QuerySelector("#comment-secretariat")!.TextContent.ShouldBe("Solid.");

        (await PhaseAsync(secretariat, slug, score: true, names: false)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var bad = await PlenaryApp.SubmitFormAsync(reviewer, url, Scores("9", "", "3", "x"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badPage = await PlenaryApp.ParseAsync(bad);
        var alert = badPage.QuerySelector("[role=alert]")!.TextContent;
        alert.ShouldContain($"The score for “{criteria[0].Name}” must be a whole number from 1 to 5; “9” is not.");
        alert.ShouldContain($"Give “{criteria[1].Name}” a score from 1 to 5.");
        alert.ShouldContain($"The score for “{criteria[3].Name}” must be a whole number from 1 to 5; “x” is not.");
        badPage.QuerySelector($"#score-{criteria[1].Id}")!.GetAttribute("aria-invalid").ShouldBe("true");
        badPage.QuerySelector($"#score-{criteria[2].Id}")!.GetAttribute("aria-invalid").ShouldBeNull();
        (await app.InDbAsync(db => db.Reviews.AnyAsync(r => r.ProposalId == id))).ShouldBeFalse();

        (await PlenaryApp.SubmitFormAsync(reviewer, url, new Dictionary<string, string>(Scores("5", "4", "3", "2")) { ["CommentToProposer"] = "Add a speaker from government." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var review = await app.InDbAsync(db => db.Reviews.Include(r => r.Scores).SingleAsync(r => r.ProposalId == id));
        (review.ReviewerId, review.CommentToProposer).ShouldBe((reviewerId, "Add a speaker from government."));
        review.Scores.OrderBy(s => s.CriterionId).Select(s => s.Score).ShouldBe([5, 4, 3, 2]);

        // Once decided, the scores stand.
        await app.InDbAsync(db => db.Proposals.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.State, ProposalState.Rejected)));
        var decided = await PlenaryApp.SubmitFormAsync(reviewer, url, Scores("1", "1", "1", "1"));
        decided.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(decided)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("no longer in review");
        (await app.InDbAsync(db => db.ReviewScores.Where(s => s.ReviewId == review.Id).SumAsync(s => s.Score))).ShouldBe(14);

        // Not assigned: not there at all for this reviewer.
        (await reviewer.GetAsync($"/{slug}/reviews/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await reviewer.GetAsync($"/{slug}/manage/reviews/ranking")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Anonymous_review_shows_no_name_address_or_organisation_anywhere_a_reviewer_can_reach()
    {
        var slug = await ForumAsync();
        var tag = Tag();
        using var secretariat = await app.SecretariatOfAsync(slug);
        var proposerEmail = $"zephyrine-{tag}@example.org";
        var (_, proposerId) = await PersonAsync(proposerEmail, $"Zephyrine Quillfeather {tag}", $"Quokka Institute {tag}");
        // A co-organiser with an account, whose organisation comes from the profile.
        await PersonAsync($"xylander-{tag}@example.org", $"Bartholomew Xylander {tag}", $"Narwhal Foundation {tag}");
        var (reviewer, reviewerId) = await ReviewerAsync(slug);
        var id = await ProposalInReviewAsync(slug, proposerId, $"Zephyrine Quillfeather {tag}", tag);
        await AssignAsync(id, reviewerId);
        (await PhaseAsync(secretariat, slug, score: true, names: false, others: true)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        string[] secrets =
        [
            $"Zephyrine Quillfeather {tag}", proposerEmail, $"Quokka Institute {tag}", $"Bartholomew Xylander {tag}", $"xylander-{tag}@example.org", $"Narwhal Foundation {tag}",
            $"Ottoline Vaszary {tag}", $"vaszary-{tag}@example.org", $"Casimir Ubelaker {tag}", $"Philippa Quenneville {tag}", $"Imogen Tarkovsky {tag}", $"fitch-{tag}@example.org",
        ];
        var token = await PlenaryApp.ApiTokenOfAsync(reviewer, "Review crawl");
        using var api = app.ApiClient(token);

        var hidden = await ReachableAsync(reviewer, api, slug, id);
        hidden.Count.ShouldBeGreaterThan(5, "the crawl reached the reviewer's pages and the API");
        hidden.ShouldContainKey($"/{slug}/reviews/{id}");
        hidden[$"/{slug}/proposals"].ShouldContain($"href=\"/{slug}/reviews\"", Case.Sensitive, "a reviewer finds their reviews from their proposals");
        foreach (var (url, body) in hidden)
        {
            foreach (var secret in secrets)
            {
                body.ShouldNotContain(secret, Case.Insensitive, $"{url} shows “{secret}” in an anonymous review");
            }
        }
        // Exports of the ranking are the Secretariat's only.
        new Uri(new Uri("http://localhost"), (await reviewer.GetAsync($"/{slug}/manage/reviews/ranking?handler=Csv")).Headers.Location!).AbsolutePath.ShouldBe("/account/denied");

        // Names switched on: the same crawl now shows them, so the assertions above could fail.
        (await PhaseAsync(secretariat, slug, score: true, names: true)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var shown = await ReachableAsync(reviewer, api, slug, id);
        var page = shown[$"/{slug}/reviews/{id}"];
        foreach (var secret in secrets)
        {
            page.ShouldContain(secret, Case.Insensitive);
        }
        shown[$"/api/forums/{slug}/proposals/{id}"].ShouldContain($"Narwhal Foundation {tag}");
    }

    /// <summary>Every page a reviewer reaches by following links from their own pages, and the API's answers to them.</summary>
    private static async Task<Dictionary<string, string>> ReachableAsync(HttpClient reviewer, HttpClient api, string slug, int id)
    {
        var seen = new Dictionary<string, string>();
        var queue = new Queue<string>([$"/{slug}/reviews", $"/{slug}/reviews/{id}", $"/{slug}/proposals/{id}", $"/{slug}/proposals"]);
        while (queue.Count > 0 && seen.Count < 80)
        {
            var url = queue.Dequeue();
            if (seen.ContainsKey(url))
            {
                continue;
            }
            using var response = await reviewer.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            seen[url] = body;
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            foreach (var link in (await PlenaryApp.ParseAsync(new HttpResponseMessage { Content = new StringContent(body) })).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.StartsWith("/language/", StringComparison.Ordinal)
                    && !link.StartsWith("/account/sign-out", StringComparison.Ordinal) && (link.StartsWith($"/{slug}/", StringComparison.Ordinal) || link.StartsWith("/account", StringComparison.Ordinal)))
                {
                    queue.Enqueue(link.Split('#')[0]);
                }
            }
        }
        foreach (var url in new[] { $"/api/forums/{slug}/proposals", $"/api/forums/{slug}/proposals/{id}" })
        {
            using var answer = await api.GetAsync(url);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            seen[url] = JsonSerializer.Deserialize<JsonElement>(await answer.Content.ReadAsStringAsync()).ToString();
        }
        return seen;
    }

    [Fact]
    public async Task Assignment_runs_automatically_shows_the_load_and_refuses_a_conflict_by_hand()
    {
        var slug = await ForumAsync();
        var tag = Tag();
        using var secretariat = await app.SecretariatOfAsync(slug);
        var (_, proposerId) = await PersonAsync($"prop-{tag}@example.org", $"Proposer {tag}", $"Otter Lab {tag}");
        var reviewers = new List<(HttpClient Visitor, int Id)>();
        for (var i = 0; i < 3; i++)
        {
            reviewers.Add(await ReviewerAsync(slug));
        }
        // One reviewer works for the proposer's organisation; another declares a conflict on their own page.
        var sameOrganisation = reviewers[0].Id;
        await app.InDbAsync(db => db.People.Where(p => db.Users.Any(a => a.Id == sameOrganisation && a.PersonId == p.Id)).ExecuteUpdateAsync(u => u.SetProperty(p => p.Affiliation, $" otter lab {tag} ")));
        var first = await ProposalInReviewAsync(slug, proposerId, $"Proposer {tag}", tag);
        var second = await ProposalInReviewAsync(slug, null, "Someone", tag + "b");
        var subtheme = await app.InDbAsync(db => db.Subthemes.Where(s => db.Forums.Any(f => f.Id == s.ForumId && f.Slug == slug)).Select(s => s.Id).FirstAsync());
        (await PlenaryApp.SubmitFormAsync(reviewers[1].Visitor, $"/{slug}/reviews", [new("subthemes", $"{subtheme}"), new("conflicts", $"{second}")], $"/{slug}/reviews?handler=Declare"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.ReviewerConflicts.CountAsync(c => c.AccountId == reviewers[1].Id && c.ProposalId == second))).ShouldBe(1);
        (await app.InDbAsync(db => db.ReviewerExpertise.CountAsync(e => e.AccountId == reviewers[1].Id && e.SubthemeId == subtheme))).ShouldBe(1);

        var url = $"/{slug}/manage/reviews/assignments";
        (await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["ReviewersPerProposal"] = "2" }, $"{url}?handler=Automatic")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var pairs = await app.InDbAsync(db => db.ReviewAssignments.Where(a => a.ProposalId == first || a.ProposalId == second).Select(a => new { a.ProposalId, a.ReviewerId }).ToListAsync());
        pairs.Count(p => p.ProposalId == first).ShouldBe(2);
        pairs.Count(p => p.ProposalId == second).ShouldBe(2);
        pairs.ShouldNotContain(new { ProposalId = first, ReviewerId = sameOrganisation });
        pairs.ShouldNotContain(new { ProposalId = second, ReviewerId = reviewers[1].Id });
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "review.assign.automatic" && e.Subject == slug))).ShouldBeTrue();
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync(url))).QuerySelector("table")!.TextContent.ShouldContain("Otter Lab", Case.Insensitive);

        var refused = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["Proposal"] = $"{second}", ["Reviewer"] = $"{reviewers[1].Id}" }, $"{url}?handler=Add");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("declared a conflict of interest with");
        var ownOrganisation = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["Proposal"] = $"{first}", ["Reviewer"] = $"{sameOrganisation}" }, $"{url}?handler=Add");
        ownOrganisation.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(ownOrganisation)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("nobody reviews a proposal of their own organisation");

        var kept = pairs.First(p => p.ProposalId == first);
        (await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["Proposal"] = $"{first}", ["Reviewer"] = $"{kept.ReviewerId}" }, $"{url}?handler=Remove"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.ReviewAssignments.CountAsync(a => a.ProposalId == first))).ShouldBe(1);
    }

    [Fact]
    public async Task Ranking_shows_weighted_means_spread_and_flags_diverging_scores_also_in_csv()
    {
        var slug = await ForumAsync();
        var tag = Tag();
        using var secretariat = await app.SecretariatOfAsync(slug);
        await secretariat.GetAsync($"/{slug}/manage/reviews");
        var accounts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            accounts.Add((await ReviewerAsync(slug)).Id);
        }
        var split = await ProposalInReviewAsync(slug, null, "Split", tag);
        var agreed = await ProposalInReviewAsync(slug, null, "Agreed", tag + "b");
        var criteria = await CriteriaAsync(slug);
        await app.InDbAsync(async db =>
        {
            await db.ReviewCriteria.Where(c => c.Id == criteria[0].Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Weight, 2));
            void Scored(int proposal, int reviewer, params int[] scores) => db.Reviews.Add(new Review
            {
                ProposalId = proposal, ReviewerId = reviewer, UpdatedAt = DateTime.UtcNow,
                Scores = criteria.Select((c, i) => new ReviewScore { CriterionId = c.Id, Score = scores[i] }).ToList(),
            });
            Scored(split, accounts[0], 5, 5, 5, 5);
            Scored(split, accounts[1], 2, 2, 2, 2);
            Scored(split, accounts[2], 3, 3, 3, 3);
            Scored(agreed, accounts[0], 5, 1, 1, 1);   // (2×5 + 1 + 1 + 1) / 5 = 2.6
            Scored(agreed, accounts[1], 3, 3, 3, 3);
            await db.SaveChangesAsync();
        });

        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/manage/reviews/ranking"));
        var splitRow = page.QuerySelector($"#proposal-{split}")!.TextContent;
        splitRow.ShouldContain("3.33");  // mean of 5, 2, 3
        splitRow.ShouldContain("1.25");  // population standard deviation
        splitRow.ShouldContain("3.00");  // spread
        page.QuerySelector($"#proposal-{split} .diverging")!.TextContent.ShouldBe("Diverging");
        var agreedRow = page.QuerySelector($"#proposal-{agreed}")!.TextContent;
        agreedRow.ShouldContain("2.80");
        agreedRow.ShouldContain("0.40");
        page.QuerySelector($"#proposal-{agreed} .diverging")!.TextContent.ShouldBeEmpty();
        // Sorted by mean, highest first.
        var rows = page.QuerySelectorAll("table.ranking tbody tr").Select(r => r.Id).ToList();
        rows.IndexOf($"proposal-{split}").ShouldBeLessThan(rows.IndexOf($"proposal-{agreed}"));

        using var csv = await secretariat.GetAsync($"/{slug}/manage/reviews/ranking?handler=Csv");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldContain("mean,standard_deviation,spread,diverging");
        lines.Single(l => l.Contains($",{split},", StringComparison.Ordinal)).ShouldContain("3.33,1.25,3.00,yes");
        lines.Single(l => l.Contains($",{agreed},", StringComparison.Ordinal)).ShouldContain("2.80,0.20,0.40,no");

        // A looser threshold lets the split one pass.
        (await PhaseAsync(secretariat, slug, score: true, names: false, threshold: "3.5")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/manage/reviews/ranking?sort=spread"))).QuerySelector($"#proposal-{split} .diverging")!.TextContent.ShouldBeEmpty();
        (await secretariat.GetAsync($"/{slug}/manage/reviews/ranking?sort=bogus")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_subthemes_of_one_name_still_give_a_ranking()
    {
        // Only slugs are unique; the drill of issue 13 renamed two alike and the ranking answered 500.
        var slug = await ForumAsync();
        var tag = Tag();
        using var secretariat = await app.SecretariatOfAsync(slug);
        var first = await ProposalInReviewAsync(slug, null, "First", tag);
        var second = await ProposalInReviewAsync(slug, null, "Second", tag + "b");
        await app.InDbAsync(async db =>
        {
            var forum = await db.Forums.Include(f => f.Subthemes).SingleAsync(f => f.Slug == slug);
            var twin = new Plenary.Features.Forums.Subtheme { ForumId = forum.Id, Name = forum.Subthemes[0].Name, Slug = $"twin-{tag}", Position = 99 };
            db.Subthemes.Add(twin);
            await db.SaveChangesAsync();
            await db.Proposals.Where(p => p.Id == second).ExecuteUpdateAsync(u => u.SetProperty(p => p.SubthemeId, twin.Id));
        });

        using var response = await secretariat.GetAsync($"/{slug}/manage/reviews/ranking");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PlenaryApp.ParseAsync(response);
        page.QuerySelector($"#proposal-{first}").ShouldNotBeNull();
        page.QuerySelector($"#proposal-{second}").ShouldNotBeNull();
    }

    [Fact]
    public async Task Accepting_in_bulk_makes_numbered_sessions_with_every_role_once()
    {
        var slug = await ForumAsync();
        var tag = Tag();
        using var secretariat = await app.SecretariatOfAsync(slug);
        var proposerEmail = $"accepted-{tag}@example.org";
        var (proposer, proposerId) = await PersonAsync(proposerEmail, $"Proposer {tag}", $"Heron Trust {tag}");
        var (reviewer, reviewerId) = await ReviewerAsync(slug);
        // An earlier workshop of the review's own forum: the accepted proposals are numbered after it.
        await app.InDbAsync(async db =>
        {
            var forumId = await db.Forums.Where(f => f.Slug == slug).Select(f => f.Id).SingleAsync();
            var workshop = await db.SessionTypes.Where(t => t.ForumId == forumId && t.Code == "WS").Select(t => t.Id).SingleAsync();
            db.Sessions.Add(new Plenary.Features.Sessions.Session { ForumId = forumId, TypeId = workshop, Number = 10174, Title = $"An earlier workshop {tag}", LengthMinutes = 60 });
            await db.SaveChangesAsync();
        });
        var first = await ProposalInReviewAsync(slug, proposerId, $"Proposer {tag}", tag);
        var second = await ProposalInReviewAsync(slug, null, "Someone", tag + "b");
        var third = await ProposalInReviewAsync(slug, null, "Someone", tag + "c");
        await AssignAsync(first, reviewerId);
        (await PhaseAsync(secretariat, slug, score: true, names: false)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var criteria = await CriteriaAsync(slug);
        (await PlenaryApp.SubmitFormAsync(reviewer, $"/{slug}/reviews/{first}", new Dictionary<string, string>(criteria.ToDictionary(c => $"score-{c.Id}", _ => "4"))
            { ["CommentToProposer"] = $"Bring the regulators in {tag}.", ["CommentToSecretariat"] = $"Private remark {tag}" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = $"/{slug}/manage/reviews/ranking";
        var reviews = (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/manage/reviews/proposals/{first}"))).Body!.TextContent;
        reviews.ShouldContain($"Private remark {tag}");
        reviews.ShouldContain("4.00");

        var noReason = await PlenaryApp.SubmitFormAsync(secretariat, url, [new("Selected", $"{first}"), new("Decision", "Accepted"), new("Reason", "")], $"{url}?handler=Decide");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(noReason)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Give the reason the proposers will read.");
        var unknown = await PlenaryApp.SubmitFormAsync(secretariat, url, [new("Selected", $"{first}"), new("Decision", "Withdrawn"), new("Reason", "No")], $"{url}?handler=Decide");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(unknown)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Choose a decision: accept, waitlist or reject.");

        var decided = await PlenaryApp.SubmitFormAsync(secretariat, url, [new("Selected", $"{first}"), new("Selected", $"{second}"), new("Decision", "Accepted"), new("Reason", "Strong and diverse.")], $"{url}?handler=Decide");
        decided.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The new sessions are named on the ranking as a list in the reader's language: Arabic's comma between them.
        var told = await PlenaryApp.ParseAsync(await secretariat.GetAsync(decided.Headers.Location!.OriginalString + "&culture=ar"));
        told.QuerySelector("p.saved")!.TextContent.ShouldContain("WS #10175، WS #10176");
        var forumId = await ForumIdAsync(slug);
        var links = await app.InDbAsync(db => db.ProposalSessions.Where(l => l.ProposalId == first || l.ProposalId == second).ToListAsync());
        links.Count.ShouldBe(2);
        var (firstSession, secondSession) = (links.Single(l => l.ProposalId == first).SessionId, links.Single(l => l.ProposalId == second).SessionId);
        var session = await app.InDbAsync(db => db.Sessions.Include(s => s.Type).Include(s => s.Roles).ThenInclude(r => r.Person).Include(s => s.Tags).Include(s => s.Sdgs).Include(s => s.SdgTargets).AsSplitQuery()
            .SingleAsync(s => s.Id == firstSession));
        session.NumberedName.ShouldBe("WS #10175", "the next free number of its type");
        (await app.InDbAsync(db => db.Sessions.Where(s => s.Id == secondSession).Select(s => s.Number).SingleAsync())).ShouldBe(10176);
        (session.Title, session.Description, session.Approach, session.LengthMinutes, session.Format).ShouldBe(($"Community networks {tag}", "Why villages build their own networks.", "What should regulators allow?", 90, SessionFormat.RoundTable));
        session.SubthemeId.ShouldNotBeNull();
        session.Tags.Select(t => t.Tag).Order().ShouldBe(["access", "rural"]);
        session.Sdgs.Single().Goal.ShouldBe(9);
        session.SdgTargets.Single().TargetCode.ShouldBe("9.c");
        session.SdgText!.ShouldContain("Universal access");
        var roles = session.Roles.OrderBy(r => r.Position).Select(r => (r.Kind, r.Person!.Name, r.Mode)).ToList();
        roles.ShouldBe(
        [
            (SessionRoleKind.Organiser, $"Proposer {tag}", ParticipationMode.Onsite),
            (SessionRoleKind.Organiser, $"Bartholomew Xylander {tag}", ParticipationMode.Onsite),
            (SessionRoleKind.Speaker, $"Ottoline Vaszary {tag}", ParticipationMode.Onsite),
            (SessionRoleKind.Speaker, $"Casimir Ubelaker {tag}", ParticipationMode.Online),
            (SessionRoleKind.OnsiteModerator, $"Philippa Quenneville {tag}", ParticipationMode.Onsite),
            (SessionRoleKind.OnlineModerator, $"Lysander Okonkwo-Fitch {tag}", ParticipationMode.Online),
            (SessionRoleKind.Rapporteur, $"Imogen Tarkovsky {tag}", ParticipationMode.Onsite),
        ]);
        session.Roles.Single(r => r.Person!.Name == $"Ottoline Vaszary {tag}").Person!.Gender.ShouldBe(Gender.Woman);
        (await app.InDbAsync(db => db.ProposalHistory.AnyAsync(e => e.ProposalId == first && e.To == ProposalState.Accepted && e.Reason == "Strong and diverse."))).ShouldBeTrue();
        (await app.InDbAsync(db => db.Outbox.AnyAsync(m => m.To == proposerEmail && m.Purpose == ProposalStates.Purpose && m.Subject.Contains("Accepted")))).ShouldBeTrue();
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.ForumId == forumId && e.Action == "proposal.decide"))).ShouldBeTrue();

        // The proposer sees the session and the reviewers' comment to them, never the one to the Secretariat.
        var own = (await PlenaryApp.ParseAsync(await proposer.GetAsync($"/{slug}/proposals/{first}"))).Body!.TextContent;
        own.ShouldContain("This proposal became WS #10175.");
        own.ShouldContain($"Bring the regulators in {tag}.");
        own.ShouldNotContain($"Private remark {tag}");

        // Accepting again is refused and never makes a second session, even when the state is forced back.
        var again = await PlenaryApp.SubmitFormAsync(secretariat, url, [new("Selected", $"{first}"), new("Decision", "Accepted"), new("Reason", "Again")], $"{url}?handler=Decide");
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(again)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("is already Accepted");
        await app.InDbAsync(db => db.Proposals.Where(p => p.Id == first).ExecuteUpdateAsync(u => u.SetProperty(p => p.State, ProposalState.InReview)));
        (await PlenaryApp.SubmitFormAsync(secretariat, url, [new("Selected", $"{first}"), new("Decision", "Accepted"), new("Reason", "Again")], $"{url}?handler=Decide"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.ProposalSessions.CountAsync(l => l.ProposalId == first))).ShouldBe(1);
        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.ForumId == forumId))).ShouldBe(3);

        // Waitlisted, then accepted: one session; rejected: none. A batch with one refused proposal writes nothing.
        (await PlenaryApp.SubmitFormAsync(secretariat, url, [new("Selected", $"{third}"), new("Selected", $"{second}"), new("Decision", "Waitlisted"), new("Reason", "Later")], $"{url}?handler=Decide"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.InDbAsync(db => db.Proposals.Where(p => p.Id == third).Select(p => p.State).SingleAsync())).ShouldBe(ProposalState.InReview);
        (await PlenaryApp.SubmitFormAsync(secretariat, url, [new("Selected", $"{third}"), new("Decision", "Waitlisted"), new("Reason", "Later")], $"{url}?handler=Decide")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PlenaryApp.SubmitFormAsync(secretariat, url, [new("Selected", $"{third}"), new("Decision", "Accepted"), new("Reason", "Room found")], $"{url}?handler=Decide")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.ProposalSessions.CountAsync(l => l.ProposalId == third))).ShouldBe(1);
        (await app.InDbAsync(db => db.Sessions.CountAsync(s => s.ForumId == forumId))).ShouldBe(4);
    }

    [Fact]
    public async Task The_proposers_text_in_the_forums_record_sections_reaches_the_reviewers_and_becomes_the_sessions()
    {
        var slug = await ForumAsync();
        var tag = Tag();
        var forumId = await ForumIdAsync(slug);
        await app.InDbAsync(async db =>
        {
            db.Calls.Add(new Call { ForumId = forumId, SessionTypes = ["WS"], OpensAt = DateTime.UtcNow.AddDays(-1), ClosesAt = DateTime.UtcNow.AddDays(30) });
            db.RecordSections.Add(new RecordSection { ForumId = forumId, Slug = "agenda", Title = "Agenda", HelpText = "Timed, with speakers per item.", InProposalForm = true, Position = 1 });
            db.RecordSections.Add(new RecordSection { ForumId = forumId, Slug = "room_setup", Title = "Room set-up request", InProposalForm = false, IsPublic = false, Position = 2 });
            await db.SaveChangesAsync();
        });
        var (proposer, _) = await PersonAsync($"sections-{tag}@example.org", $"Proposer {tag}", $"Heron Trust {tag}");

        // The proposal form asks for the sections in the proposal form, and only those.
        var blank = await PlenaryApp.ParseAsync(await proposer.GetAsync($"/{slug}/proposals/new"));
        blank.QuerySelector("textarea[name='Form.Sections[agenda]']").ShouldNotBeNull();
        blank.QuerySelector("textarea[name='Form.Sections[room_setup]']").ShouldBeNull();
        var agenda = $"- 10:00 Opening, {tag}\n- 10:10 Panel";
        var id = await ProposalForums.CreateAsync(proposer, slug, [.. ProposalForums.Fields($"Sections {tag}"), new("Form.Sections[agenda]", agenda)]);
        var own = await PlenaryApp.ParseAsync(await proposer.GetAsync($"/{slug}/proposals/{id}"));
        own.QuerySelector("textarea[name='Form.Sections[agenda]']")!.TextContent.ShouldBe(agenda);
        // A slug the form does not have is refused, and nothing is lost.
        var unknown = await PlenaryApp.SubmitFormAsync(proposer, $"/{slug}/proposals/{id}",
            [.. ProposalForums.Fields($"Sections {tag}", version: 1), new("Form.Sections[room_setup]", "A stage")], $"/{slug}/proposals/{id}?handler=Save");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.InDbAsync(db => db.ProposalSections.Where(t => t.ProposalId == id).Select(t => t.Text).ToListAsync())).ShouldBe([agenda]);

        // The Secretariat and the reviewers read it; accepted, it is the session's.
        using var secretariat = await app.SecretariatOfAsync(slug);
        Flat((await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/proposals/{id}"))).Body!.TextContent).ShouldContain($"10:00 Opening, {tag}");
        await app.InDbAsync(db => db.Proposals.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.State, ProposalState.InReview)));
        var (reviewer, reviewerId) = await ReviewerAsync(slug);
        await AssignAsync(id, reviewerId);
        (await PhaseAsync(secretariat, slug, score: true, names: false)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var review = await PlenaryApp.ParseAsync(await reviewer.GetAsync($"/{slug}/reviews/{id}"));
        review.QuerySelectorAll("dt").Select(dt => dt.TextContent).ShouldContain("Agenda");
        review.QuerySelectorAll("dd").Select(dd => dd.TextContent).ShouldContain(agenda);
        var url = $"/{slug}/manage/reviews/ranking";
        (await PlenaryApp.SubmitFormAsync(secretariat, url, [new("Selected", $"{id}"), new("Decision", "Accepted"), new("Reason", "Timed and clear.")], $"{url}?handler=Decide"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var key = await app.InDbAsync(db => db.ProposalSessions.Where(l => l.ProposalId == id).Select(l => l.Session!.Type.Code.ToLower() + "-" + l.Session!.Number).SingleAsync());
        var session = Flat((await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/sessions/{key}"))).Body!.TextContent);
        session.ShouldContain($"Agenda 10:00 Opening, {tag} 10:10 Panel");
    }

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    [Fact]
    public async Task Merge_suggestion_reaches_both_proposers_by_mail_and_on_their_page()
    {
        var slug = await ForumAsync();
        var tag = Tag();
        using var secretariat = await app.SecretariatOfAsync(slug);
        var (one, oneId) = await PersonAsync($"merge-one-{tag}@example.org", $"One {tag}", $"Org one {tag}");
        var (_, twoId) = await PersonAsync($"merge-two-{tag}@example.org", $"Two {tag}", $"Org two {tag}");
        var first = await ProposalInReviewAsync(slug, oneId, $"One {tag}", tag);
        var second = await ProposalInReviewAsync(slug, twoId, $"Two {tag}", tag + "b");
        var url = $"/{slug}/manage/reviews/ranking";

        var same = await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["MergeFirst"] = $"{first}", ["MergeSecond"] = $"{first}" }, $"{url}?handler=Merge");
        same.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(same)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Choose a second proposal, other than the first");

        (await PlenaryApp.SubmitFormAsync(secretariat, url, new Dictionary<string, string> { ["MergeFirst"] = $"{first}", ["MergeSecond"] = $"{second}", ["MergeNote"] = "Both on rural access." }, $"{url}?handler=Merge"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Outbox.CountAsync(m => m.To == $"merge-one-{tag}@example.org" && m.Purpose == Merges.Purpose))).ShouldBe(1);
        (await app.InDbAsync(db => db.Outbox.CountAsync(m => m.To == $"merge-two-{tag}@example.org" && m.Purpose == Merges.Purpose))).ShouldBe(1);
        (await app.InDbAsync(db => db.Outbox.AnyAsync(m => m.To == $"xylander-{tag}@example.org" && m.Purpose == Merges.Purpose))).ShouldBeTrue("co-organisers hear of it too");

        var page = await PlenaryApp.ParseAsync(await one.GetAsync($"/{slug}/proposals/{first}"));
        page.QuerySelector("#merge-suggestions")!.TextContent.ShouldContain($"Community networks {tag}b");
        (await PlenaryApp.SubmitFormAsync(one, $"/{slug}/proposals/{first}", new Dictionary<string, string>
            { ["suggestion"] = page.QuerySelector("#merge-suggestions input[name=suggestion]")!.GetAttribute("value")!, ["answer"] = "Accepted" }, $"/{slug}/proposals/{first}/merge"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.MergeSuggestions.SingleAsync(m => m.ProposalId == first))).ShouldSatisfyAllConditions(
            m => m.ProposalAnswer.ShouldBe(MergeAnswer.Accepted), m => m.OtherAnswer.ShouldBe(MergeAnswer.Pending), m => m.Note.ShouldBe("Both on rural access."));
    }

    [Fact]
    public async Task Proposals_api_gives_the_secretariat_everything_and_a_proposer_their_own()
    {
        var slug = await ForumAsync();
        var tag = Tag();
        using var secretariat = await app.SecretariatOfAsync(slug);
        var (proposer, proposerId) = await PersonAsync($"api-{tag}@example.org", $"Api Proposer {tag}", $"Org {tag}");
        var mine = await ProposalInReviewAsync(slug, proposerId, $"Api Proposer {tag}", tag);
        var theirs = await ProposalInReviewAsync(slug, null, "Someone else", tag + "b");
        using var all = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(secretariat));
        using var own = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(proposer));

        var list = JsonSerializer.Deserialize<JsonElement>(await all.GetStringAsync($"/api/forums/{slug}/proposals"));
        list.EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ShouldBe([mine, theirs]);
        list[0].GetProperty("proposerName").GetString().ShouldBe($"Api Proposer {tag}");
        list[0].GetProperty("people")[0].GetProperty("role").GetString().ShouldBe("Organiser");
        list[0].GetProperty("people")[0].GetProperty("email").GetString().ShouldBe($"xylander-{tag}@example.org");

        var ownList = JsonSerializer.Deserialize<JsonElement>(await own.GetStringAsync($"/api/forums/{slug}/proposals"));
        ownList.EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ShouldBe([mine]);
        var refused = await own.GetAsync($"/api/forums/{slug}/proposals/{theirs}");
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await own.GetAsync($"/api/forums/{slug}/proposals")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await proposer.GetAsync($"/api/forums/{slug}/proposals")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the cookie does not sign in to the API");
    }
}

[Collection("sqlite")]
public sealed class ReviewsOnSqlite(SqliteApp app) : ReviewTests(app);

[Collection("postgres")]
public sealed class ReviewsOnPostgres(PostgresApp app) : ReviewTests(app);
