using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Timetable;

/// <summary>The Secretariat's timetable: its warnings by severity, the day-by-room grid, and a move form per session.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class IndexModel(PlenaryDb db, TimetableMoveChange move, IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public TimetableSnapshot Snapshot { get; private set; } = null!;
    public List<Warning> Warnings { get; private set; } = [];
    public int? MovedSession { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostMoveAsync(string forum, int session, string? day, string? start, int? room, int? expected)
    {
        var refusal = !ModelState.IsValid ? Refusal.Of("", L["Enter the room and the expected attendance as numbers."])
            : (await move.MoveAsync(Forum, session, day, start, room, expected, User, HttpContext.RequestAborted)).Reasons;
        if (!refusal.IsEmpty)
        {
            MovedSession = session;
            this.ShowRefusal(refusal, Errors);
            return await ShowAsync();
        }
        return Redirect(TimetableLinks.Index(Forum.Slug) + $"#s{session}");
    }

    private async Task<IActionResult> ShowAsync()
    {
        Snapshot = await TimetableLoad.SnapshotAsync(Db, Forum, HttpContext.RequestAborted);
        Warnings = TimetableRules.Check(Snapshot, L);
        return Page();
    }

    public static string Time(int minute) => $"{minute / 60:00}:{minute % 60:00}";
}
