using Microsoft.EntityFrameworkCore;
using Plenary.Features.Messages;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Search;

/// <summary>
/// What the public may see, kept on the index rows (SearchEntry.Hidden) by every change that alters it: a session
/// cancelled or restored, a timetable released, the outcome document or a language version of it published or withdrawn.
/// A change the index missed would show a cancelled or unreleased session, or an unpublished message, in public search.
/// Each test searches a forum of its own with invented words.
/// </summary>
public abstract class SearchVisibilityTests(PlenaryApp app)
{
    private async Task<int> TotalAsync(string q, string forum) =>
        (await app.GetJsonAsync("/api/search?q=" + Uri.EscapeDataString(q) + "&forum=" + forum)).Json.GetProperty("total").GetInt32();

    private Task SetAsync(int session, Action<Session> change) => app.InDbAsync(async db =>
    {
        change(await db.Sessions.AsTracking().SingleAsync(s => s.Id == session));
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_cancelled_session_is_not_found_and_is_found_again_once_restored()
    {
        var forum = await app.ForumOfItsOwnAsync("search", placed: 2);
        var session = forum.Session(1).Id;
        await SetAsync(session, s => s.Title = "Quorvane relays for island schools");
        (await TotalAsync("quorvane", forum.Slug)).ShouldBe(1);

        await SetAsync(session, s => s.Status = SessionStatus.Cancelled);
        (await TotalAsync("quorvane", forum.Slug)).ShouldBe(0);
        // Its rows written again (a new title) are hidden still.
        await SetAsync(session, s => s.Title = "Quorvane relays for island and mountain schools");
        (await TotalAsync("quorvane", forum.Slug)).ShouldBe(0);

        await SetAsync(session, s => s.Status = SessionStatus.Scheduled);
        (await TotalAsync("quorvane", forum.Slug)).ShouldBe(1);
    }

    [Fact]
    public async Task Once_a_timetable_is_released_search_shows_the_sessions_as_the_latest_release_holds_them()
    {
        var forum = await app.ForumOfItsOwnAsync("search", placed: 2);
        await SetAsync(forum.Session(1).Id, s => s.Title = "Brellick cooperatives and spectrum");
        await SetAsync(forum.Session(2).Id, s => s.Title = "Brellick mesh in valleys");
        (await TotalAsync("brellick", forum.Slug)).ShouldBe(2);
        await app.ReleaseTimetableAsync(forum.Slug);
        (await TotalAsync("brellick", forum.Slug)).ShouldBe(2);

        // A session added after the release is not public until the next one.
        await app.InDbAsync(async db =>
        {
            var type = await db.SessionTypes.SingleAsync(t => t.ForumId == forum.Id && t.Code == "WS");
            var session = new Session { ForumId = forum.Id, TypeId = type.Id, Number = 3, Title = "Brellick towers by the sea", LengthMinutes = 60 };
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
        });
        (await TotalAsync("brellick", forum.Slug)).ShouldBe(2);
        // Cancelled in the working copy only: the release still holds it as it was.
        await SetAsync(forum.Session(2).Id, s => s.Status = SessionStatus.Cancelled);
        (await TotalAsync("brellick", forum.Slug)).ShouldBe(2);

        await app.ReleaseTimetableAsync(forum.Slug);
        var found = await app.GetJsonAsync("/api/search?q=brellick&forum=" + forum.Slug);
        found.Json.GetProperty("total").GetInt32().ShouldBe(2);
        var titles = found.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("title").GetString()!).ToList();
        titles.ShouldContain(t => t.EndsWith("Brellick cooperatives and spectrum", StringComparison.Ordinal));
        titles.ShouldContain(t => t.EndsWith("Brellick towers by the sea", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_is_found_once_the_outcome_document_is_published_and_a_translation_once_its_language_is()
    {
        var forum = await app.ForumOfItsOwnAsync("search");
        await app.InDbAsync(async db =>
        {
            var m = new ForumMessage
            {
                ForumId = forum.Id, Title = "Zindlemark access for all", Body = "Connect the zindlemark schools first.", Position = 1, Version = 1,
                PublishedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, UpdatedBy = "Secretariat",
            };
            db.ForumMessages.Add(m);
            await db.SaveChangesAsync();
            db.MessageTranslations.Add(new MessageTranslation { MessageId = m.Id, Language = "fr", Title = "Accès plorvinaque", Body = "Les écoles plorvinaques d'abord.", OriginalDigest = "x", TranslatedByName = "Translator", TranslatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        (await TotalAsync("zindlemark", forum.Slug)).ShouldBe(0);

        await app.InDbAsync(async db =>
        {
            db.OutcomeDocuments.Add(new OutcomeDocument { ForumId = forum.Id, PublishedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        (await TotalAsync("zindlemark", forum.Slug)).ShouldBe(1);
        // The French version is not public yet.
        (await TotalAsync("plorvinaque", forum.Slug)).ShouldBe(0);

        await app.InDbAsync(async db =>
        {
            db.OutcomeLanguages.Add(new OutcomeLanguage { ForumId = forum.Id, Language = "fr", PublishedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        (await TotalAsync("plorvinaque", forum.Slug)).ShouldBe(1);

        await app.InDbAsync(async db =>
        {
            db.OutcomeLanguages.Remove(await db.OutcomeLanguages.AsTracking().SingleAsync(l => l.ForumId == forum.Id && l.Language == "fr"));
            await db.SaveChangesAsync();
        });
        (await TotalAsync("plorvinaque", forum.Slug)).ShouldBe(0);
        (await TotalAsync("zindlemark", forum.Slug)).ShouldBe(1);

        await app.InDbAsync(async db =>
        {
            (await db.OutcomeDocuments.AsTracking().SingleAsync(d => d.ForumId == forum.Id)).PublishedAt = null;
            await db.SaveChangesAsync();
        });
        (await TotalAsync("zindlemark", forum.Slug)).ShouldBe(0);
    }

    [Fact]
    public async Task A_speaker_and_an_organisation_are_found_and_listed_once_a_session_of_theirs_is_released_and_not_before()
    {
        var forum = await app.ForumOfItsOwnAsync("search", placed: 1);
        await app.ReleaseTimetableAsync(forum.Slug);
        // A session added after the release, with a speaker and an organiser of its own: not public until the next release.
        await app.InDbAsync(async db =>
        {
            var type = await db.SessionTypes.SingleAsync(t => t.ForumId == forum.Id && t.Code == "WS");
            var session = new Session { ForumId = forum.Id, TypeId = type.Id, Number = 7, Title = "A late addition", LengthMinutes = 60 };
            session.Roles.Add(new SessionRole { Person = new Plenary.Features.People.Person { Name = "Quillaby Ferndrake" }, Kind = SessionRoleKind.Speaker, Mode = ParticipationMode.Onsite, Position = 1 });
            session.Roles.Add(new SessionRole { Organisation = new Plenary.Features.People.Organisation { Name = "Thrumwell Institute" }, Kind = SessionRoleKind.Organiser, Mode = ParticipationMode.Onsite, Position = 2 });
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
        });
        async Task<int> Found(string q) => (await app.GetJsonAsync("/api/search?q=" + q)).Json.GetProperty("total").GetInt32();
        async Task<string> PeoplePage() => (await app.GetPageAsync($"/{forum.Slug}/people")).Page.Body!.TextContent;

        (await Found("quillaby")).ShouldBe(0);
        (await Found("thrumwell")).ShouldBe(0);
        (await PeoplePage()).ShouldNotContain("Quillaby Ferndrake");

        await app.ReleaseTimetableAsync(forum.Slug);
        (await Found("quillaby")).ShouldBe(1);
        (await Found("thrumwell")).ShouldBe(1);
        (await PeoplePage()).ShouldContain("Quillaby Ferndrake (1 session)");
    }

    [Fact]
    public async Task A_person_whose_last_session_role_is_removed_is_no_longer_found()
    {
        var forum = await app.ForumOfItsOwnAsync("search", placed: 1);
        var session = forum.Session(1);
        var role = await app.InDbAsync(async db =>
        {
            var speaker = new SessionRole { SessionId = session.Id, Person = new Plenary.Features.People.Person { Name = "Yarrowick Tennelsby" }, Kind = SessionRoleKind.Speaker, Mode = ParticipationMode.Onsite, Position = 1 };
            db.SessionRoles.Add(speaker);
            await db.SaveChangesAsync();
            return speaker.Id;
        });
        var found = await app.GetJsonAsync("/api/search?q=yarrowick");
        found.Json.GetProperty("total").GetInt32().ShouldBe(1);
        found.Json.GetProperty("results")[0].GetProperty("kind").GetString().ShouldBe("person");

        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        var edit = $"/{forum.Slug}/sessions/{session.Key}/edit";
        (await PlenaryApp.SubmitFormAsync(organiser, edit, new Dictionary<string, string>(), $"{edit}?handler=RemoveRole&role={role}"))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        (await app.GetJsonAsync("/api/search?q=yarrowick")).Json.GetProperty("total").GetInt32().ShouldBe(0);
    }
}

[Collection("sqlite")]
public sealed class SearchVisibilityOnSqlite(SqliteApp app) : SearchVisibilityTests(app);

[Collection("postgres")]
public sealed class SearchVisibilityOnPostgres(PostgresApp app) : SearchVisibilityTests(app);
