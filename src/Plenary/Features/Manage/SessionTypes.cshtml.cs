using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Manage;

/// <summary>The kinds of session the forum runs: add, change and remove (a type with sessions stays), audited and public at once.</summary>
public sealed class SessionTypesModel(PlenaryDb db, IAuthorizationService authorization, IOutputCacheStore cache, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db, authorization)
{
    public const int MinLength = 5;
    public const int MaxLength = 480;

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
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
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
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        var existing = Id == 0 ? null : Forum.SessionTypes.FirstOrDefault(t => t.Id == Id);
        if (Id != 0 && existing is null)
        {
            return NotFound();
        }
        Code = Code?.Trim().ToUpperInvariant();
        Name = Name?.Trim();
        NumberLabel = NumberLabel?.Trim();
        if (string.IsNullOrEmpty(Code) || Code.Length > 10 || !Code.All(char.IsAsciiLetterOrDigit))
        {
            Errors["code"] = L["Give the type a code of 1 to 10 letters or digits, such as WS or DAY0."];
        }
        else if (Forum.SessionTypes.Any(t => t.Id != Id && t.Code == Code))
        {
            Errors["code"] = L["This forum already has a session type with the code {0}.", Code];
        }
        if (string.IsNullOrEmpty(Name) || Name.Length > 100)
        {
            Errors["name"] = L["Give the type a name of at most {0} characters.", 100];
        }
        if (string.IsNullOrEmpty(NumberLabel) || NumberLabel.Length > 60)
        {
            Errors["label"] = L["Give the number label, such as “Open Forum” for “Open Forum #56”, in at most {0} characters.", 60];
        }
        if (DefaultLengthMinutes is not (>= MinLength and <= MaxLength))
        {
            Errors["length"] = L["Enter the usual length in minutes, from {0} to {1}.", MinLength, MaxLength];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }

        var after = new { Code, Name, NumberLabel, DefaultLengthMinutes };
        if (existing is null)
        {
            Db.SessionTypes.Add(new SessionType
            {
                ForumId = Forum.Id, Code = Code!, Name = Name!, NumberLabel = NumberLabel!, DefaultLengthMinutes = DefaultLengthMinutes!.Value,
                Position = Forum.SessionTypes.Select(t => t.Position).DefaultIfEmpty().Max() + 1,
            });
            Db.Record(User, clock, Forum.Id, "session-type.add", Code!, null, after);
        }
        else
        {
            var before = new { existing.Code, existing.Name, existing.NumberLabel, existing.DefaultLengthMinutes };
            // Queries do not track by default; attached, only the changed columns are written.
            Db.Attach(existing);
            (existing.Code, existing.Name, existing.NumberLabel, existing.DefaultLengthMinutes) = (Code!, Name!, NumberLabel!, DefaultLengthMinutes!.Value);
            Db.Record(User, clock, Forum.Id, "session-type.change", Code!, before, after);
        }
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, HttpContext.RequestAborted);
        return Redirect($"/{Forum.Slug}/manage/session-types");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, int type)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        if (Forum.SessionTypes.FirstOrDefault(t => t.Id == type) is not { } found)
        {
            return NotFound();
        }
        var sessions = await Db.Sessions.CountAsync(s => s.TypeId == type, HttpContext.RequestAborted);
        if (sessions > 0)
        {
            // Sessions are numbered within their type; without it they would have neither a name nor an address.
            Errors[""] = L["{0} sessions are of the type “{1}”. A type is removed only when no session uses it.", sessions, found.Name];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync();
        }
        Db.SessionTypes.Remove(found);
        Db.Record(User, clock, Forum.Id, "session-type.remove", found.Code, new { found.Code, found.Name, found.NumberLabel, found.DefaultLengthMinutes }, null);
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, HttpContext.RequestAborted);
        return Redirect($"/{Forum.Slug}/manage/session-types");
    }

    private async Task<IActionResult> ShowAsync()
    {
        Types = Forum.SessionTypes.OrderBy(t => t.Position).ThenBy(t => t.Code).ToList();
        SessionsPerType = await Db.Sessions.Where(s => s.ForumId == Forum.Id).GroupBy(s => s.TypeId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, HttpContext.RequestAborted);
        return Page();
    }
}
