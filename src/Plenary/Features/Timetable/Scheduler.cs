using NodaTime;
using Plenary.Features.Sessions;

namespace Plenary.Features.Timetable;

/// <summary>Why the scheduler left a session out.</summary>
public enum UnplacedReason
{
    /// <summary>Longer than any stretch of the daily window between breaks.</summary>
    TooLong,
    NoEquippedRoom,
    NoLargeEnoughRoom,
    NoFreeRoom,
    PeopleBusy,
    PeopleUnavailable,
    NightForOnlineSpeakers,
}

public sealed record SchedulePlan(Dictionary<int, Placement> Placements, Dictionary<int, UnplacedReason> Unplaced, double Cost);

/// <summary>
/// Places sessions on the grid. Blocking rules, room clashes, the daily window, breaks, slots and room availability are never
/// broken; the other rules and sessions of one subtheme in parallel are soft costs to keep low. Greedy, most constrained
/// session first, each to its cheapest place, then two passes moving sessions to cheaper places. The seed only breaks ties,
/// so one seed gives one plan.
/// </summary>
public sealed class Scheduler
{
    public const double SubthemeParallel = 3, PersonClash = 10, PersonUnavailable = 8, Night = 5, Hybrid = 8, OverCapacity = 5;

    private readonly TimetableSnapshot _t;
    private readonly DateOnly[] _days;
    private readonly SnapshotRoom[] _rooms;
    private readonly Dictionary<int, int> _roomIndex;
    private readonly Dictionary<int, SnapshotSession> _sessions;
    private readonly Severity _clash, _unavailable, _night, _hybrid, _capacity;

    // Occupation while planning: room by day, person, subtheme by day.
    private List<(int Start, int End, int Session)>[,] _roomBusy = null!;
    private Dictionary<int, List<(int Day, int Start, int End, int Session)>> _personBusy = null!;
    private Dictionary<(int Subtheme, int Day), List<(int Start, int End)>> _subthemeBusy = null!;

    // Minutes between the forum's clock and each person's, per day of the forum.
    private readonly Dictionary<int, int[]> _offsets = [];
    private readonly Dictionary<int, List<int>[]> _startsByLength = [];

    public Scheduler(TimetableSnapshot t)
    {
        _t = t;
        _days = t.Days().ToArray();
        _rooms = t.Rooms.ToArray();
        _roomIndex = _rooms.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        _sessions = t.Sessions.ToDictionary(s => s.Id);
        (_clash, _unavailable, _night, _hybrid, _capacity) = (t.SeverityOf(TimetableRule.PersonClash), t.SeverityOf(TimetableRule.PersonUnavailable),
            t.SeverityOf(TimetableRule.OnlineAtNight), t.SeverityOf(TimetableRule.HybridWithoutEquipment), t.SeverityOf(TimetableRule.OverCapacity));
        foreach (var person in t.People.Values.Where(p => p.Zone is not null))
        {
            _offsets[person.Id] = _days.Select(d =>
            {
                var noon = t.InstantOf(d, 12 * 60);
                return (int)((person.Zone!.GetUtcOffset(noon) - t.Zone.GetUtcOffset(noon)).Ticks / NodaConstants.TicksPerMinute);
            }).ToArray();
        }
    }

    /// <summary>The scheduler's plan: every unscheduled session, or all of them when <paramref name="replanAll"/>.</summary>
    public SchedulePlan Plan(bool replanAll, int seed)
    {
        var random = new Random(seed);
        var (placements, movable) = Start(replanAll);
        var order = movable
            .Select(s => (Session: s, Tie: random.Next()))
            .OrderByDescending(x => Difficulty(x.Session)).ThenBy(x => x.Tie).Select(x => x.Session).ToList();
        var roomOrder = Enumerable.Range(0, _rooms.Length).OrderBy(_ => random.Next()).ToArray();
        var unplaced = new Dictionary<int, UnplacedReason>();
        foreach (var s in order)
        {
            if (Best(s, roomOrder) is { } best)
            {
                Occupy(s, best.At);
                placements[s.Id] = best.At;
            }
            else
            {
                unplaced[s.Id] = WhyNot(s);
            }
        }
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var s in order.Where(s => placements.ContainsKey(s.Id)))
            {
                var at = placements[s.Id];
                Free(s, at);
                var current = CostAt(s, at);
                var best = Best(s, roomOrder);
                var to = best is { } b && b.Cost < current - 1e-9 ? b.At : at;
                Occupy(s, to);
                placements[s.Id] = to;
            }
        }
        return new SchedulePlan(placements, unplaced, Cost(placements));
    }

    /// <summary>The baseline: sessions in their order, each in the first place that breaks no blocking rule.</summary>
    public SchedulePlan FirstFit(bool replanAll)
    {
        var (placements, movable) = Start(replanAll);
        var unplaced = new Dictionary<int, UnplacedReason>();
        foreach (var s in movable)
        {
            var found = Candidates(s, Enumerable.Range(0, _rooms.Length).ToArray()).Where(c => Fits(s, c) is null).Select(c => (Placement?)c).FirstOrDefault();
            if (found is { } at)
            {
                Occupy(s, at);
                placements[s.Id] = at;
            }
            else
            {
                unplaced[s.Id] = WhyNot(s);
            }
        }
        return new SchedulePlan(placements, unplaced, Cost(placements));
    }

    /// <summary>The soft cost of a whole timetable, the same measure the scheduler keeps low.</summary>
    public double Cost(Dictionary<int, Placement> placements)
    {
        Reset();
        var total = 0.0;
        foreach (var (id, at) in placements.OrderBy(p => p.Value.Day).ThenBy(p => p.Value.Start).ThenBy(p => p.Key))
        {
            if (_sessions.TryGetValue(id, out var s) && _roomIndex.ContainsKey(at.RoomId) && DayIndex(at.Day) >= 0)
            {
                total += CostAt(s, at);
                Occupy(s, at);
            }
        }
        return total;
    }

    private (Dictionary<int, Placement> Placements, List<SnapshotSession> Movable) Start(bool replanAll)
    {
        Reset();
        var placements = new Dictionary<int, Placement>();
        var movable = new List<SnapshotSession>();
        foreach (var s in _t.Sessions)
        {
            if (!replanAll && _t.Placements.TryGetValue(s.Id, out var at) && _roomIndex.ContainsKey(at.RoomId) && DayIndex(at.Day) >= 0)
            {
                placements[s.Id] = at;
                Occupy(s, at);
            }
            else
            {
                movable.Add(s);
            }
        }
        return (placements, movable);
    }

    private void Reset()
    {
        _roomBusy = new List<(int, int, int)>[_rooms.Length, _days.Length];
        for (var r = 0; r < _rooms.Length; r++)
        {
            for (var d = 0; d < _days.Length; d++)
            {
                _roomBusy[r, d] = [];
            }
        }
        _personBusy = [];
        _subthemeBusy = [];
    }

    private int Difficulty(SnapshotSession s) =>
        (s.IsHybrid && _hybrid == Severity.Block ? 10_000 : 0) + (s.People.Any(p => _t.People.GetValueOrDefault(p.PersonId)?.Availability is not null) ? 5_000 : 0)
        + s.People.Count * 50 + s.LengthMinutes + (s.ExpectedAttendance ?? 0) / 10;

    private (Placement At, double Cost)? Best(SnapshotSession s, int[] roomOrder)
    {
        (Placement At, double Cost)? best = null;
        foreach (var c in Candidates(s, roomOrder))
        {
            if (Fits(s, c) is not null)
            {
                continue;
            }
            var cost = CostAt(s, c);
            if (best is null || cost < best.Value.Cost - 1e-9)
            {
                best = (c, cost);
            }
        }
        return best;
    }

    private IEnumerable<Placement> Candidates(SnapshotSession s, int[] roomOrder)
    {
        var starts = StartsFor(s.LengthMinutes);
        for (var d = 0; d < _days.Length; d++)
        {
            foreach (var start in starts[d])
            {
                foreach (var r in roomOrder)
                {
                    yield return new Placement(_days[d], start, _rooms[r].Id);
                }
            }
        }
    }

    /// <summary>Starts on the slots of each day where the session fits in the window and misses every break.</summary>
    private List<int>[] StartsFor(int length)
    {
        if (!_startsByLength.TryGetValue(length, out var starts))
        {
            var day = new List<int>();
            for (var start = _t.DayStart; start + length <= _t.DayEnd; start += Math.Max(5, _t.SlotMinutes))
            {
                if (!_t.Breaks.Any(b => b.Overlaps(start, start + length)))
                {
                    day.Add(start);
                }
            }
            starts = _days.Select(_ => day).ToArray();
            _startsByLength[length] = starts;
        }
        return starts;
    }

    /// <summary>Null when the place breaks no hard rule; otherwise the first it breaks.</summary>
    private UnplacedReason? Fits(SnapshotSession s, Placement at)
    {
        var r = _roomIndex[at.RoomId];
        var d = DayIndex(at.Day);
        var room = _rooms[r];
        var end = at.Start + s.LengthMinutes;
        if (s.IsHybrid && !room.HasOnlineEquipment && _hybrid == Severity.Block)
        {
            return UnplacedReason.NoEquippedRoom;
        }
        if (s.ExpectedAttendance > room.Capacity && _capacity == Severity.Block)
        {
            return UnplacedReason.NoLargeEnoughRoom;
        }
        if (room.Availability.TryGetValue(at.Day, out var open) && !open.Any(w => w.Holds(at.Start, end)))
        {
            return UnplacedReason.NoFreeRoom;
        }
        foreach (var (start, stop, _) in _roomBusy[r, d])
        {
            if (at.Start < stop && start < end)
            {
                return UnplacedReason.NoFreeRoom;
            }
        }
        foreach (var p in s.People)
        {
            if (_unavailable == Severity.Block && !Available(p.PersonId, at.Day, at.Start, end))
            {
                return UnplacedReason.PeopleUnavailable;
            }
            if (_clash == Severity.Block && Busy(p.PersonId, d, at.Start, end, s.Id) > 0)
            {
                return UnplacedReason.PeopleBusy;
            }
            if (_night == Severity.Block && p.Mode == ParticipationMode.Online && AtNight(p.PersonId, d, at.Start, s.LengthMinutes))
            {
                return UnplacedReason.NightForOnlineSpeakers;
            }
        }
        return null;
    }

    private double CostAt(SnapshotSession s, Placement at)
    {
        var d = DayIndex(at.Day);
        var end = at.Start + s.LengthMinutes;
        var room = _rooms[_roomIndex[at.RoomId]];
        var cost = 0.0;
        if (s.SubthemeId is { } subtheme && _subthemeBusy.TryGetValue((subtheme, d), out var parallel))
        {
            cost += SubthemeParallel * parallel.Count(x => at.Start < x.End && x.Start < end);
        }
        foreach (var p in s.People.DistinctBy(p => p.PersonId))
        {
            if (_clash == Severity.Warn)
            {
                cost += PersonClash * Busy(p.PersonId, d, at.Start, end, s.Id);
            }
            if (_unavailable == Severity.Warn && !Available(p.PersonId, at.Day, at.Start, end))
            {
                cost += PersonUnavailable;
            }
            if (_night == Severity.Warn && p.Mode == ParticipationMode.Online && AtNight(p.PersonId, d, at.Start, s.LengthMinutes))
            {
                cost += Night;
            }
        }
        if (_hybrid == Severity.Warn && s.IsHybrid && !room.HasOnlineEquipment)
        {
            cost += Hybrid;
        }
        if (s.ExpectedAttendance is { } expected)
        {
            // Popular sessions in small rooms cost; a small session in a big room costs a little, keeping big rooms free.
            cost += expected > room.Capacity
                ? (_capacity == Severity.Warn ? OverCapacity + (expected - room.Capacity) / 20.0 : 0)
                : (room.Capacity - expected) / 2000.0;
        }
        return cost;
    }

    private void Occupy(SnapshotSession s, Placement at)
    {
        var d = DayIndex(at.Day);
        var end = at.Start + s.LengthMinutes;
        _roomBusy[_roomIndex[at.RoomId], d].Add((at.Start, end, s.Id));
        foreach (var p in s.People.Select(p => p.PersonId).Distinct())
        {
            if (!_personBusy.TryGetValue(p, out var list))
            {
                _personBusy[p] = list = [];
            }
            list.Add((d, at.Start, end, s.Id));
        }
        if (s.SubthemeId is { } subtheme)
        {
            if (!_subthemeBusy.TryGetValue((subtheme, d), out var list))
            {
                _subthemeBusy[(subtheme, d)] = list = [];
            }
            list.Add((at.Start, end));
        }
    }

    private void Free(SnapshotSession s, Placement at)
    {
        var d = DayIndex(at.Day);
        var end = at.Start + s.LengthMinutes;
        _roomBusy[_roomIndex[at.RoomId], d].RemoveAll(x => x.Session == s.Id);
        foreach (var p in s.People.Select(p => p.PersonId).Distinct())
        {
            _personBusy[p].RemoveAll(x => x.Session == s.Id);
        }
        if (s.SubthemeId is { } subtheme)
        {
            _subthemeBusy[(subtheme, d)].Remove((at.Start, end));
        }
    }

    private int Busy(int person, int day, int start, int end, int self) =>
        _personBusy.TryGetValue(person, out var list) ? list.Count(x => x.Day == day && x.Session != self && start < x.End && x.Start < end) : 0;

    private bool Available(int person, DateOnly day, int start, int end) =>
        _t.People.GetValueOrDefault(person) is not { Availability: { } windows }
        || (windows.TryGetValue(day, out var list) && list.Any(w => w.Holds(start, end)));

    private bool AtNight(int person, int day, int start, int length)
    {
        if (!_offsets.TryGetValue(person, out var offsets))
        {
            return false;
        }
        var from = ((start + offsets[day]) % 1440 + 1440) % 1440;
        return from < OnlineAtNightRule.Morning || from + length > OnlineAtNightRule.Night;
    }

    private int DayIndex(DateOnly day) => day < _t.FirstDay || day > _t.LastDay ? -1 : day.DayNumber - _t.FirstDay.DayNumber;

    private UnplacedReason WhyNot(SnapshotSession s)
    {
        var candidates = Candidates(s, Enumerable.Range(0, _rooms.Length).ToArray()).ToList();
        if (candidates.Count == 0)
        {
            return UnplacedReason.TooLong;
        }
        // The rule that turned the most places away is the one to tell the Secretariat about.
        return candidates.Select(c => Fits(s, c) ?? UnplacedReason.NoFreeRoom).GroupBy(r => r).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
    }
}
