using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Features.Queue;

/// <summary>
/// A session's live page, for people in the room (on their phone) and online alike: raise a hand to speak, see one's
/// place, lower it; ask questions in writing and upvote the approved ones. Without JavaScript every form posts and
/// comes back here; with it, live.js keeps the page current.
/// </summary>
[SessionPolicy(Policies.JoinQueue, HeadOnly = true)]
[EnableRateLimiting(QueueFloodLimit.Name)]
public sealed class LiveModel(PlenaryDb db, IAuthorizationService authorization, SpeakingQueue queue, Certificates.Attendance attendance) : QueuePageModel(db)
{
    [BindProperty] public string? Topic { get; set; }
    [BindProperty] public string? Mode { get; set; }
    [BindProperty] public string? Text { get; set; }

    public QueueState State { get; private set; } = null!;
    public string? Closed { get; private set; }

    /// <summary>The visitor's own waiting or speaking hand.</summary>
    public Hand? MyHand { get; private set; }

    /// <summary>1 for next to speak.</summary>
    public int? MyPlace { get; private set; }
    public List<Question> MyPending { get; private set; } = [];
    public HashSet<int> Voted { get; private set; } = [];
    public bool MayModerate { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string key)
    {
        // Opening the live page while the session is on is how an online participant is seen there: their certificate counts it.
        await attendance.RecordOnlineAsync(Session, Account, Certificates.PresenceSource.LivePage, Cancel);
        return await ShowAsync();
    }

    public Task<IActionResult> OnPostRaiseAsync(string forum, string key) =>
        ChangeAsync(forum, key, () => queue.RaiseAsync(Session, Account, Topic, Mode, Cancel));

    public Task<IActionResult> OnPostLowerAsync(string forum, string key, int hand) =>
        ChangeAsync(forum, key, () => queue.LowerAsync(Session, Account, hand, Cancel));

    public Task<IActionResult> OnPostAskAsync(string forum, string key) =>
        ChangeAsync(forum, key, () => queue.AskAsync(Session, Account, Text, Cancel));

    public Task<IActionResult> OnPostVoteAsync(string forum, string key, int question) =>
        ChangeAsync(forum, key, () => queue.VoteAsync(Session, Account, question, Cancel));

    private Task<IActionResult> ChangeAsync(string forum, string key, Func<Task<QueueRefusal?>> change) =>
        ChangeAsync("live", change);

    protected override async Task<IActionResult> ShowAsync()
    {
        QueueState.ReaderPart mine;
        (State, mine) = await QueueState.LoadForAsync(Db, Session.Id, Account, Cancel);
        Closed = queue.Closed(Session);
        MayModerate = (await authorization.AuthorizeAsync(User, Session, Policies.ModerateQueue)).Succeeded;
        MyHand = mine.Hand;
        if (MyHand is { State: HandState.Waiting })
        {
            MyPlace = State.Queue.FindIndex(w => w.Hand == MyHand.Id) + 1;
        }
        MyPending = mine.Pending;
        Voted = mine.Voted;
        return Page();
    }
}
