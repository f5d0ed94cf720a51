using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Manage;

/// <summary>
/// The Secretariat corrects how a person listed on its sessions is shown. A person with an account owns their profile,
/// so only people without one can be changed here; gender is self-described and never set by anyone else.
/// </summary>
public sealed class PersonModel(PlenaryDb db, IAuthorizationService authorization, IOutputCacheStore cache, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db, authorization)
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Honorific { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Affiliation { get; set; }
    [BindProperty] public StakeholderGroup? StakeholderGroup { get; set; }
    [BindProperty] public RegionalGroup? RegionalGroup { get; set; }
    [BindProperty] public string? Country { get; set; }

    public Person Person { get; private set; } = null!;
    public bool HasAccount { get; private set; }
    public List<(string Key, string NumberedName, string Title, SessionRoleKind Role)> Roles { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, int id)
    {
        if (await DeniedAsync(forum, id) is { } denied)
        {
            return denied;
        }
        (Name, Honorific, Title, Affiliation, StakeholderGroup, RegionalGroup, Country) =
            (Person.Name, Person.Honorific, Person.Title, Person.Affiliation, Person.StakeholderGroup, Person.RegionalGroup, Person.CountryCode);
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum, int id)
    {
        if (await DeniedAsync(forum, id) is { } denied)
        {
            return denied;
        }
        if (HasAccount)
        {
            Errors[""] = L["This person has an account and keeps their own profile. Ask them to change it."];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Name = Name?.Trim();
        Country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > SessionPeople.MaxName)
        {
            Errors["name"] = L["Write the person's name, at most {0} characters.", SessionPeople.MaxName];
        }
        foreach (var (field, value, max) in new[] { ("honorific", Honorific, 20), ("title", Title, 300), ("affiliation", Affiliation, 300) })
        {
            if (value?.Length > max)
            {
                Errors[field] = L["Shorten this to at most {0} characters.", max];
            }
        }
        if (Country is not null && !Countries.Codes.Contains(Country))
        {
            Errors["country"] = L["Choose a country from the list."];
        }
        foreach (var (field, property) in new[] { ("stakeholder", nameof(StakeholderGroup)), ("region", nameof(RegionalGroup)) })
        {
            if (ModelState.GetFieldValidationState(property) == ModelValidationState.Invalid)
            {
                Errors[field] = L["Choose from the list."];
            }
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var before = Describe(Person);
        Person.Name = Name!;
        Person.Honorific = Blank(Honorific);
        Person.Title = Blank(Title);
        Person.Affiliation = Blank(Affiliation);
        (Person.StakeholderGroup, Person.RegionalGroup, Person.CountryCode) = (StakeholderGroup, RegionalGroup, Country);
        Db.People.Update(Person);
        Db.Record(User, clock, Forum.Id, "person.change", $"{Person.Id} {Person.Name}", before, Describe(Person));
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, HttpContext.RequestAborted);
        return Redirect($"/{Forum.Slug}/manage/people/{Person.Id}?saved=1");
    }

    private async Task<IActionResult?> DeniedAsync(string forum, int id)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        // Only people of this forum's sessions: another forum's Secretariat has no say over them.
        if (await Db.ForumPeople(Forum.Id).FirstOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted) is not { } person)
        {
            return NotFound();
        }
        Person = person;
        HasAccount = await Db.Users.AnyAsync(a => a.PersonId == id, HttpContext.RequestAborted);
        var roles = await (from r in Db.SessionRoles
                           join s in Db.Sessions on r.SessionId equals s.Id
                           where r.PersonId == id && s.ForumId == Forum.Id
                           orderby s.Type.Position, s.Number
                           select new { s.Type.Code, s.Type.NumberLabel, s.Number, s.Title, r.Kind }).ToListAsync(HttpContext.RequestAborted);
        Roles = roles.Select(r => (SessionKey.Format(r.Code, r.Number), $"{r.NumberLabel} #{r.Number}", r.Title, r.Kind)).ToList();
        return null;
    }

    private static object Describe(Person p) => new
    {
        p.Name, p.Honorific, p.Title, p.Affiliation, StakeholderGroup = p.StakeholderGroup?.ToString(), RegionalGroup = p.RegionalGroup?.ToString(), Country = p.CountryCode,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
