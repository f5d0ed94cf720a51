using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

/// <summary>The profile a person owns: it is their public record on session pages and prefills every later form.</summary>
[Authorize]
public sealed class IndexModel(PlenaryDb db, UserManager<Account> accounts, IValidator<PersonForm> validator,
    IValidator<ProfileSettings> settingsValidator, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(localizer)
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Honorific { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Affiliation { get; set; }
    [BindProperty] public StakeholderGroup? StakeholderGroup { get; set; }
    [BindProperty] public RegionalGroup? RegionalGroup { get; set; }
    [BindProperty] public string? Country { get; set; }
    [BindProperty] public Gender? Gender { get; set; }
    [BindProperty] public string? Language { get; set; }
    [BindProperty] public string? TimeZone { get; set; }

    public string Email { get; private set; } = "";
    public bool TwoFactor { get; private set; }
    public bool Saved { get; private set; }

    /// <summary>The forums this person helps run, each with the way into their part: workspace, review or messages.</summary>
    public List<ForumRoleLink> ForumRoles { get; private set; } = [];

    public sealed record ForumRoleLink(string Slug, string ForumName, Kernel.Access.ForumRole Role, DateOnly FirstDay);

    public async Task<IActionResult> OnGetAsync()
    {
        var (account, person) = await LoadAsync();
        (Name, Honorific, Title, Affiliation, StakeholderGroup, RegionalGroup, Country, Gender) =
            (person.Name, person.Honorific, person.Title, person.Affiliation, person.StakeholderGroup, person.RegionalGroup, person.CountryCode, person.Gender);
        (Language, TimeZone) = (account.PreferredLanguage, account.TimeZoneId);
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (account, person) = await LoadAsync();
        // Groups that are not ours fail binding and would otherwise read as "not stated"; the posted text is checked instead.
        string? Raw<T>(string property, T? bound) where T : struct, Enum =>
            ModelState.GetFieldValidationState(property) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? Request.Form[property].ToString() : bound?.ToString();
        var profile = new PersonForm
        {
            Name = Name, Honorific = Honorific, Title = Title, Affiliation = Affiliation, Country = Country,
            StakeholderGroup = Raw(nameof(StakeholderGroup), StakeholderGroup), RegionalGroup = Raw(nameof(RegionalGroup), RegionalGroup),
        };
        var refusal = await validator.CheckAsync(profile.Trimmed(), new PersonForm.In(L["Enter your name as it should appear on session pages (at most 200 characters)."]),
            HttpContext.RequestAborted);
        (Name, Country) = (profile.Name, profile.Country);
        TimeZone = string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim();
        refusal.Add(await settingsValidator.RefusalAsync(new ProfileSettings { TimeZone = TimeZone, Gender = Raw(nameof(Gender), Gender) }, HttpContext.RequestAborted));
        var language = LocalizationSetup.UiCultures.FirstOrDefault(c => c == Language) ?? "en";
        if (!refusal.IsEmpty)
        {
            this.ShowRefusal(refusal, Errors);
            Email = account.Email!;
            return Page();
        }

        profile.Read().ApplyTo(person);
        person.Gender = Gender;
        db.People.Update(person);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        account.PreferredLanguage = language;
        account.TimeZoneId = TimeZone;
        await accounts.UpdateAsync(account);
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return RedirectToPage(null, null, new { saved = 1 }, null);
    }

    private async Task<(Account Account, Person Person)> LoadAsync()
    {
        var account = await accounts.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in person without an account.");
        Email = account.Email!;
        TwoFactor = account.TwoFactorEnabled;
        var person = await db.People.SingleAsync(p => p.Id == account.PersonId, HttpContext.RequestAborted);
        ForumRoles = await db.ForumMembers.Where(m => m.AccountId == account.Id)
            .Join(db.Forums, m => m.ForumId, f => f.Id, (m, f) => new ForumRoleLink(f.Slug, f.Name, m.Role, f.FirstDay))
            .ToListAsync(HttpContext.RequestAborted);
        ForumRoles = [.. ForumRoles.OrderByDescending(r => r.FirstDay).ThenBy(r => r.Role)];
        return (account, person);
    }
}
