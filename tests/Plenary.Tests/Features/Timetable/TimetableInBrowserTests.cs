using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Plenary.Tests.Features.Releases;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Timetable;

/// <summary>The Secretariat's day-by-room timetable in real Chromium: drag and drop sends the very move form a keyboard user fills in.</summary>
[Collection("browser")]
public sealed class TimetableInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task A_session_dragged_onto_another_rooms_column_is_moved_there_through_its_form()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        var session = await forum.SessionAsync(1, "Dragged across the hall", ReleaseForum.At(new DateOnly(2030, 3, 4), 1, 9));
        var email = $"sec{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email, async (db, id) =>
        {
            db.ForumMembers.Add(new Plenary.Kernel.Access.ForumMember
            {
                ForumId = forum.ForumId, AccountId = id, Role = Plenary.Kernel.Access.ForumRole.Secretariat, AddedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        })).Dispose();
        var page = await app.SignedInPageAsync(email);
        await page.GotoAsync($"/{forum.Slug}/manage/timetable");

        var target = page.Locator($"td[data-day='2030-03-05'][data-room='{forum.Rooms[1]}']");
        var posted = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.Contains("handler=Move", StringComparison.Ordinal));
        // Taken by its title line, as a person would (the form inside is for the keyboard).
        await page.Locator($"#s{session.Id} > p").DragToAsync(target);
        await posted;
        await page.WaitForLoadStateAsync();
        var errors = await page.Locator("main").InnerTextAsync();
        page.Url.ShouldEndWith($"#s{session.Id}", customMessage: errors);

        var moved = await app.InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.Id));
        moved.RoomId.ShouldBe(forum.Rooms[1]);
        moved.StartsAt.ShouldBe(session.StartsAt);
        (await target.InnerTextAsync()).ShouldContain("WS #1");
        await page.Context.CloseAsync();
    }
}
