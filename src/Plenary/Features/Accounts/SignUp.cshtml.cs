using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Plenary.Features.Mail;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Accounts;

[AllowAnonymous]
public sealed class SignUpModel(PlenaryDb db, UserManager<Account> accounts, Mailer mailer, TimeProvider clock,
    IOptions<AccountsOptions> options, IStringLocalizer<SharedResource> localizer)
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
        var cancel = HttpContext.RequestAborted;
        Email = Email?.Trim();
        Name = Name?.Trim();
        if (!LooksLikeEmail(Email))
        {
            Fail("email", L["Enter an e-mail address such as name@example.org."]);
        }
        if (!Infrastructure.Web.SingleLine.Holds(Name))
        {
            Fail("name", Infrastructure.Web.SingleLine.Problem(L));
        }
        else if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            Fail("name", L["Enter your name as it should appear on session pages (at most 200 characters)."]);
        }
        if (string.IsNullOrEmpty(Password))
        {
            Fail("password", L["Choose a password of at least {0} characters. A few words strung together work well.", 10]);
        }
        if (Errors.Count > 0)
        {
            return Invalid();
        }
        if (await accounts.FindByEmailAsync(Email!) is not null)
        {
            Fail("email", L["An account with this e-mail address already exists. Sign in, or reset your password if you have forgotten it."]);
            return Invalid();
        }
        if (await mailer.CountRecentAsync(Email!, "confirm-email", TimeSpan.FromHours(1), cancel) >= options.Value.MessagesPerHourPerEmail)
        {
            Fail("email", L["We have already written to this address several times in the last hour. Please wait before trying again."]);
            return Invalid();
        }

        // The person, the account and the confirmation message are written together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var person = new Person { Name = Name! };
        db.People.Add(person);
        await db.SaveChangesAsync(cancel);
        var language = Infrastructure.Localization.LocalizationSetup.UiCultures.Contains(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)
            ? System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : "en";
        var account = new Account
        {
            UserName = Email, Email = Email, PersonId = person.Id, PreferredLanguage = language, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await accounts.CreateAsync(account, Password!);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(cancel);
            foreach (var error in created.Errors)
            {
                Fail(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : error.Code.Contains("Email") || error.Code.Contains("UserName") ? "email" : "", error.Description);
            }
            return Invalid();
        }
        await QueueConfirmationAsync(mailer, accounts, account, Name!, LocalOrNull(ReturnUrl));
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        mailer.SendSoon();
        return RedirectToPage("CheckEmail", new { email = Email });
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Password = null;
        return Page();
    }
}
