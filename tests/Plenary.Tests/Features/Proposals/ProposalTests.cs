using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Proposals;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;
using Plenary.Tests.Infrastructure.Web;
using static Plenary.Tests.Features.Proposals.ProposalForums;

namespace Plenary.Tests.Features.Proposals;

/// <summary>The call for proposals end to end: the Secretariat's call, the form, speakers answering by e-mail, handing in, screening, conflicts.</summary>
public abstract class ProposalTests(PlenaryApp app)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<(HttpClient Visitor, int AccountId)> ProposerAsync(string? email = null)
    {
        email ??= $"proposer-{Tag()}@example.org";
        var visitor = await app.SignedInVisitorAsync(email);
        var id = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());
        // The proposer's profile is the first organiser's groups for the diversity rule.
        await app.InDbAsync(db => db.People.Where(p => db.Users.Any(a => a.Id == id && a.PersonId == p.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.StakeholderGroup, Plenary.Features.People.StakeholderGroup.CivilSociety)
            .SetProperty(p => p.RegionalGroup, Plenary.Features.People.RegionalGroup.AfricanGroup)));
        return (visitor, id);
    }

    private Task<Proposal> ProposalAsync(int id) =>
        app.InDbAsync(db => db.Proposals.Include(p => p.People).Include(p => p.Sdgs).AsSplitQuery().SingleAsync(p => p.Id == id));

    private static async Task<int> VersionOnPageAsync(HttpClient visitor, string url) =>
        int.Parse((await PlenaryApp.ParseAsync(await visitor.GetAsync(url))).QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Secretariat_opens_the_call_in_the_forums_time_and_it_is_audited()
    {
        var slug = $"cfp-call-{Tag()}";
        await EnsureAsync(app, slug);
        using var secretariat = await app.SecretariatOfAsync(slug);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Types", "WS"), new("Types", "OF"), new("OpensDay", "2026-12-01"), new("OpensTime", "09:00"), new("ClosesDay", "2027-01-15"), new("ClosesTime", "23:59"),
            new("RequireCompleteFields", "true"), new("MinConfirmedSpeakers", ""), new("RequireGenderDiversity", "true"), new("MinOnsiteSpeakers", "2"),
            new("MaxProposalsPerSpeaker", "4"), new("FlagMissingReports", "true"),
        };
        (await PlenaryApp.SubmitFormAsync(secretariat, $"/{slug}/manage/call", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var call = await app.InDbAsync(db => db.Calls.SingleAsync(c => c.ForumId == db.Forums.Single(f => f.Slug == slug).Id));
        call.SessionTypes.ShouldBe(["WS", "OF"]);
        // Tokyo is UTC+9: 09:00 there is midnight UTC.
        call.OpensAt.ShouldBe(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        call.ClosesAt.ShouldBe(new DateTime(2027, 1, 15, 14, 59, 0, DateTimeKind.Utc));
        (call.MinConfirmedSpeakers, call.MinOnsiteSpeakers, call.MaxProposalsPerSpeaker, call.RequireOnsiteModerator, call.RequireGenderDiversity)
            .ShouldBe((null, 2, 4, false, true));
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "call.open" && e.Subject == slug))).ShouldBeTrue();
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/manage/call"))).Body!.TextContent.ShouldContain("15 January 2027 23:59, Asia/Tokyo (UTC+9)");
    }

    [Theory]
    [InlineData("ClosesDay", "2026-11-30", "must close after it opens")]
    [InlineData("Types", "XX", "not a session type of this forum")]
    [InlineData("MinConfirmedSpeakers", "lots", "from 1 to 20")]
    [InlineData("OpensTime", "", "when the call opens")]
    public async Task Bad_call_is_explained_and_not_saved(string field, string value, string message)
    {
        var slug = $"cfp-bad-{Tag()}";
        await EnsureAsync(app, slug);
        using var secretariat = await app.SecretariatOfAsync(slug);
        var fields = new Dictionary<string, string>
        {
            ["Types"] = "WS", ["OpensDay"] = "2026-12-01", ["OpensTime"] = "09:00", ["ClosesDay"] = "2027-01-15", ["ClosesTime"] = "23:59", ["MinConfirmedSpeakers"] = "3",
        };
        fields[field] = value;
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, $"/{slug}/manage/call", fields);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await app.InDbAsync(db => db.Calls.AnyAsync(c => c.ForumId == db.Forums.Single(f => f.Slug == slug).Id))).ShouldBeFalse();
    }

    /// <summary>
    /// Enter in a field presses the form's first submit button in tree order (HTML's implicit submission): on the proposal
    /// form, new or a draft, that saves the draft; handing in takes its own button.
    /// </summary>
    [Fact]
    public async Task Enter_in_a_field_of_the_proposal_form_saves_the_draft_and_hands_nothing_in()
    {
        await EnsureAsync(app, Open);
        var (proposer, _) = await ProposerAsync();
        var tag = Tag();
        var blank = (await PlenaryApp.ParseAsync(await proposer.GetAsync($"/{Open}/proposals/new"))).QuerySelector("form.wide")!;
        ImplicitSubmission.Handler(blank, ImplicitSubmission.DefaultButton(blank)).ShouldBe("Save");

        var id = await CreateAsync(proposer, Open, Fields($"Enter key {tag}", speakers: Speakers(3, tag)));
        var url = $"/{Open}/proposals/{id}";
        var form = (await PlenaryApp.ParseAsync(await proposer.GetAsync(url))).QuerySelector("form.wide")!;
        // The first is the form's hidden default button, ahead of any suggested goal's "Add goal" button; handing in comes last.
        var handlers = ImplicitSubmission.SubmitButtons(form).Select(b => ImplicitSubmission.Handler(form, b)).ToList();
        (handlers[0], handlers[^1]).ShouldBe(("Save", "Submit"));
        handlers.ShouldAllBe(h => h == "Save" || h == "AddSdg" || h == "Submit");

        // What the browser posts then: the form, to where its default button sends it.
        var answer = await PlenaryApp.SubmitFormAsync(proposer, url, Fields($"Enter key, renamed {tag}", version: await VersionOnPageAsync(proposer, url), speakers: Speakers(3, tag)),
            ImplicitSubmission.Target(form, ImplicitSubmission.DefaultButton(form)));
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.OriginalString.ShouldEndWith("?done=saved");
        var saved = await ProposalAsync(id);
        (saved.Title, saved.State).ShouldBe(($"Enter key, renamed {tag}", ProposalState.Draft));
    }

    [Fact]
    public async Task Speakers_confirm_through_their_emailed_link_and_the_proposal_is_handed_in()
    {
        await EnsureAsync(app, Open);
        var (proposer, _) = await ProposerAsync();
        var tag = Tag();
        var speakers = Speakers(3, tag);
        var fields = Fields($"Rural connectivity {tag}", speakers: speakers, onsiteModerator: new($"Mod {tag}", $"mod-{tag}@example.org"),
            onlineModerator: new($"Online {tag}", $"online-{tag}@example.org", "Online"), rapporteur: new($"Rap {tag}", $"rap-{tag}@example.org"));
        var id = await CreateAsync(proposer, Open, fields);
        var url = $"/{Open}/proposals/{id}";

        var draft = await ProposalAsync(id);
        draft.State.ShouldBe(ProposalState.Draft);
        draft.People.Count.ShouldBe(6);
        draft.Sdgs.Single().Reason.ShouldBe("Universal access");
        foreach (var s in speakers)
        {
            (await app.InDbAsync(db => db.Outbox.CountAsync(m => m.To == s.Email && m.Purpose == "proposal-speaker"))).ShouldBe(1);
        }
        // "Check my proposal": nobody has confirmed yet.
        var check = (await PlenaryApp.ParseAsync(await proposer.GetAsync(url))).QuerySelector("#screening")!.TextContent;
        check.ShouldContain("0 of the speakers have confirmed; at least 3 are needed");
        check.ShouldContain("answer the e-mail");

        (await AnswerAsync(app, speakers[0].Email, "Confirm", gender: "Woman", stakeholder: "Government", region: "Grulac")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AnswerAsync(app, speakers[1].Email, "Confirm", gender: "Man")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AnswerAsync(app, speakers[2].Email, "Confirm", mode: "Online", gender: "Man")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var answered = (await ProposalAsync(id)).People.Where(p => p.Kind == SessionRoleKind.Speaker).OrderBy(p => p.Position).ToList();
        answered.ShouldAllBe(p => p.Answer == SpeakerAnswer.Confirmed);
        (answered[0].Gender, answered[0].StakeholderGroup, answered[2].Mode).ShouldBe((Plenary.Features.People.Gender.Woman, Plenary.Features.People.StakeholderGroup.Government, ParticipationMode.Online));
        (await app.InDbAsync(db => db.Outbox.AnyAsync(m => m.Purpose == "proposal" && m.Subject.Contains("confirmed") && m.Subject.Contains(tag)))).ShouldBeTrue();

        (await PlenaryApp.ParseAsync(await proposer.GetAsync(url))).QuerySelector("#screening")!.TextContent.ShouldContain("meets every screening rule");
        var version = await VersionOnPageAsync(proposer, url);
        var handedIn = await PlenaryApp.SubmitFormAsync(proposer, url, Fields($"Rural connectivity {tag}", version: version, speakers: speakers,
            onsiteModerator: new($"Mod {tag}", $"mod-{tag}@example.org"), onlineModerator: new($"Online {tag}", $"online-{tag}@example.org", "Online"),
            rapporteur: new($"Rap {tag}", $"rap-{tag}@example.org")), $"{url}?handler=Submit");
        handedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var submitted = await ProposalAsync(id);
        submitted.State.ShouldBe(ProposalState.Submitted);
        submitted.People.Where(p => p.Kind == SessionRoleKind.Speaker).ShouldAllBe(p => p.Answer == SpeakerAnswer.Confirmed);
        var history = await app.InDbAsync(db => db.ProposalHistory.Where(e => e.ProposalId == id).ToListAsync());
        history.ShouldHaveSingleItem().To.ShouldBe(ProposalState.Submitted);
        history[0].Actor.ShouldStartWith("proposer-");
        (await app.InDbAsync(db => db.Outbox.AnyAsync(m => m.Purpose == "proposal" && m.Subject.Contains(tag) && m.Subject.Contains("Submitted")))).ShouldBeTrue();
        (await PlenaryApp.ParseAsync(await proposer.GetAsync($"/{Open}/proposals"))).QuerySelector("table")!.TextContent.ShouldContain("Submitted");
    }

    [Fact]
    public async Task A_speaker_link_answers_once_and_a_decline_is_told_to_the_proposer()
    {
        await EnsureAsync(app, Open);
        var (proposer, _) = await ProposerAsync();
        var tag = Tag();
        var speakers = Speakers(2, tag);
        var id = await CreateAsync(proposer, Open, Fields($"Declined {tag}", speakers: speakers));

        (await AnswerAsync(app, speakers[0].Email, "Decline")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await app.CreateVisitor().GetAsync(await app.LinkFromOutboxAsync(speakers[0].Email, "proposal-speaker"));
        again.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await PlenaryApp.ParseAsync(again)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("already been used");

        // Posting the spent link directly (a second tab) is refused too, and the first answer stands.
        var link = await app.LinkFromOutboxAsync(speakers[0].Email, "proposal-speaker");
        var visitor = app.CreateVisitor();
        var token = (await PlenaryApp.ParseAsync(await visitor.GetAsync("/account/sign-in"))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var code = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query)["code"]!;
        var second = await visitor.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Code"] = code, ["Answer"] = "Confirm", ["Mode"] = "Onsite",
        }));
        second.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await ProposalAsync(id)).People.Single(p => p.Email == speakers[0].Email).Answer.ShouldBe(SpeakerAnswer.Declined);

        (await app.InDbAsync(db => db.Outbox.AnyAsync(m => m.Purpose == "proposal" && m.Subject.Contains("declined") && m.Subject.Contains(tag)))).ShouldBeTrue();
        (await PlenaryApp.ParseAsync(await proposer.GetAsync($"/{Open}/proposals/{id}"))).Body!.TextContent.ShouldContain("Declined");
        (await app.CreateVisitor().GetAsync($"/proposals/speakers/{(await ProposalAsync(id)).People.Single(p => p.Email == speakers[1].Email).Id}?code=wrong"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_proposal_failing_the_rules_is_screened_out_with_reasons_the_proposer_can_act_on()
    {
        await EnsureAsync(app, Open);
        var (proposer, _) = await ProposerAsync();
        var tag = Tag();
        var id = await CreateAsync(proposer, Open, Fields($"Too thin {tag}", speakers: Speakers(1, tag), complete: false));
        var url = $"/{Open}/proposals/{id}";
        var handedIn = await PlenaryApp.SubmitFormAsync(proposer, url,
            Fields($"Too thin {tag}", version: await VersionOnPageAsync(proposer, url), speakers: Speakers(1, tag), complete: false), $"{url}?handler=Submit");
        handedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await ProposalAsync(id)).State.ShouldBe(ProposalState.ScreenedOut);
        var history = await app.InDbAsync(db => db.ProposalHistory.Where(e => e.ProposalId == id).OrderBy(e => e.Id).ToListAsync());
        history.Select(e => e.To).ShouldBe([ProposalState.Submitted, ProposalState.ScreenedOut]);
        (history[1].Actor, history[1].AccountId).ShouldBe(("Plenary", null));
        history[1].Reason!.ShouldContain("All required fields complete: Not filled in: Description, Policy questions");

        var list = (await PlenaryApp.ParseAsync(await proposer.GetAsync($"/{Open}/proposals"))).QuerySelector("table")!.TextContent;
        list.ShouldContain("Screened out");
        list.ShouldContain("0 of the speakers have confirmed; at least 3 are needed.");
        list.ShouldContain("Name an onsite moderator");
        // While the call is open the proposer mends it and hands it in again: the form is still there.
        (await PlenaryApp.ParseAsync(await proposer.GetAsync(url))).QuerySelector("input[name='Form.Title']").ShouldNotBeNull();
        // One message for the proposer: the screening's, not also the hand-in's.
        (await app.InDbAsync(db => db.Outbox.Where(m => m.Purpose == "proposal" && m.Subject.Contains(tag)).Select(m => m.Subject).ToListAsync()))
            .ShouldHaveSingleItem().ShouldContain("Screened out");
    }

    [Fact]
    public async Task Handing_in_after_the_call_closed_is_refused_with_the_closing_time_in_the_proposers_zone()
    {
        var forum = await EnsureAsync(app, Closed);
        var (proposer, account) = await ProposerAsync();
        await app.InDbAsync(db => db.Users.Where(a => a.Id == account).ExecuteUpdateAsync(u => u.SetProperty(a => a.TimeZoneId, "America/New_York")));
        var id = await app.InDbAsync(async db =>
        {
            var p = new Proposal { ForumId = forum.Id, ProposerId = account, ProposerName = "Late", Title = "Late proposal", TypeId = forum.SessionTypes.Single(t => t.Code == "OF").Id, LengthMinutes = 60, Version = 1 };
            db.Proposals.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        var url = $"/{Closed}/proposals/{id}";
        var answer = await PlenaryApp.SubmitFormAsync(proposer, url, Fields("Late proposal", "OF", version: 1), $"{url}?handler=Submit");

        answer.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // 14:59 UTC on 1 June 2023 is 10:59 in New York (daylight time).
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("closed on 1 June 2023 10:59, America/New York (UTC−4)");
        (await ProposalAsync(id)).State.ShouldBe(ProposalState.Draft);
        (await app.InDbAsync(db => db.ProposalHistory.AnyAsync(e => e.ProposalId == id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Duplicate_speakers_are_refused_and_nothing_is_saved()
    {
        await EnsureAsync(app, Open);
        var (proposer, _) = await ProposerAsync();
        var tag = Tag();
        var before = await app.InDbAsync(db => db.Proposals.CountAsync());
        var answer = await PlenaryApp.SubmitFormAsync(proposer, $"/{Open}/proposals/new",
            Fields($"Twice {tag}", speakers: [new($"Ana {tag}", $"ana-{tag}@example.org"), new($"Ana again {tag}", $"ANA-{tag}@example.org")]),
            $"/{Open}/proposals/new?handler=Save");

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain($"Speaker 2: ANA-{tag}@example.org is already listed as a speaker");
        page.QuerySelector("#speaker-2-email")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("input[name='Form.Title']")!.GetAttribute("value").ShouldBe($"Twice {tag}");
        (await app.InDbAsync(db => db.Proposals.CountAsync())).ShouldBe(before);
        (await app.InDbAsync(db => db.Outbox.AnyAsync(m => m.To == $"ana-{tag}@example.org"))).ShouldBeFalse();
    }

    [Fact]
    public async Task An_address_asked_to_speak_too_often_in_a_day_is_not_written_to_again_and_the_form_is_kept()
    {
        await EnsureAsync(app, Open);
        var (proposer, _) = await ProposerAsync();
        var tag = Tag();
        var popular = new Person($"Much asked {tag}", $"asked-{tag}@example.org");
        for (var i = 1; i <= Plenary.Features.Proposals.ProposalChange.InvitationsPerAddressPerDay; i++)
        {
            await CreateAsync(proposer, Open, Fields($"Asked {i} {tag}", speakers: [popular]));
        }
        var before = await app.InDbAsync(db => db.Proposals.CountAsync());

        var answer = await PlenaryApp.SubmitFormAsync(proposer, $"/{Open}/proposals/new",
            Fields($"One too many {tag}", speakers: [new($"First {tag}", $"first-{tag}@example.org"), popular]), $"/{Open}/proposals/new?handler=Save");

        answer.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain($"Speaker 2: asked-{tag}@example.org has already been asked to speak 5 times in the last 24 hours");
        page.QuerySelector("#speaker-2-email")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("input[name='Form.Title']")!.GetAttribute("value").ShouldBe($"One too many {tag}");
        (await app.InDbAsync(db => db.Proposals.CountAsync())).ShouldBe(before);
        (await app.InDbAsync(db => db.Outbox.CountAsync(m => m.To == popular.Email))).ShouldBe(Plenary.Features.Proposals.ProposalChange.InvitationsPerAddressPerDay);
        (await app.InDbAsync(db => db.Outbox.AnyAsync(m => m.To == $"first-{tag}@example.org"))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Form.Format", "Juggling", "format from the list")]
    [InlineData("Form.Type", "MAIN", "type the call accepts")]
    [InlineData("Form.Title", "", "title of at most 300")]
    public async Task Bad_proposal_is_explained_and_not_saved(string field, string value, string message)
    {
        await EnsureAsync(app, Open);
        var (proposer, _) = await ProposerAsync();
        var fields = Fields("Bad", speakers: Speakers(1, Tag())).Where(f => f.Key != field).Append(new(field, value)).ToList();
        var before = await app.InDbAsync(db => db.Proposals.CountAsync());
        var answer = await PlenaryApp.SubmitFormAsync(proposer, $"/{Open}/proposals/new", fields, $"/{Open}/proposals/new?handler=Save");
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await app.InDbAsync(db => db.Proposals.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Two_co_organisers_saving_at_once_see_the_conflict_and_nothing_is_lost()
    {
        await EnsureAsync(app, Open);
        var (proposer, _) = await ProposerAsync();
        var tag = Tag();
        var coEmail = $"co-{tag}@example.org";
        Person[] organisers = [new($"Co {tag}", coEmail)];
        var id = await CreateAsync(proposer, Open, Fields($"First title {tag}", organisers: organisers));
        (await app.InDbAsync(db => db.Outbox.AnyAsync(m => m.To == coEmail && m.Purpose == "proposal-organiser"))).ShouldBeTrue();
        var coOrganiser = await app.SignedInVisitorAsync(coEmail);
        var url = $"/{Open}/proposals/{id}";

        // Both open the same version.
        var version = await VersionOnPageAsync(proposer, url);
        (await VersionOnPageAsync(coOrganiser, url)).ShouldBe(version);
        (await PlenaryApp.SubmitFormAsync(proposer, url, Fields($"Proposer's title {tag}", version: version, organisers: organisers), $"{url}?handler=Save"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var late = await PlenaryApp.SubmitFormAsync(coOrganiser, url, Fields($"Co-organiser's title {tag}", version: version, organisers: organisers), $"{url}?handler=Save");

        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await PlenaryApp.ParseAsync(late);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("saved this proposal while you were editing it");
        page.QuerySelector("section.conflict")!.TextContent.ShouldContain($"Proposer's title {tag}");
        page.QuerySelector("input[name='Form.Title']")!.GetAttribute("value").ShouldBe($"Co-organiser's title {tag}");
        (await ProposalAsync(id)).Title.ShouldBe($"Proposer's title {tag}");

        // Having seen both, the co-organiser saves again on purpose.
        var seen = int.Parse(page.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);
        (await PlenaryApp.SubmitFormAsync(coOrganiser, url, Fields($"Co-organiser's title {tag}", version: seen, organisers: organisers), $"{url}?handler=Save"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await ProposalAsync(id);
        saved.Title.ShouldBe($"Co-organiser's title {tag}");
        saved.People.ShouldHaveSingleItem().Email.ShouldBe(coEmail);
    }

    [Fact]
    public async Task Two_saves_racing_on_one_version_are_told_apart_by_the_database()
    {
        // The proposer on two devices sends the form twice from the same version. On PostgreSQL the test holds the
        // proposal's row until both requests wait on it, so both have passed the page's version check and only the
        // database's concurrency token can refuse one; on SQLite the two race as they come. Either way one is saved and
        // the other is told, never both saved.
        await EnsureAsync(app, Open);
        var tag = Tag();
        var email = $"racer-{tag}@example.org";
        var (laptop, _) = await ProposerAsync(email);
        using var phone = app.CreateVisitor();
        (await app.SignInAsync(phone, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await CreateAsync(laptop, Open, Fields($"Race {tag}"));
        var url = $"/{Open}/proposals/{id}";
        var version = await VersionOnPageAsync(laptop, url);

        Task<HttpResponseMessage> Save(HttpClient visitor, string title) =>
            PlenaryApp.SubmitFormAsync(visitor, url, Fields(title, version: version), $"{url}?handler=Save");
        HttpResponseMessage[] answers;
        if (app is PostgresApp postgres)
        {
            answers = await HeldRow.RaceAsync(postgres, "Proposals", id, () => Save(laptop, $"Laptop {tag}"), () => Save(phone, $"Phone {tag}"));
        }
        else
        {
            answers = await Task.WhenAll(Save(laptop, $"Laptop {tag}"), Save(phone, $"Phone {tag}"));
        }

        answers.Select(a => a.StatusCode).ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.Conflict], ignoreOrder: true);
        var winner = answers[0].StatusCode == HttpStatusCode.Redirect ? $"Laptop {tag}" : $"Phone {tag}";
        var loser = await PlenaryApp.ParseAsync(answers.Single(a => a.StatusCode == HttpStatusCode.Conflict));
        loser.QuerySelector("[role=alert]")!.TextContent.ShouldContain("saved this proposal while you were editing it");
        loser.QuerySelector("section.conflict")!.TextContent.ShouldContain(winner);
        var saved = await ProposalAsync(id);
        (saved.Title, saved.Version).ShouldBe((winner, version + 1));
    }


    [Fact]
    public async Task Only_the_proposer_and_co_organisers_edit_and_the_Secretariat_reads()
    {
        await EnsureAsync(app, Open);
        var (proposer, _) = await ProposerAsync();
        var tag = Tag();
        var id = await CreateAsync(proposer, Open, Fields($"Mine {tag}"));
        var url = $"/{Open}/proposals/{id}";
        using var stranger = await app.SignedInVisitorAsync($"stranger-{tag}@example.org");
        using var secretariat = await app.SecretariatOfAsync(Open);

        var refused = await stranger.GetAsync(url);
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        new Uri(new Uri("http://localhost"), refused.Headers.Location!).AbsolutePath.ShouldBe("/account/denied");
        var read = await PlenaryApp.ParseAsync(await secretariat.GetAsync(url));
        read.Body!.TextContent.ShouldContain($"Mine {tag}");
        read.QuerySelector("input[name='Form.Title']").ShouldBeNull();

        foreach (var visitor in new[] { stranger, secretariat })
        {
            var token = (await PlenaryApp.ParseAsync(await visitor.GetAsync("/account/sign-in"))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var post = await visitor.PostAsync($"{url}?handler=Save", new FormUrlEncodedContent(
                Fields($"Taken over {tag}", version: 1).Append(new("__RequestVerificationToken", token))));
            post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            new Uri(new Uri("http://localhost"), post.Headers.Location!).AbsolutePath.ShouldBe("/account/denied");
        }
        (await ProposalAsync(id)).Title.ShouldBe($"Mine {tag}");
        (await PlenaryApp.ParseAsync(await stranger.GetAsync($"/{Open}/proposals"))).Body!.TextContent.ShouldNotContain($"Mine {tag}");
    }

    [Fact]
    public async Task Secretariat_lists_proposals_by_state_and_screens_them_after_closing()
    {
        var forum = await EnsureAsync(app, Closed);
        var tag = Tag();
        var ids = await app.InDbAsync(async db =>
        {
            var type = forum.SessionTypes.Single(t => t.Code == "WS").Id;
            var handedIn = new Proposal { ForumId = forum.Id, ProposerName = "P", Title = $"Handed in {tag}", TypeId = type, LengthMinutes = 90, State = ProposalState.Submitted, Version = 2 };
            var draft = new Proposal { ForumId = forum.Id, ProposerName = "P", Title = $"Never handed in {tag}", TypeId = type, LengthMinutes = 90, Version = 1 };
            db.Proposals.AddRange(handedIn, draft);
            await db.SaveChangesAsync();
            return (handedIn.Id, draft.Id);
        });
        using var secretariat = await app.SecretariatOfAsync(Closed);
        var submitted = (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{Closed}/manage/proposals?state=Submitted"))).QuerySelector("table")!.TextContent;
        submitted.ShouldContain($"Handed in {tag}");
        submitted.ShouldNotContain($"Never handed in {tag}");
        var bad = await secretariat.GetAsync($"/{Closed}/manage/proposals?state=Lost");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(bad)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("state from the list");

        (await PlenaryApp.SubmitFormAsync(secretariat, $"/{Closed}/manage/proposals", [], $"/{Closed}/manage/proposals?handler=Screen")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ProposalAsync(ids.Item1)).State.ShouldBe(ProposalState.ScreenedOut);
        (await ProposalAsync(ids.Item2)).State.ShouldBe(ProposalState.Draft);

        await EnsureAsync(app, Open);
        using var openSecretariat = await app.SecretariatOfAsync(Open);
        var early = await PlenaryApp.SubmitFormAsync(openSecretariat, $"/{Open}/manage/proposals", [], $"/{Open}/manage/proposals?handler=Screen");
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(early)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("still open");
    }

    [Fact]
    public async Task A_proposer_withdraws_with_a_reason_kept_in_the_history_and_is_told_in_their_language()
    {
        await EnsureAsync(app, Open);
        var (proposer, account) = await ProposerAsync();
        await app.InDbAsync(db => db.Users.Where(a => a.Id == account).ExecuteUpdateAsync(u => u.SetProperty(a => a.PreferredLanguage, "fr")));
        var tag = Tag();
        var id = await CreateAsync(proposer, Open, Fields($"Withdrawn {tag}"));
        var url = $"/{Open}/proposals/{id}";
        (await PlenaryApp.SubmitFormAsync(proposer, url, new Dictionary<string, string> { ["WithdrawReason"] = "Merged with another proposal" }, $"{url}?handler=Withdraw"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ProposalAsync(id)).State.ShouldBe(ProposalState.Withdrawn);
        (await app.InDbAsync(db => db.ProposalHistory.SingleAsync(e => e.ProposalId == id))).Reason.ShouldBe("Merged with another proposal");
        // The proposer reads the news in the language of their profile.
        (await app.InDbAsync(db => db.Outbox.SingleAsync(m => m.Purpose == "proposal" && m.Subject.Contains(tag)))).Subject.ShouldBe($"Proposition « Withdrawn {tag} » : Retirée");
        var again = await PlenaryApp.SubmitFormAsync(proposer, $"/{Open}/proposals/new", Fields($"Withdrawn {tag}", version: 2), $"{url}?handler=Save");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(again)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("can no longer be changed");
    }
}

[Collection("sqlite")]
public sealed class ProposalsOnSqlite(SqliteApp app) : ProposalTests(app);

[Collection("postgres")]
public sealed class ProposalsOnPostgres(PostgresApp app) : ProposalTests(app);
