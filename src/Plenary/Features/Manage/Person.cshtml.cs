using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>
/// The Secretariat corrects how a person listed on its sessions is shown. A person with an account owns their profile,
/// so only people without one can be changed here; gender is self-described and never set by anyone else.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class PersonModel(PlenaryDb db, PersonChange change) : ManagePageModel(db)
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
    public bool Merged { get; private set; }

    /// <summary>Other people of this forum who may be this one.</summary>
    public List<Lookalike> Lookalikes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum, int id)
    {
        if (await FindAsync(id) is { } notFound)
        {
            return notFound;
        }
        (Name, Honorific, Title, Affiliation, StakeholderGroup, RegionalGroup, Country) =
            (Person.Name, Person.Honorific, Person.Title, Person.Affiliation, Person.StakeholderGroup, Person.RegionalGroup, Person.CountryCode);
        Saved = Request.Query.ContainsKey("saved");
        Merged = Request.Query.ContainsKey("merged");
        var prints = await Duplicates.ForumPrintsAsync(Db, Forum.Id, HttpContext.RequestAborted);
        Lookalikes = Duplicates.Of(prints.Single(p => p.Id == id), new Duplicates.Index(prints));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum, int id)
    {
        if (await FindAsync(id) is { } notFound)
        {
            return notFound;
        }
        // Groups that are not ours fail binding and would otherwise read as "not stated"; the posted text is checked instead.
        string? Raw<T>(string property, T? bound) where T : struct, Enum =>
            ModelState.GetFieldValidationState(property) == ModelValidationState.Invalid ? Request.Form[property].ToString() : bound?.ToString();
        var form = new PersonForm
        {
            Name = Name, Honorific = Honorific, Title = Title, Affiliation = Affiliation, Country = Country,
            StakeholderGroup = Raw(nameof(StakeholderGroup), StakeholderGroup), RegionalGroup = Raw(nameof(RegionalGroup), RegionalGroup),
        };
        var saved = await change.SaveAsync(Forum, Person, form, User, HttpContext.RequestAborted);
        (Name, Country) = (form.Name, form.Country);
        if (!saved.IsDone)
        {
            this.ShowRefusal(saved.Reasons, Errors);
            return Page();
        }
        return Redirect(ManageLinks.Person(Forum.Slug, Person.Id) + "?saved=1");
    }

    private async Task<IActionResult?> FindAsync(int id)
    {
        // Only people of this forum's sessions: another forum's Secretariat has no say over them.
        if (await change.FindAsync(Forum, id, HttpContext.RequestAborted) is not { } person)
        {
            // A record merged into another leads to it, as its public page does.
            return await PersonMerging.SurvivorOfAsync(Db, id, HttpContext.RequestAborted) is { } survivor
                ? RedirectPermanent(ManageLinks.Person(Forum.Slug, survivor))
                : NotFound();
        }
        Person = person;
        HasAccount = await change.HasAccountAsync(id, HttpContext.RequestAborted);
        var roles = await (from r in Db.SessionRoles
                           join s in Db.Sessions on r.SessionId equals s.Id
                           where r.PersonId == id && s.ForumId == Forum.Id
                           orderby s.Type.Position, s.Number
                           select new { s.Type.Code, s.Type.NumberLabel, s.Number, s.Title, r.Kind }).ToListAsync(HttpContext.RequestAborted);
        Roles = roles.Select(r => (SessionKey.Format(r.Code, r.Number), $"{r.NumberLabel} #{r.Number}", r.Title, r.Kind)).ToList();
        return null;
    }
}
