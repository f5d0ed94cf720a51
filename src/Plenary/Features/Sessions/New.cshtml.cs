using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Features.Sdgs;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sessions;

/// <summary>The Secretariat adds a session by hand; its people are added on the page that follows.</summary>
[ForumPolicy(Policies.RunForum)]
public sealed class NewModel(PlenaryDb db, SessionChange change, SdgCatalogue sdgs,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    [BindProperty] public SessionForm Form { get; set; } = new();
    [BindProperty] public string? TargetsText { get; set; }
    [BindProperty] public string? TagsText { get; set; }
    public SdgCatalogue Sdgs { get; } = sdgs;

    public async Task<IActionResult> OnGetAsync(string forum, string? type)
    {
        var chosen = Forum.SessionTypes.FirstOrDefault(t => t.Code == type) ?? Forum.SessionTypes.FirstOrDefault();
        Form = new SessionForm
        {
            Type = chosen?.Code, LengthMinutes = chosen?.DefaultLengthMinutes ?? 60, Format = nameof(SessionFormat.Panel),
            Status = nameof(SessionStatus.Scheduled),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum)
    {
        var cancel = HttpContext.RequestAborted;
        Form.SdgTargets = EditModel.Split(TargetsText);
        Form.Tags = EditModel.Lines(TagsText);
        var binding = new Dictionary<string, string>();
        EditModel.AddBindingErrors(ModelState, binding, L);
        var result = binding.Count > 0 ? Refusal.From(binding) : await change.CreateAsync(Forum, Form, User, cancel);
        if (result is not { IsDone: true, Value: { } key })
        {
            this.ShowRefusal(result.Reasons, Errors);
            return Page();
        }
        return Redirect(SessionLinks.Edit(Forum.Slug, key) + "#people");
    }
}
