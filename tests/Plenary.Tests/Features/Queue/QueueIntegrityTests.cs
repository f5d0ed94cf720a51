using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Queue;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;
using static Plenary.Tests.Features.Queue.QueueTestData;

namespace Plenary.Tests.Features.Queue;

/// <summary>The queue stays consistent under pressure: one open hand per person in the database, moderators' changes audited.</summary>
public abstract class QueueIntegrityTests(PlenaryApp app)
{
    [Fact]
    public async Task Raises_sent_at_the_same_instant_leave_one_hand_and_a_clear_message()
    {
        var session = await SessionAsync(app, 10501);
        var (visitor, _, _) = await ParticipantAsync(app);
        // The token is read once, so the posts themselves leave together, as from two tabs or a double tap.
        var page = await PlenaryApp.ParseAsync(await visitor.GetAsync(Url(session, "live")));
        var token = page.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => visitor.PostAsync($"{Url(session, "live")}?handler=Raise",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Mode"] = "Online", ["__RequestVerificationToken"] = token }))));

        answers.Count(a => a.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Redirect))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await PlenaryApp.ParseAsync(refused)).QuerySelector(".errors")!.TextContent.ShouldContain("Your hand is already raised; lower it first to ask again.");
        }
        (await app.InDbAsync(db => db.Hands.CountAsync(h => h.SessionId == session.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_open_hand_of_one_person()
    {
        var session = await SessionAsync(app, 10502);
        var (_, _, email) = await ParticipantAsync(app);
        var account = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());
        Hand Open(HandState state, int? by = -1) => new()
        {
            SessionId = session.Id, AccountId = by == -1 ? account : by, Name = "Someone", Mode = ParticipationMode.Online, State = state, Place = 1, RaisedAt = DateTime.UtcNow,
        };
        await app.InDbAsync(async db =>
        {
            db.Hands.Add(Open(HandState.Speaking));
            await db.SaveChangesAsync();
        });

        var refused = await Should.ThrowAsync<DbUpdateException>(() => app.InDbAsync(async db =>
        {
            db.Hands.Add(Open(HandState.Waiting));
            await db.SaveChangesAsync();
        }));
        SpeakingQueue.IsUniqueViolation(refused).ShouldBeTrue();

        // Once the first has spoken, the same person may ask again; people added from the room have no account and never collide.
        await app.InDbAsync(async db =>
        {
            await db.Hands.Where(h => h.SessionId == session.Id).ExecuteUpdateAsync(u => u.SetProperty(h => h.State, HandState.Spoke));
            db.Hands.AddRange(Open(HandState.Waiting), Open(HandState.Waiting, by: null), Open(HandState.Waiting, by: null));
            await db.SaveChangesAsync();
        });
        (await app.InDbAsync(db => db.Hands.CountAsync(h => h.SessionId == session.Id && h.State == HandState.Waiting))).ShouldBe(3);
    }

    [Fact]
    public async Task Moderators_changes_are_in_the_audit_log_and_participants_own_hands_are_not()
    {
        var session = await SessionAsync(app, 10503);
        var (participant, name, _) = await ParticipantAsync(app);
        var moderatorEmail = $"mod{Guid.NewGuid():N}@example.org";
        using var moderator = await ModeratorAsync(app, session, moderatorEmail);
        (await PostAsync(participant, session, "live", "Raise", new() { ["Mode"] = "Online" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(participant, session, "live", "Ask", new() { ["Text"] = "What about spectrum?" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(moderator, session, "console", "Add", new() { ["Name"] = "Guest from the floor" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var hands = await app.InDbAsync(db => db.Hands.Where(h => h.SessionId == session.Id).OrderBy(h => h.Place).ToListAsync());
        var question = await app.InDbAsync(db => db.Questions.SingleAsync(q => q.SessionId == session.Id));
        foreach (var (handler, query) in new[]
        {
            ("Up", $"&hand={hands[1].Id}"), ("Floor", $"&hand={hands[0].Id}"), ("Done", $"&hand={hands[0].Id}"), ("Remove", $"&hand={hands[1].Id}"),
            ("Approve", $"&question={question.Id}"), ("Answered", $"&question={question.Id}"), ("Hide", $"&question={question.Id}"),
        })
        {
            (await PostAsync(moderator, session, "console", handler, query: query)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var entries = await app.InDbAsync(db => db.AuditLog.Where(e => e.Subject.StartsWith(session.Key + " ")).OrderBy(e => e.Id).ToListAsync());
        entries.Select(e => e.Action).ShouldBe(["queue.add", "queue.up", "queue.floor", "queue.done", "queue.remove", "question.show", "question.answered", "question.hide"]);
        entries.ShouldAllBe(e => e.Actor == moderatorEmail && e.ForumId == session.ForumId);
        entries.Single(e => e.Action == "queue.floor").Subject.ShouldBe($"{session.Key} {name}");
        entries.Single(e => e.Action == "queue.done").After!.ShouldContain("\"spokeSeconds\":");

        using var secretariat = await app.SecretariatOfAsync(session.Forum.Slug);
        var log = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{session.Forum.Slug}/manage/audit?action=queue.floor"));
        log.QuerySelector("ol.audit")!.TextContent.ShouldContain($"{session.Key} {name}");
    }

    [Fact]
    public async Task A_flood_of_hands_from_one_person_is_held_back_with_retry_after_and_a_message()
    {
        var session = await SessionAsync(app, 10504);
        var (visitor, _, _) = await ParticipantAsync(app);
        var limit = new QueueOptions().HandChangesPerMinute;
        for (var i = 0; i < limit; i++)
        {
            var change = i % 2 == 0
                ? await PostAsync(visitor, session, "live", "Raise", new() { ["Mode"] = "Online" })
                : await PostAsync(visitor, session, "live", "Lower", query: $"&hand={await app.InDbAsync(db => db.Hands.Where(h => h.SessionId == session.Id && h.State == HandState.Waiting).Select(h => h.Id).SingleAsync())}");
            change.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var flood = await PostAsync(visitor, session, "live", "Raise", new() { ["Mode"] = "Online" });
        flood.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        flood.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        (await PlenaryApp.ParseAsync(flood)).QuerySelector("[role=alert]")!.TextContent
            .ShouldStartWith("You have raised or lowered your hand too often. Wait ");
        (await app.InDbAsync(db => db.Hands.CountAsync(h => h.SessionId == session.Id))).ShouldBe(limit / 2);
        (await app.InDbAsync(db => db.Hands.AnyAsync(h => h.SessionId == session.Id && h.State == HandState.Waiting))).ShouldBeFalse();

        // Someone else in the same room is not held back by it.
        var (neighbour, _, _) = await ParticipantAsync(app);
        (await PostAsync(neighbour, session, "live", "Raise", new() { ["Mode"] = "Onsite" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_flood_of_questions_is_held_back_before_it_reaches_the_database()
    {
        var session = await SessionAsync(app, 10505);
        var (visitor, _, _) = await ParticipantAsync(app);
        var limit = new QueueOptions().QuestionPostsPerMinute;
        for (var i = 0; i < limit; i++)
        {
            // The first few are asked; the rest are refused by the question rule, and still count as posts.
            var ask = await PostAsync(visitor, session, "live", "Ask", new() { ["Text"] = $"Question {i}?" });
            ask.StatusCode.ShouldBe(i < SpeakingQueue.QuestionsPerMinute ? HttpStatusCode.Redirect : HttpStatusCode.TooManyRequests);
        }

        var flood = await PostAsync(visitor, session, "live", "Ask", new() { ["Text"] = "One more?" });
        flood.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        flood.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        (await PlenaryApp.ParseAsync(flood)).QuerySelector("[role=alert]")!.TextContent
            .ShouldStartWith("You have sent too many questions in a short time. Wait ");
        (await app.InDbAsync(db => db.Questions.CountAsync(q => q.SessionId == session.Id))).ShouldBe(SpeakingQueue.QuestionsPerMinute);
    }

    [Fact]
    public async Task A_page_reconnecting_gets_what_it_missed_and_nothing_it_already_has()
    {
        var session = await SessionAsync(app, 10506);
        var (watcher, _, _) = await ParticipantAsync(app);
        var (raiser, name, _) = await ParticipantAsync(app);

        // The page says which state it shows, by the id its stream gives that state.
        var page = await PlenaryApp.ParseAsync(await watcher.GetAsync(Url(session, "live")));
        var shown = page.QuerySelector("[data-live]")!.GetAttribute("data-live-since");
        string empty;
        using (var first = await EventStream.OpenAsync(watcher, Url(session, "live/events")))
        {
            (await first.NextAsync()).GetProperty("queue").GetArrayLength().ShouldBe(0);
            empty = first.LastId.ShouldNotBeNull();
            empty.ShouldBe(shown);
        }

        // The connection drops; meanwhile a hand is raised. Back with the last id it had, the page is sent the state at once.
        (await PostAsync(raiser, session, "live", "Raise", new() { ["Mode"] = "Online" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        string raised;
        using (var back = await EventStream.OpenAsync(watcher, Url(session, "live/events"), lastEventId: empty))
        {
            (await back.NextAsync()).GetProperty("queue")[0].GetProperty("name").GetString().ShouldBe(name);
            raised = back.LastId.ShouldNotBeNull();
            raised.ShouldNotBe(empty);
        }

        // A page that is current is sent nothing it has: the first event it reads is the next change.
        using var current = await EventStream.OpenAsync(watcher, $"{Url(session, "live/events")}?since={raised}");
        var hand = await app.InDbAsync(db => db.Hands.Where(h => h.SessionId == session.Id).Select(h => h.Id).SingleAsync());
        (await PostAsync(raiser, session, "live", "Lower", query: $"&hand={hand}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await current.NextAsync()).GetProperty("queue").GetArrayLength().ShouldBe(0);
        // The same state has the same id, whichever change led back to it.
        current.LastId.ShouldBe(empty);
    }
}

[Collection("sqlite")]
public sealed class QueueIntegrityOnSqlite(SqliteApp app) : QueueIntegrityTests(app);

[Collection("postgres")]
public sealed class QueueIntegrityOnPostgres(PostgresApp app) : QueueIntegrityTests(app);
