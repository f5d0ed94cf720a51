using System.Globalization;
using System.Text;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Demo;

/// <summary>What a newcomer plays with a demo account in the live demo forum: one account per role.</summary>
public enum DemoRole
{
    Secretariat,
    Reviewer,
    Proposer,
    Rapporteur,
    Moderator,
    Participant,
    MessageEditor,
}

/// <summary>An account of the live demo: its address, its person, and for the documented demo accounts the role it plays.</summary>
public sealed record DemoAccount(string Email, Person Person, DemoRole? Role = null);

/// <summary>
/// The sessions the live demo's story is about, one after the other in <see cref="Room"/>, timed from the moment of seeding:
/// <see cref="Done"/> ended hours ago and its takeaways are in; <see cref="Due"/> ended 90 minutes ago and its takeaways are
/// due within the hour; <see cref="Live"/> is on now, with its queue; <see cref="Next"/> follows it.
/// </summary>
public sealed record LiveStory(Room Room, Session Done, Session Due, Session Live, Session Next);

/// <summary>The live demo forum as built in memory, before it is saved; <see cref="Anchor"/> is the quarter hour its story is timed from.</summary>
public sealed record LiveDemoContent(DemoContent Content, DateTime Anchor, LiveStory Story, IReadOnlyList<DemoAccount> RoleAccounts,
    IReadOnlyList<DemoAccount> Reviewers, IReadOnlyList<DemoAccount> Proposers, IReadOnlyList<DemoAccount> Participants)
{
    public DemoAccount Account(DemoRole role) => RoleAccounts.Single(a => a.Role == role);
}

/// <summary>
/// The second demo forum: a forum running now, built around the moment it is seeded so that every step of a forum's year can
/// be tried in it at once. Its days run from yesterday to three days from now, and it is held in the host city (of
/// <see cref="LiveHosts"/>) where it is mid-afternoon at that moment: whatever the hour a newcomer starts the app, the
/// forum's day is in full swing, with sessions on in several rooms, and the story's sessions keep to the usual daily window
/// instead of running at night. A forum cannot really take proposals while it is running, so its story is the one a
/// Secretariat lives when sessions drop out late: the call closed weeks ago, the advisory group reviewed it and the first
/// decisions are out, the proposals flagged for a second look are still in review, and the call was reopened for lightning
/// talks and networking sessions on the last days.
/// Everything here is invented. The same seed gives the same forum: only its dates and host city follow the moment of
/// seeding (and so what has already happened by then). The sessions are cast from the IGF 2022 demo's invented people, as
/// people return from one forum to the next; the sessions of the story have people of their own, so none is in two places.
/// </summary>
public static partial class DemoForum
{
    public const string LiveSlug = "live";

    /// <summary>Where the live demo is held: the city where the local time at seeding is nearest this, so the day is under way.</summary>
    public static readonly TimeOnly LiveLocalTime = new(15, 0);

    /// <summary>
    /// Host cities around the world, about one per hour of offset from UTC. Zones without daylight saving time where there
    /// is a choice, so the offsets stay spread all year; the few that change their clocks leave a gap of an hour at most.
    /// </summary>
    public static readonly IReadOnlyList<(string Zone, string City, string Country)> LiveHosts =
    [
        ("Pacific/Honolulu", "Honolulu", "US"), ("America/Anchorage", "Anchorage", "US"), ("America/Los_Angeles", "Los Angeles", "US"),
        ("America/Phoenix", "Phoenix", "US"), ("America/Mexico_City", "Mexico City", "MX"), ("America/Bogota", "Bogotá", "CO"),
        ("America/La_Paz", "La Paz", "BO"), ("America/Sao_Paulo", "São Paulo", "BR"), ("America/Noronha", "Fernando de Noronha", "BR"),
        ("Atlantic/Cape_Verde", "Praia", "CV"), ("Africa/Dakar", "Dakar", "SN"), ("Africa/Lagos", "Lagos", "NG"),
        ("Africa/Johannesburg", "Johannesburg", "ZA"), ("Africa/Nairobi", "Nairobi", "KE"), ("Asia/Dubai", "Dubai", "AE"),
        ("Asia/Karachi", "Islamabad", "PK"), ("Asia/Kolkata", "New Delhi", "IN"), ("Asia/Dhaka", "Dhaka", "BD"), ("Asia/Bangkok", "Bangkok", "TH"),
        ("Asia/Singapore", "Singapore", "SG"), ("Asia/Tokyo", "Tokyo", "JP"), ("Australia/Brisbane", "Brisbane", "AU"),
        ("Pacific/Noumea", "Nouméa", "NC"), ("Pacific/Fiji", "Suva", "FJ"), ("Pacific/Tongatapu", "Nuku'alofa", "TO"),
    ];

    /// <summary>Invented sessions around the story's: enough to fill five days of a regional forum, few enough to seed quickly.</summary>
    public const int LiveSessions = 36;

    /// <summary>Invented e-mail addresses end here: the reserved .invalid domain (RFC 2606), where no mail can ever arrive.</summary>
    public const string DemoDomain = "demo.invalid";

    /// <summary>
    /// The story's session numbers: beyond the generator's (WS below 500, the others below 160), so they never clash and the
    /// addresses the README gives stay the same whatever the seed.
    /// </summary>
    public const int StoryWorkshop = 500, StoryNumber = 160;

    public static LiveDemoContent BuildLive(SdgCatalogue sdgs, DemoContent past, DateTime nowUtc, int randomSeed)
    {
        var anchor = new DateTime(nowUtc.Ticks - nowUtc.Ticks % TimeSpan.FromMinutes(15).Ticks, DateTimeKind.Utc);
        var host = LiveHostAt(anchor);
        var clock = ForumClock.For(host.Zone);
        var today = clock.Day(anchor);
        var forum = new Forum
        {
            Slug = LiveSlug,
            Name = $"Live IGF {today.AddDays(-1).Year} (demo)",
            Year = today.AddDays(-1).Year,
            Kind = ForumKind.Global,
            // The next edition of the demo IGF 2022: its home page links the two.
            Series = "igf",
            HostCity = host.City,
            Venue = "Convention Centre",
            CountryCode = host.Country,
            TimeZoneId = host.Zone,
            FirstDay = today.AddDays(-1),
            LastDay = today.AddDays(3),
            Theme = "An open, trusted Internet for every island, coast and city",
            Description = """
                An Internet Governance Forum running **now**: its days were set around the moment this demo was seeded,
                in a host city where it was mid-afternoon then. Sessions are live in the rooms, rapporteurs are writing
                takeaways, registration is open, and the call for proposals was reopened for lightning talks and
                networking sessions on the last days while the advisory group finishes reviewing the first round.

                *This is demo content.* Every session, person and organisation is invented.
                """,
            Languages = ["en", "fr", "es"],
            IsDemo = true,
        };
        forum.Subthemes.AddRange(
            Subtheme("connecting-all-people", "Connecting All People and Safeguarding Human Rights", 1),
            Subtheme("avoiding-fragmentation", "Avoiding Internet Fragmentation", 2),
            Subtheme("governing-data", "Governing Data and Protecting Privacy", 3),
            Subtheme("safety-security", "Enabling Safety, Security and Accountability", 4),
            Subtheme("advanced-technologies", "Addressing Advanced Technologies, including AI", 5));
        forum.SessionTypes.AddRange(SessionType.IgfUsual());
        (string Name, RoomLayout Layout, int Capacity, bool Online)[] rooms =
        [
            ("Plenary Hall", RoomLayout.Theater, 800, true), ("Workshop Room 1", RoomLayout.Classroom, 120, true),
            ("Workshop Room 2", RoomLayout.UShape, 100, true), ("Workshop Room 3", RoomLayout.Circle, 60, true),
            ("Speakers' Corner", RoomLayout.Circle, 50, false),
        ];
        foreach (var (name, layout, capacity, online) in rooms)
        {
            forum.Rooms.Add(new Room { Name = name, Layout = layout, Capacity = capacity, HasOnlineEquipment = online, Position = forum.Rooms.Count + 1 });
        }

        var content = new DemoContent(forum, [], [], []);
        // The invented sessions first, on a random stream of their own: they stay the same whatever the hour of seeding.
        PlaceInventedSessions(content, sdgs, new Random(randomSeed + 1), LiveSessions, past.InventedPeople, past.InventedOrganisations, withOutputs: false);

        // The story's room is added after the generator placed its sessions, so the story never competes with them for it.
        var storyRoom = new Room { Name = "Workshop Room 4", Layout = RoomLayout.Classroom, Capacity = 80, HasOnlineEquipment = true, Position = forum.Rooms.Count + 1 };
        forum.Rooms.Add(storyRoom);
        var roles = RoleAccounts();
        var cast = Cast();
        content.People.AddRange(roles.Select(r => r.Person));
        content.People.AddRange(cast.Values);

        Person Role(DemoRole role) => roles.Single(r => r.Role == role).Person;
        var organisations = past.InventedOrganisations;
        var story = new LiveStory(storyRoom,
            Done: StorySession(forum, sdgs, storyRoom, anchor, "OF", StoryNumber, -270, "Keeping community networks running through storms and floods",
                "connecting-all-people", SessionFormat.Panel, [9, 11, 13], "community networks",
                "Community networks in coastal villages went dark for days after last year's storms. Operators, a regulator and a " +
                "disaster-relief agency compare what kept links up, what failed, and who paid to rebuild.",
                organiser: organisations.First(o => o.StakeholderGroup == StakeholderGroup.CivilSociety),
                [(SessionRoleKind.Organiser, cast["lopes"], ParticipationMode.Onsite), (SessionRoleKind.Speaker, cast["kiprono"], ParticipationMode.Onsite),
                 (SessionRoleKind.Speaker, cast["achieng"], ParticipationMode.Online), (SessionRoleKind.Speaker, cast["berg"], ParticipationMode.Onsite),
                 (SessionRoleKind.OnsiteModerator, cast["lopes"], ParticipationMode.Onsite), (SessionRoleKind.OnlineModerator, cast["chua"], ParticipationMode.Online),
                 (SessionRoleKind.Rapporteur, Role(DemoRole.Rapporteur), ParticipationMode.Onsite)]),
            Due: StorySession(forum, sdgs, storyRoom, anchor, "TH", StoryNumber, -150, "What the region expects from the WSIS+20 review",
                "avoiding-fragmentation", SessionFormat.RoundTable, [16, 17], "multistakeholder model",
                "Twenty years after the World Summit on the Information Society, governments review its outcomes. Participants " +
                "from every stakeholder group say what the region needs the review to keep, change and add.",
                organiser: null,
                [(SessionRoleKind.Organiser, cast["herrera"], ParticipationMode.Onsite), (SessionRoleKind.Speaker, cast["aziz"], ParticipationMode.Onsite),
                 (SessionRoleKind.Speaker, cast["petrenko"], ParticipationMode.Online), (SessionRoleKind.Speaker, cast["idrissi"], ParticipationMode.Onsite),
                 (SessionRoleKind.Speaker, cast["menon"], ParticipationMode.Onsite), (SessionRoleKind.OnsiteModerator, cast["herrera"], ParticipationMode.Onsite),
                 (SessionRoleKind.OnlineModerator, cast["ngata"], ParticipationMode.Online), (SessionRoleKind.Rapporteur, Role(DemoRole.Rapporteur), ParticipationMode.Onsite)]),
            Live: StorySession(forum, sdgs, storyRoom, anchor, "WS", StoryWorkshop, -30, "Who pays for the last mile? Meaningful connectivity for small island states",
                "connecting-all-people", SessionFormat.Debate, [9, 10, 14], "meaningful connectivity",
                "Submarine cables reach the main island; the last mile to the outer islands is where connectivity stops being " +
                "meaningful. A regulator, an operator, a community network and a researcher debate who should pay for it, and how.",
                organiser: organisations.First(o => o.StakeholderGroup == StakeholderGroup.TechnicalCommunity),
                [(SessionRoleKind.Organiser, cast["asare"], ParticipationMode.Onsite), (SessionRoleKind.Speaker, cast["berg"], ParticipationMode.Onsite),
                 (SessionRoleKind.Speaker, cast["achieng"], ParticipationMode.Online), (SessionRoleKind.Speaker, cast["aziz"], ParticipationMode.Onsite),
                 (SessionRoleKind.Speaker, cast["ngata"], ParticipationMode.Onsite), (SessionRoleKind.OnsiteModerator, Role(DemoRole.Moderator), ParticipationMode.Onsite),
                 (SessionRoleKind.OnlineModerator, cast["petrenko"], ParticipationMode.Online), (SessionRoleKind.Rapporteur, cast["menon"], ParticipationMode.Onsite)]),
            Next: StorySession(forum, sdgs, storyRoom, anchor, "NS", StoryNumber, 75, "Young people in Internet governance: a networking hour",
                "advanced-technologies", SessionFormat.BirdsOfAFeather, [4, 8, 17], "youth",
                "Youth IGF coordinators, fellows and first-time participants meet the people who run the region's registries, " +
                "regulators and civil-society networks, and find a mentor for the year.",
                organiser: null,
                [(SessionRoleKind.Organiser, cast["asare"], ParticipationMode.Onsite), (SessionRoleKind.Speaker, cast["idrissi"], ParticipationMode.Onsite),
                 (SessionRoleKind.Speaker, cast["herrera"], ParticipationMode.Onsite), (SessionRoleKind.OnsiteModerator, cast["lopes"], ParticipationMode.Onsite),
                 (SessionRoleKind.Rapporteur, cast["chua"], ParticipationMode.Onsite)]));
        content.Sessions.AddRange([story.Done, story.Due, story.Live, story.Next]);

        // Accounts for some of the returning people: the rest of the advisory group, proposers, registered participants.
        var pick = new Random(randomSeed + 2);
        var pool = past.InventedPeople.Where(p => p.StakeholderGroup is not null).ToList();
        var chosen = new HashSet<Person>();
        var emails = new HashSet<string>([.. roles.Select(r => r.Email)], StringComparer.OrdinalIgnoreCase);
        List<DemoAccount> Take(int count, Func<Person, bool> fits)
        {
            var taken = new List<DemoAccount>();
            for (var attempt = 0; taken.Count < count && attempt < 10_000; attempt++)
            {
                var person = pool[pick.Next(pool.Count)];
                if (fits(person) && chosen.Add(person))
                {
                    taken.Add(new DemoAccount(EmailOf(person.Name, emails), person));
                }
            }
            return taken;
        }
        var reviewers = Take(3, p => p.StakeholderGroup is StakeholderGroup.Academia or StakeholderGroup.TechnicalCommunity or StakeholderGroup.Government);
        var proposers = Take(3, p => p.StakeholderGroup is StakeholderGroup.CivilSociety or StakeholderGroup.PrivateSector or StakeholderGroup.Academia);
        var participants = Take(14, _ => true);
        return new LiveDemoContent(content, anchor, story, roles, reviewers, proposers, participants);
    }

    /// <summary>The host whose local time at <paramref name="anchor"/> is nearest <see cref="LiveLocalTime"/>; the first of them on a tie.</summary>
    public static (string Zone, string City, string Country) LiveHostAt(DateTime anchor) =>
        LiveHosts.MinBy(h =>
        {
            var minutes = Math.Abs((ForumClock.For(h.Zone).Local(anchor).TimeOfDay.ToTimeOnly() - LiveLocalTime).TotalMinutes);
            return Math.Min(minutes, 24 * 60 - minutes);
        });

    /// <summary>A story session in the story's room, <paramref name="startMinutes"/> from the anchor.</summary>
    private static Session StorySession(Forum forum, SdgCatalogue sdgs, Room room, DateTime anchor, string typeCode, int number, int startMinutes,
        string title, string subtheme, SessionFormat format, int[] goals, string tag, string description, Organisation? organiser,
        (SessionRoleKind Kind, Person Person, ParticipationMode Mode)[] roles)
    {
        var type = forum.SessionTypes.Single(t => t.Code == typeCode);
        var starts = anchor.AddMinutes(startMinutes);
        var session = new Session
        {
            Forum = forum,
            Type = type,
            Number = number,
            Title = title,
            Format = format,
            LengthMinutes = type.DefaultLengthMinutes,
            Layout = room.Layout,
            Room = room,
            StartsAt = starts,
            EndsAt = starts.AddMinutes(type.DefaultLengthMinutes),
            Subtheme = forum.Subthemes.Single(s => s.Slug == subtheme),
            Status = SessionStatus.Scheduled,
            Description = description + "\n\nThe session is invented demo content.",
            Approach = """
                **Policy questions**

                1. What has worked, for whom, and what did it cost?
                2. Which decisions belong to governments, and which to operators and communities?
                3. What should the region ask of the global Internet Governance Forum?

                Speakers open with five minutes each; the moderators then alternate between the queue in the room and
                the online queue, so that remote participants have the floor as often as those present.
                """,
            Tags = [new SessionTag { Tag = tag }],
        };
        var position = 0;
        if (organiser is not null)
        {
            session.Roles.Add(new SessionRole { Kind = SessionRoleKind.Organiser, Organisation = organiser, Position = ++position });
        }
        foreach (var (kind, person, mode) in roles)
        {
            session.Roles.Add(new SessionRole { Kind = kind, Person = person, Mode = mode, Position = ++position });
        }
        foreach (var goal in goals)
        {
            session.LinkSdg(goal);
        }
        session.LinkSdgTarget(sdgs.FindGoal(goals[0])!.Targets[0]);
        return session;
    }

    /// <summary>The documented demo accounts' people. Their family names are in none of the generator's lists, so no invented person shares their name.</summary>
    private static List<DemoAccount> RoleAccounts()
    {
        DemoAccount A(DemoRole role, string name, Gender gender, StakeholderGroup group, RegionalGroup region, string country, string title, string affiliation) =>
            new(DemoAccounts.Email(role), new Person
            {
                Name = name, Gender = gender, StakeholderGroup = group, RegionalGroup = region, CountryCode = country, Title = title, Affiliation = affiliation,
            }, role);
        return
        [
            A(DemoRole.Secretariat, "Sofia Lindqvist", Gender.Woman, StakeholderGroup.IntergovernmentalOrganization, RegionalGroup.Weog, "PT",
                "Head of the Forum Secretariat", "Live IGF Secretariat"),
            A(DemoRole.Reviewer, "Tariq Osei", Gender.Man, StakeholderGroup.Academia, RegionalGroup.AfricanGroup, "GH",
                "Associate Professor of Information Policy", "University of Kalundi"),
            A(DemoRole.Proposer, "Paula Moreau", Gender.Woman, StakeholderGroup.CivilSociety, RegionalGroup.Weog, "FR",
                "Policy Lead", "Mirava Digital Rights Network"),
            A(DemoRole.Rapporteur, "Daniel Mwakyusa", Gender.Man, StakeholderGroup.Academia, RegionalGroup.AfricanGroup, "TZ",
                "Doctoral Researcher", "Tanjara Institute of Technology"),
            A(DemoRole.Moderator, "Leila Benali", Gender.Woman, StakeholderGroup.TechnicalCommunity, RegionalGroup.AfricanGroup, "MA",
                "Community Manager", "Sambara Network Operators Group"),
            A(DemoRole.Participant, "Hoang Anh Tran", Gender.NonBinaryOrGenderDiverse, StakeholderGroup.PrivateSector, RegionalGroup.AsiaPacificGroup, "VN",
                "Product Manager", "Lumeno Cloud Services"),
            A(DemoRole.MessageEditor, "Ingrid Solberg", Gender.Woman, StakeholderGroup.Government, RegionalGroup.Weog, "NO",
                "Senior Adviser, Digital Policy", "Ministry of Digital Affairs of Nordvik"),
        ];
    }

    /// <summary>The people of the story's sessions, without accounts; family names again outside the generator's lists.</summary>
    private static Dictionary<string, Person> Cast()
    {
        Person P(string name, Gender gender, StakeholderGroup group, RegionalGroup region, string country, string title, string affiliation) =>
            new() { Name = name, Gender = gender, StakeholderGroup = group, RegionalGroup = region, CountryCode = country, Title = title, Affiliation = affiliation };
        return new Dictionary<string, Person>
        {
            ["lopes"] = P("Ana Beatriz Lopes", Gender.Woman, StakeholderGroup.CivilSociety, RegionalGroup.Grulac, "BR", "Coordinator", "Aruvia Community Networks Alliance"),
            ["kiprono"] = P("Samuel Kiprono", Gender.Man, StakeholderGroup.TechnicalCommunity, RegionalGroup.AfricanGroup, "KE", "Network Engineer", "Ikambe Internet Exchange Point"),
            ["aziz"] = P("Yasmin Aziz", Gender.Woman, StakeholderGroup.Government, RegionalGroup.AsiaPacificGroup, "JO", "Director of Digital Policy", "Basrava Communications Regulatory Authority"),
            ["petrenko"] = P("Olga Petrenko", Gender.Woman, StakeholderGroup.Academia, RegionalGroup.EasternEuropeanGroup, "UA", "Research Fellow", "Halvard Centre for Internet and Society"),
            ["menon"] = P("Rahul Menon", Gender.Man, StakeholderGroup.PrivateSector, RegionalGroup.AsiaPacificGroup, "IN", "Head of Public Policy", "Quellin Satellite Broadband"),
            ["achieng"] = P("Grace Achieng", Gender.Woman, StakeholderGroup.CivilSociety, RegionalGroup.AfricanGroup, "KE", "Executive Director", "Pelora Women in Tech Collective"),
            ["herrera"] = P("Tomás Herrera", Gender.Man, StakeholderGroup.Government, RegionalGroup.Grulac, "CL", "Head of International Relations", "Ministry of Digital Affairs of Castrello"),
            ["chua"] = P("Mei Lin Chua", Gender.Woman, StakeholderGroup.TechnicalCommunity, RegionalGroup.AsiaPacificGroup, "MY", "Security Engineer", "Zentra Registry Services"),
            ["idrissi"] = P("Fatima Zahra Idrissi", Gender.Woman, StakeholderGroup.IntergovernmentalOrganization, RegionalGroup.AfricanGroup, "MA", "Programme Officer", "Verrin Economic Commission"),
            ["berg"] = P("Jonas Berg", Gender.Man, StakeholderGroup.PrivateSector, RegionalGroup.Weog, "NO", "Chief Technology Officer", "Nordvik Telecom"),
            ["ngata"] = P("Aroha Ngata", Gender.Woman, StakeholderGroup.Academia, RegionalGroup.Weog, "NZ", "Lecturer in Information Systems", "Marisol School of Law and Policy"),
            ["asare"] = P("Kofi Asare", Gender.Man, StakeholderGroup.CivilSociety, RegionalGroup.AfricanGroup, "GH", "Founder", "Orvena Youth IGF"),
        };
    }

    /// <summary>"Tõnis Tamm-Nowak" becomes tonis.tamm-nowak@demo.invalid; a second person of the same name gets a number.</summary>
    internal static string EmailOf(string name, HashSet<string> taken)
    {
        var folded = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            folded.Append(lower switch
            {
                ' ' => '.',
                '-' => '-',
                _ when char.IsAsciiLetterOrDigit(lower) => lower,
                _ => '\0',
            });
        }
        var local = folded.ToString().Replace("\0", "", StringComparison.Ordinal).Trim('.');
        var email = $"{local}@{DemoDomain}";
        for (var n = 2; !taken.Add(email); n++)
        {
            email = $"{local}{n}@{DemoDomain}";
        }
        return email;
    }
}

// The words the live demo's proposals and outputs are written with, from the same material as the generated sessions.
public static partial class DemoForum
{
    /// <summary>What a proposal or a session is about, in a sentence: the subtheme's first topic that the title names, else the title.</summary>
    internal static string TopicLine(string subtheme, string title) =>
        TopicsBySubtheme[subtheme].Select(t => t.Tag).FirstOrDefault(tag => title.Contains(tag, StringComparison.OrdinalIgnoreCase))
        ?? InSentence(title.Split(':')[0]);

    internal static string GivenName(Random random, RegionalGroup group, bool woman)
    {
        var region = Regions.First(r => r.Group == group);
        var names = woman ? region.WomenNames : region.MenNames;
        return names[random.Next(names.Length)];
    }

    /// <summary>Takeaways and calls to action as a rapporteur types them into the form.</summary>
    internal static Reports.ReportForm TakeawaysForm(Random random, string topic)
    {
        string Text(string pattern) => string.Format(CultureInfo.InvariantCulture, pattern, topic);
        var takeaways = TakeawayPatterns.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(Text).ToList();
        var actions = CallToActionPatterns.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(Text).ToList();
        var addressees = Enum.GetNames<CallToActionAddressee>();
        return new Reports.ReportForm
        {
            Takeaway1 = takeaways.ElementAtOrDefault(0), Takeaway2 = takeaways.ElementAtOrDefault(1), Takeaway3 = takeaways.ElementAtOrDefault(2),
            Action1 = actions.ElementAtOrDefault(0), Action1For = actions.Count > 0 ? addressees[random.Next(addressees.Length)] : null,
            Action2 = actions.ElementAtOrDefault(1), Action2For = actions.Count > 1 ? addressees[random.Next(addressees.Length)] : null,
        };
    }

    /// <summary>The session report and its gender report, the day after, with the takeaways already submitted kept in the form.</summary>
    internal static Reports.ReportForm ReportForm(Random random, string topic, int speakers, Reports.ReportForm takeaways)
    {
        var onsite = random.Next(20, 120);
        var online = random.Next(5, 60);
        var womenSpeakers = speakers == 0 ? 0 : random.Next(0, speakers + 1);
        var genderTopic = random.Next(4) == 0;
        return new Reports.ReportForm
        {
            Takeaway1 = takeaways.Takeaway1, Takeaway2 = takeaways.Takeaway2, Takeaway3 = takeaways.Takeaway3,
            Action1 = takeaways.Action1, Action1For = takeaways.Action1For, Action2 = takeaways.Action2, Action2For = takeaways.Action2For,
            KeyIssues = $"- Who pays for work on {topic} once pilot projects end.\n- What data decision-makers need first.\n- How the smallest communities are heard.",
            Discussion = $"""
                The speakers opened with their experience of {topic}, and participants in the room and online added cases from
                their own countries. The discussion turned on who should act first: several participants asked for
                shared data before new rules; others argued that waiting would leave the most affected people out again.
                """,
            WayForward = "Participants proposed to continue through the region's intersessional work and to report back at the next edition.",
            Onsite = onsite.ToString(CultureInfo.InvariantCulture), Online = online.ToString(CultureInfo.InvariantCulture),
            Participants = (onsite + online).ToString(CultureInfo.InvariantCulture),
            WomenPercent = random.Next(25, 66).ToString(CultureInfo.InvariantCulture),
            WomenSpeakers = womenSpeakers.ToString(CultureInfo.InvariantCulture),
            GenderTopic = genderTopic ? "yes" : "no",
            GenderNarrative = genderTopic ? $"Speakers discussed how {topic} affects women and gender-diverse people differently." : null,
        };
    }
}
