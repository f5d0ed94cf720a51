using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Schedule;

/// <summary>
/// The public timetable in the formats other software reads: iCalendar feeds for calendar apps, the c3voc
/// schedule formats for conference apps, CSV for spreadsheets. Public like the programme, and cached with it.
/// </summary>
public static class ScheduleExports
{
    public static IEndpointRouteBuilder MapScheduleExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/{forum}").WithTags("Schedule exports").CacheOutput().AllowAnonymous();

        exports.MapGet("/schedule.ics", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string forum, PlenaryDb db, HttpContext http, CancellationToken cancel) =>
            await LoadAsync(db, http, forum, cancel) is { } t
                ? Calendar(http, t, t.Forum.Name)
                : ApiProblems.NotFound("Forum", forum))
            .WithName("ForumCalendar").WithSummary("The forum's timetable as an iCalendar feed (RFC 5545) to subscribe to; cancelled sessions have STATUS:CANCELLED.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar");

        exports.MapGet("/rooms/{id:int}/schedule.ics", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string forum, int id, PlenaryDb db, HttpContext http, CancellationToken cancel) =>
        {
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            if (found.Rooms.FirstOrDefault(r => r.Id == id) is not { } room)
            {
                return ApiProblems.NotFound("Room", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var t = await ExportedTimetable.LoadAsync(db, found, BaseUrl(http), roomId: room.Id, cancel: cancel);
            return Calendar(http, t, $"{found.Name}: {room.Name}");
        })
            .WithName("RoomCalendar").WithSummary("One room's sessions as an iCalendar feed.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar");

        exports.MapGet("/sessions/{key}/calendar.ics", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string forum, string key, PlenaryDb db, HttpContext http, CancellationToken cancel) =>
        {
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            if (await db.FindSessionAsync(found.Id, key, cancel) is not { } session)
            {
                return ApiProblems.NotFound("Session", key);
            }
            var t = await ExportedTimetable.LoadAsync(db, found, BaseUrl(http), sessionId: session.Id, cancel: cancel);
            return t.Slots.Count == 0
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Session not in the timetable",
                    detail: $"{session.NumberedName} has no time and room yet, so there is nothing to put in a calendar.")
                : Calendar(http, t, $"{session.NumberedName}: {session.Title}");
        })
            .WithName("SessionCalendar").WithSummary("One session as an iCalendar file, to add to a calendar.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar");

        exports.MapGet("/schedule.xml", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string forum, PlenaryDb db, HttpContext http, CancellationToken cancel) =>
            await LoadAsync(db, http, forum, cancel) is { } t
                ? TypedResults.Text(C3vocSchedule.Xml(t, t.BaseUrl + ScheduleLinks.Xml(t.Forum.Slug)), "application/xml; charset=utf-8", Encoding.UTF8)
                : ApiProblems.NotFound("Forum", forum))
            .WithName("ScheduleXml").WithSummary("The timetable in the c3voc schedule.xml format read by conference apps (https://c3voc.de/wiki/schedule).")
            .Produces<string>(StatusCodes.Status200OK, "application/xml");

        exports.MapGet("/schedule.json", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string forum, PlenaryDb db, HttpContext http, CancellationToken cancel) =>
            await LoadAsync(db, http, forum, cancel) is { } t
                ? TypedResults.Text(C3vocSchedule.Json(t, t.BaseUrl + ScheduleLinks.Json(t.Forum.Slug)), "application/json; charset=utf-8", Encoding.UTF8)
                : ApiProblems.NotFound("Forum", forum))
            .WithName("ScheduleJson").WithSummary("The timetable in the c3voc schedule.json format (https://c3voc.de/schedule/schema.json).")
            .Produces<string>(StatusCodes.Status200OK, "application/json");

        exports.MapGet("/schedule.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string forum, PlenaryDb db, HttpContext http, CancellationToken cancel) =>
            await LoadAsync(db, http, forum, cancel) is { } t
                ? TypedResults.File(TimetableCsv.Write(t), TimetableCsv.MediaType, $"{t.Forum.Slug}-timetable.csv")
                : ApiProblems.NotFound("Forum", forum))
            .WithName("ScheduleCsv").WithSummary("The timetable as CSV (UTF-8 with byte-order mark) for spreadsheets.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");

        return app;
    }

    private static async Task<ExportedTimetable?> LoadAsync(PlenaryDb db, HttpContext http, string forum, CancellationToken cancel) =>
        await db.FindForumAsync(forum, cancel) is { } found
            ? await ExportedTimetable.LoadAsync(db, found, BaseUrl(http), cancel: cancel)
            : null;

    private static ContentHttpResult Calendar(HttpContext http, ExportedTimetable t, string name) =>
        TypedResults.Text(CalendarEvent.Write(t, name, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime), CalendarEvent.MediaType, Encoding.UTF8);

    /// <summary>
    /// Links in exports are absolute, as they are read far from this site, and start with the public address, never the
    /// request's Host: these answers are cached and handed to every reader (and to any proxy's cache in front).
    /// </summary>
    private static string BaseUrl(HttpContext http) => http.RequestServices.GetRequiredService<PublicOrigin>().Value;
}
