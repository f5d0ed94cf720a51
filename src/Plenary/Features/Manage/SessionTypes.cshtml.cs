using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>The kinds of session the forum runs: add, change and remove (a type with sessions stays), audited and public at once.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class SessionTypesModel(PlenaryDb db, SessionTypeChange change) : ManagePageModel(db)
{
    public const int MinLength = SessionTypeChange.MinLength;
    public const int MaxLength = SessionTypeChange.MaxLength;

    /// <summary>The type being added (Id 0) or changed.</summary>
    [BindProperty] public int Id { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? NumberLabel { get; set; }
    [BindProperty] public int? DefaultLengthMinutes { get; set; }

    public List<SessionType> Types { get; private set; } = [];
    public Dictionary<int, int> SessionsPerType { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum, int? edit)
    {
        if (edit is { } id && Forum.SessionTypes.FirstOrDefault(t => t.Id == id) is { } type)
        {
            (Id, Code, Name, NumberLabel, DefaultLengthMinutes) = (type.Id, type.Code, type.Name, type.NumberLabel, type.DefaultLengthMinutes);
        }
        else
        {
            DefaultLengthMinutes = 60;
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum)
    {
        var existing = Id == 0 ? null : Forum.SessionTypes.FirstOrDefault(t => t.Id == Id);
        if (Id != 0 && existing is null)
        {
            return NotFound();
        }
        var form = new SessionTypeForm { Code = Code, Name = Name, NumberLabel = NumberLabel, DefaultLengthMinutes = DefaultLengthMinutes };
        var saved = await change.SaveAsync(Forum, existing, form, User, HttpContext.RequestAborted);
        (Code, Name, NumberLabel) = (form.Code, form.Name, form.NumberLabel);
        if (!saved.IsDone)
        {
            this.ShowRefusal(saved.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(ManageLinks.SessionTypes(Forum.Slug));
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, int type)
    {
        if (Forum.SessionTypes.FirstOrDefault(t => t.Id == type) is not { } found)
        {
            return NotFound();
        }
        if (await change.RemoveAsync(Forum, found, User, HttpContext.RequestAborted) is { } refused)
        {
            this.ShowRefusal(Refusal.Of("", refused).WithStatus(StatusCodes.Status409Conflict), Errors);
            return await ShowAsync();
        }
        return Redirect(ManageLinks.SessionTypes(Forum.Slug));
    }

    private async Task<IActionResult> ShowAsync()
    {
        Types = Forum.SessionTypes.OrderBy(t => t.Position).ThenBy(t => t.Code).ToList();
        SessionsPerType = await Db.Sessions.Where(s => s.ForumId == Forum.Id).GroupBy(s => s.TypeId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, HttpContext.RequestAborted);
        return Page();
    }
}
