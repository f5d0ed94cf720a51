using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Manage;
using Plenary.Features.Registrations;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;

namespace Plenary.Features.Certificates;

/// <summary>One session on a certificate: attended (onsite or online), spoken at, or both.</summary>
/// <param name="Label">As the session's page names it: "Workshop #12", or the type's name for a session without a number.</param>
public sealed record AttendedSession(int Id, string Key, string Label, string Title, DateTime StartsAt, bool Attended, bool Spoke);

/// <summary>
/// Who attended what: onsite from the room check-ins (a check-in in a room during a session, or up to
/// <see cref="ArriveBefore"/> before it, counts for that session), online from <see cref="OnlinePresence"/>, which the live
/// page, the join link and the meeting platform's report write through <see cref="RecordOnlineAsync"/> and
/// <see cref="ImportAsync"/>; spoken at from the person's session roles. One reading for the participant's page, the PDF
/// and the Secretariat's list.
/// </summary>
public sealed class Attendance(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public static readonly TimeSpan ArriveBefore = TimeSpan.FromMinutes(15);

    /// <summary>Ten minutes in a session's meeting is being there; a glance at the link is not.</summary>
    public static readonly TimeSpan MinimumStay = TimeSpan.FromMinutes(10);

    public const string FileName = "attendance.csv";
    public static readonly string[] Columns = ["email", "session", "room", "joined", "left"];

    /// <summary>The roles in which a person takes the floor: the certificate says they spoke.</summary>
    public static readonly SessionRoleKind[] SpeakingRoles =
    [
        SessionRoleKind.Speaker, SessionRoleKind.Presenter, SessionRoleKind.Moderator, SessionRoleKind.OnsiteModerator,
        SessionRoleKind.OnlineModerator, SessionRoleKind.FloorModerator,
    ];

    /// <summary>
    /// Notes that the signed-in person follows the session online now. Only an approved online or remote-hub registrant
    /// of the session's forum counts, and only while the session is on (from when its way in opens to its end): opening the
    /// page a day later is reading, not attending. True when a new presence was written.
    /// </summary>
    public async Task<bool> RecordOnlineAsync(Session session, int accountId, PresenceSource source, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (session.Status != SessionStatus.Scheduled || session.StartsAt is not { } starts || session.EndsAt is not { } ends
            || now < starts - JoinLinkChange.OpensBefore || now > ends)
        {
            return false;
        }
        // One query for both facts: the live page asks this on every view while the session is on.
        var registration = await db.Registrations
            .Where(r => r.ForumId == session.ForumId && r.AccountId == accountId && r.Status == RegistrationStatus.Approved && r.Mode != AttendanceMode.Onsite)
            .Select(r => new { r.Id, Seen = db.OnlinePresences.Any(p => p.RegistrationId == r.Id && p.SessionId == session.Id) })
            .FirstOrDefaultAsync(cancel);
        if (registration is not { Seen: false, Id: var id })
        {
            return false;
        }
        db.OnlinePresences.Add(new OnlinePresence { ForumId = session.ForumId, RegistrationId = id, SessionId = session.Id, SeenAt = now, Source = source });
        try
        {
            await db.SaveChangesAsync(cancel);
            return true;
        }
        catch (DbUpdateException)
        {
            // The same person's other tab wrote it first: one presence is all there is to record.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Whether anything of the registration's attendance is on record: a check-in anywhere, or a presence online.</summary>
    public async Task<bool> AttendedAnyAsync(int registrationId, CancellationToken cancel) =>
        await db.CheckIns.AnyAsync(c => c.RegistrationId == registrationId, cancel)
        || await db.OnlinePresences.AnyAsync(p => p.RegistrationId == registrationId, cancel);

    /// <summary>The sessions attended or spoken at, in time order.</summary>
    public async Task<List<AttendedSession>> SessionsAsync(Registration registration, CancellationToken cancel)
    {
        var sessions = db.Sessions.Where(s => s.ForumId == registration.ForumId && s.Status == SessionStatus.Scheduled && s.StartsAt != null && s.EndsAt != null);
        var checkIns = await db.CheckIns.Where(c => c.RegistrationId == registration.Id && c.RoomId != null).Select(c => new { c.RoomId, c.At }).ToListAsync(cancel);
        var rooms = checkIns.Select(c => c.RoomId).Distinct().ToList();
        var inRooms = await sessions.Where(s => rooms.Contains(s.RoomId)).Select(s => new { s.Id, s.RoomId, s.StartsAt, s.EndsAt }).ToListAsync(cancel);
        var attended = inRooms.Where(s => checkIns.Any(c => c.RoomId == s.RoomId && c.At >= s.StartsAt!.Value - ArriveBefore && c.At < s.EndsAt)).Select(s => s.Id).ToHashSet();
        attended.UnionWith(await db.OnlinePresences.Where(p => p.RegistrationId == registration.Id).Select(p => p.SessionId).ToListAsync(cancel));
        // A person holds few roles: read them all and keep the speaking ones here, rather than send an enum list to both engines.
        var spoke = (await db.SessionRoles.Where(r => r.PersonId == registration.PersonId && !r.ToBeConfirmed)
            .Select(r => new { r.SessionId, r.Kind }).ToListAsync(cancel)).Where(r => SpeakingRoles.Contains(r.Kind)).Select(r => r.SessionId).ToHashSet();
        var ids = attended.Union(spoke).ToList();
        var rows = await sessions.Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, Type = s.Type.Code, TypeName = s.Type.Name, s.Type.NumberLabel, s.Number, s.HasNumber, s.Title, s.StartsAt }).ToListAsync(cancel);
        return rows.Select(s => new AttendedSession(s.Id, SessionKey.Format(s.Type, s.Number), s.HasNumber ? $"{s.NumberLabel} #{s.Number}" : s.TypeName, s.Title, s.StartsAt!.Value,
                attended.Contains(s.Id), spoke.Contains(s.Id)))
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
    }

    public sealed record ImportOutcome(int Lines, int Recorded, int AlreadyKnown, List<CsvProblem> Problems);

    /// <summary>
    /// Reads the online platform's attendance report: one line per person and session (<c>session</c>: its key, as in
    /// its address, "ws-12"), or per person and room meeting (<c>room</c> and the <c>joined</c> and <c>left</c> times, in the
    /// forum's time unless an offset is given), which counts for every session of that room they stayed at least
    /// <see cref="MinimumStay"/> in. People are matched by the e-mail of their registration. Good lines are recorded even when
    /// others are not; every bad line is named with its reason. Audited with its counts.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(Forum forum, byte[] file, ClaimsPrincipal user, CancellationToken cancel)
    {
        var (rows, problems) = CsvFiles.Read(FileName, file, Columns, L, ["email"]);
        if (problems.Count > 0)
        {
            return new ImportOutcome(0, 0, 0, problems);
        }
        var zone = ForumClock.For(forum.TimeZoneId);
        var registrations = await (from r in db.Registrations
                                   join a in db.Users on r.AccountId equals a.Id
                                   where r.ForumId == forum.Id
                                   select new { r.Id, r.Status, r.Mode, Email = a.NormalizedEmail! }).ToListAsync(cancel);
        var byEmail = registrations.ToDictionary(r => r.Email, StringComparer.Ordinal);
        var sessions = await db.Sessions.Where(s => s.ForumId == forum.Id && s.Status == SessionStatus.Scheduled && s.StartsAt != null && s.EndsAt != null)
            .Select(s => new { s.Id, Type = s.Type.Code, s.Number, s.RoomId, StartsAt = s.StartsAt!.Value, EndsAt = s.EndsAt!.Value }).ToListAsync(cancel);
        var known = (await db.OnlinePresences.Where(p => p.ForumId == forum.Id).Select(p => new { p.RegistrationId, p.SessionId }).ToListAsync(cancel))
            .Select(p => (p.RegistrationId, p.SessionId)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        int recorded = 0, already = 0;
        foreach (var row in rows)
        {
            void Problem(string column, string message) => problems.Add(new CsvProblem(FileName, row.Number, column, message));
            string Cell(string column) => row.Cells.TryGetValue(column, out var v) ? v.Trim() : "";
            var email = Cell("email");
            if (email.Length == 0)
            {
                Problem("email", L["Give the participant's e-mail address."]);
                continue;
            }
            if (!byEmail.TryGetValue(email.ToUpperInvariant(), out var registration))
            {
                Problem("email", L["No registration for this forum has the e-mail address {0}.", email]);
                continue;
            }
            if (registration.Status != RegistrationStatus.Approved)
            {
                Problem("email", L["The registration of {0} is not approved.", email]);
                continue;
            }
            List<int> found;
            if (Cell("session") is { Length: > 0 } key)
            {
                var normal = key.Replace(" #", "-", StringComparison.Ordinal).Replace(' ', '-').Replace("#", "", StringComparison.Ordinal);
                if (!SessionKey.TryParse(normal, out var type, out var number) || sessions.FirstOrDefault(s => s.Type == type && s.Number == number) is not { } session)
                {
                    Problem("session", L["No session of the forum's timetable is {0}. Give its key as in its address, for example ws-12.", key]);
                    continue;
                }
                found = [session.Id];
            }
            else
            {
                var roomName = Cell("room");
                var room = forum.Rooms.FirstOrDefault(r => string.Equals(r.Name, roomName, StringComparison.OrdinalIgnoreCase));
                if (room is null)
                {
                    Problem(roomName.Length == 0 ? "session" : "room", roomName.Length == 0
                        ? L["Give the session, or the room with the times joined and left."]
                        : L["The forum has no room named {0}.", roomName]);
                    continue;
                }
                if (ReadTime(Cell("joined"), zone) is not { } joined || ReadTime(Cell("left"), zone) is not { } left || left <= joined)
                {
                    Problem("joined", L["Give the times joined and left as YYYY-MM-DD HH:MM (in the forum's time) or with their offset, the time left after the time joined."]);
                    continue;
                }
                found = sessions.Where(s => s.RoomId == room.Id
                        && (Min(left, s.EndsAt) - Max(joined, s.StartsAt) >= (s.EndsAt - s.StartsAt < MinimumStay ? s.EndsAt - s.StartsAt : MinimumStay)))
                    .Select(s => s.Id).ToList();
                if (found.Count == 0)
                {
                    Problem("joined", L["No session was on in {0} for at least {1} minutes between these times.", room.Name, (int)MinimumStay.TotalMinutes]);
                    continue;
                }
            }
            foreach (var session in found)
            {
                if (!known.Add((registration.Id, session)))
                {
                    already++;
                    continue;
                }
                db.OnlinePresences.Add(new OnlinePresence { ForumId = forum.Id, RegistrationId = registration.Id, SessionId = session, SeenAt = now, Source = PresenceSource.PlatformReport });
                recorded++;
            }
        }
        db.Record(user, clock, forum.Id, "attendance.import", FileName, null, new { Lines = rows.Count, Recorded = recorded, AlreadyKnown = already, Refused = problems.Count });
        await db.SaveChangesAsync(cancel);
        return new ImportOutcome(rows.Count, recorded, already, problems);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime? ReadTime(string text, ForumClock zone)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (text.EndsWith('Z') || (text.Length > 16 && text[^6] is '+' or '-'))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? instant.UtcDateTime : null;
        }
        return DateTime.TryParseExact(text.Replace('T', ' '), ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? zone.ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local))
            : null;
    }
}
