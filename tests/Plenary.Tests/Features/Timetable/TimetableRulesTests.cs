using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Plenary.Features.Sessions;
using Plenary.Features.Timetable;

namespace Plenary.Tests.Features.Timetable;

/// <summary>Each rule on a small timetable: a case that breaks it and one that does not; severities switch rules.</summary>
public sealed class TimetableRulesTests
{
    public static readonly IStringLocalizer L = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static readonly DateOnly Monday = new(2022, 11, 28);

    /// <summary>Two rooms (big equipped, small bare), three sessions, three people; person 3 is online from Tokyo.</summary>
    private static TimetableSnapshot Forum(Dictionary<int, Placement> placements, Dictionary<TimetableRule, Severity>? severities = null,
        int? expected = null, IReadOnlyDictionary<DateOnly, List<Window>>? personWindows = null, IReadOnlyDictionary<DateOnly, List<Window>>? roomWindows = null) => new()
    {
        Zone = DateTimeZoneProviders.Tzdb["Africa/Addis_Ababa"], FirstDay = Monday, LastDay = Monday.AddDays(1),
        DayStart = 9 * 60, DayEnd = 19 * 60, SlotMinutes = 15, Breaks = [new Window(12 * 60 + 30, 13 * 60 + 30)],
        Severities = severities ?? [],
        Rooms = [new SnapshotRoom(1, "Plenary Hall", 500, true, roomWindows ?? new Dictionary<DateOnly, List<Window>>()),
            new SnapshotRoom(2, "Room 2", 30, false, new Dictionary<DateOnly, List<Window>>())],
        Sessions =
        [
            new SnapshotSession(1, "ws-1", "WS #1", 60, 1, expected, [new SnapshotRole(1, ParticipationMode.Onsite)]),
            new SnapshotSession(2, "ws-2", "WS #2", 60, 1, null, [new SnapshotRole(1, ParticipationMode.Onsite), new SnapshotRole(2, ParticipationMode.Onsite)]),
            new SnapshotSession(3, "ws-3", "WS #3", 60, 2, null, [new SnapshotRole(3, ParticipationMode.Online)]),
        ],
        People = new Dictionary<int, SnapshotPerson>
        {
            [1] = new(1, "Amina Diallo", DateTimeZoneProviders.Tzdb["Africa/Addis_Ababa"], personWindows),
            [2] = new(2, "Bo Chen", null, null),
            [3] = new(3, "Kenji Sato", DateTimeZoneProviders.Tzdb["Asia/Tokyo"], null),
        },
        Placements = placements,
    };

    private static List<Warning> Of(TimetableRule rule, TimetableSnapshot t) => TimetableRules.Check(t, L).Where(w => w.Rule == rule).ToList();

    private static Placement At(int hour, int minute, int room, int day = 0) => new(Monday.AddDays(day), hour * 60 + minute, room);

    [Fact]
    public void Two_sessions_in_one_room_at_once_are_named_and_back_to_back_are_not()
    {
        var clash = Of(TimetableRule.RoomClash, Forum(new() { [1] = At(9, 0, 2), [3] = At(9, 30, 2) }));
        clash.ShouldHaveSingleItem().SessionIds.ShouldBe([1, 3]);
        clash[0].Message.ShouldContain("Room 2");
        clash[0].Severity.ShouldBe(Severity.Block);
        Of(TimetableRule.RoomClash, Forum(new() { [1] = At(9, 0, 2), [3] = At(10, 0, 2) })).ShouldBeEmpty();
    }

    [Fact]
    public void A_person_in_two_rooms_at_once_is_named()
    {
        var clash = Of(TimetableRule.PersonClash, Forum(new() { [1] = At(9, 0, 1), [2] = At(9, 45, 2) }));
        clash.ShouldHaveSingleItem().PersonId.ShouldBe(1);
        clash[0].Message.ShouldContain("Amina Diallo");
        Of(TimetableRule.PersonClash, Forum(new() { [1] = At(9, 0, 1), [2] = At(10, 0, 2) })).ShouldBeEmpty();
    }

    [Fact]
    public void A_person_outside_their_stated_availability_is_named()
    {
        var mornings = new Dictionary<DateOnly, List<Window>> { [Monday] = [new Window(9 * 60, 12 * 60)] };
        Of(TimetableRule.PersonUnavailable, Forum(new() { [1] = At(14, 0, 1) }, personWindows: mornings)).ShouldHaveSingleItem().PersonId.ShouldBe(1);
        Of(TimetableRule.PersonUnavailable, Forum(new() { [1] = At(14, 0, 1, day: 1) }, personWindows: mornings)).ShouldHaveSingleItem();
        Of(TimetableRule.PersonUnavailable, Forum(new() { [1] = At(10, 0, 1) }, personWindows: mornings)).ShouldBeEmpty();
    }

    [Fact]
    public void A_hybrid_session_needs_a_room_with_online_equipment()
    {
        Of(TimetableRule.HybridWithoutEquipment, Forum(new() { [3] = At(9, 0, 2) })).ShouldHaveSingleItem().Message.ShouldContain("Room 2");
        Of(TimetableRule.HybridWithoutEquipment, Forum(new() { [3] = At(9, 0, 1), [1] = At(9, 0, 2) })).ShouldBeEmpty();
    }

    [Fact]
    public void Expected_attendance_over_the_seats_is_named()
    {
        Of(TimetableRule.OverCapacity, Forum(new() { [1] = At(9, 0, 2) }, expected: 31)).ShouldHaveSingleItem().Message.ShouldContain("31");
        Of(TimetableRule.OverCapacity, Forum(new() { [1] = At(9, 0, 2) }, expected: 30)).ShouldBeEmpty();
        Of(TimetableRule.OverCapacity, Forum(new() { [1] = At(9, 0, 2) })).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(8, 30, "daily window")]
    [InlineData(18, 30, "daily window")]
    [InlineData(12, 0, "break")]
    [InlineData(9, 10, "slots")]
    public void A_session_off_the_grid_is_named(int hour, int minute, string message) =>
        Of(TimetableRule.OutsideGrid, Forum(new() { [1] = At(hour, minute, 1) })).ShouldHaveSingleItem().Message.ShouldContain(message);

    [Fact]
    public void A_session_on_the_grid_between_breaks_is_not_named()
    {
        Of(TimetableRule.OutsideGrid, Forum(new() { [1] = At(11, 30, 1), [2] = At(13, 30, 1), [3] = At(18, 0, 2) })).ShouldBeEmpty();
        Of(TimetableRule.OutsideGrid, Forum(new() { [1] = At(10, 0, 1, day: 2) })).ShouldHaveSingleItem().Message.ShouldContain("forum's days");
    }

    [Fact]
    public void A_room_used_outside_its_availability_is_named()
    {
        var afternoons = new Dictionary<DateOnly, List<Window>> { [Monday] = [new Window(14 * 60, 19 * 60)] };
        Of(TimetableRule.RoomUnavailable, Forum(new() { [1] = At(10, 0, 1) }, roomWindows: afternoons)).ShouldHaveSingleItem().Message.ShouldContain("Plenary Hall");
        Of(TimetableRule.RoomUnavailable, Forum(new() { [1] = At(15, 0, 1) }, roomWindows: afternoons)).ShouldBeEmpty();
        Of(TimetableRule.RoomUnavailable, Forum(new() { [1] = At(10, 0, 1, day: 1) }, roomWindows: afternoons)).ShouldBeEmpty();
    }

    [Fact]
    public void An_online_speaker_at_night_in_their_own_zone_is_named()
    {
        // 16:00 in Addis Ababa (UTC+3) is 22:00 in Tokyo (UTC+9): the session ends after 22:00 there.
        var night = Of(TimetableRule.OnlineAtNight, Forum(new() { [3] = At(16, 0, 1) }));
        night.ShouldHaveSingleItem().PersonId.ShouldBe(3);
        night[0].Message.ShouldContain("Asia/Tokyo");
        // 09:00 in Addis Ababa is 15:00 in Tokyo.
        Of(TimetableRule.OnlineAtNight, Forum(new() { [3] = At(9, 0, 1) })).ShouldBeEmpty();
    }

    [Fact]
    public void Severity_switches_a_rule_to_block_warn_or_silence()
    {
        var clash = new Dictionary<int, Placement> { [1] = At(9, 0, 1), [2] = At(9, 0, 2) };
        Of(TimetableRule.PersonClash, Forum(clash)).ShouldHaveSingleItem().Severity.ShouldBe(Severity.Warn);
        Of(TimetableRule.PersonClash, Forum(clash, new() { [TimetableRule.PersonClash] = Severity.Block })).ShouldHaveSingleItem().Severity.ShouldBe(Severity.Block);
        Of(TimetableRule.PersonClash, Forum(clash, new() { [TimetableRule.PersonClash] = Severity.Ignore })).ShouldBeEmpty();
    }

    [Fact]
    public void A_person_without_a_zone_of_their_own_takes_one_of_their_country()
    {
        TimetableSnapshot.ZoneOf(null, "JP")!.Id.ShouldBe("Asia/Tokyo");
        TimetableSnapshot.ZoneOf("America/Bogota", "JP")!.Id.ShouldBe("America/Bogota");
        TimetableSnapshot.ZoneOf("Mars/Olympus", null).ShouldBeNull();
    }
}
