using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Demo;

public sealed record DemoContent(Forum Forum, List<Session> Sessions, List<Person> People, List<Organisation> Organisations)
{
    /// <summary>The invented people and organisations, without Open Forum #56's real ones: the live demo forum casts its sessions from them.</summary>
    public List<Person> InventedPeople { get; } = [];
    public List<Organisation> InventedOrganisations { get; } = [];

    /// <summary>Sessions asked for that the forum's rooms, days or session numbers could not hold, and were left out.</summary>
    public int LeftOut { get; set; }

    /// <summary>Translations of the sessions' texts, saved once the sessions have their ids.</summary>
    public List<(Session Session, SessionTranslation Translation)> Translations { get; } = [];
}

/// <summary>
/// The demo forum: an IGF 2022-like edition in Addis Ababa. Open Forum #56 is reproduced from the IGF's public
/// session page; everything else is invented, and the forum is flagged as demo content on every page.
/// </summary>
public static partial class DemoForum
{
    public const string Slug = "igf2022";

    public static DemoContent Build(SdgCatalogue sdgs, DemoOptions options)
    {
        var forum = new Forum
        {
            Slug = Slug,
            Name = "IGF 2022 (demo)",
            Year = 2022,
            Kind = ForumKind.Global,
            Series = "igf",
            HostCity = "Addis Ababa",
            Venue = "United Nations Conference Centre (UNCC)",
            CountryCode = "ET",
            TimeZoneId = "Africa/Addis_Ababa",
            FirstDay = new DateOnly(2022, 11, 28),
            LastDay = new DateOnly(2022, 12, 2),
            Theme = "Resilient Internet for a Shared Sustainable and Common Future",
            Description = """
                The seventeenth annual meeting of an Internet Governance Forum, hosted in Addis Ababa.
                Governments, civil society, the private sector, the technical community, academia and
                intergovernmental organizations meet as equals, onsite and online, around five subthemes.

                *This is demo content.* Open Forum #56 reproduces a real IGF 2022 session record; every other
                session, person and organisation is invented.
                """,
            Languages = ["en", "fr", "es", "ar", "ru", "zh-Hans"],
            IsDemo = true,
            // To show the linking beyond the SDGs, though the Compact came two years after this edition.
            UsesGdc = true,
            UsesWsis = true,
        };
        forum.Subthemes.AddRange(
            Subtheme("connecting-all-people", "Connecting All People and Safeguarding Human Rights", 1),
            Subtheme("avoiding-fragmentation", "Avoiding Internet Fragmentation", 2),
            Subtheme("governing-data", "Governing Data and Protecting Privacy", 3),
            Subtheme("safety-security", "Enabling Safety, Security and Accountability", 4),
            Subtheme("advanced-technologies", "Addressing Advanced Technologies, including AI", 5));
        forum.SessionTypes.AddRange(SessionType.IgfUsual());
        string[] roomNames =
        [
            "Plenary Hall", "Banquet Hall A", "Banquet Hall B", "Caucus Room 11", "Caucus Room 12",
            "Workshop Room 1", "Workshop Room 2", "Workshop Room 3", "Speakers' Corner", "Press Briefing Room",
            "Workshop Room 4", "Workshop Room 5", "Workshop Room 6", "Workshop Room 7",
        ];
        RoomLayout[] layouts = [RoomLayout.Theater, RoomLayout.Banquet, RoomLayout.Banquet, RoomLayout.UShape, RoomLayout.Circle,
            RoomLayout.Classroom, RoomLayout.Classroom, RoomLayout.Boardroom, RoomLayout.Circle, RoomLayout.Auditorium];
        int[] capacities = [1200, 300, 250, 80, 60, 120, 100, 40, 50, 70];
        for (var i = 0; i < RoomsOf(options); i++)
        {
            forum.Rooms.Add(new Room
            {
                Name = roomNames[i],
                Layout = layouts[i % layouts.Length],
                Capacity = capacities[i % capacities.Length],
                // Speakers' Corner has no cameras: a realistic gap the scheduling rules will catch.
                HasOnlineEquipment = roomNames[i] != "Speakers' Corner",
                Position = i + 1,
            });
        }

        var content = new DemoContent(forum, [], [], []);
        AddOpenForum56(content, sdgs);
        AddInventedSessions(content, sdgs, options);
        AddRecordSections(content);
        AddTranslations(content);
        return content;
    }

    /// <summary>Saves demo forums in one go: the live demo forum's sessions are cast from the people saved with IGF 2022.</summary>
    public static async Task SaveAsync(PlenaryDb db, params DemoContent[] contents)
    {
        foreach (var content in contents)
        {
            db.Forums.Add(content.Forum);
            db.People.AddRange(content.People);
            db.Organisations.AddRange(content.Organisations);
            db.Sessions.AddRange(content.Sessions);
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        // Saved apart, the sessions no longer tracked: a translation added to a session on record raises its version, and
        // a session just seeded is at its first.
        foreach (var (session, translation) in contents.SelectMany(c => c.Translations))
        {
            translation.SessionId = session.Id;
            db.SessionTranslations.Add(translation);
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        foreach (var content in contents.Where(c => c.Forum.Slug == Slug))
        {
            await AddMessagesAsync(db, content);
        }
    }

    /// <summary>The rooms the demo forum has names for; <see cref="DemoOptions.Rooms"/> is kept within 2 and this.</summary>
    public const int MostRooms = 14;

    /// <summary>How many rooms the demo forum gets for what was asked.</summary>
    public static int RoomsOf(DemoOptions options) => Math.Clamp(options.Rooms, 2, MostRooms);

    private static Subtheme Subtheme(string slug, string name, int position) => new() { Slug = slug, Name = name, Position = position };

    internal static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
