using NodaTime;
using NodaTime.TimeZones;
using Plenary.Features.Sessions;

namespace Plenary.Features.Timetable;

/// <summary>A window of local time on one day, in minutes after midnight.</summary>
public readonly record struct Window(int Start, int End)
{
    public bool Holds(int start, int end) => Start <= start && end <= End;
    public bool Overlaps(int start, int end) => start < End && Start < end;
}

/// <summary>Where and when a session sits, in the forum's local time.</summary>
public readonly record struct Placement(DateOnly Day, int Start, int RoomId);

public sealed record SnapshotRoom(int Id, string Name, int Capacity, bool HasOnlineEquipment, IReadOnlyDictionary<DateOnly, List<Window>> Availability);

/// <summary>A person as the rules see them. <see cref="Availability"/> is null when they stated none.</summary>
public sealed record SnapshotPerson(int Id, string Name, DateTimeZone? Zone, IReadOnlyDictionary<DateOnly, List<Window>>? Availability);

/// <summary>Someone the session needs in person or online: speakers, moderators, the rapporteur (not organisers).</summary>
public readonly record struct SnapshotRole(int PersonId, ParticipationMode Mode);

public sealed record SnapshotSession(int Id, string Key, string Name, int LengthMinutes, int? SubthemeId, int? ExpectedAttendance, IReadOnlyList<SnapshotRole> People)
{
    /// <summary>Any speaker or moderator online: the room needs cameras and a link.</summary>
    public bool IsHybrid => People.Any(p => p.Mode == ParticipationMode.Online);
}

/// <summary>
/// Everything the rules and the scheduler need about a forum's timetable, in memory, so the whole timetable is checked
/// without a query per session. Placements are separate so a proposed change is checked by swapping them.
/// </summary>
public sealed class TimetableSnapshot
{
    public required DateTimeZone Zone { get; init; }
    public required DateOnly FirstDay { get; init; }
    public required DateOnly LastDay { get; init; }
    public required int DayStart { get; init; }
    public required int DayEnd { get; init; }
    public required int SlotMinutes { get; init; }
    public required IReadOnlyList<Window> Breaks { get; init; }
    public required IReadOnlyDictionary<TimetableRule, Severity> Severities { get; init; }
    public required IReadOnlyList<SnapshotRoom> Rooms { get; init; }
    public required IReadOnlyList<SnapshotSession> Sessions { get; init; }
    public required IReadOnlyDictionary<int, SnapshotPerson> People { get; init; }
    public required Dictionary<int, Placement> Placements { get; init; }

    private Dictionary<int, SnapshotRoom>? _roomsById;
    private Dictionary<int, SnapshotSession>? _sessionsById;

    public SnapshotRoom? Room(int id) => (_roomsById ??= Rooms.ToDictionary(r => r.Id)).GetValueOrDefault(id);
    public SnapshotSession? Session(int id) => (_sessionsById ??= Sessions.ToDictionary(s => s.Id)).GetValueOrDefault(id);

    public Severity SeverityOf(TimetableRule rule) => Severities.TryGetValue(rule, out var s) ? s : RuleDefaults.Of(rule);

    public IEnumerable<DateOnly> Days()
    {
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>The same forum with other placements (a proposed move or a scheduler's plan).</summary>
    public TimetableSnapshot With(Dictionary<int, Placement> placements) => new()
    {
        Zone = Zone, FirstDay = FirstDay, LastDay = LastDay, DayStart = DayStart, DayEnd = DayEnd, SlotMinutes = SlotMinutes, Breaks = Breaks,
        Severities = Severities, Rooms = Rooms, Sessions = Sessions, People = People, Placements = placements,
    };

    public TimetableSnapshot WithSessions(IReadOnlyList<SnapshotSession> sessions) => new()
    {
        Zone = Zone, FirstDay = FirstDay, LastDay = LastDay, DayStart = DayStart, DayEnd = DayEnd, SlotMinutes = SlotMinutes, Breaks = Breaks,
        Severities = Severities, Rooms = Rooms, Sessions = sessions, People = People, Placements = Placements,
    };

    public Instant InstantOf(DateOnly day, int minute) =>
        Zone.AtLeniently(new LocalDate(day.Year, day.Month, day.Day).AtMidnight().PlusMinutes(minute)).ToInstant();

    public DateTime UtcOf(DateOnly day, int minute) => InstantOf(day, minute).ToDateTimeUtc();

    public Placement? PlacementOf(DateTime startsAtUtc, int roomId)
    {
        var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(startsAtUtc, DateTimeKind.Utc)).InZone(Zone).LocalDateTime;
        return new Placement(new DateOnly(local.Year, local.Month, local.Day), local.Hour * 60 + local.Minute, roomId);
    }

    /// <summary>A person's zone: their own, or the first of their country in the time zone database.</summary>
    public static DateTimeZone? ZoneOf(string? zoneId, string? countryCode)
    {
        if (zoneId is { Length: > 0 } && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is { } own)
        {
            return own;
        }
        if (countryCode is not { Length: 2 })
        {
            return null;
        }
        return CountryZones.Value.TryGetValue(countryCode.ToUpperInvariant(), out var id) ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null;
    }

    private static readonly Lazy<Dictionary<string, string>> CountryZones = new(() =>
        (TzdbDateTimeZoneSource.Default.ZoneLocations ?? [])
            .GroupBy(l => l.CountryCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key.ToUpperInvariant(), g => g.First().ZoneId));
}
