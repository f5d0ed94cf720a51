using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Queue;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;
using static Plenary.Tests.Features.Queue.QueueTestData;

namespace Plenary.Tests.Features.Queue;

/// <summary>One queue for the room and the internet: hands, the floor and its timer, moderated questions, the record.</summary>
public abstract class QueueTests(PlenaryApp app)
{
    [Fact]
    public async Task Hands_queue_in_order_of_request_and_the_moderator_gives_the_floor_and_records_the_time()
    {
        var session = await SessionAsync(app, 9951);
        var (online, onlineName, _) = await ParticipantAsync(app);
        var (onsite, onsiteName, _) = await ParticipantAsync(app);
        using var moderator = await ModeratorAsync(app, session, $"mod{Guid.NewGuid():N}@example.org");

        (await PostAsync(online, session, "live", "Raise", new() { ["Topic"] = "Community networks", ["Mode"] = "Online" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(onsite, session, "live", "Raise", new() { ["Mode"] = "Onsite" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var console = await PlenaryApp.ParseAsync(await moderator.GetAsync(Url(session, "console")));
        var rows = console.QuerySelectorAll("table.queue tbody tr").Select(r => r.TextContent).ToList();
        rows.Count.ShouldBe(2);
        rows[0].ShouldContain(onlineName);
        rows[0].ShouldContain("Online");
        rows[0].ShouldContain("Community networks");
        rows[1].ShouldContain(onsiteName);
        rows[1].ShouldContain("Onsite");
        (await PlenaryApp.ParseAsync(await onsite.GetAsync(Url(session, "live")))).QuerySelector("#my-place")!.TextContent.ShouldContain("number 2");

        // A person in the room without a phone joins the queue through the moderator.
        (await PostAsync(moderator, session, "console", "Add", new() { ["Name"] = "Guest at the microphone" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var hands = await app.InDbAsync(db => db.Hands.Where(h => h.SessionId == session.Id).OrderBy(h => h.Place).ToListAsync());
        hands.Select(h => h.Name).ShouldBe([onlineName, onsiteName, "Guest at the microphone"]);
        var (first, second, guest) = (hands[0], hands[1], hands[2]);
        guest.Mode.ShouldBe(ParticipationMode.Onsite);

        (await PostAsync(moderator, session, "console", "Up", query: $"&hand={second.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PlenaryApp.ParseAsync(await onsite.GetAsync(Url(session, "live")))).QuerySelector("#my-place")!.TextContent.ShouldContain("number 1");

        (await PostAsync(moderator, session, "console", "Floor", query: $"&hand={second.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PlenaryApp.ParseAsync(await onsite.GetAsync(Url(session, "live")))).QuerySelector(".you-speak")!.TextContent.ShouldBe("You have the floor.");
        (await PlenaryApp.ParseAsync(await online.GetAsync(Url(session, "live")))).QuerySelector("#floor")!.TextContent.ShouldContain($"{onsiteName} has the floor (Onsite).");

        // Giving the floor to the next person ends the current intervention; "done" ends the last.
        (await PostAsync(moderator, session, "console", "Floor", query: $"&hand={first.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(moderator, session, "console", "Done", query: $"&hand={first.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(moderator, session, "console", "Remove", query: $"&hand={guest.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await app.InDbAsync(db => db.Hands.Where(h => h.SessionId == session.Id).OrderBy(h => h.Id).ToListAsync());
        after.Select(h => h.State).ShouldBe([HandState.Spoke, HandState.Spoke, HandState.Removed]);
        after.Take(2).ShouldAllBe(h => h.FloorAt != null && h.DoneAt != null && h.SpokeSeconds >= 0);

        var figures = await app.InDbAsync(db => SpeakingQueue.FiguresAsync(db, session.Id, default));
        (figures.Interventions, figures.Speakers).ShouldBe((2, 2));
        figures.ByMode[ParticipationMode.Onsite].Interventions.ShouldBe(1);
        figures.ByMode[ParticipationMode.Online].Interventions.ShouldBe(1);
        // The new accounts declared neither group nor gender.
        figures.ByGender.ShouldBe(new Dictionary<string, Tally> { [""] = new(2, figures.Seconds) });

        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        var record = await PlenaryApp.ParseAsync(await rapporteur.GetAsync(Url(session, "queue-record")));
        record.QuerySelector("#totals")!.TextContent.ShouldContain("2 interventions by 2 people");
        record.QuerySelector("#spoken")!.TextContent.ShouldContain(onsiteName);
        record.QuerySelector("#spoken")!.TextContent.ShouldNotContain("Guest at the microphone");
    }

    [Fact]
    public async Task Figures_count_stakeholder_groups_and_genders_only_in_aggregate()
    {
        var session = await SessionAsync(app, 9952);
        var (woman, _, womanEmail) = await ParticipantAsync(app);
        var (undeclared, _, _) = await ParticipantAsync(app);
        await app.InDbAsync(async db =>
        {
            var person = await db.Users.Where(a => a.Email == womanEmail).Select(a => a.PersonId).SingleAsync();
            await db.People.Where(p => p.Id == person).ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Gender, Plenary.Features.People.Gender.Woman)
                .SetProperty(p => p.StakeholderGroup, Plenary.Features.People.StakeholderGroup.CivilSociety));
        });
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        foreach (var visitor in new[] { woman, undeclared })
        {
            (await PostAsync(visitor, session, "live", "Raise", new() { ["Mode"] = "Online" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var hand = await app.InDbAsync(db => db.Hands.Where(h => h.SessionId == session.Id && h.State == HandState.Waiting).OrderBy(h => h.Place).Select(h => h.Id).FirstAsync());
            (await PostAsync(organiser, session, "console", "Floor", query: $"&hand={hand}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await PostAsync(organiser, session, "console", "Done", query: $"&hand={hand}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        var figures = await app.InDbAsync(db => SpeakingQueue.FiguresAsync(db, session.Id, default));
        figures.ByGender.Keys.Order().ShouldBe(["", "Woman"]);
        figures.ByGender["Woman"].Interventions.ShouldBe(1);
        figures.ByStakeholderGroup["CivilSociety"].Interventions.ShouldBe(1);
        var record = await PlenaryApp.ParseAsync(await organiser.GetAsync(Url(session, "queue-record")));
        record.QuerySelector("#by-gender")!.TextContent.ShouldContain("Woman");
        // Genders are counted, never shown beside a name.
        record.QuerySelector("#spoken")!.TextContent.ShouldNotContain("Woman");
    }

    [Fact]
    public async Task A_hand_in_a_session_that_has_ended_is_refused_with_a_message()
    {
        var session = await SessionAsync(app, 9953, startedMinutesAgo: 120);
        var (visitor, _, _) = await ParticipantAsync(app);
        var refused = await PostAsync(visitor, session, "live", "Raise", new() { ["Mode"] = "Onsite" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector(".errors")!.TextContent.ShouldContain("This session has ended; its queue is closed.");
        (await app.InDbAsync(db => db.Hands.AnyAsync(h => h.SessionId == session.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_hand_long_before_the_session_is_refused_with_a_message()
    {
        var session = await SessionAsync(app, 9954, startedMinutesAgo: -90);
        var (visitor, _, _) = await ParticipantAsync(app);
        var refused = await PostAsync(visitor, session, "live", "Raise", new() { ["Mode"] = "Onsite" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector(".errors")!.TextContent.ShouldContain("The queue opens 30 minutes before the session starts.");
    }

    [Fact]
    public async Task One_hand_at_a_time_and_a_flood_of_questions_is_held_back()
    {
        var session = await SessionAsync(app, 9955);
        var (visitor, _, _) = await ParticipantAsync(app);
        (await PostAsync(visitor, session, "live", "Raise", new() { ["Mode"] = "Online" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await PostAsync(visitor, session, "live", "Raise", new() { ["Mode"] = "Online" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(again)).QuerySelector(".errors")!.TextContent.ShouldContain("Your hand is already raised");
        (await app.InDbAsync(db => db.Hands.CountAsync(h => h.SessionId == session.Id))).ShouldBe(1);

        for (var i = 0; i < SpeakingQueue.QuestionsPerMinute; i++)
        {
            (await PostAsync(visitor, session, "live", "Ask", new() { ["Text"] = $"Question {i}?" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        var flood = await PostAsync(visitor, session, "live", "Ask", new() { ["Text"] = "One too many?" });
        flood.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var page = await PlenaryApp.ParseAsync(flood);
        page.QuerySelector(".errors")!.TextContent.ShouldContain("You have asked 3 questions in the last minute.");
        page.QuerySelector("#text")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await app.InDbAsync(db => db.Questions.CountAsync(q => q.SessionId == session.Id))).ShouldBe(SpeakingQueue.QuestionsPerMinute);
    }

    [Fact]
    public async Task Bad_mode_and_empty_question_are_explained_and_not_saved()
    {
        var session = await SessionAsync(app, 9956);
        var (visitor, _, _) = await ParticipantAsync(app);
        var mode = await PostAsync(visitor, session, "live", "Raise", new() { ["Mode"] = "Balcony" });
        mode.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(mode)).QuerySelector(".errors")!.TextContent.ShouldContain("Say whether you are in the room or online.");
        var empty = await PostAsync(visitor, session, "live", "Ask", new() { ["Text"] = "   " });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(empty)).QuerySelector(".errors")!.TextContent.ShouldContain("Write your question.");
        (await app.InDbAsync(db => db.Hands.AnyAsync(h => h.SessionId == session.Id) )).ShouldBeFalse();
        (await app.InDbAsync(db => db.Questions.AnyAsync(q => q.SessionId == session.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Lowering_someone_elses_hand_is_refused_and_ones_own_works()
    {
        var session = await SessionAsync(app, 9957);
        var (owner, _, _) = await ParticipantAsync(app);
        var (other, _, _) = await ParticipantAsync(app);
        (await PostAsync(owner, session, "live", "Raise", new() { ["Mode"] = "Onsite" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var hand = await app.InDbAsync(db => db.Hands.SingleAsync(h => h.SessionId == session.Id));

        var refused = await PostAsync(other, session, "live", "Lower", query: $"&hand={hand.Id}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector(".errors")!.TextContent.ShouldContain("You can only lower your own hand.");
        (await app.InDbAsync(db => db.Hands.SingleAsync(h => h.Id == hand.Id))).State.ShouldBe(HandState.Waiting);

        (await PostAsync(owner, session, "live", "Lower", query: $"&hand={hand.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Hands.SingleAsync(h => h.Id == hand.Id))).State.ShouldBe(HandState.Lowered);
    }

    [Fact]
    public async Task Each_reader_sees_only_their_own_hand_questions_and_votes_on_the_live_page()
    {
        var session = await SessionAsync(app, 9964);
        var (raiser, raiserName, _) = await ParticipantAsync(app);
        var (asker, _, _) = await ParticipantAsync(app);
        var (voter, _, _) = await ParticipantAsync(app);
        using var moderator = await ModeratorAsync(app, session, $"mod{Guid.NewGuid():N}@example.org");
        var pending = $"Still waiting for approval {Guid.NewGuid():N}";
        var approved = $"Approved for all {Guid.NewGuid():N}";
        (await PostAsync(raiser, session, "live", "Raise", new() { ["Mode"] = "Online" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(asker, session, "live", "Ask", new() { ["Text"] = pending })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(voter, session, "live", "Ask", new() { ["Text"] = approved })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var shown = await app.InDbAsync(db => db.Questions.SingleAsync(q => q.SessionId == session.Id && q.Text == approved));
        (await PostAsync(moderator, session, "console", "Approve", query: $"&question={shown.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(voter, session, "live", "Vote", query: $"&question={shown.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        async Task<AngleSharp.Dom.IDocument> LiveAsync(HttpClient who) => await PlenaryApp.ParseAsync(await who.GetAsync(Url(session, "live")));
        var raisers = await LiveAsync(raiser);
        raisers.QuerySelector("#my-place")!.TextContent.ShouldContain("number 1");
        raisers.QuerySelector("form[action*='handler=Lower']").ShouldNotBeNull();
        raisers.QuerySelector("form[action*='handler=Raise']").ShouldBeNull("one hand at a time");
        raisers.QuerySelector("form[action*='handler=Vote']").ShouldNotBeNull("the raiser has not voted");
        raisers.Body!.TextContent.ShouldNotContain(pending);
        foreach (var other in new[] { asker, voter })
        {
            var page = await LiveAsync(other);
            page.QuerySelector("#my-place").ShouldBeNull("another's hand is not theirs");
            page.QuerySelector("form[action*='handler=Lower']").ShouldBeNull();
            page.QuerySelector("form[action*='handler=Raise']").ShouldNotBeNull();
            page.QuerySelector("#queue")!.TextContent.ShouldContain(raiserName);
        }
        var askers = await LiveAsync(asker);
        askers.Body!.TextContent.ShouldContain(pending);
        askers.QuerySelector("form[action*='handler=Vote']").ShouldNotBeNull("the asker has not voted");
        var voters = await LiveAsync(voter);
        voters.Body!.TextContent.ShouldNotContain(pending);
        voters.QuerySelector("#questions")!.TextContent.ShouldContain(approved);
        voters.QuerySelector("#questions")!.TextContent.ShouldContain("1 vote");
        voters.QuerySelector("#questions")!.TextContent.ShouldNotContain("1 votes");
        voters.QuerySelector("form[action*='handler=Vote']").ShouldBeNull("the voter's own vote is counted");

        var hand = await app.InDbAsync(db => db.Hands.SingleAsync(h => h.SessionId == session.Id));
        (await PostAsync(moderator, session, "console", "Floor", query: $"&hand={hand.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LiveAsync(raiser)).QuerySelector(".you-speak")!.TextContent.ShouldBe("You have the floor.");
        var theirs = await LiveAsync(asker);
        theirs.QuerySelector(".you-speak").ShouldBeNull();
        theirs.QuerySelector("#floor")!.TextContent.ShouldContain($"{raiserName} has the floor (Online).");
    }

    [Fact]
    public async Task Someone_who_does_not_moderate_cannot_use_the_console()
    {
        var session = await SessionAsync(app, 9958);
        var (participant, _, _) = await ParticipantAsync(app);
        using var speaker = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Speaker);
        (await PostAsync(participant, session, "live", "Raise", new() { ["Mode"] = "Onsite" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var hand = await app.InDbAsync(db => db.Hands.SingleAsync(h => h.SessionId == session.Id));

        foreach (var visitor in new[] { participant, speaker })
        {
            // The console's form token is not theirs to have; a token from any page of theirs must still not get through.
            var live = await PlenaryApp.ParseAsync(await visitor.GetAsync(Url(session, "live")));
            var token = live.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var post = await visitor.PostAsync($"{Url(session, "console")}?handler=Floor&hand={hand.Id}",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            new Uri(new Uri("http://localhost"), post.Headers.Location!).AbsolutePath.ShouldBe("/account/denied");
        }
        (await app.InDbAsync(db => db.Hands.SingleAsync(h => h.Id == hand.Id))).State.ShouldBe(HandState.Waiting);

        // Each kind of moderator may.
        foreach (var kind in new[] { SessionRoleKind.OnsiteModerator, SessionRoleKind.OnlineModerator })
        {
            using var moderator = await ModeratorAsync(app, session, $"mod{Guid.NewGuid():N}@example.org", kind);
            (await moderator.GetAsync(Url(session, "console"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Questions_are_shown_only_once_approved_and_take_one_vote_per_person()
    {
        var session = await SessionAsync(app, 9959);
        var (asker, _, _) = await ParticipantAsync(app);
        var (voter, _, _) = await ParticipantAsync(app);
        using var moderator = await ModeratorAsync(app, session, $"mod{Guid.NewGuid():N}@example.org");
        var text = $"Who pays for the last mile? {Guid.NewGuid():N}";
        (await PostAsync(asker, session, "live", "Ask", new() { ["Text"] = text })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await PlenaryApp.ParseAsync(await voter.GetAsync(Url(session, "live")))).QuerySelector("#questions")!.TextContent.ShouldNotContain(text);
        (await PlenaryApp.ParseAsync(await asker.GetAsync(Url(session, "live")))).QuerySelector("#questions")!.TextContent.ShouldContain(text);
        (await PlenaryApp.ParseAsync(await moderator.GetAsync(Url(session, "console")))).QuerySelector("#console-questions")!.TextContent.ShouldContain(text);

        var question = await app.InDbAsync(db => db.Questions.SingleAsync(q => q.SessionId == session.Id));
        var early = await PostAsync(voter, session, "live", "Vote", query: $"&question={question.Id}");
        early.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await PostAsync(moderator, session, "console", "Approve", query: $"&question={question.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PlenaryApp.ParseAsync(await voter.GetAsync(Url(session, "live")))).QuerySelector("#questions")!.TextContent.ShouldContain(text);

        (await PostAsync(voter, session, "live", "Vote", query: $"&question={question.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var twice = await PostAsync(voter, session, "live", "Vote", query: $"&question={question.Id}");
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(twice)).QuerySelector(".errors")!.TextContent.ShouldContain("You have already voted for this question.");
        (await PostAsync(asker, session, "live", "Vote", query: $"&question={question.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Questions.SingleAsync(q => q.Id == question.Id))).Votes.ShouldBe(2);

        (await PostAsync(moderator, session, "console", "Answered", query: $"&question={question.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(moderator, session, "console", "Hide", query: $"&question={question.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PlenaryApp.ParseAsync(await voter.GetAsync(Url(session, "live")))).QuerySelector("#questions")!.TextContent.ShouldNotContain(text);
        (await app.InDbAsync(db => db.Questions.SingleAsync(q => q.Id == question.Id))).State.ShouldBe(QuestionState.Hidden);
    }

    [Fact]
    public async Task The_event_stream_sends_the_state_at_once_and_again_after_a_change()
    {
        var session = await SessionAsync(app, 9960);
        var (watcher, _, _) = await ParticipantAsync(app);
        var (speaker, name, _) = await ParticipantAsync(app);
        // On PostgreSQL the change may be notified before this instance's listener is in place; listening, it wakes every
        // open page to read the state, so the change arrives either way.
        using var events = await EventStream.OpenAsync(watcher, Url(session, "live/events"));
        (await events.NextAsync()).GetProperty("queue").GetArrayLength().ShouldBe(0);

        (await PostAsync(speaker, session, "live", "Raise", new() { ["Mode"] = "Online", ["Topic"] = "Spectrum" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var state = await events.NextAsync();
        state.GetProperty("queue")[0].GetProperty("name").GetString().ShouldBe(name);
        state.GetProperty("queue")[0].GetProperty("mode").GetString().ShouldBe("Online");
    }

    [Fact]
    public async Task The_event_stream_is_server_sent_events_with_an_id_and_the_session_state()
    {
        var session = await SessionAsync(app, 9961);
        var (watcher, _, _) = await ParticipantAsync(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(session, "live/events"));
        using var response = await watcher.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();

        // The stream never ends by itself: read its first event, as EventSource does, then leave.
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(limit.Token) is { } line && !(line.Length == 0 && lines.Exists(l => l.StartsWith("data: ", StringComparison.Ordinal))))
        {
            lines.Add(line);
        }
        lines.ShouldContain(":");
        lines.ShouldContain(l => l.StartsWith("id: ", StringComparison.Ordinal) && l.Length > "id: ".Length);
        lines.ShouldContain("event: queue");
        lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal)).ShouldContain("\"sessionId\":" + session.Id);
    }
}

/// <summary>Reads a text/event-stream one event at a time, as EventSource does.</summary>
internal sealed class EventStream : IDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;
    private readonly CancellationTokenSource limit = new(TimeSpan.FromSeconds(30));

    private EventStream(HttpResponseMessage response, Stream body) => (this.response, reader) = (response, new StreamReader(body));

    /// <summary>The id of the last event read, as EventSource keeps it for its Last-Event-ID.</summary>
    public string? LastId { get; private set; }

    public static async Task<EventStream> OpenAsync(HttpClient visitor, string url, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await visitor.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return new EventStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event's data as JSON; fails rather than hangs when none comes.</summary>
    public async Task<JsonElement> NextAsync()
    {
        string? data = null;
        while (await reader.ReadLineAsync(limit.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                LastId = line["id: ".Length..];
            }
            else if (line.Length == 0 && data is not null)
            {
                return JsonDocument.Parse(data).RootElement.Clone();
            }
        }
        throw new InvalidOperationException("The event stream ended.");
    }

    public void Dispose()
    {
        limit.Dispose();
        reader.Dispose();
        response.Dispose();
    }
}

[Collection("sqlite")]
public sealed class QueueOnSqlite(SqliteApp app) : QueueTests(app);

[Collection("postgres")]
public sealed class QueueOnPostgres(PostgresApp app) : QueueTests(app);
