using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Sessions;
using Plenary.Tests.Features.Releases;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Kernel.Caching;

/// <summary>
/// Signed-in readers of the programme and of a session page share one rendering of it per language, kept and evicted
/// like the visitors' cached pages, while their own parts (the agenda buttons they are shown, their form token, their
/// way in online, the links their roles give) are put in for each request: no reader is ever served another's.
/// </summary>
public abstract class SharedPartTests(PlenaryApp app)
{
    private static readonly DateOnly First = new(2030, 3, 4);

    private static string Id(Session s) => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(ReleaseForum Forum, Session Morning, Session Afternoon)> ProgrammeAsync()
    {
        var forum = await ReleaseForum.CreateAsync(app);
        var morning = await forum.SessionAsync(1, "Morning session", ReleaseForum.At(First, 0, 9));
        var afternoon = await forum.SessionAsync(2, "Afternoon session", ReleaseForum.At(First, 0, 14));
        await app.ReleaseTimetableAsync(forum.Slug);
        return (forum, morning, afternoon);
    }

    private async Task<HttpClient> ReaderWhoSavedAsync(ReleaseForum forum, Session saved)
    {
        var reader = await app.SignedInVisitorAsync($"shared{Guid.NewGuid():N}@example.org");
        var added = await PlenaryApp.SubmitFormAsync(reader, $"/{forum.Slug}/programme",
            new Dictionary<string, string> { ["session"] = Id(saved) }, $"/{forum.Slug}/agenda?handler=Add");
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return reader;
    }

    /// <summary>Behind the app's back, as an administrator's SQL would: nothing evicts, so a page still showing the
    /// old title was not rendered afresh.</summary>
    private Task RetitleBySqlAsync(Session session, string title) =>
        app.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Sessions\" SET \"Title\" = {title} WHERE \"Id\" = {session.Id}"));

    private static string ButtonOf(IHtmlDocument page, Session session) =>
        ButtonFor(page, session).TextContent;

    /// <summary>The agenda button the reader is shown for the session: the session page's one, or on the programme,
    /// of the pair both buttons are in, the one the reader's own stylesheet shows (checked in a browser by
    /// <see cref="ProgrammeInBrowserTests"/>).</summary>
    private static AngleSharp.Dom.IElement ButtonFor(IHtmlDocument page, Session session)
    {
        var buttons = page.QuerySelectorAll("button.agenda-button").Where(b => b.GetAttribute("value") == Id(session)).ToList();
        if (buttons.Count == 1)
        {
            return buttons[0];
        }
        buttons.Count.ShouldBe(2);
        buttons.ShouldAllBe(b => b.ParentElement!.ClassList.Contains("agenda-pair"));
        var saved = SavedIn(page).Contains(session.Id);
        return buttons.Single(b => b.ClassList.Contains(saved ? "agenda-remove" : "agenda-add"));
    }

    /// <summary>The sessions the reader's own stylesheet turns to "Remove".</summary>
    private static HashSet<int> SavedIn(IHtmlDocument page) =>
        page.Head!.QuerySelectorAll("style").SelectMany(s => System.Text.RegularExpressions.Regex.Matches(s.TextContent,
            @"\.agenda-remove\[value=""(\d+)""\]")).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    [Fact]
    public async Task Signed_in_readers_share_the_programme_but_each_gets_their_own_agenda_buttons()
    {
        var (forum, morning, afternoon) = await ProgrammeAsync();
        using var first = await ReaderWhoSavedAsync(forum, morning);
        using var second = await ReaderWhoSavedAsync(forum, afternoon);

        var firstPage = await PlenaryApp.ParseAsync(await first.GetAsync($"/{forum.Slug}/programme"));
        ButtonOf(firstPage, morning).ShouldBe("Remove from my schedule");
        ButtonOf(firstPage, afternoon).ShouldBe("Add to my schedule");
        firstPage.QuerySelector("h3")!.TextContent.ShouldContain("Morning session");

        await RetitleBySqlAsync(morning, "Retitled behind the cache");
        var secondPage = await PlenaryApp.ParseAsync(await second.GetAsync($"/{forum.Slug}/programme"));
        secondPage.QuerySelector("h3")!.TextContent.ShouldContain("Morning session", Case.Sensitive, "the shared part was kept, not rendered again");
        ButtonOf(secondPage, morning).ShouldBe("Add to my schedule");
        ButtonOf(secondPage, afternoon).ShouldBe("Remove from my schedule");

        // Every button submits the page's one agenda form, outside the shared part, with the reader's own token,
        // which works for them alone.
        foreach (var page in new[] { firstPage, secondPage })
        {
            page.QuerySelectorAll("button.agenda-button").ShouldAllBe(b => b.GetAttribute("form") == "agenda-form" && b.Closest("form") == null);
            page.QuerySelectorAll("#agenda-form").ShouldHaveSingleItem();
        }
        static string Token(IHtmlDocument page) => page.QuerySelector("#agenda-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Token(secondPage).ShouldNotBe(Token(firstPage));
        var withAnothersToken = await second.PostAsync($"/{forum.Slug}/agenda?handler=Add", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["session"] = Id(morning), ["__RequestVerificationToken"] = Token(firstPage) }));
        withAnothersToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var withOwnToken = await PlenaryApp.PressAsync(second, secondPage, ButtonFor(secondPage, morning));
        withOwnToken.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        withOwnToken.Headers.Location!.OriginalString.ShouldBe($"/{forum.Slug}/programme");
        var secondAgain = await PlenaryApp.ParseAsync(await second.GetAsync($"/{forum.Slug}/programme"));
        ButtonOf(secondAgain, morning).ShouldBe("Remove from my schedule", "a reader's own change shows at once, shared part or not");
        var firstAgain = await PlenaryApp.ParseAsync(await first.GetAsync($"/{forum.Slug}/programme"));
        ButtonOf(firstAgain, afternoon).ShouldBe("Add to my schedule", "another reader's choice never shows");
        ButtonOf(firstAgain, morning).ShouldBe("Remove from my schedule");
    }

    private static string WithoutTokens(string page) =>
        System.Text.RegularExpressions.Regex.Replace(page, @"name=""__RequestVerificationToken"" type=""hidden"" value=""[^""]+""", "TOKEN");

    [Fact]
    public async Task The_kept_programme_sent_compressed_reads_as_the_page_sent_plain()
    {
        var (forum, morning, _) = await ProgrammeAsync();
        using var reader = await ReaderWhoSavedAsync(forum, morning);
        var path = $"/{forum.Slug}/programme";
        (await reader.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var plain = await reader.GetStringAsync(path);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");
        using var response = await reader.SendAsync(request);
        response.Content.Headers.ContentEncoding.ShouldBe(["gzip"]);
        response.Headers.Vary.ShouldContain("Accept-Encoding");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.Content.Headers.ContentLength.ShouldBe(bytes.Length);
        using var gunzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        var unzipped = await new StreamReader(gunzip).ReadToEndAsync();

        WithoutTokens(unzipped).ShouldBe(WithoutTokens(plain));
        unzipped.ShouldContain($".agenda-remove[value=\"{Id(morning)}\"]");
        // The reader's own stylesheet is allowed by its hash, and nothing else inline.
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var css = System.Text.RegularExpressions.Regex.Match(unzipped, "<style>(.*?)</style>").Groups[1].Value;
        policy.ShouldContain($"style-src 'self' 'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(css)))}'");
        policy.ShouldNotContain("unsafe-inline");
    }

    [Fact]
    public async Task A_readers_form_token_is_made_once_for_their_cookies_and_still_lets_them_in()
    {
        var (forum, morning, afternoon) = await ProgrammeAsync();
        using var reader = await ReaderWhoSavedAsync(forum, morning);
        using var other = await ReaderWhoSavedAsync(forum, morning);
        static string Token(IHtmlDocument page) => page.QuerySelector("#agenda-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var path = $"/{forum.Slug}/programme";
        var first = await PlenaryApp.ParseAsync(await reader.GetAsync(path));
        var second = await PlenaryApp.ParseAsync(await reader.GetAsync(path));
        Token(second).ShouldBe(Token(first), "the token made for this reader's cookies is served again");
        Token(await PlenaryApp.ParseAsync(await other.GetAsync(path))).ShouldNotBe(Token(second));

        var added = await PlenaryApp.PressAsync(reader, second, ButtonFor(second, afternoon));
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ButtonOf(await PlenaryApp.ParseAsync(await reader.GetAsync(path)), afternoon).ShouldBe("Remove from my schedule");
    }

    [Fact]
    public async Task A_change_to_the_programme_reaches_signed_in_readers_at_once()
    {
        var (forum, morning, _) = await ProgrammeAsync();
        using var reader = await ReaderWhoSavedAsync(forum, morning);
        (await PlenaryApp.ParseAsync(await reader.GetAsync($"/{forum.Slug}/programme"))).QuerySelector("h3")!.TextContent.ShouldContain("Morning session");

        await app.InDbAsync(async db =>
        {
            var stored = await db.Sessions.AsTracking().SingleAsync(s => s.Id == morning.Id);
            stored.Title = "Morning session, renamed";
            await db.SaveChangesAsync();
        });
        (await PlenaryApp.ParseAsync(await reader.GetAsync($"/{forum.Slug}/programme"))).QuerySelector("h3")!.TextContent.ShouldContain("Morning session, renamed");
    }

    [Fact]
    public async Task A_change_to_the_forum_reaches_the_layout_of_kept_pages_at_once()
    {
        var (forum, morning, _) = await ProgrammeAsync();
        using var reader = await ReaderWhoSavedAsync(forum, morning);
        var session = $"/{forum.Slug}/sessions/{morning.Key}";
        foreach (var page in new[] { $"/{forum.Slug}/programme", session })
        {
            // Rendered, then served from its kept part with the forum kept in memory.
            (await reader.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await reader.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var renamed = $"Renamed forum {Guid.NewGuid():N}";
        await app.InDbAsync(db => db.Forums.Where(f => f.Id == forum.ForumId).ExecuteUpdateAsync(u => u.SetProperty(f => f.Name, renamed)));
        foreach (var page in new[] { $"/{forum.Slug}/programme", session })
        {
            (await PlenaryApp.ParseAsync(await reader.GetAsync(page))).Title!.ShouldContain(renamed, Case.Sensitive, $"{page} rendered afresh");
            (await PlenaryApp.ParseAsync(await reader.GetAsync(page))).Title!.ShouldContain(renamed, Case.Sensitive,
                $"{page} served from its kept part again, with the forum read again: the change evicted the forum kept in memory too");
        }
    }

    [Fact]
    public async Task Each_language_and_each_filter_has_a_shared_part_of_its_own()
    {
        var (forum, morning, afternoon) = await ProgrammeAsync();
        using var reader = await ReaderWhoSavedAsync(forum, morning);
        (await PlenaryApp.ParseAsync(await reader.GetAsync($"/{forum.Slug}/programme"))).QuerySelector("h1")!.TextContent.ShouldBe("Programme");

        var french = await PlenaryApp.ParseAsync(await reader.GetAsync($"/{forum.Slug}/programme?culture=fr"));
        french.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        ButtonOf(french, morning).ShouldBe("Retirer de mon programme");

        var filtered = await PlenaryApp.ParseAsync(await reader.GetAsync($"/{forum.Slug}/programme?q=Afternoon"));
        filtered.QuerySelectorAll("ol.sessions h3").Select(h => h.TextContent).ShouldHaveSingleItem().ShouldContain("Afternoon session");
        ButtonOf(filtered, afternoon).ShouldBe("Add to my schedule");
    }

    /// <summary>A forum of today with a session starting in five minutes, whose way in online has <paramref name="passcode"/>.</summary>
    private async Task<(ReleaseForum Forum, Session Starting, string Meeting)> StartingSoonAsync(string passcode)
    {
        var forum = await ReleaseForum.CreateAsync(app, "UTC", DateOnly.FromDateTime(DateTime.UtcNow));
        var soon = DateTime.UtcNow.AddMinutes(5);
        var starting = await forum.SessionAsync(1, "Starting soon", new DateTime(soon.Year, soon.Month, soon.Day, soon.Hour, soon.Minute, 0, DateTimeKind.Utc));
        var meeting = $"https://meet.example.org/j/{Guid.NewGuid():N}";
        await app.InDbAsync(async db =>
        {
            db.JoinLinks.Add(new Plenary.Features.Registrations.JoinLink { ForumId = forum.ForumId, SessionId = starting.Id, Url = meeting, Passcode = passcode });
            await db.SaveChangesAsync();
        });
        return (forum, starting, meeting);
    }

    [Fact]
    public async Task The_session_page_is_shared_but_the_way_in_and_the_organisers_links_stay_personal()
    {
        var (forum, starting, meeting) = await StartingSoonAsync("pc-shared-4711");
        await app.ReleaseTimetableAsync(forum.Slug);
        var page = $"/{forum.Slug}/sessions/{starting.Key}";
        using var speaker = await app.HolderOfSessionRoleAsync(starting, SessionRoleKind.Speaker, ParticipationMode.Online);
        using var stranger = await app.SignedInVisitorAsync($"shared{Guid.NewGuid():N}@example.org");

        // The speaker's visit keeps the shared page; the way in, with its passcode, is theirs alone.
        var speakers = await PlenaryApp.ParseAsync(await speaker.GetAsync(page));
        speakers.QuerySelector(".join")!.TextContent.ShouldContain("pc-shared-4711");
        ButtonOf(speakers, starting).ShouldBe("Add to my schedule");

        await RetitleBySqlAsync(starting, "Retitled behind the cache");
        var strangers = await stranger.GetAsync(page);
        var strangersHtml = await strangers.Content.ReadAsStringAsync();
        var strangersPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(strangersHtml);
        strangersPage.QuerySelector("h1")!.TextContent.ShouldBe("Starting soon", "the page was shared, not rendered again");
        strangersPage.Title!.ShouldContain("Starting soon", Case.Sensitive, "the layout's title comes with the shared page");
        strangersHtml.ShouldNotContain("pc-shared-4711");
        strangersHtml.ShouldNotContain(meeting);
        strangersPage.QuerySelector(".join").ShouldBeNull();
        ButtonOf(strangersPage, starting).ShouldBe("Add to my schedule");
        strangersPage.GetElementById("agenda-form")!.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")
            .ShouldNotBe(speakers.GetElementById("agenda-form")!.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"), "each reader's own token");
        (await PlenaryApp.PressAsync(stranger, strangersPage, ButtonFor(strangersPage, starting))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.AgendaEntries.CountAsync(e => e.SessionId == starting.Id))).ShouldBe(1, "the stranger's, from the shared session page");
        ButtonOf(await PlenaryApp.ParseAsync(await stranger.GetAsync(page)), starting).ShouldBe("Remove from my schedule", "the stranger's own choice");
        ButtonOf(await PlenaryApp.ParseAsync(await speaker.GetAsync(page)), starting).ShouldBe("Add to my schedule", "the stranger's choice is not the speaker's");
        strangersHtml.ShouldNotContain("personal:", Case.Sensitive, "every slot is filled");

        // Its organiser sees more of it (the ways to change it), so their page is rendered for them alone.
        using var organiser = await app.HolderOfSessionRoleAsync(starting, SessionRoleKind.Organiser);
        var organisers = await PlenaryApp.ParseAsync(await organiser.GetAsync(page));
        organisers.QuerySelector("h1")!.TextContent.ShouldBe("Retitled behind the cache");
        organisers.QuerySelector($"a[href='{page}/edit']").ShouldNotBeNull();
        (await stranger.GetStringAsync(page)).ShouldNotContain("Change this session");
    }

    /// <summary>A participant of the forum, registered with <paramref name="status"/>.</summary>
    private Task<HttpClient> ParticipantAsync(ReleaseForum forum, Plenary.Features.Registrations.RegistrationStatus status) =>
        app.SignedInVisitorAsync($"kept{Guid.NewGuid():N}@example.org", async (db, id) =>
        {
            var person = await db.Users.Where(a => a.Id == id).Select(a => a.PersonId).SingleAsync();
            db.Registrations.Add(new Plenary.Features.Registrations.Registration
            {
                ForumId = forum.ForumId, AccountId = id, PersonId = person, Mode = Plenary.Features.Registrations.AttendanceMode.Online, Status = status,
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, BadgeSecret = Guid.NewGuid().ToString("N")[..12],
            });
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task On_the_kept_session_page_each_reader_gets_their_own_way_in_and_links_even_right_after_a_change()
    {
        var passcode = $"pc-{Guid.NewGuid():N}"[..16];
        var (forum, starting, meeting) = await StartingSoonAsync(passcode);
        await app.ReleaseTimetableAsync(forum.Slug);
        var page = $"/{forum.Slug}/sessions/{starting.Key}";
        var report = $"{page}/report";
        using var registered = await ParticipantAsync(forum, Plenary.Features.Registrations.RegistrationStatus.Approved);
        using var unregistered = await ParticipantAsync(forum, Plenary.Features.Registrations.RegistrationStatus.Pending);
        using var rapporteur = await app.HolderOfSessionRoleAsync(starting, SessionRoleKind.Rapporteur);
        var accounts = await app.InDbAsync(db => db.Registrations.Where(r => r.ForumId == forum.ForumId).Select(r => new { r.AccountId, r.Status }).ToListAsync());
        var (registeredId, unregisteredId) = (accounts.Single(a => a.Status == Plenary.Features.Registrations.RegistrationStatus.Approved).AccountId,
            accounts.Single(a => a.Status == Plenary.Features.Registrations.RegistrationStatus.Pending).AccountId);

        async Task<(IHtmlDocument Page, string Html)> ReadAsync(HttpClient reader)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, page);
            request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");
            var response = await reader.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            // The kept page comes as gzip joined from its pieces, a page rendered for one reader as the server compresses it.
            Stream body = new MemoryStream(bytes);
            if (response.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                body = new System.IO.Compression.GZipStream(body, System.IO.Compression.CompressionMode.Decompress);
            }
            else if (response.Content.Headers.ContentEncoding.Contains("br"))
            {
                body = new System.IO.Compression.BrotliStream(body, System.IO.Compression.CompressionMode.Decompress);
            }
            var html = await new StreamReader(body).ReadToEndAsync();
            html.ShouldNotContain("personal:", Case.Sensitive, "every slot is filled");
            return (new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html), html);
        }
        static void SeesTheWayIn((IHtmlDocument Page, string Html) read, string passcode)
        {
            read.Page.QuerySelectorAll(".join").ShouldHaveSingleItem().TextContent.ShouldContain(passcode);
            read.Page.QuerySelector(".join a.button")!.TextContent.ShouldBe("Join online");
        }
        void SeesNoWayIn((IHtmlDocument Page, string Html) read)
        {
            read.Page.QuerySelector(".join").ShouldBeNull();
            read.Html.ShouldNotContain(passcode);
            read.Html.ShouldNotContain(meeting);
        }
        void MayNotWrite((IHtmlDocument Page, string Html) read) => read.Page.QuerySelector($"a[href='{report}']").ShouldBeNull();
        const string Kept = "Starting soon";

        // The registered participant's visit keeps the page, then the title changes where nothing evicts: whoever is
        // shown the old title was served the kept page.
        var first = await ReadAsync(registered);
        SeesTheWayIn(first, passcode);
        MayNotWrite(first);
        await RetitleBySqlAsync(starting, "Retitled behind the cache");

        var stranger = await ReadAsync(unregistered);
        stranger.Page.QuerySelector("h1")!.TextContent.ShouldBe(Kept, "served the kept page");
        SeesNoWayIn(stranger);
        MayNotWrite(stranger);

        // The rapporteur sees the way to the outputs form (and, holding a role, the way in): theirs alone.
        var writer = await ReadAsync(rapporteur);
        writer.Page.QuerySelector("h1")!.TextContent.ShouldBe("Retitled behind the cache", "rendered for them alone");
        writer.Page.QuerySelector($"a[href='{report}']").ShouldNotBeNull();
        SeesTheWayIn(writer, passcode);
        var again = await ReadAsync(registered);
        again.Page.QuerySelector("h1")!.TextContent.ShouldBe(Kept);
        SeesTheWayIn(again, passcode);
        MayNotWrite(again);
        SeesNoWayIn(await ReadAsync(unregistered));

        // Right after a change made on another request (behind the cache, so the kept page stays): the way in follows
        // the registrations as they are now, and the ways to change or write follow the roles.
        await app.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Registrations\" SET \"Status\" = {"Approved"} WHERE \"AccountId\" = {unregisteredId} AND \"ForumId\" = {forum.ForumId}"));
        await app.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Registrations\" SET \"Status\" = {"Declined"} WHERE \"AccountId\" = {registeredId} AND \"ForumId\" = {forum.ForumId}"));
        await app.InDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM \"SessionRoles\" WHERE \"SessionId\" = {starting.Id} AND \"Kind\" = {"Rapporteur"}"));
        var nowRegistered = await ReadAsync(unregistered);
        nowRegistered.Page.QuerySelector("h1")!.TextContent.ShouldBe(Kept);
        SeesTheWayIn(nowRegistered, passcode);
        var nowDeclined = await ReadAsync(registered);
        nowDeclined.Page.QuerySelector("h1")!.TextContent.ShouldBe(Kept);
        SeesNoWayIn(nowDeclined);
        var formerRapporteur = await ReadAsync(rapporteur);
        formerRapporteur.Page.QuerySelector("h1")!.TextContent.ShouldBe(Kept, "no longer sees more than others: served the kept page");
        MayNotWrite(formerRapporteur);
        SeesNoWayIn(formerRapporteur);
        SeesTheWayIn(await ReadAsync(unregistered), passcode);
    }

    [Fact]
    public async Task A_refused_filter_is_explained_to_its_reader_alone_and_not_kept()
    {
        var (forum, morning, _) = await ProgrammeAsync();
        using var reader = await ReaderWhoSavedAsync(forum, morning);
        var refused = await reader.GetAsync($"/{forum.Slug}/programme?day=someday");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var again = await reader.GetAsync($"/{forum.Slug}/programme?day=someday");
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(again)).QuerySelector("[role=alert]").ShouldNotBeNull();
    }
}

[Collection("sqlite")]
public sealed class SharedPartOnSqlite(SqliteApp app) : SharedPartTests(app);

[Collection("postgres")]
public sealed class SharedPartOnPostgres(PostgresApp app) : SharedPartTests(app);
