using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Reports;

/// <summary>
/// The rapporteur's page: key takeaways and calls to action, then the session and gender reports, in one form that saves
/// a draft with every button (and by script as the writer types), so nothing typed is lost to a refusal or a dropped line.
/// </summary>
/// <remarks>
/// A refusal is this page again, 200, with the problems at their fields and everything typed put back: it is the form to
/// mend, not an error, and an error status invites a proxy to put its own error page in its place.
/// Enter in a field saves the draft (see _DefaultSubmit): submitting publishes at once, so only its own button does it.
/// </remarks>
[SessionPolicy(Policies.WriteOutputs, Tracked = true, KeptForum = true, OutputsOnly = true)]
[KeepsDraftInBrowser]
public sealed class WriteModel(PlenaryDb db, ReportChange desk, TimeProvider clock, IStringLocalizer<SharedResource> L)
    : SessionPageModel(db)
{
    [BindProperty] public ReportForm Form { get; set; } = new();
    [BindProperty] public string? ExtendPart { get; set; }
    [BindProperty] public string? ExtendDay { get; set; }
    [BindProperty] public string? ExtendTime { get; set; }

    public SessionReporting? Reporting { get; private set; }
    public Dictionary<string, string> Errors { get; private set; } = [];
    public ForumClock ForumClock { get; private set; } = null!;

    /// <summary>The writer's own zone from their profile, when they set one other than the forum's.</summary>
    /// <remarks>Read only when the page is shown: a submission that succeeds goes without the query.</remarks>
    public async Task<ForumClock?> WriterClockAsync()
    {
        if (!writerClockRead)
        {
            var own = User.AccountId() is { } account
                ? await Db.Users.Where(a => a.Id == account).Select(a => a.TimeZoneId).FirstOrDefaultAsync(HttpContext.RequestAborted)
                : null;
            writerClock = own is not null && own != Forum.TimeZoneId && ForumClock.TryCreate(own, out var writer) ? writer : null;
            writerClockRead = true;
        }
        return writerClock;
    }

    private ForumClock? writerClock;
    private bool writerClockRead;

    public DateTime Now { get; private set; }
    public DateTime? TakeawaysDue { get; private set; }
    public DateTime ReportDue { get; private set; }

    /// <summary>Secretariat and administrators: they extend deadlines and see the history.</summary>
    /// <remarks>Read when the page is shown or a deadline extended, not for a submission, which any writer makes alike.</remarks>
    public async Task<bool> RunsForumAsync() => runsForum ??= await Db.RunsForumAsync(User, Forum.Id, HttpContext.RequestAborted);

    private bool? runsForum;

    public string? Done { get; private set; }

    /// <summary>Attendance Plenary recorded (check-ins, the speaking queue), offered to fill the figures.</summary>
    /// <remarks>Loaded only when a page is shown: a submission that succeeds goes without these queries.</remarks>
    public async Task<KnownFigures> KnownAsync() => known ??= await KnownFigures.LoadAsync(Db, Session, HttpContext.RequestAborted);

    private KnownFigures? known;

    /// <summary>After "use these figures": the fields filled, and those kept because the writer had typed them.</summary>
    public List<string>? FiguresFilled { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string key, string? done)
    {
        await LoadAsync();
        Form = Reporting?.Draft is { } draft ? ReportForm.FromJson(draft) : ReportForm.From(Session);
        Done = done is "draft" or "takeaways" or "report" or "extended" ? done : null;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum, string key)
    {
        await LoadAsync();
        if (await desk.SaveDraftAsync(Session, Form, User, HttpContext.RequestAborted) is { } refused)
        {
            this.ShowRefusal(Refusal.Of("", refused), Errors);
            return Page();
        }
        return Redirect(ReportLinks.Write(Forum.Slug, Session.Key) + "?done=draft");
    }

    /// <summary>The script's autosave: the same draft, answered in JSON so the page stays as it is.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(string forum, string key)
    {
        await LoadAsync();
        if (await desk.SaveDraftAsync(Session, Form, User, HttpContext.RequestAborted) is { } refused)
        {
            return new JsonResult(new { saved = false, message = refused }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        return new JsonResult(new { saved = true, at = clock.GetUtcNow().UtcDateTime });
    }

    /// <summary>
    /// Puts the recorded figures into the empty figure fields of what is being typed, keeps the rest as typed, and saves
    /// it all as the draft: the writer sees the result before submitting anything.
    /// </summary>
    public async Task<IActionResult> OnPostFiguresAsync(string forum, string key)
    {
        await LoadAsync();
        FiguresFilled = (await KnownAsync()).FillEmpty(Form);
        if (await desk.SaveDraftAsync(Session, Form, User, HttpContext.RequestAborted) is { } refused)
        {
            this.ShowRefusal(Refusal.Of("", refused), Errors);
        }
        return Page();
    }

    /// <summary>Whether the session has a transcript to draft from (the button shows only then).</summary>
    public async Task<bool> HasTranscriptAsync() => hasTranscript ??= await Db.Transcripts.AnyAsync(t => t.SessionId == Session.Id, HttpContext.RequestAborted);

    private bool? hasTranscript;

    /// <summary>After "Draft from the transcript": the drafted sentence in each field it filled, by the field's id.</summary>
    public Dictionary<string, TakeawayDraft.Drafted>? Drafted { get; private set; }

    /// <summary>Why nothing was drafted, when nothing was.</summary>
    public string? DraftProblem { get; private set; }

    /// <summary>
    /// Puts sentences from the transcript into the empty takeaway and call-to-action fields and shows where each was said.
    /// Nothing is saved: the writer reads, edits and then saves or submits as always, and what they had typed stays.
    /// </summary>
    public async Task<IActionResult> OnPostDraftAsync(string forum, string key)
    {
        await LoadAsync();
        var cancel = HttpContext.RequestAborted;
        var turns = await Db.Transcripts.Where(t => t.SessionId == Session.Id).Select(t => t.Turns).FirstOrDefaultAsync(cancel);
        Drafted = [];
        if (turns is null)
        {
            hasTranscript = false;
            DraftProblem = L["This session has no transcript yet: add it on the transcript page, then draft from it."];
            return Page();
        }
        hasTranscript = true;
        // The page loads the session's outputs only (OutputsOnly); the record's sections are drafted from too.
        await Db.Entry(Session).Collection(s => s.Sections).LoadAsync(cancel);
        var record = string.Join("\n", new[] { Session.Title, Session.Description, Session.Approach }
            .Concat(Session.Sections.Select(s => s.Text)).Where(t => !string.IsNullOrWhiteSpace(t)));
        var draft = TakeawayDraft.Draft(TranscriptParser.TurnsFromJson(turns), record, ContentLanguage.OriginalOf(Session, Forum));
        if (draft.IsEmpty)
        {
            DraftProblem = L["No sentence of the transcript could be drafted: each must have between {0} and {1} words and be neither a question nor a courtesy.", TakeawayDraft.MinWords, TakeawayDraft.MaxWords];
            return Page();
        }
        var takeaways = new Queue<TakeawayDraft.Drafted>(draft.Takeaways);
        Fill("takeaway1", Form.Takeaway1, t => Form.Takeaway1 = t, takeaways);
        Fill("takeaway2", Form.Takeaway2, t => Form.Takeaway2 = t, takeaways);
        Fill("takeaway3", Form.Takeaway3, t => Form.Takeaway3 = t, takeaways);
        var actions = new Queue<TakeawayDraft.Drafted>(draft.Actions);
        Fill("action1", Form.Action1, t => Form.Action1 = t, actions);
        Fill("action2", Form.Action2, t => Form.Action2 = t, actions);
        if (Drafted.Count == 0)
        {
            DraftProblem = L["Every takeaway and call to action already has text: empty the fields you want drafted, then draft again."];
        }
        return Page();
    }

    private void Fill(string field, string? typed, Action<string> set, Queue<TakeawayDraft.Drafted> offered)
    {
        if (string.IsNullOrWhiteSpace(typed) && offered.TryDequeue(out var sentence))
        {
            set(sentence.Text);
            Drafted![field] = sentence;
        }
    }

    public Task<IActionResult> OnPostSubmitTakeawaysAsync(string forum, string key) => SubmitAsync(forum, key, OutputPart.Takeaways);

    public Task<IActionResult> OnPostSubmitReportAsync(string forum, string key) => SubmitAsync(forum, key, OutputPart.Report);

    private async Task<IActionResult> SubmitAsync(string forum, string key, OutputPart part)
    {
        await LoadAsync();
        var cancel = HttpContext.RequestAborted;
        var submitted = await desk.SubmitAsync(Forum, Session, Form, part, User, cancel);
        if (!submitted.IsDone)
        {
            this.ShowRefusal(submitted.Reasons, Errors);
            // What was typed is kept on the server too, so leaving the page after a refusal loses nothing.
            await desk.SaveDraftAsync(Session, Form, User, cancel);
            return Page();
        }
        return Redirect(ReportLinks.Write(Forum.Slug, Session.Key) + $"?done={(part == OutputPart.Takeaways ? "takeaways" : "report")}");
    }

    public async Task<IActionResult> OnPostExtendAsync(string forum, string key)
    {
        await LoadAsync();
        if (!await RunsForumAsync())
        {
            return Forbid();
        }
        OutputPart? part = ExtendPart switch { "Takeaways" => OutputPart.Takeaways, "Report" => OutputPart.Report, _ => null };
        var refusal = new Refusal();
        if (part is null)
        {
            refusal.Add("extend-part", L["Choose which deadline to extend."]);
        }
        if (!DateOnly.TryParseExact(ExtendDay?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            refusal.Add("extend-day", L["Enter a day as YYYY-MM-DD, for example {0}.", "2026-06-23"]);
        }
        if (!TimeOnly.TryParseExact(ExtendTime?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            refusal.Add("extend-time", L["Enter a time as HH:MM, for example {0}.", "18:00"]);
        }
        if (refusal.IsEmpty && ForumClock.Unclear(day, time, L) is { } unclear)
        {
            refusal.Add("extend-time", unclear);
        }
        if (refusal.IsEmpty && await desk.ExtendAsync(Forum, Session, part!.Value, ForumClock.ToUtc(day, time), User, HttpContext.RequestAborted) is { } refused)
        {
            refusal.Add("extend-day", refused);
        }
        if (!refusal.IsEmpty)
        {
            this.ShowRefusal(refusal, Errors);
            Form = Reporting?.Draft is { } draft ? ReportForm.FromJson(draft) : ReportForm.From(Session);
            return Page();
        }
        return Redirect(ReportLinks.Write(Forum.Slug, Session.Key) + "?done=extended");
    }

    /// <summary>What every answer of the page needs, once the session is allowed.</summary>
    private async Task LoadAsync()
    {
        var cancel = HttpContext.RequestAborted;
        // Tracked when the page posts: a submission or a draft writes to this row, read once.
        Reporting = await desk.FindAsync(Session.Id, cancel, tracked: HttpMethods.IsPost(Request.Method));
        ForumClock = ForumClock.For(Forum.TimeZoneId);
        Now = clock.GetUtcNow().UtcDateTime;
        TakeawaysDue = ReportDeadlines.TakeawaysDue(Forum, Session, Reporting);
        ReportDue = ReportDeadlines.ReportDue(Forum, Reporting);
    }

    /// <summary>"in 1 h 25 min", "3 days 4 h ago": how far a deadline is, in words.</summary>
    public string Countdown(DateTime due)
    {
        var left = due - Now;
        var span = left.Duration();
        var amount = span.TotalDays >= 1
            ? L["{0} d {1} h", (int)span.TotalDays, span.Hours].Value
            : L["{0} h {1} min", (int)span.TotalHours, span.Minutes].Value;
        return left >= TimeSpan.Zero ? L["Due in {0}", amount] : L["Overdue by {0}", amount];
    }
}
