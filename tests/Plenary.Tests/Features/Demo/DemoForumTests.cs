using Plenary.Features.Demo;
using Plenary.Features.People;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Web;

namespace Plenary.Tests.Features.Demo;

public sealed class DemoForumTests
{
    private static readonly SdgCatalogue Sdgs = SdgCatalogue.Load();

    private static DemoContent Build(DemoOptions? options = null) => DemoForum.Build(Sdgs, options ?? new DemoOptions());

    [Fact]
    public void Default_demo_has_at_least_120_sessions_in_about_ten_rooms()
    {
        var demo = Build();

        demo.Sessions.Count.ShouldBeGreaterThanOrEqualTo(120);
        demo.Forum.Rooms.Count.ShouldBe(10);
        demo.Forum.IsDemo.ShouldBeTrue();
    }

    [Fact]
    public void Default_demo_covers_every_session_type_format_and_subtheme()
    {
        var demo = Build();

        demo.Sessions.Select(s => s.Type.Code).Distinct().Order()
            .ShouldBe(demo.Forum.SessionTypes.Select(t => t.Code).Order());
        demo.Sessions.Select(s => s.Format).Distinct().Order().ShouldBe(Enum.GetValues<SessionFormat>().Order());
        demo.Sessions.Select(s => s.Subtheme!.Slug).Distinct().Order()
            .ShouldBe(demo.Forum.Subthemes.Select(s => s.Slug).Order());
    }

    [Fact]
    public void Default_demo_has_speakers_onsite_and_online_and_every_role()
    {
        var roles = Build().Sessions.SelectMany(s => s.Roles).ToList();

        roles.ShouldContain(r => r.Kind == SessionRoleKind.Speaker && r.Mode == ParticipationMode.Online);
        roles.ShouldContain(r => r.Kind == SessionRoleKind.Speaker && r.Mode == ParticipationMode.Onsite);
        roles.Select(r => r.Kind).Distinct().Count().ShouldBe(Enum.GetValues<SessionRoleKind>().Length);
        roles.ShouldContain(r => r.Kind == SessionRoleKind.Organiser && r.Organisation != null);
        roles.ShouldContain(r => r.Kind == SessionRoleKind.Organiser && r.Person != null);
    }

    [Fact]
    public void Default_demo_has_sessions_with_and_without_outputs()
    {
        var sessions = Build().Sessions;

        sessions.Count(s => s.Takeaways.Count > 0).ShouldBeInRange(20, sessions.Count - 20);
        sessions.Count(s => s.Report is not null).ShouldBeInRange(15, sessions.Count - 20);
        sessions.ShouldAllBe(s => s.Report == null || s.GenderReport != null);
        sessions.SelectMany(s => s.Takeaways).ShouldContain(t => t.Kind == TakeawayKind.CallToAction && t.Addressee != null);
    }

    [Theory]
    [InlineData(130, 10, 650)]
    [InlineData(300, 12, 1500)]
    public void Demo_never_puts_a_room_in_two_sessions_at_once(int sessions, int rooms, int people)
    {
        var demo = Build(new DemoOptions { Sessions = sessions, Rooms = rooms, People = people });

        var clashes = Clashes(demo.Sessions.Where(s => s.Room != null).GroupBy(s => s.Room!.Name));

        clashes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(130, 10, 650)]
    [InlineData(300, 12, 1500)]
    public void Demo_never_puts_a_person_in_two_sessions_at_once(int sessions, int rooms, int people)
    {
        var demo = Build(new DemoOptions { Sessions = sessions, Rooms = rooms, People = people });

        var byPerson = demo.Sessions
            .SelectMany(s => s.Roles.Where(r => r.Person != null).Select(r => (r.Person!.Name, Session: s)))
            .DistinctBy(x => (x.Name, x.Session))
            .GroupBy(x => x.Name, x => x.Session);

        Clashes(byPerson).ShouldBeEmpty();
    }

    [Fact]
    public void Igf_scale_demo_places_every_session_within_the_forum_days_and_hours()
    {
        var demo = Build(new DemoOptions { Sessions = 300, Rooms = 12, People = 1500 });
        var clock = ForumClock.For(demo.Forum.TimeZoneId);

        demo.Sessions.Count.ShouldBe(300);
        demo.Forum.Rooms.Count.ShouldBe(12);
        demo.People.Count.ShouldBe(1500);
        foreach (var session in demo.Sessions)
        {
            session.StartsAt.ShouldNotBeNull(session.Title);
            session.EndsAt!.Value.ShouldBe(session.StartsAt!.Value.AddMinutes(session.LengthMinutes));
            clock.Day(session.StartsAt.Value).ShouldBeInRange(demo.Forum.FirstDay, demo.Forum.LastDay);
            // Open Forum #56 starts at 09:30 Addis Ababa time; the invented ones between 09:00 and 19:00.
            clock.Local(session.StartsAt.Value).Hour.ShouldBeInRange(9, 18);
        }
        demo.Sessions.Select(s => clock.Day(s.StartsAt!.Value)).Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public void A_size_beyond_the_rooms_and_days_gets_what_fits_without_clashes_and_counts_what_was_left_out()
    {
        var demo = Build(new DemoOptions { Sessions = 3000, Rooms = 40 });

        demo.Forum.Rooms.Count.ShouldBe(14);
        (demo.Sessions.Count + demo.LeftOut).ShouldBe(3000);
        demo.LeftOut.ShouldBeGreaterThan(0);
        demo.Sessions.ShouldAllBe(s => s.StartsAt != null && s.Room != null);
        Clashes(demo.Sessions.GroupBy(s => s.Room!.Name)).ShouldBeEmpty();
        demo.Sessions.GroupBy(s => s.Key).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public void The_usual_sizes_leave_nothing_out()
    {
        Build().LeftOut.ShouldBe(0);
        Build().Sessions.Count.ShouldBe(130);
        Build(new DemoOptions { Sessions = 300, Rooms = 12, People = 1500 }).LeftOut.ShouldBe(0);
    }

    [Fact]
    public void Day_0_events_are_on_day_0_and_main_sessions_in_the_plenary_hall()
    {
        var demo = Build();
        var clock = ForumClock.For(demo.Forum.TimeZoneId);

        demo.Sessions.Where(s => s.Type.Code == "DAY0").ShouldAllBe(s => clock.Day(s.StartsAt!.Value) == demo.Forum.FirstDay);
        demo.Sessions.Where(s => s.Type.Code == "MAIN").ShouldAllBe(s => s.Room!.Name == "Plenary Hall");
    }

    [Fact]
    public void Rooms_without_online_equipment_host_no_online_participants()
    {
        var demo = Build();

        var offline = demo.Sessions.Where(s => s.Room is { HasOnlineEquipment: false }).ToList();

        offline.ShouldNotBeEmpty();
        offline.SelectMany(s => s.Roles).ShouldAllBe(r => r.Mode == ParticipationMode.Onsite);
    }

    [Fact]
    public void Session_numbers_are_unique_within_each_type()
    {
        var demo = Build(new DemoOptions { Sessions = 300, Rooms = 12, People = 1500 });

        demo.Sessions.GroupBy(s => s.Key).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Invented_people_have_distinct_names_and_a_stakeholder_and_regional_group()
    {
        var people = Build().People;

        people.Select(p => p.Name).ShouldBeUnique();
        people.Where(p => p.Title != null || p.Affiliation != null).Count().ShouldBe(people.Count);
        people.Skip(10).ShouldAllBe(p => p.StakeholderGroup != null && p.RegionalGroup != null && p.CountryCode != null);
        people.Select(p => p.Gender).Distinct().Count().ShouldBe(Enum.GetValues<Gender>().Length + 1);
    }

    [Fact]
    public void Same_seed_gives_the_same_forum_and_another_seed_another()
    {
        static string Fingerprint(DemoContent demo) => string.Join('\n',
            demo.Sessions.Select(s => $"{s.Key}|{s.Title}|{s.StartsAt:O}|{s.Room?.Name}|{string.Join(',', s.Roles.Select(r => r.Person?.Name ?? r.Organisation?.Name))}"));

        Fingerprint(Build()).ShouldBe(Fingerprint(Build()));
        Fingerprint(Build(new DemoOptions { RandomSeed = 7 })).ShouldNotBe(Fingerprint(Build()));
    }

    [Fact]
    public void Linked_sdg_targets_belong_to_linked_goals()
    {
        foreach (var session in Build().Sessions)
        {
            session.Sdgs.ShouldNotBeEmpty(session.Title);
            foreach (var target in session.SdgTargets)
            {
                var goal = Sdgs.FindTarget(target.TargetCode).ShouldNotBeNull().Goal;
                session.Sdgs.Select(s => s.Goal).ShouldContain(goal);
            }
        }
    }

    private static List<string> Clashes(IEnumerable<IGrouping<string, Session>> groups) =>
        [.. from g in groups
            let ordered = g.Where(s => s.StartsAt != null).OrderBy(s => s.StartsAt).ToList()
            from pair in ordered.Zip(ordered.Skip(1))
            where pair.Second.StartsAt < pair.First.EndsAt
            select $"{g.Key}: {pair.First.NumberedName} and {pair.Second.NumberedName}"];
}
