using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Releases;
using Plenary.Features.Schedule;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Reports;

/// <summary>
/// An Atom 1.0 feed (RFC 4287) of the forum's published outputs, newest first: one entry per public session with key
/// takeaways, calls to action or a session report, whatever brought them in (the form, the demo, an import). Built
/// from the outputs themselves, as the session page shows them; never drafts, writers' names or e-mails, and nothing
/// of a session the released timetable does not carry yet. Older entries are on further pages (RFC 5005 paged feed).
/// </summary>
public static class ReportsFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    public const int Entries = 50;

    public sealed record Entry(Session Session, DateTime Updated);

    public static IEndpointRouteBuilder MapReportsFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{forum}/reports.atom", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string forum, string? page, PublicOrigin origin, PlenaryDb db, CancellationToken cancel) =>
        {
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return ApiProblems.NotFound("Forum", forum);
            }
            var dated = await DatedAsync(db, found, cancel);
            var pages = Math.Max(1, (dated.Count + Entries - 1) / Entries);
            var number = 1;
            if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1 || number > pages))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such page of the feed",
                    detail: $"The feed of {found.Name} has {pages} page(s), numbered from 1: ask for ?page=1 to ?page={pages}, or leave page out for the newest entries.");
            }
            var shown = dated.Skip((number - 1) * Entries).Take(Entries).ToList();
            var ids = shown.Select(x => x.Id).ToList();
            var sessions = await db.Sessions.Where(s => ids.Contains(s.Id))
                .Include(s => s.Type).Include(s => s.Takeaways).Include(s => s.Report)
                .AsSplitQuery().ToDictionaryAsync(s => s.Id, cancel);
            var entries = shown.Select(x => new Entry(sessions[x.Id], x.Updated)).ToList();
            // The feed changed when its newest entry did, on every page alike.
            DateTime? updated = dated.Count > 0 ? dated[0].Updated : null;
            return TypedResults.Text(Write(found, origin.Value, entries, updated, number, pages),
                "application/atom+xml; charset=utf-8", Encoding.UTF8);
        }).WithName("ReportsFeed").ExcludeFromDescription().CacheOutput().AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The public sessions with outputs, each with the last time its outputs changed, newest first. Takeaways carry no
    /// time of their own: submissions record theirs (every version), a seeded or imported report its own; outputs with
    /// no recorded time at all count from the session's end, before which none can have been written.
    /// </summary>
    public static async Task<List<(int Id, DateTime Updated)>> DatedAsync(PlenaryDb db, Forum forum, CancellationToken cancel)
    {
        var published = await PublishedTimetable.LoadAsync(db, forum.Id, cancel);
        var rows = await PublishedTimetable.PublicSessions(db, forum.Id)
            .Where(s => db.Takeaways.Any(t => t.SessionId == s.Id) || db.SessionReports.Any(r => r.SessionId == s.Id))
            .Select(s => new
            {
                s.Id, s.StartsAt, s.EndsAt, s.RoomId, s.Status, s.ScheduleSequence,
                Reported = db.SessionReports.Where(r => r.SessionId == s.Id).Select(r => r.SubmittedAt).FirstOrDefault(),
                Versions = db.OutputVersions.Where(v => v.SessionId == s.Id).Max(v => (DateTime?)v.SubmittedAt),
                TakeawaysFirst = db.SessionReporting.Where(r => r.SessionId == s.Id).Select(r => r.TakeawaysSubmittedAt).FirstOrDefault(),
                ReportFirst = db.SessionReporting.Where(r => r.SessionId == s.Id).Select(r => r.ReportSubmittedAt).FirstOrDefault(),
            })
            .ToListAsync(cancel);
        var lastDayEnd = ForumClock.For(forum.TimeZoneId).DayBounds(forum.LastDay).End;
        return rows
            .Select(r =>
            {
                DateTime?[] recorded = [r.Reported, r.Versions, r.TakeawaysFirst, r.ReportFirst];
                var known = recorded.OfType<DateTime>().ToList();
                var ended = published.Of(r.Id, r.StartsAt, r.EndsAt, r.RoomId, r.Status, r.ScheduleSequence)?.EndsAt;
                var updated = known.Count > 0 ? known.Max() : ended ?? lastDayEnd;
                return (r.Id, Updated: DateTime.SpecifyKind(updated, DateTimeKind.Utc));
            })
            .OrderByDescending(x => x.Updated).ThenByDescending(x => x.Id)
            .ToList();
    }

    /// <summary>Stable whatever the host name or the page an entry is on, so readers never show an entry twice.</summary>
    public static string EntryId(Forum forum, Session session) =>
        $"urn:uuid:{C3vocSchedule.Uuid5(C3vocSchedule.UrlNamespace, $"plenary:{forum.Slug}/sessions/{session.Key}/outputs")}";

    public static string FeedId(Forum forum) =>
        $"urn:uuid:{C3vocSchedule.Uuid5(C3vocSchedule.UrlNamespace, $"plenary:{forum.Slug}/reports.atom")}";

    internal static string Write(Forum forum, string site, IReadOnlyList<Entry> entries, DateTime? updated, int page, int pages)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, OmitXmlDeclaration = false }))
        {
            static string Time(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            string Page(int n) => n == 1 ? site + ReportLinks.Feed(forum.Slug) : site + ReportLinks.Feed(forum.Slug) + "?page=" + n.ToString(CultureInfo.InvariantCulture);
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, FeedId(forum));
            xml.WriteElementString("title", Atom, $"{forum.Name}: takeaways and session reports");
            // An empty feed never changed: a fixed instant, so readers do not think it did.
            xml.WriteElementString("updated", Atom, Time(updated ?? new DateTime(forum.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, forum.Name);
            xml.WriteEndElement();
            Link(xml, "self", Page(page), "application/atom+xml");
            Link(xml, "alternate", site + ForumLinks.Home(forum.Slug), "text/html");
            if (pages > 1)
            {
                Link(xml, "first", Page(1), "application/atom+xml");
                Link(xml, "last", Page(pages), "application/atom+xml");
            }
            if (page > 1)
            {
                Link(xml, "previous", Page(page - 1), "application/atom+xml");
            }
            if (page < pages)
            {
                Link(xml, "next", Page(page + 1), "application/atom+xml");
            }
            foreach (var (s, at) in entries)
            {
                var url = site + SessionLinks.Page(forum.Slug, s.Key);
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, EntryId(forum, s));
                xml.WriteElementString("title", Atom, $"{s.NumberedName}: {s.Title}");
                xml.WriteElementString("updated", Atom, Time(at));
                Link(xml, "alternate", url, "text/html");
                xml.WriteStartElement("summary", Atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(Summary(s) is { Length: > 0 } body ? body : s.Title);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        // StringBuilder output claims UTF-16; the bytes sent are UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    /// <summary>The key takeaways, the calls to action with whom they address, and the report's key issues (or, for a report from before the structured form, the report).</summary>
    private static string Summary(Session s)
    {
        var summary = new StringBuilder();
        foreach (var t in s.Takeaways.Where(t => t.Kind == TakeawayKind.KeyTakeaway).OrderBy(t => t.Position))
        {
            summary.AppendLine(t.Text.Trim()).AppendLine();
        }
        foreach (var t in s.Takeaways.Where(t => t.Kind == TakeawayKind.CallToAction).OrderBy(t => t.Position))
        {
            summary.Append(t.Addressee is { } who ? $"[{Infrastructure.Localization.Labels.English(who)}] " : "").AppendLine(t.Text.Trim()).AppendLine();
        }
        if (s.Report is { } report && (string.IsNullOrWhiteSpace(report.KeyIssues) ? report.Body : report.KeyIssues) is { Length: > 0 } issues)
        {
            summary.AppendLine(issues.Trim());
        }
        return summary.ToString().Trim();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("type", type);
        xml.WriteEndElement();
    }
}
