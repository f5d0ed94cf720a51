using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;

namespace Plenary.Features.Demo;

public static partial class DemoForum
{
    /// <summary>
    /// IGF 2022 Open Forum #56, as the IGF's public session page records it: the one real session in the demo,
    /// the reference for everything a session record must carry.
    /// </summary>
    private static void AddOpenForum56(DemoContent content, SdgCatalogue sdgs)
    {
        var forum = content.Forum;
        var cac = new Organisation
        {
            Name = "Bureau of International Cooperation, Cyberspace Administration of China",
            StakeholderGroup = StakeholderGroup.Government,
            RegionalGroup = RegionalGroup.AsiaPacificGroup,
            CountryCode = "CN",
        };
        var csac = new Organisation
        {
            Name = "Cyber Security Association of China",
            StakeholderGroup = StakeholderGroup.CivilSociety,
            RegionalGroup = RegionalGroup.AsiaPacificGroup,
            CountryCode = "CN",
        };
        content.Organisations.AddRange([cac, csac]);

        Person P(string name, string title, string affiliation, string? honorific = null, Gender? gender = null, string? country = null) =>
            new() { Name = name, Title = title, Affiliation = affiliation, Honorific = honorific, Gender = gender, CountryCode = country };

        var xuFeng = P("Xu Feng", "Deputy Director General of Bureau of International Cooperation", "Cyberspace Administration of China", country: "CN");
        var ladid = P("Latif·Ladid", "President of IPv6 Forum", "IPv6 Forum");
        var wangYiwei = P("Wang Yiwei", "Jean Monnet Chair Professor in the European Union, Director of the Institute of International Affairs at Renmin University of China", "Renmin University of China", country: "CN");
        var saleh = P("Yahya A.N Saleh", "Member of board/ Executive Manager of the Palestinian Chinese Friendship Association", "Palestinian Chinese Friendship Association");
        var zhangBin = P("Zhang Bin", "General Manager Information Security Management and Operation Center of China Mobile Communication Group Corporation, Ltd.", "China Mobile Communication Group Corporation, Ltd.", country: "CN");
        var chin = P("Yik Chan Chin", "Associate Professor", "Beijing Normal University", honorific: "Ms.", gender: Gender.Woman, country: "CN");
        var hongYanqing = P("Hong Yanqing", "Professor of School of Law, Beijing Institute of Technology, Member of the Advisory Committee on International Law of the Ministry of Foreign Affairs of China", "Beijing Institute of Technology", country: "CN");
        var wangJunfeng = P("Wang Junfeng", "Global Chairman of King & Wood Mallesons, President of the Belt and Road International Lawyers Association", "King & Wood Mallesons", country: "CN");
        var liYuxiao = P("Li Yuxiao", "Secretary General", "Cyber Security Association of China", honorific: "Prof.", country: "CN");
        var wangJunting = P("Wang Junting", "International Cooperation and Research Department", "Cyber Security Association of China", country: "CN");
        content.People.AddRange([xuFeng, ladid, wangYiwei, saleh, zhangBin, chin, hongYanqing, wangJunfeng, liYuxiao, wangJunting]);

        var session = new Session
        {
            Forum = forum,
            Type = forum.SessionTypes.Single(t => t.Code == "OF"),
            Number = 56,
            Title = "Enhance International Cooperation on Data-Driven Digital Economy",
            Format = SessionFormat.Panel,
            Layout = RoomLayout.Auditorium,
            LengthMinutes = 60,
            Subtheme = forum.Subthemes.Single(s => s.Slug == "governing-data"),
            StartsAt = Utc(2022, 12, 1, 6, 30),
            EndsAt = Utc(2022, 12, 1, 7, 30),
            Room = forum.Rooms.Single(r => r.Name == "Banquet Hall A"),
            Status = SessionStatus.Scheduled,
            Description = """
            Titled “Enhancing International Cooperation on Data-Driven Digital Economy, Achieving Digital Connectivity and Common Prosperity”, the proposed Open Forum plans to invite government officials and representatives of UN organizations, NGOs, civil societies, technical communities, and the private sector, etc. to discuss the issues, challenges and opportunities relating to digital economic development, digital infrastructure construction, and data governance. The ultimate goal of the proposed Open Forum is to call on the international community to make joint efforts to advance international cooperation on digital economy, digital connectivity and data governance, and pool insights and policy recommendations on tackling digital divide and digital trade barriers, with a view to enabling the humanity to share the benefits of digital economy, digital connectivity and a resilient Internet.
            """,
            Approach = """
            1.Digital economy and digital connectivity for all: (1) Analyze the status quo of digital economy and digital connectivity progress, and recognize the necessity and urgency of international cooperation on building a resilient Internet and improving digital economy for all; (2) Discuss the challenges and opportunities for international cooperation on digital economy, digital connectivity and data governance; (3) Discuss how to seize digital opportunities for cooperation and development; (4) Discuss how value creation in digital economy can be more equally shared; (5) How to unlock the potential of digital trade while building gender-inclusive digital ecosystems; etc.

            2.Digital and data governance in digital economy: (1) Discuss how to make international rules on digital and data governance with a view to supporting the development of digital economy while ensuring data security; (2) Explore a new global governance approach or institutional framework to enable digital data to flow across borders as freely as necessary and possible; (3) Call on countries to make digital data flow for the benefits of all; (4) Discuss how to address the risks and challenges to data security; etc.

            3.Experience sharing of China’s efforts to promote international cooperation on digital economy, covering (1) digital economy cooperation with the countries/regions along the Belt and Road; (2) the Global Initiative on Data Security; (3) the Belt and Road Digital Economy International Cooperation Initiative launched by China, Egypt, Laos, Saudi Arabia, Serbia, Thailand, Turkey, and the United Arab Emirates; (4) efforts in the joining of the Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP) and the Digital Economy Partnership Agreement (DEPA); etc. The proposed Open Forum aims to pool the insights and suggestions of speakers and delegates on digital economy and data governance, and call on the international community to jointly advance the development of digital economy and build a community with a shared future in the digital world.

            With the support of technical tools, the proposed Open Forum will leverage the IGF Official Online Participation Platform and the onsite meeting room to facilitate wider engagement and interaction with speakers and delegates from across the world, both online and onsite.
            """,
            SdgText = """
            The proposed Open Forum aims to solicit opinions and advice on promoting international cooperation on digital economy, digital connectivity and data governance for the benefits of all, which helps achieve the United Nations SDGs (1,5,8,9,10,11,16,17). The topics and questions to be addressed of the forum are linked with the SDG targets. Specifically, promoting the development of digital economy helps end poverty and achieve common prosperity (SDG1); improving digital connectivity helps achieve gender equality and empower all women and girls in the digital world (SDG 5); boosting digital economy helps promote sustained, inclusive and sustainable economic growth (SDG 8); the forum calls on the international community to build a resilient Internet and inclusive digital economy (SDG 9); improving digital connectivity helps reduce digital divide and inequality within and among countries (SDG 10); improving digital infrastructure construction helps make cities resilient and sustainable (SDG 11); improving digital connectivity helps promote inclusive societies for sustainable development (SDG 16); the forum calls on the international community to enhance global partnership for the development of the data-driven digital economy (SDG 17).
            """,
            Tags = [new SessionTag { Tag = "digital economy" }, new SessionTag { Tag = "data governance" }, new SessionTag { Tag = "digital connectivity" }],
        };

        var position = 0;
        void Role(SessionRoleKind kind, Person person, ParticipationMode mode) =>
            session.Roles.Add(new SessionRole { Kind = kind, Person = person, Mode = mode, Position = ++position });

        session.Roles.Add(new SessionRole { Kind = SessionRoleKind.Organiser, Organisation = cac, Position = ++position });
        session.Roles.Add(new SessionRole { Kind = SessionRoleKind.Organiser, Organisation = csac, Position = ++position });
        Role(SessionRoleKind.Speaker, xuFeng, ParticipationMode.Online);
        Role(SessionRoleKind.Speaker, ladid, ParticipationMode.Online);
        Role(SessionRoleKind.Speaker, wangYiwei, ParticipationMode.Online);
        Role(SessionRoleKind.Speaker, saleh, ParticipationMode.Online);
        Role(SessionRoleKind.Speaker, zhangBin, ParticipationMode.Online);
        Role(SessionRoleKind.Speaker, chin, ParticipationMode.Onsite);
        Role(SessionRoleKind.Speaker, hongYanqing, ParticipationMode.Online);
        Role(SessionRoleKind.Speaker, wangJunfeng, ParticipationMode.Online);
        Role(SessionRoleKind.OnsiteModerator, chin, ParticipationMode.Onsite);
        Role(SessionRoleKind.OnlineModerator, liYuxiao, ParticipationMode.Online);
        Role(SessionRoleKind.Rapporteur, wangJunting, ParticipationMode.Onsite);

        foreach (var goal in new[] { 1, 5, 8, 9, 10, 11, 16, 17 })
        {
            session.LinkSdg(sdgs.FindGoal(goal)!.Number);
        }

        session.Takeaways.Add(new Takeaway
        {
            Kind = TakeawayKind.KeyTakeaway,
            Position = 1,
            Text = """
            All parties, including governments, civil societies, private sectors, etc., should cooperate to jointly build a community with a shared future in cyberspace. Efforts should be made to deepen digital exchanges and cooperation, expand economic and trade exchanges in the digital field, promote the interconnection of digital infrastructure, enable digital access for all, and jointly promote the sustainable development of global digital economy.
            """,
        });
        session.Takeaways.Add(new Takeaway
        {
            Kind = TakeawayKind.KeyTakeaway,
            Position = 2,
            Text = """
            The establishment of international rules for digital governance based on consultation and consensus will enhance the development of digital economy. More engagement in establishing international rules for digital trade helps reduce trade barriers and facilitate the sound and orderly development of international trade.
            """,
        });
        session.Report = new SessionReport
        {
            SubmittedAt = Utc(2022, 12, 15, 9, 0),
            Body = """
            During the session, most speakers emphasized the necessity and urgency of international cooperation on digital economy, digital connectivity and data governance. They shared practices of different stakeholders in boosting digital economy while ensuring data security. It is suggested that governments, civil societies, private sectors and other stakeholders should unite and cooperate to jointly build a community with a shared future in cyberspace. Efforts should be made to deepen digital exchanges and cooperation, expand economic and trade exchanges in the digital field, promote the interconnection of digital infrastructure, enable digital access for all, and jointly promote the sustainable development of global digital economy.

            Experts also focused on the establishment of international rules for digital governance. They maintained that the establishment of international rules for digital governance based on consultation and consensus would enhance the development of digital economy and that more engagement in establishing international rules for digital trade would reduce trade barriers and facilitate the sound and orderly development of international trade.

            Some expressed that in order to develop and benefit globally from cyberspace, international cooperation must take place in cyberspace and benefit from the Initiative on China-Africa Jointly Building a Community with a Shared Future in Cyberspace, to become a global initiative because of its comprehensiveness, clarity, transparency and global mutual benefits.

            In addition, some advocated more engagement in the international governance of digital economy such as joining the G20 Digital Economy Development and Cooperation Initiative, the Global Development Initiative (GDI) and other international cooperation agreements.
            """,
        };
        session.GenderReport = new GenderReport
        {
            // "More than one hundred" participants and "over one third" women and gender-diverse people.
            ParticipantCount = 100,
            WomenAndGenderDiversePercent = 33,
            GenderWasTopic = true,
            Narrative = """
            The number of participants in the open forum is more than one hundred and the percentage of women and gender-diverse people that attended the session is estimated to reach over one third. The session managed to engage with gender as a topic. The onsite moderator and keynote speaker Ms. Yik Chan Chin delivered a speech under the theme of “Building Gender-Inclusive Digital Ecosystems”. She analyzed the challenges and difficulties facing women in the digital technology ecosystem and shared her insights into enhancing gender inclusion in the digital world, which were echoed by the participants at the session. She maintained that woman-centered design could enable digital innovation hubs to tailor their services to women’s needs and that collaboration should be made between digital ecosystem stakeholders.
            """,
        };
        content.Sessions.Add(session);
    }
}
