using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Plenary.Kernel.Audit;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Queue;

/// <summary>Why a change to the queue was refused: the field it concerns, a sentence for the person, and the HTTP status.</summary>
public sealed record QueueRefusal(string Field, string Message, int Status = StatusCodes.Status400BadRequest);

/// <summary>
/// Every change to a session's speaking queue and questions, for the live page and the console alike. Each change is
/// saved, then signalled, so that every open page (on any instance) reads the new state.
/// What moderators do is audited with the change (the Secretariat reads it in the forum's audit log). What participants
/// do to their own hand or question is not: a raise or a lower concerns only the person who made it, hundreds of them
/// an hour in a busy session, and the hands table itself already keeps when each was raised and how it ended.
/// </summary>
public sealed class SpeakingQueue(PlenaryDb db, IQueueSignal signal, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    /// <summary>People gather and queue before the chair opens the floor.</summary>
    public static readonly TimeSpan OpensBefore = TimeSpan.FromMinutes(30);

    /// <summary>Enough for a real conversation, too few to flood the moderators.</summary>
    public const int QuestionsPerMinute = 3;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Null while hands may be raised: from half an hour before the session to its end.</summary>
    public string? Closed(Session session)
    {
        if (session.Status == SessionStatus.Cancelled)
        {
            return L["This session has been cancelled."];
        }
        if (session.StartsAt is not { } start || session.EndsAt is not { } end)
        {
            return L["This session is not in the timetable yet, so its queue is not open."];
        }
        if (Now > end)
        {
            return L["This session has ended; its queue is closed."];
        }
        if (Now < start - OpensBefore)
        {
            return L["The queue opens {0} minutes before the session starts.", (int)OpensBefore.TotalMinutes];
        }
        return null;
    }

    public async Task<QueueRefusal?> RaiseAsync(Session session, int accountId, string? topic, string? mode, CancellationToken cancel)
    {
        if (Closed(session) is { } closed)
        {
            return new("topic", closed, StatusCodes.Status409Conflict);
        }
        if (!EnumValue.TryParse<ParticipationMode>(mode, out var where))
        {
            return new("mode", L["Say whether you are in the room or online."]);
        }
        topic = topic?.Trim();
        if (!SingleLine.Holds(topic))
        {
            return new("topic", SingleLine.Problem(L));
        }
        if (topic?.Length > Hand.MaxTopic)
        {
            return new("topic", L["Keep the topic to {0} characters.", Hand.MaxTopic]);
        }
        // Whether the hand is already up, whose it is and the queue's last place, in one round trip: at a session's start
        // hundreds raise within a minute, each waiting on its own.
        var person = await db.Users.Where(a => a.Id == accountId).Select(a => new
        {
            a.PersonId, a.Person.Name,
            Raised = db.Hands.Any(h => h.SessionId == session.Id && h.AccountId == accountId && (h.State == HandState.Waiting || h.State == HandState.Speaking)),
            LastPlace = db.Hands.Where(h => h.SessionId == session.Id).Max(h => (int?)h.Place),
        }).SingleAsync(cancel);
        if (person.Raised)
        {
            return new("topic", L["Your hand is already raised; lower it first to ask again."], StatusCodes.Status409Conflict);
        }
        var hand = new Hand
        {
            SessionId = session.Id, AccountId = accountId, PersonId = person.PersonId, Name = person.Name, Topic = string.IsNullOrEmpty(topic) ? null : topic,
            Mode = where, State = HandState.Waiting, Place = (person.LastPlace ?? 0) + 1, RaisedAt = Now,
        };
        db.Hands.Add(hand);
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // The same person's other raise, sent at the same instant, passed the check above first: the index kept one.
            db.Entry(hand).State = EntityState.Detached;
            return new("topic", L["Your hand is already raised; lower it first to ask again."], StatusCodes.Status409Conflict);
        }
        await signal.ChangedAsync(session.Id, cancel);
        return null;
    }

    /// <summary>A unique index refused the row, on SQLite (SQLITE_CONSTRAINT_UNIQUE) or PostgreSQL (23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    public async Task<QueueRefusal?> LowerAsync(Session session, int accountId, int handId, CancellationToken cancel)
    {
        var hand = await db.Hands.AsTracking().FirstOrDefaultAsync(h => h.Id == handId && h.SessionId == session.Id, cancel);
        if (hand is null || hand.AccountId != accountId)
        {
            return new("", L["You can only lower your own hand."], StatusCodes.Status403Forbidden);
        }
        if (hand.State != HandState.Waiting)
        {
            return new("", L["Your hand is no longer waiting in the queue."], StatusCodes.Status409Conflict);
        }
        hand.State = HandState.Lowered;
        return await SaveAsync(session, cancel);
    }

    public async Task<QueueRefusal?> AskAsync(Session session, int accountId, string? text, CancellationToken cancel)
    {
        if (Closed(session) is { } closed)
        {
            return new("text", closed, StatusCodes.Status409Conflict);
        }
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new("text", L["Write your question."]);
        }
        if (text.Length > Question.MaxText)
        {
            return new("text", L["Keep your question to {0} characters.", Question.MaxText]);
        }
        var since = Now.AddMinutes(-1);
        if (await db.Questions.CountAsync(q => q.AccountId == accountId && q.AskedAt > since, cancel) >= QuestionsPerMinute)
        {
            return new("text", L["You have asked {0} questions in the last minute. Wait a moment before asking another.", QuestionsPerMinute],
                StatusCodes.Status429TooManyRequests);
        }
        var name = await db.Users.Where(a => a.Id == accountId).Select(a => a.Person.Name).SingleAsync(cancel);
        db.Questions.Add(new Question { SessionId = session.Id, AccountId = accountId, AskedBy = name, Text = text, State = QuestionState.Pending, AskedAt = Now });
        return await SaveAsync(session, cancel);
    }

    public async Task<QueueRefusal?> VoteAsync(Session session, int accountId, int questionId, CancellationToken cancel)
    {
        var question = await db.Questions.FirstOrDefaultAsync(q => q.Id == questionId && q.SessionId == session.Id && q.State == QuestionState.Shown, cancel);
        if (question is null)
        {
            return new("", L["That question is not open for votes."], StatusCodes.Status404NotFound);
        }
        if (await db.QuestionVotes.AnyAsync(v => v.QuestionId == questionId && v.AccountId == accountId, cancel))
        {
            return new("", L["You have already voted for this question."], StatusCodes.Status409Conflict);
        }
        db.QuestionVotes.Add(new QuestionVote { QuestionId = questionId, AccountId = accountId });
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException)
        {
            // The same vote from a second tab at the same moment: the key kept it to one.
            return new("", L["You have already voted for this question."], StatusCodes.Status409Conflict);
        }
        // Counted from the votes themselves, so two voters at once cannot lose one another's vote.
        await db.Questions.Where(q => q.Id == questionId)
            .ExecuteUpdateAsync(u => u.SetProperty(q => q.Votes, q => db.QuestionVotes.Count(v => v.QuestionId == q.Id)), cancel);
        await signal.ChangedAsync(session.Id, cancel);
        return null;
    }

    // The moderators' side.

    public async Task<QueueRefusal?> AddFromRoomAsync(Session session, ClaimsPrincipal moderator, string? name, string? topic, CancellationToken cancel)
    {
        name = name?.Trim();
        topic = topic?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return new("name", L["Give the name of the person in the room."]);
        }
        if (!SingleLine.Holds(name))
        {
            return new("name", SingleLine.Problem(L));
        }
        if (!SingleLine.Holds(topic))
        {
            return new("room-topic", SingleLine.Problem(L));
        }
        if (name.Length > Hand.MaxName)
        {
            return new("name", L["Keep the name to {0} characters.", Hand.MaxName]);
        }
        if (topic?.Length > Hand.MaxTopic)
        {
            return new("room-topic", L["Keep the topic to {0} characters.", Hand.MaxTopic]);
        }
        var hand = new Hand
        {
            SessionId = session.Id, Name = name, Topic = string.IsNullOrEmpty(topic) ? null : topic, Mode = ParticipationMode.Onsite,
            State = HandState.Waiting, Place = await NextPlaceAsync(session.Id, cancel), RaisedAt = Now,
        };
        db.Hands.Add(hand);
        Audit(session, moderator, "queue.add", hand, null, Describe(hand));
        return await SaveAsync(session, cancel);
    }

    /// <summary>Swaps the hand with its neighbour in the waiting queue (up: towards the floor).</summary>
    public async Task<QueueRefusal?> MoveAsync(Session session, ClaimsPrincipal moderator, int handId, bool up, CancellationToken cancel)
    {
        var waiting = await db.Hands.AsTracking().Where(h => h.SessionId == session.Id && h.State == HandState.Waiting)
            .OrderBy(h => h.Place).ThenBy(h => h.Id).ToListAsync(cancel);
        var index = waiting.FindIndex(h => h.Id == handId);
        if (index < 0)
        {
            return new("", L["That person is no longer waiting in the queue."], StatusCodes.Status409Conflict);
        }
        var other = up ? index - 1 : index + 1;
        if (other < 0 || other >= waiting.Count)
        {
            return null;
        }
        var before = new { Place = index + 1 };
        // Places may repeat (two hands raised at the same instant); renumbering the queue makes the swap exact.
        (waiting[index], waiting[other]) = (waiting[other], waiting[index]);
        var first = waiting[0].Place;
        for (var i = 0; i < waiting.Count; i++)
        {
            waiting[i].Place = first + i;
        }
        Audit(session, moderator, up ? "queue.up" : "queue.down", waiting[other], before, new { Place = other + 1 });
        return await SaveAsync(session, cancel);
    }

    /// <summary>Gives the floor and starts the speaking timer; whoever had the floor is done.</summary>
    public async Task<QueueRefusal?> GiveFloorAsync(Session session, ClaimsPrincipal moderator, int handId, CancellationToken cancel)
    {
        var hand = await db.Hands.AsTracking().FirstOrDefaultAsync(h => h.Id == handId && h.SessionId == session.Id, cancel);
        if (hand is null || hand.State != HandState.Waiting)
        {
            return new("", L["That person is no longer waiting in the queue."], StatusCodes.Status409Conflict);
        }
        foreach (var speaking in await db.Hands.AsTracking().Where(h => h.SessionId == session.Id && h.State == HandState.Speaking).ToListAsync(cancel))
        {
            Finish(speaking);
            Audit(session, moderator, "queue.done", speaking, new { State = HandState.Speaking }, new { speaking.State, speaking.SpokeSeconds });
        }
        hand.State = HandState.Speaking;
        hand.FloorAt = Now;
        Audit(session, moderator, "queue.floor", hand, new { State = HandState.Waiting }, new { hand.State, hand.FloorAt });
        return await SaveAsync(session, cancel);
    }

    /// <summary>Stops the timer and records how long the intervention lasted.</summary>
    public async Task<QueueRefusal?> DoneAsync(Session session, ClaimsPrincipal moderator, int handId, CancellationToken cancel)
    {
        var hand = await db.Hands.AsTracking().FirstOrDefaultAsync(h => h.Id == handId && h.SessionId == session.Id, cancel);
        if (hand is null || hand.State != HandState.Speaking)
        {
            return new("", L["That person does not have the floor."], StatusCodes.Status409Conflict);
        }
        Finish(hand);
        Audit(session, moderator, "queue.done", hand, new { State = HandState.Speaking }, new { hand.State, hand.SpokeSeconds });
        return await SaveAsync(session, cancel);
    }

    public async Task<QueueRefusal?> RemoveAsync(Session session, ClaimsPrincipal moderator, int handId, CancellationToken cancel)
    {
        var hand = await db.Hands.AsTracking().FirstOrDefaultAsync(h => h.Id == handId && h.SessionId == session.Id, cancel);
        if (hand is null || hand.State != HandState.Waiting)
        {
            return new("", L["That person is no longer waiting in the queue."], StatusCodes.Status409Conflict);
        }
        hand.State = HandState.Removed;
        Audit(session, moderator, "queue.remove", hand, new { State = HandState.Waiting }, new { hand.State });
        return await SaveAsync(session, cancel);
    }

    public async Task<QueueRefusal?> ModerateQuestionAsync(Session session, ClaimsPrincipal moderator, int questionId, QuestionState to, CancellationToken cancel)
    {
        var question = await db.Questions.AsTracking().FirstOrDefaultAsync(q => q.Id == questionId && q.SessionId == session.Id, cancel);
        if (question is null)
        {
            return new("", L["That question is not in this session."], StatusCodes.Status404NotFound);
        }
        if (question.State == to)
        {
            return null;
        }
        var before = question.State;
        question.State = to;
        db.Record(moderator, clock, session.ForumId, to switch
        {
            QuestionState.Shown => "question.show",
            QuestionState.Hidden => "question.hide",
            _ => "question.answered",
        }, $"{session.Key} Q{question.Id} {question.AskedBy}", new { State = before }, new { question.State, question.Text });
        return await SaveAsync(session, cancel);
    }

    /// <summary>The audit entry of a moderator's change to a hand, saved with it; the subject names the session and the person.</summary>
    private void Audit(Session session, ClaimsPrincipal moderator, string action, Hand hand, object? before, object? after) =>
        db.Record(moderator, clock, session.ForumId, action, $"{session.Key} {hand.Name}", before, after);

    private static object Describe(Hand hand) => new { hand.Name, hand.Topic, hand.Mode, hand.State };

    private void Finish(Hand hand)
    {
        hand.State = HandState.Spoke;
        hand.DoneAt = Now;
        hand.SpokeSeconds = hand.FloorAt is { } floor ? Math.Max(0, (int)(hand.DoneAt.Value - floor).TotalSeconds) : 0;
    }

    private async Task<int> NextPlaceAsync(int sessionId, CancellationToken cancel) =>
        (await db.Hands.Where(h => h.SessionId == sessionId).MaxAsync(h => (int?)h.Place, cancel) ?? 0) + 1;

    private async Task<QueueRefusal?> SaveAsync(Session session, CancellationToken cancel)
    {
        await db.SaveChangesAsync(cancel);
        await signal.ChangedAsync(session.Id, cancel);
        return null;
    }

    /// <summary>
    /// The queue's record as participation figures for the session report: interventions and speaking time, onsite and
    /// online, by stakeholder group and by gender where the person declared them. Aggregates only, never a person's gender.
    /// </summary>
    public static async Task<ParticipationFigures> FiguresAsync(PlenaryDb db, int sessionId, CancellationToken cancel)
    {
        var spoke = await (from h in db.Hands
                           where h.SessionId == sessionId && h.State == HandState.Spoke
                           join p in db.People on h.PersonId equals p.Id into people
                           from p in people.DefaultIfEmpty()
                           select new { h.Mode, Seconds = h.SpokeSeconds ?? 0, Group = p == null ? null : p.StakeholderGroup, Gender = p == null ? null : p.Gender })
                          .ToListAsync(cancel);
        var speakers = await db.Hands.Where(h => h.SessionId == sessionId && h.State == HandState.Spoke)
            .Select(h => h.AccountId == null ? "room:" + h.Name : "account:" + h.AccountId).Distinct().CountAsync(cancel);
        return new ParticipationFigures(
            spoke.Count, speakers, spoke.Sum(s => s.Seconds),
            spoke.GroupBy(s => s.Mode).ToDictionary(g => g.Key, g => new Tally(g.Count(), g.Sum(s => s.Seconds))),
            spoke.GroupBy(s => s.Group).ToDictionary(g => g.Key?.ToString() ?? "", g => new Tally(g.Count(), g.Sum(s => s.Seconds))),
            spoke.GroupBy(s => s.Gender).ToDictionary(g => g.Key?.ToString() ?? "", g => new Tally(g.Count(), g.Sum(s => s.Seconds))));
    }
}

/// <summary>Interventions and seconds spoken.</summary>
public sealed record Tally(int Interventions, int Seconds);

/// <summary>
/// The draft participation figures of a session from its speaking queue. Keys of the group and gender tallies are the
/// enum names, and "" for people who did not declare one (or were added from the room by name).
/// </summary>
public sealed record ParticipationFigures(int Interventions, int Speakers, int Seconds, Dictionary<ParticipationMode, Tally> ByMode,
    Dictionary<string, Tally> ByStakeholderGroup, Dictionary<string, Tally> ByGender);

/// <summary>What every open page of a session is sent: the queue in order, who has the floor, and the approved questions.</summary>
public sealed record QueueState(int SessionId, QueueState.Speaker? Floor, List<QueueState.Waiting> Queue, List<QueueState.Shown> Questions, int PendingQuestions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() }, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The event id of a state: drawn from its content, so every instance (and an instance restarted since) gives one
    /// state the same id, and a page that shows it can say so when it (re)connects. A queue that changed and changed back
    /// has the same id again, rightly: the page shows all there is.
    /// </summary>
    public static string Version(string json) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)), 0, 8);

    public string Version() => Version(ToJson());

    public sealed record Speaker(int Hand, string Name, ParticipationMode Mode, DateTime Since);
    public sealed record Waiting(int Hand, string Name, string? Topic, ParticipationMode Mode);
    public sealed record Shown(int Id, string Text, int Votes, bool Answered);

    public static async Task<QueueState> LoadAsync(PlenaryDb db, int sessionId, CancellationToken cancel)
    {
        var hands = await OpenHandsAsync(db, sessionId, cancel);
        var questions = await db.Questions.Where(q => q.SessionId == sessionId && q.State != QuestionState.Hidden)
            .Select(q => new Question { Id = q.Id, AskedBy = "", Text = q.Text, Votes = q.Votes, State = q.State }).ToListAsync(cancel);
        return Of(sessionId, hands, questions);
    }

    /// <summary>
    /// The state, and what is the reader's own in it (their hand, their questions awaiting approval, the questions they
    /// voted for), read in the same two queries: the live page once read each of them again.
    /// </summary>
    public static async Task<(QueueState State, ReaderPart Reader)> LoadForAsync(PlenaryDb db, int sessionId, int account, CancellationToken cancel)
    {
        var hands = await OpenHandsAsync(db, sessionId, cancel);
        var questions = await db.Questions.Where(q => q.SessionId == sessionId && q.State != QuestionState.Hidden)
            .Select(q => new { Question = q, Voted = db.QuestionVotes.Any(v => v.QuestionId == q.Id && v.AccountId == account) }).ToListAsync(cancel);
        var state = Of(sessionId, hands, questions.Select(q => q.Question));
        return (state, new ReaderPart(
            hands.FirstOrDefault(h => h.AccountId == account),
            questions.Select(q => q.Question).Where(q => q.AccountId == account && q.State == QuestionState.Pending).OrderBy(q => q.Id).ToList(),
            questions.Where(q => q.Voted).Select(q => q.Question.Id).ToHashSet()));
    }

    /// <summary>The reader's own on a live page: their waiting or speaking hand, their questions awaiting approval, the questions they voted for.</summary>
    public sealed record ReaderPart(Hand? Hand, List<Question> Pending, HashSet<int> Voted);

    private static Task<List<Hand>> OpenHandsAsync(PlenaryDb db, int sessionId, CancellationToken cancel) =>
        db.Hands.Where(h => h.SessionId == sessionId && (h.State == HandState.Waiting || h.State == HandState.Speaking))
            .OrderBy(h => h.Place).ThenBy(h => h.Id).ToListAsync(cancel);

    private static QueueState Of(int sessionId, List<Hand> hands, IEnumerable<Question> questions)
    {
        var floor = hands.FirstOrDefault(h => h.State == HandState.Speaking);
        var shown = questions.ToList();
        return new QueueState(sessionId,
            floor is null ? null : new Speaker(floor.Id, floor.Name, floor.Mode, floor.FloorAt ?? floor.RaisedAt),
            hands.Where(h => h.State == HandState.Waiting).Select(h => new Waiting(h.Id, h.Name, h.Topic, h.Mode)).ToList(),
            shown.Where(q => q.State != QuestionState.Pending).OrderBy(q => q.State == QuestionState.Answered).ThenByDescending(q => q.Votes).ThenBy(q => q.Id)
                .Select(q => new Shown(q.Id, q.Text, q.Votes, q.State == QuestionState.Answered)).ToList(),
            shown.Count(q => q.State == QuestionState.Pending));
    }
}
