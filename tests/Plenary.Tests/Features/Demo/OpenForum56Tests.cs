using Plenary.Features.Demo;
using Plenary.Features.Rooms;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;

namespace Plenary.Tests.Features.Demo;

/// <summary>Open Forum #56 against the IGF's own session page (mission/004): the demo's one real record.</summary>
public sealed class OpenForum56Tests
{
    private static readonly Session Session = DemoForum.Build(SdgCatalogue.Load(), new DemoOptions()).Sessions.Single(s => s.Key == "of-56");

    [Fact]
    public void Open_forum_56_has_the_igf_title_number_and_format()
    {
        Session.Title.ShouldBe("Enhance International Cooperation on Data-Driven Digital Economy");
        Session.NumberedName.ShouldBe("Open Forum #56");
        (Session.Format, Session.Layout, Session.LengthMinutes).ShouldBe((SessionFormat.Panel, RoomLayout.Auditorium, 60));
        Session.Subtheme!.Slug.ShouldBe("governing-data");
    }

    [Fact]
    public void Open_forum_56_is_on_thursday_1_december_0630_to_0730_utc_in_banquet_hall_a()
    {
        Session.StartsAt.ShouldBe(new DateTime(2022, 12, 1, 6, 30, 0, DateTimeKind.Utc));
        Session.EndsAt.ShouldBe(new DateTime(2022, 12, 1, 7, 30, 0, DateTimeKind.Utc));
        Session.StartsAt!.Value.DayOfWeek.ShouldBe(DayOfWeek.Thursday);
        Session.Room!.Name.ShouldBe("Banquet Hall A");
        Session.Status.ShouldBe(SessionStatus.Scheduled);
    }

    [Fact]
    public void Open_forum_56_has_both_organisers_and_eight_speakers_with_their_modes()
    {
        Session.Roles.Where(r => r.Kind == SessionRoleKind.Organiser).Select(r => r.Organisation!.Name).ShouldBe(
        [
            "Bureau of International Cooperation, Cyberspace Administration of China",
            "Cyber Security Association of China",
        ]);
        var speakers = Session.Roles.Where(r => r.Kind == SessionRoleKind.Speaker).OrderBy(r => r.Position).ToList();
        speakers.Select(r => r.Person!.Name).ShouldBe(
        [
            "Xu Feng", "Latif·Ladid", "Wang Yiwei", "Yahya A.N Saleh", "Zhang Bin", "Yik Chan Chin", "Hong Yanqing", "Wang Junfeng",
        ]);
        // Only Ms. Yik Chan Chin spoke in the room; the IGF page marks the seven others "(Online)".
        speakers.Where(r => r.Mode == ParticipationMode.Onsite).Select(r => r.Person!.Name).ShouldBe(["Yik Chan Chin"]);
    }

    [Fact]
    public void Open_forum_56_has_its_moderators_and_rapporteur_one_person_holding_two_roles()
    {
        Role(SessionRoleKind.OnsiteModerator).ShouldBe("Yik Chan Chin");
        Role(SessionRoleKind.OnlineModerator).ShouldBe("Li Yuxiao");
        Role(SessionRoleKind.Rapporteur).ShouldBe("Wang Junting");
        Session.Roles.Single(r => r.Kind == SessionRoleKind.OnlineModerator).Mode.ShouldBe(ParticipationMode.Online);

        static string Role(SessionRoleKind kind) => Session.Roles.Single(r => r.Kind == kind).Person!.Name;
    }

    [Fact]
    public void Open_forum_56_links_eight_sdgs_with_its_targets_paragraph()
    {
        Session.Sdgs.Select(s => s.Goal).Order().ShouldBe([1, 5, 8, 9, 10, 11, 16, 17]);
        Session.SdgText.ShouldNotBeNull().ShouldStartWith("The proposed Open Forum aims to solicit opinions");
        Session.SdgText.ShouldContain("(SDG 17)");
    }

    [Fact]
    public void Open_forum_56_carries_its_takeaways_report_and_gender_report()
    {
        Session.Takeaways.Count(t => t.Kind == TakeawayKind.KeyTakeaway).ShouldBe(2);
        Session.Takeaways[0].Text.ShouldStartWith("All parties, including governments, civil societies, private sectors");
        Session.Report.ShouldNotBeNull().Body.ShouldContain("G20 Digital Economy Development and Cooperation Initiative");
        var gender = Session.GenderReport.ShouldNotBeNull();
        gender.ParticipantCount.ShouldBe(100);
        gender.WomenAndGenderDiversePercent.ShouldBe(33);
        gender.GenderWasTopic.ShouldBe(true);
        gender.Narrative.ShouldNotBeNull().ShouldContain("Building Gender-Inclusive Digital Ecosystems");
    }

    [Fact]
    public void Open_forum_56_description_and_approach_are_the_igf_text()
    {
        Session.Description.ShouldNotBeNull().ShouldStartWith("Titled “Enhancing International Cooperation on Data-Driven Digital Economy");
        Session.Approach.ShouldNotBeNull().ShouldContain("Global Initiative on Data Security");
        Session.Approach.ShouldContain("IGF Official Online Participation Platform");
    }
}
