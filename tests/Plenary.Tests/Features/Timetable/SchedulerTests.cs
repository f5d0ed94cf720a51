using Plenary.Features.Timetable;

namespace Plenary.Tests.Features.Timetable;

/// <summary>The scheduler on random IGF-scale forums: no blocking rule broken, every placeable session placed, one seed one plan.</summary>
public sealed class SchedulerTests
{
    private static List<Warning> Blocking(TimetableSnapshot t, Dictionary<int, Placement> plan) =>
        TimetableRules.Check(t.With(plan), TimetableRulesTests.L).Where(w => w.Severity == Severity.Block).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void An_igf_scale_forum_is_planned_without_breaking_a_blocking_rule(int seed)
    {
        var forum = RandomTimetable.Generate(seed);
        var plan = new Scheduler(forum).Plan(replanAll: true, seed);
        Blocking(forum, plan.Placements).ShouldBeEmpty();
        plan.Unplaced.ShouldBeEmpty();
        plan.Placements.Count.ShouldBe(300);
        TimetableRules.Check(forum.With(plan.Placements), TimetableRulesTests.L).ShouldNotContain(w => w.Rule == TimetableRule.OutsideGrid);
    }

    [Fact]
    public void Strict_rules_are_kept_too_and_the_plan_costs_less_than_first_fit()
    {
        var strict = Enum.GetValues<TimetableRule>().ToDictionary(r => r, _ => Severity.Block);
        strict[TimetableRule.OnlineAtNight] = Severity.Warn;
        var forum = RandomTimetable.Generate(7, severities: strict);
        var scheduler = new Scheduler(forum);
        var plan = scheduler.Plan(replanAll: true, 7);
        Blocking(forum, plan.Placements).ShouldBeEmpty();
        // A session is left out only with a reason: its own people or the rooms' seats make it unplaceable.
        plan.Placements.Count.ShouldBe(300 - plan.Unplaced.Count);
        var firstFit = scheduler.FirstFit(replanAll: true);
        Blocking(forum, firstFit.Placements).ShouldBeEmpty();
        plan.Cost.ShouldBeLessThan(firstFit.Cost);
    }

    [Fact]
    public void One_seed_gives_one_plan()
    {
        var forum = RandomTimetable.Generate(11, sessions: 120);
        new Scheduler(forum).Plan(true, 5).Placements.ShouldBe(new Scheduler(forum).Plan(true, 5).Placements);
    }

    [Fact]
    public void Placed_sessions_stay_when_only_the_unscheduled_are_placed()
    {
        var forum = RandomTimetable.Generate(4, sessions: 100);
        var first = new Scheduler(forum).Plan(true, 1).Placements;
        var kept = first.Where(p => p.Key % 2 == 0).ToDictionary();
        var plan = new Scheduler(forum.With(kept)).Plan(replanAll: false, 9);
        foreach (var (id, at) in kept)
        {
            plan.Placements[id].ShouldBe(at);
        }
        plan.Placements.Count.ShouldBe(100);
        Blocking(forum, plan.Placements).ShouldBeEmpty();
    }

    [Fact]
    public void A_session_longer_than_the_day_is_left_out_with_its_reason()
    {
        var forum = RandomTimetable.Generate(3, sessions: 5);
        var giant = forum.Sessions[0] with { LengthMinutes = 600 };
        forum = forum.WithSessions([giant, .. forum.Sessions.Skip(1)]);
        var plan = new Scheduler(forum).Plan(true, 1);
        plan.Unplaced.ShouldBe(new Dictionary<int, UnplacedReason> { [giant.Id] = UnplacedReason.TooLong });
    }
}
