using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;

namespace Plenary.Features.Sdgs;

/// <summary>One goal or target a session's text suggests and the session does not link yet: what the review list shows a row of.</summary>
public sealed record SessionSdgSuggestion(int SessionId, string Forum, string SessionKey, string SessionName, string Title, string Code, int Goal, bool IsTarget,
    double Score, IReadOnlyList<string> Matched)
{
    /// <summary>What a checkbox or button of the list sends: "412:9" or "412:9.c".</summary>
    public string Pick => SessionId.ToString(CultureInfo.InvariantCulture) + ":" + Code;
}

/// <summary>The review list's rows, before any cap, and how long the suggester took over how many sessions.</summary>
public sealed record SessionSdgReview(IReadOnlyList<SessionSdgSuggestion> Rows, int Sessions, TimeSpan Suggesting);

/// <summary>
/// SDG suggestions for sessions already in the programme: read from each session's whole record (title, description,
/// approach, record sections, takeaways, report), less what it links already and what the Secretariat dismissed.
/// Accepting goes through <see cref="SessionChange"/>, as a save of the session's form would: checked, audited, versioned.
/// </summary>
public sealed class SessionSdgSuggestions(PlenaryDb db, SdgSuggester suggester, SdgCatalogue catalogue, SessionChange change, TimeProvider clock,
    IStringLocalizer<SharedResource> L)
{
    /// <summary>Targets a goal's suggestion brings with it at most: the best few say why; a long tail reads as noise.</summary>
    public const int TargetsPerGoal = 3;

    /// <summary>The text the suggester reads for a session; the same on its edit page and in the review list.</summary>
    public static string TextOf(string? title, string? description, string? approach, IEnumerable<string?> more)
    {
        var text = string.Join("\n", new[] { title, description, approach }.Concat(more).Where(t => !string.IsNullOrWhiteSpace(t)));
        return text.Length > SdgSuggester.MaxTextLength ? text[..SdgSuggester.MaxTextLength] : text;
    }

    /// <summary>The report's parts that hold prose, for <see cref="TextOf"/>.</summary>
    public static IEnumerable<string?> ReportTexts(SessionReport? report) =>
        report is null ? [] : [report.Body, report.KeyIssues, report.Presentations, report.WayForward];

    /// <summary>
    /// The suggestions for what a session says, each goal with its best targets, less what is chosen already; a goal
    /// chosen already still brings the targets of it that are not.
    /// </summary>
    public IReadOnlyList<(SdgSuggestion Goal, bool GoalChosen, IReadOnlyList<SdgTargetSuggestion> Targets)> For(string text,
        IReadOnlySet<int> goals, IReadOnlySet<string> targets, Func<string, bool>? dismissed = null)
    {
        if (text.Trim().Length < 20)
        {
            return [];
        }
        dismissed ??= _ => false;
        var found = new List<(SdgSuggestion, bool, IReadOnlyList<SdgTargetSuggestion>)>();
        foreach (var goal in suggester.Suggest(text).Goals)
        {
            var code = goal.Goal.ToString(CultureInfo.InvariantCulture);
            var goalChosen = goals.Contains(goal.Goal) || dismissed(code);
            var open = goal.Targets.Where(t => !targets.Contains(t.Code) && !dismissed(t.Code)).Take(TargetsPerGoal).ToList();
            if (!goalChosen || open.Count > 0)
            {
                found.Add((goal, goalChosen, open));
            }
        }
        return found;
    }

    /// <summary>Every session of the forums given (all forums when null), read in a few queries and suggested for in memory.</summary>
    public async Task<SessionSdgReview> ReviewAsync(IReadOnlyCollection<int>? forums, CancellationToken cancel)
    {
        var sessions = db.Sessions.AsNoTracking().Where(s => forums == null || forums.Contains(s.ForumId));
        var heads = await sessions.Select(s => new
        {
            s.Id, Forum = s.Forum.Slug, TypeCode = s.Type.Code, s.Number, s.HasNumber, s.Type.NumberLabel, TypeName = s.Type.Name, s.Title, s.Description, s.Approach,
        }).ToListAsync(cancel);
        var ids = sessions.Select(s => s.Id);
        var sections = (await db.SessionSections.AsNoTracking().Where(t => ids.Contains(t.SessionId)).Select(t => new { t.SessionId, t.Text }).ToListAsync(cancel))
            .ToLookup(t => t.SessionId, t => (string?)t.Text);
        var takeaways = (await db.Takeaways.AsNoTracking().Where(t => ids.Contains(t.SessionId)).OrderBy(t => t.Position).Select(t => new { t.SessionId, t.Text }).ToListAsync(cancel))
            .ToLookup(t => t.SessionId, t => (string?)t.Text);
        var reports = (await db.SessionReports.AsNoTracking().Where(r => ids.Contains(r.SessionId)).ToListAsync(cancel)).ToDictionary(r => r.SessionId);
        var goals = (await db.SessionSdgs.AsNoTracking().Where(g => ids.Contains(g.SessionId)).Select(g => new { g.SessionId, g.Goal }).ToListAsync(cancel))
            .ToLookup(g => g.SessionId, g => g.Goal);
        var targets = (await db.SessionSdgTargets.AsNoTracking().Where(t => ids.Contains(t.SessionId)).Select(t => new { t.SessionId, t.TargetCode }).ToListAsync(cancel))
            .ToLookup(t => t.SessionId, t => t.TargetCode);
        var dismissals = (await db.SdgSuggestionDismissals.AsNoTracking().Where(d => ids.Contains(d.SessionId)).Select(d => new { d.SessionId, d.Code }).ToListAsync(cancel))
            .ToLookup(d => d.SessionId, d => d.Code);

        var watch = Stopwatch.StartNew();
        var rows = new List<SessionSdgSuggestion>();
        foreach (var s in heads)
        {
            var text = TextOf(s.Title, s.Description, s.Approach, sections[s.Id].Concat(takeaways[s.Id]).Concat(ReportTexts(reports.GetValueOrDefault(s.Id))));
            var gone = dismissals[s.Id].ToHashSet(StringComparer.Ordinal);
            var key = SessionKey.Format(s.TypeCode, s.Number);
            var name = Session.NameOf(s.NumberLabel, s.TypeName, s.Number, s.HasNumber);
            foreach (var (goal, goalChosen, open) in For(text, goals[s.Id].ToHashSet(), targets[s.Id].ToHashSet(StringComparer.Ordinal), gone.Contains))
            {
                if (!goalChosen)
                {
                    rows.Add(new(s.Id, s.Forum, key, name, s.Title, goal.Goal.ToString(CultureInfo.InvariantCulture), goal.Goal, false, goal.Score, goal.Matched));
                }
                rows.AddRange(open.Select(t => new SessionSdgSuggestion(s.Id, s.Forum, key, name, s.Title, t.Code, goal.Goal, true, t.Score, t.Matched)));
            }
        }
        watch.Stop();
        rows.Sort((a, b) => b.Score.CompareTo(a.Score) is not 0 and var byScore ? byScore
            : a.SessionId.CompareTo(b.SessionId) is not 0 and var bySession ? bySession : string.CompareOrdinal(a.Code, b.Code));
        return new SessionSdgReview(rows, heads.Count, watch.Elapsed);
    }

    /// <summary>Reads "412:9" or "412:9.c"; null for anything else, or a goal or target the catalogue does not hold.</summary>
    public (int Session, string Code)? Parse(string? pick)
    {
        var parts = (pick ?? "").Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var session)
            || !(catalogue.FindTarget(parts[1]) is not null || (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && catalogue.FindGoal(goal) is not null)))
        {
            return null;
        }
        return (session, parts[1]);
    }

    /// <summary>Whether every picked session is in the forums given (any when null): a pick from elsewhere is a 404, not a silent nothing.</summary>
    public async Task<bool> AllInScopeAsync(IReadOnlyCollection<(int Session, string Code)> picks, IReadOnlyCollection<int>? forums, CancellationToken cancel)
    {
        var ids = picks.Select(p => p.Session).Distinct().ToList();
        return await db.Sessions.CountAsync(s => ids.Contains(s.Id) && (forums == null || forums.Contains(s.ForumId)), cancel) == ids.Count;
    }

    /// <summary>
    /// Links the picked goals and targets to their sessions, one change of each session through <see cref="SessionChange"/>
    /// (so the session's audit entry and version are those of any save). Sessions outside <paramref name="forums"/> (all
    /// when null) are not touched. The sessions linked, and a sentence for each one refused.
    /// </summary>
    public async Task<(int Linked, List<string> Refused)> AcceptAsync(IReadOnlyCollection<(int Session, string Code)> picks, IReadOnlyCollection<int>? forums,
        ClaimsPrincipal user, CancellationToken cancel)
    {
        var linked = 0;
        var refused = new List<string>();
        foreach (var group in picks.GroupBy(p => p.Session))
        {
            var head = await db.Sessions.AsNoTracking().Where(s => s.Id == group.Key && (forums == null || forums.Contains(s.ForumId)))
                .Select(s => new { Forum = s.Forum.Slug, s.Type.Code, s.Number }).FirstOrDefaultAsync(cancel);
            if (head is null || await db.FindForumAsync(head.Forum, cancel) is not { } forum
                || await db.FindSessionAsync(forum.Id, SessionKey.Format(head.Code, head.Number), cancel, tracked: true) is not { } session)
            {
                continue;
            }
            var form = SessionForm.From(session, forum);
            foreach (var (_, code) in group)
            {
                if (catalogue.FindTarget(code) is { } target)
                {
                    form.SdgTargets.Add(target.Code);
                }
                else
                {
                    form.Sdgs.Add(int.Parse(code, CultureInfo.InvariantCulture));
                }
            }
            var result = await change.ChangeAsync(forum, session, form, timetable: false, user, cancel);
            if (result.IsDone)
            {
                linked++;
            }
            else
            {
                refused.Add(L["{0} was not changed: {1}", session.NumberedName, string.Join(" ", result.Reasons.FirstPerField().Select(e => e.Value))]);
            }
            db.ChangeTracker.Clear();
        }
        return (linked, refused);
    }

    /// <summary>Remembers the picked suggestions as not to be offered again, each dismissal audited under its session.</summary>
    public async Task<int> DismissAsync(IReadOnlyCollection<(int Session, string Code)> picks, IReadOnlyCollection<int>? forums, ClaimsPrincipal user, CancellationToken cancel)
    {
        var ids = picks.Select(p => p.Session).Distinct().ToList();
        var heads = await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.Id) && (forums == null || forums.Contains(s.ForumId)))
            .Select(s => new { s.Id, s.ForumId, s.Type.Code, s.Number }).ToDictionaryAsync(s => s.Id, cancel);
        var known = (await db.SdgSuggestionDismissals.Where(d => ids.Contains(d.SessionId)).Select(d => new { d.SessionId, d.Code }).ToListAsync(cancel))
            .Select(d => (d.SessionId, d.Code)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var (session, code) in picks.Distinct())
        {
            if (!heads.TryGetValue(session, out var head) || !known.Add((session, code)))
            {
                continue;
            }
            db.SdgSuggestionDismissals.Add(new SdgSuggestionDismissal { SessionId = session, Code = code, DismissedBy = user.AccountId(), DismissedAt = now });
            db.Record(user, clock, head.ForumId, "sdg.suggestion.dismiss", SessionKey.Format(head.Code, head.Number), null, new { code });
            added++;
        }
        await db.SaveChangesAsync(cancel);
        return added;
    }
}
