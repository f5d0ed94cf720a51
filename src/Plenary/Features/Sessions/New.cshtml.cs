using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
using Plenary.Features.Manage;
using Plenary.Features.Sdgs;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Sessions;

/// <summary>The Secretariat adds a session by hand; its people are added on the page that follows.</summary>
public sealed class NewModel(PlenaryDb db, IAuthorizationService authorization, SessionChange change, SdgCatalogue sdgs,
    IOutputCacheStore cache, TimeProvider clock, IStringLocalizer<SharedResource> L) : ManagePageModel(db, authorization)
{
    [BindProperty] public SessionForm Form { get; set; } = new();
    [BindProperty] public string? TargetsText { get; set; }
    [BindProperty] public string? TagsText { get; set; }
    public SdgCatalogue Sdgs { get; } = sdgs;

    public async Task<IActionResult> OnGetAsync(string forum, string? type)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        var chosen = Forum.SessionTypes.FirstOrDefault(t => t.Code == type) ?? Forum.SessionTypes.FirstOrDefault();
        Form = new SessionForm
        {
            Type = chosen?.Code, LengthMinutes = chosen?.DefaultLengthMinutes ?? 60, Format = nameof(SessionFormat.Panel),
            Layout = nameof(Rooms.RoomLayout.Theater), Status = nameof(SessionStatus.Scheduled),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        var cancel = HttpContext.RequestAborted;
        Form.SdgTargets = EditModel.Split(TargetsText);
        Form.Tags = EditModel.Split(TagsText);
        var errors = await change.CheckAsync(Forum, null, Form, timetable: true, cancel);
        EditModel.AddBindingErrors(ModelState, errors, L);
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                Errors[field] = message;
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var type = Forum.SessionTypes.First(t => string.Equals(t.Code, Form.Type!.Trim(), StringComparison.OrdinalIgnoreCase));
        var session = new Session
        {
            ForumId = Forum.Id, TypeId = type.Id, Title = Form.Title!,
            Number = Form.Number ?? await change.NextNumberAsync(Forum.Id, type.Id, cancel),
        };
        change.Apply(Forum, session, Form, timetable: true);
        // The forum's types are read untracked: linked by id only, so the type is not inserted again.
        var key = SessionKey.Format(type.Code, session.Number);
        Db.Sessions.Add(session);
        Db.Record(User, clock, Forum.Id, "session.create", key, null, SessionChange.Snapshot(session));
        await Db.SaveChangesAsync(cancel);
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, cancel);
        return Redirect($"/{Forum.Slug}/sessions/{key}/edit#people");
    }
}
