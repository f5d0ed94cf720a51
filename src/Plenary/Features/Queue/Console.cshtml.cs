using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Features.Queue;

/// <summary>
/// The moderators' console: one queue for the room and the internet in order of request, reordered by hand; the floor
/// and its timer; people from the room without a phone; the questions waiting for approval.
/// For the session's moderators and organisers and the forum's Secretariat.
/// </summary>
[SessionPolicy(Policies.ModerateQueue)]
public sealed class ConsoleModel(PlenaryDb db, SpeakingQueue queue) : QueuePageModel(db)
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? RoomTopic { get; set; }

    public QueueState State { get; private set; } = null!;
    public List<Question> Pending { get; private set; } = [];
    public List<Question> Hidden { get; private set; } = [];
    public List<Hand> Spoken { get; private set; } = [];
    public string? Closed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string key) =>
        await ShowAsync();

    public Task<IActionResult> OnPostUpAsync(string forum, string key, int hand) => ChangeAsync(forum, key, () => queue.MoveAsync(Session, User, hand, up: true, Cancel));
    public Task<IActionResult> OnPostDownAsync(string forum, string key, int hand) => ChangeAsync(forum, key, () => queue.MoveAsync(Session, User, hand, up: false, Cancel));
    public Task<IActionResult> OnPostFloorAsync(string forum, string key, int hand) => ChangeAsync(forum, key, () => queue.GiveFloorAsync(Session, User, hand, Cancel));
    public Task<IActionResult> OnPostDoneAsync(string forum, string key, int hand) => ChangeAsync(forum, key, () => queue.DoneAsync(Session, User, hand, Cancel));
    public Task<IActionResult> OnPostRemoveAsync(string forum, string key, int hand) => ChangeAsync(forum, key, () => queue.RemoveAsync(Session, User, hand, Cancel));
    public Task<IActionResult> OnPostAddAsync(string forum, string key) => ChangeAsync(forum, key, () => queue.AddFromRoomAsync(Session, User, Name, RoomTopic, Cancel));

    public Task<IActionResult> OnPostApproveAsync(string forum, string key, int question) =>
        ChangeAsync(forum, key, () => queue.ModerateQuestionAsync(Session, User, question, QuestionState.Shown, Cancel));

    public Task<IActionResult> OnPostHideAsync(string forum, string key, int question) =>
        ChangeAsync(forum, key, () => queue.ModerateQuestionAsync(Session, User, question, QuestionState.Hidden, Cancel));

    public Task<IActionResult> OnPostAnsweredAsync(string forum, string key, int question) =>
        ChangeAsync(forum, key, () => queue.ModerateQuestionAsync(Session, User, question, QuestionState.Answered, Cancel));

    private Task<IActionResult> ChangeAsync(string forum, string key, Func<Task<QueueRefusal?>> change) =>
        ChangeAsync("console", change);

    protected override async Task<IActionResult> ShowAsync()
    {
        State = await QueueState.LoadAsync(Db, Session.Id, Cancel);
        Closed = queue.Closed(Session);
        var questions = await Db.Questions.Where(q => q.SessionId == Session.Id && (q.State == QuestionState.Pending || q.State == QuestionState.Hidden))
            .OrderBy(q => q.Id).ToListAsync(Cancel);
        (Pending, Hidden) = (questions.Where(q => q.State == QuestionState.Pending).ToList(), questions.Where(q => q.State == QuestionState.Hidden).ToList());
        Spoken = await Db.Hands.Where(h => h.SessionId == Session.Id && h.State == HandState.Spoke).OrderByDescending(h => h.DoneAt).Take(10).ToListAsync(Cancel);
        return Page();
    }
}
