using Plenary.Features.Demo;
using Plenary.Features.Reports;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Web;

namespace Plenary.Tests.Features.Demo;

/// <summary>The live demo forum as built in memory: its story holds whatever the hour of seeding, and the same seed gives the same forum.</summary>
public sealed class LiveDemoForumTests
{
    private static readonly SdgCatalogue Sdgs = SdgCatalogue.Load();
    private static readonly DemoContent Past = DemoForum.Build(Sdgs, new DemoOptions());

    private static LiveDemoContent Build(DateTime now, int seed = 2022) => DemoForum.BuildLive(Sdgs, Past, now, seed);

    /// <summary>
    /// Every quarter hour (seven minutes past) of three days around the United States' changes of clocks in 2031 (two of the
    /// hosts change theirs), and of three ordinary days.
    /// </summary>
    public static TheoryData<DateTime> Days => new()
    {
        new DateTime(2031, 3, 8, 0, 7, 0, DateTimeKind.Utc),
        new DateTime(2031, 11, 1, 0, 7, 0, DateTimeKind.Utc),
        new DateTime(2031, 5, 14, 0, 7, 0, DateTimeKind.Utc),
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void The_story_holds_at_every_quarter_hour_of_three_days(DateTime from)
    {
        for (var now = from; now < from.AddDays(3); now = now.AddMinutes(15))
        {
            var live = Build(now);
            var forum = live.Content.Forum;
            var story = live.Story;
            var clock = ForumClock.For(forum.TimeZoneId);
            var today = clock.Day(now);
            var at = $"seeded at {now:O} in {forum.HostCity}";

            (forum.FirstDay, forum.LastDay).ShouldBe((today.AddDays(-1), today.AddDays(3)), at);
            story.Live.StartsAt!.Value.ShouldBeLessThanOrEqualTo(now, at);
            story.Live.EndsAt!.Value.ShouldBeGreaterThan(now, at);
            var due = ReportDeadlines.TakeawaysDue(forum, story.Due, null)!.Value;
            due.ShouldBeGreaterThan(now, at);
            due.ShouldBeLessThanOrEqualTo(now.AddHours(1), at);
            story.Done.EndsAt!.Value.ShouldBeLessThan(now.AddHours(-3), at);
            story.Next.StartsAt!.Value.ShouldBeGreaterThan(story.Live.EndsAt.Value, at);
            Clashes(live.Content.Sessions).ShouldBeEmpty(at);
            // Wherever it is mid-afternoon: the story keeps to the usual day, 09:00 to 19:00, whatever the hour of seeding.
            clock.Local(now).TimeOfDay.ToTimeOnly().IsBetween(new TimeOnly(14, 0), new TimeOnly(16, 0)).ShouldBeTrue(at);
            foreach (var session in new[] { story.Done, story.Due, story.Live, story.Next })
            {
                clock.Day(session.StartsAt!.Value).ShouldBe(today, at);
                clock.Local(session.StartsAt.Value).Hour.ShouldBeGreaterThanOrEqualTo(9, at);
                clock.Local(session.EndsAt!.Value).TimeOfDay.ToTimeOnly().ShouldBeLessThanOrEqualTo(new TimeOnly(19, 0), at);
            }
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_forum_whatever_the_day_and_another_seed_another()
    {
        static string Fingerprint(LiveDemoContent live)
        {
            var forum = live.Content.Forum;
            var clock = ForumClock.For(forum.TimeZoneId);
            return string.Join('\n', live.Content.Sessions.Select(s => string.Join('|', s.Key, s.Title, s.Room?.Name,
                    // The story follows the moment of seeding; every other session, the forum's days.
                    s.StartsAt is not { } start ? "unplaced"
                    : s.Room == live.Story.Room ? $"{(start - live.Anchor).TotalMinutes} minutes from the anchor"
                    : $"day {clock.Day(start).DayNumber - forum.FirstDay.DayNumber} {clock.Time(start)}",
                    string.Join(',', s.Roles.Select(r => r.Person?.Name ?? r.Organisation?.Name)))))
                + string.Join(',', live.RoleAccounts.Concat(live.Reviewers).Concat(live.Proposers).Concat(live.Participants).Select(a => a.Email));
        }

        // Two days apart and on either side of a change of clocks, at different hours.
        var spring = Build(new DateTime(2031, 3, 30, 9, 7, 0, DateTimeKind.Utc));
        var summer = Build(new DateTime(2031, 7, 2, 9, 52, 0, DateTimeKind.Utc));

        spring.Content.Forum.FirstDay.ShouldNotBe(summer.Content.Forum.FirstDay);
        Fingerprint(spring).ShouldBe(Fingerprint(summer));
        Fingerprint(Build(new DateTime(2031, 3, 30, 9, 7, 0, DateTimeKind.Utc), seed: 7)).ShouldNotBe(Fingerprint(spring));
    }

    [Fact]
    public void The_forum_covers_every_session_type_with_sessions_cast_from_the_igf_2022_demo()
    {
        var live = Build(new DateTime(2031, 5, 14, 10, 7, 0, DateTimeKind.Utc));

        live.Content.Sessions.Select(s => s.Type.Code).Distinct().Order().ShouldBe(live.Content.Forum.SessionTypes.Select(t => t.Code).Order());
        var returning = live.Content.Sessions.SelectMany(s => s.Roles).Where(r => r.Person is not null && Past.InventedPeople.Contains(r.Person)).ToList();
        returning.ShouldNotBeEmpty();
        // The real people of Open Forum #56 stay in their own session.
        var real = Past.People.Except(Past.InventedPeople).ToHashSet();
        live.Content.Sessions.SelectMany(s => s.Roles).ShouldAllBe(r => r.Person == null || !real.Contains(r.Person));
    }

    [Fact]
    public void Demo_people_share_no_name_with_anyone_and_every_address_is_in_the_invalid_domain()
    {
        var live = Build(new DateTime(2031, 5, 14, 10, 7, 0, DateTimeKind.Utc));

        var ownPeople = live.Content.People.Select(p => p.Name).ToList();
        ownPeople.ShouldBeUnique();
        ownPeople.Intersect(Past.People.Select(p => p.Name)).ShouldBeEmpty();
        var accounts = live.RoleAccounts.Concat(live.Reviewers).Concat(live.Proposers).Concat(live.Participants).ToList();
        accounts.Select(a => a.Email).ShouldBeUnique();
        accounts.ShouldAllBe(a => a.Email.EndsWith("@demo.invalid"));
        live.RoleAccounts.Select(a => a.Role).ShouldBe(Enum.GetValues<DemoRole>().Cast<DemoRole?>());
    }

    private static List<string> Clashes(List<Session> sessions)
    {
        static IEnumerable<string> Overlaps(IEnumerable<IGrouping<string, Session>> groups) =>
            from g in groups
            let ordered = g.Where(s => s.StartsAt != null).OrderBy(s => s.StartsAt).ToList()
            from pair in ordered.Zip(ordered.Skip(1))
            where pair.Second.StartsAt < pair.First.EndsAt
            select $"{g.Key}: {pair.First.NumberedName} and {pair.Second.NumberedName}";
        var rooms = sessions.Where(s => s.Room != null).GroupBy(s => s.Room!.Name);
        var people = sessions.SelectMany(s => s.Roles.Where(r => r.Person != null).Select(r => (r.Person!.Name, Session: s)))
            .DistinctBy(x => (x.Name, x.Session)).GroupBy(x => x.Name, x => x.Session);
        return [.. Overlaps(rooms), .. Overlaps(people)];
    }
}
