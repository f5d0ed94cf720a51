using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Plenary.Features.People;
using Plenary.Features.Proposals;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Proposals;

/// <summary>
/// Each screening rule with a proposal that passes it and one that fails it. The facts are written out here; how
/// they are gathered from the database is tested in <see cref="ScreeningFactsTests"/>.
/// </summary>
public abstract class ScreeningRuleTests(PlenaryApp app)
{
    private IStringLocalizer L => app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static Participant Speaker(string name, Gender? gender = null, ParticipationMode mode = ParticipationMode.Onsite,
        SpeakerAnswer answer = SpeakerAnswer.Confirmed, StakeholderGroup? group = null, RegionalGroup? region = null) =>
        new(name, $"{name.ToLowerInvariant()}@example.org", SessionRoleKind.Speaker, mode, answer, gender, group, region);

    private static Participant Other(SessionRoleKind kind, ParticipationMode mode = ParticipationMode.Onsite) =>
        new(kind.ToString(), $"{kind}@example.org", kind, mode, SpeakerAnswer.Pending, null, null, null);

    /// <summary>A workshop proposal meeting every rule; each test spoils one thing.</summary>
    private static ScreeningFacts Good(Func<ScreeningFacts, ScreeningFacts>? change = null)
    {
        var proposal = new Proposal
        {
            ProposerName = "Amina", Title = "Bridging divides", Description = "d", PolicyQuestions = "q", ExpectedOutcomes = "o", OnlineEngagement = "e",
            SubthemeId = 1, Sdgs = [new ProposalSdg { Code = "9.c", Reason = "Access" }],
        };
        var facts = new ScreeningFacts(proposal, new Call(), "WS", true,
            [new Participant("Amina", "amina@example.org", SessionRoleKind.Organiser, ParticipationMode.Onsite, SpeakerAnswer.Confirmed, Gender.Woman, StakeholderGroup.CivilSociety, RegionalGroup.AfricanGroup)],
            [Speaker("Ana", Gender.Woman, group: StakeholderGroup.Government, region: RegionalGroup.Grulac), Speaker("Ben", Gender.Man), Speaker("Chen", Gender.Man, ParticipationMode.Online)],
            [Other(SessionRoleKind.OnsiteModerator), Other(SessionRoleKind.OnlineModerator, ParticipationMode.Online), Other(SessionRoleKind.Rapporteur)],
            new Dictionary<string, int> { ["ana@example.org"] = 0, ["ben@example.org"] = 2, ["chen@example.org"] = 0 }, [], "IGF 2022", []);
        return change is null ? facts : change(facts);
    }

    private void Passes(ScreeningRule rule, ScreeningFacts facts) => rule.Check(facts, L).ShouldBeNull();

    private Finding Fails(ScreeningRule rule, ScreeningFacts facts, string found)
    {
        var finding = rule.Check(facts, L).ShouldNotBeNull();
        finding.Found.ShouldContain(found);
        finding.Rule.ShouldNotBeNullOrWhiteSpace();
        finding.Fix.ShouldNotBeNullOrWhiteSpace();
        return finding;
    }

    [Fact]
    public void Every_rule_passes_the_good_proposal()
    {
        var facts = Good();
        foreach (var rule in Screening.Rules)
        {
            rule.InForce(facts.Call).ShouldBeTrue(rule.GetType().Name);
            Passes(rule, facts);
        }
    }

    [Fact]
    public void Missing_fields_are_named()
    {
        var facts = Good(f => f with { Proposal = new Proposal { ProposerName = "A", Title = "T", Description = "d" }, Others = [] });
        var finding = Fails(new CompleteFieldsRule(), facts, "Policy questions");
        finding.Found.ShouldContain("Onsite Moderator");
        finding.Found.ShouldNotContain("Description");
        finding.Blocks.ShouldBeTrue();
    }

    [Fact]
    public void Fewer_confirmed_speakers_than_required_fail()
    {
        var facts = Good(f => f with { Speakers = [.. f.Speakers.Take(2), Speaker("Dee", Gender.Woman, answer: SpeakerAnswer.Pending)] });
        Fails(new ConfirmedSpeakersRule(), facts, "2 of the speakers have confirmed; at least 3");
        Passes(new ConfirmedSpeakersRule(), facts with { Call = new Call { MinConfirmedSpeakers = 2 } });
        new ConfirmedSpeakersRule().InForce(new Call { MinConfirmedSpeakers = null }).ShouldBeFalse();
    }

    [Fact]
    public void Speakers_all_of_one_gender_fail_and_declined_speakers_do_not_count()
    {
        Fails(new GenderDiversityRule(), Good(f => f with { Speakers = [Speaker("A", Gender.Man), Speaker("B", Gender.Man), Speaker("C")] }), "all stated the same one");
        Fails(new GenderDiversityRule(), Good(f => f with { Speakers = [Speaker("A", Gender.Man), Speaker("W", Gender.Woman, answer: SpeakerAnswer.Declined)] }), "same one");
        Fails(new GenderDiversityRule(), Good(f => f with { Speakers = [Speaker("A"), Speaker("B", Gender.PrefersNotToSay)] }), "No speaker has stated");
        Passes(new GenderDiversityRule(), Good(f => f with { Speakers = [Speaker("A", Gender.Man), Speaker("B", Gender.NonBinaryOrGenderDiverse)] }));
    }

    [Fact]
    public void Too_few_onsite_speakers_fail()
    {
        var facts = Good(f => f with { Speakers = [Speaker("A", Gender.Man), Speaker("B", Gender.Woman, ParticipationMode.Online), Speaker("C", Gender.Man, ParticipationMode.Online)] });
        Fails(new OnsiteSpeakersRule(), facts, "1 speakers will be onsite; at least 2");
        Passes(new OnsiteSpeakersRule(), facts with { Call = new Call { MinOnsiteSpeakers = 1 } });
    }

    [Fact]
    public void No_onsite_moderator_fails()
    {
        Fails(new OnsiteModeratorRule(), Good(f => f with { Others = [Other(SessionRoleKind.OnlineModerator, ParticipationMode.Online)] }), "No moderator");
        new OnsiteModeratorRule().InForce(new Call { RequireOnsiteModerator = false }).ShouldBeFalse();
    }

    [Fact]
    public void A_workshop_from_one_stakeholder_group_fails_and_other_types_are_not_held_to_it()
    {
        var narrow = Good(f => f with
        {
            Organisers = [f.Organisers[0] with { StakeholderGroup = StakeholderGroup.CivilSociety, RegionalGroup = RegionalGroup.Weog }],
            Speakers = [Speaker("A", Gender.Man, group: StakeholderGroup.CivilSociety, region: RegionalGroup.AfricanGroup), Speaker("B", Gender.Woman)],
        });
        Fails(new GroupDiversityRule(), narrow, "1 stakeholder groups and 2 regional groups");
        Passes(new GroupDiversityRule(), narrow with { TypeCode = "OF" });
    }

    [Fact]
    public void A_speaker_in_more_proposals_than_allowed_fails()
    {
        var busy = Good(f => f with { ProposalsPerSpeaker = new Dictionary<string, int>(f.ProposalsPerSpeaker) { ["ben@example.org"] = 3 } });
        Fails(new SpeakerLimitRule(), busy, "Ben (4)");
        Passes(new SpeakerLimitRule(), busy with { Call = new Call { MaxProposalsPerSpeaker = 4 } });
    }

    [Fact]
    public void A_reviewer_proposing_a_workshop_fails_but_may_propose_an_open_forum()
    {
        var reviewer = Good(f => f with { ReviewersAmongOrganisers = ["Amina"] });
        Fails(new ReviewerWorkshopRule(), reviewer, "Amina");
        Passes(new ReviewerWorkshopRule(), reviewer with { TypeCode = "OF" });
    }

    [Fact]
    public void A_missing_report_of_the_previous_edition_is_flagged_without_blocking()
    {
        var finding = Fails(new PreviousReportRule(), Good(f => f with { PreviousSessionsWithoutReport = ["WS #12"] }), "IGF 2022");
        finding.Found.ShouldContain("WS #12");
        finding.Blocks.ShouldBeFalse();
    }
}

[Collection("sqlite")]
public sealed class ScreeningRulesOnSqlite(SqliteApp app) : ScreeningRuleTests(app);

[Collection("postgres")]
public sealed class ScreeningRulesOnPostgres(PostgresApp app) : ScreeningRuleTests(app);
