using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Kernel.Audit;
using Plenary.Features.Rooms;
using Plenary.Features.Sdgs;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sessions;

/// <summary>
/// What a person sends to create or change a session, from the workspace form or the API. Enumerations and times
/// arrive as text so that a wrong value is named back to the person instead of silently becoming a default.
/// Day and start are local to the forum's time zone, as the programme shows them.
/// </summary>
public sealed class SessionForm
{
    /// <summary>The session type's code; only when creating (the number and URL follow from it).</summary>
    public string? Type { get; set; }

    /// <summary>Only when creating; empty takes the next free number of the type.</summary>
    public int? Number { get; set; }
    public string? Title { get; set; }
    public string? Format { get; set; }
    public string? Layout { get; set; }
    public int? LengthMinutes { get; set; }

    /// <summary>A subtheme's slug; empty for none.</summary>
    public string? Subtheme { get; set; }
    public string? Description { get; set; }
    public string? Approach { get; set; }
    public string? SdgText { get; set; }
    public List<int> Sdgs { get; set; } = [];
    public List<string> SdgTargets { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public string? Status { get; set; }

    /// <summary>yyyy-MM-dd in the forum's zone; day, start and room are all empty for a session not yet in the timetable.</summary>
    public string? Day { get; set; }

    /// <summary>HH:mm in the forum's zone.</summary>
    public string? Start { get; set; }
    public int? RoomId { get; set; }

    public static SessionForm From(Session s, ForumClock clock) => new()
    {
        Type = s.Type.Code, Number = s.Number, Title = s.Title, Format = s.Format.ToString(), Layout = s.Layout.ToString(),
        LengthMinutes = s.LengthMinutes, Subtheme = s.Subtheme?.Slug, Description = s.Description, Approach = s.Approach, SdgText = s.SdgText,
        Sdgs = s.Sdgs.Select(g => g.Goal).Order().ToList(), SdgTargets = s.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal).ToList(),
        Tags = s.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(), Status = s.Status.ToString(),
        Day = s.StartsAt is { } start ? clock.Day(start).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        Start = s.StartsAt is { } at ? clock.Time(at) : null, RoomId = s.RoomId,
    };
}

/// <summary>Checks a <see cref="SessionForm"/> against the forum and applies it. One set of rules for the pages and the API.</summary>
public sealed class SessionChange(PlenaryDb db, SdgCatalogue sdgs, TimeProvider clock, IStringLocalizer<SharedResource> L,
    Timetable.TimetableMoveChange timetableRules)
{
    public const int MaxTitle = Session.MaxTitle;
    public const int MaxText = Session.MaxText;
    public const int MaxSdgText = Session.MaxSdgText;
    public const int MaxTags = 20;
    public const int MaxTagLength = SessionTag.MaxTag;

    /// <summary>
    /// The field-by-field problems of a form (empty when it can be saved). <paramref name="timetable"/> is true for the
    /// Secretariat, who also sets type, length, status, day, start and room; for an organiser those fields are ignored.
    /// </summary>
    public async Task<Dictionary<string, string>> CheckAsync(Forum forum, Session? existing, SessionForm form, bool timetable, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string>();
        form.Title = form.Title?.Trim();
        form.Tags = form.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        SingleLine.Check(errors, L, ("title", form.Title), ("tags", string.Join(",", form.Tags)));
        if (string.IsNullOrEmpty(form.Title))
        {
            errors["title"] = L["Give the session a title."];
        }
        else if (form.Title.Length > MaxTitle)
        {
            errors.TryAdd("title", L["Shorten the title to at most {0} characters.", MaxTitle]);
        }
        if (!EnumValue.TryParse<SessionFormat>(form.Format, out var format))
        {
            errors["format"] = L["Choose a format from the list."];
        }
        if (!EnumValue.TryParse<RoomLayout>(form.Layout, out var layout))
        {
            errors["layout"] = L["Choose a layout from the list."];
        }
        if (form.Subtheme is { Length: > 0 } slug && forum.Subthemes.All(s => s.Slug != slug))
        {
            errors["subtheme"] = L["Choose a subtheme from the list."];
        }
        foreach (var (field, text, max) in new[] { ("description", form.Description, MaxText), ("approach", form.Approach, MaxText), ("sdgtext", form.SdgText, MaxSdgText) })
        {
            if (text is { } t && t.Length > max)
            {
                errors[field] = L["Shorten this to at most {0} characters.", max];
            }
        }
        if (form.Sdgs.Where(g => sdgs.FindGoal(g) is null).Take(1).ToList() is [var badGoal])
        {
            errors["sdgs"] = L["There is no Sustainable Development Goal {0}: goals are numbered 1 to 17.", badGoal];
        }
        form.SdgTargets = form.SdgTargets.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        if (form.SdgTargets.FirstOrDefault(t => sdgs.FindTarget(t) is null) is { } badTarget)
        {
            errors["sdgtargets"] = L["“{0}” is not an SDG target. Write targets as their official codes, such as 9.c or 17.8.", Shorten(badTarget)];
        }
        if (form.Tags.Count > MaxTags || form.Tags.Any(t => t.Length > MaxTagLength))
        {
            errors["tags"] = L["Use at most {0} tags of at most {1} characters each.", MaxTags, MaxTagLength];
        }
        if (timetable)
        {
            await CheckTimetableAsync(forum, existing, form, errors, cancel);
        }
        return errors;
    }

    private async Task CheckTimetableAsync(Forum forum, Session? existing, SessionForm form, Dictionary<string, string> errors, CancellationToken cancel)
    {
        if (existing is null)
        {
            var type = forum.SessionTypes.FirstOrDefault(t => string.Equals(t.Code, form.Type?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (type is null)
            {
                errors["type"] = L["Choose a session type from the list."];
            }
            else if (form.Number is { } number)
            {
                if (number is < 1 or > 99_999)
                {
                    errors["number"] = L["Enter a number from 1 to {0}, or leave it empty for the next free one.", 99_999];
                }
                else if (await db.Sessions.AnyAsync(s => s.ForumId == forum.Id && s.TypeId == type.Id && s.Number == number, cancel))
                {
                    errors["number"] = L["{0} already exists. Leave the number empty for the next free one.", type.Numbered(number)];
                }
            }
        }
        if (form.LengthMinutes is not (>= 5 and <= 480))
        {
            errors["length"] = L["Enter the length in minutes, from {0} to {1}.", 5, 480];
        }
        if (!EnumValue.TryParse<SessionStatus>(form.Status, out var status))
        {
            errors["status"] = L["Choose a status from the list."];
        }
        form.Day = form.Day?.Trim();
        form.Start = form.Start?.Trim();
        var placed = !string.IsNullOrEmpty(form.Day) || !string.IsNullOrEmpty(form.Start) || form.RoomId is not null;
        if (!placed)
        {
            return;
        }
        if (!DateOnly.TryParseExact(form.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day < forum.FirstDay || day > forum.LastDay)
        {
            errors["day"] = L["Choose a day of the forum, from {0} to {1}.", forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), forum.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
        }
        if (!TimeOnly.TryParseExact(form.Start, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            errors["start"] = L["Enter the start time as HH:MM in the forum's time, for example 14:30."];
        }
        var room = forum.Rooms.FirstOrDefault(r => r.Id == form.RoomId);
        if (room is null)
        {
            errors["room"] = L["Choose a room from the list."];
        }
        if (errors.ContainsKey("day") || errors.ContainsKey("start") || room is null || errors.ContainsKey("length"))
        {
            return;
        }
        var (startsAt, endsAt) = Times(forum, day, start, form.LengthMinutes!.Value);
        var selfId = existing?.Id ?? 0;
        var clash = await db.Sessions
            .Where(s => s.ForumId == forum.Id && s.RoomId == room.Id && s.Id != selfId && s.Status == SessionStatus.Scheduled
                && s.StartsAt < endsAt && s.EndsAt > startsAt)
            .Select(s => new { s.Type.NumberLabel, s.Number, s.StartsAt })
            .FirstOrDefaultAsync(cancel);
        if (clash is not null && status == SessionStatus.Scheduled)
        {
            var clock = ForumClock.For(forum.TimeZoneId);
            errors["start"] = L["{0} already holds {1} at {2}. Choose another time or room.", room.Name, $"{clash.NumberLabel} #{clash.Number}", clock.Time(clash.StartsAt!.Value)];
        }
        else if (existing is not null && status == SessionStatus.Scheduled
            && await timetableRules.RefusalsAsync(forum, existing, day, start, room.Id, form.LengthMinutes.Value, cancel) is [_, ..] refusals)
        {
            // The forum's other blocking timetable rules (equipment, availability, ...) refuse the move the same way.
            errors["start"] = string.Join(" ", refusals);
        }
    }

    /// <summary>Checks, applies, audits and publishes a change to a tracked session; the problems when it cannot be saved.</summary>
    public async Task<Dictionary<string, string>> ChangeAsync(Forum forum, Session session, SessionForm form, bool timetable, ClaimsPrincipal user, CancellationToken cancel)
    {
        var errors = await CheckAsync(forum, session, form, timetable, cancel);
        if (errors.Count > 0)
        {
            return errors;
        }
        var before = Snapshot(session);
        var calendarBefore = Schedule.CalendarEvent.Fingerprint(session);
        Apply(forum, session, form, timetable);
        if (Schedule.CalendarEvent.Fingerprint(session) != calendarBefore)
        {
            session.ScheduleSequence++;
        }
        db.Record(user, clock, forum.Id, "session.change", session.Key, before, Snapshot(session));
        await db.SaveChangesAsync(cancel);
        return errors;
    }

    /// <summary>Checks, creates, audits and publishes a new session (the Secretariat's); its key, or the problems.</summary>
    public async Task<(string? Key, Dictionary<string, string> Errors)> CreateAsync(Forum forum, SessionForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        var errors = await CheckAsync(forum, null, form, timetable: true, cancel);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var type = forum.SessionTypes.First(t => string.Equals(t.Code, form.Type!.Trim(), StringComparison.OrdinalIgnoreCase));
        var session = new Session
        {
            ForumId = forum.Id, TypeId = type.Id, Title = form.Title!,
            Number = form.Number ?? await NextNumberAsync(forum.Id, type.Id, cancel),
        };
        Apply(forum, session, form, timetable: true);
        // The forum's types are read untracked: linked by id only, so the type is not inserted again.
        var key = SessionKey.Format(type.Code, session.Number);
        db.Sessions.Add(session);
        db.Record(user, clock, forum.Id, "session.create", key, null, Snapshot(session));
        await db.SaveChangesAsync(cancel);
        return (key, errors);
    }

    /// <summary>Writes a checked form into the session: a new one, or one loaded with its SDGs and tags.</summary>
    public void Apply(Forum forum, Session session, SessionForm form, bool timetable)
    {
        session.Title = form.Title!;
        session.Format = Enum.Parse<SessionFormat>(form.Format!);
        session.Layout = Enum.Parse<RoomLayout>(form.Layout!);
        session.SubthemeId = forum.Subthemes.FirstOrDefault(s => s.Slug == form.Subtheme)?.Id;
        session.Description = Blank(form.Description);
        session.Approach = Blank(form.Approach);
        session.SdgText = Blank(form.SdgText);
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
        session.Tags.RemoveAll(t => !form.Tags.Contains(t.Tag));
        session.Tags.AddRange(form.Tags.Where(t => session.Tags.All(x => x.Tag != t)).Select(t => new SessionTag { Tag = t }));
        if (!timetable)
        {
            return;
        }
        session.LengthMinutes = form.LengthMinutes!.Value;
        session.Status = Enum.Parse<SessionStatus>(form.Status!);
        if (string.IsNullOrEmpty(form.Day))
        {
            (session.StartsAt, session.EndsAt, session.RoomId) = (null, null, null);
            return;
        }
        var day = DateOnly.ParseExact(form.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var start = TimeOnly.ParseExact(form.Start!, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture);
        (session.StartsAt, session.EndsAt) = Times(forum, day, start, session.LengthMinutes);
        session.RoomId = form.RoomId;
    }

    /// <summary>The next free number of a session type in the forum.</summary>
    public async Task<int> NextNumberAsync(int forumId, int typeId, CancellationToken cancel) =>
        (await db.Sessions.Where(s => s.ForumId == forumId && s.TypeId == typeId).MaxAsync(s => (int?)s.Number, cancel) ?? 0) + 1;

    /// <summary>The session as the audit log keeps it.</summary>
    public static object Snapshot(Session s) => new
    {
        s.Title, Format = s.Format.ToString(), Layout = s.Layout.ToString(), s.LengthMinutes, s.SubthemeId, Status = s.Status.ToString(),
        s.StartsAt, s.EndsAt, s.RoomId, s.Description, s.Approach, s.SdgText,
        Sdgs = s.Sdgs.Select(g => g.Goal).Order().ToList(), SdgTargets = s.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal).ToList(),
        Tags = s.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(),
    };

    private static (DateTime Start, DateTime End) Times(Forum forum, DateOnly day, TimeOnly start, int minutes)
    {
        var startsAt = ForumClock.For(forum.TimeZoneId).ToUtc(day, start);
        return (startsAt, startsAt.AddMinutes(minutes));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
