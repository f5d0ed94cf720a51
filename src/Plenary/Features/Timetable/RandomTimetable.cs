using NodaTime;
using Plenary.Features.Sessions;

namespace Plenary.Features.Timetable;

/// <summary>
/// A seeded, IGF-scale timetable in memory for the scheduler's property tests and its benchmark: sessions of IGF lengths,
/// rooms of mixed size and equipment, people on several sessions, a third of speakers online from zones around the world.
/// </summary>
public static class RandomTimetable
{
    private static readonly string[] Zones =
    [
        "America/Los_Angeles", "America/Bogota", "America/New_York", "America/Sao_Paulo", "Europe/London", "Europe/Paris", "Africa/Lagos",
        "Africa/Nairobi", "Asia/Dubai", "Asia/Kolkata", "Asia/Bangkok", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
    ];

    public static TimetableSnapshot Generate(int seed, int sessions = 300, int rooms = 12, int days = 5, int people = 1500, int subthemes = 8,
        IReadOnlyDictionary<TimetableRule, Severity>? severities = null)
    {
        var random = new Random(seed);
        var first = new DateOnly(2022, 11, 28);
        var roomList = Enumerable.Range(1, rooms).Select(i => new SnapshotRoom(i, $"Room {i}",
            i <= 2 ? 600 : i <= 5 ? 200 : 80, i <= rooms * 2 / 3, new Dictionary<DateOnly, List<Window>>())).ToList();
        var personList = Enumerable.Range(1, people).ToDictionary(i => i, i => new SnapshotPerson(i, $"Person {i}",
            DateTimeZoneProviders.Tzdb[Zones[random.Next(Zones.Length)]], null));
        int[] lengths = [90, 90, 60, 60, 60, 30, 20];
        var sessionList = Enumerable.Range(1, sessions).Select(i =>
        {
            var count = random.Next(3, 7);
            var roles = Enumerable.Range(0, count).Select(_ => new SnapshotRole(random.Next(1, people + 1),
                random.NextDouble() < 1.0 / 3 ? ParticipationMode.Online : ParticipationMode.Onsite)).DistinctBy(r => r.PersonId).ToList();
            return new SnapshotSession(i, $"ws-{i}", $"WS #{i}", lengths[random.Next(lengths.Length)], random.Next(1, subthemes + 1),
                random.NextDouble() < 0.5 ? random.Next(20, 400) : null, roles);
        }).ToList();
        return new TimetableSnapshot
        {
            Zone = DateTimeZoneProviders.Tzdb["Africa/Addis_Ababa"], FirstDay = first, LastDay = first.AddDays(days - 1),
            DayStart = 9 * 60, DayEnd = 19 * 60, SlotMinutes = 15, Breaks = [new Window(12 * 60 + 30, 13 * 60 + 30)],
            Severities = severities ?? Enum.GetValues<TimetableRule>().ToDictionary(r => r, RuleDefaults.Of),
            Rooms = roomList, Sessions = sessionList, People = personList, Placements = [],
        };
    }
}
