using Plenary.Features.Forums;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Web;

namespace Plenary.Tests.Features.Reports;

/// <summary>Deadlines are UTC instants computed from the forum's zone: these cross a daylight-saving change in Paris.</summary>
public sealed class ReportDeadlinesTests
{
    private static Forum Paris(DateOnly last, DateOnly? reportDay = null, int? minutes = null) => new()
    {
        Slug = "paris", Name = "Paris Forum", HostCity = "Paris", Venue = "UNESCO", Theme = "t", TimeZoneId = "Europe/Paris",
        FirstDay = last.AddDays(-3), LastDay = last, ReportDeadline = reportDay, TakeawaysDueMinutes = minutes,
    };

    private static Session Ending(DateTime end) => new() { Title = "t", StartsAt = end.AddHours(-1), EndsAt = end };

    [Fact]
    public void Report_deadline_is_the_end_of_the_local_day_fourteen_days_after_the_forum_on_the_day_clocks_go_back()
    {
        // 11 October + 14 days = Sunday 25 October 2026, when Paris goes from UTC+2 to UTC+1: the day ends at 23:00 UTC.
        ReportDeadlines.ReportDue(Paris(new DateOnly(2026, 10, 11)), null).ShouldBe(new DateTime(2026, 10, 25, 23, 0, 0, DateTimeKind.Utc));
        // The day before still ends at midnight summer time, 22:00 UTC.
        ReportDeadlines.ReportDue(Paris(new DateOnly(2026, 10, 11), new DateOnly(2026, 10, 24)), null).ShouldBe(new DateTime(2026, 10, 24, 22, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Report_deadline_in_addis_ababa_is_local_midnight()
    {
        var igf = new Forum
        {
            Slug = "igf", Name = "IGF", HostCity = "Addis Ababa", Venue = "UNECA", Theme = "t", TimeZoneId = "Africa/Addis_Ababa",
            FirstDay = new DateOnly(2022, 11, 28), LastDay = new DateOnly(2022, 12, 2),
        };
        ReportDeadlines.ReportDue(igf, null).ShouldBe(new DateTime(2022, 12, 16, 21, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Takeaways_are_due_two_elapsed_hours_after_the_end_even_across_the_change()
    {
        // The session ends at 02:30 summer time; two hours later the forum's clocks read 03:30 winter time.
        var end = new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc);
        var due = ReportDeadlines.TakeawaysDue(Paris(new DateOnly(2026, 10, 27)), Ending(end), null);
        due.ShouldBe(new DateTime(2026, 10, 25, 2, 30, 0, DateTimeKind.Utc));
        var clock = ForumClock.For("Europe/Paris");
        (clock.Time(end), clock.Time(due!.Value)).ShouldBe(("02:30", "03:30"));
        (clock.Offset(end), clock.Offset(due.Value)).ShouldBe(("UTC+2", "UTC+1"));
    }

    [Fact]
    public void The_forum_sets_how_long_after_the_end_takeaways_are_due()
    {
        var end = new DateTime(2026, 10, 20, 15, 0, 0, DateTimeKind.Utc);
        ReportDeadlines.TakeawaysDue(Paris(new DateOnly(2026, 10, 21), minutes: 90), Ending(end), null).ShouldBe(end.AddMinutes(90));
    }

    [Fact]
    public void An_extension_replaces_either_rule_and_an_unscheduled_session_has_no_takeaway_deadline()
    {
        var forum = Paris(new DateOnly(2026, 10, 11));
        var later = new DateTime(2026, 11, 2, 17, 0, 0, DateTimeKind.Utc);
        var reporting = new SessionReporting { TakeawaysExtendedTo = later, ReportExtendedTo = later.AddDays(1) };
        ReportDeadlines.TakeawaysDue(forum, Ending(new DateTime(2026, 10, 10, 12, 0, 0, DateTimeKind.Utc)), reporting).ShouldBe(later);
        ReportDeadlines.ReportDue(forum, reporting).ShouldBe(later.AddDays(1));
        ReportDeadlines.TakeawaysDue(forum, new Session { Title = "t" }, null).ShouldBeNull();
    }

    [Fact]
    public void A_submission_after_its_deadline_is_late_and_one_before_is_not()
    {
        var due = new DateTime(2026, 10, 25, 2, 30, 0, DateTimeKind.Utc);
        new SessionReporting { TakeawaysSubmittedAt = due.AddSeconds(1), TakeawaysDueAt = due }.TakeawaysLate.ShouldBeTrue();
        new SessionReporting { TakeawaysSubmittedAt = due, TakeawaysDueAt = due }.TakeawaysLate.ShouldBeFalse();
        new OutputVersion { SubmittedBy = "x", Content = "{}", SubmittedAt = due.AddMinutes(-1), DueAt = due }.Late.ShouldBeFalse();
    }
}
