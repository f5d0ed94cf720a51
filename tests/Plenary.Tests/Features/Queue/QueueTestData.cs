using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Queue;

/// <summary>Sessions and people for the queue's tests: each test owns a session of its own, placed in time as it needs.</summary>
internal static class QueueTestData
{
    /// <summary>
    /// A workshop running now (started <paramref name="startedMinutesAgo"/> minutes ago, one hour long), in a forum of
    /// its own, with its forum loaded so that <see cref="Url"/> knows where it is.
    /// </summary>
    public static async Task<Session> SessionAsync(PlenaryApp app, int number, int startedMinutesAgo = 10)
    {
        var forum = await app.ForumOfItsOwnAsync("queue");
        var made = await app.UnscheduledSessionAsync(forum, "WS", number, $"Queue test session {number}");
        var start = DateTime.UtcNow.AddMinutes(-startedMinutesAgo);
        await app.InDbAsync(db => db.Sessions.Where(s => s.Id == made.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, start).SetProperty(s => s.EndsAt, start.AddHours(1))));
        return await app.InDbAsync(db => db.Sessions.AsNoTracking().Include(s => s.Type).Include(s => s.Forum).SingleAsync(s => s.Id == made.Id));
    }

    public static string Url(Session session, string page) => $"/{session.Forum.Slug}/sessions/{session.Key}/{page}";

    /// <summary>A signed-in account whose person moderates the session (onsite or online), with its e-mail for a browser to sign in with.</summary>
    public static async Task<HttpClient> ModeratorAsync(PlenaryApp app, Session session, string email, SessionRoleKind kind = SessionRoleKind.OnlineModerator) =>
        await app.SignedInVisitorAsync(email, async (db, id) =>
        {
            var person = await db.Users.Where(a => a.Id == id).Select(a => a.PersonId).SingleAsync();
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, PersonId = person, Kind = kind, Mode = ParticipationMode.Online, Position = 100 });
            await db.SaveChangesAsync();
        });

    /// <summary>A participant with a name of their own, so pages can be searched for it.</summary>
    public static async Task<(HttpClient Visitor, string Name, string Email)> ParticipantAsync(PlenaryApp app)
    {
        var email = $"live{Guid.NewGuid():N}@example.org";
        var name = $"Speaker {Guid.NewGuid().ToString("N")[..8]}";
        var visitor = await app.SignedInVisitorAsync(email, async (db, id) =>
        {
            var person = await db.Users.Where(a => a.Id == id).Select(a => a.PersonId).SingleAsync();
            await db.People.Where(p => p.Id == person).ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, name));
        });
        return (visitor, name, email);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient visitor, Session session, string page, string handler, Dictionary<string, string>? fields = null, string query = "") =>
        PlenaryApp.SubmitFormAsync(visitor, Url(session, page), fields ?? [], $"{Url(session, page)}?handler={handler}{query}");
}
