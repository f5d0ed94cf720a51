using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Forums;

[AllowAnonymous]
public sealed class HomeModel(PlenaryDb db, TimeProvider clock, Statistics.StatisticsAccess statistics) : ForumPageModel(db)
{
    /// <summary>The call for proposals while it is announced or open: the home page is where the public finds the way in.</summary>
    public Proposals.Call? Call { get; private set; }
    public Proposals.CallStatus CallStatus { get; private set; }

    public ForumFigures Figures { get; private set; } = null!;
    public Dictionary<int, int> SessionsPerSubtheme { get; private set; } = [];
    public Dictionary<int, int> SessionsPerType { get; private set; } = [];
    public bool OutcomePublished { get; private set; }

    /// <summary>The statistics are published, or the visitor is the Secretariat, who sees them before.</summary>
    public bool StatisticsShown { get; private set; }

    /// <summary>The editions of the forum's series either side of it, if any.</summary>
    public Forum? PreviousEdition { get; private set; }
    public Forum? NextEdition { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        var cancel = HttpContext.RequestAborted;
        Figures = await ForumFigures.ComputeAsync(Db, Forum.Id, cancel);
        var call = await Db.Calls.FirstOrDefaultAsync(c => c.ForumId == Forum.Id, cancel);
        CallStatus = Proposals.PublicCallModel.StatusAt(call, clock.GetUtcNow().UtcDateTime);
        // A closed call is no longer a way in: proposers follow theirs under "Your proposals", and the call page still says it closed.
        Call = CallStatus is Proposals.CallStatus.Announced or Proposals.CallStatus.Open ? call : null;
        PreviousEdition = await Db.PreviousEditionAsync(Forum, cancel);
        NextEdition = await Db.NextEditionAsync(Forum, cancel);
        StatisticsShown = await statistics.PublishedAtAsync(Forum.Id, cancel) is not null || await statistics.IsSecretariatAsync(User, Forum);
        OutcomePublished = await Db.OutcomeDocuments.AnyAsync(d => d.ForumId == Forum.Id && d.PublishedAt != null, cancel);
        SessionsPerSubtheme = await Releases.PublishedTimetable.PublicSessions(Db, Forum.Id).Where(s => s.SubthemeId != null)
            .GroupBy(s => s.SubthemeId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancel);
        SessionsPerType = await Releases.PublishedTimetable.PublicSessions(Db, Forum.Id)
            .GroupBy(s => s.TypeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancel);
        return Page();
    }
}

/// <summary>The forum in numbers, as shown on its home page and returned by the API.</summary>
public sealed record ForumFigures(int Sessions, int Speakers, int OnlineSpeakers, int Countries, int Rooms, int SdgsCovered)
{
    public static async Task<ForumFigures> ComputeAsync(PlenaryDb db, int forumId, CancellationToken cancellationToken)
    {
        var sessions = Releases.PublishedTimetable.PublicSessions(db, forumId).Where(s => s.Status != SessionStatus.Cancelled);
        var speakerRoles = db.SessionRoles.Where(r => r.Kind == SessionRoleKind.Speaker && sessions.Any(s => s.Id == r.SessionId));
        var speakers = await speakerRoles.Select(r => r.PersonId).Distinct().CountAsync(cancellationToken);
        var online = await speakerRoles.Where(r => r.Mode == ParticipationMode.Online).Select(r => r.PersonId).Distinct().CountAsync(cancellationToken);
        var countries = await db.SessionRoles.Where(r => sessions.Any(s => s.Id == r.SessionId) && r.Person != null && r.Person.CountryCode != null)
            .Select(r => r.Person!.CountryCode).Distinct().CountAsync(cancellationToken);
        var rooms = await db.Rooms.CountAsync(r => r.ForumId == forumId, cancellationToken);
        var goals = await db.SessionSdgs.Where(g => sessions.Any(s => s.Id == g.SessionId)).Select(g => g.Goal).Distinct().CountAsync(cancellationToken);
        return new ForumFigures(await sessions.CountAsync(cancellationToken), speakers, online, countries, rooms, goals);
    }
}
