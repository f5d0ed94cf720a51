using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Schedule;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Agenda;

/// <summary>
/// A person's agenda as an iCalendar feed behind a secret link, for calendar apps that cannot sign in. The link holds
/// only that person's saved sessions as released, with the public fields of the forum's feed: never a join link or
/// passcode. Never cached, so that a new link cuts off the old one at once.
/// </summary>
public static class AgendaFeed
{
    public static IEndpointRouteBuilder MapAgendaFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{forum}/agenda/{secret}.ics", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string forum, string secret, PlenaryDb db, HttpContext http, TimeProvider clock, PublicOrigin origin, CancellationToken cancel) =>
        {
            var found = secret.Length is > 20 and < 100 ? await db.FindForumAsync(forum, cancel) : null;
            var hash = AgendaQueries.HashOf(secret);
            var owner = found is null ? null : await db.AgendaSettings.Where(s => s.FeedHash == hash && s.ForumId == found.Id).Select(s => (int?)s.AccountId).FirstOrDefaultAsync(cancel);
            if (owner is not { } account)
            {
                return ApiProblems.NotFound("Calendar link", "this one");
            }
            var saved = (await db.AgendaEntries.Where(e => e.AccountId == account && e.ForumId == found!.Id).Select(e => e.SessionId).ToListAsync(cancel)).ToHashSet();
            var timetable = await Schedule.ExportedTimetable.LoadAsync(db, found!, origin.Value, cancel: cancel);
            timetable = timetable with { Slots = timetable.Slots.Where(s => saved.Contains(s.Id)).ToList() };
            http.Response.Headers.CacheControl = "private, no-store";
            return TypedResults.Text(CalendarEvent.Write(timetable, $"{found!.Name}: my schedule", clock.GetUtcNow().UtcDateTime), CalendarEvent.MediaType, Encoding.UTF8);
        })
            .CacheOutput(policy => policy.NoCache()).AllowAnonymous()
            .WithTags("Schedule exports").WithName("AgendaCalendar")
            .WithSummary("A person's saved sessions as an iCalendar feed, behind the secret link made on their agenda page (no sign-in).")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar");
        return app;
    }
}
