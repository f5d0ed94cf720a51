using NodaTime;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;

namespace Plenary.Features.Demo;

/// <summary>
/// The invented sessions around Open Forum #56. Deterministic for a given <see cref="DemoOptions"/>: the same seed
/// gives the same forum, so a screenshot, a bug report and a benchmark all talk about the same data.
/// Invariants the tests hold it to: every type, format and subtheme occurs; no room and no person is in two
/// sessions at once; rooms without online equipment host only onsite speakers.
/// </summary>
public static partial class DemoForum
{
    private const int DayStart = 9 * 60;
    private const int DayEnd = 19 * 60;
    private const int Changeover = 15;

    // The IGF's usual session starts; other quarter hours are used only when these are taken.
    private static readonly int[] PreferredStarts = [9 * 60, 10 * 60 + 45, 12 * 60 + 30, 14 * 60 + 15, 16 * 60, 17 * 60 + 30];

    private static readonly (string Code, int Weight, int MinSpeakers, int MaxSpeakers)[] TypeMix =
    [
        ("WS", 34, 4, 6), ("OF", 14, 3, 6), ("TH", 6, 3, 5), ("LT", 8, 1, 2), ("NS", 7, 2, 4),
        ("DAY0", 8, 3, 6), ("MAIN", 4, 5, 8), ("NRI", 6, 4, 7), ("LA", 5, 2, 3), ("DC", 8, 3, 5),
    ];

    private static readonly (SessionFormat Format, int Weight)[] FormatMix =
    [
        (SessionFormat.Panel, 40), (SessionFormat.RoundTable, 25), (SessionFormat.Debate, 8),
        (SessionFormat.BirdsOfAFeather, 10), (SessionFormat.Tutorial, 7), (SessionFormat.Other, 10),
    ];

    private static void AddInventedSessions(DemoContent content, SdgCatalogue sdgs, DemoOptions options)
    {
        var count = Math.Max(0, options.Sessions - content.Sessions.Count);
        if (count == 0)
        {
            return;
        }
        var random = new Random(options.RandomSeed);
        var organisations = InventOrganisations(random, Math.Max(24, options.People / 8));
        content.Organisations.AddRange(organisations);
        var people = InventPeople(random, organisations, Math.Max(40, options.People - content.People.Count));
        content.People.AddRange(people);
        content.InventedOrganisations.AddRange(organisations);
        content.InventedPeople.AddRange(people);
        content.LeftOut = PlaceInventedSessions(content, sdgs, random, count, people, organisations, withOutputs: true, leaveOutWhatDoesNotFit: true);
        AddTheIgfsOtherRoles(content, people);
    }

    /// <summary>
    /// The roles the IGF records beside moderators and rapporteurs, on a few sessions each, so the demo shows every one:
    /// a main moderator, a floor moderator and a timekeeper on main sessions, a remote presenter on lightning talks, a
    /// co-rapporteur on dynamic coalition sessions. Given to people free at that time, in order, without drawing from
    /// the demo's random sequence: every other session, person and placement stays as it was.
    /// </summary>
    private static void AddTheIgfsOtherRoles(DemoContent content, List<Person> people)
    {
        var busy = content.Sessions.Where(s => s.StartsAt is not null && s.EndsAt is not null)
            .SelectMany(s => s.Roles.Where(r => r.Person is not null).Select(r => (Person: r.Person!, Session: s)))
            .ToLookup(x => x.Person, x => x.Session);
        var added = new Dictionary<Person, List<Session>>();
        bool Free(Person person, Session session) =>
            busy[person].Concat(added.GetValueOrDefault(person, [])).All(o => o.EndsAt <= session.StartsAt || o.StartsAt >= session.EndsAt)
            && session.Roles.All(r => r.Person != person);
        void Give(Session session, SessionRoleKind kind, ParticipationMode mode)
        {
            if (people.FirstOrDefault(p => Free(p, session)) is not { } person)
            {
                return;
            }
            session.Roles.Add(new SessionRole { Kind = kind, Person = person, Mode = mode, Position = session.Roles.Max(r => r.Position) + 1 });
            (added.TryGetValue(person, out var list) ? list : added[person] = []).Add(session);
        }
        IEnumerable<Session> Placed(string type) => content.Sessions.Where(s => s.Type.Code == type && s.StartsAt is not null && s.EndsAt is not null && s.Status == SessionStatus.Scheduled).Take(3);
        foreach (var session in Placed("MAIN"))
        {
            Give(session, SessionRoleKind.Moderator, ParticipationMode.Onsite);
            Give(session, SessionRoleKind.FloorModerator, ParticipationMode.Onsite);
            Give(session, SessionRoleKind.Timekeeper, ParticipationMode.Onsite);
        }
        foreach (var session in Placed("LT"))
        {
            // A remote presenter only where the room can take one.
            Give(session, SessionRoleKind.Presenter, session.Room is { HasOnlineEquipment: false } ? ParticipationMode.Onsite : ParticipationMode.Online);
        }
        foreach (var session in Placed("DC"))
        {
            Give(session, SessionRoleKind.CoRapporteur, ParticipationMode.Onsite);
        }
    }

    /// <summary>
    /// Invents <paramref name="count"/> sessions of the forum and places them on its grid, with roles drawn from
    /// <paramref name="people"/> and <paramref name="organisations"/>. Without outputs for a forum still under way, whose
    /// takeaways and reports are written through the reporting form's own rules (<see cref="LiveDemo"/>).
    /// With <paramref name="leaveOutWhatDoesNotFit"/>, a session that finds no place on the grid or no free number of
    /// its type is left out rather than kept unscheduled: a size asked for in the configuration may be far beyond what
    /// the rooms and days hold, and each type has a bounded range of numbers to draw from. How many were left out.
    /// </summary>
    private static int PlaceInventedSessions(DemoContent content, SdgCatalogue sdgs, Random random, int count, List<Person> people,
        List<Organisation> organisations, bool withOutputs, bool leaveOutWhatDoesNotFit = false)
    {
        var leftOut = 0;
        var forum = content.Forum;
        var zone = DateTimeZoneProviders.Tzdb[forum.TimeZoneId];
        var timetable = new Timetable(forum, zone);
        foreach (var existing in content.Sessions)
        {
            timetable.Reserve(existing);
        }
        var numbers = content.Sessions.GroupBy(s => s.Type.Code).ToDictionary(g => g.Key, g => g.Select(s => s.Number).ToHashSet());

        var plans = PlanSessions(random, forum, count);
        // Longest first: packing the long sessions before the short ones keeps an IGF-scale forum placeable.
        foreach (var plan in plans.OrderByDescending(p => p.Type.DefaultLengthMinutes).ThenBy(p => p.Index))
        {
            if (leaveOutWhatDoesNotFit && numbers.TryGetValue(plan.Type.Code, out var taken) && taken.Count >= NumberRange(plan.Type) - 1)
            {
                // Drawing a number among none left would never end.
                leftOut++;
                continue;
            }
            var session = InventSession(random, forum, plan, numbers);
            var placed = timetable.Place(random, session, plan.Days, plan.Rooms);
            if (!placed && leaveOutWhatDoesNotFit)
            {
                numbers[plan.Type.Code].Remove(session.Number);
                leftOut++;
                continue;
            }
            if (!placed)
            {
                // Nowhere left on the grid: keep the session unscheduled rather than overlapping another.
                session.Room = null;
                session.Layout = RoomLayout.Classroom;
            }
            AddRoles(random, session, plan, people, organisations, timetable);
            AddSdgs(random, session, plan.Topic, sdgs);
            AddFrameworks(session, plan.Subtheme);
            if (withOutputs && session.Status == SessionStatus.Scheduled && session.StartsAt is not null)
            {
                AddOutputs(random, session, plan.Topic);
            }
            content.Sessions.Add(session);
        }
        return leftOut;
    }

    /// <summary>Numbers are drawn from 1 up to this (excluded): IGF workshop numbers run into the hundreds, the others stay lower.</summary>
    private static int NumberRange(SessionType type) => type.Code == "WS" ? 500 : 160;

    private sealed record SessionPlan(int Index, SessionType Type, int MinSpeakers, int MaxSpeakers, SessionFormat Format,
        Subtheme Subtheme, Topic Topic, int[] Days, Room[] Rooms);

    private static List<SessionPlan> PlanSessions(Random random, Forum forum, int count)
    {
        var days = forum.LastDay.DayNumber - forum.FirstDay.DayNumber + 1;
        int[] allDays = [.. Enumerable.Range(0, days)];
        int[] mainDays = days > 1 ? allDays[1..] : allDays;
        var plenary = forum.Rooms.OrderBy(r => r.Position).First();
        var corner = forum.Rooms.FirstOrDefault(r => !r.HasOnlineEquipment);
        Room[] general = [.. forum.Rooms.Where(r => r != plenary && r != corner)];
        if (general.Length == 0)
        {
            general = [.. forum.Rooms];
        }
        var subthemes = forum.Subthemes.OrderBy(s => s.Position).ToArray();

        var plans = new List<SessionPlan>(count);
        for (var i = 0; i < count; i++)
        {
            // The first sessions take each type and format once, so even a small demo shows them all.
            var mix = i < TypeMix.Length ? TypeMix[i] : Weighted(random, TypeMix, t => t.Weight);
            var format = i < FormatMix.Length ? FormatMix[i].Format : Weighted(random, FormatMix, f => f.Weight).Format;
            var type = forum.SessionTypes.Single(t => t.Code == mix.Code);
            var subtheme = subthemes[i % subthemes.Length];
            var topics = TopicsBySubtheme[subtheme.Slug];
            var topic = topics[random.Next(topics.Length)];
            var (sessionDays, rooms) = type.Code switch
            {
                "DAY0" => ([0], general),
                "NRI" => (allDays, general),
                "MAIN" => (mainDays, new[] { plenary }),
                "LT" when corner is not null => (mainDays, new[] { corner }),
                _ => (mainDays, general),
            };
            plans.Add(new SessionPlan(i, type, mix.MinSpeakers, mix.MaxSpeakers, format, subtheme, topic, sessionDays, rooms));
        }
        return plans;
    }

    private static Session InventSession(Random random, Forum forum, SessionPlan plan, Dictionary<string, HashSet<int>> numbers)
    {
        var used = numbers.TryGetValue(plan.Type.Code, out var set) ? set : numbers[plan.Type.Code] = [];
        // IGF numbers come from the proposal call, so they have gaps: WS #175 next to WS #12.
        int number;
        do
        {
            number = random.Next(1, NumberRange(plan.Type));
        }
        while (!used.Add(number));

        var region = Regions[random.Next(Regions.Length)];
        var topic = InSentence(plan.Topic.Title);
        var pattern = TitlePatterns[random.Next(TitlePatterns.Length)];
        var title = string.Format(System.Globalization.CultureInfo.InvariantCulture,
            pattern, pattern.StartsWith("{0}", StringComparison.Ordinal) ? plan.Topic.Title : topic, RegionNames[region.Group]);
        var questions = PolicyQuestionPatterns.OrderBy(_ => random.Next()).Take(3)
            .Select((q, n) => $"{n + 1}. {string.Format(System.Globalization.CultureInfo.InvariantCulture, q, topic)}");
        var session = new Session
        {
            Forum = forum,
            Type = plan.Type,
            Number = number,
            Title = title,
            Format = plan.Format,
            LengthMinutes = plan.Type.DefaultLengthMinutes,
            Subtheme = plan.Subtheme,
            // A few sessions are called off after the programme is out, as at every forum.
            Status = plan.Type.Code != "MAIN" && random.Next(100) < 3 ? SessionStatus.Cancelled : SessionStatus.Scheduled,
            Description = $"""
                {plan.Topic.Title} is one of the questions the *{plan.Subtheme.Name}* track of this forum asks.
                This session brings together governments, civil society, business, the
                technical community and academia, with a focus on {RegionNames[region.Group]}, to compare what has
                worked, what has not, and why.

                The session is invented demo content.
                """,
            Approach = $"""
                **Policy questions**

                {string.Join('\n', questions)}

                Speakers open with short interventions of five minutes each. The onsite moderator then alternates
                between the queue in the room and the online queue, which the online moderator relays, so that
                remote participants have the floor as often as those present.
                """,
            Tags = [new SessionTag { Tag = plan.Topic.Tag }, new SessionTag { Tag = RegionNames[region.Group] }],
        };
        return session;
    }

    private static void AddRoles(Random random, Session session, SessionPlan plan, List<Person> people, List<Organisation> organisations, Timetable timetable)
    {
        var onlineAllowed = session.Room?.HasOnlineEquipment ?? true;
        var position = 0;
        var inSession = new HashSet<Person>();

        Person Pick()
        {
            // Squaring skews the draw towards the start of the list: a few people speak often, most once.
            for (var attempt = 0; attempt < 60; attempt++)
            {
                var candidate = people[(int)(Math.Pow(random.NextDouble(), 2) * people.Count)];
                if (!inSession.Contains(candidate) && timetable.IsFree(candidate, session))
                {
                    return candidate;
                }
            }
            return people.First(p => !inSession.Contains(p) && timetable.IsFree(p, session));
        }

        void Add(SessionRoleKind kind, Person person, ParticipationMode mode)
        {
            session.Roles.Add(new SessionRole { Kind = kind, Person = person, Mode = mode, Position = ++position });
            if (inSession.Add(person))
            {
                timetable.Book(person, session);
            }
        }

        var organiserCount = random.Next(1, 4);
        Person? organiserPerson = null;
        for (var i = 0; i < organiserCount; i++)
        {
            if (random.Next(2) == 0)
            {
                var organisation = organisations[random.Next(organisations.Count)];
                if (session.Roles.All(r => r.Organisation != organisation))
                {
                    session.Roles.Add(new SessionRole { Kind = SessionRoleKind.Organiser, Organisation = organisation, Position = ++position });
                }
            }
            else
            {
                organiserPerson ??= Pick();
                if (session.Roles.All(r => r.Person != organiserPerson))
                {
                    Add(SessionRoleKind.Organiser, organiserPerson, ParticipationMode.Onsite);
                }
            }
        }

        var speakers = random.Next(plan.MinSpeakers, plan.MaxSpeakers + 1);
        for (var i = 0; i < speakers; i++)
        {
            // An organiser often speaks in their own session: one person, two roles.
            var speaker = i == 0 && organiserPerson is not null && random.Next(3) == 0 ? organiserPerson : Pick();
            var online = onlineAllowed && random.Next(100) < 30;
            Add(SessionRoleKind.Speaker, speaker, online ? ParticipationMode.Online : ParticipationMode.Onsite);
        }

        var onsiteModerator = organiserPerson is not null && random.Next(4) == 0 ? organiserPerson : Pick();
        Add(SessionRoleKind.OnsiteModerator, onsiteModerator, ParticipationMode.Onsite);
        if (onlineAllowed && random.Next(100) < 85)
        {
            Add(SessionRoleKind.OnlineModerator, Pick(), ParticipationMode.Online);
        }
        if (random.Next(100) < 90)
        {
            Add(SessionRoleKind.Rapporteur, Pick(), ParticipationMode.Onsite);
        }
    }

    private static void AddSdgs(Random random, Session session, Topic topic, SdgCatalogue sdgs)
    {
        var goals = topic.Goals.Where(_ => random.Next(4) > 0).DefaultIfEmpty(topic.Goals[0]).ToList();
        if (random.Next(3) == 0)
        {
            goals.Add(17);
        }
        foreach (var goal in goals.Distinct())
        {
            session.LinkSdg(goal);
            var targets = sdgs.FindGoal(goal)!.Targets;
            if (random.Next(2) == 0)
            {
                session.LinkSdgTarget(targets[random.Next(targets.Count)]);
            }
        }
        if (random.Next(2) == 0)
        {
            var list = string.Join(", ", session.Sdgs.Select(s => s.Goal).Order());
            session.SdgText = $"The session serves SDGs {list}: work on {InSentence(topic.Title)} decides who can take part " +
                "in the digital economy and society, and on what terms.";
        }
    }

    /// <summary>The Compact's objective and the WSIS action line each subtheme most plausibly serves.</summary>
    private static readonly Dictionary<string, (string Gdc, string Wsis)> FrameworksBySubtheme = new()
    {
        ["connecting-all-people"] = ("1", "C2"),
        ["avoiding-fragmentation"] = ("3", "C11"),
        ["governing-data"] = ("4", "C6"),
        ["safety-security"] = ("3", "C5"),
        ["advanced-technologies"] = ("5", "C10"),
    };

    /// <remarks>
    /// Decided by the session's number rather than drawn: a draw more would shift everything drawn after it, and the
    /// demo (which tests and the search bench rely on) would change. Two sessions in three are linked, as organisers
    /// asked to link to frameworks beyond the SDGs do not always find one that fits.
    /// </remarks>
    private static void AddFrameworks(Session session, Subtheme subtheme)
    {
        if (session.Number % 3 == 0 || !FrameworksBySubtheme.TryGetValue(subtheme.Slug, out var codes))
        {
            return;
        }
        session.FrameworkLinks.Add(new Frameworks.SessionFrameworkLink { Framework = Frameworks.Framework.Gdc, Code = codes.Gdc });
        session.FrameworkLinks.Add(new Frameworks.SessionFrameworkLink { Framework = Frameworks.Framework.Wsis, Code = codes.Wsis });
        if (session.Number % 2 == 0)
        {
            // Every action line rests on capacity: the usual second link.
            session.FrameworkLinks.Add(new Frameworks.SessionFrameworkLink { Framework = Frameworks.Framework.Wsis, Code = "C4" });
        }
    }

    private static void AddOutputs(Random random, Session session, Topic topic)
    {
        var topicText = InSentence(topic.Title);
        if (random.Next(100) < 50)
        {
            var position = 0;
            foreach (var pattern in TakeawayPatterns.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
            {
                session.Takeaways.Add(new Takeaway
                {
                    Kind = TakeawayKind.KeyTakeaway,
                    Position = ++position,
                    Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, topicText),
                });
            }
            var addressees = Enum.GetValues<CallToActionAddressee>();
            foreach (var pattern in CallToActionPatterns.OrderBy(_ => random.Next()).Take(random.Next(0, 3)))
            {
                session.Takeaways.Add(new Takeaway
                {
                    Kind = TakeawayKind.CallToAction,
                    Position = ++position,
                    Addressee = addressees[random.Next(addressees.Length)],
                    Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, topicText),
                });
            }
        }
        if (random.Next(100) < 35)
        {
            var speakers = session.Roles.Count(r => r.Kind == SessionRoleKind.Speaker);
            session.Report = new SessionReport
            {
                SubmittedAt = session.EndsAt!.Value.AddDays(random.Next(1, 20)),
                Body = $"""
                    The {speakers} speakers opened with their experience of {topicText}, and participants in the room
                    and online added cases from their own countries.

                    The discussion turned on who should act first. Several participants asked for shared data before
                    new rules; others argued that waiting would leave the most affected people out again.

                    As a way forward, participants suggested continuing the exchange through the forum's intersessional
                    work and reporting back next year.
                    """,
            };
            var genderTopic = topic.Tag == "gender" || topic.Tag == "gender-based violence" || random.Next(4) == 0;
            session.GenderReport = new GenderReport
            {
                ParticipantCount = random.Next(15, 250),
                WomenAndGenderDiversePercent = random.Next(20, 71),
                GenderWasTopic = genderTopic,
                Narrative = genderTopic
                    ? "Speakers discussed how the topic affects women and gender-diverse people differently, with examples from several regions."
                    : "Gender was not discussed as a topic; the panel was balanced.",
            };
        }
    }

    /// <summary>A topic as it reads inside a sentence: "Data flows" → "data flows", but "AI in …" stays.</summary>
    private static string InSentence(string topic) =>
        topic.Length > 1 && char.IsLower(topic[1]) ? char.ToLowerInvariant(topic[0]) + topic[1..] : topic;

    private static List<Organisation> InventOrganisations(Random random, int count)
    {
        var groups = Enum.GetValues<StakeholderGroup>();
        var names = new HashSet<string>();
        var organisations = new List<Organisation>(count);
        while (organisations.Count < count)
        {
            var group = groups[organisations.Count % groups.Length];
            var region = Regions[random.Next(Regions.Length)];
            var patterns = OrganisationPatterns[group];
            var name = string.Format(System.Globalization.CultureInfo.InvariantCulture,
                patterns[random.Next(patterns.Length)], PlaceWords[random.Next(PlaceWords.Length)]);
            if (!names.Add(name))
            {
                if (names.Count >= PlaceWords.Length * 24)
                {
                    break;
                }
                continue;
            }
            organisations.Add(new Organisation
            {
                Name = name,
                StakeholderGroup = group,
                RegionalGroup = group == StakeholderGroup.IntergovernmentalOrganization ? RegionalGroup.IntergovernmentalOrganization : region.Group,
                CountryCode = group == StakeholderGroup.IntergovernmentalOrganization ? null : region.Countries[random.Next(region.Countries.Length)],
            });
        }
        return organisations;
    }

    private static List<Person> InventPeople(Random random, List<Organisation> organisations, int count)
    {
        var names = new HashSet<string>();
        var people = new List<Person>(count);
        while (people.Count < count)
        {
            var region = Regions[random.Next(Regions.Length)];
            var roll = random.Next(100);
            Gender? gender = roll switch
            {
                < 46 => Gender.Woman,
                < 90 => Gender.Man,
                < 93 => Gender.NonBinaryOrGenderDiverse,
                < 95 => Gender.PrefersNotToSay,
                _ => null,
            };
            var given = gender switch
            {
                Gender.Woman => region.WomenNames[random.Next(region.WomenNames.Length)],
                Gender.Man => region.MenNames[random.Next(region.MenNames.Length)],
                _ => random.Next(2) == 0 ? region.WomenNames[random.Next(region.WomenNames.Length)] : region.MenNames[random.Next(region.MenNames.Length)],
            };
            var name = $"{given} {region.FamilyNames[random.Next(region.FamilyNames.Length)]}";
            if (!names.Add(name))
            {
                // Common names repeat; a second family name keeps everyone distinguishable.
                name = $"{name}-{region.FamilyNames[random.Next(region.FamilyNames.Length)]}";
                if (!names.Add(name))
                {
                    continue;
                }
            }
            var organisation = organisations[random.Next(organisations.Count)];
            var group = organisation.StakeholderGroup ?? StakeholderGroup.CivilSociety;
            var titles = TitlesByGroup[group];
            var honorific = (group, random.Next(10)) switch
            {
                (StakeholderGroup.Academia, < 4) => "Dr.",
                (StakeholderGroup.Academia, 4) => "Prof.",
                (StakeholderGroup.Government, 0) => "H.E.",
                (_, 9) => gender switch { Gender.Woman => "Ms.", Gender.Man => "Mr.", _ => null },
                _ => null,
            };
            people.Add(new Person
            {
                Name = name,
                Honorific = honorific,
                Title = random.Next(10) == 0 ? null : titles[random.Next(titles.Length)],
                Affiliation = organisation.Name,
                StakeholderGroup = group,
                RegionalGroup = organisation.RegionalGroup == RegionalGroup.IntergovernmentalOrganization ? region.Group : organisation.RegionalGroup,
                CountryCode = region.Countries[random.Next(region.Countries.Length)],
                Gender = gender,
            });
        }
        return people;
    }

    private static T Weighted<T>(Random random, IReadOnlyList<T> items, Func<T, int> weight)
    {
        var roll = random.Next(items.Sum(weight));
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }
        return items[^1];
    }

    /// <summary>Who and what is busy when: rooms by forum day in local minutes, people by UTC interval.</summary>
    private sealed class Timetable(Forum forum, DateTimeZone zone)
    {
        private readonly Dictionary<(Room Room, int Day), List<(int Start, int End)>> _rooms = [];
        private readonly Dictionary<Person, List<(DateTime Start, DateTime End)>> _people = [];

        public void Reserve(Session session)
        {
            if (session.Room is null || session.StartsAt is null || session.EndsAt is null)
            {
                return;
            }
            var start = Instant.FromDateTimeUtc(session.StartsAt.Value).InZone(zone).LocalDateTime;
            var day = start.Date.ToDateOnly().DayNumber - forum.FirstDay.DayNumber;
            var minutes = start.Hour * 60 + start.Minute;
            RoomDay(session.Room, day).Add((minutes, minutes + session.LengthMinutes + Changeover));
            foreach (var role in session.Roles.Where(r => r.Person is not null))
            {
                Book(role.Person!, session);
            }
        }

        public bool Place(Random random, Session session, int[] days, Room[] rooms)
        {
            var candidates = days.SelectMany(d => rooms.Select(r => (Day: d, Room: r))).OrderBy(_ => random.Next()).ToList();
            foreach (var (day, room) in candidates)
            {
                var busy = RoomDay(room, day);
                var free = new List<int>();
                for (var start = DayStart; start + session.LengthMinutes <= DayEnd; start += 15)
                {
                    var end = start + session.LengthMinutes + Changeover;
                    if (busy.All(b => end <= b.Start || start >= b.End))
                    {
                        free.Add(start);
                    }
                }
                if (free.Count == 0)
                {
                    continue;
                }
                var preferred = free.Where(s => PreferredStarts.Contains(s)).ToList();
                var chosen = preferred.Count > 0 ? preferred[random.Next(preferred.Count)] : free[random.Next(free.Count)];
                busy.Add((chosen, chosen + session.LengthMinutes + Changeover));
                var local = LocalDate.FromDateOnly(forum.FirstDay.AddDays(day)).AtMidnight().PlusMinutes(chosen);
                session.StartsAt = local.InZoneLeniently(zone).ToDateTimeUtc();
                session.EndsAt = session.StartsAt.Value.AddMinutes(session.LengthMinutes);
                session.Room = room;
                session.Layout = random.Next(5) == 0 ? Enum.GetValues<RoomLayout>()[random.Next(Enum.GetValues<RoomLayout>().Length)] : room.Layout;
                return true;
            }
            return false;
        }

        public bool IsFree(Person person, Session session) =>
            session.StartsAt is null
            || !_people.TryGetValue(person, out var busy)
            || busy.All(b => session.EndsAt <= b.Start || session.StartsAt >= b.End);

        public void Book(Person person, Session session)
        {
            if (session.StartsAt is null || session.EndsAt is null)
            {
                return;
            }
            if (!_people.TryGetValue(person, out var busy))
            {
                _people[person] = busy = [];
            }
            busy.Add((session.StartsAt.Value, session.EndsAt.Value));
        }

        private List<(int Start, int End)> RoomDay(Room room, int day) =>
            _rooms.TryGetValue((room, day), out var list) ? list : _rooms[(room, day)] = [];
    }
}
