using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Localization;
using Plenary.Features.People;
using Plenary.Features.Reports;
using Plenary.Features.Rooms;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;
using Plenary.Infrastructure.Operations;

namespace Plenary.Features.Forums.Archive;

/// <summary>
/// Creates a forum from a <see cref="ForumDocument"/>, whole or not at all: every problem of the document is listed by
/// its path (<c>sessions[3].roles[1].kind</c>) and nothing is written while one stands. The document's record is taken
/// as it was kept, so an archive's old sessions (overlapping, unnumbered, dated but not timed) come in as they are; only
/// what would make it inconsistent or unreadable is refused. A person is the one already on record when exactly one record
/// has the same name and affiliation (compared as the duplicate finder folds them) and no public field that says otherwise,
/// so a speaker of several editions is one person across the archive; anyone else comes in as a new person (the
/// duplicate finder then suggests the looser likenesses, and the Secretariat decides). An organisation already known by
/// its name is reused, since names are unique.
/// </summary>
public sealed class ForumImport(PlenaryDb db, SdgCatalogue sdgs, Frameworks.FrameworkCatalogue frameworks, TimeProvider clock, IStringLocalizer<SharedResource> L, IServiceScopeFactory scopes,
    FluentValidation.IValidator<RecordSectionForm> sectionRules, PlenaryMetrics metrics)
{
    public sealed record Imported(Forum Forum, int SessionTypes, int Subthemes, int Rooms, int Sessions, int People, int Organisations, int PeopleOnRecord = 0);

    /// <summary>Enum-typed properties by their name in the document, for a message listing the values allowed.</summary>
    private static readonly Dictionary<string, Type> Enums = new(StringComparer.Ordinal)
    {
        ["layout"] = typeof(RoomLayout), ["stakeholderGroup"] = typeof(StakeholderGroup), ["regionalGroup"] = typeof(RegionalGroup),
        ["format"] = typeof(SessionFormat), ["status"] = typeof(SessionStatus), ["kind"] = typeof(SessionRoleKind),
        ["mode"] = typeof(ParticipationMode), ["addressee"] = typeof(CallToActionAddressee), ["part"] = typeof(TranslatedPart),
    };

    /// <param name="reserved">First path segments the app answers itself, which no forum may take.</param>
    /// <param name="user">Who imports: recorded in the audit log and, with an account, made the forum's first Secretariat member.</param>
    public async Task<ChangeResult<Imported>> ImportAsync(Stream json, ClaimsPrincipal user, IReadOnlySet<string> reserved, CancellationToken cancel)
    {
        JsonDocument parsed;
        try
        {
            parsed = await JsonDocument.ParseAsync(json, new JsonDocumentOptions { MaxDepth = 16 }, cancel);
        }
        catch (JsonException e)
        {
            return Refusal.Of("", L["The file is not JSON: the problem is at line {0}.", (e.LineNumber ?? 0) + 1]);
        }
        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() != ForumDocument.FormatName)
            {
                return Refusal.Of("format", L["This is not a forum document of Plenary: its “format” must be “{0}”.", ForumDocument.FormatName]);
            }
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var number) || number is < ForumDocument.OldestVersion or > ForumDocument.CurrentVersion)
            {
                return Refusal.Of("version", L["Version {0} is not one this Plenary reads: it reads versions {1} to {2}.",
                    root.TryGetProperty("version", out var given) ? given.GetRawText() : "–", ForumDocument.OldestVersion, ForumDocument.CurrentVersion]);
            }
            ForumDocument? document;
            try
            {
                document = ForumDocumentJson.Read(root);
            }
            catch (JsonException e)
            {
                return Unreadable(e);
            }
            var refusal = await CheckAsync(document!, reserved, cancel);
            return refusal.IsEmpty ? await WriteAsync(document!, user, cancel) : refusal;
        }
    }

    private Refusal Unreadable(JsonException e)
    {
        var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return Refusal.Of(path, L["Plenary does not know this property, and would lose what it holds."]);
        }
        var leaf = System.Text.RegularExpressions.Regex.Match(path, @"([A-Za-z]+)(\[\d+\])?$").Groups[1].Value;
        // "kind" is a role's kind everywhere but in the forum itself.
        return path == "forum.kind" ? Refusal.Of(path, L["This value is not one Plenary knows here. Allowed: {0}.", L.List(Enum.GetNames<ForumKind>())])
            : Enums.TryGetValue(leaf, out var type)
            ? Refusal.Of(path, L["This value is not one Plenary knows here. Allowed: {0}.", L.List(Enum.GetNames(type))])
            : Refusal.Of(path, L["This value is not of the kind expected here (text, number, date, list…)."]);
    }

    private async Task<Refusal> CheckAsync(ForumDocument d, IReadOnlySet<string> reserved, CancellationToken cancel)
    {
        var r = new Refusal();
        var f = d.Forum;
        if (f is null)
        {
            return r.Add("forum", L["Fill in this field."]);
        }
        if (!Slugs.IsWellFormed(f.Slug, Forum.MaxSlug))
        {
            r.Add("forum.slug", L["Give the forum a short address of at most {0} lowercase letters, digits and dashes, such as igf2026.", Forum.MaxSlug]);
        }
        else if (reserved.Contains(f.Slug!))
        {
            r.Add("forum.slug", L["“{0}” is used by Plenary's own pages. Choose another address.", f.Slug!]);
        }
        else if (await db.Forums.AnyAsync(x => x.Slug == f.Slug, cancel))
        {
            r.Add("forum.slug", L["A forum already uses the address “{0}”.", f.Slug!]);
        }
        Text(r, "forum.name", f.Name, Forum.MaxName, required: true, line: true);
        Range(r, "forum.year", f.Year, 1990, 2200, required: true);
        if (f.Kind is { } kind && !Enum.IsDefined(kind))
        {
            r.Add("forum.kind", L["This value is not one Plenary knows here. Allowed: {0}.", L.List(Enum.GetNames<ForumKind>())]);
        }
        if (f.Series is not null && !Slugs.IsWellFormed(f.Series, Forum.MaxSeries))
        {
            r.Add("forum.series", L["Name the series in at most {0} lowercase letters, digits and dashes, such as igf or eurodig, or leave it empty.", Forum.MaxSeries]);
        }
        Text(r, "forum.theme", f.Theme, Forum.MaxTheme, required: true, line: true);
        Text(r, "forum.hostCity", f.HostCity, Forum.MaxHostCity, required: true, line: true);
        Text(r, "forum.venue", f.Venue, Forum.MaxVenue, required: true, line: true);
        Country(r, "forum.country", f.Country);
        if (!ForumClock.Exists(f.TimeZone))
        {
            r.Add("forum.timeZone", L["“{0}” is not a time zone. Use a name such as Africa/Addis_Ababa, Europe/Paris or UTC.", f.TimeZone ?? ""]);
        }
        if (f.FirstDay is null)
        {
            r.Add("forum.firstDay", L["Fill in this field."]);
        }
        if (f.LastDay is null)
        {
            r.Add("forum.lastDay", L["Fill in this field."]);
        }
        else if (f.FirstDay is { } first && (f.LastDay < first || f.LastDay.Value.DayNumber - first.DayNumber > 366))
        {
            r.Add("forum.lastDay", L["The last day must be on or after the first day, and within a year of it."]);
        }
        if (f.Languages is { } languages)
        {
            for (var i = 0; i < languages.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(languages[i]) || languages[i].Contains(',') || !SingleLine.Holds(languages[i]) || languages[i].Length > 35)
                {
                    r.Add($"forum.languages[{i}]", L["A language is a BCP 47 code, such as en, fr or zh-Hans."]);
                }
            }
            if (string.Join(',', languages).Length > Forum.MaxLanguages)
            {
                r.Add("forum.languages", Rules.TooLong(L, Forum.MaxLanguages));
            }
        }
        Text(r, "forum.description", f.Description, Forum.MaxDescription);
        Range(r, "forum.takeawaysDueMinutes", f.TakeawaysDueMinutes, 0, 60 * 24 * 60);
        Range(r, "forum.reportReminderHours", f.ReportReminderHours, 1, 24 * 60);

        var types = Unique(r, "sessionTypes", d.SessionTypes, t => t.Code?.ToUpperInvariant(), "code", (t, p) =>
        {
            if (string.IsNullOrEmpty(t.Code) || t.Code.Length > 10 || !t.Code.All(c => char.IsAsciiLetterOrDigit(c)))
            {
                r.Add($"{p}.code", L["A type's code is 1 to {0} letters and digits, such as WS.", 10]);
            }
            Text(r, $"{p}.name", t.Name, 100, required: true, line: true);
            Text(r, $"{p}.numberLabel", t.NumberLabel, 60, required: true, line: true);
            Range(r, $"{p}.defaultLengthMinutes", t.DefaultLengthMinutes, 5, 480, required: true);
        });
        var subthemes = Unique(r, "subthemes", d.Subthemes, s => s.Slug, "slug", (s, p) =>
        {
            if (!Slugs.IsWellFormed(s.Slug, 80))
            {
                r.Add($"{p}.slug", L["A slug is lowercase letters, digits and dashes, at most {0}.", 80]);
            }
            Text(r, $"{p}.name", s.Name, 200, required: true, line: true);
        });
        var sections = await CheckSectionsAsync(r, d.Sections, f, cancel);
        var rooms = Unique(r, "rooms", d.Rooms, x => x.Name, "name", (x, p) =>
        {
            Text(r, $"{p}.name", x.Name, Room.MaxName, required: true, line: true);
            Required(r, $"{p}.layout", x.Layout);
            Range(r, $"{p}.capacity", x.Capacity, 0, 1_000_000, required: true);
        });
        var organisations = Unique(r, "organisations", d.Organisations, o => o.Id, "id", (o, p) =>
        {
            Text(r, $"{p}.id", o.Id, 100, required: true, line: true);
            Text(r, $"{p}.name", o.Name, Organisation.MaxName, required: true, line: true);
            Country(r, $"{p}.country", o.Country);
        });
        Unique(r, "organisations", d.Organisations, o => o.Name, "name", (_, _) => { });
        var people = Unique(r, "people", d.People, x => x.Id, "id", (x, p) =>
        {
            Text(r, $"{p}.id", x.Id, 100, required: true, line: true);
            Text(r, $"{p}.honorific", x.Honorific, Person.MaxHonorific, line: true);
            Text(r, $"{p}.name", x.Name, Person.MaxName, required: true, line: true);
            Text(r, $"{p}.title", x.Title, Person.MaxTitle, line: true);
            Text(r, $"{p}.affiliation", x.Affiliation, Person.MaxAffiliation, line: true);
            Country(r, $"{p}.country", x.Country);
            if (x.TimeZone is not null && !ForumClock.Exists(x.TimeZone))
            {
                r.Add($"{p}.timeZone", L["“{0}” is not a time zone. Use a name such as Africa/Addis_Ababa, Europe/Paris or UTC.", x.TimeZone]);
            }
        });
        Unique(r, "sessions", d.Sessions, s => s.Type is null || s.Number is null ? null : $"{s.Type.ToUpperInvariant()} #{s.Number}", "number", (s, p) =>
            CheckSession(r, s, p, f, types, subthemes, sections, rooms, people, organisations));
        return r;
    }

    /// <summary>
    /// Each section by the rules of the sections page (slug shape, not a column of sessions.csv, unique, title and help
    /// lengths), against the sections before it; the slugs of those that hold, in the document's order.
    /// </summary>
    private async Task<List<string>> CheckSectionsAsync(Refusal r, List<RecordSectionRecord>? records, ForumRecord f, CancellationToken cancel)
    {
        // Only its sections are read by the rules; the rest is there because a forum cannot be made without it.
        var forum = new Forum { Slug = f.Slug ?? "", Name = f.Name ?? "", HostCity = "", Venue = "", TimeZoneId = "UTC", Theme = "" };
        for (var i = 0; i < (records?.Count ?? 0); i++)
        {
            if (records![i] is not { } x)
            {
                r.Add($"sections[{i}]", L["Fill in this field."]);
                continue;
            }
            var form = new RecordSectionForm { Slug = x.Slug, Title = x.Title, HelpText = x.Help, InProposalForm = x.InProposalForm == true, IsPublic = x.IsPublic != false };
            var refusal = await sectionRules.CheckAsync(form, new RecordSectionForm.In(forum, null), cancel);
            foreach (var (field, message) in refusal.FirstPerField())
            {
                r.Add($"sections[{i}].{field}", message);
            }
            if (RecordSection.IsWellFormed(x.Slug) && forum.RecordSections.All(s => s.Slug != x.Slug))
            {
                forum.RecordSections.Add(new RecordSection { Slug = x.Slug!, Title = x.Title ?? "" });
            }
        }
        return [.. forum.RecordSections.Select(s => s.Slug)];
    }

    private void CheckSession(Refusal r, SessionRecord s, string p, ForumRecord forum, HashSet<string> types, HashSet<string> subthemes,
        List<string> sections, HashSet<string> rooms, HashSet<string> people, HashSet<string> organisations)
    {
        if (s.Type is null)
        {
            r.Add($"{p}.type", L["Fill in this field."]);
        }
        else if (!types.Contains(s.Type.ToUpperInvariant()))
        {
            r.Add($"{p}.type", L["No session type of the document has the code “{0}”.", s.Type]);
        }
        Range(r, $"{p}.number", s.Number, 1, 1_000_000, required: true);
        Text(r, $"{p}.title", s.Title, Session.MaxTitle, required: true, line: true);
        Required(r, $"{p}.format", s.Format);
        Text(r, $"{p}.formatLine", s.FormatLine, Session.MaxFormatLine, line: true);
        Range(r, $"{p}.lengthMinutes", s.LengthMinutes, 5, 480, required: true);
        if (s.Subtheme is not null && !subthemes.Contains(s.Subtheme))
        {
            r.Add($"{p}.subtheme", L["No subtheme of the document has the slug “{0}”.", s.Subtheme]);
        }
        if (s.Room is not null && !rooms.Contains(s.Room))
        {
            r.Add($"{p}.room", L["No room of the document is named “{0}”.", s.Room]);
        }
        Utc(r, $"{p}.startsAt", s.StartsAt);
        Utc(r, $"{p}.endsAt", s.EndsAt);
        if (s.StartsAt is null != s.EndsAt is null || s.EndsAt <= s.StartsAt)
        {
            r.Add($"{p}.endsAt", L["A timed session has a start and a later end; an untimed one has neither."]);
        }
        if (s.Room is not null && s.StartsAt is null)
        {
            r.Add($"{p}.room", L["A session in a room needs a start."]);
        }
        if (s.Day is { } day && (s.StartsAt is not null || day < forum.FirstDay || day > forum.LastDay))
        {
            r.Add($"{p}.day", L["A day dates a session not yet timed, within the forum's days; a timed session's day is its start's."]);
        }
        Range(r, $"{p}.scheduleSequence", s.ScheduleSequence, 0, int.MaxValue);
        Range(r, $"{p}.expectedAttendance", s.ExpectedAttendance, 0, 1_000_000);
        Text(r, $"{p}.description", s.Description, Session.MaxText);
        Text(r, $"{p}.approach", s.Approach, Session.MaxText);
        foreach (var (slug, text) in s.Sections ?? [])
        {
            if (!sections.Contains(slug))
            {
                r.Add($"{p}.sections.{slug}", sections.Count == 0
                    ? L["This forum has no record section “{0}”: it has no record sections.", slug]
                    : L["This forum has no record section “{0}”. Its sections are: {1}.", slug, L.List(sections)]);
            }
            // An empty section has no row, so an empty text would not come back out: it is left out instead.
            Text(r, $"{p}.sections.{slug}", text, SessionSection.MaxText, required: true);
        }
        Text(r, $"{p}.sdgText", s.SdgText, Session.MaxSdgText);
        for (var i = 0; i < (s.Sdgs?.Count ?? 0); i++)
        {
            if (sdgs.FindGoal(s.Sdgs![i]) is null || s.Sdgs.IndexOf(s.Sdgs[i]) != i)
            {
                r.Add($"{p}.sdgs[{i}]", L["The goals are numbered 1 to 17, each once."]);
            }
        }
        for (var i = 0; i < (s.SdgTargets?.Count ?? 0); i++)
        {
            if (sdgs.FindTarget(s.SdgTargets![i]) is null || s.SdgTargets.IndexOf(s.SdgTargets[i]) != i)
            {
                r.Add($"{p}.sdgTargets[{i}]", L["“{0}” is not an SDG target. Targets are written like 9.c or 17.8.", s.SdgTargets[i]]);
            }
        }
        foreach (var framework in Frameworks.FrameworkCatalogue.All)
        {
            var key = Frameworks.FrameworkCatalogue.SlugOf(framework);
            var codes = framework == Frameworks.Framework.Gdc ? s.Gdc : s.Wsis;
            if (codes is not { Count: > 0 })
            {
                continue;
            }
            // Taken even where the forum does not use the framework: a forum that stops using one keeps its sessions' links
            // (hidden, and back if it uses it again), and its own export must import into another installation unchanged.
            for (var i = 0; i < codes.Count; i++)
            {
                if (Frameworks.FrameworkCatalogue.Canonical(framework, codes[i]) is null)
                {
                    var info = frameworks[framework];
                    r.Add($"{p}.{key}[{i}]", L["“{0}” is not in the {1}. Use one of: {2}.", codes[i] ?? "",
                        info.Name(CultureInfo.CurrentUICulture.Name), string.Join(", ", Frameworks.FrameworkCatalogue.Codes(framework))]);
                }
            }
        }
        for (var i = 0; i < (s.Tags?.Count ?? 0); i++)
        {
            var tag = s.Tags![i];
            if (string.IsNullOrWhiteSpace(tag) || tag.Trim() != tag || tag.Length > SessionTag.MaxTag || tag.Contains(';') || !SingleLine.Holds(tag) || s.Tags.IndexOf(tag) != i)
            {
                r.Add($"{p}.tags[{i}]", L["A tag is one line of at most {0} characters without a semicolon, each once.", SessionTag.MaxTag]);
            }
        }
        for (var i = 0; i < (s.Roles?.Count ?? 0); i++)
        {
            var role = s.Roles![i];
            var q = $"{p}.roles[{i}]";
            Required(r, $"{q}.kind", role.Kind);
            if (role.Person is null == role.Organisation is null || (role.Organisation is not null && role.Kind is not SessionRoleKind.Organiser))
            {
                r.Add(q, L["A role names a person, or, for an organiser only, an organisation."]);
            }
            if (role.Person is not null && !people.Contains(role.Person))
            {
                r.Add($"{q}.person", L["No person of the document has the id “{0}”.", role.Person]);
            }
            if (role.Organisation is not null && !organisations.Contains(role.Organisation))
            {
                r.Add($"{q}.organisation", L["No organisation of the document has the id “{0}”.", role.Organisation]);
            }
            foreach (var (name, value, max) in new[] { ("title", role.Title, Person.MaxTitle), ("affiliation", role.Affiliation, Person.MaxAffiliation) })
            {
                if (value is null)
                {
                    continue;
                }
                if (role.Person is null || value.Trim().Length == 0 || value.Trim() != value)
                {
                    // Absent means "as the person's current one"; an empty or padded value would read back as something else.
                    r.Add($"{q}.{name}", L["A role's own title or affiliation is a person's, and not empty: leave it out to show the person's current one."]);
                }
                else
                {
                    Text(r, $"{q}.{name}", value, max, line: true);
                }
            }
        }
        foreach (var (name, list) in new[] { ("takeaways", s.Takeaways), ("callsToAction", s.CallsToAction) })
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                Text(r, $"{p}.{name}[{i}].text", list![i].Text, 5_000, required: true);
            }
        }
        if (s.Report is { } report)
        {
            Text(r, $"{p}.report.body", report.Body, 50_000, required: true);
            Text(r, $"{p}.report.keyIssues", report.KeyIssues, SessionReport.MaxSection);
            Text(r, $"{p}.report.presentations", report.Presentations, SessionReport.MaxPresentations);
            Text(r, $"{p}.report.wayForward", report.WayForward, SessionReport.MaxSection);
            Range(r, $"{p}.report.onsiteParticipants", report.OnsiteParticipants, 0, 1_000_000);
            Range(r, $"{p}.report.onlineParticipants", report.OnlineParticipants, 0, 1_000_000);
            Utc(r, $"{p}.report.submittedAt", report.SubmittedAt);
        }
        if (s.GenderReport is { } gender)
        {
            Range(r, $"{p}.genderReport.participantCount", gender.ParticipantCount, 0, 1_000_000);
            Range(r, $"{p}.genderReport.womenAndGenderDiversePercent", gender.WomenAndGenderDiversePercent, 0, 100);
            Range(r, $"{p}.genderReport.womenSpeakers", gender.WomenSpeakers, 0, 10_000);
            Range(r, $"{p}.genderReport.womenModerators", gender.WomenModerators, 0, 10_000);
            Text(r, $"{p}.genderReport.narrative", gender.Narrative, 20_000);
        }
        if (s.Reporting is { } reporting)
        {
            Utc(r, $"{p}.reporting.takeawaysSubmittedAt", reporting.TakeawaysSubmittedAt);
            Utc(r, $"{p}.reporting.takeawaysDueAt", reporting.TakeawaysDueAt);
            Utc(r, $"{p}.reporting.takeawaysExtendedTo", reporting.TakeawaysExtendedTo);
            Utc(r, $"{p}.reporting.reportSubmittedAt", reporting.ReportSubmittedAt);
            Utc(r, $"{p}.reporting.reportDueAt", reporting.ReportDueAt);
            Utc(r, $"{p}.reporting.reportExtendedTo", reporting.ReportExtendedTo);
        }
        if (s.Transcript is { } transcript)
        {
            Required(r, $"{p}.transcript.format", transcript.Format);
            Utc(r, $"{p}.transcript.savedAt", transcript.SavedAt);
            Required(r, $"{p}.transcript.savedAt", transcript.SavedAt);
            if (TranscriptParser.Parse(transcript.Source, L) is { Problem: { } problem })
            {
                r.Add($"{p}.transcript.source", problem);
            }
        }
        CheckTranslations(r, s, p, forum, sections);
    }

    /// <summary>
    /// The session's original language and translations (version 3), against the forum's languages and the session's own
    /// texts as the document has them: each translation must be of a text the session shows, in another of the forum's
    /// languages, once; the messages name the session, since a path's number is hard to find in a long document.
    /// </summary>
    private void CheckTranslations(Refusal r, SessionRecord s, string p, ForumRecord forum, List<string> sections)
    {
        var session = $"{s.Type} #{s.Number}";
        var languages = forum.Languages ?? [];
        var listed = languages.Count == 0 ? "–" : string.Join(", ", languages);
        if (s.OriginalLanguage is not null && Language(forum, s.OriginalLanguage) is null)
        {
            r.Add($"{p}.originalLanguage", L["{0} is written in “{1}”, which is not one of the forum's languages ({2}).", session, s.OriginalLanguage, listed]);
        }
        var original = Language(forum, s.OriginalLanguage) ?? languages.FirstOrDefault() ?? "en";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (s.Translations?.Count ?? 0); i++)
        {
            var q = $"{p}.translations[{i}]";
            if (s.Translations![i] is not { } t)
            {
                r.Add(q, L["Fill in this field."]);
                continue;
            }
            var language = Language(forum, t.Language);
            if (t.Language is null)
            {
                r.Add($"{q}.language", L["Fill in this field."]);
            }
            else if (language is null)
            {
                r.Add($"{q}.language", L["{0} has a translation into “{1}”, which is not one of the forum's languages ({2}): add it to forum.languages, or leave the translation out.",
                    session, t.Language, listed]);
            }
            else if (string.Equals(language, original, StringComparison.OrdinalIgnoreCase))
            {
                r.Add($"{q}.language", L["{0} is written in “{1}”: a translation goes into another of the forum's languages.", session, language]);
            }
            if (t.Part is not { } part || !Enum.IsDefined(part))
            {
                r.Add($"{q}.part", t.Part is null ? L["Fill in this field."] : L["This value is not one Plenary knows here. Allowed: {0}.", string.Join(", ", Enum.GetNames<TranslatedPart>())]);
                continue;
            }
            if (t.Section is not null && part != TranslatedPart.Section)
            {
                r.Add($"{q}.section", L["A translation names a section for the part Section only, and a position for Takeaway and CallToAction only."]);
            }
            if (t.Position is not null && part is not (TranslatedPart.Takeaway or TranslatedPart.CallToAction))
            {
                r.Add($"{q}.position", L["A translation names a section for the part Section only, and a position for Takeaway and CallToAction only."]);
            }
            var reference = "";
            if (part == TranslatedPart.Section)
            {
                // A section whose own text is refused is refused at its own path; the translation of it is not refused again.
                var held = (s.Sections ?? []).Where(x => sections.Contains(x.Key)).Select(x => x.Key).ToList();
                if (t.Section is null)
                {
                    r.Add($"{q}.section", L["Fill in this field."]);
                }
                else if (!held.Contains(t.Section))
                {
                    r.Add($"{q}.section", L["{0} has no text in a record section “{1}” to translate. Its sections with text: {2}.",
                        session, t.Section, held.Count == 0 ? "–" : string.Join(", ", held)]);
                }
                reference = $" {t.Section}";
            }
            else if (part is TranslatedPart.Takeaway or TranslatedPart.CallToAction)
            {
                var count = (part == TranslatedPart.Takeaway ? s.Takeaways : s.CallsToAction)?.Count ?? 0;
                if (t.Position is null)
                {
                    r.Add($"{q}.position", L["Fill in this field."]);
                }
                else if (t.Position < 1 || t.Position > count)
                {
                    r.Add($"{q}.position", part == TranslatedPart.Takeaway
                        ? L["{0} has no key takeaway at position {1}: it has {2}.", session, t.Position, count]
                        : L["{0} has no call to action at position {1}: it has {2}.", session, t.Position, count]);
                }
                reference = $" {t.Position}";
            }
            else if (string.IsNullOrWhiteSpace(part switch
            {
                TranslatedPart.Title => s.Title,
                TranslatedPart.Description => s.Description,
                TranslatedPart.Approach => s.Approach,
                TranslatedPart.ReportKeyIssues => s.Report?.KeyIssues,
                TranslatedPart.ReportPresentations => s.Report?.Presentations,
                TranslatedPart.ReportBody => s.Report?.Body,
                _ => s.Report?.WayForward,
            }))
            {
                r.Add($"{q}.part", L["{0} has no text of its own there, so nothing to translate.", session]);
            }
            Text(r, $"{q}.text", t.Text, SessionTranslation.MaxTextOf(part), required: true, line: part == TranslatedPart.Title);
            if (t.OriginalDigest is null || t.OriginalDigest.Length != 32 || !t.OriginalDigest.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                r.Add($"{q}.originalDigest", L["The original's digest is 32 lowercase hexadecimal characters, as Plenary exports it."]);
            }
            Text(r, $"{q}.translatedBy", t.TranslatedBy, SessionTranslation.MaxTranslator, required: true, line: true);
            Required(r, $"{q}.translatedAt", t.TranslatedAt);
            Utc(r, $"{q}.translatedAt", t.TranslatedAt);
            if (language is not null && !seen.Add($"{language.ToLowerInvariant()} {part}{reference}"))
            {
                r.Add(q, L["“{0}” is in the document twice.", $"{language} {part}{reference}"]);
            }
        }
    }

    /// <summary>The forum's own spelling of a language it has ("ES" finds "es"), so the session page's versions match it; null for another.</summary>
    private static string? Language(ForumRecord forum, string? code) =>
        code is null ? null : forum.Languages?.FirstOrDefault(l => string.Equals(l, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The list's keys, each checked once; a key met twice is refused at its second place.</summary>
    private HashSet<string> Unique<T>(Refusal r, string list, List<T>? items, Func<T, string?> key, string keyName, Action<T, string> check)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var path = $"{list}[{i}]";
            if (items![i] is not { } item)
            {
                r.Add(path, L["Fill in this field."]);
                continue;
            }
            check(item, path);
            if (key(item) is { } k && !seen.Add(k))
            {
                r.Add($"{path}.{keyName}", L["“{0}” is in the document twice.", k]);
            }
        }
        return seen;
    }

    private void Text(Refusal r, string path, string? text, int max, bool required = false, bool line = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                r.Add(path, L["Fill in this field."]);
            }
        }
        else if (text.Length > max)
        {
            r.Add(path, Rules.TooLong(L, max, text.Length));
        }
        else if (line && !SingleLine.Holds(text))
        {
            r.Add(path, SingleLine.Problem(L));
        }
    }

    private void Range(Refusal r, string path, int? value, int min, int max, bool required = false)
    {
        if (value is null ? required : value < min || value > max)
        {
            r.Add(path, L["Enter a whole number from {0} to {1}.", min, max]);
        }
    }

    private void Required<T>(Refusal r, string path, T? value) where T : struct
    {
        if (value is null)
        {
            r.Add(path, L["Fill in this field."]);
        }
    }

    private void Country(Refusal r, string path, string? code)
    {
        if (code is not null && !Countries.Codes.Contains(code))
        {
            r.Add(path, L["“{0}” is not an ISO 3166 country code. Use two letters, such as KE, FR or BR.", code]);
        }
    }

    /// <summary>An instant written with an offset other than Z is read as the machine's local time by .NET: refused, so no instant moves on the way in.</summary>
    private void Utc(Refusal r, string path, DateTime? value)
    {
        if (value is { Kind: not DateTimeKind.Utc })
        {
            r.Add(path, L["Write instants in UTC, ending in Z, such as 2022-11-29T06:30:00Z."]);
        }
    }

    private async Task<ChangeResult<Imported>> WriteAsync(ForumDocument d, ClaimsPrincipal user, CancellationToken cancel)
    {
        var f = d.Forum!;
        var forum = new Forum
        {
            Slug = f.Slug!, Name = f.Name!, Year = f.Year!.Value, Kind = f.Kind ?? ForumKind.Global, Series = f.Series, Theme = f.Theme!, HostCity = f.HostCity!, Venue = f.Venue!, CountryCode = f.Country,
            TimeZoneId = f.TimeZone!, FirstDay = f.FirstDay!.Value, LastDay = f.LastDay!.Value, Languages = f.Languages ?? [], Description = f.Description,
            TakeawaysDueMinutes = f.TakeawaysDueMinutes, ReportDeadline = f.ReportDeadline, ReportReminderHours = f.ReportReminderHours, IsDemo = f.IsDemo == true,
            UsesGdc = f.UsesGdc == true, UsesWsis = f.UsesWsis == true,
            SessionTypes = [.. (d.SessionTypes ?? []).Select((t, i) => new SessionType
            {
                Code = t.Code!, Name = t.Name!, NumberLabel = t.NumberLabel!, DefaultLengthMinutes = t.DefaultLengthMinutes!.Value, Position = i + 1,
            })],
            Subthemes = [.. (d.Subthemes ?? []).Select((s, i) => new Subtheme { Slug = s.Slug!, Name = s.Name!, Position = i + 1 })],
            RecordSections = [.. (d.Sections ?? []).Select((s, i) => new RecordSection
            {
                Slug = s.Slug!, Title = s.Title!, HelpText = string.IsNullOrWhiteSpace(s.Help) ? null : s.Help, InProposalForm = s.InProposalForm == true,
                IsPublic = s.IsPublic != false, Position = i + 1,
            })],
            Rooms = [.. (d.Rooms ?? []).Select((x, i) => new Room
            {
                Name = x.Name!, Layout = x.Layout!.Value, Capacity = x.Capacity!.Value, HasOnlineEquipment = x.HasOnlineEquipment == true, Position = i + 1,
            })],
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        db.Forums.Add(forum);
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException)
        {
            if (!await SlugTakenAsync(forum.Slug, cancel))
            {
                throw;
            }
            // Another import or administrator took the address between the check and the save.
            db.ChangeTracker.Clear();
            return Refusal.Of("forum.slug", L["A forum already uses the address “{0}”.", forum.Slug]);
        }

        var names = (d.Organisations ?? []).Select(o => o.Name!).ToList();
        var known = await db.Organisations.AsTracking().Where(o => names.Contains(o.Name)).ToDictionaryAsync(o => o.Name, StringComparer.Ordinal, cancel);
        var organisations = (d.Organisations ?? []).ToDictionary(o => o.Id!, o => known.GetValueOrDefault(o.Name!) ?? new Organisation
        {
            Name = o.Name!, StakeholderGroup = o.StakeholderGroup, RegionalGroup = o.RegionalGroup, CountryCode = o.Country,
        }, StringComparer.Ordinal);
        var onRecord = await PeopleOnRecordAsync(d.People ?? [], cancel);
        var people = (d.People ?? []).ToDictionary(p => p.Id!, p => onRecord.GetValueOrDefault(p.Id!) ?? new Person
        {
            Honorific = p.Honorific, Name = p.Name!, Title = p.Title, Affiliation = p.Affiliation, StakeholderGroup = p.StakeholderGroup,
            RegionalGroup = p.RegionalGroup, CountryCode = p.Country, TimeZoneId = p.TimeZone,
        }, StringComparer.Ordinal);
        // In the document's order, so people who are alike in every field get their ids in the same order again.
        db.Organisations.AddRange(organisations.Values.Where(o => o.Id == 0));
        db.People.AddRange(people.Values.Where(p => p.Id == 0));

        var types = forum.SessionTypes.ToDictionary(t => t.Code.ToUpperInvariant());
        var subthemes = forum.Subthemes.ToDictionary(s => s.Slug, StringComparer.Ordinal);
        var rooms = forum.Rooms.ToDictionary(x => x.Name, StringComparer.Ordinal);
        var sections = forum.RecordSections.ToDictionary(x => x.Slug, StringComparer.Ordinal);
        var sessions = new List<(Session Session, SessionRecord Record)>();
        foreach (var s in d.Sessions ?? [])
        {
            var session = new Session
            {
                ForumId = forum.Id, Type = types[s.Type!.ToUpperInvariant()], Number = s.Number!.Value, HasNumber = s.HasNumber != false, Title = s.Title!,
                OriginalLanguage = Language(f, s.OriginalLanguage),
                Format = s.Format!.Value, FormatLine = s.FormatLine, Layout = s.Layout, LengthMinutes = s.LengthMinutes!.Value,
                Subtheme = s.Subtheme is null ? null : subthemes[s.Subtheme], Day = s.Day, StartsAt = s.StartsAt, EndsAt = s.EndsAt,
                Room = s.Room is null ? null : rooms[s.Room], Status = s.Status ?? SessionStatus.Scheduled, ScheduleSequence = s.ScheduleSequence ?? 0,
                ExpectedAttendance = s.ExpectedAttendance, Description = s.Description, Approach = s.Approach, SdgText = s.SdgText,
                Tags = [.. (s.Tags ?? []).Select(t => new SessionTag { Tag = t })],
                Sections = [.. (s.Sections ?? []).Select(x => new SessionSection { Section = sections[x.Key], Text = x.Value })],
                Roles = [.. (s.Roles ?? []).Select((x, i) => new SessionRole
                {
                    Kind = x.Kind!.Value, Mode = x.Mode ?? ParticipationMode.Onsite, Position = i + 1,
                    Person = x.Person is null ? null : people[x.Person], Organisation = x.Organisation is null ? null : organisations[x.Organisation],
                    Title = x.Title, Affiliation = x.Affiliation, ToBeConfirmed = x.ToBeConfirmed == true,
                })],
                Takeaways = [.. Outputs(s.Takeaways, TakeawayKind.KeyTakeaway), .. Outputs(s.CallsToAction, TakeawayKind.CallToAction)],
                Report = s.Report is not { } report ? null : new SessionReport
                {
                    Body = report.Body!, KeyIssues = report.KeyIssues, Presentations = report.Presentations, WayForward = report.WayForward,
                    OnsiteParticipants = report.OnsiteParticipants, OnlineParticipants = report.OnlineParticipants, SubmittedAt = report.SubmittedAt,
                },
                GenderReport = s.GenderReport is not { } gender ? null : new GenderReport
                {
                    ParticipantCount = gender.ParticipantCount, WomenAndGenderDiversePercent = gender.WomenAndGenderDiversePercent, WomenSpeakers = gender.WomenSpeakers,
                    WomenModerators = gender.WomenModerators, GenderWasTopic = gender.GenderWasTopic, Narrative = gender.Narrative,
                },
            };
            foreach (var goal in s.Sdgs ?? [])
            {
                session.LinkSdg(goal);
            }
            foreach (var target in s.SdgTargets ?? [])
            {
                session.LinkSdgTarget(sdgs.FindTarget(target)!);
            }
            // Checked above: each code is the framework's, in any case; written as the framework writes it, each once.
            foreach (var (framework, codes) in new[] { (Frameworks.Framework.Gdc, s.Gdc), (Frameworks.Framework.Wsis, s.Wsis) })
            {
                foreach (var code in codes ?? [])
                {
                    session.LinkFramework(frameworks.Find(framework, code)!);
                }
            }
            sessions.Add((session, s));
        }
        db.Sessions.AddRange(sessions.Select(x => x.Session));
        await db.SaveChangesAsync(cancel);

        foreach (var (session, s) in sessions)
        {
            if (s.Reporting is { } reporting)
            {
                db.SessionReporting.Add(new SessionReporting
                {
                    SessionId = session.Id, TakeawaysSubmittedAt = reporting.TakeawaysSubmittedAt, TakeawaysDueAt = reporting.TakeawaysDueAt,
                    TakeawaysExtendedTo = reporting.TakeawaysExtendedTo, ReportSubmittedAt = reporting.ReportSubmittedAt, ReportDueAt = reporting.ReportDueAt,
                    ReportExtendedTo = reporting.ReportExtendedTo,
                });
            }
            // The account does not move between installations; the name says who translated, as it does once an account is deleted.
            db.SessionTranslations.AddRange((s.Translations ?? []).Select(t => new SessionTranslation
            {
                SessionId = session.Id, Language = Language(f, t.Language)!, Part = t.Part!.Value,
                PartId = t.Part == TranslatedPart.Section ? sections[t.Section!].Id : t.Position ?? 0,
                Text = t.Text!, OriginalDigest = t.OriginalDigest!, TranslatedByName = t.TranslatedBy!, TranslatedAt = t.TranslatedAt!.Value,
            }));
            if (s.Transcript is { } transcript)
            {
                var read = TranscriptParser.Parse(transcript.Source, L).Parsed!;
                db.Transcripts.Add(new Transcript
                {
                    SessionId = session.Id, Format = transcript.Format!.Value, Source = transcript.Source!, Turns = read.TurnsJson, SearchText = read.SearchText,
                    SavedAt = transcript.SavedAt!.Value,
                });
            }
        }
        var imported = new Imported(forum, forum.SessionTypes.Count, forum.Subthemes.Count, forum.Rooms.Count, sessions.Count, people.Count, organisations.Count, onRecord.Count);
        db.Record(user, clock, forum.Id, "forum.import", forum.Slug, null, new
        {
            forum.Slug, forum.Name, SessionTypes = imported.SessionTypes, Subthemes = imported.Subthemes, Rooms = imported.Rooms, Sessions = imported.Sessions,
            People = imported.People, PeopleOnRecord = imported.PeopleOnRecord, Organisations = imported.Organisations,
        });
        if (user.AccountId() is { } account)
        {
            db.ForumMembers.Add(new ForumMember { ForumId = forum.Id, AccountId = account, Role = ForumRole.Secretariat, AddedAt = clock.GetUtcNow().UtcDateTime });
        }
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        // The forum's sessions, reports and transcripts came in one transaction: one new segment of the full-text index
        // as large as the forum, which the caller has merged with the rest (SearchIndex.MergeAsync), in the background
        // for the API, so that its answer does not wait for a rewrite of the whole archive's index.
        metrics.Imports.Add(1, new KeyValuePair<string, object?>("kind", "archive"));
        return ChangeResult<Imported>.Done(imported);
    }

    /// <summary>The document's people who are already on record, by their id in the document (see the class's summary).</summary>
    private async Task<Dictionary<string, Person>> PeopleOnRecordAsync(List<PersonRecord> listed, CancellationToken cancel)
    {
        var withAffiliation = listed.Where(p => Duplicates.AffiliationKey(p.Affiliation).Length > 0).ToList();
        if (withAffiliation.Count == 0)
        {
            return [];
        }
        // Folded keys cannot be compared in SQL; a person's public fields are a few short columns, read once.
        var known = (await db.People.Where(p => p.Affiliation != null).ToListAsync(cancel))
            .GroupBy(p => (Duplicates.NameKey(p.Name), Duplicates.AffiliationKey(p.Affiliation)))
            .ToDictionary(g => g.Key, g => g.ToList());
        var found = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var p in withAffiliation)
        {
            var name = Duplicates.NameKey(p.Name!);
            if (name.Length > 0 && known.TryGetValue((name, Duplicates.AffiliationKey(p.Affiliation)), out var same) && same.Count == 1
                && Agrees(same[0].Honorific, p.Honorific) && Agrees(same[0].Title, p.Title) && Agrees(same[0].StakeholderGroup, p.StakeholderGroup)
                && Agrees(same[0].RegionalGroup, p.RegionalGroup) && Agrees(same[0].CountryCode, p.Country)
                && !found.ContainsValue(same[0]))
            {
                found[p.Id!] = same[0];
            }
        }
        db.People.AttachRange(found.Values);
        return found;
    }

    private static bool Agrees<T>(T? recorded, T? listed) => recorded is null || listed is null || EqualityComparer<T>.Default.Equals(recorded, listed);

    private static IEnumerable<Takeaway> Outputs(List<TakeawayRecord>? records, TakeawayKind kind) =>
        (records ?? []).Select((t, i) => new Takeaway { Kind = kind, Position = i + 1, Text = t.Text!, Addressee = t.Addressee });

    /// <summary>Asked on a connection of its own: on PostgreSQL the failed transaction answers nothing more.</summary>
    private async Task<bool> SlugTakenAsync(string slug, CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlenaryDb>().Forums.AnyAsync(f => f.Slug == slug, cancel);
    }
}
