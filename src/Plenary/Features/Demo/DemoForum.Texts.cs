using Plenary.Features.People;

namespace Plenary.Features.Demo;

/// <summary>
/// The raw material of the invented part of the demo: names, organisations and topics. Given and family names are
/// common ones from each UN regional group, combined at random, so the people are invented; organisation names
/// are made up from place-like words that belong to no real place.
/// </summary>
public static partial class DemoForum
{
    private sealed record Region(RegionalGroup Group, string[] Countries, string[] WomenNames, string[] MenNames, string[] FamilyNames);

    private static readonly Region[] Regions =
    [
        new(RegionalGroup.AfricanGroup,
            ["ET", "KE", "NG", "GH", "SN", "ZA", "EG", "TN", "RW", "UG", "CM", "CI", "MA", "TZ", "ZM"],
            ["Amina", "Wanjiru", "Chiamaka", "Abena", "Fatou", "Thandiwe", "Meron", "Aisha", "Nadia", "Zawadi", "Hanna", "Yetunde", "Salma", "Adjoa", "Mariam"],
            ["Kwame", "Tesfaye", "Oluwaseun", "Moussa", "Sipho", "Kofi", "Abebe", "Chidi", "Jean-Claude", "Ibrahim", "Tendai", "Yaw", "Mehdi", "Baraka", "Ousmane"],
            ["Mensah", "Okafor", "Diallo", "Kebede", "Ndlovu", "Mwangi", "Haile", "Traoré", "Adeyemi", "Nkosi", "Otieno", "Ba", "Mugisha", "El Amrani", "Boateng", "Abdi"]),
        new(RegionalGroup.AsiaPacificGroup,
            ["IN", "ID", "JP", "PH", "PK", "BD", "VN", "TH", "MY", "NP", "LK", "KR", "FJ", "MN", "JO"],
            ["Priya", "Siti", "Yuki", "Maria Clara", "Ayesha", "Nusrat", "Linh", "Kanya", "Nurul", "Sunita", "Ji-woo", "Leilani", "Anjali", "Mei", "Rania"],
            ["Arjun", "Budi", "Hiroshi", "Rafael", "Imran", "Tanvir", "Minh", "Somchai", "Farid", "Rajesh", "Min-jun", "Sione", "Bat-Erdene", "Omar", "Karan"],
            ["Sharma", "Santoso", "Tanaka", "Reyes", "Khan", "Rahman", "Nguyen", "Suzuki", "Wijaya", "Perera", "Kim", "Patel", "Haddad", "Iyer", "Tuilagi", "Dorj"]),
        new(RegionalGroup.EasternEuropeanGroup,
            ["PL", "RO", "UA", "RS", "CZ", "EE", "GE", "AM", "BG", "HR", "LT", "MD", "SK", "SI", "AL"],
            ["Agnieszka", "Ioana", "Olena", "Milica", "Tereza", "Kadri", "Nino", "Anahit", "Elena", "Petra", "Rūta", "Katarina", "Jana", "Teuta", "Zofia"],
            ["Tomasz", "Andrei", "Dmytro", "Nikola", "Jakub", "Tõnis", "Giorgi", "Aram", "Stefan", "Marko", "Lukas", "Vlad", "Martin", "Ardit", "Piotr"],
            ["Kowalska", "Popescu", "Shevchenko", "Jovanović", "Novák", "Tamm", "Beridze", "Petrosyan", "Dimitrova", "Horvat", "Kazlauskas", "Rusu", "Kováč", "Hoxha", "Nowak", "Ionescu"]),
        new(RegionalGroup.Grulac,
            ["BR", "MX", "AR", "CO", "CL", "PE", "EC", "UY", "CR", "JM", "TT", "BO", "PY", "DO", "GT"],
            ["Ana Paula", "Guadalupe", "Valentina", "Camila", "Fernanda", "Lucía", "Sofía", "Renata", "Gabriela", "Shanice", "Daniela", "Mariana", "Paola", "Carolina", "Ximena"],
            ["João", "Alejandro", "Santiago", "Mateo", "Diego", "Andrés", "Rodrigo", "Thiago", "Carlos", "Marlon", "Felipe", "Sebastián", "Luis", "Emilio", "Gustavo"],
            ["Silva", "Hernández", "González", "Rodríguez", "Pérez", "Quispe", "Morales", "Souza", "Castillo", "Campbell", "Fernández", "Rojas", "Mendoza", "Vargas", "Ramírez", "Oliveira"]),
        new(RegionalGroup.Weog,
            ["DE", "FR", "GB", "US", "CA", "NL", "SE", "NO", "ES", "IT", "CH", "AU", "NZ", "IE", "PT"],
            ["Anna", "Claire", "Emily", "Sarah", "Ingrid", "Marieke", "Astrid", "Laura", "Giulia", "Sophie", "Chloé", "Niamh", "Hannah", "Inês", "Olivia"],
            ["Markus", "Julien", "James", "Michael", "Lars", "Pieter", "Erik", "Pablo", "Marco", "Thomas", "Antoine", "Liam", "David", "João Pedro", "Daniel"],
            ["Müller", "Dubois", "Smith", "Johnson", "Andersson", "de Vries", "Hansen", "García", "Rossi", "Martin", "Bernard", "Murphy", "Brown", "Costa", "Schneider", "Taylor"]),
    ];

    private static readonly string[] PlaceWords =
    [
        "Kalundi", "Mirava", "Orvena", "Sambara", "Velmont", "Tessaly", "Aruvia", "Lumeno", "Quellin", "Basrava",
        "Nordvik", "Castrello", "Ikambe", "Pelora", "Zentra", "Halvard", "Marisol", "Tanjara", "Verrin", "Obuasi Vale",
    ];

    private static readonly Dictionary<StakeholderGroup, string[]> OrganisationPatterns = new()
    {
        [StakeholderGroup.Government] = ["Ministry of Digital Affairs of {0}", "{0} Communications Regulatory Authority", "National Cybersecurity Agency of {0}", "{0} Data Protection Commission"],
        [StakeholderGroup.CivilSociety] = ["{0} Digital Rights Network", "{0} Women in Tech Collective", "Open Knowledge {0}", "{0} Community Networks Alliance"],
        [StakeholderGroup.PrivateSector] = ["{0} Telecom", "{0} Cloud Services", "{0} Fintech Association", "{0} Satellite Broadband"],
        [StakeholderGroup.TechnicalCommunity] = ["{0} Internet Exchange Point", "{0} Network Operators Group", "{0} Registry Services", "{0} Open Source Foundation"],
        [StakeholderGroup.IntergovernmentalOrganization] = ["{0} Regional Development Bank", "{0} Economic Commission", "{0} Telecommunications Union", "{0} Council for Digital Cooperation"],
        [StakeholderGroup.Academia] = ["University of {0}", "{0} Institute of Technology", "{0} Centre for Internet and Society", "{0} School of Law and Policy"],
    };

    private static readonly Dictionary<StakeholderGroup, string[]> TitlesByGroup = new()
    {
        [StakeholderGroup.Government] = ["Director of Digital Policy", "Senior Advisor to the Minister", "Head of International Relations", "Chief Information Officer", "Deputy Commissioner"],
        [StakeholderGroup.CivilSociety] = ["Executive Director", "Programme Manager", "Policy Analyst", "Campaigns Lead", "Founder"],
        [StakeholderGroup.PrivateSector] = ["Head of Public Policy", "Chief Technology Officer", "Government Affairs Manager", "Chief Executive Officer", "Senior Counsel"],
        [StakeholderGroup.TechnicalCommunity] = ["Network Engineer", "Chair of the Board", "Head of Research", "Security Engineer", "Community Manager"],
        [StakeholderGroup.IntergovernmentalOrganization] = ["Programme Officer", "Senior Economist", "Head of Digital Development", "Policy Specialist", "Regional Coordinator"],
        [StakeholderGroup.Academia] = ["Professor of Law", "Associate Professor", "Research Fellow", "Doctoral Researcher", "Lecturer in Information Systems"],
    };

    private sealed record Topic(string Title, string Tag, int[] Goals);

    /// <summary>Topics per subtheme slug, each with the SDGs a session on it most plausibly serves.</summary>
    private static readonly Dictionary<string, Topic[]> TopicsBySubtheme = new()
    {
        ["connecting-all-people"] =
        [
            new("Community networks", "community networks", [9, 10, 11]),
            new("Meaningful connectivity", "meaningful connectivity", [9, 10]),
            new("Affordable broadband", "affordability", [1, 9, 10]),
            new("Digital literacy for all ages", "digital literacy", [4, 10]),
            new("Internet shutdowns and human rights", "shutdowns", [16, 10]),
            new("Accessibility for persons with disabilities", "accessibility", [10, 4]),
            new("Local content and languages online", "multilingualism", [4, 10, 11]),
            new("Closing the gender digital divide", "gender", [5, 10]),
        ],
        ["avoiding-fragmentation"] =
        [
            new("Keeping the Internet global and interoperable", "fragmentation", [9, 17]),
            new("Sanctions and the technical layer", "sanctions", [16, 17]),
            new("Platform regulation across borders", "platform regulation", [16, 17]),
            new("Multistakeholder governance after WSIS+20", "multistakeholder model", [16, 17]),
            new("The Global Digital Compact", "global digital compact", [17, 16]),
            new("Digital sovereignty and open standards", "open standards", [9, 17]),
        ],
        ["governing-data"] =
        [
            new("Cross-border data flows", "data flows", [8, 17]),
            new("Data protection in the Global South", "data protection", [16, 10]),
            new("Health data and public interest", "health data", [3, 16]),
            new("Digital identity systems", "digital identity", [16, 10]),
            new("Open government data", "open data", [16, 17]),
            new("Children's data and privacy", "children", [4, 16]),
            new("Data for climate action", "climate", [13, 9]),
        ],
        ["safety-security"] =
        [
            new("Online gender-based violence", "gender-based violence", [5, 16]),
            new("Cybersecurity capacity building", "cyber capacity", [9, 16, 17]),
            new("Disinformation during elections", "disinformation", [16]),
            new("Ransomware and critical infrastructure", "ransomware", [9, 16]),
            new("Child online protection", "child safety", [16, 4]),
            new("Encryption and lawful access", "encryption", [16]),
        ],
        ["advanced-technologies"] =
        [
            new("Artificial intelligence and human rights", "artificial intelligence", [16, 10]),
            new("AI in public services", "artificial intelligence", [16, 9]),
            new("Environmental footprint of digital technologies", "environment", [12, 13]),
            new("Blockchain beyond the hype", "blockchain", [8, 9]),
            new("Quantum-safe cryptography", "quantum", [9]),
            new("Automation and the future of work", "future of work", [8, 4]),
            new("Satellite broadband and space governance", "satellites", [9, 17]),
        ],
    };

    private static readonly string[] TitlePatterns =
    [
        "{0}: lessons from {1}",
        "{0} in {1}",
        "{0}: who decides?",
        "From principles to practice: {0}",
        "{0} for a resilient Internet",
        "Youth perspectives on {0}",
        "{0}: what comes next",
        "Building trust: {0}",
    ];

    private static readonly Dictionary<RegionalGroup, string> RegionNames = new()
    {
        [RegionalGroup.AfricanGroup] = "Africa",
        [RegionalGroup.AsiaPacificGroup] = "Asia and the Pacific",
        [RegionalGroup.EasternEuropeanGroup] = "Eastern Europe",
        [RegionalGroup.Grulac] = "Latin America and the Caribbean",
        [RegionalGroup.Weog] = "Europe and North America",
    };

    private static readonly string[] PolicyQuestionPatterns =
    [
        "What should governments, companies and communities each do about {0}?",
        "Which existing norms and institutions already address {0}, and where are the gaps?",
        "How can people in least developed countries take part in decisions on {0}?",
        "What evidence do policymakers need on {0}, and who should collect it?",
        "How can {0} be approached without harming human rights online?",
    ];

    private static readonly string[] TakeawayPatterns =
    [
        "Progress on {0} depends on bringing affected communities into the room from the start, not after decisions are taken.",
        "Participants agreed that {0} needs shared definitions and comparable data before new rules are written.",
        "Regional cooperation on {0} was seen as more realistic in the short term than a single global instrument.",
        "Several speakers warned that {0} will widen existing divides unless funding reaches local actors directly.",
    ];

    private static readonly string[] CallToActionPatterns =
    [
        "Publish open, regularly updated data on {0} so that progress can be measured.",
        "Fund local organisations working on {0} for several years, not project by project.",
        "Take {0} into account in national digital strategies and report on it at the next IGF.",
    ];
}
