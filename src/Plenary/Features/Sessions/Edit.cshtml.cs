using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Localization;
using Plenary.Kernel.Access;
using Plenary.Features.People;
using Plenary.Features.Sdgs;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sessions;

/// <summary>
/// Changing a session: its text, SDGs and people for its organisers; also its type, length, status and place in the
/// timetable for the Secretariat. Every change is audited and public at once.
/// </summary>
[SessionPolicy(Policies.EditSession, Tracked = true)]
public sealed class EditModel(PlenaryDb db, SessionChange change, SessionRoleChange people, SdgCatalogue sdgs, SessionSdgSuggestions suggestions,
    Registrations.JoinLinkChange join, IStringLocalizer<SharedResource> L) : SessionPageModel(db)
{
    /// <summary>The session's own online meeting, overriding its room's.</summary>
    [BindProperty] public string? MeetingUrl { get; set; }
    [BindProperty] public string? Passcode { get; set; }

    [BindProperty] public SessionForm Form { get; set; } = new();

    /// <summary>The targets as typed into one field, separated by commas or semicolons; the tags one a line, each whole (a tag may hold commas).</summary>
    [BindProperty] public string? TargetsText { get; set; }
    [BindProperty] public string? TagsText { get; set; }
    [BindProperty] public SessionRoleForm NewRole { get; set; } = new();

    public SdgCatalogue Sdgs { get; } = sdgs;
    public Dictionary<string, string> Errors { get; private set; } = [];

    /// <summary>True for the Secretariat and administrators: they also place the session in the timetable.</summary>
    public bool Timetable { get; private set; }
    public List<Person> Candidates { get; private set; } = [];
    public bool Saved { get; private set; }

    /// <summary>Set on a save refused as stale: the session as someone else saved it meanwhile, shown beside the form that keeps one's own.</summary>
    public Session? SavedMeanwhile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string key)
    {
        await LoadAsync();
        Form = SessionForm.From(Session, Forum);
        (TargetsText, TagsText) = Texts(Form);
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum, string key)
    {
        await LoadAsync();
        var cancel = HttpContext.RequestAborted;
        Form.SdgTargets = Split(TargetsText);
        Form.Tags = Lines(TagsText);
        var binding = new Dictionary<string, string>();
        AddBindingErrors(ModelState, binding, L);
        var refusal = binding.Count > 0 ? Refusal.From(binding) : (await change.ChangeAsync(Forum, Session, Form, Timetable, User, cancel)).Reasons;
        if (!refusal.IsEmpty)
        {
            if (refusal.Stale)
            {
                // The form keeps what this visitor typed; the page shows the version saved meanwhile beside it, and saving
                // again is a deliberate choice over the version now seen.
                SavedMeanwhile = (await Db.FindSessionAsync(Forum.Id, key, cancel))!;
                Session = SavedMeanwhile;
                Form.Version = SavedMeanwhile.Version;
            }
            this.ShowRefusal(refusal, Errors);
            return Page();
        }
        return Redirect(SessionLinks.Edit(Forum.Slug, Session.Key) + "?saved=1");
    }

    public async Task<IActionResult> OnPostAddRoleAsync(string forum, string key)
    {
        await LoadAsync();
        var cancel = HttpContext.RequestAborted;
        if (ModelState.GetFieldValidationState("NewRole.PersonId") == ModelValidationState.Invalid)
        {
            NewRole.PersonId = null;
        }
        var outcome = await people.AddAsync(Session, NewRole, User, cancel);
        if (outcome.Added is null)
        {
            Candidates = outcome.Candidates;
            Form = SessionForm.From(Session, Forum);
            (TargetsText, TagsText) = Texts(Form);
            this.ShowRefusal(outcome.Reasons, Errors);
            return Page();
        }
        return Redirect(SessionLinks.Edit(Forum.Slug, Session.Key) + "#people");
    }

    public async Task<IActionResult> OnPostJoinLinkAsync(string forum, string key)
    {
        await LoadAsync();
        var saved = await join.SaveAsync(Forum, Session.Id, null, Session.Key, MeetingUrl, Passcode, User, HttpContext.RequestAborted);
        if (!saved.Reasons.IsEmpty)
        {
            Form = SessionForm.From(Session, Forum);
            (TargetsText, TagsText) = Texts(Form);
            this.ShowRefusal(saved.Reasons, Errors);
            return Page();
        }
        return Redirect(SessionLinks.Edit(Forum.Slug, Session.Key) + "?saved=1#online");
    }

    public async Task<IActionResult> OnPostRemoveRoleAsync(string forum, string key, int role)
    {
        await LoadAsync();
        var cancel = HttpContext.RequestAborted;
        if (Session.Roles.FirstOrDefault(r => r.Id == role) is not { } found)
        {
            return NotFound();
        }
        if (await people.RemoveAsync(Session, found, Timetable, User, cancel) is { } refused)
        {
            Form = SessionForm.From(Session, Forum);
            (TargetsText, TagsText) = Texts(Form);
            this.ShowRefusal(Refusal.Of("", refused).WithStatus(StatusCodes.Status409Conflict), Errors);
            return Page();
        }
        return Redirect(SessionLinks.Edit(Forum.Slug, Session.Key) + "#people");
    }

    /// <summary>
    /// One click on a suggestion: the form comes back as typed with the goal ticked (and the target listed, for a
    /// target), nothing saved; saving stays the person's.
    /// </summary>
    public async Task<IActionResult> OnPostAddSdgAsync(string forum, string key, string? addSdg)
    {
        await LoadAsync();
        if (await join.StoredAsync(Session.Id, null, HttpContext.RequestAborted) is { } link)
        {
            (MeetingUrl, Passcode) = (link.Url, link.Passcode);
        }
        var code = (addSdg ?? "").Trim();
        if (Sdgs.FindTarget(code) is { } target)
        {
            var targets = Split(TargetsText);
            if (!targets.Contains(target.Code))
            {
                TargetsText = string.Join(", ", targets.Append(target.Code));
            }
            code = target.Goal.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var goal) && Sdgs.FindGoal(goal) is not null)
        {
            if (!Form.Sdgs.Contains(goal))
            {
                Form.Sdgs.Add(goal);
            }
        }
        else
        {
            this.ShowRefusal(Refusal.Of("sdgs", L["There is no such goal or target to add. Choose one of the suggestions."]), Errors);
        }
        return Page();
    }

    /// <summary>
    /// What the session's text suggests, as the form now stands (typed, not saved) with its takeaways and report, less
    /// the goals ticked and the targets listed.
    /// </summary>
    public IReadOnlyList<SdgOffer> Offers()
    {
        var text = SessionSdgSuggestions.TextOf(Form.Title, Form.Description, Form.Approach,
            (Form.Sections?.Values.AsEnumerable() ?? []).Concat(Session.Takeaways.Select(t => t.Text)).Concat(SessionSdgSuggestions.ReportTexts(Session.Report)));
        return suggestions.For(text, Form.Sdgs.ToHashSet(), Split(TargetsText).ToHashSet(StringComparer.Ordinal)).Take(5)
            .Select(s => new SdgOffer(s.Goal.Goal, s.Goal.Score, s.Goal.Matched, s.GoalChosen, s.Targets.Take(2).Select(t => t.Code).ToList())).ToList();
    }

    /// <summary>One line of the version saved meanwhile: its label, the value as saved, and whether it differs from what the visitor typed.</summary>
    public sealed record MeanwhileRow(string Label, string Saved, bool Differs, bool Text = false);

    /// <summary>The fields of the form as <see cref="SavedMeanwhile"/> holds them, beside the ones this visitor typed.</summary>
    public List<MeanwhileRow> MeanwhileRows()
    {
        if (SavedMeanwhile is null)
        {
            return [];
        }
        var saved = SessionForm.From(SavedMeanwhile, Forum);
        var (savedTargets, savedTags) = Texts(saved);
        var rows = new List<MeanwhileRow>();
        void Add(string label, string? stored, string? typed, string? shown = null, bool text = false) =>
            rows.Add(new(label, shown ?? stored ?? "", Same(stored) != Same(typed), text));
        string? Name<T>(string? value) where T : struct, Enum => Enum.TryParse<T>(value, out var v) ? Infrastructure.Localization.Labels.Label(L, v) : value;
        Add(L["Title"], saved.Title, Form.Title);
        Add(L["Format"], saved.Format, Form.Format, Name<SessionFormat>(saved.Format));
        Add(L["Format line as recorded"], saved.FormatLine, Form.FormatLine);
        Add(L["Layout"], saved.Layout, Form.Layout, Name<Rooms.RoomLayout>(saved.Layout) ?? L["None given"]);
        Add(L["Subtheme"], saved.Subtheme, Form.Subtheme, Forum.Subthemes.FirstOrDefault(x => x.Slug == saved.Subtheme)?.Name ?? L["None"]);
        Add(L["Description"], saved.Description, Form.Description, text: true);
        Add(L["Approach and policy questions"], saved.Approach, Form.Approach, text: true);
        foreach (var part in Forum.RecordSections.OrderBy(x => x.Position).ThenBy(x => x.Id))
        {
            Add(part.Title, saved.Sections?.GetValueOrDefault(part.Slug), Form.Sections?.GetValueOrDefault(part.Slug), text: true);
        }
        Add(L["Sustainable Development Goals"], string.Join(", ", saved.Sdgs), string.Join(", ", Form.Sdgs.Distinct().Order()), L.List(saved.Sdgs.Select(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Add(L["SDG targets"], savedTargets, string.Join(", ", Split(TargetsText)), L.List(saved.SdgTargets));
        Add(L["How the session serves these goals"], saved.SdgText, Form.SdgText, text: true);
        Add(L["Tags"], savedTags, string.Join("\n", Lines(TagsText)), text: true);
        if (Timetable)
        {
            Add(L["Length in minutes"], saved.LengthMinutes?.ToString(System.Globalization.CultureInfo.InvariantCulture), Form.LengthMinutes?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add(L["Day"], saved.Day, Form.Day);
            Add(L["Start"], saved.Start, Form.Start);
            Add(L["Room"], saved.RoomId?.ToString(System.Globalization.CultureInfo.InvariantCulture), Form.RoomId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Forum.Rooms.FirstOrDefault(r => r.Id == saved.RoomId)?.Name ?? L["Not yet scheduled"]);
            Add(L["Status"], saved.Status, Form.Status, Name<SessionStatus>(saved.Status));
        }
        return rows;

        static string Same(string? value) => (value ?? "").Trim().ReplaceLineEndings("\n");
    }

    /// <summary>What every answer of the page needs, once the session is allowed.</summary>
    private async Task LoadAsync()
    {
        Timetable = await Db.RunsForumAsync(User, Forum.Id, HttpContext.RequestAborted);
        if (HttpMethods.IsGet(Request.Method) && await join.StoredAsync(Session.Id, null, HttpContext.RequestAborted) is { } link)
        {
            (MeetingUrl, Passcode) = (link.Url, link.Passcode);
        }
    }

    internal static List<string> Split(string? text) =>
        (text ?? "").Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>One value a line, each kept whole: what the tags field gives back is exactly what it was given.</summary>
    internal static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>The targets and tags as their fields show them.</summary>
    internal static (string Targets, string Tags) Texts(SessionForm form) => (string.Join(", ", form.SdgTargets), string.Join("\n", form.Tags));

    /// <summary>Numbers that did not bind would otherwise read as "empty" and be saved as such.</summary>
    internal static void AddBindingErrors(ModelStateDictionary state, Dictionary<string, string> errors, IStringLocalizer L)
    {
        foreach (var (field, id, message) in new (string, string, Func<string>)[]
        {
            ("Form.Number", "number", () => L["Enter a number from 1 to {0}, or leave it empty for a session without a number.", SessionFormValidator.MaxNumber]),
            ("Form.LengthMinutes", "length", () => L["Enter the length in minutes, from {0} to {1}.", 5, 480]),
            ("Form.RoomId", "room", () => L["Choose a room from the list."]),
            ("Form.Sdgs", "sdgs", () => L["Choose goals from the list."]),
        })
        {
            if (state.GetFieldValidationState(field) == ModelValidationState.Invalid
                || state.Any(e => e.Key.StartsWith(field + "[", StringComparison.Ordinal) && e.Value?.ValidationState == ModelValidationState.Invalid))
            {
                errors[id] = message();
            }
        }
    }
}
