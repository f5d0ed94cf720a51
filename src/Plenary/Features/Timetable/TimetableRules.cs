using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using Plenary.Features.Sessions;

namespace Plenary.Features.Timetable;

/// <summary>One problem in the timetable: which rule, how serious, which sessions and person, and what to do about it.</summary>
public sealed record Warning(TimetableRule Rule, Severity Severity, IReadOnlyList<int> SessionIds, int? PersonId, string Message);

/// <summary>A rule of a good timetable. Each reads the whole snapshot and names every place it is broken.</summary>
public abstract class Rule(TimetableRule kind)
{
    public TimetableRule Kind { get; } = kind;

    public IEnumerable<Warning> Check(TimetableSnapshot t, IStringLocalizer L)
    {
        var severity = t.SeverityOf(Kind);
        return severity == Severity.Ignore ? [] : Find(t, L).Select(w => new Warning(Kind, severity, w.Sessions, w.Person, w.Message));
    }

    protected abstract IEnumerable<(int[] Sessions, int? Person, string Message)> Find(TimetableSnapshot t, IStringLocalizer L);

    protected static string Time(int minute) => $"{minute / 60:00}:{minute % 60:00}";

    protected static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Placed sessions with their placement, by day, in start order.</summary>
    protected static IEnumerable<IGrouping<DateOnly, (SnapshotSession Session, Placement At)>> ByDay(TimetableSnapshot t) =>
        t.Sessions.Where(s => t.Placements.ContainsKey(s.Id)).Select(s => (Session: s, At: t.Placements[s.Id]))
            .OrderBy(x => x.At.Start).ThenBy(x => x.Session.Id).GroupBy(x => x.At.Day);
}

/// <summary>The rules in the order the warnings page lists them.</summary>
public static class TimetableRules
{
    public static readonly IReadOnlyList<Rule> All =
    [
        new RoomClashRule(), new PersonClashRule(), new PersonUnavailableRule(), new HybridWithoutEquipmentRule(),
        new OverCapacityRule(), new OutsideGridRule(), new RoomUnavailableRule(), new OnlineAtNightRule(),
    ];

    public static List<Warning> Check(TimetableSnapshot t, IStringLocalizer L) => All.SelectMany(r => r.Check(t, L)).ToList();

    public static string Name(IStringLocalizer L, TimetableRule rule) => rule switch
    {
        TimetableRule.RoomClash => L["Two sessions in one room"],
        TimetableRule.PersonClash => L["A person in two sessions at once"],
        TimetableRule.PersonUnavailable => L["A person outside their availability"],
        TimetableRule.HybridWithoutEquipment => L["A hybrid session in a room without online equipment"],
        TimetableRule.OverCapacity => L["Expected attendance over the room's seats"],
        TimetableRule.OutsideGrid => L["A session outside the daily window, across a break or off the slots"],
        TimetableRule.RoomUnavailable => L["A session outside its room's availability"],
        TimetableRule.OnlineAtNight => L["An online speaker at night in their own time zone"],
        _ => rule.ToString(),
    };

    public static string Name(IStringLocalizer L, Severity severity) => severity switch
    {
        Severity.Block => L["Block"],
        Severity.Warn => L["Warn"],
        _ => L["Ignore"],
    };
}

public sealed class RoomClashRule() : Rule(TimetableRule.RoomClash)
{
    protected override IEnumerable<(int[], int?, string)> Find(TimetableSnapshot t, IStringLocalizer L)
    {
        foreach (var day in ByDay(t))
        {
            foreach (var room in day.GroupBy(x => x.At.RoomId))
            {
                var list = room.ToList();
                for (var i = 0; i < list.Count; i++)
                {
                    for (var j = i + 1; j < list.Count && list[j].At.Start < list[i].At.Start + list[i].Session.LengthMinutes; j++)
                    {
                        yield return ([list[i].Session.Id, list[j].Session.Id], null,
                            L["{0} and {1} are both in {2} on {3} at {4}. Move one to another time or room.",
                                list[i].Session.Name, list[j].Session.Name, t.Room(room.Key)?.Name ?? "?", Day(day.Key), Time(list[j].At.Start)]);
                    }
                }
            }
        }
    }
}

public sealed class PersonClashRule() : Rule(TimetableRule.PersonClash)
{
    protected override IEnumerable<(int[], int?, string)> Find(TimetableSnapshot t, IStringLocalizer L)
    {
        foreach (var day in ByDay(t))
        {
            var byPerson = day.SelectMany(x => x.Session.People.Select(p => p.PersonId).Distinct().Select(p => (Person: p, x.Session, x.At))).GroupBy(x => x.Person);
            foreach (var person in byPerson)
            {
                var list = person.ToList();
                for (var i = 0; i < list.Count; i++)
                {
                    for (var j = i + 1; j < list.Count && list[j].At.Start < list[i].At.Start + list[i].Session.LengthMinutes; j++)
                    {
                        yield return ([list[i].Session.Id, list[j].Session.Id], person.Key,
                            L["{0} is in {1} and {2} at once on {3} at {4}. Move one of the sessions or change who takes part.",
                                t.People.GetValueOrDefault(person.Key)?.Name ?? "?", list[i].Session.Name, list[j].Session.Name, Day(day.Key), Time(list[j].At.Start)]);
                    }
                }
            }
        }
    }
}

public sealed class PersonUnavailableRule() : Rule(TimetableRule.PersonUnavailable)
{
    protected override IEnumerable<(int[], int?, string)> Find(TimetableSnapshot t, IStringLocalizer L)
    {
        foreach (var s in t.Sessions)
        {
            if (!t.Placements.TryGetValue(s.Id, out var at))
            {
                continue;
            }
            foreach (var personId in s.People.Select(p => p.PersonId).Distinct())
            {
                if (t.People.GetValueOrDefault(personId) is { Availability: { } windows } person
                    && !(windows.TryGetValue(at.Day, out var day) && day.Any(w => w.Holds(at.Start, at.Start + s.LengthMinutes))))
                {
                    yield return ([s.Id], personId, L["{0} is not available on {1} from {2} to {3}, when {4} runs. Move the session into their stated availability.",
                        person.Name, Day(at.Day), Time(at.Start), Time(at.Start + s.LengthMinutes), s.Name]);
                }
            }
        }
    }
}

public sealed class HybridWithoutEquipmentRule() : Rule(TimetableRule.HybridWithoutEquipment)
{
    protected override IEnumerable<(int[], int?, string)> Find(TimetableSnapshot t, IStringLocalizer L)
    {
        foreach (var s in t.Sessions)
        {
            if (t.Placements.TryGetValue(s.Id, out var at) && s.IsHybrid && t.Room(at.RoomId) is { HasOnlineEquipment: false } room)
            {
                yield return ([s.Id], null, L["{0} has online speakers or moderators but {1} has no online equipment. Move it to an equipped room.", s.Name, room.Name]);
            }
        }
    }
}

public sealed class OverCapacityRule() : Rule(TimetableRule.OverCapacity)
{
    protected override IEnumerable<(int[], int?, string)> Find(TimetableSnapshot t, IStringLocalizer L)
    {
        foreach (var s in t.Sessions)
        {
            if (t.Placements.TryGetValue(s.Id, out var at) && s.ExpectedAttendance is { } expected && t.Room(at.RoomId) is { } room && expected > room.Capacity)
            {
                yield return ([s.Id], null, L["{0} expects {1} people but {2} seats {3}. Move it to a larger room.", s.Name, expected, room.Name, room.Capacity]);
            }
        }
    }
}

public sealed class OutsideGridRule() : Rule(TimetableRule.OutsideGrid)
{
    protected override IEnumerable<(int[], int?, string)> Find(TimetableSnapshot t, IStringLocalizer L)
    {
        foreach (var s in t.Sessions)
        {
            if (!t.Placements.TryGetValue(s.Id, out var at))
            {
                continue;
            }
            var end = at.Start + s.LengthMinutes;
            if (at.Day < t.FirstDay || at.Day > t.LastDay)
            {
                yield return ([s.Id], null, L["{0} is on {1}, outside the forum's days. Move it to a day of the forum.", s.Name, Day(at.Day)]);
            }
            else if (at.Start < t.DayStart || end > t.DayEnd)
            {
                yield return ([s.Id], null, L["{0} runs from {1} to {2}, outside the daily window {3}–{4}. Move it or shorten it.",
                    s.Name, Time(at.Start), Time(end), Time(t.DayStart), Time(t.DayEnd)]);
            }
            else if (t.Breaks.FirstOrDefault(b => b.Overlaps(at.Start, end)) is { End: > 0 } pause)
            {
                yield return ([s.Id], null, L["{0} runs from {1} to {2}, across the break {3}–{4}. Move it or shorten it.",
                    s.Name, Time(at.Start), Time(end), Time(pause.Start), Time(pause.End)]);
            }
            else if ((at.Start - t.DayStart) % t.SlotMinutes != 0)
            {
                yield return ([s.Id], null, L["{0} starts at {1}, between the {2}-minute slots. Move it to the start of a slot.", s.Name, Time(at.Start), t.SlotMinutes]);
            }
        }
    }
}

public sealed class RoomUnavailableRule() : Rule(TimetableRule.RoomUnavailable)
{
    protected override IEnumerable<(int[], int?, string)> Find(TimetableSnapshot t, IStringLocalizer L)
    {
        foreach (var s in t.Sessions)
        {
            if (t.Placements.TryGetValue(s.Id, out var at) && t.Room(at.RoomId) is { } room
                && room.Availability.TryGetValue(at.Day, out var windows) && !windows.Any(w => w.Holds(at.Start, at.Start + s.LengthMinutes)))
            {
                yield return ([s.Id], null, L["{0} is not available on {1} from {2} to {3}, when {4} runs. Move the session to another time or room.",
                    room.Name, Day(at.Day), Time(at.Start), Time(at.Start + s.LengthMinutes), s.Name]);
            }
        }
    }
}

public sealed class OnlineAtNightRule() : Rule(TimetableRule.OnlineAtNight)
{
    public const int Morning = 7 * 60;
    public const int Night = 22 * 60;

    protected override IEnumerable<(int[], int?, string)> Find(TimetableSnapshot t, IStringLocalizer L)
    {
        foreach (var s in t.Sessions)
        {
            if (!t.Placements.TryGetValue(s.Id, out var at))
            {
                continue;
            }
            foreach (var role in s.People.Where(p => p.Mode == ParticipationMode.Online).DistinctBy(p => p.PersonId))
            {
                if (t.People.GetValueOrDefault(role.PersonId) is not { Zone: { } zone } person)
                {
                    continue;
                }
                var start = t.InstantOf(at.Day, at.Start).InZone(zone).LocalDateTime;
                var end = t.InstantOf(at.Day, at.Start + s.LengthMinutes).InZone(zone).LocalDateTime;
                if (AtNight(start, end))
                {
                    yield return ([s.Id], person.Id, L["{0} joins {1} online from {2} to {3} in {4}, at night for them. Move the session to their daytime.",
                        person.Name, s.Name, start.ToString("HH:mm", CultureInfo.InvariantCulture), end.ToString("HH:mm", CultureInfo.InvariantCulture), zone.Id]);
                }
            }
        }
    }

    /// <summary>Any part of the session before 07:00 or after 22:00 where the speaker is.</summary>
    public static bool AtNight(LocalDateTime start, LocalDateTime end)
    {
        var from = start.Hour * 60 + start.Minute;
        var to = from + (int)Period.Between(start, end, PeriodUnits.Minutes).Minutes;
        return from < Morning || to > Night;
    }
}
