using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
    /// <summary>Global Digital Compact objectives ("3"); left out for a forum that does not use the Compact.</summary>
    public IReadOnlyList<string>? Gdc { get; init; }

    /// <summary>WSIS action lines ("C5"); left out for a forum that does not use them.</summary>
    public IReadOnlyList<string>? Wsis { get; init; }

    public static SessionSummary From(Forum forum, ProgrammeEntry e) => new(
        e.Key, e.NumberedName, e.Title, e.TypeCode, e.HasNumber ? e.Number : null, e.Format, e.Layout, e.LengthMinutes,
        FormatLineInEnglish(e.Format, e.Layout, e.LengthMinutes, e.FormatLine), e.Day, e.StartsAt, e.EndsAt, e.RoomId, e.RoomName,
        e.SubthemeSlug, e.Status, e.Sdgs, e.OnsiteSpeakers, e.OnlineSpeakers, SessionLinks.Page(forum.Slug, e.Key))
    {
        Gdc = forum.UsesGdc ? Ordered(Frameworks.Framework.Gdc, e.Gdc) : null,
        Wsis = forum.UsesWsis ? Ordered(Frameworks.Framework.Wsis, e.Wsis) : null,
    };

    internal static List<string> Ordered(Frameworks.Framework framework, IEnumerable<string> codes) =>
        codes.OrderBy(c => Frameworks.FrameworkCatalogue.Position(framework, c)).ToList();

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

/// <param name="Framework">gdc (Global Digital Compact) or wsis (WSIS action lines).</param>
/// <param name="Code">"3" for the Compact's third objective, "C5" for an action line.</param>
/// <param name="Title">The objective's or action line's title in English.</param>
/// <param name="Url">Its page in the forum, listing the sessions linked to it.</param>
public sealed record FrameworkLinkDto(string Framework, string Code, string Title, string Url);
public sealed record TakeawayDto(string Text, CallToActionAddressee? Addressee);
/// <param name="Body">The discussion (older reports hold the whole report here).</param>
public sealed record SessionReportDto(string Body, DateTime? SubmittedAt, string? KeyIssues, string? Presentations, string? WayForward,
    int? OnsiteParticipants, int? OnlineParticipants);
public sealed record GenderReportDto(int? ParticipantCount, int? WomenAndGenderDiversePercent, bool? GenderWasTopic, string? Narrative,
    int? WomenSpeakers, int? WomenModerators);

/// <summary>The languages of a session's texts: which it was written in, which this answer gives, and which it may be read in.</summary>
/// <param name="Original">The language the session was written in (BCP 47).</param>
/// <param name="Language">The version this answer gives: the one asked for where the session has it, else the original.</param>
/// <param name="Available">The original, then every language with a translation of at least one part.</param>
/// <param name="Texts">
/// The language of each text in this answer, by its place: <c>title</c>, <c>description</c>, <c>approach</c>,
/// <c>sections.{slug}</c>, <c>keyTakeaways[0]</c>, <c>callsToAction[0]</c>, <c>report.keyIssues</c>,
/// <c>report.presentations</c>, <c>report.body</c>, <c>report.wayForward</c>. A part without a translation in the
/// language asked comes in the original.
/// </param>
public sealed record SessionLanguagesDto(string Original, string Language, IReadOnlyList<SessionVersionDto> Available, IReadOnlyDictionary<string, TextLanguageDto> Texts);

/// <param name="Translators">Who translated parts into this language (empty for the original).</param>
public sealed record SessionVersionDto(string Language, bool IsOriginal, IReadOnlyList<string> Translators, DateTime? LastTranslatedAt);

/// <param name="TranslatedBy">For a translation: who made it.</param>
/// <param name="OriginalChanged">For a translation: true when the original was changed after it was made.</param>
public sealed record TextLanguageDto(string Language, string? TranslatedBy = null, DateTime? TranslatedAt = null, bool? OriginalChanged = null)
{
    public static TextLanguageDto From(ContentBlock block) => block.Translation is { } t
        ? new TextLanguageDto(block.Language, t.TranslatedByName, t.TranslatedAt, block.OriginalChanged)
        : new TextLanguageDto(block.Language);
}

/// <param name="Version">The session's version: sent back as <c>version</c> with a change, which is refused (409) when someone saved the session since.</param>
/// <param name="Languages">The languages of the texts; given by the read API (<c>?lang=</c> or <c>Accept-Language</c>).</param>
public sealed record SessionDetails(
    SessionSummary Session, string ForumTimeZone, string? Description, string? Approach, IReadOnlyList<string> Tags,
    IReadOnlyList<SessionRoleDto> Roles, IReadOnlyList<SdgLinkDto> SdgLinks, string? SdgText,
    IReadOnlyList<TakeawayDto> KeyTakeaways, IReadOnlyList<TakeawayDto> CallsToAction,
    SessionReportDto? Report, GenderReportDto? GenderReport, IReadOnlyDictionary<string, string> Sections, int Version,
    SessionLanguagesDto? Languages = null)
{
    /// <summary>Its Global Digital Compact objectives and WSIS action lines; left out for a forum that uses neither and a session linked to none.</summary>
    public IReadOnlyList<FrameworkLinkDto>? Frameworks { get; init; }
}

public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/forums/{forum}/sessions").WithTags("Sessions").CacheOutput().AllowAnonymous();

        sessions.MapGet("/", async Task<Results<Ok<List<SessionSummary>>, ValidationProblem, ProblemHttpResult>> (
            string forum, HttpRequest request, PlenaryDb db, CancellationToken cancel,
            string? day = null, string? type = null, string? subtheme = null, string? sdg = null, string? gdc = null, string? wsis = null,
            string? room = null, string? q = null) =>
        {
            // The parameters document the filters in OpenAPI; the values are read from the query by the same parser as
            // the programme page so both answer alike. Strings, even for a goal or a room id: a typed int would refuse
            // "sdg=nine" before the parser could say which filter is wrong, with a problem that names none.
            _ = (day, type, subtheme, sdg, gdc, wsis, room, q);
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
            string forum, string key, HttpRequest request, PlenaryDb db, SdgCatalogue sdgs, CancellationToken cancel, string? lang = null) =>
        {
            if (lang is not null && ContentLanguage.Normalise(lang) is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown language",
                    detail: $"“{(lang.Length > 40 ? lang[..40] + "…" : lang)}” is not a language code. Use a BCP 47 code such as en, es, ar or zh-Hans.");
            }
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
            var all = await db.SessionTranslations.Where(t => t.SessionId == s.Id).ToListAsync(cancel);
            var content = SessionContent.Of(found, s, all, lang);
            if (lang is null)
            {
                // The first language the client accepts, by its weight, that the session can be read in.
                var available = content.Versions.Select(v => v.Language).ToList();
                var accepted = request.GetTypedHeaders().AcceptLanguage.OrderByDescending(a => a.Quality ?? 1)
                    .Select(a => ContentLanguage.Serving(a.Value.Value, available)).FirstOrDefault(l => l is not null);
                content = SessionContent.Of(found, s, all, accepted);
            }
            return TypedResults.Ok(Details(found, s, sdgs, content: content));
        }).WithName("GetSession").WithSummary("The whole session record: people, SDGs, takeaways and reports, in the language asked (?lang= or Accept-Language) where translated.")
            // The language may come from Accept-Language in any of the forum's languages, not only the interface's six.
            .CacheOutput(policy => policy.SetVaryByHeader("Accept-Encoding", "Accept-Language"));

        return app;
    }

    /// <param name="allSections">
    /// For those who may change the session (the write API's answers): the record sections the public does not see too.
    /// The public read API, cached and anonymous, carries the public sections only.
    /// </param>
    /// <param name="content">The texts in the language asked for, with their languages; without it, the originals and no language list.</param>
    internal static SessionDetails Details(Forum forum, Session s, SdgCatalogue sdgs, bool allSections = false, SessionContent? content = null)
    {
        var texts = new Dictionary<string, TextLanguageDto>(StringComparer.Ordinal);
        // The text of a part in the answer's language, its language noted at its place.
        string? Text(string place, TranslatedPart part, int partId, string? original)
        {
            if (content?.Block(part, partId) is not { } block)
            {
                return original;
            }
            texts[place] = TextLanguageDto.From(block);
            return block.Text;
        }
        var keyTakeaways = s.Takeaways.Where(t => t.Kind == TakeawayKind.KeyTakeaway).OrderBy(t => t.Position).ToList();
        var callsToAction = s.Takeaways.Where(t => t.Kind == TakeawayKind.CallToAction).OrderBy(t => t.Position).ToList();
        var speakers = s.Roles.Where(r => r.Kind == SessionRoleKind.Speaker).ToList();
        var summary = new SessionSummary(s.Key, s.NumberedName, Text("title", TranslatedPart.Title, 0, s.Title)!, s.Type.Code, s.HasNumber ? s.Number : null, s.Format, s.Layout, s.LengthMinutes,
            SessionSummary.FormatLineInEnglish(s.Format, s.Layout, s.LengthMinutes, s.FormatLine), s.Day, s.StartsAt, s.EndsAt, s.RoomId, s.Room?.Name,
            s.Subtheme?.Slug, s.Status, s.Sdgs.Select(g => g.Goal).Order().ToList(),
            speakers.Count(r => r.Mode == ParticipationMode.Onsite), speakers.Count(r => r.Mode == ParticipationMode.Online),
            SessionLinks.Page(forum.Slug, s.Key));
        var links = s.Sdgs.OrderBy(g => g.Goal).Select(g => sdgs.FindGoal(g.Goal)).OfType<SdgGoal>().Select(goal => new SdgLinkDto(
            goal.Number, goal.ShortName("en"), goal.MetadataUri,
            s.SdgTargets.Select(t => sdgs.FindTarget(t.TargetCode)).OfType<SdgTarget>().Where(t => t.Goal == goal.Number)
                .Select(t => new SdgTargetLinkDto(t.Code, t.Title("en"), t.MetadataUri)).ToList())).ToList();
        var frameworkLinks = s.FrameworkLinks.Where(l => forum.Uses(l.Framework))
            .OrderBy(l => l.Framework).ThenBy(l => Frameworks.FrameworkCatalogue.Position(l.Framework, l.Code))
            .Select(l => new FrameworkLinkDto(Frameworks.FrameworkCatalogue.SlugOf(l.Framework), l.Code,
                Frameworks.FrameworkCatalogue.Shared.Find(l.Framework, l.Code)?.Title("en") ?? l.Code, Frameworks.FrameworkLinks.Item(forum.Slug, l.Framework, l.Code)))
            .ToList();
        var description = Text("description", TranslatedPart.Description, 0, s.Description);
        var approach = Text("approach", TranslatedPart.Approach, 0, s.Approach);
        var sections = Sections(forum, s, allSections).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var section in forum.RecordSections.Where(x => sections.ContainsKey(x.Slug)))
        {
            sections[section.Slug] = Text($"sections.{section.Slug}", TranslatedPart.Section, section.Id, sections[section.Slug])!;
        }
        return new SessionDetails(
            summary, forum.TimeZoneId, description, approach, s.Tags.Select(t => t.Tag).Order().ToList(),
            s.Roles.OrderBy(r => r.Position).Select(SessionRoleDto.From).ToList(),
            links, s.SdgText,
            keyTakeaways.Select((t, i) => new TakeawayDto(Text($"keyTakeaways[{i}]", TranslatedPart.Takeaway, t.Position, t.Text)!, null)).ToList(),
            callsToAction.Select((t, i) => new TakeawayDto(Text($"callsToAction[{i}]", TranslatedPart.CallToAction, t.Position, t.Text)!, t.Addressee)).ToList(),
            s.Report is null ? null : new SessionReportDto(Text("report.body", TranslatedPart.ReportBody, 0, s.Report.Body)!, s.Report.SubmittedAt,
                Text("report.keyIssues", TranslatedPart.ReportKeyIssues, 0, s.Report.KeyIssues), Text("report.presentations", TranslatedPart.ReportPresentations, 0, s.Report.Presentations),
                Text("report.wayForward", TranslatedPart.ReportWayForward, 0, s.Report.WayForward),
                s.Report.OnsiteParticipants, s.Report.OnlineParticipants),
            s.GenderReport is null ? null : new GenderReportDto(s.GenderReport.ParticipantCount, s.GenderReport.WomenAndGenderDiversePercent, s.GenderReport.GenderWasTopic, s.GenderReport.Narrative,
                s.GenderReport.WomenSpeakers, s.GenderReport.WomenModerators),
            sections, s.Version,
            content is null ? null : new SessionLanguagesDto(content.Original, content.Language,
                content.Versions.Select(v => new SessionVersionDto(v.Language, v.IsOriginal, v.Translators, v.LastTranslatedAt)).ToList(), texts))
        {
            Frameworks = frameworkLinks.Count > 0 || forum.UsedFrameworks.Any() ? frameworkLinks : null,
        };
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
