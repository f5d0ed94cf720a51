using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Registrations;

/// <summary>Registering for a forum, prefilled from the profile; the same page shows the registration's state and changes it.</summary>
[Authorize]
public sealed class RegisterModel(PlenaryDb db, RegistrationChange registrations, Plenary.Features.VisaLetters.VisaLetterChange visas) : ForumPageModel(db)
{
    [BindProperty] public RegistrationForm Form { get; set; } = new();

    public Registration? Current { get; private set; }
    public RegistrationSettings Settings { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; private set; } = [];
    public bool Saved { get; private set; }

    /// <summary>The registrant's request for an invitation letter, if any: the page then links to it instead of asking again.</summary>
    public Plenary.Features.VisaLetters.VisaRequest? Visa { get; private set; }

    /// <summary>Letters are asked for until the forum starts.</summary>
    public bool VisaOpen { get; private set; }
    public int VisaRetentionDays { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadAsync(forum))
        {
            return NotFound();
        }
        if (Current is not null)
        {
            Form = RegistrationForm.From(Current);
        }
        else
        {
            var person = await Db.Users.Where(a => a.Id == User.AccountId()).Select(a => a.Person).SingleAsync(HttpContext.RequestAborted);
            Form = RegistrationForm.From(person, Forum);
        }
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum)
    {
        if (!await LoadAsync(forum))
        {
            return NotFound();
        }
        if (ModelState.GetFieldValidationState("Form.HubHeadcount") == ModelValidationState.Invalid)
        {
            Form.HubHeadcount = -1;
        }
        var registered = await registrations.RegisterAsync(Forum, User, Form, HttpContext.RequestAborted);
        if (!registered.IsDone)
        {
            this.ShowRefusal(registered.Reasons, Errors);
            return Page();
        }
        return Redirect(RegistrationLinks.Register(Forum.Slug) + "?saved=1");
    }

    private async Task<bool> LoadAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return false;
        }
        Settings = await registrations.SettingsAsync(Forum.Id, HttpContext.RequestAborted);
        Current = await registrations.OfAsync(Forum.Id, User.AccountId()!.Value, HttpContext.RequestAborted);
        Visa = await visas.OfAsync(Forum.Id, User.AccountId()!.Value, HttpContext.RequestAborted);
        VisaOpen = visas.Open(Forum);
        VisaRetentionDays = (await visas.SettingsAsync(Forum.Id, HttpContext.RequestAborted)).RetentionDays;
        return true;
    }
}
