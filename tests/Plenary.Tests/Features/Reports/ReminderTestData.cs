using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Reports;

public static class ReminderTestData
{
    /// <summary>
    /// A session placed at a fixed time (UTC), far from the real clock so the app's own sweep never reaches it, in a forum
    /// of its own with IGF 2022's dates and zone (its year set apart, so no later edition takes it for its previous one).
    /// Its forum is loaded, for the links to its pages.
    /// </summary>
    public static async Task<Session> PlacedSessionAsync(PlenaryApp app, int number, DateTime startsUtc, string title)
    {
        var forum = await app.ForumOfItsOwnAsync("remind", rooms: 2, days: 5, timeZoneId: "Africa/Addis_Ababa", firstDay: new DateOnly(2022, 11, 28), shape: f => f.Year = 2021);
        var made = await app.UnscheduledSessionAsync(forum, "WS", number, title);
        await app.InDbAsync(db => db.Sessions.Where(s => s.Id == made.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, startsUtc).SetProperty(s => s.EndsAt, startsUtc.AddHours(1))));
        return await app.InDbAsync(db => db.Sessions.AsNoTracking().Include(s => s.Type).Include(s => s.Forum).SingleAsync(s => s.Id == made.Id));
    }

    /// <summary>The e-mail address of the account holding a role in a session, newest first.</summary>
    public static Task<List<string>> EmailsAsync(PlenaryApp app, Session session, SessionRoleKind kind) =>
        app.InDbAsync(db => (from r in db.SessionRoles
                             join a in db.Users on r.PersonId equals a.PersonId
                             where r.SessionId == session.Id && r.Kind == kind
                             orderby r.Id descending
                             select a.Email!).ToListAsync());

    public static Task<List<(string To, string Subject, string Text, string Html)>> RemindersToAsync(PlenaryApp app, IEnumerable<string> emails)
    {
        var list = emails.ToList();
        return app.InDbAsync(async db => (await db.Outbox.Where(m => list.Contains(m.To) && m.Purpose == "report-reminder").OrderBy(m => m.Id)
            .Select(m => new { m.To, m.Subject, m.TextBody, m.HtmlBody }).ToListAsync()).Select(m => (m.To, m.Subject, m.TextBody, m.HtmlBody)).ToList());
    }
}
