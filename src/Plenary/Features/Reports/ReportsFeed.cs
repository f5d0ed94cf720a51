using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Reports;

/// <summary>
/// An Atom 1.0 feed of the forum's sessions with newly submitted outputs, newest first: one entry per session, updated
/// with its latest submission. Only what the session page publishes goes in; never drafts, writers' names or e-mails.
/// </summary>
public static class ReportsFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    public const int Entries = 50;

    public static IEndpointRouteBuilder MapReportsFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{forum}/reports.atom", async (string forum, PublicOrigin origin, PlenaryDb db, CancellationToken cancel) =>
        {
            if (await db.FindForumAsync(forum, cancel) is not { } found)
            {
                return Results.NotFound();
            }
            var latest = await db.OutputVersions
                .Where(v => db.Sessions.Any(s => s.Id == v.SessionId && s.ForumId == found.Id))
                .GroupBy(v => v.SessionId)
                .Select(g => new { SessionId = g.Key, Updated = g.Max(v => v.SubmittedAt) })
                .OrderByDescending(x => x.Updated).Take(Entries).ToListAsync(cancel);
            var ids = latest.Select(x => x.SessionId).ToList();
            var sessions = await db.Sessions.Where(s => ids.Contains(s.Id))
                .Include(s => s.Type).Include(s => s.Takeaways).Include(s => s.Report)
                .AsSplitQuery().ToDictionaryAsync(s => s.Id, cancel);
            // Feed readers keep the links; the feed is cached for everyone. Never the request's Host.
            var site = origin.Value;
            return Results.Text(Write(found, site, latest.Where(x => sessions.ContainsKey(x.SessionId)).Select(x => (sessions[x.SessionId], x.Updated)).ToList()),
                "application/atom+xml; charset=utf-8", Encoding.UTF8);
        }).WithName("ReportsFeed").ExcludeFromDescription().CacheOutput();
        return app;
    }

    internal static string Write(Forum forum, string site, List<(Sessions.Session Session, DateTime Updated)> entries)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, OmitXmlDeclaration = false }))
        {
            static string Time(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, $"{site}/{forum.Slug}/reports.atom");
            xml.WriteElementString("title", Atom, $"{forum.Name}: session reports");
            xml.WriteElementString("updated", Atom, Time(entries.Count > 0 ? entries.Max(e => e.Updated) : new DateTime(forum.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, forum.Name);
            xml.WriteEndElement();
            Link(xml, "self", $"{site}/{forum.Slug}/reports.atom", "application/atom+xml");
            Link(xml, "alternate", $"{site}/{forum.Slug}/programme", "text/html");
            foreach (var (s, updated) in entries)
            {
                var url = $"{site}/{forum.Slug}/sessions/{s.Key}";
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, url);
                xml.WriteElementString("title", Atom, $"{s.NumberedName}: {s.Title}");
                xml.WriteElementString("updated", Atom, Time(updated));
                Link(xml, "alternate", url, "text/html");
                var summary = new StringBuilder();
                foreach (var t in s.Takeaways.Where(t => t.Kind == Sessions.TakeawayKind.KeyTakeaway).OrderBy(t => t.Position))
                {
                    summary.AppendLine(t.Text).AppendLine();
                }
                foreach (var t in s.Takeaways.Where(t => t.Kind == Sessions.TakeawayKind.CallToAction).OrderBy(t => t.Position))
                {
                    summary.Append(t.Addressee is { } who ? $"[{Infrastructure.Localization.Labels.English(who)}] " : "").AppendLine(t.Text).AppendLine();
                }
                if (s.Report?.KeyIssues is { } issues)
                {
                    summary.AppendLine(issues);
                }
                xml.WriteStartElement("summary", Atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(summary.ToString().Trim() is { Length: > 0 } body ? body : s.Title);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        // StringBuilder output claims UTF-16; the bytes sent are UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
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
