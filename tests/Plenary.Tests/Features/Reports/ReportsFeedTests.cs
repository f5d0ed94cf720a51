using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Reports;

/// <summary>
/// The reports feed as a feed reader finds and reads it: advertised by every forum page, valid Atom, holding every
/// published output whatever its origin (the demo's Open Forum #56 among them), and nothing of an unreleased session.
/// </summary>
public abstract class ReportsFeedTests(PlenaryApp app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>The feed from its first page through its rel="next" links, as a reader walking the archive would.</summary>
    private async Task<List<XDocument>> PagesAsync(string url = "/igf2022/reports.atom", string? host = null)
    {
        var pages = new List<XDocument>();
        for (var next = url; next is not null && pages.Count < 100;)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            if (host is not null)
            {
                request.Headers.Host = host;
            }
            using var response = await app.Client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, next);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
            var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
            AtomRules.Problems(feed).ShouldBeEmpty(next);
            pages.Add(feed);
            next = feed.Root!.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == "next")?.Attribute("href")?.Value is { } href
                ? new Uri(href).PathAndQuery
                : null;
        }
        return pages;
    }

    private static IEnumerable<XElement> EntriesOf(IEnumerable<XDocument> pages) => pages.SelectMany(p => p.Root!.Elements(Atom + "entry"));

    private static DateTime Updated(XElement element) =>
        DateTime.Parse(element.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [Theory]
    [InlineData("/igf2022")]
    [InlineData("/igf2022/programme")]
    [InlineData("/igf2022/sessions/of-56")]
    [InlineData("/igf2022/rooms")]
    [InlineData("/igf2022/people")]
    [InlineData("/igf2022/sdgs/9")]
    [InlineData("/igf2022/schedule/grid")]
    [InlineData("/igf2022/now")]
    [InlineData("/igf2022/changes")]
    [InlineData("/igf2022/call")]
    public async Task Every_forum_page_advertises_the_reports_feed_and_the_calendar(string url)
    {
        var page = (await app.GetPageAsync(url)).Page;
        var atom = page.Head!.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']").ShouldHaveSingleItem();
        atom.GetAttribute("href").ShouldBe("/igf2022/reports.atom");
        atom.GetAttribute("title").ShouldBe("IGF 2022 (demo): takeaways and session reports (Atom)");
        page.Head!.QuerySelectorAll("link[rel=alternate][type='text/calendar']").ShouldHaveSingleItem().GetAttribute("href").ShouldBe("/igf2022/schedule.ics");
        (await app.GetAsync("/igf2022/schedule.ics")).Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
    }

    [Fact]
    public async Task A_page_outside_any_forum_advertises_no_forum_feed()
    {
        var page = (await app.GetPageAsync("/")).Page;
        page.Head!.QuerySelectorAll("link[rel=alternate]").Length.ShouldBe(0);
    }

    [Fact]
    public async Task The_advertised_feed_carries_the_outputs_the_demo_seeds_with_open_forum_56_among_them()
    {
        var home = (await app.GetPageAsync("/igf2022")).Page;
        var href = home.Head!.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href")!;
        var entries = EntriesOf(await PagesAsync(href)).ToList();

        var of56 = entries.Single(e => e.Element(Atom + "title")!.Value == "Open Forum #56: Enhance International Cooperation on Data-Driven Digital Economy");
        var summary = of56.Element(Atom + "summary")!.Value;
        // Its two key takeaways and its report, as seeded from the IGF's record.
        summary.ShouldContain("jointly build a community with a shared future in cyberspace");
        summary.ShouldContain("The establishment of international rules for digital governance based on consultation and consensus");
        summary.ShouldContain("the necessity and urgency of international cooperation on digital economy, digital connectivity and data governance");
        of56.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value.ShouldEndWith("/igf2022/sessions/of-56");
        // The report was filed on 15 December 2022 at 09:00 UTC; the takeaways carry no time of their own.
        of56.Element(Atom + "updated")!.Value.ShouldBe("2022-12-15T09:00:00Z");

        // Seeded sessions with takeaways only are there too, not just those written through the form.
        var seeded = await app.InDbAsync(db => db.Sessions.Where(s => s.Forum.Slug == "igf2022" && s.Takeaways.Any() && s.Report == null
                && !db.OutputVersions.Any(v => v.SessionId == s.Id))
            .OrderBy(s => s.Id).Select(s => s.Type.NumberLabel + " #" + s.Number).FirstAsync());
        entries.ShouldContain(e => e.Element(Atom + "title")!.Value.StartsWith(seeded + ":", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_feed_is_valid_atom_newest_first_and_its_pages_hold_every_public_session_with_outputs_once()
    {
        await app.EvictPublicCacheAsync();
        var pages = await PagesAsync();
        var entries = EntriesOf(pages).ToList();
        pages[0].Root!.Elements(Atom + "entry").Count().ShouldBe(ReportsFeed.Entries);
        pages.Count.ShouldBeGreaterThan(1);

        // Newest first, and the feed's updated is its newest entry's, on every page.
        entries.Select(Updated).ShouldBeInOrder(SortDirection.Descending);
        foreach (var page in pages)
        {
            Updated(page.Root!).ShouldBe(Updated(entries[0]));
        }

        // Every public session with a takeaway or a report, once: counted here from the latest release, independently of the feed.
        var expected = await app.InDbAsync(async db =>
        {
            var forum = await db.Forums.SingleAsync(f => f.Slug == "igf2022");
            var release = await db.TimetableReleases.Where(r => r.ForumId == forum.Id).MaxAsync(r => r.Id);
            return await db.Sessions.CountAsync(s => s.ForumId == forum.Id && db.ReleasedSessions.Any(p => p.ReleaseId == release && p.SessionId == s.Id)
                && (db.Takeaways.Any(t => t.SessionId == s.Id) || db.SessionReports.Any(r => r.SessionId == s.Id)));
        });
        entries.Count.ShouldBe(expected);
        entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count().ShouldBe(expected);
    }

    [Fact]
    public async Task Entry_ids_and_links_stay_the_same_whatever_the_host_name_the_feed_is_read_under()
    {
        static Dictionary<string, string> Ids(IEnumerable<XDocument> pages) => EntriesOf(pages)
            .ToDictionary(e => e.Element(Atom + "title")!.Value, e => e.Element(Atom + "id")!.Value);
        var here = await PagesAsync("/igf2022/reports.atom");
        var elsewhere = await PagesAsync("/igf2022/reports.atom", host: "forum.example.org");

        Ids(elsewhere).ShouldBe(Ids(here));
        here[0].Root!.Element(Atom + "id")!.Value.ShouldBe(elsewhere[0].Root!.Element(Atom + "id")!.Value);
        // Links come from the address the operator configured, never from the Host header a reader (or forger) sent.
        static string FirstLink(IEnumerable<XDocument> pages) => EntriesOf(pages).First().Elements(Atom + "link").First().Attribute("href")!.Value;
        FirstLink(elsewhere).ShouldBe(FirstLink(here));
        FirstLink(elsewhere).ShouldNotContain("forum.example.org");
        Ids(here).Values.ShouldAllBe(id => id.StartsWith("urn:uuid:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outputs_of_a_session_the_released_timetable_does_not_carry_stay_out_of_the_feed_until_it_does()
    {
        // WS #1 is released with its outputs; WS #2 is added after the release, outputs already written.
        var forum = await app.ForumOfItsOwnAsync("feed", placed: 1);
        await AddOutputsAsync(forum.Session(1).Id, "Released with its session.");
        await app.ReleaseTimetableAsync(forum.Slug);
        int later = 0;
        await app.InDbAsync(async db =>
        {
            var session = new Session { ForumId = forum.Id, TypeId = forum.Session(1).TypeId, Number = 2, Title = "Added after the release", LengthMinutes = 60 };
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            later = session.Id;
        });
        await AddOutputsAsync(later, "Not for the public yet.");
        await app.EvictPublicCacheAsync();

        var feed = $"/{forum.Slug}/reports.atom";
        var entries = EntriesOf(await PagesAsync(feed)).ToList();
        entries.Select(e => e.Element(Atom + "title")!.Value).ShouldAllBe(t => t.StartsWith("WS #1:", StringComparison.Ordinal));
        entries.ShouldNotBeEmpty();
        entries.ShouldNotContain(e => e.Element(Atom + "summary")!.Value.Contains("Not for the public yet.", StringComparison.Ordinal));

        await app.ReleaseTimetableAsync(forum.Slug);
        EntriesOf(await PagesAsync(feed)).ShouldContain(e => e.Element(Atom + "title")!.Value.StartsWith("WS #2:", StringComparison.Ordinal)
            && e.Element(Atom + "summary")!.Value.Contains("Not for the public yet.", StringComparison.Ordinal));
    }

    private Task AddOutputsAsync(int session, string takeaway) => app.InDbAsync(async db =>
    {
        db.Takeaways.Add(new Takeaway { SessionId = session, Kind = TakeawayKind.KeyTakeaway, Position = 1, Text = takeaway });
        db.OutputVersions.Add(new OutputVersion
        {
            SessionId = session, Part = OutputPart.Takeaways, Number = 1, SubmittedAt = DateTime.UtcNow, SubmittedBy = "A rapporteur",
            Content = $$"""{"Takeaway1":"{{takeaway}}"}""",
        });
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_feed_and_the_calendar_travel_compressed_to_readers_that_accept_it()
    {
        foreach (var url in new[] { "/igf2022/reports.atom", "/igf2022/schedule.ics" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var response = await app.Client.SendAsync(request);
            response.Content.Headers.ContentEncoding.ShouldBe(["gzip"], url);
            await using var unzipped = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
            var text = await new StreamReader(unzipped).ReadToEndAsync();
            text.ShouldStartWith(url.EndsWith(".atom", StringComparison.Ordinal) ? "<?xml" : "BEGIN:VCALENDAR", Case.Sensitive, url);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    [InlineData("99999")]
    public async Task A_page_of_the_feed_that_does_not_exist_is_a_problem_saying_which_pages_do(string page)
    {
        var response = await app.GetAsync($"/igf2022/reports.atom?page={page}");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("?page=1");
    }
}

/// <summary>
/// The requirements RFC 4287 puts on a feed document, checked element by element (no schema for Atom is published
/// under terms that let it be copied here): cardinalities of sections 4.1.1 and 4.1.2, person constructs (3.2), date
/// constructs (3.3, RFC 3339), identifiers as absolute IRIs (4.2.6), links with an href (4.2.7), text construct types (3.1).
/// </summary>
public static partial class AtomRules
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static List<string> Problems(XDocument document)
    {
        var problems = new List<string>();
        var feed = document.Root!;
        if (feed.Name != Atom + "feed")
        {
            return [$"the root is {feed.Name}, not atom:feed"];
        }
        void Count(XElement parent, string name, int min, int max)
        {
            var n = parent.Elements(Atom + name).Count();
            if (n < min || n > max)
            {
                problems.Add($"{parent.Name.LocalName} has {n} atom:{name}, RFC 4287 allows {min} to {max}");
            }
        }
        void Common(XElement parent)
        {
            foreach (var name in new[] { "id", "title", "updated" })
            {
                Count(parent, name, 1, 1);
            }
            foreach (var name in new[] { "rights", "summary", "content", "published", "source", "generator", "icon", "logo", "subtitle" })
            {
                Count(parent, name, 0, 1);
            }
            if (parent.Element(Atom + "id")?.Value is { } id && !Uri.TryCreate(id, UriKind.Absolute, out _))
            {
                problems.Add($"atom:id “{id}” is not an absolute IRI (4.2.6)");
            }
            foreach (var date in parent.Elements(Atom + "updated").Concat(parent.Elements(Atom + "published")))
            {
                if (!Rfc3339().IsMatch(date.Value))
                {
                    problems.Add($"“{date.Value}” is not an RFC 3339 date-time (3.3)");
                }
            }
            foreach (var text in parent.Elements().Where(e => e.Name.LocalName is "title" or "summary" or "rights" or "subtitle"))
            {
                if ((string?)text.Attribute("type") is { } type && type is not ("text" or "html" or "xhtml"))
                {
                    problems.Add($"atom:{text.Name.LocalName} has type “{type}” (3.1)");
                }
            }
            var links = parent.Elements(Atom + "link").ToList();
            if (links.Any(l => string.IsNullOrEmpty((string?)l.Attribute("href"))))
            {
                problems.Add($"a link of {parent.Name.LocalName} has no href (4.2.7)");
            }
            var alternates = links.Where(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate")
                .GroupBy(l => ((string?)l.Attribute("type"), (string?)l.Attribute("hreflang")));
            if (alternates.Any(g => g.Count() > 1))
            {
                problems.Add($"{parent.Name.LocalName} has two alternate links of one type and language (4.1.1)");
            }
            foreach (var person in parent.Elements(Atom + "author").Concat(parent.Elements(Atom + "contributor")))
            {
                Count(person, "name", 1, 1);
            }
        }
        Common(feed);
        if (feed.Element(Atom + "published") is not null || feed.Element(Atom + "source") is not null || feed.Element(Atom + "summary") is not null)
        {
            problems.Add("the feed holds an element only entries may hold (4.1.1)");
        }
        var entries = feed.Elements(Atom + "entry").ToList();
        foreach (var entry in entries)
        {
            Common(entry);
            if (entry.Element(Atom + "subtitle") is not null)
            {
                problems.Add("an entry has an atom:subtitle (4.1.2)");
            }
            if (entry.Element(Atom + "content") is null && !entry.Elements(Atom + "link").Any(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate"))
            {
                problems.Add("an entry without content has no alternate link (4.1.1)");
            }
            if (feed.Element(Atom + "author") is null && entry.Element(Atom + "author") is null)
            {
                problems.Add("an entry has no author and the feed none to lend it (4.1.1)");
            }
        }
        if (entries.GroupBy(e => (e.Element(Atom + "id")?.Value, e.Element(Atom + "updated")?.Value)).Any(g => g.Count() > 1))
        {
            problems.Add("two entries share an id and an updated (4.1.1)");
        }
        return problems;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}

[Collection("sqlite")]
public sealed class ReportsFeedOnSqlite(SqliteApp app) : ReportsFeedTests(app);

[Collection("postgres")]
public sealed class ReportsFeedOnPostgres(PostgresApp app) : ReportsFeedTests(app);
