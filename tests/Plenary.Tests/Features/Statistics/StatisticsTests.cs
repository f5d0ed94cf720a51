using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Registrations;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Tests.Infrastructure.Fixtures;
using RegistrationRow = Plenary.Features.Registrations.Registration;

namespace Plenary.Tests.Features.Statistics;

/// <summary>
/// The statistics page, its CSV files and the API: one definition of each figure (the outcome document's participants
/// count only the reports that give a number), small groups merged and withheld everywhere, first-timers told from
/// returning people across forums, and the figures public only once the Secretariat publishes them.
/// </summary>
public abstract class StatisticsTests(PlenaryApp app)
{
    private static readonly DateTime Past = new(2025, 6, 10, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A forum of its own, over, with three sessions held and one report of three giving an onsite count.</summary>
    private async Task<(string Slug, int Id)> ForumAsync(int year = 2025, string? series = null)
    {
        var slug = $"st-{Guid.NewGuid():N}"[..16];
        var id = 0;
        await app.InDbAsync(async db =>
        {
            var forum = new Forum
            {
                Slug = slug, Name = $"Statistics IGF {slug}", Year = year, Series = series, HostCity = "Lillestrøm", Venue = "Nova Spektrum", TimeZoneId = "Europe/Oslo",
                FirstDay = new DateOnly(year, 6, 10), LastDay = new DateOnly(year, 6, 12), Theme = "Figures", Languages = ["en"], SessionTypes = SessionType.IgfUsual(),
            };
            db.Forums.Add(forum);
            await db.SaveChangesAsync();
            id = forum.Id;
            var ws = forum.SessionTypes.Single(t => t.Code == "WS").Id;
            var start = new DateTime(year, 6, 10, 9, 0, 0, DateTimeKind.Utc);
            for (var n = 1; n <= 3; n++)
            {
                db.Sessions.Add(new Session
                {
                    ForumId = forum.Id, TypeId = ws, Number = n, Title = $"Workshop {n}", LengthMinutes = 60, StartsAt = start.AddHours(n), EndsAt = start.AddHours(n + 1),
                    Report = new SessionReport { Body = "Discussion.", OnsiteParticipants = n == 2 ? 30 : null },
                });
            }
            db.Sessions.Add(new Session { ForumId = forum.Id, TypeId = ws, Number = 4, Title = "Cancelled", LengthMinutes = 60, Status = SessionStatus.Cancelled });
            await db.SaveChangesAsync();
        });
        return (slug, id);
    }

    /// <summary>Registers a new person (or <paramref name="person"/>) at the forum; onsite ones are checked in.</summary>
    private static async Task<int> RegisterAsync(PlenaryDb db, int forumId, StakeholderGroup? group = null, Gender? gender = null, int? person = null,
        AttendanceMode mode = AttendanceMode.Onsite)
    {
        if (person is null)
        {
            var p = new Person { Name = $"Registrant {Guid.NewGuid():N}"[..20], StakeholderGroup = group, Gender = gender };
            db.People.Add(p);
            await db.SaveChangesAsync();
            person = p.Id;
        }
        var email = $"{Guid.NewGuid():N}@example.org";
        var account = await db.Users.FirstOrDefaultAsync(a => a.PersonId == person);
        if (account is null)
        {
            account = new Account { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), PersonId = person.Value, CreatedAt = Past };
            db.Users.Add(account);
            await db.SaveChangesAsync();
        }
        var registration = new RegistrationRow
        {
            ForumId = forumId, AccountId = account.Id, PersonId = person.Value, Mode = mode, Status = RegistrationStatus.Approved, StakeholderGroup = group, Gender = gender,
            CreatedAt = Past, UpdatedAt = Past, BadgeSecret = RegistrationRow.NewBadgeSecret(),
        };
        db.Registrations.Add(registration);
        await db.SaveChangesAsync();
        if (mode == AttendanceMode.Onsite)
        {
            db.CheckIns.Add(new CheckIn { RegistrationId = registration.Id, ForumId = forumId, Day = new DateOnly(2025, 6, 10), At = Past });
            await db.SaveChangesAsync();
        }
        return person.Value;
    }

    /// <param name="formPage">A page with a form, for the visitor's antiforgery token: the statistics page for its Secretariat.</param>
    private static Task<HttpResponseMessage> PublishAsync(HttpClient visitor, string slug, string state = "published", string? formPage = null) =>
        PlenaryApp.SubmitFormAsync(visitor, formPage ?? $"/{slug}/statistics", [], $"/{slug}/statistics?handler=Publication&state={state}");

    private static string Cell(AngleSharp.Html.Dom.IHtmlDocument page, string label) =>
        page.QuerySelectorAll("section[aria-labelledby=summary] tr").Single(r => r.QuerySelector("th")!.TextContent.StartsWith(label, StringComparison.Ordinal))
            .QuerySelector("td")!.TextContent;

    [Fact]
    public async Task A_check_in_shows_at_once_on_the_published_figures_and_every_other_page_stays_cached()
    {
        var (slug, id) = await ForumAsync();
        var (elsewhere, elsewhereId) = await ForumAsync();
        var arriving = 0;
        await app.InDbAsync(async db =>
        {
            await RegisterAsync(db, id);
            // Someone who came to another forum: their registration here writes no person and no account, as at the door.
            arriving = await RegisterAsync(db, elsewhereId);
            db.StatisticsPublications.Add(new Plenary.Features.Statistics.StatisticsPublication { ForumId = id, PublishedAt = Past });
            db.OutcomeDocuments.Add(new Plenary.Features.Messages.OutcomeDocument { ForumId = id, PublishedAt = Past });
            await db.SaveChangesAsync();
        });
        const string checkedIn = "Registered participants checked in at the venue";
        async Task<(string Theme, string Page, int Api, string Outcome, int OutcomeApi)> ShownAsync() =>
            ((await app.GetPageAsync($"/{slug}")).Page.QuerySelector(".theme")!.TextContent,
             Cell((await app.GetPageAsync($"/{slug}/statistics")).Page, checkedIn),
             (await app.GetJsonAsync($"/api/forums/{slug}/statistics")).Json.GetProperty("summary").GetProperty("checkedIn").GetInt32(),
             (await app.GetPageAsync($"/{slug}/messages")).Page.QuerySelectorAll("section[aria-labelledby=figures] tr")
                 .Single(r => r.QuerySelector("th")?.TextContent == checkedIn).QuerySelector("td")!.TextContent,
             (await app.GetJsonAsync($"/api/forums/{slug}/messages")).Json.GetProperty("figures").GetProperty("checkedIn").GetInt32());
        var before = await ShownAsync();
        (before.Theme, before.Page, before.Api, before.Outcome, before.OutcomeApi).ShouldBe(("Figures", "1", 1, "1", 1));
        // Behind the cache's back: the forum's page, still served, shows that the check-in below did not evict it.
        await app.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Forums\" SET \"Theme\" = 'Changed behind the cache' WHERE \"Id\" = {id}"));

        await app.InDbAsync(db => RegisterAsync(db, id, person: arriving));

        var after = await ShownAsync();
        (after.Theme, after.Page, after.Api, after.Outcome, after.OutcomeApi).ShouldBe(("Figures", "2", 2, "2", 2));
        await app.EvictPublicCacheAsync();
        (await ShownAsync()).Theme.ShouldBe("Changed behind the cache");
    }

    [Fact]
    public async Task Participants_count_only_the_reports_that_give_a_number_on_the_statistics_and_the_outcome_document()
    {
        var (slug, _) = await ForumAsync();
        using var secretariat = await app.SecretariatOfAsync(slug);

        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/statistics"));
        // Three reports, one with a number: 30 from that one, never "counted in 3 reports".
        Cell(page, "Participants onsite, in the 1 of 3 session reports that give a number").ShouldBe("30");
        Cell(page, "Participants online, in the 0 of 3 session reports that give a number").ShouldBe("not reported");
        Cell(page, "Sessions held").ShouldBe("3");

        var outcome = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/messages"));
        outcome.QuerySelectorAll("section[aria-labelledby=figures] tr").Select(r => r.TextContent)
            .ShouldContain(t => t.StartsWith("Participants onsite, in the 1 of 3 session reports that give a number", StringComparison.Ordinal) && t.EndsWith("30", StringComparison.Ordinal));

        var api = await secretariat.GetAsync($"/api/forums/{slug}/statistics");
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        var summary = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("summary");
        (summary.GetProperty("sessionReports").GetInt32(), summary.GetProperty("onsiteReporting").GetInt32(), summary.GetProperty("onsiteParticipants").GetInt32(),
            summary.GetProperty("onlineReporting").GetInt32()).ShouldBe((3, 1, 30, 0));
    }

    [Fact]
    public async Task Groups_of_fewer_than_five_are_merged_and_withheld_on_the_page_in_the_csv_and_in_the_api()
    {
        var (slug, id) = await ForumAsync();
        await app.InDbAsync(async db =>
        {
            for (var i = 0; i < 6; i++)
            {
                await RegisterAsync(db, id, StakeholderGroup.Government, Gender.Woman);
            }
            await RegisterAsync(db, id, StakeholderGroup.Academia, Gender.NonBinaryOrGenderDiverse);
            await RegisterAsync(db, id, StakeholderGroup.Academia, Gender.Man);
            await RegisterAsync(db, id, StakeholderGroup.CivilSociety, Gender.Man, mode: AttendanceMode.Online);
            for (var i = 0; i < 3; i++)
            {
                await RegisterAsync(db, id, StakeholderGroup.PrivateSector, Gender.Man);
            }
        });
        using var secretariat = await app.SecretariatOfAsync(slug);

        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/statistics"));
        var table = page.QuerySelector("section[aria-labelledby=registrations-by-stakeholder-group] table")!;
        table.QuerySelector("caption")!.TextContent.ShouldBe("Registrations and attendance by stakeholder group");
        table.QuerySelectorAll("th[scope=col]").Select(th => th.TextContent).ShouldBe(
            ["Group", "Registered", "Approved", "Checked in onsite", "Online", "Remote hubs", "Headcount at remote hubs"]);
        var rows = table.QuerySelectorAll("tbody tr").Select(r => (r.QuerySelector("th[scope=row]")!.TextContent, r.QuerySelectorAll("td").Select(td => td.TextContent).ToList())).ToList();
        rows.Select(r => r.Item1).ShouldBe(["Government", "Other groups"]);
        rows[0].Item2.ShouldBe(["6", "6", "6", "0", "0", "0"]);
        // Academia (2), civil society (1) and the private sector (3) merged into 6; of them the one online is withheld, and
        // the zeros say nothing of anyone.
        rows[1].Item2.ShouldBe(["6", "6", "5", "fewer than 5", "0", "0"]);
        page.QuerySelector("section[aria-labelledby=registrations-by-gender]")!.TextContent.ShouldNotContain("Non-binary");
        page.QuerySelector("p.hint")!.TextContent.ShouldContain("fewer than 5 people");

        var csv = await secretariat.GetAsync($"/{slug}/statistics/registrations-by-gender.csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldBe([
            "Group,key,Registered,Approved,Checked in onsite,Online,Remote hubs,Headcount at remote hubs",
            "Woman,Woman,6,6,6,0,0,0",
            // The one non-binary person alone would be the total less the rows shown, so the smallest group shown (5 men) joins them.
            "Other groups,other,6,6,5,fewer than 5,0,0",
        ]);

        var json = JsonDocument.Parse(await (await secretariat.GetAsync($"/api/forums/{slug}/statistics")).Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("smallGroupThreshold").GetInt32().ShouldBe(5);
        var gender = json.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "registrations-by-gender");
        gender.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).ShouldBe(["Woman", "other"]);
        gender.GetProperty("rows")[1].GetProperty("values")[0].GetInt32().ShouldBe(6);
        gender.GetProperty("rows")[1].GetProperty("values")[3].ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task First_time_participants_are_told_from_those_who_registered_or_spoke_at_an_earlier_forum()
    {
        var series = $"s{Guid.NewGuid():N}"[..12];
        var (earlier, earlierId) = await ForumAsync(2024, series);
        var (later, laterId) = await ForumAsync(2025, series);
        await app.InDbAsync(async db =>
        {
            // Five come back: four registered at the earlier forum, one spoke there without registering.
            for (var i = 0; i < 4; i++)
            {
                var person = await RegisterAsync(db, earlierId, StakeholderGroup.Government);
                await RegisterAsync(db, laterId, StakeholderGroup.Government, person: person);
            }
            var speaker = new Person { Name = "Earlier speaker" };
            db.People.Add(speaker);
            await db.SaveChangesAsync();
            var session = await db.Sessions.FirstAsync(s => s.ForumId == earlierId);
            db.SessionRoles.Add(new SessionRole { SessionId = session.Id, PersonId = speaker.Id, Kind = SessionRoleKind.Speaker });
            await db.SaveChangesAsync();
            await RegisterAsync(db, laterId, StakeholderGroup.Academia, person: speaker.Id);
            // Six come for the first time.
            for (var i = 0; i < 6; i++)
            {
                await RegisterAsync(db, laterId, StakeholderGroup.CivilSociety, mode: AttendanceMode.Online);
            }
        });
        using var secretariat = await app.SecretariatOfAsync(later);
        var json = JsonDocument.Parse(await (await secretariat.GetAsync($"/api/forums/{later}/statistics")).Content.ReadAsStringAsync()).RootElement;
        var firstTime = json.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "first-time");
        firstTime.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("key").GetString(), r.GetProperty("values")[0].GetInt32(), r.GetProperty("values")[1].GetInt32()))
            .ShouldBe([("first-time", 6, 0), ("returning", 5, 5)]);
        // At the earlier forum everyone was new; its four are fewer than 5, so merged and withheld, and no one "returns" there.
        using var earlierSecretariat = await app.SecretariatOfAsync(earlier);
        var page = await PlenaryApp.ParseAsync(await earlierSecretariat.GetAsync($"/{earlier}/statistics"));
        page.QuerySelectorAll("section[aria-labelledby=first-time] tbody tr").Select(r => r.TextContent)
            .ShouldBe(["Other groupsfewer than 5fewer than 5"]);
        // Its chart: the withheld figure is written, with no bar at all.
        page.QuerySelectorAll("section[aria-labelledby=first-time] svg[role=img] g")
            .Select(g => (g.QuerySelector("text.label")!.TextContent, g.QuerySelector("rect.bar") is not null, g.QuerySelector("text.figure")!.TextContent))
            .ShouldBe([("Other groups", false, "fewer than 5")]);
        page.QuerySelector("section[aria-labelledby=first-time] .chart p.hint")!.TextContent.ShouldContain("without a bar");

        // Across editions: the later forum's Secretariat sees the earlier edition once its statistics are published.
        (await PublishAsync(earlierSecretariat, earlier)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var editions = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{later}/statistics"));
        editions.QuerySelectorAll("section[aria-labelledby=editions] tbody tr th").Select(th => th.TextContent).ShouldBe([$"Statistics IGF {earlier}", $"Statistics IGF {later}"]);
        editions.QuerySelectorAll("section[aria-labelledby=editions] tbody tr").Last().QuerySelectorAll("td").Select(td => td.TextContent).ShouldBe(["2025", "4", "11", "5", "0"]);
    }

    [Fact]
    public async Task Only_the_Secretariat_sees_them_until_it_publishes_them_and_the_publication_is_audited()
    {
        var (slug, _) = await ForumAsync();
        using var anonymous = app.CreateVisitor();
        using var participant = await app.SignedInVisitorAsync($"p{Guid.NewGuid():N}@example.org");
        using var secretariat = await app.SecretariatOfAsync(slug);

        (await anonymous.GetAsync($"/{slug}/statistics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await participant.GetAsync($"/{slug}/statistics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/{slug}/statistics/sessions-by-type.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var hidden = await anonymous.GetAsync($"/api/forums/{slug}/statistics");
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        hidden.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var denied = await participant.GetAsync($"/api/forums/{slug}/statistics");
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        denied.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await PlenaryApp.ParseAsync(await anonymous.GetAsync($"/{slug}"))).QuerySelector($"a[href='/{slug}/statistics']").ShouldBeNull();

        var live = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/statistics"));
        live.QuerySelector("p.notice")!.TextContent.ShouldContain("Not published yet");
        live.QuerySelector("form[action*='handler=Publication'] button")!.TextContent.ShouldBe("Publish the statistics");
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}"))).QuerySelector($"a[href='/{slug}/statistics']").ShouldNotBeNull();

        // A participant cannot publish them.
        var refused = await PublishAsync(participant, slug, formPage: "/account/api-tokens");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        new Uri(new Uri("http://localhost"), refused.Headers.Location!).AbsolutePath.ShouldBe("/account/denied");
        (await anonymous.GetAsync($"/{slug}/statistics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await PublishAsync(secretariat, slug)).Headers.Location!.OriginalString.ShouldBe($"/{slug}/statistics");
        await app.EvictPublicCacheAsync();
        var page = await PlenaryApp.ParseAsync(await anonymous.GetAsync($"/{slug}/statistics"));
        page.QuerySelector("h1")!.TextContent.ShouldContain("statistics");
        page.QuerySelector("form[action*='handler=Publication']").ShouldBeNull();
        (await anonymous.GetAsync($"/api/forums/{slug}/statistics")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync($"/{slug}/statistics/sessions-by-type.csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.ParseAsync(await anonymous.GetAsync($"/{slug}"))).QuerySelector($"a[href='/{slug}/statistics']").ShouldNotBeNull();

        (await PublishAsync(secretariat, slug, "draft")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await app.EvictPublicCacheAsync();
        (await anonymous.GetAsync($"/{slug}/statistics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.InDbAsync(db => db.AuditLog.Where(e => db.Forums.Any(f => f.Id == e.ForumId && f.Slug == slug)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()))
            .ShouldBe(["statistics.publish", "statistics.withdraw"]);
    }

    [Fact]
    public async Task Every_table_downloads_as_csv_and_an_unknown_one_is_not_found()
    {
        var (slug, _) = await ForumAsync();
        using var secretariat = await app.SecretariatOfAsync(slug);
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{slug}/statistics"));
        var links = page.QuerySelectorAll("a[href$='.csv']").Select(a => a.GetAttribute("href")!).ToList();
        links.Count.ShouldBe(15);
        foreach (var link in links)
        {
            var csv = await secretariat.GetAsync(link);
            csv.StatusCode.ShouldBe(HttpStatusCode.OK, link);
            Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').ShouldStartWith("Group,key,", customMessage: link);
        }
        var types = Encoding.UTF8.GetString(await (await secretariat.GetAsync($"/{slug}/statistics/sessions-by-type.csv")).Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        types.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ShouldBe(["Group,key,Sessions", "Workshop,WS,3"]);
        (await secretariat.GetAsync($"/{slug}/statistics/no-such-table.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_demo_forum_counts_sessions_by_compact_objective_and_wsis_action_line_as_the_programme_filters_find_them()
    {
        using var anonymous = app.CreateVisitor();
        var page = await PlenaryApp.ParseAsync(await anonymous.GetAsync("/igf2022/statistics"));
        var json = JsonDocument.Parse(await (await anonymous.GetAsync("/api/forums/igf2022/statistics")).Content.ReadAsStringAsync()).RootElement;
        foreach (var (slug, caption, codes) in new[] { ("gdc", "Sessions by Global Digital Compact objective", 5), ("wsis", "Sessions by WSIS action line", 11) })
        {
            var section = page.QuerySelector($"section[aria-labelledby=sessions-by-{slug}]")!;
            section.QuerySelector("h3")!.TextContent.ShouldBe(caption);
            section.QuerySelector("table caption")!.TextContent.ShouldBe(caption);
            // Drawn as the SDG table is: a chart titled like it, described by the table beside it, then the CSV.
            var chart = section.QuerySelector("svg[role=img]")!;
            chart.QuerySelector("title")!.TextContent.ShouldBe(caption);
            chart.GetAttribute("aria-describedby").ShouldBe(section.QuerySelector("table")!.Id);
            section.QuerySelector($"a[href='/igf2022/statistics/sessions-by-{slug}.csv']").ShouldNotBeNull();

            var rows = json.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("id").GetString() == $"sessions-by-{slug}")
                .GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("values")[0].GetInt32());
            rows.ShouldNotBeEmpty();
            rows.Count.ShouldBeLessThanOrEqualTo(codes);
            var shown = section.QuerySelectorAll("table tbody tr").Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelector("td")!.TextContent)).ToList();
            shown.Count.ShouldBe(rows.Count);
            foreach (var (code, count) in rows)
            {
                // The programme's filter lists the cancelled sessions too, marked; the programme's tables count the others.
                var (status, _, listed) = await app.GetJsonAsync($"/api/forums/igf2022/sessions?{slug}={code}");
                status.ShouldBe(HttpStatusCode.OK);
                count.ShouldBe(listed.EnumerateArray().Count(e => e.GetProperty("status").GetString() != "Cancelled"), $"{slug}={code}");
                shown.ShouldContain(r => r.Item1.StartsWith($"{code}. ", StringComparison.Ordinal) && r.Item2 == count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task A_forum_using_only_the_wsis_action_lines_shows_their_table_and_no_compact_table()
    {
        var forum = await app.ForumOfItsOwnAsync("stwsis", placed: 3, shape: f => f.UsesWsis = true);
        await app.InDbAsync(async db =>
        {
            void Link(int number, Plenary.Features.Frameworks.Framework framework, string code) => db.SessionFrameworkLinks.Add(
                new Plenary.Features.Frameworks.SessionFrameworkLink { SessionId = forum.Session(number).Id, Framework = framework, Code = code });
            Link(1, Plenary.Features.Frameworks.Framework.Wsis, "C5");
            Link(1, Plenary.Features.Frameworks.Framework.Wsis, "C7");
            Link(2, Plenary.Features.Frameworks.Framework.Wsis, "C5");
            // Kept from a time the forum used the Compact: neither its filter nor its table shows it.
            Link(3, Plenary.Features.Frameworks.Framework.Gdc, "3");
            await db.SaveChangesAsync();
        });
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum.Slug}/statistics"));
        page.QuerySelector("section[aria-labelledby=sessions-by-gdc]").ShouldBeNull();
        var wsis = page.QuerySelector("section[aria-labelledby=sessions-by-wsis]")!;
        wsis.QuerySelectorAll("table tbody tr").Select(r => (r.QuerySelector("th")!.TextContent.Split('.')[0], r.QuerySelector("td")!.TextContent))
            .ShouldBe([("C5", "2"), ("C7", "1")]);
        var (_, programme) = await app.GetPageAsync($"/{forum.Slug}/programme?wsis=C5");
        programme.QuerySelectorAll("ol.sessions h3 a").Length.ShouldBe(2);
        var csv = Encoding.UTF8.GetString(await (await secretariat.GetAsync($"/{forum.Slug}/statistics/sessions-by-wsis.csv")).Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1].TrimStart('"').ShouldStartWith("C5. ");
        (await secretariat.GetAsync($"/{forum.Slug}/statistics/sessions-by-gdc.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_demo_forum_s_statistics_draw_charts_described_by_their_tables_beside_their_csv()
    {
        using var anonymous = app.CreateVisitor();
        var page = await PlenaryApp.ParseAsync(await anonymous.GetAsync("/igf2022/statistics"));
        var charts = page.QuerySelectorAll("svg[role=img]").ToList();
        charts.Count.ShouldBeGreaterThanOrEqualTo(4);
        foreach (var chart in charts)
        {
            var title = chart.QuerySelector("title")!;
            title.TextContent.ShouldNotBeNullOrWhiteSpace();
            chart.GetAttribute("aria-labelledby")!.Split(' ').ShouldContain(title.Id!);
            // Its figures: the table of the same section, which the drawing names as its description, then the CSV.
            var section = chart.Closest("section")!;
            var figures = section.QuerySelector("table")!;
            chart.GetAttribute("aria-describedby").ShouldBe(figures.Id, title.TextContent);
            section.QuerySelector("a[href$='.csv']").ShouldNotBeNull(title.TextContent);
            // No second table inside the chart: the figures are read once.
            chart.ParentElement!.QuerySelector("table").ShouldBeNull();
            foreach (var bar in chart.QuerySelectorAll("g"))
            {
                var figure = bar.QuerySelector("text.figure")!.TextContent;
                // A withheld figure is never a bar; a bar always carries an exact number.
                (bar.QuerySelector("rect.bar") is null).ShouldBe(figure == "fewer than 5", $"{title.TextContent}: {bar.TextContent}");
            }
        }
        page.QuerySelectorAll("svg[role=img] title").Select(t => t.TextContent).ShouldContain("Registrations by stakeholder group");
        page.QuerySelectorAll("svg[role=img] title").Select(t => t.TextContent).ShouldContain("Sessions by type");
        page.QuerySelectorAll("svg[role=img] title").Select(t => t.TextContent).ShouldContain("Speakers by gender (self-described)");
        page.QuerySelectorAll("svg[role=img] title").Select(t => t.TextContent).ShouldContain("First-time and returning participants");
        // Countries: the chart draws at most the 15 most frequent; the table under it lists every one.
        var countries = page.QuerySelector("section[aria-labelledby=registrations-by-country]")!;
        var listed = countries.QuerySelectorAll("table tbody tr").Length;
        listed.ShouldBeGreaterThan(1);
        countries.QuerySelectorAll("svg[role=img] g").Length.ShouldBe(Math.Min(15, listed));
    }

    [Fact]
    public async Task The_demo_forum_publishes_statistics_linked_from_its_home_with_the_programme_s_session_count()
    {
        using var anonymous = app.CreateVisitor();
        var home = await PlenaryApp.ParseAsync(await anonymous.GetAsync("/igf2022"));
        home.QuerySelector("a[href='/igf2022/statistics']")!.TextContent.ShouldBe("Participation and programme statistics");

        var response = await anonymous.GetAsync("/igf2022/statistics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PlenaryApp.ParseAsync(response);
        // Narrowed to workshops, the programme says how many of its whole match.
        var programme = await PlenaryApp.ParseAsync(await anonymous.GetAsync("/igf2022/programme?type=WS"));
        // "54 of 130 sessions match.": the second number is the programme's whole.
        var total = programme.QuerySelectorAll("p[role=status]").Single(p => p.TextContent.EndsWith("sessions match.", StringComparison.Ordinal)).TextContent.Split(' ')[2];
        Cell(page, "Sessions in the programme").ShouldBe(total);

        var json = JsonDocument.Parse(await (await anonymous.GetAsync("/api/forums/igf2022/statistics")).Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("programmeSessions").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(total);
        var stakeholders = json.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "registrations-by-stakeholder-group");
        // Something to see: several groups of at least five people each.
        stakeholders.GetProperty("rows").EnumerateArray().Count(r => r.GetProperty("key").GetString() != "other").ShouldBeGreaterThanOrEqualTo(3);
        json.GetProperty("summary").GetProperty("checkedIn").GetInt32().ShouldBeGreaterThan(0);
    }
}

[Collection("sqlite")]
public sealed class StatisticsOnSqlite(SqliteApp app) : StatisticsTests(app);

[Collection("postgres")]
public sealed class StatisticsOnPostgres(PostgresApp app) : StatisticsTests(app);
