using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;

namespace Plenary.Features.Manage;

/// <summary>Every session of the forum, cancelled and unscheduled ones included, with the way to change each.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class SessionsModel(PlenaryDb db) : ManagePageModel(db)
{
    public sealed record Row(string Key, string NumberedName, string Title, SessionStatus Status, DateTime? StartsAt, string? Room, int People);

    public List<Row> Rows { get; private set; } = [];
    public string? Type { get; private set; }
    public string? Query { get; private set; }
    public ForumClock Clock { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string forum, string? type, string? q)
    {
        Clock = ForumClock.For(Forum.TimeZoneId);
        Type = Forum.SessionTypes.FirstOrDefault(t => t.Code == type)?.Code;
        Query = q?.Trim() is { Length: > 0 and <= 200 } text ? text : null;
        var sessions = Db.Sessions.Where(s => s.ForumId == Forum.Id);
        if (Type is not null)
        {
            sessions = sessions.Where(s => s.Type.Code == Type);
        }
        if (Query is not null)
        {
            var pattern = $"%{Query.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            sessions = sessions.Where(s => EF.Functions.Like(s.Title.ToLower(), pattern.ToLower(), "\\"));
        }
        var rows = await sessions.OrderBy(s => s.Type.Position).ThenBy(s => s.Number)
            .Select(s => new { s.Type.Code, s.Type.NumberLabel, TypeName = s.Type.Name, s.Number, s.HasNumber, s.Title, s.Status, s.StartsAt, Room = s.Room!.Name, People = s.Roles.Count })
            .ToListAsync(HttpContext.RequestAborted);
        Rows = rows.Select(s => new Row(SessionKey.Format(s.Code, s.Number), Session.NameOf(s.NumberLabel, s.TypeName, s.Number, s.HasNumber), s.Title, s.Status, s.StartsAt, s.Room, s.People)).ToList();
        return Page();
    }
}
