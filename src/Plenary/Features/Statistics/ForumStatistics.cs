using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Messages;
using Plenary.Features.People;
using Plenary.Features.Registrations;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Statistics;

/// <summary>
/// One row of a figure: <see cref="Key"/> names the group as stored ("Government", a country code, a session type's code,
/// an SDG's number), or <see cref="FigureKeys.Other"/> for small groups merged, <see cref="FigureKeys.NotStated"/> for people
/// who did not say. A null value is a count of 1 to 4 people, withheld (<see cref="SmallGroups"/>).
/// </summary>
public sealed record FigureRow(string Key, IReadOnlyList<int?> Values);

/// <summary>
/// A table of the statistics: its id (also the CSV's file name), the keys of its columns, its rows, and whether it counts
/// people (then <see cref="SmallGroups"/> applies) or sessions.
/// </summary>
public sealed record Figure(string Id, IReadOnlyList<string> Columns, IReadOnlyList<FigureRow> Rows, bool CountsPeople);

public static class FigureKeys
{
    public const string Other = "other";
    public const string NotStated = "not-stated";
}

/// <summary>
/// The rule that keeps anyone from being singled out in figures about people: a group of fewer than <see cref="Threshold"/>
/// people (by the table's first column) is never shown on its own but counted with the other small groups under "other";
/// and any number of people from 1 to <see cref="Threshold"/> − 1 that is still left (the merged row, a column of a shown
/// group) is withheld and shown as "fewer than 5". Applied wherever the figures go: the page, the CSV files and the API.
/// </summary>
public static class SmallGroups
{
    public const int Threshold = 5;

    public static IReadOnlyList<FigureRow> Suppress(IEnumerable<(string Key, int[] Values)> rows)
    {
        var kept = new List<(string Key, int[] Values)>();
        int[]? other = null;
        foreach (var (key, values) in rows)
        {
            if (values[0] >= Threshold)
            {
                kept.Add((key, values));
                continue;
            }
            other ??= new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                other[i] += values[i];
            }
        }
        // A merged figure under the threshold could still be worked out as the total less the groups shown, so the smallest
        // groups shown join it until it reaches the threshold: then no subtraction gives fewer than 5 of any one group.
        while (other is not null && other[0] is > 0 and < Threshold && kept.Count > 0)
        {
            var smallest = kept.MinBy(k => k.Values[0]);
            kept.Remove(smallest);
            for (var i = 0; i < other.Length; i++)
            {
                other[i] += smallest.Values[i];
            }
        }
        if (other is not null && other[0] > 0)
        {
            kept.Add((FigureKeys.Other, other));
        }
        return kept.Select(r => new FigureRow(r.Key, r.Values.Select(v => v is > 0 and < Threshold ? (int?)null : v).ToList())).ToList();
    }
}

/// <param name="Id">Its slug, used as the key of its row in <see cref="ForumStatistics.Editions"/>.</param>
public sealed record Edition(string Id, string Name, int Year);

/// <summary>
/// The forum in figures, computed in one place for the statistics page, its CSV files, the API and the outcome document.
/// <see cref="Summary"/> is the outcome document's figures; the tables are the statistics page's.
/// </summary>
/// <param name="ProgrammeSessions">The sessions of the public programme, cancelled ones included, as the programme lists and counts them.</param>
/// <param name="CancelledSessions">Those of them cancelled; the tables of the programme count the others.</param>
/// <param name="SessionsByFramework">Sessions by GDC objective and by WSIS action line, for the frameworks the forum uses only.</param>
public sealed record ForumStatistics(
    int ProgrammeSessions, int CancelledSessions, OutcomeFigures Summary,
    Figure ByStakeholder, Figure ByRegion, Figure ByCountry, Figure ByGender, Figure FirstTime,
    Figure SessionsByType, Figure SessionsBySubtheme, Figure SessionsBySdg, Figure SessionsByFormat, Figure SpeakersByMode,
    Figure SpeakersByGender, Figure SpeakersByStakeholder, Figure SpeakersByRegion, Figure Reporting,
    Figure Editions, IReadOnlyList<Edition> EditionNames, IReadOnlyList<Figure> SessionsByFramework)
{
    /// <summary>"sessions-by-gdc", "sessions-by-wsis": the figure of a framework's sessions, as its CSV file and the API name it.</summary>
    public static string FrameworkFigureId(Frameworks.Framework framework) => "sessions-by-" + Frameworks.FrameworkCatalogue.SlugOf(framework);

    /// <summary>The columns of the registration tables.</summary>
    public static readonly string[] AttendanceColumns = ["registered", "approved", "checked-in", "online", "remote-hubs", "hub-headcount"];

    public IEnumerable<Figure> All =>
    [
        ByStakeholder, ByRegion, ByCountry, ByGender, FirstTime, SessionsByType, SessionsBySubtheme, SessionsBySdg, .. SessionsByFramework, SessionsByFormat, SpeakersByMode,
        SpeakersByGender, SpeakersByStakeholder, SpeakersByRegion, Reporting, Editions,
    ];

    public Figure? Find(string? id) => All.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// Sessions held: scheduled (not cancelled) and ended. The programme: the public sessions (all of them before the first
    /// release of the timetable, else those of the latest release), here without the cancelled ones.
    /// </summary>
    internal static IQueryable<int> Held(PlenaryDb db, int forumId, DateTime now) => HeldOf(db.Sessions.Where(s => s.ForumId == forumId), now).Select(s => s.Id);

    private static IQueryable<Session> HeldOf(IQueryable<Session> sessions, DateTime now) =>
        sessions.Where(s => s.Status == SessionStatus.Scheduled && s.EndsAt != null && s.EndsAt <= now);

    internal static IQueryable<Session> Programme(PlenaryDb db, int forumId) =>
        Releases.PublishedTimetable.PublicSessions(db, forumId).Where(s => s.Status != SessionStatus.Cancelled);

    private static readonly SessionRoleKind[] Moderators =
        [SessionRoleKind.Moderator, SessionRoleKind.OnsiteModerator, SessionRoleKind.OnlineModerator, SessionRoleKind.FloorModerator];

    /// <summary>
    /// The outcome document's figures. Participants onsite and online are the sums of the counts the session reports of
    /// sessions held give, each with the number of reports that gave it: a report without a count adds nothing, and is not
    /// counted as reporting. The other definitions are on <see cref="OutcomeFigures"/>.
    /// </summary>
    public static async Task<OutcomeFigures> SummaryAsync(PlenaryDb db, Forum forum, DateTime now, CancellationToken cancel)
    {
        var held = Held(db, forum.Id, now);
        var sessionsHeld = await held.CountAsync(cancel);
        var reports = await db.SessionReports.Where(r => held.Contains(r.SessionId))
            .GroupBy(r => 1)
            .Select(g => new
            {
                Reports = g.Count(),
                Onsite = g.Count(r => r.OnsiteParticipants != null), OnsiteSum = g.Sum(r => r.OnsiteParticipants ?? 0),
                Online = g.Count(r => r.OnlineParticipants != null), OnlineSum = g.Sum(r => r.OnlineParticipants ?? 0),
            })
            .FirstOrDefaultAsync(cancel);
        var gender = await db.GenderReports.Where(r => held.Contains(r.SessionId) && r.ParticipantCount > 0 && r.WomenAndGenderDiversePercent != null)
            .Select(r => new { Count = r.ParticipantCount!.Value, Percent = r.WomenAndGenderDiversePercent!.Value }).ToListAsync(cancel);
        var weighed = gender.Sum(g => (long)g.Count);
        int? women = weighed == 0 ? null : (int)Math.Round(gender.Sum(g => (double)g.Count * g.Percent) / weighed, MidpointRounding.AwayFromZero);
        var registrations = await Attendance(db, forum.Id).ToListAsync(cancel);
        var speakers = await SpeakersAsync(db, held, SessionRoleKind.Speaker, cancel);
        var sdgs = await db.SessionSdgs.Where(g => held.Contains(g.SessionId)).GroupBy(g => g.Goal)
            .Select(g => new { Goal = g.Key, Count = g.Count() }).ToListAsync(cancel);
        return new OutcomeFigures(
            sessionsHeld, reports?.Reports ?? 0, reports?.Onsite ?? 0, reports?.OnsiteSum ?? 0, reports?.Online ?? 0, reports?.OnlineSum ?? 0,
            registrations.Count(r => r.CheckedIn), registrations.Count(r => r.Approved && r.Mode == AttendanceMode.Online),
            registrations.Where(r => r.Approved && r.Mode == AttendanceMode.RemoteHub).Sum(r => r.HubHeadcount ?? 0),
            women, gender.Count, speakers.Count,
            PeopleBy(speakers, s => s.StakeholderGroup?.ToString(), Enum.GetNames<StakeholderGroup>()),
            PeopleBy(speakers, s => s.RegionalGroup?.ToString(), Enum.GetNames<RegionalGroup>()),
            sdgs.OrderBy(g => g.Goal).Select(g => new Share<int>(g.Goal, g.Count)).ToList());
    }

    private sealed record Registrant(int PersonId, bool Approved, AttendanceMode Mode, int? HubHeadcount, StakeholderGroup? StakeholderGroup,
        RegionalGroup? RegionalGroup, string? CountryCode, Gender? Gender, bool CheckedIn);

    private sealed record RolePerson(int PersonId, StakeholderGroup? StakeholderGroup, RegionalGroup? RegionalGroup, Gender? Gender);

    /// <summary>A forum's registrations with what the tables count, in one query; checked in means at least one arrival read at the venue.</summary>
    private static IQueryable<Registrant> Attendance(PlenaryDb db, int forumId) =>
        db.Registrations.Where(r => r.ForumId == forumId).Select(r => new Registrant(r.PersonId, r.Status == RegistrationStatus.Approved, r.Mode, r.HubHeadcount,
            r.StakeholderGroup, r.RegionalGroup, r.CountryCode, r.Gender, db.CheckIns.Any(c => c.RegistrationId == r.Id)));

    /// <summary>The distinct people holding one of <paramref name="kinds"/> in the sessions given, with their groups as their profile says.</summary>
    private static Task<List<RolePerson>> SpeakersAsync(PlenaryDb db, IQueryable<int> sessions, SessionRoleKind kind, CancellationToken cancel) =>
        RolePeopleAsync(db, sessions, [kind], cancel);

    private static Task<List<RolePerson>> RolePeopleAsync(PlenaryDb db, IQueryable<int> sessions, SessionRoleKind[] kinds, CancellationToken cancel)
    {
        var ids = db.SessionRoles.Where(r => kinds.Contains(r.Kind) && r.PersonId != null && sessions.Contains(r.SessionId)).Select(r => r.PersonId!.Value).Distinct();
        return db.People.Where(p => ids.Contains(p.Id)).Select(p => new RolePerson(p.Id, p.StakeholderGroup, p.RegionalGroup, p.Gender)).ToListAsync(cancel);
    }

    /// <summary>Counts people by a group, in the order given (the enum's), "not stated" last, small groups merged.</summary>
    private static IReadOnlyList<FigureRow> PeopleBy<T>(IReadOnlyCollection<T> people, Func<T, string?> group, IReadOnlyList<string> order)
    {
        var counts = people.GroupBy(group).ToDictionary(g => g.Key ?? FigureKeys.NotStated, g => g.Count());
        return SmallGroups.Suppress(order.Append(FigureKeys.NotStated).Where(counts.ContainsKey).Select(k => (k, new[] { counts[k] })));
    }

    public static async Task<ForumStatistics> ComputeAsync(PlenaryDb db, Forum forum, DateTime now, IEnumerable<int> publishedForums, CancellationToken cancel)
    {
        var summary = await SummaryAsync(db, forum, now, cancel);
        var registrants = await Attendance(db, forum.Id).ToListAsync(cancel);

        Figure AttendanceBy(string id, Func<Registrant, string?> group, IEnumerable<string> order)
        {
            var groups = registrants.GroupBy(r => group(r) ?? FigureKeys.NotStated).ToDictionary(g => g.Key);
            var keys = order.Append(FigureKeys.NotStated).Where(groups.ContainsKey).Concat(groups.Keys.Except(order).Where(k => k != FigureKeys.NotStated).Order(StringComparer.Ordinal)).Distinct();
            return new Figure(id, AttendanceColumns, SmallGroups.Suppress(keys.Select(k => (k, AttendanceRow(groups[k])))), true);
        }
        static int[] AttendanceRow(IEnumerable<Registrant> rows)
        {
            var list = rows.ToList();
            return
            [
                list.Count, list.Count(r => r.Approved), list.Count(r => r.CheckedIn), list.Count(r => r.Approved && r.Mode == AttendanceMode.Online),
                list.Count(r => r.Approved && r.Mode == AttendanceMode.RemoteHub), list.Where(r => r.Approved && r.Mode == AttendanceMode.RemoteHub).Sum(r => r.HubHeadcount ?? 0),
            ];
        }
        // Countries by number of registrations, most first, so the table reads like the IGF's "from 170 countries".
        var byCountry = registrants.Where(r => r.CountryCode is not null).GroupBy(r => r.CountryCode!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();

        // Returning: registered at, or spoke at, a forum of this installation that began before this one.
        var first = forum.FirstDay;
        var earlier = db.Forums.Where(f => f.FirstDay < first && f.Id != forum.Id).Select(f => f.Id);
        var returning = (await db.Registrations.Where(r => r.ForumId == forum.Id
                && (db.Registrations.Any(o => o.PersonId == r.PersonId && earlier.Contains(o.ForumId))
                    || db.SessionRoles.Any(sr => sr.PersonId == r.PersonId && db.Sessions.Any(s => s.Id == sr.SessionId && earlier.Contains(s.ForumId)))))
            .Select(r => r.PersonId).ToListAsync(cancel)).ToHashSet();
        var firstTime = SmallGroups.Suppress(registrants.GroupBy(r => returning.Contains(r.PersonId) ? "returning" : "first-time")
            .OrderBy(g => g.Key == "returning").Select(g => (g.Key, new[] { g.Count(), g.Count(r => r.CheckedIn) })));

        // The programme.
        var programme = Programme(db, forum.Id);
        var listed = await Releases.PublishedTimetable.PublicSessions(db, forum.Id).CountAsync(cancel);
        var sessions = await programme.Select(s => new { s.Id, s.TypeId, s.SubthemeId, s.Format }).ToListAsync(cancel);
        var goals = await db.SessionSdgs.Where(g => programme.Any(s => s.Id == g.SessionId)).GroupBy(g => g.Goal)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancel);
        // As the programme's gdc= and wsis= filters find them: a session linked to the item, in a framework the forum uses.
        var used = forum.UsedFrameworks.ToList();
        var items = await db.SessionFrameworkLinks.Where(l => used.Contains(l.Framework) && programme.Any(s => s.Id == l.SessionId))
            .GroupBy(l => new { l.Framework, l.Code }).Select(g => new { g.Key.Framework, g.Key.Code, Count = g.Count() }).ToListAsync(cancel);
        Figure SessionsBy(string id, IEnumerable<(string Key, int Count)> rows) =>
            new(id, ["sessions"], rows.Where(r => r.Count > 0).Select(r => new FigureRow(r.Key, [r.Count])).ToList(), false);
        var byType = sessions.GroupBy(s => s.TypeId).ToDictionary(g => g.Key, g => g.Count());
        var bySubtheme = sessions.GroupBy(s => s.SubthemeId ?? 0).ToDictionary(g => g.Key, g => g.Count());
        var programmeIds = programme.Select(s => s.Id);
        var speakerRoles = await db.SessionRoles.Where(r => r.Kind == SessionRoleKind.Speaker && r.PersonId != null && programmeIds.Contains(r.SessionId))
            .Select(r => new { PersonId = r.PersonId!.Value, r.Mode }).Distinct().ToListAsync(cancel);

        // Speakers and moderators of the sessions held, as the outcome document counts speakers.
        var held = Held(db, forum.Id, now);
        var speakers = await SpeakersAsync(db, held, SessionRoleKind.Speaker, cancel);
        var moderators = await RolePeopleAsync(db, held, Moderators, cancel);
        Figure RolesBy(string id, Func<RolePerson, string?> group, IReadOnlyList<string> order)
        {
            var s = speakers.GroupBy(p => group(p) ?? FigureKeys.NotStated).ToDictionary(g => g.Key, g => g.Count());
            var m = moderators.GroupBy(p => group(p) ?? FigureKeys.NotStated).ToDictionary(g => g.Key, g => g.Count());
            var keys = order.Append(FigureKeys.NotStated).Where(k => s.ContainsKey(k) || m.ContainsKey(k));
            // A group is merged by the larger of its two counts, so neither column can single anyone out.
            var rows = SmallGroups.Suppress(keys.Select(k => (k, new[] { Math.Max(s.GetValueOrDefault(k), m.GetValueOrDefault(k)), s.GetValueOrDefault(k), m.GetValueOrDefault(k) })));
            return new Figure(id, ["speakers", "moderators"], rows.Select(r => new FigureRow(r.Key, r.Values.Skip(1).ToList())).ToList(), true);
        }

        // Takeaways against the deadline the compliance dashboard uses.
        var compliance = await ReportCompliance.LoadAsync(db, forum, now, cancel);
        var reporting = new Figure("reporting", ["takeaways"],
            new[] { (OutputState.OnTime, "on-time"), (OutputState.Late, "late"), (OutputState.Missing, "missing"), (OutputState.NotDue, "not-due") }
                .Select(s => new FigureRow(s.Item2, [compliance.Count(c => c.Takeaways == s.Item1)])).ToList(), false);

        var (editions, names) = await EditionsAsync(db, forum, now, publishedForums, cancel);
        var genders = Enum.GetNames<Gender>();
        return new ForumStatistics(
            listed, listed - sessions.Count, summary,
            AttendanceBy("registrations-by-stakeholder-group", r => r.StakeholderGroup?.ToString(), Enum.GetNames<StakeholderGroup>()),
            AttendanceBy("registrations-by-regional-group", r => r.RegionalGroup?.ToString(), Enum.GetNames<RegionalGroup>()),
            AttendanceBy("registrations-by-country", r => r.CountryCode, byCountry),
            AttendanceBy("registrations-by-gender", r => r.Gender?.ToString(), genders),
            new Figure("first-time", ["registered", "checked-in"], firstTime, true),
            SessionsBy("sessions-by-type", forum.SessionTypes.OrderBy(t => t.Position).Select(t => (t.Code, byType.GetValueOrDefault(t.Id)))),
            SessionsBy("sessions-by-subtheme", forum.Subthemes.OrderBy(t => t.Position).Select(t => (t.Slug, bySubtheme.GetValueOrDefault(t.Id)))
                .Append((FigureKeys.NotStated, sessions.Count(s => s.SubthemeId is null || forum.Subthemes.All(t => t.Id != s.SubthemeId))))),
            SessionsBy("sessions-by-sdg", goals.OrderBy(g => g.Key).Select(g => (g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Count))),
            SessionsBy("sessions-by-format", Enum.GetValues<SessionFormat>().Select(f => (f.ToString(), sessions.Count(s => s.Format == f)))),
            new Figure("speakers-by-mode", ["speakers"], SmallGroups.Suppress(Enum.GetValues<ParticipationMode>()
                .Select(m => (m.ToString(), new[] { speakerRoles.Where(r => r.Mode == m).Select(r => r.PersonId).Distinct().Count() })).Where(r => r.Item2[0] > 0)), true),
            RolesBy("speakers-by-gender", p => p.Gender?.ToString(), genders),
            RolesBy("speakers-by-stakeholder-group", p => p.StakeholderGroup?.ToString(), Enum.GetNames<StakeholderGroup>()),
            RolesBy("speakers-by-regional-group", p => p.RegionalGroup?.ToString(), Enum.GetNames<RegionalGroup>()),
            reporting, editions, names,
            used.Select(f => SessionsBy(FrameworkFigureId(f), Frameworks.FrameworkCatalogue.Codes(f)
                .Select(code => (code, items.Where(i => i.Framework == f && i.Code == code).Sum(i => i.Count))))).ToList());
    }

    /// <summary>
    /// The same key figures for every edition of the forum's series whose statistics are published, and this one, oldest
    /// first: grouped queries over all of them, and one count of the programme per edition (each has its own release).
    /// </summary>
    private static async Task<(Figure, IReadOnlyList<Edition>)> EditionsAsync(PlenaryDb db, Forum forum, DateTime now, IEnumerable<int> published, CancellationToken cancel)
    {
        var shown = published.Append(forum.Id).ToList();
        var editions = forum.Series is { } series
            ? await db.Forums.Where(f => f.Series == series && shown.Contains(f.Id)).OrderBy(f => f.Year).ThenBy(f => f.FirstDay).ThenBy(f => f.Id)
                .Select(f => new { f.Id, f.Slug, f.Name, f.Year }).ToListAsync(cancel)
            : [new { forum.Id, forum.Slug, forum.Name, forum.Year }];
        var ids = editions.Select(e => e.Id).ToList();
        var registered = await db.Registrations.Where(r => ids.Contains(r.ForumId)).GroupBy(r => r.ForumId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancel);
        var checkedIn = (await db.CheckIns.Where(c => ids.Contains(c.ForumId)).Select(c => new { c.ForumId, c.RegistrationId }).Distinct().ToListAsync(cancel))
            .GroupBy(c => c.ForumId).ToDictionary(g => g.Key, g => g.Count());
        var speakers = (await db.SessionRoles.Where(r => r.Kind == SessionRoleKind.Speaker && r.PersonId != null)
                .Join(HeldOf(db.Sessions.Where(s => ids.Contains(s.ForumId)), now), r => r.SessionId, s => s.Id,
                    (r, s) => new { s.ForumId, r.PersonId }).Distinct().ToListAsync(cancel))
            .GroupBy(r => r.ForumId).ToDictionary(g => g.Key, g => g.Count());
        var rows = new List<FigureRow>();
        foreach (var e in editions)
        {
            var sessions = await Releases.PublishedTimetable.PublicSessions(db, e.Id).CountAsync(cancel);
            rows.Add(new FigureRow(e.Slug, [e.Year, sessions, registered.GetValueOrDefault(e.Id), checkedIn.GetValueOrDefault(e.Id), speakers.GetValueOrDefault(e.Id)]));
        }
        return (new Figure("editions", ["year", "sessions", "registered", "checked-in", "speakers"], rows, false),
            editions.Select(e => new Edition(e.Slug, e.Name, e.Year)).ToList());
    }
}
