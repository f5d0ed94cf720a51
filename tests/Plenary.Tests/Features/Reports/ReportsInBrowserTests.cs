using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Reports;

[Collection("browser")]
public sealed class ReportsInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Text_typed_before_the_connection_drops_is_still_there_after_a_reload_and_then_submitted()
    {
        var own = await app.ForumOfItsOwnAsync("report", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9501, "Reporting over a poor connection");
        var email = $"rap{Guid.NewGuid():N}@example.org";
        await app.SignedInVisitorAsync(email, async (db, id) =>
        {
            var person = await db.Users.Where(a => a.Id == id).Select(a => a.PersonId).SingleAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, PersonId = person, Kind = SessionRoleKind.Rapporteur, Position = 1 });
            await db.SaveChangesAsync();
        });

        var page = await app.SignedInPageAsync(email, new BrowserNewContextOptions { TimezoneId = "America/Bogota" });

        var url = $"/{own.Slug}/sessions/{session.Key}/report";
        // The line is poor from the start: no autosave reaches the server, whatever the test's pace, so that what comes
        // back after the reload can only come from this browser. The server drops them itself: Playwright's routing does
        // not see every request of a page its service worker controls, and after the offline reload Chromium fires an
        // "online" event in some runs (2 of 12 measured) before the test brings the line back, whose autosave passed the
        // route and reached the server in a full run.
        using var line = app.CutLine($"{url}?handler=Autosave");
        // The page's timers are stopped, so the only autosave that works here is the "back online" one under test. What
        // the page tells the writer is kept as it changes: that early autosave's failure replaces "put back" with
        // "offline" a few milliseconds later, and the test asks whether the writer was told, not at which instant.
        await page.AddInitScriptAsync("""
            window.setInterval = function () { return 0; };
            window.said = [];
            new MutationObserver(function () {
              var status = document.querySelector("[data-draft-status]");
              if (status && status.textContent && window.said[window.said.length - 1] !== status.textContent) window.said.push(status.textContent);
            }).observe(document, { subtree: true, childList: true, characterData: true });
            """);
        await page.GotoAsync(url);
        const string takeaway = "Community networks connect the last mile where operators do not go.";
        const string discussion = "Three paragraphs of discussion, typed at the back of the room.";
        await page.GetByLabel("Key takeaway 1").FillAsync(takeaway);
        await page.GetByLabel("Discussion", new() { Exact = true }).FillAsync(discussion);

        // The page's worker has kept the form (registration is asynchronous: wait until it controls the page).
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await page.WaitForFunctionAsync("async () => !!(await caches.match(location.pathname))");

        // The line drops and the writer reloads: the kept form comes back with what was typed put back into it.
        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        (await page.GetByLabel("Key takeaway 1").InputValueAsync()).ShouldBe(takeaway);
        (await page.GetByLabel("Discussion", new() { Exact = true }).InputValueAsync()).ShouldBe(discussion);
        (await page.EvaluateAsync<string[]>("() => window.said")).ShouldContain(said => said.Contains("put back", StringComparison.OrdinalIgnoreCase));
        (await app.InDbAsync(db => db.SessionReporting.AnyAsync(r => r.SessionId == session.Id && r.Draft != null))).ShouldBeFalse();

        // Back online, the page's own "back online" autosave sends the draft, and the submission goes through.
        line.Dispose();
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("[data-draft-status]")).ToHaveTextAsync("Draft saved on the server.");
        (await app.InDbAsync(db => db.SessionReporting.AnyAsync(r => r.SessionId == session.Id && r.Draft != null))).ShouldBeTrue();

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit takeaways and calls to action" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain("submitted and public");
        (await app.InDbAsync(db => db.Takeaways.Where(t => t.SessionId == session.Id).Select(t => t.Text).ToListAsync())).ShouldBe([takeaway]);
        // The discussion, not yet submitted, stays in the server's draft.
        (await app.InDbAsync(db => db.SessionReporting.Where(r => r.SessionId == session.Id).Select(r => r.Draft).SingleAsync()))!.ShouldContain(discussion);
        // And after the submission the page shows what the server holds, with nothing left to put back.
        await page.ReloadAsync();
        (await page.GetByLabel("Key takeaway 1").InputValueAsync()).ShouldBe(takeaway);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_deadline_is_shown_in_the_writers_own_zone_too()
    {
        var own = await app.ForumOfItsOwnAsync("report", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        var session = await app.UnscheduledSessionAsync(own, "WS", 9502, "Reporting across zones");
        var email = $"org{Guid.NewGuid():N}@example.org";
        await app.SignedInVisitorAsync(email, async (db, id) =>
        {
            var person = await db.Users.Where(a => a.Id == id).Select(a => a.PersonId).SingleAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, PersonId = person, Kind = SessionRoleKind.Organiser, Position = 1 });
            await db.SaveChangesAsync();
        });
        var page = await app.SignedInPageAsync(email, new BrowserNewContextOptions { TimezoneId = "America/Bogota" });

        await page.GotoAsync($"/{own.Slug}/sessions/{session.Key}/report");
        // 16 December 2022 ends at 21:00 UTC: 16:00 in Bogotá.
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();
        var due = page.Locator("#report-due");
        (await due.InnerTextAsync()).ShouldContain("Friday 16 December 2022, 24:00 Africa/Addis Ababa (UTC+3)");
        (await due.Locator("p.z").InnerTextAsync()).ShouldContain("16:00");
        (await due.Locator("p.z").InnerTextAsync()).ShouldContain("America/Bogota");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Enter in a field is the browser's implicit submission, which clicks the form's first submit button. On the
    /// report form that must be "Save draft": a number typed and Enter pressed publishes nothing. With or without script.
    /// </summary>
    [Theory]
    [InlineData(9503, true)]
    [InlineData(9504, false)]
    public async Task Enter_in_a_field_of_the_report_form_saves_the_draft_and_publishes_nothing(int number, bool script)
    {
        var own = await app.ForumOfItsOwnAsync("report", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        var session = await app.UnscheduledSessionAsync(own, "WS", number, $"Reporting with the Enter key {number}");
        var email = $"rap{Guid.NewGuid():N}@example.org";
        await app.SignedInVisitorAsync(email, async (db, id) =>
        {
            var person = await db.Users.Where(a => a.Id == id).Select(a => a.PersonId).SingleAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, PersonId = person, Kind = SessionRoleKind.Rapporteur, Position = 1 });
            await db.SaveChangesAsync();
        });
        var page = await app.SignedInPageAsync(email, new BrowserNewContextOptions { JavaScriptEnabled = script });
        var url = $"/{own.Slug}/sessions/{session.Key}/report";
        await page.GotoAsync(url);

        const string takeaway = "Rural libraries are the first access point for many women.";
        await page.GetByLabel("Key takeaway 1").FillAsync(takeaway);
        await page.GetByLabel("Participants onsite").FillAsync("7");
        await page.GetByLabel("Participants onsite").PressAsync("Enter");

        await page.WaitForURLAsync($"**{url}?done=draft");
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain("Your draft is saved");
        (await page.GetByLabel("Key takeaway 1").InputValueAsync()).ShouldBe(takeaway);
        (await page.GetByLabel("Participants onsite").InputValueAsync()).ShouldBe("7");
        // The session's page, as its rapporteur sees it, holds no takeaway: nothing was published.
        (await page.GotoAsync($"/{own.Slug}/sessions/{session.Key}"))!.Status.ShouldBe(200);
        var shown = await page.Locator("main").InnerTextAsync();
        shown.ShouldContain(session.Title);
        shown.ShouldNotContain(takeaway);
        (await app.InDbAsync(db => db.Takeaways.AnyAsync(t => t.SessionId == session.Id))).ShouldBeFalse();
        (await app.InDbAsync(db => db.SessionReporting.Where(r => r.SessionId == session.Id).Select(r => r.Draft).SingleAsync()))!.ShouldContain(takeaway);

        // With no takeaway typed, Enter gives the form back as it was, saved, not an error.
        await page.GotoAsync(url);
        await page.GetByLabel("Key takeaway 1").FillAsync("");
        await page.GetByLabel("Participants online").FillAsync("12");
        await page.GetByLabel("Participants online").PressAsync("Enter");
        await page.WaitForURLAsync($"**{url}?done=draft");
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain("Your draft is saved");
        (await page.GetByLabel("Participants online").InputValueAsync()).ShouldBe("12");
        (await page.GetByLabel("Participants onsite").InputValueAsync()).ShouldBe("7");
        (await app.InDbAsync(db => db.Takeaways.AnyAsync(t => t.SessionId == session.Id))).ShouldBeFalse();
        await page.Context.CloseAsync();
    }
}
