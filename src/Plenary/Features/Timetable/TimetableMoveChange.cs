using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Kernel.Audit;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Timetable;

/// <summary>Where a session goes on the grid, as the timetable's move form posts it; no day, start and room takes it off the grid.</summary>
public sealed class TimetableMoveForm
{
    public string? Day { get; set; }
    public string? Start { get; set; }
    public int? RoomId { get; set; }
    public int? Expected { get; set; }

    public bool Unplaces => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Start) && RoomId is null;

    public static DateOnly? DayOf(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static TimeOnly? TimeOf(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>The placement once the form's validator passed it.</summary>
    public Placement PlacementOf() => new(DayOf(Day)!.Value, TimeOf(Start)!.Value.Hour * 60 + TimeOf(Start)!.Value.Minute, RoomId!.Value);
}

/// <summary>Checked against the forum (its days and rooms), handed as the scope.</summary>
public sealed class TimetableMoveFormValidator : AbstractValidator<TimetableMoveForm>
{
    public TimetableMoveFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Expected).Field("expected").Must(e => e is not (< 0 or > 1_000_000))
            .WithMessage(_ => L["Enter the expected attendance as a number from 0 to {0}, or leave it empty.", 1_000_000]);
        When(f => !f.Unplaces, () =>
        {
            RuleFor(f => f.Day).Field("day")
                .Must((_, day, context) =>
                {
                    var forum = context.Scope<Forum>();
                    context.MessageFormatter.AppendArgument("Days", L["Choose a day of the forum, from {0} to {1}.", ForumForm.Day(forum.FirstDay), ForumForm.Day(forum.LastDay)].Value);
                    return TimetableMoveForm.DayOf(day) is { } d && d >= forum.FirstDay && d <= forum.LastDay;
                })
                .WithMessage("{Days}");
            RuleFor(f => f.Start).Field("start").Must(t => TimetableMoveForm.TimeOf(t) is not null)
                .WithMessage(_ => L["Enter the start time as HH:MM in the forum's time, for example 14:30."]);
            RuleFor(f => f.Start).Field("start").Custom((start, context) =>
            {
                if (TimetableMoveForm.DayOf(context.InstanceToValidate.Day) is { } day && TimetableMoveForm.TimeOf(start) is { } time
                    && ForumClock.For(context.Scope<Forum>().TimeZoneId).Unclear(day, time, L) is { } unclear)
                {
                    context.AddFailure("start", unclear);
                }
            });
            RuleFor(f => f.RoomId).Field("room").Must((_, room, context) => context.Scope<Forum>().Rooms.Any(r => r.Id == room))
                .WithMessage(_ => L["Choose a room from the list."]);
        });
    }
}

/// <summary>Moves one session on the grid, refused with the rule's message when a blocking rule would be broken.</summary>
public sealed class TimetableMoveChange(PlenaryDb db, IValidator<TimetableMoveForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    /// <summary>The blocking warnings the session would cause at <paramref name="at"/> (empty when it may go there).</summary>
    public async Task<List<Warning>> BlockingAsync(Forum forum, int sessionId, Placement? at, int? expected, CancellationToken cancel, int? lengthMinutes = null)
    {
        var snapshot = await TimetableLoad.SnapshotAsync(db, forum, cancel);
        snapshot = snapshot.WithSessions(snapshot.Sessions
            .Select(s => s.Id == sessionId ? s with { ExpectedAttendance = expected, LengthMinutes = lengthMinutes ?? s.LengthMinutes } : s).ToList());
        var placements = new Dictionary<int, Placement>(snapshot.Placements);
        placements.Remove(sessionId);
        if (at is { } where)
        {
            placements[sessionId] = where;
        }
        return TimetableRules.Check(snapshot.With(placements), L)
            .Where(w => w.Severity == Severity.Block && w.SessionIds.Contains(sessionId)).ToList();
    }

    /// <summary>
    /// The session edit page's check: the blocking rules other than the room clash it checks itself, for a session placed at
    /// a forum-local day and start; the messages, or none.
    /// </summary>
    public async Task<List<string>> RefusalsAsync(Forum forum, Sessions.Session session, DateOnly day, TimeOnly start, int roomId, int lengthMinutes, CancellationToken cancel) =>
        (await BlockingAsync(forum, session.Id, new Placement(day, start.Hour * 60 + start.Minute, roomId), session.ExpectedAttendance, cancel, lengthMinutes))
            .Where(w => w.Rule != TimetableRule.RoomClash).Select(w => w.Message).Distinct().ToList();

    /// <summary>Checks and saves a move; the session moved, or why not by field.</summary>
    public async Task<ChangeResult<Session>> MoveAsync(Forum forum, int sessionId, string? day, string? start, int? roomId, int? expected, ClaimsPrincipal user, CancellationToken cancel)
    {
        var session = await db.Sessions.AsTracking().Include(s => s.Type).FirstOrDefaultAsync(s => s.Id == sessionId && s.ForumId == forum.Id, cancel);
        if (session is null)
        {
            return Refusal.Of("", L["There is no such session in this forum."]);
        }
        var form = new TimetableMoveForm { Day = day, Start = start, RoomId = roomId, Expected = expected };
        if (await validator.CheckAsync(form, forum, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var at = form.Unplaces ? (Placement?)null : form.PlacementOf();
        if (session.Status == SessionStatus.Scheduled && await BlockingAsync(forum, sessionId, at, expected, cancel) is [_, ..] blocking)
        {
            return Refusal.Of("start", string.Join(" ", blocking.Select(w => w.Message).Distinct()));
        }
        var before = new { session.StartsAt, session.RoomId, session.ExpectedAttendance };
        session.ExpectedAttendance = expected;
        var zone = ForumClock.For(forum.TimeZoneId);
        if (at is { } where)
        {
            session.StartsAt = zone.ToUtc(where.Day, new TimeOnly(where.Start / 60, where.Start % 60));
            session.EndsAt = session.StartsAt.Value.AddMinutes(session.LengthMinutes);
            session.RoomId = where.RoomId;
        }
        else
        {
            (session.StartsAt, session.EndsAt, session.RoomId) = (null, null, null);
        }
        db.Record(user, clock, forum.Id, "timetable.move", session.Key, before, new { session.StartsAt, session.RoomId, session.ExpectedAttendance });
        await db.SaveChangesAsync(cancel);
        return ChangeResult<Session>.Done(session);
    }
}
