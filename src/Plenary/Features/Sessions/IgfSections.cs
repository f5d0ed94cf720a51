namespace Plenary.Features.Sessions;

/// <summary>
/// The record sections of the IGF's session templates, by year, written from the session pages the IGF has published
/// since 2006: a Secretariat importing an edition picks its year and gets the sections that edition's pages carry.
/// Titles and help are in English here, as the IGF's pages are; the workspace shows them in the reader's language.
/// </summary>
public static class IgfSections
{
    public const int FirstYear = 2006;
    public const int LastYear = 2025;

    /// <param name="From">First year of the IGF's template that holds the section.</param>
    /// <param name="To">Last year.</param>
    public sealed record Template(string Slug, string Title, string Help, bool InProposalForm, bool IsPublic, int From, int To)
    {
        public bool In(int year) => year >= From && year <= To;
    }

    /// <summary>In the order the IGF's session pages show them.</summary>
    public static readonly IReadOnlyList<Template> All =
    [
        new("policy_questions", "Policy questions", "The questions the session will address, one a line.", true, true, 2016, 2025),
        new("objectives", "Objectives", "What the session sets out to achieve.", true, true, 2020, 2022),
        new("participant_gains", "What participants will gain", "What participants will take away from attending.", true, true, 2023, 2025),
        new("relevance_to_internet_governance", "Relevance to Internet Governance", "How the session relates to the shared principles and decisions that shape the Internet.", true, true, 2016, 2019),
        new("relevance_to_theme", "Relevance to the theme", "How the session serves the forum's theme and its subtheme.", true, true, 2018, 2019),
        new("agenda", "Agenda", "The session's running order, with times and speakers per item where known.", true, true, 2006, 2025),
        new("expected_outcomes", "Expected outcomes", "What the session is expected to produce: messages, a report, a network, next steps.", true, true, 2016, 2025),
        new("connection_with_previous_messages", "Connection with previous messages", "How the session builds on the messages of earlier editions.", true, true, 2020, 2022),
        new("discussion_facilitation", "Discussion facilitation", "How the moderators will bring in the room and remote participants.", true, true, 2016, 2019),
        new("hybrid_format", "Hybrid format", "How onsite and online participants and speakers will take part alike.", true, true, 2020, 2025),
        new("online_participation", "Online participation", "How remote participants and hubs will follow and take the floor.", true, true, 2016, 2025),
        new("background_paper", "Background paper", "A link to, or summary of, the paper the session builds on.", false, true, 2006, 2019),
        new("room_setup", "Room set-up request", "Seating, equipment and other requests to the Secretariat; not published.", true, false, 2016, 2025),
    ];

    public static IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1).Reverse();

    public static IReadOnlyList<Template> For(int year) => All.Where(t => t.In(year)).ToList();
}
