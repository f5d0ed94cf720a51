using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// Shows UTC instants in a named IANA time zone: the forum's, UTC, or one the reader picks. Built on NodaTime's
/// own copy of the time zone database, so results do not depend on the server's tzdata.
/// </summary>
public sealed class ForumClock
{
    private readonly DateTimeZone _zone;

    private ForumClock(DateTimeZone zone) => _zone = zone;

    public string ZoneId => _zone.Id;

    public static bool TryCreate(string? zoneId, out ForumClock clock)
    {
        clock = null!;
        if (string.IsNullOrWhiteSpace(zoneId) || zoneId.Length > 64)
        {
            return false;
        }
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        if (zone is null)
        {
            return false;
        }
        clock = new ForumClock(zone);
        return true;
    }

    public static ForumClock For(string zoneId) =>
        TryCreate(zoneId, out var clock) ? clock : throw new DateTimeZoneNotFoundException($"Unknown time zone '{zoneId}'.");

    public static bool Exists(string? zoneId) => TryCreate(zoneId, out _);

    public LocalDateTime Local(DateTime utc) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(_zone).LocalDateTime;

    public DateOnly Day(DateTime utc) => DateOnly.FromDateTime(Local(utc).ToDateTimeUnspecified());

    /// <summary>The UTC instants at which a local day begins and ends in this zone (days can be 23 or 25 hours long).</summary>
    public (DateTime Start, DateTime End) DayBounds(DateOnly day)
    {
        var local = new LocalDate(day.Year, day.Month, day.Day);
        var start = _zone.AtStartOfDay(local).ToDateTimeUtc();
        var end = _zone.AtStartOfDay(local.PlusDays(1)).ToDateTimeUtc();
        return (start, end);
    }

    /// <summary>
    /// The UTC instant of a forum-local day and time. A time skipped by a daylight-saving change moves forward by the gap;
    /// a repeated one takes its first occurrence, as a person reading the programme would.
    /// </summary>
    public DateTime ToUtc(DateOnly day, TimeOnly time) =>
        _zone.AtLeniently(new LocalDateTime(day.Year, day.Month, day.Day, time.Hour, time.Minute)).ToDateTimeUtc();

    public string Time(DateTime utc) => Local(utc).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"UTC+3" style offset at a given instant, for naming the zone beside a time.</summary>
    public string Offset(DateTime utc)
    {
        var offset = _zone.GetUtcOffset(Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
        if (offset == NodaTime.Offset.Zero)
        {
            return "UTC";
        }
        var span = offset.ToTimeSpan();
        var sign = span < TimeSpan.Zero ? "−" : "+";
        span = span.Duration();
        return span.Minutes == 0
            ? $"UTC{sign}{span.Hours}"
            : $"UTC{sign}{span.Hours}:{span.Minutes:00}";
    }

    /// <summary>"Africa/Addis_Ababa (UTC+3)".</summary>
    public string ZoneName(DateTime at) => _zone.Id == "UTC" || _zone.Id == "Etc/UTC" ? "UTC" : $"{_zone.Id.Replace('_', ' ')} ({Offset(at)})";

    /// <summary>"Thursday 1 December 2022", "jeudi 1 décembre 2022": each language's own capitalisation.</summary>
    public static string LongDay(DateOnly day, CultureInfo culture) => day.ToString("dddd d MMMM yyyy", culture);
}
