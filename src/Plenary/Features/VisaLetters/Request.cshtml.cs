using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Registrations;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.VisaLetters;

/// <summary>
/// A registrant's own invitation letter: its state, the refusal's reason, the letter to download, and the request form
/// for those who did not ask when registering (until the forum starts). Only ever their own: the page reads the request
/// of the signed-in account and takes no id.
/// </summary>
[Authorize]
public sealed class RequestModel(PlenaryDb db, RegistrationChange registrations, VisaLetterChange visas, IValidator<VisaLetterForm> validator, PublicOrigin origin)
    : ForumPageModel(db)
{
    [BindProperty] public VisaLetterForm Form { get; set; } = new();

    public Registration? Registration { get; private set; }
    public VisaRequest? Visa { get; private set; }
    public bool IsOpen { get; private set; }
    public int RetentionDays { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (!await LoadAsync(forum))
        {
            return NotFound();
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
        if (Registration is null)
        {
            return Redirect(RegistrationLinks.Register(Forum.Slug));
        }
        if (await visas.RequestAsync(Forum, Registration, Form, validator, User, HttpContext.RequestAborted) is { } refusal)
        {
            this.ShowRefusal(refusal, Errors);
            return Page();
        }
        return Redirect(VisaLetterLinks.Request(Forum.Slug) + "?saved=1");
    }

    /// <summary>The letter's PDF, for its own registrant only.</summary>
    public async Task<IActionResult> OnGetLetterAsync(string forum)
    {
        if (!await LoadAsync(forum) || Visa is null)
        {
            return NotFound();
        }
        var pdf = await visas.LetterAsync(Forum, Visa, User, origin.Value, HttpContext.RequestAborted);
        return pdf is null ? NotFound() : File(pdf, "application/pdf", $"invitation-letter-{Forum.Slug}.pdf");
    }

    private async Task<bool> LoadAsync(string forum)
    {
        if (!await LoadForumAsync(forum))
        {
            return false;
        }
        var account = User.AccountId()!.Value;
        Registration = await registrations.OfAsync(Forum.Id, account, HttpContext.RequestAborted);
        Visa = await visas.OfAsync(Forum.Id, account, HttpContext.RequestAborted);
        IsOpen = visas.Open(Forum);
        RetentionDays = (await visas.SettingsAsync(Forum.Id, HttpContext.RequestAborted)).RetentionDays;
        return true;
    }
}
