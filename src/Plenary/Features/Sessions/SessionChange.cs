using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Localization;
using Plenary.Features.Forums;
using Plenary.Kernel.Audit;
using Plenary.Features.Rooms;
using Plenary.Features.Sdgs;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sessions;

/// <summary>
/// What a person sends to create or change a session, from the workspace form, the API or a row of sessions.csv.
/// Enumerations and times arrive as text so that a wrong value is named back to the person instead of silently
/// becoming a default. Day and start are local to the forum's time zone, as the programme shows them.
/// </summary>
public sealed class SessionForm
{
    /// <summary>The session type's code; only when creating (the number and URL follow from it).</summary>
    public string? Type { get; set; }

    /// <summary>Only when creating; empty for a session recorded without a number (never an invented "#1").</summary>
    public int? Number { get; set; }
    public string? Title { get; set; }
    public string? Format { get; set; }

    /// <summary>The format line as recorded, when the forum's list lacks it; shown as written.</summary>
    public string? FormatLine { get; set; }

    /// <summary>Empty when nobody asked for a layout.</summary>
    public string? Layout { get; set; }
    public int? LengthMinutes { get; set; }

    /// <summary>A subtheme's slug; empty for none.</summary>
    public string? Subtheme { get; set; }
    public string? Description { get; set; }
    public string? Approach { get; set; }
    public string? SdgText { get; set; }
    public List<int> Sdgs { get; set; } = [];
    public List<string> SdgTargets { get; set; } = [];

    /// <summary>
    /// Global Digital Compact objectives by number ("3"), for a forum that uses the Compact. Null leaves the links as they
    /// are (an API client or a CSV row that does not know the field changes nothing); an empty list removes them.
    /// </summary>
    public List<string>? Gdc { get; set; }

    /// <summary>WSIS action lines by code ("C5"), for a forum that uses them; null leaves them as they are.</summary>
    public List<string>? Wsis { get; set; }

    /// <summary>Each tag whole: a tag may hold commas ("Digital, Media, and Information Literacy").</summary>
    public List<string> Tags { get; set; } = [];
    public string? Status { get; set; }

    /// <summary>
    /// Markdown per record section of the forum, by its slug (policy_questions...). Null leaves every section as it is;
    /// a slug left out leaves that section as it is; an empty text empties it.
    /// </summary>
    public Dictionary<string, string?>? Sections { get; set; }

    /// <summary>
    /// The language the session is written in (BCP 47), one of the forum's languages: its texts are the originals the
    /// translations are made from. Empty leaves it as it is; a session never given one is in the forum's first language.
    /// </summary>
    public string? OriginalLanguage { get; set; }

    /// <summary>
    /// yyyy-MM-dd in the forum's zone; empty for a session not yet in the timetable. A day alone dates a session not
    /// yet timed; a start needs a day, a room needs a start.
    /// </summary>
    public string? Day { get; set; }

    /// <summary>HH:mm in the forum's zone.</summary>
    public string? Start { get; set; }
    public int? RoomId { get; set; }

    /// <summary>
    /// The session's <see cref="Session.Version"/> the form was opened on: a change is refused (409) when the session has
    /// been saved since. Empty in the API to change whatever is stored; never read when creating.
    /// </summary>
    public int? Version { get; set; }

    /// <summary>What a form is checked against: the forum, the session changed (null for a new one), whether the timetable fields count, and whether the rooms' other sessions are looked up for a clash (an import checks its whole file at once instead).</summary>
    public sealed record In(Forum Forum, Session? Existing, bool Timetable, bool Clashes = true);

    /// <summary>The form of a session as recorded: saved back untouched, it changes nothing.</summary>
    public static SessionForm From(Session s, Forum forum) => From(s, forum, ForumClock.For(forum.TimeZoneId));

    private static SessionForm From(Session s, Forum forum, ForumClock clock) => new()
    {
        Type = forum.SessionTypes.FirstOrDefault(t => t.Id == s.TypeId)?.Code, Number = s.HasNumber ? s.Number : null, Title = s.Title, Format = s.Format.ToString(), FormatLine = s.FormatLine,
        Layout = s.Layout?.ToString(), LengthMinutes = s.LengthMinutes, Subtheme = forum.Subthemes.FirstOrDefault(t => t.Id == s.SubthemeId)?.Slug, Description = s.Description, Approach = s.Approach, SdgText = s.SdgText,
        Sdgs = s.Sdgs.Select(g => g.Goal).Order().ToList(), SdgTargets = s.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal).ToList(),
        Tags = s.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(), Status = s.Status.ToString(),
        Gdc = forum.UsesGdc ? Codes(s, Frameworks.Framework.Gdc) : null, Wsis = forum.UsesWsis ? Codes(s, Frameworks.Framework.Wsis) : null,
        Day = (s.StartsAt is { } start ? clock.Day(start) : s.Day)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Start = s.StartsAt is { } at ? clock.Time(at) : null, RoomId = s.RoomId,
        Sections = forum.RecordSections.ToDictionary(section => section.Slug, section => s.Sections.FirstOrDefault(t => t.SectionId == section.Id)?.Text, StringComparer.Ordinal),
        OriginalLanguage = s.OriginalLanguage, Version = s.Version,
    };

    private static List<string> Codes(Session s, Frameworks.Framework framework) =>
        s.FrameworkLinks.Where(l => l.Framework == framework).Select(l => l.Code).Order(StringComparer.Ordinal).ToList();

    /// <summary>The codes sent for a framework; null when the field was left out.</summary>
    public List<string>? CodesFor(Frameworks.Framework framework) => framework == Frameworks.Framework.Gdc ? Gdc : Wsis;

    /// <summary>Trims what is typed around the values, as every way in sends it; the validator then reads the values themselves.</summary>
    public void Tidy()
    {
        Title = Title?.Trim();
        FormatLine = string.IsNullOrWhiteSpace(FormatLine) ? null : FormatLine.Trim();
        Layout = string.IsNullOrWhiteSpace(Layout) ? null : Layout.Trim();
        Tags = Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        SdgTargets = SdgTargets.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        // The form sends an empty value beside its checkboxes so that unticking them all still says "none".
        Gdc = Gdc?.Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Wsis = Wsis?.Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Day = string.IsNullOrWhiteSpace(Day) ? null : Day.Trim();
        Start = string.IsNullOrWhiteSpace(Start) ? null : Start.Trim();
        OriginalLanguage = string.IsNullOrWhiteSpace(OriginalLanguage) ? null : OriginalLanguage.Trim();
    }

    internal static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    internal static bool TryStart(string? text, out TimeOnly start) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out start);
}

/// <summary>
/// The rules of a session, one set whatever the way in: the workspace pages, the API and the CSV import. The forum and
/// the session changed come in the scope (<see cref="SessionForm.In"/>).
/// </summary>
public sealed class SessionFormValidator : AbstractValidator<SessionForm>
{
    public const int MaxTags = 20;
    public const int MaxNumber = 99_999;

    public SessionFormValidator(PlenaryDb db, SdgCatalogue sdgs, Frameworks.FrameworkCatalogue frameworks, IStringLocalizer<SharedResource> L, Timetable.TimetableMoveChange timetableRules)
    {
        RuleFor(f => f.Title ?? "").Field("title")
            .Must(t => t.Length > 0).WithMessage(_ => L["Give the session a title."])
            .OnOneLine(L)
            .Must(t => t.Length <= Session.MaxTitle).WithMessage(_ => L["Shorten the title to at most {0} characters.", Session.MaxTitle]);
        RuleFor(f => f.Format).Field("format").OneOf<SessionForm, SessionFormat>().WithMessage(_ => L["Choose a format from the list."]);
        RuleFor(f => f.FormatLine ?? "").Field("format")
            .OnOneLine(L)
            .AtMost(Session.MaxFormatLine, L);
        RuleFor(f => f.Layout).Field("layout").Must(l => l is null || EnumValue.TryParse<RoomLayout>(l, out _)).WithMessage(_ => L["Choose a layout from the list."]);
        RuleFor(f => f.Subtheme).Field("subtheme")
            .Must((_, slug, context) => slug is not { Length: > 0 } || context.Scope<SessionForm.In>().Forum.Subthemes.Any(s => s.Slug == slug))
            .WithMessage(_ => L["Choose a subtheme from the list."]);
        foreach (var (field, text, max) in new (string, Func<SessionForm, string?>, int)[]
            { ("description", f => f.Description, Session.MaxText), ("approach", f => f.Approach, Session.MaxText), ("sdgtext", f => f.SdgText, Session.MaxSdgText) })
        {
            RuleFor(f => text(f)).Field(field).AtMost(max, L);
        }
        RuleFor(f => f).Field("originalLanguage").Custom((form, context) =>
        {
            var forum = context.Scope<SessionForm.In>().Forum;
            if (form.OriginalLanguage is not null && ForumLanguage(forum, form.OriginalLanguage) is null)
            {
                context.AddFailure("originalLanguage", L["The session's original language must be one of the forum's languages: {0}.", L.List(forum.Languages)]);
            }
        });
        RuleFor(f => f).Field("sections").Custom((form, context) =>
        {
            if (form.Sections is not { } texts)
            {
                return;
            }
            var sections = context.Scope<SessionForm.In>().Forum.RecordSections;
            if (texts.Keys.FirstOrDefault(slug => sections.All(s => s.Slug != slug)) is { } unknown)
            {
                context.AddFailure("sections", sections.Count == 0
                    ? L["This forum has no record section “{0}”: it has no record sections.", Shorten(unknown)]
                    : L["This forum has no record section “{0}”. Its sections are: {1}.", Shorten(unknown), L.List(sections.Select(s => s.Slug))]);
            }
            foreach (var (slug, text) in texts)
            {
                if (SessionChange.SectionText(text) is { Length: > SessionSection.MaxText })
                {
                    context.AddFailure("section-" + slug, Rules.TooLong(L, SessionSection.MaxText));
                }
            }
        });
        RuleFor(f => f.Sdgs).Field("sdgs").Must(goals => goals.All(g => sdgs.FindGoal(g) is not null))
            .WithMessage((_, goals) => L["There is no Sustainable Development Goal {0}: goals are numbered 1 to 17.", goals.First(g => sdgs.FindGoal(g) is null)]);
        RuleFor(f => f.SdgTargets).Field("sdgtargets").Must(targets => targets.All(t => sdgs.FindTarget(t) is not null))
            .WithMessage((_, targets) => L["“{0}” is not an SDG target. Write targets as their official codes, such as 9.c or 17.8.", Shorten(targets.First(t => sdgs.FindTarget(t) is null))]);
        foreach (var framework in Frameworks.FrameworkCatalogue.All)
        {
            var field = Frameworks.FrameworkCatalogue.SlugOf(framework);
            RuleFor(f => f).Field(field).Custom((form, context) =>
            {
                if (form.CodesFor(framework) is not [_, ..] codes)
                {
                    return;
                }
                var forum = context.Scope<SessionForm.In>().Forum;
                var info = frameworks[framework];
                if (!forum.Uses(framework))
                {
                    context.AddFailure(field, L["This forum does not link its sessions to the {0}. The Secretariat can choose it in the forum's settings.", info.Name(CultureInfo.CurrentUICulture.Name)]);
                }
                else if (codes.FirstOrDefault(c => frameworks.Find(framework, c) is null) is { } unknown)
                {
                    context.AddFailure(field, L["“{0}” is not in the {1}. Use one of: {2}.", Shorten(unknown), info.Name(CultureInfo.CurrentUICulture.Name), L.List(info.Items.Select(i => i.Code))]);
                }
            });
        }
        RuleFor(f => f.Tags).Field("tags")
            .Must(tags => tags.All(SingleLine.Holds)).WithMessage(_ => SingleLine.Problem(L))
            .Must(tags => tags.Count <= MaxTags && tags.All(t => t.Length <= SessionTag.MaxTag))
            .WithMessage(_ => L["Use at most {0} tags of at most {1} characters each.", MaxTags, SessionTag.MaxTag])
            // sessions.csv separates tags with semicolons: a tag holding one would come back from an export as two.
            .Must(tags => tags.All(t => !t.Contains(';'))).WithMessage(_ => L["A tag may not hold a semicolon, which separates tags in sessions.csv."]);

        When((_, context) => context.Scope<SessionForm.In>().Timetable, () =>
        {
            When((_, context) => context.Scope<SessionForm.In>().Existing is null, () =>
            {
                RuleFor(f => f.Type).Field("type")
                    .Must((_, code, context) => TypeOf(context.Scope<SessionForm.In>().Forum, code) is not null)
                    .WithMessage(_ => L["Choose a session type from the list."]);
                RuleFor(f => f.Number).Field("number")
                    .Must(n => n is null or (>= 1 and <= MaxNumber))
                    .WithMessage(_ => L["Enter a number from 1 to {0}, or leave it empty for a session without a number.", MaxNumber]);
                RuleFor(f => f).Field("").CustomAsync(async (form, context, cancel) =>
                {
                    if (form.Number is { } n and >= 1 and <= MaxNumber && TypeOf(context.Scope<SessionForm.In>().Forum, form.Type) is { } type
                        && await db.Sessions.AnyAsync(s => s.ForumId == type.ForumId && s.TypeId == type.Id && s.HasNumber && s.Number == n, cancel))
                    {
                        context.AddFailure("number", L["{0} already exists. Choose another number, or leave it empty for a session without a number.", type.Numbered(n)]);
                    }
                });
            });
            RuleFor(f => f.LengthMinutes).Field("length").Must(m => m is >= 5 and <= 480).WithMessage(_ => L["Enter the length in minutes, from {0} to {1}.", 5, 480]);
            RuleFor(f => f.Status).Field("status").OneOf<SessionForm, SessionStatus>().WithMessage(_ => L["Choose a status from the list."]);
            RuleFor(f => f).Field("").CustomAsync(async (form, context, cancel) =>
            {
                var scope = context.Scope<SessionForm.In>();
                var forum = scope.Forum;
                var dayOk = SessionForm.TryDay(form.Day, out var day) && day >= forum.FirstDay && day <= forum.LastDay;
                var startOk = SessionForm.TryStart(form.Start, out var start);
                var room = forum.Rooms.FirstOrDefault(r => r.Id == form.RoomId);
                // A day alone dates a session; a start needs its day; a room needs a day and a start.
                if ((form.Day is not null && !dayOk) || (form.Day is null && form.Start is not null))
                {
                    context.AddFailure("day", L["Choose a day of the forum, from {0} to {1}.", forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), forum.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
                }
                if ((form.Start is not null && !startOk) || (form.Start is null && form.RoomId is not null))
                {
                    context.AddFailure("start", L["Enter the start time as HH:MM in the forum's time, for example 14:30."]);
                }
                else if (dayOk && startOk && ForumClock.For(forum.TimeZoneId).Unclear(day, start, L) is { } unclear)
                {
                    context.AddFailure("start", unclear);
                    return;
                }
                if (form.RoomId is not null && room is null)
                {
                    context.AddFailure("room", L["Choose a room from the list."]);
                }
                if (form.Start is null || !dayOk || !startOk || room is null || form.LengthMinutes is not (>= 5 and <= 480)
                    || !EnumValue.TryParse<SessionStatus>(form.Status, out var status) || status != SessionStatus.Scheduled)
                {
                    return;
                }
                var (startsAt, endsAt) = SessionChange.Times(forum, day, start, form.LengthMinutes.Value);
                var selfId = scope.Existing?.Id ?? 0;
                var clash = !scope.Clashes ? null : await db.Sessions
                    .Where(s => s.ForumId == forum.Id && s.RoomId == room.Id && s.Id != selfId && s.Status == SessionStatus.Scheduled
                        && s.StartsAt < endsAt && s.EndsAt > startsAt)
                    .Select(s => new { s.Type.NumberLabel, s.Type.Name, s.Number, s.HasNumber, s.StartsAt })
                    .FirstOrDefaultAsync(cancel);
                if (clash is not null)
                {
                    var clock = ForumClock.For(forum.TimeZoneId);
                    context.AddFailure("start", L["{0} already holds {1} at {2}. Choose another time or room.", room.Name,
                        clash.HasNumber ? $"{clash.NumberLabel} #{clash.Number}" : clash.Name, clock.Time(clash.StartsAt!.Value)]);
                }
                else if (scope.Clashes && scope.Existing is { } existing
                    && await timetableRules.RefusalsAsync(forum, existing, day, start, room.Id, form.LengthMinutes.Value, cancel) is [_, ..] refusals)
                {
                    // The forum's other blocking timetable rules (equipment, availability, ...) refuse the move the same way.
                    context.AddFailure("start", string.Join(" ", refusals));
                }
            });
        });
    }

    /// <summary>The forum's own spelling of one of its languages, whatever the case it was sent in; null for another language.</summary>
    internal static string? ForumLanguage(Forum forum, string? language) =>
        forum.Languages.FirstOrDefault(l => string.Equals(l, language?.Trim(), StringComparison.OrdinalIgnoreCase));

    internal static SessionType? TypeOf(Forum forum, string? code) =>
        forum.SessionTypes.FirstOrDefault(t => string.Equals(t.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;
}

/// <summary>Checks a <see cref="SessionForm"/> against the forum and applies it. One set of rules for the pages, the API and the import.</summary>
public sealed class SessionChange(PlenaryDb db, SdgCatalogue sdgs, Frameworks.FrameworkCatalogue frameworks, TimeProvider clock, IValidator<SessionForm> validator, IStringLocalizer<SharedResource> L)
{
    public const int MaxTitle = Session.MaxTitle;
    public const int MaxText = Session.MaxText;
    public const int MaxSdgText = Session.MaxSdgText;
    public const int MaxTags = SessionFormValidator.MaxTags;
    public const int MaxTagLength = SessionTag.MaxTag;

    /// <summary>
    /// The field-by-field problems of a form (empty when it can be saved). <paramref name="timetable"/> is true for the
    /// Secretariat, who also sets type, length, status, day, start and room; for an organiser those fields are ignored.
    /// </summary>
    public Task<Refusal> CheckAsync(Forum forum, Session? existing, SessionForm form, bool timetable, CancellationToken cancel, bool clashes = true)
    {
        form.Tidy();
        return validator.CheckAsync(form, new SessionForm.In(forum, existing, timetable, clashes), cancel);
    }

    /// <summary>
    /// Checks, applies, audits and publishes a change to a tracked session; the session, or why not. A form opened on an
    /// older version than the one stored is refused as stale (<see cref="Refusal.Stale"/>, 409) and nothing is written:
    /// saved, it would put back what someone else changed meanwhile, even in fields the person never touched.
    /// </summary>
    public async Task<ChangeResult<Session>> ChangeAsync(Forum forum, Session session, SessionForm form, bool timetable, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (form.Version is { } opened && opened != session.Version)
        {
            return await MeanwhileAsync(forum, session, cancel);
        }
        if (await CheckAsync(forum, session, form, timetable, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var before = Snapshot(session);
        var originalBefore = ContentLanguage.OriginalOf(session, forum);
        Apply(forum, session, form, timetable);
        var after = Snapshot(session);
        var changed = System.Text.Json.JsonSerializer.Serialize(before) != System.Text.Json.JsonSerializer.Serialize(after);
        // A form saved as it was loaded changes nothing, and says so to nobody: no audit entry of a change that is none.
        if (changed)
        {
            db.Record(user, clock, forum.Id, "session.change", session.Key, before, after);
        }
        // The original's language is logged as the translations page logs it, so one history tells who chose which.
        var original = ContentLanguage.OriginalOf(session, forum);
        if (original != originalBefore)
        {
            db.Record(user, clock, forum.Id, "session.language", session.Key, new { original = originalBefore }, new { original });
            changed = true;
        }
        if (changed)
        {
            try
            {
                await db.SaveChangesAsync(cancel);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Saved by someone else between this request's read and its write: the concurrency token refuses it.
                return await MeanwhileAsync(forum, session, cancel);
            }
        }
        return ChangeResult<Session>.Done(session);
    }

    /// <summary>Someone else saved the session meanwhile: nothing is written, and the refusal names who and when, if the audit log knows.</summary>
    private async Task<Refusal> MeanwhileAsync(Forum forum, Session session, CancellationToken cancel)
    {
        var key = session.Key;
        db.ChangeTracker.Clear();
        // The person's name rather than the address the log keeps: an organiser is told who, not how to write to them.
        var last = await (from e in db.AuditLog
                          where e.ForumId == forum.Id && e.Subject == key
                          orderby e.Id descending
                          select new { e.At, Name = (from a in db.Users join p in db.People on a.PersonId equals p.Id where a.Id == e.AccountId select p.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(cancel);
        if (last is { Name: { } name })
        {
            var zone = ForumClock.For(forum.TimeZoneId);
            var at = $"{zone.Day(last.At).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {zone.Time(last.At)}";
            return Refusal.Meanwhile(L["{0} saved this session at {1} (the forum's time) while you were editing it, so your changes are not saved yet. They are still in the form below; the version saved meanwhile is shown beside it. Compare the two, then save again to keep yours.", name, at]);
        }
        return Refusal.Meanwhile(L["Someone else saved this session while you were editing it, so your changes are not saved yet. They are still in the form below; the version saved meanwhile is shown beside it. Compare the two, then save again to keep yours."]);
    }

    /// <summary>Checks, creates, audits and publishes a new session (the Secretariat's); its key, or why not.</summary>
    public async Task<ChangeResult<string>> CreateAsync(Forum forum, SessionForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (await CheckAsync(forum, null, form, timetable: true, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var type = SessionFormValidator.TypeOf(forum, form.Type)!;
        var session = new Session
        {
            ForumId = forum.Id, TypeId = type.Id, Title = form.Title!, HasNumber = form.Number is not null,
            Number = form.Number ?? await NextNumberAsync(forum.Id, type.Id, cancel),
        };
        Apply(forum, session, form, timetable: true);
        // The forum's types are read untracked: linked by id only, so the type is not inserted again.
        var key = SessionKey.Format(type.Code, session.Number);
        db.Sessions.Add(session);
        db.Record(user, clock, forum.Id, "session.create", key, null, Snapshot(session));
        if (session.OriginalLanguage is { } original)
        {
            db.Record(user, clock, forum.Id, "session.language", key, null, new { original });
        }
        await db.SaveChangesAsync(cancel);
        return ChangeResult<string>.Done(key);
    }

    /// <summary>Writes a checked form into the session: a new one, or one loaded with its SDGs and tags.</summary>
    public void Apply(Forum forum, Session session, SessionForm form, bool timetable)
    {
        session.Title = form.Title!;
        session.Format = Enum.Parse<SessionFormat>(form.Format!);
        session.FormatLine = form.FormatLine;
        session.Layout = form.Layout is null ? null : Enum.Parse<RoomLayout>(form.Layout);
        session.SubthemeId = forum.Subthemes.FirstOrDefault(s => s.Slug == form.Subtheme)?.Id;
        session.Description = Blank(form.Description);
        session.Approach = Blank(form.Approach);
        session.SdgText = Blank(form.SdgText);
        // Set only when it changes what the session is read as: a session left without one stays in the forum's first language.
        if (SessionFormValidator.ForumLanguage(forum, form.OriginalLanguage) is { } language && language != ContentLanguage.OriginalOf(session, forum))
        {
            session.OriginalLanguage = language;
        }
        session.SdgTargets.RemoveAll(t => !form.SdgTargets.Contains(t.TargetCode));
        session.Sdgs.RemoveAll(g => !form.Sdgs.Contains(g.Goal) && form.SdgTargets.All(t => sdgs.FindTarget(t)!.Goal != g.Goal));
        foreach (var goal in form.Sdgs.Distinct())
        {
            session.LinkSdg(goal);
        }
        foreach (var target in form.SdgTargets)
        {
            session.LinkSdgTarget(sdgs.FindTarget(target)!);
        }
        foreach (var framework in Frameworks.FrameworkCatalogue.All)
        {
            if (form.CodesFor(framework) is not { } codes)
            {
                continue;
            }
            var items = codes.Select(c => frameworks.Find(framework, c)!).ToList();
            session.FrameworkLinks.RemoveAll(l => l.Framework == framework && items.All(i => i.Code != l.Code));
            foreach (var item in items)
            {
                session.LinkFramework(item);
            }
        }
        session.Tags.RemoveAll(t => !form.Tags.Contains(t.Tag));
        session.Tags.AddRange(form.Tags.Where(t => session.Tags.All(x => x.Tag != t)).Select(t => new SessionTag { Tag = t }));
        foreach (var (slug, text) in form.Sections ?? [])
        {
            var section = forum.RecordSections.First(s => s.Slug == slug);
            var value = SectionText(text);
            var held = session.Sections.FirstOrDefault(t => t.SectionId == section.Id);
            if (value is null)
            {
                if (held is not null)
                {
                    session.Sections.Remove(held);
                }
            }
            else if (held is null)
            {
                session.Sections.Add(new SessionSection { SectionId = section.Id, Text = value });
            }
            else
            {
                held.Text = value;
            }
        }
        if (!timetable)
        {
            return;
        }
        session.LengthMinutes = form.LengthMinutes!.Value;
        session.Status = Enum.Parse<SessionStatus>(form.Status!);
        session.RoomId = form.RoomId;
        if (form.Day is null)
        {
            (session.Day, session.StartsAt, session.EndsAt) = (null, null, null);
            return;
        }
        var day = DateOnly.ParseExact(form.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (form.Start is null)
        {
            (session.Day, session.StartsAt, session.EndsAt) = (day, null, null);
            return;
        }
        var start = TimeOnly.ParseExact(form.Start, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture);
        session.Day = null;
        (session.StartsAt, session.EndsAt) = Times(forum, day, start, session.LengthMinutes);
    }

    /// <summary>The next free number of a session type in the forum.</summary>
    public async Task<int> NextNumberAsync(int forumId, int typeId, CancellationToken cancel) =>
        (await db.Sessions.Where(s => s.ForumId == forumId && s.TypeId == typeId).MaxAsync(s => (int?)s.Number, cancel) ?? 0) + 1;

    /// <summary>The session as the audit log keeps it.</summary>
    public static object Snapshot(Session s) => new
    {
        s.Title, Format = s.Format.ToString(), s.FormatLine, Layout = s.Layout?.ToString(), s.LengthMinutes, s.SubthemeId, Status = s.Status.ToString(),
        s.Day, s.StartsAt, s.EndsAt, s.RoomId, s.Description, s.Approach, s.SdgText,
        Sdgs = s.Sdgs.Select(g => g.Goal).Order().ToList(), SdgTargets = s.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal).ToList(),
        Tags = s.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(),
        Frameworks = s.FrameworkLinks.OrderBy(l => l.Framework).ThenBy(l => l.Code, StringComparer.Ordinal).Select(l => Frameworks.FrameworkCatalogue.SlugOf(l.Framework) + ":" + l.Code).ToList(),
        Sections = s.Sections.OrderBy(t => t.SectionId).Select(t => new { t.SectionId, t.Text }).ToList(),
    };

    internal static (DateTime Start, DateTime End) Times(Forum forum, DateOnly day, TimeOnly start, int minutes)
    {
        var startsAt = ForumClock.For(forum.TimeZoneId).ToUtc(day, start);
        return (startsAt, startsAt.AddMinutes(minutes));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A section's text as stored: trimmed, its lines ending as the browser's CR LF never comes back from an export; null when empty.</summary>
    public static string? SectionText(string? text) => Blank(text)?.ReplaceLineEndings("\n");
}
