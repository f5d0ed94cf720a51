using System.Security.Claims;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Manage;

/// <summary>How the Secretariat shows a person, from the workspace form or the API. The groups arrive as text so a wrong one is named.</summary>
public sealed class PersonForm
{
    public string? Name { get; set; }
    public string? Honorific { get; set; }
    public string? Title { get; set; }
    public string? Affiliation { get; set; }
    public string? StakeholderGroup { get; set; }
    public string? RegionalGroup { get; set; }
    public string? Country { get; set; }
}

/// <summary>
/// The Secretariat corrects how a person listed on its sessions is shown, with one set of rules for page and API. A
/// person with an account owns their profile, so only people without one change here; gender is never set by anyone else.
/// </summary>
public sealed class PersonChange(PlenaryDb db, IOutputCacheStore cache, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    /// <summary>A person of this forum's sessions; another forum's Secretariat has no say over the others.</summary>
    public Task<Person?> FindAsync(Forum forum, int id, CancellationToken cancel) =>
        db.ForumPeople(forum.Id).FirstOrDefaultAsync(p => p.Id == id, cancel);

    public Task<bool> HasAccountAsync(int personId, CancellationToken cancel) => db.Users.AnyAsync(a => a.PersonId == personId, cancel);

    /// <summary>
    /// Saves the form into <paramref name="person"/> (not tracked); the problems by field, or why the person cannot be
    /// changed here at all. Trims the form in place, so a page shows what was checked.
    /// </summary>
    public async Task<(Dictionary<string, string> Errors, string? Refused)> SaveAsync(Forum forum, Person person, PersonForm form, ClaimsPrincipal user,
        CancellationToken cancel)
    {
        var errors = new Dictionary<string, string>();
        if (await HasAccountAsync(person.Id, cancel))
        {
            return (errors, L["This person has an account and keeps their own profile. Ask them to change it."]);
        }
        form.Name = form.Name?.Trim();
        form.Country = string.IsNullOrWhiteSpace(form.Country) ? null : form.Country.Trim().ToUpperInvariant();
        if (string.IsNullOrWhiteSpace(form.Name) || form.Name.Length > SessionPeople.MaxName)
        {
            errors["name"] = L["Write the person's name, at most {0} characters.", SessionPeople.MaxName];
        }
        foreach (var (field, value, max) in new[] { ("honorific", form.Honorific, 20), ("title", form.Title, 300), ("affiliation", form.Affiliation, 300) })
        {
            if (value?.Length > max)
            {
                errors[field] = L["Shorten this to at most {0} characters.", max];
            }
        }
        if (form.Country is not null && !Countries.Codes.Contains(form.Country))
        {
            errors["country"] = L["Choose a country from the list."];
        }
        var (stakeholderOk, stakeholder) = Parse<StakeholderGroup>(form.StakeholderGroup);
        var (regionOk, region) = Parse<RegionalGroup>(form.RegionalGroup);
        if (!stakeholderOk)
        {
            errors["stakeholder"] = L["Choose from the list."];
        }
        if (!regionOk)
        {
            errors["region"] = L["Choose from the list."];
        }
        if (errors.Count > 0)
        {
            return (errors, null);
        }
        var before = Describe(person);
        person.Name = form.Name!;
        person.Honorific = Blank(form.Honorific);
        person.Title = Blank(form.Title);
        person.Affiliation = Blank(form.Affiliation);
        (person.StakeholderGroup, person.RegionalGroup, person.CountryCode) = (stakeholder, region, form.Country);
        db.People.Update(person);
        db.Record(user, clock, forum.Id, "person.change", $"{person.Id} {person.Name}", before, Describe(person));
        await db.SaveChangesAsync(cancel);
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, cancel);
        return (errors, null);
    }

    /// <summary>Empty is "not stated"; anything else must be one of ours by name (a number would slip through Enum.TryParse).</summary>
    private static (bool Ok, T? Value) Parse<T>(string? text) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (true, null);
        }
        return Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _) ? (true, value) : (false, null);
    }

    private static object Describe(Person p) => new
    {
        p.Name, p.Honorific, p.Title, p.Affiliation, StakeholderGroup = p.StakeholderGroup?.ToString(), RegionalGroup = p.RegionalGroup?.ToString(), Country = p.CountryCode,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
