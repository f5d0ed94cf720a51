using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Registrations;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Messages;

public sealed record CitedSession(int Id, string Key, string NumberedName, string Title);

public sealed record OutcomeMessage(int Id, string Title, string Body, IReadOnlyList<CitedSession> Citations);

/// <summary>A subtheme's published messages; <see cref="Subtheme"/> is null for messages whose subtheme was removed.</summary>
public sealed record OutcomeSection(Subtheme? Subtheme, IReadOnlyList<OutcomeMessage> Messages);

public sealed record Share<T>(T Group, int Count);

/// <summary>
/// The forum in figures, as the outcome document states them. Sources, written out because each figure has a definition:
/// sessions held are those scheduled (not cancelled) whose end has passed; participants onsite and online are the sums of the
/// counts in the session reports of those sessions (a person in several sessions counts in each); people at the venue are the
/// registrations with at least one check-in; people online are approved online registrations, and remote hubs their stated
/// headcounts; the share of women and gender-diverse people is the gender reports' estimates weighted by each report's number
/// of participants; speakers are the distinct people speaking in sessions held, by their stakeholder and regional group; SDGs
/// are the goals the sessions held link to, with how many sessions link to each.
/// </summary>
public sealed record OutcomeFigures(
    int SessionsHeld, int SessionsReporting, int OnsiteParticipants, int OnlineParticipants,
    int CheckedIn, int RegisteredOnline, int RemoteHubParticipants,
    int? WomenPercent, int GenderReports, int Speakers,
    IReadOnlyList<Share<StakeholderGroup?>> SpeakersByStakeholder, IReadOnlyList<Share<RegionalGroup?>> SpeakersByRegion, IReadOnlyList<Share<int>> Sdgs);

public sealed record Outcome(Forum Forum, DateTime? PublishedAt, IReadOnlyList<OutcomeSection> Sections, OutcomeFigures Figures)
{
    public string FileName(string extension) => $"{Forum.Slug}-messages.{extension}";
}

/// <summary>Reads the outcome document: the published messages with their citations, and the forum's figures.</summary>
public sealed class OutcomeQueries(PlenaryDb db, TimeProvider clock)
{
    public Task<DateTime?> PublishedAtAsync(int forumId, CancellationToken cancel) =>
        db.OutcomeDocuments.Where(d => d.ForumId == forumId).Select(d => d.PublishedAt).FirstOrDefaultAsync(cancel);

    public async Task<Outcome> BuildAsync(Forum forum, CancellationToken cancel)
    {
        var messages = await db.ForumMessages.Where(m => m.ForumId == forum.Id && m.PublishedAt != null).Include(m => m.Citations)
            .OrderBy(m => m.Position).ThenBy(m => m.Id).AsSplitQuery().ToListAsync(cancel);
        var cited = await CitedSessionsAsync(messages.SelectMany(m => m.Citations.Select(c => c.SessionId)), cancel);
        OutcomeMessage Written(ForumMessage m) => new(m.Id, m.Title, m.Body,
            m.Citations.Where(c => cited.ContainsKey(c.SessionId)).Select(c => cited[c.SessionId]).OrderBy(c => c.Order).Select(c => c.Session).ToList());
        var sections = forum.Subthemes.OrderBy(s => s.Position).ThenBy(s => s.Id)
            .Select(s => new OutcomeSection(s, messages.Where(m => m.SubthemeId == s.Id).Select(Written).ToList()))
            .Append(new OutcomeSection(null, messages.Where(m => m.SubthemeId is null || forum.Subthemes.All(s => s.Id != m.SubthemeId)).Select(Written).ToList()))
            .Where(s => s.Messages.Count > 0).ToList();
        return new Outcome(forum, await PublishedAtAsync(forum.Id, cancel), sections, await FiguresAsync(forum, cancel));
    }

    /// <summary>The sessions cited, in programme order (type, then number), as "WS #175 Title".</summary>
    public async Task<Dictionary<int, (CitedSession Session, (int, int) Order)>> CitedSessionsAsync(IEnumerable<int> ids, CancellationToken cancel)
    {
        var wanted = ids.Distinct().ToList();
        var rows = await db.Sessions.Where(s => wanted.Contains(s.Id))
            .Select(s => new { s.Id, s.Number, s.HasNumber, s.Title, s.Type.Code, s.Type.NumberLabel, TypeName = s.Type.Name, TypePosition = s.Type.Position }).ToListAsync(cancel);
        return rows.ToDictionary(r => r.Id, r => (new CitedSession(r.Id, SessionKey.Format(r.Code, r.Number), Session.NameOf(r.NumberLabel, r.TypeName, r.Number, r.HasNumber), r.Title), (r.TypePosition, r.Number)));
    }

    public async Task<OutcomeFigures> FiguresAsync(Forum forum, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var held = db.Sessions.Where(s => s.ForumId == forum.Id && s.Status == SessionStatus.Scheduled && s.EndsAt != null && s.EndsAt <= now).Select(s => s.Id);
        var sessionsHeld = await held.CountAsync(cancel);
        var reports = await db.SessionReports.Where(r => held.Contains(r.SessionId))
            .Select(r => new { r.OnsiteParticipants, r.OnlineParticipants }).ToListAsync(cancel);
        var gender = await db.GenderReports.Where(r => held.Contains(r.SessionId) && r.ParticipantCount > 0 && r.WomenAndGenderDiversePercent != null)
            .Select(r => new { Count = r.ParticipantCount!.Value, Percent = r.WomenAndGenderDiversePercent!.Value }).ToListAsync(cancel);
        var weighed = gender.Sum(g => (long)g.Count);
        int? women = weighed == 0 ? null : (int)Math.Round(gender.Sum(g => (double)g.Count * g.Percent) / weighed, MidpointRounding.AwayFromZero);
        var checkedIn = await db.CheckIns.Where(c => c.ForumId == forum.Id).Select(c => c.RegistrationId).Distinct().CountAsync(cancel);
        var approved = db.Registrations.Where(r => r.ForumId == forum.Id && r.Status == RegistrationStatus.Approved);
        var online = await approved.CountAsync(r => r.Mode == AttendanceMode.Online, cancel);
        var hubs = await approved.Where(r => r.Mode == AttendanceMode.RemoteHub).SumAsync(r => r.HubHeadcount ?? 0, cancel);
        var speakerIds = db.SessionRoles.Where(r => r.Kind == SessionRoleKind.Speaker && r.PersonId != null && held.Contains(r.SessionId)).Select(r => r.PersonId!.Value).Distinct();
        var speakers = await db.People.Where(p => speakerIds.Contains(p.Id)).Select(p => new { p.StakeholderGroup, p.RegionalGroup }).ToListAsync(cancel);
        var sdgs = await db.SessionSdgs.Where(g => held.Contains(g.SessionId)).GroupBy(g => g.Goal)
            .Select(g => new { Goal = g.Key, Count = g.Count() }).ToListAsync(cancel);
        return new OutcomeFigures(
            sessionsHeld, reports.Count, reports.Sum(r => r.OnsiteParticipants ?? 0), reports.Sum(r => r.OnlineParticipants ?? 0),
            checkedIn, online, hubs, women, gender.Count, speakers.Count,
            // Groups in the enum's order, "not stated" last, so documents of different editions compare line by line.
            speakers.GroupBy(s => s.StakeholderGroup).OrderBy(g => g.Key is null).ThenBy(g => g.Key).Select(g => new Share<StakeholderGroup?>(g.Key, g.Count())).ToList(),
            speakers.GroupBy(s => s.RegionalGroup).OrderBy(g => g.Key is null).ThenBy(g => g.Key).Select(g => new Share<RegionalGroup?>(g.Key, g.Count())).ToList(),
            sdgs.OrderBy(g => g.Goal).Select(g => new Share<int>(g.Goal, g.Count)).ToList());
    }
}
