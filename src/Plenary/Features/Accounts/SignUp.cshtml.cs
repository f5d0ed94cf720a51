using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Plenary.Features.Mail;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

[AllowAnonymous]
public sealed class SignUpModel(SignUpChange change, Mailer mailer, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(localizer)
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Password { get; set; }

    /// <summary>Where to go after confirming and signing in, e.g. back to an invitation; carried through the confirmation link.</summary>
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Email = Email?.Trim();
        Name = Name?.Trim();
        var language = Infrastructure.Localization.LocalizationSetup.CurrentUiCulture;
        var created = await change.CreateAsync(new SignUpForm { Email = Email, Name = Name, Password = Password }, language, LocalOrNull(ReturnUrl), HttpContext.RequestAborted);
        if (!created.IsDone)
        {
            this.ShowRefusal(created.Reasons, Errors);
            Password = null;
            return Page();
        }
        mailer.SendSoon();
        return RedirectToPage("CheckEmail", new { email = Email });
    }
}
