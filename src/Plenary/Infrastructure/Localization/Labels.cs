using Microsoft.Extensions.Localization;
using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;

namespace Plenary.Infrastructure.Localization;

/// <summary>
/// The English words for the domain's enums. They are the keys into the shared resource file, so a label is
/// translated like any other string on a page.
/// </summary>
public static class Labels
{
    public static string English(Enum value) => value switch
    {
        SessionFormat.Panel => "Panel",
        SessionFormat.RoundTable => "Round Table",
        SessionFormat.Debate => "Debate",
        SessionFormat.BirdsOfAFeather => "Birds of a Feather",
        SessionFormat.Tutorial => "Tutorial",
        SessionFormat.Other => "Other",
        RoomLayout.Auditorium => "Auditorium",
        RoomLayout.Banquet => "Banquet",
        RoomLayout.Circle => "Circle",
        RoomLayout.UShape => "U-shape",
        RoomLayout.Theater => "Theater",
        RoomLayout.Classroom => "Classroom",
        RoomLayout.Boardroom => "Boardroom",
        StakeholderGroup.Government => "Government",
        StakeholderGroup.CivilSociety => "Civil Society",
        StakeholderGroup.PrivateSector => "Private Sector",
        StakeholderGroup.TechnicalCommunity => "Technical Community",
        StakeholderGroup.IntergovernmentalOrganization => "Intergovernmental Organization",
        StakeholderGroup.Academia => "Academia",
        RegionalGroup.AfricanGroup => "African Group",
        RegionalGroup.AsiaPacificGroup => "Asia-Pacific Group",
        RegionalGroup.EasternEuropeanGroup => "Eastern European Group",
        RegionalGroup.Grulac => "Latin American and Caribbean Group (GRULAC)",
        RegionalGroup.Weog => "Western European and Others Group (WEOG)",
        RegionalGroup.IntergovernmentalOrganization => "Intergovernmental Organization",
        Gender.Woman => "Woman",
        Gender.Man => "Man",
        Gender.NonBinaryOrGenderDiverse => "Non-binary or gender-diverse",
        Gender.PrefersNotToSay => "Prefers not to say",
        SessionStatus.Scheduled => "Scheduled",
        SessionStatus.Cancelled => "Cancelled",
        ParticipationMode.Onsite => "Onsite",
        ParticipationMode.Online => "Online",
        SessionRoleKind.Organiser => "Organiser",
        SessionRoleKind.Speaker => "Speaker",
        SessionRoleKind.OnsiteModerator => "Onsite Moderator",
        SessionRoleKind.OnlineModerator => "Online Moderator",
        SessionRoleKind.Rapporteur => "Rapporteur",
        SessionRoleKind.Moderator => "Moderator",
        SessionRoleKind.FloorModerator => "Floor Moderator",
        SessionRoleKind.Timekeeper => "Timekeeper",
        SessionRoleKind.CoRapporteur => "Co-Rapporteur",
        SessionRoleKind.Presenter => "Presenter",
        TakeawayKind.KeyTakeaway => "Key Takeaway",
        TakeawayKind.CallToAction => "Call to Action",
        CallToActionAddressee.Governments => "Governments",
        CallToActionAddressee.PrivateSector => "Private Sector",
        CallToActionAddressee.CivilSociety => "Civil Society",
        CallToActionAddressee.TechnicalCommunity => "Technical Community",
        CallToActionAddressee.All => "All stakeholders",
        Plenary.Features.Forums.ForumKind.Global => "Global",
        Plenary.Features.Forums.ForumKind.Regional => "Regional",
        Plenary.Features.Forums.ForumKind.National => "National",
        Plenary.Features.Forums.ForumKind.Youth => "Youth",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "No label for this value."),
    };

    public static string Label(this IStringLocalizer localizer, Enum value) => localizer[English(value)];

    /// <summary>
    /// "1 session" rather than "1 sessions". English and French put the count before the noun, so one needs its own
    /// string; the other languages' strings put the count after a label ("Sesiones: 1"), which reads for any number.
    /// </summary>
    public static LocalizedString SessionCount(this IStringLocalizer localizer, int count, string? formatted = null) =>
        count == 1 ? localizer["1 session"] : localizer["{0} sessions", formatted ?? (object)count];

    /// <summary>A question's votes in the live queue, "1 vote" as <see cref="SessionCount"/> says "1 session".</summary>
    public static LocalizedString VoteCount(this IStringLocalizer localizer, int count) =>
        count == 1 ? localizer["1 vote"] : localizer["{0} votes", count];

    /// <summary>
    /// A record section's title in the reader's language while it is the IGF's usual title for that section
    /// (<see cref="Plenary.Features.Sessions.IgfSections"/>); a title the Secretariat chose is the forum's text and is shown as written.
    /// </summary>
    public static string SectionTitle(this IStringLocalizer localizer, string slug, string title) =>
        Plenary.Features.Sessions.IgfSections.All.Any(t => t.Slug == slug && string.Equals(t.Title, title, StringComparison.Ordinal))
            ? localizer[title] : title;

    /// <inheritdoc cref="SectionTitle(IStringLocalizer, string, string)"/>
    public static string SectionTitle(this IStringLocalizer localizer, Plenary.Features.Sessions.RecordSection section) =>
        localizer.SectionTitle(section.Slug, section.Title);

    /// <summary>
    /// Items of a run-on list joined as the reader's language writes them: Arabic with its own comma ("، "), Chinese with
    /// the enumeration comma ("、"), the others with ", ". Punctuation, not words, so it is chosen here, not in the resources.
    /// </summary>
    public static string List(this IStringLocalizer localizer, IEnumerable<string> items) => string.Join(localizer.ListSeparator(), items);

    /// <inheritdoc cref="List"/>
    public static string ListSeparator(this IStringLocalizer _) =>
        LocalizationSetup.CurrentUiCulture switch { "ar" => "، ", "zh-Hans" => "、", _ => ", " };

    /// <summary>A session type's name in the reader's language while it is the IGF's usual one; otherwise as the forum wrote it.</summary>
    public static string TypeName(this IStringLocalizer localizer, string code, string name) =>
        Plenary.Features.Forums.SessionType.HasUsualName(code, name) ? localizer[name] : name;

    /// <inheritdoc cref="TypeName(IStringLocalizer, string, string)"/>
    public static string TypeName(this IStringLocalizer localizer, Plenary.Features.Forums.SessionType type) => localizer.TypeName(type.Code, type.Name);

    /// <summary>
    /// The IGF format line: "Panel - Auditorium - 60 Min", without a layout nobody gave ("Panel - 60 Min"); a line
    /// recorded as written is shown as written.
    /// </summary>
    public static string FormatLine(this IStringLocalizer localizer, SessionFormat format, RoomLayout? layout, int minutes, string? written = null) =>
        written ?? (layout is { } l
            ? $"{localizer.Label(format)} - {localizer.Label(l)} - {localizer["{0} Min", minutes]}"
            : $"{localizer.Label(format)} - {localizer["{0} Min", minutes]}");
}
