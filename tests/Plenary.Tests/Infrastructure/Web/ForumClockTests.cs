using Plenary.Infrastructure.Web;

namespace Plenary.Tests.Infrastructure.Web;

public sealed class ForumClockTests
{
    private static DateTime Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    [Fact]
    public void Open_forum_56_is_at_half_past_nine_in_addis_ababa()
    {
        var clock = ForumClock.For("Africa/Addis_Ababa");

        clock.Time(Utc(2022, 12, 1, 6, 30)).ShouldBe("09:30");
        clock.Day(Utc(2022, 12, 1, 6, 30)).ShouldBe(new DateOnly(2022, 12, 1));
        clock.ZoneName(Utc(2022, 12, 1, 6, 30)).ShouldBe("Africa/Addis Ababa (UTC+3)");
    }

    [Fact]
    public void Day_is_the_forum_day_not_the_utc_day()
    {
        // 22:30 UTC on 30 November is already 1 December in Addis Ababa.
        ForumClock.For("Africa/Addis_Ababa").Day(Utc(2022, 11, 30, 22, 30)).ShouldBe(new DateOnly(2022, 12, 1));
    }

    [Fact]
    public void Day_bounds_follow_daylight_saving_time()
    {
        // Europe/Paris springs forward on 27 March 2022: that day has 23 hours.
        var (start, end) = ForumClock.For("Europe/Paris").DayBounds(new DateOnly(2022, 3, 27));

        start.ShouldBe(Utc(2022, 3, 26, 23, 0));
        end.ShouldBe(Utc(2022, 3, 27, 22, 0));
        (end - start).ShouldBe(TimeSpan.FromHours(23));
    }

    [Fact]
    public void Offset_changes_with_daylight_saving_time()
    {
        var clock = ForumClock.For("Europe/Paris");

        clock.Offset(Utc(2022, 1, 10, 12, 0)).ShouldBe("UTC+1");
        clock.Offset(Utc(2022, 7, 10, 12, 0)).ShouldBe("UTC+2");
    }

    [Fact]
    public void Half_hour_offsets_are_shown_with_minutes()
    {
        var clock = ForumClock.For("Asia/Kolkata");

        clock.Offset(Utc(2022, 12, 1, 6, 30)).ShouldBe("UTC+5:30");
        clock.Time(Utc(2022, 12, 1, 6, 30)).ShouldBe("12:00");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    public void Unknown_time_zone_is_refused(string? zone) => ForumClock.Exists(zone).ShouldBeFalse();

    [Theory]
    [InlineData("UTC")]
    [InlineData("America/Bogota")]
    [InlineData("Pacific/Chatham")]
    public void Iana_time_zone_is_accepted(string zone) => ForumClock.Exists(zone).ShouldBeTrue();
}
