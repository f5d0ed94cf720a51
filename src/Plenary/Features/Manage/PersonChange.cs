using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>
/// The Secretariat corrects how a person listed on its sessions is shown, with one set of rules for page and API. A
/// person with an account owns their profile, so only people without one change here; gender is never set by anyone else.
/// </summary>
public sealed class PersonChange(PlenaryDb db, IValidator<PersonForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    /// <summary>A person of this forum's sessions; another forum's Secretariat has no say over the others.</summary>
    public Task<Person?> FindAsync(Forum forum, int id, CancellationToken cancel) =>
        db.ForumPeople(forum.Id).FirstOrDefaultAsync(p => p.Id == id, cancel);

    public Task<bool> HasAccountAsync(int personId, CancellationToken cancel) => db.Users.AnyAsync(a => a.PersonId == personId, cancel);

    /// <summary>
    /// Saves the form into <paramref name="person"/> (not tracked); the problems by field, or why the person cannot be
    /// changed here at all (409). Trims the form in place, so a page shows what was checked.
    /// </summary>
    public async Task<ChangeResult<Person>> SaveAsync(Forum forum, Person person, PersonForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (await HasAccountAsync(person.Id, cancel))
        {
            return Refusal.Of("", L["This person has an account and keeps their own profile. Ask them to change it."]).WithStatus(StatusCodes.Status409Conflict);
        }
        var nameMessage = L["Write the person's name, at most {0} characters.", PersonForm.MaxName];
        if (await validator.CheckAsync(form.Trimmed(), new PersonForm.In(nameMessage), cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var before = Describe(person);
        form.Read().ApplyTo(person);
        db.People.Update(person);
        db.Record(user, clock, forum.Id, "person.change", $"{person.Id} {person.Name}", before, Describe(person));
        await db.SaveChangesAsync(cancel);
        return ChangeResult<Person>.Done(person);
    }

    private static object Describe(Person p) => new
    {
        p.Name, p.Honorific, p.Title, p.Affiliation, StakeholderGroup = p.StakeholderGroup?.ToString(), RegionalGroup = p.RegionalGroup?.ToString(), Country = p.CountryCode,
    };
}
