using System.Globalization;
using Microsoft.Extensions.Localization;
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
    /// a repeated one takes its first occurrence. Times the app works out itself may land there; a time a person types is
    /// first checked by <see cref="Unclear"/>, which refuses both.
    /// </summary>
    public DateTime ToUtc(DateOnly day, TimeOnly time) =>
        _zone.AtLeniently(new LocalDateTime(day.Year, day.Month, day.Day, time.Hour, time.Minute)).ToDateTimeUtc();

    /// <summary>
    /// The one rule for a forum-local day and time that a person types (session form, timetable move, API, sessions.csv):
    /// null when it names exactly one moment, otherwise why not, in the reader's language. A time in the hour the clocks
    /// skip is refused rather than shifted, for it would be saved as a time nobody typed. A time in the hour the clocks
    /// repeat is refused too, rather than taken as its first occurrence: the programme shows forum-local times without
    /// their offset, so "02:30" that night would read as either moment to a participant, and the person scheduling is the
    /// one who can pick a time that does not; it is the middle of the night in every zone that changes, so little is lost.
    /// </summary>
    public string? Unclear(DateOnly day, TimeOnly time, IStringLocalizer L)
    {
        var local = new LocalDateTime(day.Year, day.Month, day.Day, time.Hour, time.Minute);
        var mapping = _zone.MapLocal(local);
        if (mapping.Count == 1)
        {
            return null;
        }
        var typed = time.ToString("HH:mm", CultureInfo.InvariantCulture);
        var on = day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);
        // Before the change the clocks read up to the end of the early interval; after it they start from the late one's start.
        var before = mapping.EarlyInterval.IsoLocalEnd.ToString("HH:mm", CultureInfo.InvariantCulture);
        var after = mapping.LateInterval.IsoLocalStart.ToString("HH:mm", CultureInfo.InvariantCulture);
        return mapping.Count == 0
            ? L["{0} does not exist on {1} in {2}: the clocks go forward from {3} to {4}. Choose a time before {3}, or from {4}.", typed, on, _zone.Id, before, after]
            : L["{0} happens twice on {1} in {2}: the clocks go back from {3} to {4}. Choose a time before {4}, or from {3}, so that it names one moment.", typed, on, _zone.Id, before, after];
    }

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
