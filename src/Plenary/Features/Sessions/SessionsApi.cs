using Microsoft.AspNetCore.Http.HttpResults;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Programme;
using Plenary.Features.Rooms;
using Plenary.Features.Sdgs;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Sessions;

public sealed record SessionSummary(
    string Key, string NumberedName, string Title, string Type, int? Number, SessionFormat Format, RoomLayout? Layout,
    int LengthMinutes, string FormatLine, DateOnly? Day, DateTime? StartsAt, DateTime? EndsAt, int? RoomId, string? Room,
    string? Subtheme, SessionStatus Status, IReadOnlyList<int> Sdgs, int OnsiteSpeakers, int OnlineSpeakers, string Url)
{
    public static SessionSummary From(Forum forum, ProgrammeEntry e) => new(
        e.Key, e.NumberedName, e.Title, e.TypeCode, e.HasNumber ? e.Number : null, e.Format, e.Layout, e.LengthMinutes,
        FormatLineInEnglish(e.Format, e.Layout, e.LengthMinutes, e.FormatLine), e.Day, e.StartsAt, e.EndsAt, e.RoomId, e.RoomName,
        e.SubthemeSlug, e.Status, e.Sdgs, e.OnsiteSpeakers, e.OnlineSpeakers, SessionLinks.Page(forum.Slug, e.Key));

    internal static string FormatLineInEnglish(SessionFormat format, RoomLayout? layout, int minutes, string? written) =>
        written ?? (layout is { } l
            ? $"{Infrastructure.Localization.Labels.English(format)} - {Infrastructure.Localization.Labels.English(l)} - {minutes} Min"
            : $"{Infrastructure.Localization.Labels.English(format)} - {minutes} Min");
}

/// <summary>A person as the public sees them on a session: no e-mail, and no gender, which is published only in aggregate.</summary>
public sealed record PersonDto(int Id, string Name, string? Honorific, string? Title, string? Affiliation,
    StakeholderGroup? StakeholderGroup, RegionalGroup? RegionalGroup, string? Country, string Url)
{
    public static PersonDto From(Person p) => new(p.Id, p.Name, p.Honorific, p.Title, p.Affiliation, p.StakeholderGroup, p.RegionalGroup, p.CountryCode, PeopleLinks.Person(p.Id));
}

public sealed record OrganisationDto(string Name, StakeholderGroup? StakeholderGroup, RegionalGroup? RegionalGroup, string? Country);
/// <param name="Id">Names the role in <c>DELETE …/roles/{id}</c>.</param>
/// <param name="Person">The person with their current title and affiliation.</param>
/// <param name="Title">The person's title as this session recorded it ("Minister of X" in 2016); null, with <paramref name="Affiliation"/>, when the session recorded none of its own and the person's current ones stand.</param>
/// <param name="Affiliation">The person's affiliation as this session recorded it; see <paramref name="Title"/>.</param>
/// <param name="ToBeConfirmed">Listed as to be confirmed ("TBC").</param>
public sealed record SessionRoleDto(int Id, SessionRoleKind Role, ParticipationMode Mode, PersonDto? Person, OrganisationDto? Organisation,
    string? Title, string? Affiliation, bool ToBeConfirmed)
{
    public static SessionRoleDto From(SessionRole r) => new(r.Id, r.Kind, r.Mode,
        r.Person is null ? null : PersonDto.From(r.Person),
        r.Organisation is null ? null : new OrganisationDto(r.Organisation.Name, r.Organisation.StakeholderGroup, r.Organisation.RegionalGroup, r.Organisation.CountryCode),
        r.Title, r.Affiliation, r.ToBeConfirmed);
}
public sealed record SdgLinkDto(int Goal, string Name, string Uri, IReadOnlyList<SdgTargetLinkDto> Targets);
public sealed record SdgTargetLinkDto(string Code, string Title, string Uri);
public sealed record TakeawayDto(string Text, CallToActionAddressee? Addressee);
/// <param name="Body">The discussion (older reports hold the whole report here).</param>
public sealed record SessionReportDto(string Body, DateTime? SubmittedAt, string? KeyIssues, string? Presentations, string? WayForward,
    int? OnsiteParticipants, int? OnlineParticipants);
public sealed record GenderReportDto(int? ParticipantCount, int? WomenAndGenderDiversePercent, bool? GenderWasTopic, string? Narrative,
    int? WomenSpeakers, int? WomenModerators);

/// <param name="Version">The session's version: sent back as <c>version</c> with a change, which is refused (409) when someone saved the session since.</param>
public sealed record SessionDetails(
    SessionSummary Session, string ForumTimeZone, string? Description, string? Approach, IReadOnlyList<string> Tags,
    IReadOnlyList<SessionRoleDto> Roles, IReadOnlyList<SdgLinkDto> SdgLinks, string? SdgText,
    IReadOnlyList<TakeawayDto> KeyTakeaways, IReadOnlyList<TakeawayDto> CallsToAction,
    SessionReportDto? Report, GenderReportDto? GenderReport, IReadOnlyDictionary<string, string> Sections, int Version);

public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/forums/{forum}/sessions").WithTags("Sessions").CacheOutput().AllowAnonymous();

        sessions.MapGet("/", async Task<Results<Ok<List<SessionSummary>>, ValidationProblem, ProblemHttpResult>> (
            string forum, HttpRequest request, PlenaryDb db, CancellationToken cancel,
            string? day = null, string? type = null, string? subtheme = null, int? sdg = null, int? room = null, string? q = null) =>
        {
            // The typed parameters document the filters in OpenAPI; the values are read from the query by the
            // same parser as the programme page so both answer alike.
            _ = (day, type, subtheme, sdg, room, q);
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            var filter = SessionFilter.Parse(request.Query, found);
            if (!filter.IsValid)
            {
                return TypedResults.ValidationProblem(filter.ToValidationErrors(), title: "Some filters cannot be used");
            }
            var entries = await ProgrammeQuery.LoadAsync(db, found, filter, cancel);
            return TypedResults.Ok(entries.Select(e => SessionSummary.From(found, e)).ToList());
        }).WithName("ListSessions").WithSummary("The forum's sessions in timetable order, filtered like the programme page.");

        sessions.MapGet("/{key}", async Task<Results<Ok<SessionDetails>, ProblemHttpResult>> (
            string forum, string key, PlenaryDb db, SdgCatalogue sdgs, CancellationToken cancel) =>
        {
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            // Public like the programme: the released placement, and no session the timetable has not released yet.
            if (await db.FindSessionAsync(found.Id, key, cancel) is not { } s
                || !(await Releases.PublishedTimetable.LoadAsync(db, found.Id, cancel)).Apply(s, found))
            {
                return ApiProblems.NotFound("Session", key);
            }
            return TypedResults.Ok(Details(found, s, sdgs));
        }).WithName("GetSession").WithSummary("The whole session record: people, SDGs, takeaways and reports.");

        return app;
    }

    /// <param name="allSections">
    /// For those who may change the session (the write API's answers): the record sections the public does not see too.
    /// The public read API, cached and anonymous, carries the public sections only.
    /// </param>
    internal static SessionDetails Details(Forum forum, Session s, SdgCatalogue sdgs, bool allSections = false)
    {
        var speakers = s.Roles.Where(r => r.Kind == SessionRoleKind.Speaker).ToList();
        var summary = new SessionSummary(s.Key, s.NumberedName, s.Title, s.Type.Code, s.HasNumber ? s.Number : null, s.Format, s.Layout, s.LengthMinutes,
            SessionSummary.FormatLineInEnglish(s.Format, s.Layout, s.LengthMinutes, s.FormatLine), s.Day, s.StartsAt, s.EndsAt, s.RoomId, s.Room?.Name,
            s.Subtheme?.Slug, s.Status, s.Sdgs.Select(g => g.Goal).Order().ToList(),
            speakers.Count(r => r.Mode == ParticipationMode.Onsite), speakers.Count(r => r.Mode == ParticipationMode.Online),
            SessionLinks.Page(forum.Slug, s.Key));
        var links = s.Sdgs.OrderBy(g => g.Goal).Select(g => sdgs.FindGoal(g.Goal)).OfType<SdgGoal>().Select(goal => new SdgLinkDto(
            goal.Number, goal.ShortName("en"), goal.MetadataUri,
            s.SdgTargets.Select(t => sdgs.FindTarget(t.TargetCode)).OfType<SdgTarget>().Where(t => t.Goal == goal.Number)
                .Select(t => new SdgTargetLinkDto(t.Code, t.Title("en"), t.MetadataUri)).ToList())).ToList();
        return new SessionDetails(
            summary, forum.TimeZoneId, s.Description, s.Approach, s.Tags.Select(t => t.Tag).Order().ToList(),
            s.Roles.OrderBy(r => r.Position).Select(SessionRoleDto.From).ToList(),
            links, s.SdgText,
            s.Takeaways.Where(t => t.Kind == TakeawayKind.KeyTakeaway).OrderBy(t => t.Position).Select(t => new TakeawayDto(t.Text, null)).ToList(),
            s.Takeaways.Where(t => t.Kind == TakeawayKind.CallToAction).OrderBy(t => t.Position).Select(t => new TakeawayDto(t.Text, t.Addressee)).ToList(),
            s.Report is null ? null : new SessionReportDto(s.Report.Body, s.Report.SubmittedAt, s.Report.KeyIssues, s.Report.Presentations, s.Report.WayForward,
                s.Report.OnsiteParticipants, s.Report.OnlineParticipants),
            s.GenderReport is null ? null : new GenderReportDto(s.GenderReport.ParticipantCount, s.GenderReport.WomenAndGenderDiversePercent, s.GenderReport.GenderWasTopic, s.GenderReport.Narrative,
                s.GenderReport.WomenSpeakers, s.GenderReport.WomenModerators),
            Sections(forum, s, allSections), s.Version);
    }

    /// <summary>The session's text per record section, keyed by slug in the forum's order; empty sections are left out.</summary>
    internal static IReadOnlyDictionary<string, string> Sections(Forum forum, Session s, bool all)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in forum.RecordSections.OrderBy(x => x.Position).ThenBy(x => x.Id).Where(x => all || x.IsPublic))
        {
            if (s.Sections.FirstOrDefault(t => t.SectionId == section.Id) is { } held)
            {
                texts[section.Slug] = held.Text;
            }
        }
        return texts;
    }
}
