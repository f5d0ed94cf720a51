using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Programme;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Sdgs;

[AllowAnonymous]
public sealed class GoalModel(PlenaryDb db, SdgCatalogue sdgs) : ForumPageModel(db)
{
    public SdgGoal Goal { get; private set; } = null!;
    public List<ProgrammeEntry> Sessions { get; private set; } = [];

    /// <summary>Session ids linked to each target of the goal.</summary>
    public ILookup<string, int> SessionsByTarget { get; private set; } = null!;
    public ForumClock Clock { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string forum, string goal)
    {
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        if (!int.TryParse(goal, System.Globalization.NumberStyles.None, null, out var number) || sdgs.FindGoal(number) is not { } found)
        {
            return NotFound();
        }
        Goal = found;
        Clock = ForumClock.For(Forum.TimeZoneId);
        var filter = SessionFilter.Parse(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["sdg"] = goal }), Forum);
        Sessions = await ProgrammeQuery.LoadAsync(Db, Forum, filter, HttpContext.RequestAborted);
        var prefix = $"{number}.";
        var links = await Db.SessionSdgTargets
            .Where(t => t.TargetCode.StartsWith(prefix) && Db.Sessions.Any(s => s.Id == t.SessionId && s.ForumId == Forum.Id))
            .ToListAsync(HttpContext.RequestAborted);
        SessionsByTarget = links.ToLookup(t => t.TargetCode, t => t.SessionId, StringComparer.OrdinalIgnoreCase);
        return Page();
    }
}
